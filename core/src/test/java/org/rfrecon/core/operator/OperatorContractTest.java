package org.rfrecon.core.operator;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.core.testing.BaseManagerFixture;
import org.rfrecon.core.testing.OperatorContract;

/**
 * Every operator runs through the shared contract ({@link OperatorContract#assertContract}), in
 * float32 and float64: the complex and the real dot test, {@code normal} against {@code
 * adjoint(forward)}, and batch consistency.
 */
class OperatorContractTest extends BaseManagerFixture {

    private static final Geometry TINY = Preset.TINY.geometry();
    private static final Geometry TINY_3D = Preset.TINY_3D.geometry();

    /** An operator made in a manager, in a dtype. */
    interface Factory extends BiFunction<NDManager, DataType, LinearOperator> {}

    /** The list of every operator; a new operator adds one line here. */
    static Stream<Named<Factory>> operators() {
        List<Device> twoCpus = List.of(Device.cpu(), Device.cpu());
        return Stream.of(
                op("Kronecker2D tiny", (m, t) -> Kronecker2D.of(TINY, m, t)),
                op("Volume3D tiny-3d", (m, t) -> Volume3D.of(TINY_3D, m, t)),
                op("Dense of Kronecker2D", (m, t) -> Dense.of(Kronecker2D.of(TINY, m, t), m)),
                op(
                        "Dense from factors",
                        (m, t) -> Dense.ofFactors(SensingFactors.fresnel(TINY, m, t), m)),
                op("ExactSpherical tiny", (m, t) -> new ExactSpherical(TINY, m, t)),
                op(
                        "ExactSpherical tiny-3d" + FLOAT64_ONLY,
                        (m, t) -> new ExactSpherical(TINY_3D, m, t)),
                op(
                        "PerSubcarrierLoop tiny",
                        (m, t) -> new PerSubcarrierLoop(SensingFactors.fresnel(TINY, m, t))),
                op("PairSharded tiny, 2 shards", (m, t) -> PairSharded.of(TINY, twoCpus, m, t)),
                op(
                        "PairSharded tiny-3d of factors, 2 shards",
                        (m, t) ->
                                PairSharded.of(SensingFactors.fresnel(TINY_3D, m, t), twoCpus, m)),
                op(
                        "SensingModel of stored float64 factors, as float32 or float64",
                        (m, t) -> {
                            SensingFactors f = SensingFactors.fresnel(TINY, m, DataType.FLOAT64);
                            SensingModel model = SensingModel.ofFactors(f);
                            return model.operator(m.getDevice(), t); // converted copies leak to
                            // the model's own managers until the JVM ends; a few kB
                        }),
                op(
                        "adjoint of Kronecker2D",
                        (m, t) -> Kronecker2D.of(TINY, m, t).adjointOperator()),
                op(
                        "normal operator A^H A",
                        (m, t) -> {
                            LinearOperator a = Kronecker2D.of(TINY, m, t);
                            return Operators.compose(a.adjointOperator(), a);
                        }),
                op(
                        "scaled sum",
                        (m, t) -> {
                            LinearOperator a = Kronecker2D.of(TINY, m, t);
                            LinearOperator e = new ExactSpherical(TINY, m, t);
                            return Operators.sum(Operators.scale(a, 0.5), e);
                        }),
                op(
                        "stack of two",
                        (m, t) -> {
                            LinearOperator a = Kronecker2D.of(TINY, m, t);
                            return Operators.stack(List.of(a, Operators.scale(a, -2)));
                        }));
    }

    /**
     * Marks an entry run in float64 only: the exact volume operator is the slowest of the list
     * (seconds per check) and its float32 path is the 2D one's, which runs in both.
     */
    private static final String FLOAT64_ONLY = " (float64 only)";

    /** Every operator in float32 and in float64. */
    static Stream<Arguments> operatorsAndDtypes() {
        return operators()
                .flatMap(
                        o ->
                                Stream.of(DataType.FLOAT32, DataType.FLOAT64)
                                        .filter(
                                                t ->
                                                        t == DataType.FLOAT64
                                                                || !o.getName()
                                                                        .endsWith(FLOAT64_ONLY))
                                        .map(t -> Arguments.of(o, t)));
    }

    private static Named<Factory> op(String name, Factory f) {
        return Named.of(name, f);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operatorsAndDtypes")
    void passesTheContract(Factory make, DataType dtype) {
        try (NDManager m = manager.newSubManager()) {
            OperatorContract.assertContract(make.apply(m, dtype), m);
        }
    }
}
