package org.rfrecon.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;

/** Host arrays to and from the device: every dtype survives the trip bit for bit. */
class HostArrayTest {

    private static final long SEED = System.nanoTime();

    @Test
    void realDtypesRoundTripThroughNDArray() {
        Random rng = new Random(SEED);
        long[] shape = {3, 1 + rng.nextInt(4)};
        int n = (int) (3 * shape[1]);
        byte[] bytes = new byte[n];
        rng.nextBytes(bytes);
        boolean[] bools = new boolean[n];
        float[] floats = new float[n];
        long[] longs = new long[n];
        for (int i = 0; i < n; i++) {
            bools[i] = rng.nextBoolean();
            floats[i] = (float) rng.nextGaussian();
            longs[i] = rng.nextLong();
        }
        HostArray[] all = {
            HostArray.ofFloats(shape, floats),
            HostArray.ofDoubles(shape, rng.doubles(n).toArray()),
            HostArray.ofLongs(shape, longs),
            HostArray.ofBooleans(shape, bools),
            HostArray.ofBytes(shape, bytes)
        };
        try (NDManager m = NDManager.newBaseManager()) {
            for (HostArray h : all) {
                NDArray a = h.toNDArray(m);
                assertEquals(new Shape(shape), a.getShape());
                assertEquals(h.dtype().partType(), a.getDataType());
                assertEquals(h, HostArray.fromNDArray(a), h.describe() + ", seed " + SEED);
            }
        }
    }

    @Test
    void complexDtypesRoundTripThroughComplexTensor() {
        Random rng = new Random(SEED);
        long[] shape = {2, 1 + rng.nextInt(3), 3};
        double[] c = rng.doubles(2 * 6 * shape[1]).map(v -> v - 0.5).toArray();
        try (NDManager m = NDManager.newBaseManager()) {
            for (DType t : new DType[] {DType.COMPLEX64, DType.COMPLEX128}) {
                HostArray h = HostArray.ofComplex(t, shape, c);
                ComplexTensor x = h.toComplexTensor(m);
                assertEquals(t.partType(), x.getDataType());
                assertEquals(h, HostArray.fromComplexTensor(x), t + ", seed " + SEED);
            }
            ComplexTensor x = HostArray.ofComplex(DType.COMPLEX128, shape, c).toComplexTensor(m);
            assertArrayEquals(c, x.toInterleaved(), "seed " + SEED);
        }
    }

    @Test
    void misuseIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> HostArray.ofDoubles(new long[] {3}, new double[2]));
        assertThrows(
                IllegalArgumentException.class,
                () -> HostArray.ofDoubles(new long[] {2}, new double[2]).toInterleaved());
        assertThrows(
                IllegalArgumentException.class,
                () -> HostArray.ofLongs(new long[] {1}, new long[1]).toUtf8());
        assertEquals("héllo", HostArray.ofUtf8("héllo").toUtf8());
    }
}
