package org.rfrecon.core.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.operator.PairSharded;
import org.rfrecon.core.solver.PowerIteration;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.solver.XStep;
import org.rfrecon.core.testing.BaseManagerFixture;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/**
 * The sensing model from each source gives the same physics: stored factors give bit for bit the
 * geometry's operator, norm and lambda reference; the exact x-step exists exactly when the normal
 * operator is one Kronecker product and solves the shifted system; a wrapped operator is used as it
 * is and refuses another dtype.
 */
class SensingModelTest extends BaseManagerFixture {

    private static final Device CPU = Device.cpu();
    private static final DataType F32 = DataType.FLOAT32;
    private static final DataType F64 = DataType.FLOAT64;

    /** One pair, one subcarrier: the normal operator is one Kronecker product. */
    private static Geometry single() {
        Geometry g = Preset.TINY.geometry().selectPairs(0, 1);
        return g.toBuilder().setFreq(new double[] {g.freq()[0]}).build();
    }

    @Test
    void storedFactorsAreTheGeometrysOperatorBitForBit() {
        long seed = Seeds.fresh();
        for (Geometry g : new Geometry[] {Preset.TINY.geometry(), Preset.TINY_3D.geometry()}) {
            try (NDManager m = manager.newSubManager();
                    SensingModel fresnel = SensingModel.fresnel(g);
                    SensingModel stored =
                            SensingModel.ofFactors(SensingFactors.fresnel(g, m, F32))) {
                ComplexTensor x =
                        ComplexTensor.randomNormal(m, g.sceneShape(), F32, new Random(seed));
                LinearOperator a = fresnel.operator(CPU, F32);
                LinearOperator b = stored.operator(CPU, F32);
                assertSame(a, fresnel.operator(CPU, F32), "built once per device and dtype");
                ComplexTensor y = a.forward(x);
                assertArrayEquals(y.toInterleaved(), b.forward(x).toInterleaved(), "seed " + seed);
                assertArrayEquals(
                        a.adjoint(y).toInterleaved(), b.adjoint(y).toInterleaved(), "seed " + seed);
                assertEquals(fresnel.normSquared(CPU, F32), stored.normSquared(CPU, F32));
                assertEquals(fresnel.adjointMaxModulus(y), stored.adjointMaxModulus(y));
                assertEquals(g.sceneShape(), stored.sceneShape());
                assertEquals(g.measurementShape(), stored.measurementShape());
            }
        }
    }

    @Test
    void normAndLambdaReferenceAreTheDefinitions() {
        long seed = Seeds.fresh();
        Geometry g = Preset.TINY.geometry();
        try (NDManager m = manager.newSubManager();
                SensingModel model = SensingModel.fresnel(g)) {
            LinearOperator op = Operators.fresnel(g, m, F64);
            assertEquals(PowerIteration.largestEigenvalue(op, m), model.normSquared(), 1e-12);
            ComplexTensor y =
                    ComplexTensor.randomNormal(m, g.measurementShape(), F64, new Random(seed));
            NDArray max = op.adjoint(y).abs().max();
            assertEquals(Scalars.value(max), model.adjointMaxModulus(y), 1e-12, "seed " + seed);
        }
    }

    @Test
    void otherDtypesAreConvertedCopiesOfStoredFactors() {
        long seed = Seeds.fresh();
        Geometry g = Preset.TINY_3D.geometry();
        try (NDManager m = manager.newSubManager();
                SensingModel stored = SensingModel.ofFactors(SensingFactors.fresnel(g, m, F64))) {
            LinearOperator op32 = stored.operator(CPU, F32);
            assertEquals(F32, op32.dataType());
            ComplexTensor x = ComplexTensor.randomNormal(m, g.sceneShape(), F64, new Random(seed));
            OperatorContract.assertClose(
                    op32.forward(x.toType(F32)).toType(F64),
                    stored.operator(CPU, F64).forward(x),
                    1e-5,
                    "float32 copy vs float64, seed " + seed);
        }
    }

    @Test
    void exactXStepExistsForOneKroneckerProductAndSolvesTheShiftedSystem() {
        long seed = Seeds.fresh();
        Geometry g = single();
        try (NDManager m = manager.newSubManager();
                SensingModel model = SensingModel.fresnel(g)) {
            assertTrue(model.hasExactXStep());
            XStep x = model.xStep(CPU, F64, StoppingRule.fixed(3));
            assertSame(model.exactXStep(CPU, F64), x, "the default x-step is the exact one");
            LinearOperator op = model.operator(CPU, F64);
            ComplexTensor rhs =
                    ComplexTensor.randomNormal(m, g.sceneShape(), F64, new Random(seed));
            NDArray rho = m.create(0.3 * model.normSquared());
            ComplexTensor sol = x.solve(rhs, rho, null);
            OperatorContract.assertClose(
                    op.normal(sol).add(sol.scale(rho)),
                    rhs,
                    1e-9,
                    "(A^H A + rho) x = r, seed " + seed);
        }
        for (Geometry many : new Geometry[] {Preset.TINY.geometry(), Preset.TINY_3D.geometry()}) {
            try (SensingModel model = SensingModel.fresnel(many)) {
                assertFalse(model.hasExactXStep(), many.preset());
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class, () -> model.exactXStep(CPU, F64));
                assertTrue(e.getMessage().contains("P=2"), e.getMessage());
                assertFalse(
                        model.xStep(CPU, F64, StoppingRule.fixed(2))
                                instanceof org.rfrecon.core.solver.KroneckerExactXStep);
            }
        }
    }

    @Test
    void spreadModelsMatchTheUnsharded() {
        long seed = Seeds.fresh();
        Geometry g = Preset.TINY.geometry();
        List<Device> two = List.of(CPU, CPU);
        try (NDManager m = manager.newSubManager();
                SensingModel plain = SensingModel.fresnel(g);
                SensingModel spread = SensingModel.fresnel(g, two);
                SensingModel spreadStored =
                        SensingModel.ofFactors(SensingFactors.fresnel(g, m, F64), two)) {
            ComplexTensor x = ComplexTensor.randomNormal(m, g.sceneShape(), F64, new Random(seed));
            ComplexTensor want = plain.operator(CPU, F64).normal(x);
            for (SensingModel s : new SensingModel[] {spread, spreadStored}) {
                LinearOperator op = s.operator(CPU, F64);
                assertTrue(op instanceof PairSharded, s.toString());
                assertEquals(2, ((PairSharded) op).numShards());
                OperatorContract.assertClose(op.normal(x), want, 1e-12, s + ", seed " + seed);
            }
        }
    }

    @Test
    void aWrappedOperatorIsUsedAsItIs() {
        Geometry g = Preset.TINY.geometry();
        try (NDManager m = manager.newSubManager()) {
            LinearOperator op = Operators.fresnel(g, m, F32);
            SensingModel model = SensingModel.of(op);
            assertSame(op, model.operator(CPU, F32));
            assertThrows(IllegalArgumentException.class, () -> model.operator(CPU, F64));
            assertFalse(model.hasExactXStep());
            assertThrows(IllegalArgumentException.class, model::requireExactXStep);
            assertEquals(
                    PowerIteration.largestEigenvalue(op, m), model.normSquared(), 0, "own dtype");
            model.close();
            assertThrows(IllegalStateException.class, () -> model.operator(CPU, F32));
        }
    }
}
