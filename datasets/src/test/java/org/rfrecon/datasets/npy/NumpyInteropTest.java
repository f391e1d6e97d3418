package org.rfrecon.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The codec against files NumPy 2.4.6 wrote ({@code src/test/resources/numpy}, the Python that
 * wrote them is in its README): for every dtype our bytes equal {@code np.save}'s byte for byte and
 * we read back NumPy's values; {@code np.savez} and {@code np.savez_compressed} archives read as
 * the same arrays in the same order; a Fortran-order file is refused clearly.
 */
class NumpyInteropTest {

    /** The arrays of the README, built here from their definitions. */
    static Map<String, HostArray> expected() {
        Map<String, HostArray> m = new LinkedHashMap<>();
        double[] c8 = new double[12];
        double[] im = {-1, -0.75, -0.25, 0.25, 0.75, 1};
        for (int k = 0; k < 6; k++) {
            c8[2 * k] = k - 2.5;
            c8[2 * k + 1] = im[k];
        }
        m.put("c8", HostArray.ofComplex(DType.COMPLEX64, new long[] {2, 3}, c8));
        m.put(
                "c16",
                HostArray.ofComplex(
                        DType.COMPLEX128,
                        new long[] {3},
                        new double[] {1, 2, -0.5, 0.25, 3, -1e-3}));
        m.put("f4", HostArray.ofFloats(new long[] {2, 2}, new float[] {1.5f, -2.25f, 1e-3f, 7f}));
        m.put(
                "f8",
                HostArray.ofDoubles(new long[] {4}, new double[] {Math.PI, -Math.E, 1e300, -0.0}));
        m.put("i8", HostArray.ofLongs(new long[] {2, 2}, new long[] {-(1L << 62), 7, 0, 1L << 40}));
        m.put(
                "b1",
                HostArray.ofBooleans(
                        new long[] {5}, new boolean[] {true, false, true, true, false}));
        m.put(
                "u1",
                HostArray.ofBytes(new long[] {8}, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        m.put("scalar", HostArray.ofDoubles(new long[] {}, new double[] {2.5}));
        m.put("empty", HostArray.ofDoubles(new long[] {0, 3}, new double[0]));
        return m;
    }

    private static Path resource(String name) throws Exception {
        return Path.of(NumpyInteropTest.class.getResource("/numpy/" + name).toURI());
    }

    @Test
    void ourBytesEqualNumpySaveForEveryDtype() throws Exception {
        for (Map.Entry<String, HostArray> e : expected().entrySet()) {
            byte[] numpy = Files.readAllBytes(resource(e.getKey() + ".npy"));
            assertArrayEquals(numpy, Npy.toBytes(e.getValue()), e.getKey() + ": bytes");
            assertEquals(e.getValue(), Npy.fromBytes(numpy, e.getKey()), e.getKey() + ": values");
        }
    }

    @Test
    void readsNumpyArchivesStoredAndDeflated() throws Exception {
        Map<String, HostArray> expect = expected();
        for (String f : new String[] {"savez.npz", "savez_compressed.npz"}) {
            Map<String, HostArray> got = Npz.read(resource(f));
            assertEquals(List.copyOf(expect.keySet()), List.copyOf(got.keySet()), f + ": keys");
            assertEquals(expect, got, f);
        }
    }

    @Test
    void fortranOrderFromNumpyIsRefused() throws Exception {
        Path f = resource("fortran.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("fortran_order is True"), e.getMessage());
    }
}
