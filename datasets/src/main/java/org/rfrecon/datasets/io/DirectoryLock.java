package org.rfrecon.datasets.io;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * An exclusive lock on a directory that one process writes over a long time (a model directory
 * being trained): the file {@code .NAME.lock} beside the directory, created atomically and holding
 * the holder's pid, process start time and host. The file sits beside the directory rather than in
 * it because writers replace the directory itself when they finish.
 *
 * <p>A lock whose holder is a process of this host that is no longer alive (killed) is stale: it is
 * taken over, with a note. A live holder, or a holder on another host (whose liveness cannot be
 * checked), makes {@link #acquire} fail with a message naming the holder and the lock file.
 */
public final class DirectoryLock implements AutoCloseable {

    private final Path file;
    private final String content;
    private boolean released;

    private DirectoryLock(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /** Thrown when another live process holds the lock. */
    public static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    /** The lock file of {@code dir}: {@code .NAME.lock} in its parent. */
    public static Path lockFile(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code dir} (creating its parent directories if needed).
     *
     * @param notes receives one line when a stale lock is taken over
     * @throws HeldException if a live process (or one of another host) holds it
     */
    public static DirectoryLock acquire(Path dir, Consumer<String> notes) throws IOException {
        Path file = lockFile(dir);
        Files.createDirectories(file.getParent());
        JsonObject me = new JsonObject();
        me.addProperty("pid", Processes.pid());
        me.addProperty("start_ms", Processes.startMillis());
        me.addProperty("host", Processes.host());
        String content = me + "\n";
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.writeString(
                        file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                return new DirectoryLock(file, content);
            } catch (FileAlreadyExistsException e) {
                String held;
                try {
                    held = Files.readString(file, StandardCharsets.UTF_8);
                } catch (NoSuchFileException gone) {
                    continue; // released meanwhile
                }
                Holder h = Holder.parse(held);
                if (h != null && h.host().equals(Processes.host()) && !h.alive()) {
                    Path aside =
                            file.resolveSibling(
                                    AtomicFiles.tempPrefix(file.getFileName().toString())
                                            + "stale");
                    try {
                        AtomicFiles.moveAtomically(file, aside);
                    } catch (NoSuchFileException gone) {
                        continue;
                    }
                    String moved = Files.readString(aside, StandardCharsets.UTF_8);
                    Files.deleteIfExists(aside);
                    if (!moved.equals(held)) {
                        continue; // another process took it over first: look again
                    }
                    notes.accept(
                            "note: taking over the stale lock "
                                    + file
                                    + " of process "
                                    + h.pid()
                                    + ", which is no longer running");
                    continue;
                }
                throw new HeldException(
                        dir
                                + " is locked by "
                                + (h == null
                                        ? "an unreadable lock"
                                        : "process " + h.pid() + " on " + h.host())
                                + " (another run writes it); wait for it, or remove "
                                + file
                                + " if that run is gone");
            }
        }
        throw new HeldException(dir + ": could not take the lock " + file + "; try again");
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock (deletes the file if it is still this lock's). */
    @Override
    public void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        try {
            if (Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    private record Holder(long pid, long startMillis, String host) {
        static Holder parse(String text) {
            try {
                JsonObject o = JsonParser.parseString(text).getAsJsonObject();
                return new Holder(
                        o.get("pid").getAsLong(),
                        o.has("start_ms") ? o.get("start_ms").getAsLong() : -1,
                        o.get("host").getAsString());
            } catch (RuntimeException e) {
                return null;
            }
        }

        boolean alive() {
            return Processes.isAlive(pid, startMillis);
        }
    }
}
