package org.rfrecon.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.Checksums;

/**
 * Where rfrecon's zoo finds model directories: the models bundled in the jar (unpacked once into a
 * cache directory, verified by their checksums) and the user's repositories, each a directory whose
 * sub-directories are model directories.
 *
 * <p>User repositories, in order: the paths in the system property {@code rfrecon.zoo} and the
 * environment variable {@code RFRECON_ZOO} (separated by {@code :}), then {@code ~/.rfrecon/zoo}. A
 * bundled model of the same name wins over a user one only if no user repository has it.
 */
public final class ModelRepository {

    /** The classpath folder of bundled models; {@code index.txt} lists their names. */
    public static final String BUNDLED = "/org/rfrecon/models/zoo/";

    private ModelRepository() {}

    /** The user repositories that exist, in search order. */
    public static List<Path> userRepositories() {
        List<Path> dirs = new ArrayList<>();
        for (String spec :
                new String[] {System.getProperty("rfrecon.zoo"), System.getenv("RFRECON_ZOO")}) {
            if (spec != null && !spec.isBlank()) {
                for (String p : spec.split(":")) {
                    dirs.add(Path.of(p));
                }
            }
        }
        dirs.add(Path.of(System.getProperty("user.home"), ".rfrecon", "zoo"));
        return dirs.stream().filter(Files::isDirectory).toList();
    }

    /**
     * Every model directory found, by name (a directory's name is the model's artifact id); the
     * first found wins.
     */
    public static Map<String, Path> discover() {
        Map<String, Path> found = new LinkedHashMap<>();
        for (Path repo : userRepositories()) {
            try (Stream<Path> s = Files.list(repo)) {
                s.filter(d -> Files.isRegularFile(d.resolve(ModelManifest.FILE)))
                        .sorted()
                        .forEach(d -> found.putIfAbsent(d.getFileName().toString(), d));
            } catch (IOException e) {
                // an unreadable repository is skipped; its models are simply not listed
            }
        }
        for (String name : bundledNames()) {
            if (!found.containsKey(name)) {
                try {
                    found.put(name, unpackBundled(name));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(
                            "cannot unpack bundled model " + name + ": " + e.getMessage(), e);
                }
            }
        }
        return found;
    }

    /** The names of the models bundled in the jar. */
    public static List<String> bundledNames() {
        try (InputStream in = ModelRepository.class.getResourceAsStream(BUNDLED + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Copies bundled model {@code name} into {@code ~/.rfrecon/cache/zoo/<name>} (atomically)
     * unless an intact copy is there, and returns that directory.
     */
    static Path unpackBundled(String name) throws IOException {
        Path cache = Path.of(System.getProperty("user.home"), ".rfrecon", "cache", "zoo", name);
        if (Files.isDirectory(cache)) {
            try {
                Checksums.verify(cache);
                if (sameAsBundled(name, cache)) {
                    return cache;
                }
            } catch (IOException stale) {
                // fall through and unpack again
            }
        }
        List<String> files = listing(name);
        AtomicFiles.writeDirectory(
                cache,
                dir -> {
                    for (String f : files) {
                        try (InputStream in = resource(name, f)) {
                            Files.copy(in, dir.resolve(f));
                        }
                    }
                });
        return cache;
    }

    private static boolean sameAsBundled(String name, Path cache) throws IOException {
        try (InputStream in = resource(name, Checksums.FILE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .equals(
                            Files.readString(
                                    cache.resolve(Checksums.FILE), StandardCharsets.UTF_8));
        }
    }

    /** The files of a bundled model: its checksum list names them all. */
    private static List<String> listing(String name) throws IOException {
        List<String> files = new ArrayList<>(List.of(Checksums.FILE));
        try (InputStream in = resource(name, Checksums.FILE)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .forEach(l -> files.add(l.substring(l.indexOf("  ") + 2)));
        }
        return files;
    }

    private static InputStream resource(String name, String file) throws IOException {
        InputStream in = ModelRepository.class.getResourceAsStream(BUNDLED + name + "/" + file);
        if (in == null) {
            throw new IOException("bundled model " + name + " lacks " + file);
        }
        return in;
    }
}
