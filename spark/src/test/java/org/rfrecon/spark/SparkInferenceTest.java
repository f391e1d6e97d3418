package org.rfrecon.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.core.testing.CommandWords.words;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infer on a dataset through Spark: the same shards and metrics as on one machine. */
class SparkInferenceTest {

    @TempDir Path tmp;

    private static String metricsLine(String out) {
        return out.lines().filter(l -> l.startsWith("NMSE ")).findFirst().orElse("none");
    }

    /** Runs {@code infer} of {@code model} over the dataset {@code data} into {@code out}. */
    private static Cli.Result infer(Path model, Path data, Path out, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "infer",
                                "--model",
                                model.toString(),
                                "--input",
                                data.toString(),
                                "--out",
                                out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void inferOnADatasetGivesTheSingleMachineOutputAndResumes() throws Exception {
        Path model = tmp.resolve("model");
        Cli.Result r =
                Cli.run(
                        words(
                                "train --preset tiny --out {} --epochs 1 --train-count 8 --stages 2",
                                model));
        assertEquals(0, r.code(), r.err());
        Path data = tmp.resolve("data");
        r = Cli.run(words("simulate --preset tiny --count 6 --shard-size 2 --out {}", data));
        assertEquals(0, r.code(), r.err());

        Path one = tmp.resolve("one");
        Path spark = tmp.resolve("spark");
        r = infer(model, data, one);
        assertEquals(0, r.code(), r.err());
        String expectedMetrics = metricsLine(r.out());
        r = infer(model, data, spark, "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 shards on Spark: 3 inferred, 0 kept"), r.out());
        assertEquals(expectedMetrics, metricsLine(r.out()));
        Map<String, byte[]> expected = Cli.files(one);
        Map<String, byte[]> got = Cli.files(spark);
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));

        // a rerun keeps every shard that verifies and reports the same metrics
        r = infer(model, data, spark, "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 shards on Spark: 0 inferred, 3 kept"), r.out());
        assertEquals(expectedMetrics, metricsLine(r.out()));
        assertTrue(Files.exists(spark.resolve("reconstructions.json")));
    }
}
