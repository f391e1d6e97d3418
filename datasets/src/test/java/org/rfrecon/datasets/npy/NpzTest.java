package org.rfrecon.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.datasets.io.AtomicFiles;

/** NPZ archives: round trips, deflated members, determinism, malformed archives, atomicity. */
class NpzTest {

    private static final long SEED = System.nanoTime();

    @TempDir Path dir;

    static Map<String, HostArray> sample(Random rng) {
        Map<String, HostArray> m = new LinkedHashMap<>();
        int n = 2 + rng.nextInt(5);
        m.put(
                "scene",
                HostArray.ofComplex(
                        DType.COMPLEX64, new long[] {n, 2}, rng.doubles(4 * n).toArray()));
        m.put(
                "y",
                HostArray.ofComplex(
                        DType.COMPLEX128, new long[] {n}, rng.doubles(2 * n).toArray()));
        m.put("index", HostArray.ofLongs(new long[] {2}, new long[] {rng.nextLong(), 7}));
        m.put("meta", HostArray.ofUtf8("{\"seed\": " + rng.nextInt() + "}"));
        return m;
    }

    @Test
    void roundTripKeepsKeysOrderAndValues() throws Exception {
        Map<String, HostArray> m = sample(new Random(SEED));
        Path f = dir.resolve("a.npz");
        Npz.write(f, m);
        Map<String, HostArray> back = Npz.read(f);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()), "seed " + SEED);
        assertEquals(m, back, "seed " + SEED);
    }

    @Test
    void sameArraysGiveSameBytes() throws Exception {
        byte[] a = Npz.toBytes(sample(new Random(SEED)));
        byte[] b = Npz.toBytes(sample(new Random(SEED)));
        assertArrayEquals(a, b, "seed " + SEED);
    }

    @Test
    void readsDeflatedMembers() throws Exception {
        Map<String, HostArray> m = sample(new Random(SEED));
        Path f = dir.resolve("deflated.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (Map.Entry<String, HostArray> e : m.entrySet()) {
                ZipEntry ze = new ZipEntry(e.getKey() + ".npy");
                ze.setMethod(ZipEntry.DEFLATED);
                z.putNextEntry(ze);
                z.write(Npy.toBytes(e.getValue()));
                z.closeEntry();
            }
        }
        assertEquals(m, Npz.read(f), "seed " + SEED);
    }

    @Test
    void notAZip() throws Exception {
        Path f = dir.resolve("junk.npz");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertMessage(f, f + ": not a valid NPZ");
    }

    /** Writes a ZIP file {@code f} of one member {@code name} holding {@code bytes}. */
    private static void writeOneMember(Path f, String name, byte[] bytes) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry(name));
            z.write(bytes);
            z.closeEntry();
        }
    }

    @Test
    void memberErrorNamesTheKey() throws Exception {
        Path f = dir.resolve("badkey.npz");
        writeOneMember(f, "y.npy", new byte[] {'n', 'o', 'p', 'e'});
        assertMessage(f, f + ":y: bad magic");
    }

    @Test
    void memberThatIsNotNpy() throws Exception {
        Path f = dir.resolve("txt.npz");
        writeOneMember(f, "notes.txt", new byte[] {'h', 'i'});
        assertMessage(f, "member 'notes.txt' is not an NPY array");
    }

    @Test
    void missingFile() {
        assertMessage(dir.resolve("none.npz"), "no such file");
    }

    @Test
    void failedWriteLeavesNoPartialFile() throws Exception {
        Path f = dir.resolve("out.npz");
        Files.write(f, new byte[] {42});
        assertThrows(
                IOException.class,
                () ->
                        AtomicFiles.write(
                                f,
                                (OutputStream out) -> {
                                    out.write(new byte[1000]);
                                    throw new IOException("disk full (simulated)");
                                }));
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(f), "the old file survives");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left");
        }
        Path g = dir.resolve("new.npz");
        assertThrows(IllegalArgumentException.class, () -> Npz.write(g, Map.of()));
        assertFalse(Files.exists(g));
    }

    private static void assertMessage(Path f, String fragment) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.read(f));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
