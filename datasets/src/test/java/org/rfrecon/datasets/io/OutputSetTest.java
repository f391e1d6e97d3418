package org.rfrecon.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are checked before any work, written to temporaries and renamed all together. */
class OutputSetTest {

    @TempDir Path tmp;

    private List<Path> entries(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(p -> !p.equals(d)).sorted().toList();
        }
    }

    @Test
    void anOutputUnderARegularFileIsRefusedAtRegistrationNamingTheFile() throws IOException {
        Path afile = Files.writeString(tmp.resolve("afile"), "x");
        try (OutputSet out = OutputSet.create()) {
            out.file(tmp.resolve("r.npz"));
            IOException e =
                    assertThrows(IOException.class, () -> out.file(tmp.resolve("afile/x.png")));
            assertEquals(
                    "cannot write x.png: " + tmp.resolve("afile") + " is not a directory",
                    e.getMessage());
        }
        assertEquals(List.of(afile), entries(tmp), "no temporary and no r.npz left");
    }

    @Test
    void outputsResolvingToAnInputAreRefusedThroughLinksAndDotDot() throws IOException {
        Path in = Files.writeString(tmp.resolve("x.npz"), "input");
        Path sub = Files.createDirectory(tmp.resolve("sub"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.npz"), in);
        Path dirLink = Files.createSymbolicLink(tmp.resolve("d"), tmp);
        for (Path p :
                new Path[] {in, sub.resolve("../x.npz"), link, dirLink.resolve("x.npz"), tmp}) {
            try (OutputSet out = OutputSet.create()) {
                out.input(in);
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class, () -> out.file(p), p.toString());
                assertTrue(e.getMessage().contains("input"), e.getMessage());
            }
        }
        // registered the other way round too
        try (OutputSet out = OutputSet.create()) {
            out.file(link);
            assertThrows(IllegalArgumentException.class, () -> out.input(in));
        }
        assertEquals("input", Files.readString(in));
    }

    @Test
    void twoOutputsOfOnePathAreRefused() throws IOException {
        try (OutputSet out = OutputSet.create()) {
            out.file(tmp.resolve("a.json"));
            assertThrows(
                    IllegalArgumentException.class, () -> out.file(tmp.resolve("sub/../a.json")));
        }
    }

    @Test
    void commitRenamesAllAndCreatesParentsOnlyThen() throws IOException {
        Files.writeString(tmp.resolve("old.txt"), "old");
        try (OutputSet out = OutputSet.create()) {
            Path a = out.file(tmp.resolve("new/deep/a.txt"));
            Path b = out.file(tmp.resolve("old.txt"));
            Path d = out.directory(tmp.resolve("dir"));
            assertFalse(Files.exists(tmp.resolve("new")), "parents are created at the commit");
            Files.writeString(a, "a");
            Files.writeString(b, "b");
            Files.writeString(d.resolve("f"), "f");
            out.commit();
        }
        assertEquals("a", Files.readString(tmp.resolve("new/deep/a.txt")));
        assertEquals("b", Files.readString(tmp.resolve("old.txt")));
        assertEquals("f", Files.readString(tmp.resolve("dir/f")));
        assertEquals(
                List.of(
                        tmp.resolve("dir"),
                        tmp.resolve("dir/f"),
                        tmp.resolve("new"),
                        tmp.resolve("new/deep"),
                        tmp.resolve("new/deep/a.txt"),
                        tmp.resolve("old.txt")),
                entries(tmp));
    }

    @Test
    void closingWithoutCommitLeavesTheTargetsAsTheyWere() throws IOException {
        Files.writeString(tmp.resolve("keep.txt"), "keep");
        try (OutputSet out = OutputSet.create()) {
            Files.writeString(out.file(tmp.resolve("keep.txt")), "lost");
            out.directory(tmp.resolve("d"));
            Path partial = out.resumableDirectory(tmp.resolve("ds"));
            assertEquals(tmp.resolve(".ds.partial"), partial);
        }
        assertEquals(List.of(tmp.resolve("keep.txt")), entries(tmp));
        assertEquals("keep", Files.readString(tmp.resolve("keep.txt")));
    }

    @Test
    void nonEmptyDirectoryOutputsAndFilesOverDirectoriesAreRefused() throws IOException {
        Files.createDirectories(tmp.resolve("full"));
        Files.writeString(tmp.resolve("full/x"), "x");
        try (OutputSet out = OutputSet.create()) {
            assertThrows(IOException.class, () -> out.directory(tmp.resolve("full")));
            assertThrows(IOException.class, () -> out.file(tmp.resolve("full")));
            assertThrows(IOException.class, () -> out.directory(tmp.resolve("full/x")));
        }
    }

    @Test
    void staleTemporariesOfDeadProcessesAreRemovedOthersKept() throws IOException {
        Path dead = tmp.resolve(".a.npz.999999999@" + Processes.host() + ".1.tmp");
        Path live = tmp.resolve(AtomicFiles.tempPrefix("a.npz") + "2.tmp");
        Path other = tmp.resolve(".a.npz.999999999@another-host.3.tmp");
        for (Path p : new Path[] {dead, live, other}) {
            Files.writeString(p, "t");
        }
        AtomicFiles.write(tmp.resolve("a.npz"), new byte[] {1});
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live) && Files.exists(other));
    }

    @Test
    void aLiveLockRefusesAndAStaleOneIsTakenOver() throws IOException {
        Path model = tmp.resolve("model");
        StringBuilder notes = new StringBuilder();
        try (DirectoryLock lock = DirectoryLock.acquire(model, notes::append)) {
            DirectoryLock.HeldException e =
                    assertThrows(
                            DirectoryLock.HeldException.class,
                            () -> DirectoryLock.acquire(model, notes::append));
            assertTrue(e.getMessage().contains("process " + Processes.pid()), e.getMessage());
            assertTrue(Files.readString(lock.file()).contains("\"pid\":" + Processes.pid()));
        }
        assertFalse(Files.exists(DirectoryLock.lockFile(model)), "released");
        Files.writeString(
                DirectoryLock.lockFile(model),
                "{\"pid\":999999999,\"start_ms\":1,\"host\":\"" + Processes.host() + "\"}");
        try (DirectoryLock lock = DirectoryLock.acquire(model, notes::append)) {
            assertTrue(notes.toString().contains("stale lock"), notes.toString());
        }
        assertEquals(1, notes.toString().lines().count());
    }
}
