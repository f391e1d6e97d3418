package org.rfrecon.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * What {@link HostArray#toComplexTensor} and {@link HostArray#toNDArray} return stays valid for as
 * long as the caller's manager is open, whatever the garbage collector does meanwhile. DJL's CPU
 * {@code create} copies a heap buffer into a direct buffer that only the created array keeps
 * reachable; views of an array that was closed read freed memory once a collection has run. Each
 * round makes arrays from fresh random data, collects garbage, overwrites the freed memory with
 * other direct buffers of the same size and compares the values.
 */
class HostArrayLifetimeTest {

    private static final long SEED = System.nanoTime();
    private static final int ROUNDS = 12;

    @Test
    void arraysSurviveGarbageCollection() {
        Random rng = new Random(SEED);
        long[] shape = {4, 8, 16};
        int n = 4 * 8 * 16;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int round = 0; round < ROUNDS; round++) {
                try (NDManager s = m.newSubManager()) {
                    double[] c64 = gaussian(rng, 2 * n);
                    double[] c128 = gaussian(rng, 2 * n);
                    double[] r64 = gaussian(rng, n);
                    ComplexTensor a =
                            HostArray.ofComplex(DType.COMPLEX64, shape, c64).toComplexTensor(s);
                    ComplexTensor b =
                            HostArray.ofComplex(DType.COMPLEX128, shape, c128).toComplexTensor(s);
                    NDArray r = HostArray.ofDoubles(shape, r64).toNDArray(s);
                    churn(rng, 8L * 2 * n);
                    double[] want32 = new double[c64.length];
                    for (int i = 0; i < c64.length; i++) {
                        want32[i] = (float) c64[i];
                    }
                    String at = "round " + round + ", seed " + SEED;
                    assertArrayEquals(want32, a.toInterleaved(), at);
                    assertArrayEquals(c128, b.toInterleaved(), at);
                    assertArrayEquals(r64, r.toDoubleArray(), at);
                }
            }
        }
    }

    private static double[] gaussian(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /**
     * Collects garbage (so that cleaners free unreachable direct buffers), then allocates and fills
     * direct buffers of the sizes just freed, so that a freed block is likely reused and written.
     */
    private static void churn(Random rng, long bytes) {
        System.gc();
        List<ByteBuffer> keep = new ArrayList<>();
        byte[] noise = new byte[(int) bytes];
        for (int k = 0; k < 16; k++) {
            rng.nextBytes(noise);
            ByteBuffer d = ByteBuffer.allocateDirect(noise.length);
            d.put(noise);
            keep.add(d);
            ByteBuffer e = ByteBuffer.allocateDirect(noise.length / 2);
            e.put(noise, 0, noise.length / 2);
            keep.add(e);
        }
        keep.clear();
    }
}
