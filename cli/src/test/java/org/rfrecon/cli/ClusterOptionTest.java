package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.core.testing.CommandWords.words;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the spark module on the class path, --master is a one-line error before any work. */
class ClusterOptionTest {

    @TempDir Path tmp;

    @Test
    void masterWithoutTheSparkEngineIsExitTwoAndWritesNothing() {
        Path out = tmp.resolve("data");
        Object[] r =
                CommandLineTest.run(
                        words("simulate --preset tiny --count 4 --out {} --master local[2]", out));
        assertEquals(2, r[0]);
        String err = ((String) r[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("--master needs the Spark engine"), err);
        assertFalse(Files.exists(out));
        assertFalse(
                ((String) CommandLineTest.run("ablate", "--help")[1]).isEmpty(),
                "help still works");
        assertTrue(((String) CommandLineTest.run("ablate", "--help")[1]).contains("--master"));
    }
}
