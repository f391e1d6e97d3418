package org.rfrecon.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.jobs.InvalidInputException;

/** Master URLs are checked before anything runs; local mode gets Spark's retries. */
class MasterUrlTest {

    @TempDir Path tmp;

    private static MasterUrl parse(String m, String... props) {
        Properties p = new Properties();
        for (int i = 0; i < props.length; i += 2) {
            p.setProperty(props[i], props[i + 1]);
        }
        return MasterUrl.parse(m, p);
    }

    @Test
    void localModeRetriesAndClusterUrlsPassThrough() {
        assertEquals(new MasterUrl("local[2,4]", 4, true), parse("local[2]"));
        assertEquals(new MasterUrl("local[1,4]", 4, true), parse("local"));
        assertEquals(new MasterUrl("local[*,2]", 2, true), parse("local[*,2]"));
        assertEquals(
                new MasterUrl("local[3,6]", 6, true),
                parse("local[3]", "spark.task.maxFailures", "6"));
        assertEquals(new MasterUrl("local[*,4]", 4, true), parse(""));
        assertEquals(
                new MasterUrl("spark://a:7077,b:7077", 4, false),
                parse("", "spark.master", "spark://a:7077,b:7077"));
        assertEquals(new MasterUrl("yarn", 4, false), parse("yarn"));
        assertFalse(parse("k8s://https://host:6443").local());
        for (String bad :
                new String[] {
                    "local[0]", "local[2", "spark://host", "spark:/h:7077", "mesos://h:5050"
                }) {
            InvalidInputException e =
                    assertThrows(InvalidInputException.class, () -> parse(bad), bad);
            assertTrue(e.getMessage().contains("not a Spark master URL"), e.getMessage());
        }
        assertThrows(
                InvalidInputException.class,
                () -> parse("local[2]", "spark.task.maxFailures", "0"));
    }

    @Test
    void anInvalidMasterIsExitTwoBeforeAnyWork() throws Exception {
        Path out = tmp.resolve("out");
        String[][] commands = {
            {"ablate", "--preset", "tiny", "--out", out.toString(), "--master", "spark//h:7077"},
            {
                "simulate",
                "--preset",
                "tiny",
                "--count",
                "4",
                "--out",
                out.toString(),
                "--master",
                "spark//h:7077"
            },
            {
                "infer",
                "--model",
                "zoo:none",
                "--input",
                tmp.toString(),
                "--out",
                out.toString(),
                "--master",
                "spark//h:7077"
            }
        };
        for (String[] c : commands) {
            Cli.Result r = Cli.run(c);
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("'spark//h:7077': not a Spark master URL"), r.err());
            assertFalse(Files.exists(out), c[0] + " wrote " + out);
        }
        assertEquals(0, ModelCache.size());
    }
}
