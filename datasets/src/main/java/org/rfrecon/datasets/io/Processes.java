package org.rfrecon.datasets.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a temporary file or a lock: this process's id, its start time and the host name, and
 * whether another holder is still alive. Used to clean temporaries and take over locks left by a
 * process that was killed.
 */
public final class Processes {

    private static final String HOST = readHost();

    private Processes() {}

    /** This process's id. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** This host's name, reduced to {@code [A-Za-z0-9-]} (safe inside file names). */
    public static String host() {
        return HOST;
    }

    /** The start time of this process in epoch milliseconds, or -1 if the system does not say. */
    public static long startMillis() {
        return startMillis(ProcessHandle.current());
    }

    /**
     * Whether process {@code pid} of this host is alive and, if {@code startMillis >= 0}, started
     * at that time (so a reused pid does not count as the holder).
     */
    public static boolean isAlive(long pid, long startMillis) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        long started = startMillis(h.get());
        return startMillis < 0 || started < 0 || Math.abs(started - startMillis) < 1000;
    }

    private static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    private static String readHost() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                h = "";
            }
        }
        if (h.isBlank()) {
            h = "localhost";
        }
        return h.replaceAll("[^A-Za-z0-9-]", "_");
    }
}
