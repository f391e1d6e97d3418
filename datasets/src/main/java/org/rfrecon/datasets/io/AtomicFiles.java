package org.rfrecon.datasets.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Atomic file output: content goes to a hidden temporary file in the target's directory, which is
 * renamed over the target only once it is complete. A failure (an exception, a full disk, a killed
 * process) leaves the previous target, or nothing, but never a partial file.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes the bytes a body produces. */
    @FunctionalInterface
    public interface Body {
        /** Writes the content to {@code out} (not closing it). */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code body}'s output to {@code target} atomically. */
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
     * Gives a finished temporary file (rw-r--r--) or directory (rwxr-xr-x) the usual permissions of
     * a new output; temporary files start private (rw-------). No-op off POSIX file systems.
     */
    public static void readableByAll(Path p, boolean directory) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(
                    p, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    /** Renames {@code from} to {@code to}, atomically where the file system allows. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
