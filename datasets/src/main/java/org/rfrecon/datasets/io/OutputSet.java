package org.rfrecon.datasets.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The outputs of one command, written all or nothing. Each output is registered before any work:
 * its location is checked at once (an existing ancestor that is not a directory, a file where a
 * directory must go, an output that resolves to an input or to another output), and the caller gets
 * a temporary beside the target to write into. {@link #commit} renames every temporary into place
 * only when all were written; {@link #close} without a commit deletes them, so a failure at any
 * point leaves the targets as they were.
 *
 * <pre>
 *   try (OutputSet out = OutputSet.create()) {
 *       out.input(sim);
 *       Path npz = out.file(rec);          // checked now, written later
 *       Path png = out.file(figure);
 *       ... write npz and png ...
 *       out.commit();
 *   }
 * </pre>
 *
 * <p>Paths are compared after normalising and following links (for a target that does not exist
 * yet, its deepest existing ancestor is resolved), so {@code a/../x.npz}, a link to {@code x.npz}
 * and {@code ./x.npz} all name {@code x.npz}. Missing parent directories of a target are created
 * only at the commit.
 */
public final class OutputSet implements AutoCloseable {

    private enum Kind {
        FILE,
        DIRECTORY,
        RESUMABLE_DIRECTORY,
        IN_PLACE
    }

    private record Entry(Path given, Path resolved, Path temp, Kind kind) {}

    private record Input(Path given, Path resolved) {}

    private final List<Input> inputs = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private boolean committed;

    private OutputSet() {}

    /** An empty set. */
    public static OutputSet create() {
        return new OutputSet();
    }

    /**
     * Registers an input (a file or directory the command reads).
     *
     * @throws IllegalArgumentException if an output registered earlier resolves to it
     */
    public OutputSet input(Path input) throws IOException {
        if (input == null) {
            return this;
        }
        Input in = new Input(input, resolve(input));
        for (Entry e : entries) {
            checkApart(e.given(), e.resolved(), e.kind(), in);
        }
        inputs.add(in);
        return this;
    }

    /**
     * Registers an output file and returns the temporary to write it to (an empty file beside the
     * target, or in its deepest existing ancestor when parents are missing).
     *
     * @throws IOException if the target cannot be written there, one line naming why
     * @throws IllegalArgumentException if it resolves to an input or another output
     */
    public Path file(Path target) throws IOException {
        return temporary(target, Kind.FILE);
    }

    /**
     * Registers an output directory (which must not exist, or be empty) and returns an empty
     * temporary directory to fill.
     *
     * @throws IOException if the target cannot be written there, or exists and is not empty
     * @throws IllegalArgumentException if it resolves to an input or another output
     */
    public Path directory(Path target) throws IOException {
        return temporary(target, Kind.DIRECTORY);
    }

    /** Registers a {@code FILE} or {@code DIRECTORY} output and makes its empty temporary. */
    private Path temporary(Path target, Kind kind) throws IOException {
        Entry e = check(target, kind);
        Path dir = e.temp();
        String name = e.resolved().getFileName().toString();
        boolean file = kind == Kind.FILE;
        Path tmp;
        try {
            AtomicFiles.removeStaleTemporaries(dir, name);
            String prefix = AtomicFiles.tempPrefix(name);
            tmp =
                    file
                            ? Files.createTempFile(dir, prefix, ".tmp")
                            : Files.createTempDirectory(dir, prefix);
        } catch (IOException ex) {
            throw cannot(
                    target,
                    "cannot create a "
                            + (file ? "file" : "directory")
                            + " in "
                            + dir
                            + " ("
                            + reason(ex)
                            + ")");
        }
        entries.add(new Entry(e.given(), e.resolved(), tmp, kind));
        return tmp;
    }

    /**
     * Registers an output directory built over several runs: the returned directory {@code
     * .NAME.partial} (beside the target) is not created here and is kept when the set is closed
     * without a commit, so an interrupted run can resume from what it holds. The commit renames it
     * to the target.
     *
     * @throws IOException if the target cannot be written there, or exists and is not empty
     * @throws IllegalArgumentException if it resolves to an input or another output
     */
    public Path resumableDirectory(Path target) throws IOException {
        Entry e = check(target, Kind.DIRECTORY);
        Path partial = e.temp().resolve(partialName(e.resolved()));
        if (Files.exists(partial, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(partial)) {
            throw cannot(target, partial + " exists and is not a directory");
        }
        entries.add(new Entry(e.given(), e.resolved(), partial, Kind.RESUMABLE_DIRECTORY));
        return partial;
    }

    /** The stable name of a resumable directory's partial version: {@code .NAME.partial}. */
    public static String partialName(Path target) {
        return "." + target.toAbsolutePath().normalize().getFileName() + ".partial";
    }

    /**
     * Registers an output that the command writes in place itself (a resumable run directory, a
     * locked model directory): only its location and its distance from the inputs are checked; the
     * commit does not touch it.
     *
     * @throws IOException if the target's location cannot hold it
     * @throws IllegalArgumentException if it resolves to an input or another output
     */
    public Path inPlace(Path target) throws IOException {
        Entry e = check(target, Kind.IN_PLACE);
        entries.add(new Entry(e.given(), e.resolved(), null, Kind.IN_PLACE));
        return target;
    }

    /**
     * Moves every temporary to its target (creating missing parent directories). If a rename fails,
     * the targets renamed before it are put back as they were.
     */
    public void commit() throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        List<Path[]> done = new ArrayList<>(); // {target, backup or null}
        List<Path> created = new ArrayList<>();
        try {
            for (Entry e : entries) {
                if (e.kind() == Kind.IN_PLACE) {
                    continue;
                }
                Path target = e.resolved();
                createParents(target.getParent(), created);
                Path backup = null;
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(target); // checked empty at registration
                    } else {
                        backup =
                                target.resolveSibling(
                                        AtomicFiles.tempPrefix(target.getFileName().toString())
                                                + "old");
                        AtomicFiles.moveAtomically(target, backup);
                    }
                }
                done.add(new Path[] {target, backup});
                AtomicFiles.readableByAll(e.temp(), e.kind() != Kind.FILE);
                AtomicFiles.moveAtomically(e.temp(), target);
            }
        } catch (IOException | RuntimeException ex) {
            rollBack(done, created);
            throw ex;
        }
        committed = true;
        for (Path[] d : done) {
            if (d[1] != null) {
                Files.deleteIfExists(d[1]);
            }
        }
    }

    /** Deletes the temporaries if {@link #commit} did not run (resumable partials are kept). */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        IOException first = null;
        for (Entry e : entries) {
            try {
                if (e.kind() == Kind.FILE || e.kind() == Kind.DIRECTORY) {
                    AtomicFiles.deleteRecursively(e.temp());
                } else if (e.kind() == Kind.RESUMABLE_DIRECTORY && isEmpty(e.temp())) {
                    Files.deleteIfExists(e.temp());
                }
            } catch (IOException ex) {
                first = first == null ? ex : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void rollBack(List<Path[]> done, List<Path> created) {
        for (int i = done.size() - 1; i >= 0; i--) {
            Path target = done.get(i)[0];
            Path backup = done.get(i)[1];
            try {
                if (backup != null) {
                    AtomicFiles.moveAtomically(backup, target);
                } else {
                    AtomicFiles.deleteRecursively(target);
                }
            } catch (IOException ignored) {
                // best effort: the original error is what the user needs to see
            }
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException ignored) {
                // not empty: something else wrote there
            }
        }
    }

    private static void createParents(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
    }

    /**
     * Checks a target's location; returns an entry whose {@code temp} is the directory where its
     * temporary goes.
     */
    private Entry check(Path target, Kind kind) throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getFileName() == null) {
            throw cannot(target, "it is the root directory");
        }
        Path resolved = resolve(target);
        for (Input in : inputs) {
            checkApart(target, resolved, kind, in);
        }
        if (Files.exists(abs)) {
            boolean dir = Files.isDirectory(abs);
            if (kind == Kind.FILE && dir) {
                throw cannot(target, "it is a directory");
            }
            if (kind != Kind.FILE && !dir) {
                throw cannot(target, "it exists and is not a directory");
            }
            if (kind == Kind.DIRECTORY && !isEmpty(abs)) {
                throw cannot(target, "it exists and is not empty; choose a new directory");
            }
        }
        Path existing = abs.getParent();
        int up = 1;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
            up++;
        }
        if (existing == null) {
            throw cannot(target, "no part of its path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw cannot(target, ancestor(target, up, existing) + " is not a directory");
        }
        if (!Files.isWritable(existing)) {
            throw cannot(target, ancestor(target, up, existing) + " is not writable");
        }
        for (Entry e : entries) {
            if (e.resolved().equals(resolved)
                    || e.resolved().startsWith(resolved)
                    || resolved.startsWith(e.resolved())) {
                throw new IllegalArgumentException(
                        "cannot write "
                                + target
                                + ": it is also the output "
                                + e.given()
                                + "; give each output its own path");
            }
        }
        return new Entry(target, resolved, existing, kind);
    }

    /**
     * Refuses an output that is an input, holds one (an in-place output may: a resumed run reads
     * its own files), or lies inside an input directory.
     */
    private static void checkApart(Path given, Path resolved, Kind kind, Input in)
            throws IOException {
        boolean same =
                resolved.equals(in.resolved())
                        || (Files.exists(resolved)
                                && Files.exists(in.resolved())
                                && Files.isSameFile(resolved, in.resolved()));
        if (same) {
            throw new IllegalArgumentException(
                    "cannot write "
                            + given
                            + ": it is the input "
                            + in.given()
                            + " (writing it would destroy the input); choose another path");
        }
        if (kind != Kind.IN_PLACE && in.resolved().startsWith(resolved)) {
            throw new IllegalArgumentException(
                    "cannot write " + given + ": it holds the input " + in.given());
        }
        if (resolved.startsWith(in.resolved()) && Files.isDirectory(in.resolved())) {
            throw new IllegalArgumentException(
                    "cannot write " + given + ": it lies inside the input directory " + in.given());
        }
    }

    /**
     * The canonical form of {@code p}: absolute, normalised, links followed; for a path that does
     * not exist yet, its deepest existing ancestor resolved and the rest appended.
     */
    public static Path resolve(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        Path real = existing.toRealPath();
        return real.resolve(existing.relativize(abs)).normalize();
    }

    /** The ancestor {@code up} levels above {@code target}, as the user wrote it if possible. */
    private static Path ancestor(Path target, int up, Path absolute) {
        Path p = target.normalize();
        for (int i = 0; i < up && p != null; i++) {
            p = p.getParent();
        }
        return p == null ? absolute : p;
    }

    private static IOException cannot(Path target, String why) {
        Path name = target.getFileName();
        return new IOException("cannot write " + (name == null ? target : name) + ": " + why);
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
