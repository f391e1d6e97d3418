package org.rfrecon.datasets.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that never leave a partial result: a file or a directory is written under a temporary name
 * beside its target and renamed into place only once complete. An interrupted run leaves the
 * previous version (or nothing), never a truncated one.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes what {@code body} produces to a temporary file beside {@code target}. */
    @FunctionalInterface
    public interface FileBody {
        /** Writes the content. */
        void write(OutputStream out) throws IOException;
    }

    /** Fills a temporary directory beside the target. */
    @FunctionalInterface
    public interface DirectoryBody {
        /** Writes the directory's files into {@code dir}. */
        void write(Path dir) throws IOException;
    }

    /** Writes {@code target} atomically: a temporary sibling, then a rename over the target. */
    public static void writeFile(Path target, FileBody body) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            move(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes the directory {@code target} atomically: {@code body} fills a temporary sibling
     * directory, which then replaces {@code target} (an existing one is moved aside first and
     * deleted after).
     */
    public static void writeDirectory(Path target, DirectoryBody body) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
        try {
            body.write(tmp);
            Path old = null;
            if (Files.exists(abs)) {
                old = abs.resolveSibling("." + abs.getFileName() + ".old-" + System.nanoTime());
                move(abs, old);
            }
            move(tmp, abs);
            if (old != null) {
                deleteRecursively(old);
            }
        } finally {
            deleteRecursively(tmp);
        }
    }

    /** Deletes a file or a directory tree; nothing happens if it does not exist. */
    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
