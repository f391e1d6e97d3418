package org.rfrecon.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate --count through Spark: the same bytes as on one machine, and resumable. */
class SparkSimulationTest {

    @TempDir Path tmp;

    private static String[] simulate(Path out, String... more) {
        String[] base = {
            "simulate",
            "--preset",
            "tiny",
            "--count",
            "10",
            "--shard-size",
            "4",
            "--seed",
            "5",
            "--out",
            out.toString()
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertSameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
    }

    @Test
    void writesTheSameBytesAsOneMachineAndARerunKeepsShardsThatVerify() throws Exception {
        Path one = tmp.resolve("one");
        Path spark = tmp.resolve("spark");
        Cli.Result r = Cli.run(simulate(one));
        assertEquals(0, r.code(), r.err());
        r = Cli.run(simulate(spark, "--master", "local[2]"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 shards on Spark: 3 simulated, 0 kept"), r.out());
        Map<String, byte[]> expected = Cli.files(one);
        assertEquals(4, expected.size(), expected.keySet().toString()); // 3 shards, dataset.json
        assertSameFiles(expected, Cli.files(spark));

        // a damaged shard of a finished directory is simulated again, the others are kept
        Path shard = spark.resolve("shard-00001.npz");
        byte[] b = Files.readAllBytes(shard);
        b[b.length / 2] ^= 1;
        Files.write(shard, b);
        r = Cli.run(simulate(spark, "--master", "local[2]"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 shards on Spark: 1 simulated, 2 kept"), r.out());
        assertSameFiles(expected, Cli.files(spark));

        // another request into the same directory is refused, and nothing changes
        r = Cli.run(simulate(spark, "--master", "local[2]", "--snr", "10"));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("another request"), r.err());
        assertSameFiles(expected, Cli.files(spark));
    }
}
