package org.rfrecon.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rfrecon.cli.Main;
import org.rfrecon.core.testing.CapturedStreams;

/** Runs the command line in this JVM, capturing what it prints. */
final class Cli {

    private Cli() {}

    /**
     * The result of one command.
     *
     * @param code the exit status
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CapturedStreams.Result r = CapturedStreams.capture((out, err) -> Main.run(args));
        return new Result(r.code(), r.out(), r.err());
    }

    /** Every file under {@code dir} (relative name to bytes), hidden ones included. */
    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }
}
