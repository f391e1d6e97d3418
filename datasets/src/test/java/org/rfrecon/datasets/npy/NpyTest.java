package org.rfrecon.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The NPY codec: golden bytes per the format description, round trips, each malformed input. */
class NpyTest {

    private static final long SEED = System.nanoTime();

    /** The expected bytes written by hand from the NPY 1.0 format description. */
    @Test
    void goldenComplex64MatchesTheFormatDescription() throws Exception {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}); // magic, version 1.0
        e.write(new byte[] {0x76, 0x00}); // header length 118, little-endian uint16
        String dict = "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }"; // 57 chars
        // 20 spaces of growth room (21 digits less the one of "2"), then 40 of alignment padding so
        // that 10 + 118 = 128 is a multiple of 64; the header ends with a newline.
        e.write((dict + " ".repeat(60) + "\n").getBytes(StandardCharsets.US_ASCII));
        // 1+2j and -0.5+0j as little-endian float32 pairs
        e.write(HexFormat.of().parseHex("0000803f00000040000000bf00000000"));
        HostArray a =
                HostArray.ofComplex(DType.COMPLEX64, new long[] {2}, new double[] {1, 2, -0.5, 0});
        assertArrayEquals(e.toByteArray(), Npy.toBytes(a));
        assertEquals(a, Npy.fromBytes(e.toByteArray(), "golden.npy"));
    }

    @Test
    void everyDtypeRoundTrips() throws Exception {
        Random rng = new Random(SEED);
        long[] shape = {2, 3, 1 + rng.nextInt(4)};
        int n = (int) (6 * shape[2]);
        double[] c = rng.doubles(2 * n).map(v -> v - 0.5).toArray();
        float[] f = new float[n];
        double[] d = new double[n];
        long[] l = new long[n];
        boolean[] b = new boolean[n];
        byte[] u = new byte[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) rng.nextGaussian();
            d[i] = rng.nextGaussian();
            l[i] = rng.nextLong();
            b[i] = rng.nextBoolean();
            u[i] = (byte) rng.nextInt(256);
        }
        HostArray[] all = {
            HostArray.ofComplex(DType.COMPLEX64, shape, c),
            HostArray.ofComplex(DType.COMPLEX128, shape, c),
            HostArray.ofFloats(shape, f),
            HostArray.ofDoubles(shape, d),
            HostArray.ofLongs(shape, l),
            HostArray.ofBooleans(shape, b),
            HostArray.ofBytes(shape, u),
            HostArray.ofDoubles(new long[] {}, new double[] {rng.nextGaussian()}),
            HostArray.ofDoubles(new long[] {0, 3}, new double[0])
        };
        for (HostArray a : all) {
            HostArray back = Npy.fromBytes(Npy.toBytes(a), "x.npy");
            assertEquals(a, back, a.describe() + " seed " + SEED);
            assertEquals(0, (Npy.toBytes(a).length - a.data().remaining()) % 64, "alignment");
        }
        assertArrayEquals(c, all[1].toInterleaved(), "c16 values, seed " + SEED);
        assertArrayEquals(d, all[3].toDoubleArray(), "f8 values, seed " + SEED);
        assertArrayEquals(l, all[4].toLongArray(), "i8 values, seed " + SEED);
    }

    @Test
    void longHeaderUsesVersion2() throws Exception {
        long[] shape = new long[25000]; // 25000 axes make a header above 65535 bytes
        Arrays.fill(shape, 1);
        HostArray a = HostArray.ofDoubles(shape, new double[] {Math.PI});
        byte[] b = Npy.toBytes(a);
        assertEquals(2, b[6]);
        assertEquals(0, (b.length - 8) % 64, "data starts on a 64-byte boundary");
        assertEquals(a, Npy.fromBytes(b, "v2.npy"));
    }

    @Test
    void readsVersion2WrittenByHand() throws Exception {
        String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }";
        int hlen = 128 - 12;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) hlen, 0, 0, 0});
        e.write(
                (dict + " ".repeat(hlen - 1 - dict.length()) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
        e.write(new byte[] {42, 0, 0, 0, 0, 0, 0, 0});
        assertArrayEquals(new long[] {42}, Npy.fromBytes(e.toByteArray(), "v2.npy").toLongArray());
    }

    @Test
    void badMagic() {
        byte[] b = Npy.toBytes(HostArray.ofDoubles(new long[] {1}, new double[] {1}));
        b[1] = 'X';
        assertMessage(b, "bad magic");
    }

    @Test
    void truncatedData() {
        byte[] b = Npy.toBytes(HostArray.ofDoubles(new long[] {4}, new double[] {1, 2, 3, 4}));
        assertMessage(Arrays.copyOf(b, b.length - 3), "truncated data");
    }

    @Test
    void truncatedHeader() {
        byte[] b = Npy.toBytes(HostArray.ofDoubles(new long[] {4}, new double[] {1, 2, 3, 4}));
        assertMessage(Arrays.copyOf(b, 40), "truncated header");
        assertMessage(Arrays.copyOf(b, 7), "truncated header");
    }

    @Test
    void unparsableHeader() {
        assertMessage(
                withDict("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", 8),
                "header does not parse");
        assertMessage(withDict("{'descr': '<f8', 'shape': (1,), }", 8), "header does not parse");
        assertMessage(withDict("not a dict", 8), "header does not parse");
    }

    @Test
    void shapeDoesNotMatchByteCount() {
        assertMessage(
                withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 16),
                "does not match byte count");
    }

    @Test
    void unsupportedDtype() {
        assertMessage(
                withDict("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", 8),
                "unsupported dtype '<i4'");
        assertMessage(
                withDict("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", 8),
                "unsupported dtype '>f8'");
    }

    @Test
    void structuredDtypesAreNamedAsSuch() {
        String plain = "[('re', '<f4'), ('im', '<f4')]";
        String nested = "[('a', [('b', '<f4'), ('c', '<i8', (2,))]), ('d', '|u1')]";
        for (String descr : new String[] {plain, nested}) {
            byte[] b =
                    withDict(
                            "{'descr': " + descr + ", 'fortran_order': False, 'shape': (3,), }",
                            3 * 24);
            assertMessage(b, "unsupported dtype " + descr + " (structured)");
        }
    }

    @Test
    void fortranOrderIsRejectedClearly() {
        assertMessage(
                withDict("{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }", 8),
                "fortran_order is True");
    }

    @Test
    void hugeShapeIsRejectedNotAllocated() {
        assertMessage(
                withDict(
                        "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999, 99999999999), }",
                        8),
                "too large");
    }

    /** An NPY 1.0 file with the given dictionary and {@code dataBytes} bytes of data. */
    static byte[] withDict(String dict, int dataBytes) {
        return NpyBytes.withDict(dict, dataBytes);
    }

    private static void assertMessage(byte[] bytes, String fragment) {
        NpyFormatException e =
                assertThrows(NpyFormatException.class, () -> Npy.fromBytes(bytes, "bad.npy"));
        assertTrue(e.getMessage().startsWith("bad.npy: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
