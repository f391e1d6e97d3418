package org.rfrecon.datasets.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * SHA-256 checksums of the files of a directory, kept in {@code checksums.sha256} in the format of
 * {@code sha256sum} (so {@code sha256sum -c checksums.sha256} verifies a model or checkpoint by
 * hand too).
 */
public final class Checksums {

    /** The name of the checksum file inside a model directory. */
    public static final String FILE = "checksums.sha256";

    private Checksums() {}

    /** The lowercase hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The lowercase hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Writes {@link #FILE} listing every regular file of {@code dir} but itself, sorted by name.
     */
    public static void write(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path f : files(dir)) {
            b.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
        }
        Files.writeString(dir.resolve(FILE), b.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Verifies that {@link #FILE} exists, parses, lists exactly the files present, and that every
     * hash matches.
     *
     * @throws IOException with a one-line message naming the directory and the offending file
     */
    public static void verify(Path dir) throws IOException {
        Path list = dir.resolve(FILE);
        if (!Files.isRegularFile(list)) {
            throw new IOException(dir + ": no " + FILE + " (not an rfrecon model directory)");
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" {2}", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}")) {
                throw new IOException(list + ": malformed line '" + line + "'");
            }
            expected.put(parts[1], parts[0]);
        }
        for (Path f : files(dir)) {
            String name = f.getFileName().toString();
            String want = expected.remove(name);
            if (want == null) {
                throw new IOException(dir + ": file " + name + " is not listed in " + FILE);
            }
            if (!want.equals(sha256(f))) {
                throw new IOException(
                        dir + ": checksum mismatch for " + name + " (tampered or truncated)");
            }
        }
        if (!expected.isEmpty()) {
            throw new IOException(
                    dir
                            + ": missing file "
                            + expected.keySet().iterator().next()
                            + " listed in "
                            + FILE);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(FILE))
                    .sorted()
                    .toList();
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
