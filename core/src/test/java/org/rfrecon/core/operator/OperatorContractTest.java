package org.rfrecon.core.operator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.testing.OperatorContract;

/** Every operator runs through the shared contract: dot test and batch consistency, float64. */
class OperatorContractTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** The list of every operator; a new operator adds one line here. */
    static Stream<Named<Function<NDManager, LinearOperator>>> operators() {
        DataType f64 = DataType.FLOAT64;
        return Stream.of(
                Named.of("Kronecker2D tiny", m -> Kronecker2D.of(Preset.TINY.geometry(), m, f64)),
                Named.of("Volume3D tiny-3d", m -> Volume3D.of(Preset.TINY_3D.geometry(), m, f64)),
                Named.of(
                        "Dense of Kronecker2D",
                        m -> Dense.of(Kronecker2D.of(Preset.TINY.geometry(), m, f64), m)),
                Named.of(
                        "Dense from factors",
                        m ->
                                Dense.ofFactors(
                                        SensingFactors.fresnel(Preset.TINY.geometry(), m, f64), m)),
                Named.of(
                        "ExactSpherical tiny",
                        m -> new ExactSpherical(Preset.TINY.geometry(), m, f64)),
                Named.of(
                        "ExactSpherical tiny-3d",
                        m -> new ExactSpherical(Preset.TINY_3D.geometry(), m, f64)),
                Named.of(
                        "PerSubcarrierLoop tiny",
                        m ->
                                new PerSubcarrierLoop(
                                        SensingFactors.fresnel(Preset.TINY.geometry(), m, f64))),
                Named.of(
                        "adjoint of Kronecker2D",
                        m -> Kronecker2D.of(Preset.TINY.geometry(), m, f64).adjointOperator()),
                Named.of(
                        "normal operator A^H A",
                        m -> {
                            LinearOperator a = Kronecker2D.of(Preset.TINY.geometry(), m, f64);
                            return Operators.compose(a.adjointOperator(), a);
                        }),
                Named.of(
                        "scaled sum",
                        m -> {
                            LinearOperator a = Kronecker2D.of(Preset.TINY.geometry(), m, f64);
                            LinearOperator e = new ExactSpherical(Preset.TINY.geometry(), m, f64);
                            return Operators.sum(Operators.scale(a, 0.5), e);
                        }),
                Named.of(
                        "stack of two",
                        m -> {
                            LinearOperator a = Kronecker2D.of(Preset.TINY.geometry(), m, f64);
                            return Operators.stack(List.of(a, Operators.scale(a, -2)));
                        }));
    }

    @ParameterizedTest
    @MethodSource("operators")
    void adjointPassesDotTest(Function<NDManager, LinearOperator> make) {
        try (NDManager m = manager.newSubManager()) {
            OperatorContract.assertAdjoint(make.apply(m), m, 1e-10);
        }
    }

    @ParameterizedTest
    @MethodSource("operators")
    void batchedInputsGiveSliceResults(Function<NDManager, LinearOperator> make) {
        try (NDManager m = manager.newSubManager()) {
            OperatorContract.assertBatchConsistent(make.apply(m), m, 1e-12);
        }
    }
}
