package org.rfrecon.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.core.testing.CommandWords.words;

import ai.djl.pytorch.jni.JniUtils;
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
import org.rfrecon.jobs.cluster.AblationJob;
import org.rfrecon.training.ablation.Ablation;
import org.rfrecon.training.ablation.AblationListener;
import org.rfrecon.training.ablation.ResultRow;
import org.rfrecon.training.ablation.Variant;
import org.rfrecon.training.ablation.VariantRunner;

/**
 * ablate through Spark: the single-machine rows to the last digit (whatever intra-op threads the
 * driver has), retries, and failures reported in the grid.
 */
class SparkAblationTest {

    @TempDir Path tmp;

    /** A 2 x 2 grid (two regularizers, two seeds) on tiny, small enough for seconds per run. */
    private static final String GRID =
            "{\"base\": {\"preset\": \"tiny\", \"epochs\": 1, \"train_count\": 8, \"val_count\": 4,"
                    + " \"batch_size\": 4, \"stages\": 2, \"cg_iterations\": 2, \"cnn_width\": 4},"
                    + " \"axes\": {\"regularizer\": [\"soft-threshold\", \"cnn\"]},"
                    + " \"seeds\": [1, 2], \"eval_count\": 4}";

    /** A distance that tells two seeds' rows apart (asserted below). */
    private static final double TOLERANCE_DB = 1e-4;

    private static List<ResultRow> rows(Path out) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        List<ResultRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(ResultRow.fromCsv(line, List.of("regularizer")));
        }
        return rows;
    }

    @Test
    void aTwoByTwoGridOnTinyGivesTheSingleMachineRows() throws Exception {
        Path cfg = tmp.resolve("grid.json");
        Files.writeString(cfg, GRID);
        Path one = tmp.resolve("one");
        Path spark = tmp.resolve("spark");
        // the single-machine run on a thread with two intra-op threads, as ./rfrecon ablate has
        // on a 2-core machine (the tests run PyTorch on one; Spark tasks get spark.task.cpus)
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library
        int threads = JniUtils.getNumThreads();
        Cli.Result r;
        try {
            JniUtils.setNumThreads(2);
            r = Cli.run(words("ablate --config {} --out {}", cfg, one));
        } finally {
            JniUtils.setNumThreads(threads);
        }
        assertEquals(0, r.code(), r.err());
        r = Cli.run(words("ablate --config {} --out {} --master local[2]", cfg, spark));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("master local[2,4]"), r.out());
        List<ResultRow> expected = rows(one);
        List<ResultRow> got = rows(spark);
        assertEquals(4, expected.size());
        assertEquals(4, got.size());
        for (int i = 0; i < 4; i++) {
            ResultRow a = expected.get(i);
            ResultRow b = got.get(i);
            assertTrue(a.ok() && b.ok(), a + " / " + b);
            assertEquals(
                    List.of(a.variant(), a.seed(), a.axes(), a.parameters()),
                    List.of(b.variant(), b.seed(), b.axes(), b.parameters()));
            // equal to the last digit results.csv records, whatever threads each engine had
            assertEquals(
                    List.of(a.nmseDb(), a.psnr(), a.ssim()),
                    List.of(b.nmseDb(), b.psnr(), b.ssim()),
                    a.variant() + " seed " + a.seed());
        }
        // the tolerance is far below what the seed changes: rows of two seeds are told apart
        assertTrue(
                Math.abs(expected.get(2).nmseDb() - expected.get(3).nmseDb()) > 100 * TOLERANCE_DB,
                expected.get(2) + " / " + expected.get(3));
        for (String f : new String[] {"results.md", "plot-time.png", "plot-memory.png"}) {
            assertTrue(Files.size(spark.resolve(f)) > 0, f);
        }
        assertTrue(Files.isDirectory(spark.resolve("runs/regularizer=cnn/seed-2")));
    }

    /** Attempts per (variant, seed), across task attempts (local executors share this JVM). */
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** Fails the first attempt of soft-threshold, every attempt of cnn; no training. */
    static final class FlakyRunner implements VariantRunner {
        @Override
        public ResultRow run(Variant v, long seed, Path dir) {
            ATTEMPTS.computeIfAbsent(v.id() + "#" + seed, k -> new AtomicInteger())
                    .incrementAndGet();
            if (v.id().equals("regularizer=cnn")
                    || (v.id().equals("regularizer=soft-threshold")
                            && TaskContext.get().attemptNumber() == 0)) {
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
                assertEquals(
                        2,
                        ATTEMPTS.get("regularizer=soft-threshold#" + seed).get(),
                        "retried once");
                assertEquals(3, ATTEMPTS.get("regularizer=cnn#" + seed).get(), "tried three times");
            }
            assertTrue(
                    rows.stream()
                            .filter(x -> x.variant().equals("regularizer=soft-threshold"))
                            .allMatch(ResultRow::ok));
            for (ResultRow x : rows.stream().filter(x -> !x.ok()).toList()) {
                assertEquals("regularizer=cnn", x.variant());
                assertTrue(x.error().contains("injected failure of regularizer=cnn"), x.error());
                assertTrue(x.error().contains("3 attempts"), x.error());
            }
            List<String> csv = Files.readAllLines(tmp.resolve("results.csv"));
            assertEquals(5, csv.size());
            assertEquals(2, csv.stream().filter(l -> l.contains(",failed,")).count());
            assertTrue(Files.readString(tmp.resolve("results.md")).contains("## Failures"));
        }
    }
}
