package org.rfrecon.training.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.training.ReconTrainer;
import org.rfrecon.training.ToyReconstructions;

/** The grid runs, writes every output, resumes, survives failures, and validates up front. */
class AblationTest {

    @TempDir Path tmp;

    private static AblationConfig grid() {
        return AblationConfig.fromJson(
                JsonParser.parseString(
                                "{\"base\": {\"preset\": \"tiny\", \"epochs\": 2, \"batch_size\": 4,"
                                        + " \"learning_rate\": 0.02},"
                                        + " \"axes\": {\"train_count\": [8, 12], \"stages\": [2]},"
                                        + " \"seeds\": [1, 2], \"eval_count\": 4}")
                        .getAsJsonObject());
    }

    /** Trains the toy gain model for real with the variant's config; counts calls. */
    static final class ToyRunner implements VariantRunner {
        final AtomicInteger calls = new AtomicInteger();
        final String failOn;

        ToyRunner(String failOn) {
            this.failOn = failOn;
        }

        @Override
        public ResultRow run(Variant v, long seed, Path dir) throws Exception {
            calls.incrementAndGet();
            if (v.id().contains(failOn)) {
                throw new IllegalStateException("injected failure");
            }
            try (NDManager m = NDManager.newBaseManager()) {
                var net = ToyReconstructions.network(m);
                long start = System.nanoTime();
                ReconTrainer t =
                        ReconTrainer.builder()
                                .setConfig(v.config())
                                .setNetwork(net)
                                .setData(
                                        ToyReconstructions.scenes(
                                                v.config().data().trainCount(), seed, m),
                                        ToyReconstructions.scenes(4, 99, m))
                                .setMetrics(ToyReconstructions.NMSE_ONLY)
                                .setRunDirectory(dir)
                                .build();
                t.fit(m, false);
                org.rfrecon.training.metric.Quality q = t.validate(m).quality();
                return new ResultRow(
                        v.id(),
                        seed,
                        ResultRow.axesText(v),
                        "ok",
                        q.nmseDb(),
                        q.psnr(),
                        q.ssim(),
                        (System.nanoTime() - start) / 1e9,
                        2,
                        0,
                        "");
            }
        }

        @Override
        public List<BaselineRow> baselines(AblationConfig config) {
            return List.of(new BaselineRow("zero", 0, 0, 0));
        }
    }

    @Test
    void gridRunsWritesOutputsAndSkipsFinishedRowsOnRerun() throws Exception {
        ToyRunner runner = new ToyRunner("never");
        List<ResultRow> rows = new Ablation(grid(), runner, tmp, new AblationListener() {}).run();
        assertEquals(4, rows.size());
        assertEquals(4, runner.calls.get());
        assertTrue(rows.stream().allMatch(ResultRow::ok));
        for (String f :
                new String[] {
                    "results.csv",
                    "results.md",
                    "plot-nmse-vs-stages.png",
                    "plot-time.png",
                    "plot-memory.png"
                }) {
            assertTrue(Files.size(tmp.resolve(f)) > 0, f);
        }
        String md = Files.readString(tmp.resolve("results.md"));
        assertTrue(md.contains("train_count=12,stages=2") && md.contains("baseline: zero"), md);
        assertEquals(5, Files.readAllLines(tmp.resolve("results.csv")).size());
        ToyRunner again = new ToyRunner("never");
        new Ablation(grid(), again, tmp, new AblationListener() {}).run();
        assertEquals(0, again.calls.get(), "finished rows are skipped");
    }

    @Test
    void aFailingVariantIsReportedAndTheGridCompletes() throws Exception {
        ToyRunner runner = new ToyRunner("train_count=8");
        List<ResultRow> rows = new Ablation(grid(), runner, tmp, new AblationListener() {}).run();
        assertEquals(2, rows.stream().filter(r -> !r.ok()).count());
        assertEquals(2, rows.stream().filter(ResultRow::ok).count());
        assertTrue(
                rows.stream()
                        .filter(r -> !r.ok())
                        .allMatch(r -> r.error().contains("injected failure")));
        assertTrue(Files.readString(tmp.resolve("results.md")).contains("## Failures"));
        ToyRunner retry = new ToyRunner("never");
        new Ablation(grid(), retry, tmp, new AblationListener() {}).run();
        assertEquals(2, retry.calls.get(), "failed rows are retried on a rerun");
    }

    @Test
    void invalidAxesAndValuesFailBeforeAnyTraining() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                AblationConfig.fromJson(
                                        JsonParser.parseString(
                                                        "{\"base\": {\"preset\": \"tiny\"}, \"axes\": {\"depth\": [1]}, \"seeds\": [1]}")
                                                .getAsJsonObject()));
        assertTrue(e.getMessage().contains("unknown axis 'depth'"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                AblationConfig.fromJson(
                                        JsonParser.parseString(
                                                        "{\"base\": {\"preset\": \"tiny\"}, \"axes\": {\"stages\": [2, 0]}, \"seeds\": [1]}")
                                                .getAsJsonObject()));
        assertTrue(e.getMessage().contains("stages"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AblationConfig.preset("huge"));
        assertEquals(6, AblationConfig.preset("tiny").variants().size());
    }

    @Test
    void csvRowsRoundTripWithQuotedErrors() {
        Variant v = grid().variants().get(0);
        ResultRow r = ResultRow.failed(v, 3, "boom, \"quoted\"");
        List<String> axes = List.copyOf(grid().axes().keySet());
        assertEquals(r.toCsv(), ResultRow.fromCsv(r.toCsv(), axes).toCsv());
    }
}
