package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The code a training step runs stays recordable as a CUDA graph on the CPU's side of CI too: no
 * main source of the networks ({@code unrolled}) nor the training losses ({@link ComplexLosses})
 * hands a number literal or a constant to an NDArray's arithmetic ({@code add(1e-30)}, {@code
 * mul(FLOOR)}). DJL turns such a number into a host scalar copied to the device, which a capture
 * refuses and which stalls an eager GPU step; {@code Scalars.constant} makes it on the device. The
 * real check is {@code GraphedReconstructorTest}, which records every regularizer and loss but
 * needs a GPU; this one catches the common slip everywhere, from the source. A number held in a
 * variable is not caught.
 */
class RecordableStepSourceTest {

    private static final Pattern HOST_SCALAR =
            Pattern.compile(
                    "\\.(add|sub|mul|div|pow|maximum|minimum|addi|subi|muli|divi)\\(\\s*"
                            + "(-?[0-9]|[A-Z][A-Z0-9_]*\\)|\\((double|float|long|int)\\))");

    @Test
    void theStepsSourcesPassNoNumberToArithmetic() throws IOException {
        List<Path> sources = new ArrayList<>();
        Path networks = Path.of("..", "unrolled", "src", "main", "java");
        assertTrue(Files.isDirectory(networks), networks.toAbsolutePath().toString());
        try (Stream<Path> s = Files.walk(networks)) {
            s.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
        }
        Path losses = Path.of("src/main/java/org/rfrecon/training/ComplexLosses.java");
        assertTrue(Files.isRegularFile(losses), losses.toAbsolutePath().toString());
        sources.add(losses);
        List<String> found = new ArrayList<>();
        for (Path f : sources) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).strip();
                if (!code.startsWith("*")
                        && !code.startsWith("//")
                        && HOST_SCALAR.matcher(code).find()) {
                    found.add(f + ":" + (i + 1) + ": " + code);
                }
            }
        }
        assertTrue(sources.size() >= 10, "read only " + sources.size() + " files");
        assertEquals(
                List.of(),
                found,
                "a number handed to NDArray arithmetic copies a host scalar: use Scalars.constant");
    }

    @Test
    void thePatternFindsLiteralsAndConstantsButNotArrays() {
        assertTrue(HOST_SCALAR.matcher("power.add(1e-30).sqrt()").find());
        assertTrue(HOST_SCALAR.matcher("x.div(2)").find());
        assertTrue(HOST_SCALAR.matcher("x.mul(-0.5)").find());
        assertTrue(HOST_SCALAR.matcher("power.div(mean).add(FLOOR).sqrt()").find());
        assertTrue(HOST_SCALAR.matcher("x.mul((double) n)").find());
        assertFalse(HOST_SCALAR.matcher("power.add(floor).sqrt()").find());
        assertFalse(HOST_SCALAR.matcher("x.div(Scalars.constant(x, 2))").find());
        assertFalse(HOST_SCALAR.matcher("v.add(correction(stage, v))").find());
    }
}
