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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes that never leave a partial result: a file or a directory is written under a temporary name
 * beside its target and renamed into place only once complete. An interrupted run leaves the
 * previous version (or nothing), never a truncated one. Temporaries are named after their holder
 * ({@link #tempPrefix}), and a later write of the same target removes those a killed process left.
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
        removeStaleTemporaries(dir, abs.getFileName().toString());
        Path tmp = Files.createTempFile(dir, tempPrefix(abs.getFileName().toString()), ".tmp");
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
        removeStaleTemporaries(abs.getParent(), abs.getFileName().toString());
        Path tmp =
                Files.createTempDirectory(
                        abs.getParent(), tempPrefix(abs.getFileName().toString()));
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
     * The name prefix of this process's temporaries for a target named {@code name}: {@code
     * .NAME.PID@HOST.} (a random part and, for files, {@code .tmp} follow). The holder in the name
     * lets a later run remove what a killed one left ({@link #removeStaleTemporaries}).
     */
    public static String tempPrefix(String name) {
        return "." + name + "." + Processes.pid() + "@" + Processes.host() + ".";
    }

    /**
     * Deletes the temporaries of target {@code name} in {@code dir} left by processes of this host
     * that are no longer alive (killed while writing). Temporaries of live processes, of other
     * hosts, and files of any other name are kept.
     *
     * @return how many were removed
     */
    public static int removeStaleTemporaries(Path dir, String name) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        String start = "." + name + ".";
        int removed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (!f.startsWith(start)) {
                    continue;
                }
                Matcher m = HOLDER.matcher(f.substring(start.length()));
                if (m.matches()
                        && m.group(2).equals(Processes.host())
                        && !Processes.isAlive(Long.parseLong(m.group(1)), -1)) {
                    deleteRecursively(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    private static final Pattern HOLDER = Pattern.compile("(\\d{1,18})@([A-Za-z0-9_-]+)\\..*");

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
