package org.rfrecon.datasets.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that never leave a partial result: a file or a directory is written under a temporary name
 * beside its target and renamed into place only once complete. An interrupted run leaves the
 * previous version (or nothing), never a truncated one.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Body {
        /** Writes the content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Fills a directory. */
    @FunctionalInterface
    public interface DirectoryBody {
        /** Writes the directory's files into {@code dir}. */
        void writeTo(Path dir) throws IOException;
    }

    /**
     * Writes {@code target} atomically: a temporary sibling, then a rename over the target.
     *
     * @throws IOException if the target's directory does not exist (it is not created: a typo in an
     *     output path should fail, not scatter directories)
     */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException(target + ": the directory " + dir + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.writeTo(out);
            }
            readableByAll(tmp, false);
            moveAtomically(tmp, abs);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes the directory {@code target} atomically: {@code body} fills a temporary sibling
     * directory, which then replaces {@code target} (an existing one is moved aside first and
     * deleted after). Missing parent directories are created.
     */
    public static void writeDirectory(Path target, DirectoryBody body) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
        try {
            body.writeTo(tmp);
            readableByAll(tmp, true);
            Path old = null;
            if (Files.exists(abs)) {
                old = abs.resolveSibling("." + abs.getFileName() + ".old-" + System.nanoTime());
                moveAtomically(abs, old);
            }
            moveAtomically(tmp, abs);
            if (old != null) {
                deleteRecursively(old);
            }
        } finally {
            deleteRecursively(tmp);
        }
    }

    /**
     * Gives a finished temporary file (rw-r--r--) or directory (rwxr-xr-x) the usual permissions of
     * a new output; temporary files start private (rw-------). No-op off POSIX file systems.
     */
    public static void readableByAll(Path p, boolean directory) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(
                    p, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    /** Renames {@code from} to {@code to}, atomically where the file system can. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
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
}
