package org.rfrecon.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the previous version and no temporary; a good one replaces it. */
class AtomicFilesTest {

    @TempDir Path tmp;

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.sorted().toList();
        }
    }

    @Test
    void failedFileWriteKeepsThePreviousVersion() throws IOException {
        Path f = tmp.resolve("out.bin");
        AtomicFiles.write(f, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                IOException.class,
                () ->
                        AtomicFiles.write(
                                f,
                                out -> {
                                    out.write("half".getBytes(StandardCharsets.UTF_8));
                                    throw new IOException("disk full");
                                }));
        assertEquals("first", Files.readString(f));
        assertEquals(List.of(f), entries());
    }

    @Test
    void failedDirectoryWriteKeepsThePreviousVersion() throws IOException {
        Path d = tmp.resolve("model");
        AtomicFiles.writeDirectory(d, dir -> Files.writeString(dir.resolve("a"), "1"));
        assertThrows(
                IOException.class,
                () ->
                        AtomicFiles.writeDirectory(
                                d,
                                dir -> {
                                    Files.writeString(dir.resolve("b"), "2");
                                    throw new IOException("interrupted");
                                }));
        assertEquals("1", Files.readString(d.resolve("a")));
        assertFalse(Files.exists(d.resolve("b")));
        assertEquals(List.of(d), entries());
        AtomicFiles.writeDirectory(d, dir -> Files.writeString(dir.resolve("c"), "3"));
        assertTrue(Files.exists(d.resolve("c")));
        assertFalse(Files.exists(d.resolve("a")));
        assertEquals(List.of(d), entries());
    }

    @Test
    void checksumsDetectChangesAndMissingFiles() throws IOException {
        Path d = tmp.resolve("m");
        Files.createDirectories(d);
        Files.writeString(d.resolve("x"), "abc");
        Checksums.write(d);
        Checksums.verify(d);
        assertTrue(
                Files.readString(d.resolve(Checksums.FILE))
                        .startsWith(
                                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  x"));
        Files.writeString(d.resolve("x"), "abd");
        assertThrows(IOException.class, () -> Checksums.verify(d));
        Files.delete(d.resolve("x"));
        assertTrue(
                assertThrows(IOException.class, () -> Checksums.verify(d))
                        .getMessage()
                        .contains("missing file x"));
    }
}
