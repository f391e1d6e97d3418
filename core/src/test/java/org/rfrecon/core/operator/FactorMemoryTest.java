package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.device.NativeMemory;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * An operator holds views of the caller's factors until a path needs its own copies: building a
 * {@link Kronecker2D} allocates no factor-sized array, and its per-pair factors appear on the first
 * per-pair product, with the same results as before (the folded {@code s A2} and the conjugates).
 */
class FactorMemoryTest {

    @Test
    void buildingTheOperatorCopiesNoFactor() {
        assumeTrue(NativeMemory.liveBytes() >= 0, "glibc's mallinfo2 is not available");
        Geometry g = Preset.SMALL.geometry();
        try (NDManager m = NDManager.newBaseManager()) {
            SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT32);
            long factorBytes = 8L * f.a2().getShape().size(); // one complex64-sized factor
            long before = NativeMemory.liveBytes();
            Kronecker2D k = new Kronecker2D(f.a1(), f.a2(), f.s());
            long built = NativeMemory.liveBytes() - before;
            // before this change the constructor made s A2, conj(s) A2^H and conj(A1): 3 factors
            assertTrue(
                    built < factorBytes / 2,
                    "building took " + built + " bytes; one factor is " + factorBytes);

            // the per-pair products (the volume operator's pair path) build their factors now and
            // agree with the products written out
            ComplexTensor w =
                    ComplexTensor.randomNormal(
                            m,
                            f.a2().getShape().slice(0, 2).addAll(k.domainShape()),
                            DataType.FLOAT32,
                            new Random(5));
            ComplexTensor s4 =
                    f.s().reshape(f.s().getShape().addAll(new ai.djl.ndarray.types.Shape(1, 1)));
            ComplexTensor expected = f.a2().mul(s4).matMul(w).matMul(f.a1().transpose());
            assertEquals(0, relative(k.applyPerPair(w), expected), 1e-5);
            ComplexTensor y =
                    ComplexTensor.randomNormal(m, k.rangeShape(), DataType.FLOAT32, new Random(6));
            ComplexTensor back = f.a2().mul(s4).conjTranspose().matMul(y).matMul(f.a1().conj());
            assertEquals(0, relative(k.adjointPerPair(y), back), 1e-5);
        }
    }

    private static double relative(ComplexTensor a, ComplexTensor b) {
        double num = a.sub(b).abs2().sum().toType(DataType.FLOAT64, false).getDouble();
        double den = b.abs2().sum().toType(DataType.FLOAT64, false).getDouble();
        return Math.sqrt(num / den);
    }
}
