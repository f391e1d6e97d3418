package org.rfrecon.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine sits on {@code jobs}, beside the command line, never on it: no main source file of
 * this module names {@code org.rfrecon.cli} (the pom keeps cli off the compile class path too; this
 * also catches fully qualified names in code and Javadoc links).
 */
class SparkBoundaryTest {

    private static final Pattern CLI = Pattern.compile("\\borg\\.rfrecon\\.cli\\b");

    @Test
    void noMainSourceNamesTheCommandLine() throws IOException {
        Path main = Path.of("src", "main");
        assertTrue(Files.isDirectory(main.resolve("java")), main.toAbsolutePath().toString());
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(main)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                files++;
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (CLI.matcher(lines.get(i)).find()) {
                        found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(files >= 10, "read only " + files + " files under " + main.toAbsolutePath());
        assertEquals(List.of(), found, "spark names org.rfrecon.cli");
    }

    @Test
    void thePatternFindsAnImportAndAQualifiedName() {
        assertTrue(CLI.matcher("import org.rfrecon.cli.CliErrors;").find());
        assertTrue(CLI.matcher("throw new org.rfrecon.cli.CliErrors.UserError(m);").find());
        assertTrue(!CLI.matcher("import org.rfrecon.client.X;").find());
    }
}
