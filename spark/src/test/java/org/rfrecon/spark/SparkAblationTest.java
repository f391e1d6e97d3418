package org.rfrecon.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.cli.cluster.AblationJob;
import org.rfrecon.training.ablation.Ablation;
import org.rfrecon.training.ablation.AblationListener;
import org.rfrecon.training.ablation.ResultRow;
import org.rfrecon.training.ablation.Variant;
import org.rfrecon.training.ablation.VariantRunner;

/** ablate through Spark: the single-machine rows, retries, and failures reported in the grid. */
class SparkAblationTest {

    @TempDir Path tmp;

    /** A 2 x 2 grid (two K, two seeds) on tiny, small enough for seconds per run. */
    private static final String GRID =
            "{\"base\": {\"preset\": \"tiny\", \"epochs\": 1, \"train_count\": 8, \"val_count\": 4,"
                    + " \"batch_size\": 4, \"cg_iterations\": 2, \"regularizer\": \"soft-threshold\"},"
                    + " \"axes\": {\"stages\": [1, 2]}, \"seeds\": [1, 2], \"eval_count\": 4}";

    /** results.csv without the timing columns (train_seconds, peak_bytes). */
    private static List<String> metricColumns(Path out) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int t = header.indexOf("train_seconds");
        int p = header.indexOf("peak_bytes");
        List<String> out2 = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            List<String> keep = new ArrayList<>();
            for (int i = 0; i < f.length; i++) {
                if (i != t && i != p) {
                    keep.add(f[i]);
                }
            }
            out2.add(String.join(",", keep));
        }
        return out2;
    }

    @Test
    void aTwoByTwoGridOnTinyGivesTheSingleMachineRows() throws Exception {
        Path cfg = tmp.resolve("grid.json");
        Files.writeString(cfg, GRID);
        Path one = tmp.resolve("one");
        Path spark = tmp.resolve("spark");
        Cli.Result r = Cli.run("ablate", "--config", cfg.toString(), "--out", one.toString());
        assertEquals(0, r.code(), r.err());
        r =
                Cli.run(
                        "ablate",
                        "--config",
                        cfg.toString(),
                        "--out",
                        spark.toString(),
                        "--master",
                        "local[2]");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("master local[2,4]"), r.out());
        List<String> expected = metricColumns(one);
        assertEquals(5, expected.size(), expected.toString());
        assertTrue(
                expected.stream().skip(1).allMatch(l -> l.contains(",ok,")), expected.toString());
        assertEquals(expected, metricColumns(spark));
        for (String f : new String[] {"results.md", "plot-nmse-vs-stages.png", "plot-time.png"}) {
            assertTrue(Files.size(spark.resolve(f)) > 0, f);
        }
        assertTrue(Files.isDirectory(spark.resolve("runs/stages=1/seed-2")));
    }

    /** Attempts per (variant, seed), across task attempts (local executors share this JVM). */
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** Fails the first attempt of stages=1, every attempt of stages=2; no training. */
    static final class FlakyRunner implements VariantRunner {
        @Override
        public ResultRow run(Variant v, long seed, Path dir) {
            ATTEMPTS.computeIfAbsent(v.id() + "#" + seed, k -> new AtomicInteger())
                    .incrementAndGet();
            if (v.id().equals("stages=2")
                    || (v.id().equals("stages=1") && TaskContext.get().attemptNumber() == 0)) {
                throw new IllegalStateException("injected failure of " + v.id());
            }
            return new ResultRow(
                    v.id(), seed, ResultRow.axesText(v), "ok", -seed, seed, 0.5, 0, 1, 0, "");
        }

        @Override
        public List<BaselineRow> baselines(org.rfrecon.training.ablation.AblationConfig config) {
            return List.of();
        }
    }

    @Test
    void aFailedTaskIsRetriedAndAVariantThatKeepsFailingIsReported() throws Exception {
        ATTEMPTS.clear();
        AblationJob job = new AblationJob(null, GRID, "cpu");
        MasterUrl master = MasterUrl.parse("local[2,3]", new java.util.Properties());
        try (JavaSparkContext sc = new JavaSparkContext(SparkClusterSession.conf(master))) {
            SparkAblation executor =
                    new SparkAblation(
                            () -> sc, job, (grid, device) -> new FlakyRunner(), master.attempts());
            List<ResultRow> rows =
                    new Ablation(
                                    job.grid(),
                                    new FlakyRunner(),
                                    tmp,
                                    new AblationListener() {},
                                    executor)
                            .run();
            assertEquals(4, rows.size());
            for (long seed : new long[] {1, 2}) {
                assertEquals(2, ATTEMPTS.get("stages=1#" + seed).get(), "retried once");
                assertEquals(3, ATTEMPTS.get("stages=2#" + seed).get(), "tried three times");
            }
            assertTrue(
                    rows.stream()
                            .filter(x -> x.variant().equals("stages=1"))
                            .allMatch(ResultRow::ok));
            for (ResultRow x : rows.stream().filter(x -> !x.ok()).toList()) {
                assertEquals("stages=2", x.variant());
                assertTrue(x.error().contains("injected failure of stages=2"), x.error());
                assertTrue(x.error().contains("3 attempts"), x.error());
            }
            List<String> csv = Files.readAllLines(tmp.resolve("results.csv"));
            assertEquals(5, csv.size());
            assertEquals(2, csv.stream().filter(l -> l.contains(",failed,")).count());
            assertTrue(Files.readString(tmp.resolve("results.md")).contains("## Failures"));
        }
    }
}
