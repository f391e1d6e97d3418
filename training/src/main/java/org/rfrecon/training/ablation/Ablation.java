package org.rfrecon.training.ablation;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rfrecon.datasets.io.AtomicFiles;

/**
 * Runs an ablation grid: every (variant, seed) once, with the same budget and seeds, recording one
 * row per run in {@code results.csv} (rewritten atomically after every run), then {@code
 * results.md} and the plots ({@link AblationReport}).
 *
 * <p><b>Resume.</b> Rows with status {@code ok} are kept and their runs skipped on a rerun; failed
 * runs are tried again. A run's directory ({@code runs/<variant>/seed-<s>}) is deleted before it
 * starts, so an interrupted run restarts cleanly. A failing run is recorded with its error and the
 * rest of the grid goes on.
 *
 * <p>The pending runs go to a {@link RunExecutor}: one after another on this thread by default, or
 * as tasks of a cluster (module {@code spark}); results.csv is rewritten as each row arrives.
 */
public final class Ablation {

    private final AblationConfig config;
    private final VariantRunner runner;
    private final Path out;
    private final AblationListener listener;
    private final RunExecutor executor;

    /**
     * @param config the grid (already validated)
     * @param runner trains and evaluates one run
     * @param out the output directory
     * @param listener progress events
     */
    public Ablation(
            AblationConfig config, VariantRunner runner, Path out, AblationListener listener) {
        this(config, runner, out, listener, RunExecutor.SEQUENTIAL);
    }

    /**
     * @param config the grid (already validated)
     * @param runner trains and evaluates one run (and the baselines, on this machine)
     * @param out the output directory
     * @param listener progress events
     * @param executor runs the pending runs (one after another, or as cluster tasks)
     */
    public Ablation(
            AblationConfig config,
            VariantRunner runner,
            Path out,
            AblationListener listener,
            RunExecutor executor) {
        this.config = config;
        this.runner = runner;
        this.out = out;
        this.listener = listener;
        this.executor = executor;
    }

    /** The results file of an output directory. */
    public static Path resultsFile(Path out) {
        return out.resolve("results.csv");
    }

    /** Runs what is not done yet and writes every output; returns all rows. */
    public List<ResultRow> run() throws Exception {
        Files.createDirectories(out);
        List<Variant> variants = config.variants();
        List<String> axisNames = new ArrayList<>(config.axes().keySet());
        Map<String, ResultRow> rows = new LinkedHashMap<>();
        for (ResultRow r : read(out, axisNames)) {
            rows.put(key(r.variant(), r.seed()), r);
        }
        int total = variants.size() * config.seeds().size();
        List<RunExecutor.Run> pending = new ArrayList<>();
        for (Variant v : variants) {
            for (long seed : config.seeds()) {
                ResultRow r = rows.get(key(v.id(), seed));
                if (r == null || !r.ok()) {
                    Path dir = out.resolve("runs").resolve(safe(v.id())).resolve("seed-" + seed);
                    pending.add(new RunExecutor.Run(v, seed, dir.toAbsolutePath()));
                }
            }
        }
        listener.onGridStart(total, pending.size());
        executor.runAll(
                pending,
                runner,
                listener,
                row -> {
                    rows.put(key(row.variant(), row.seed()), row);
                    try {
                        write(out, axisNames, order(rows, variants));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    listener.onRunEnd(row);
                });
        List<ResultRow> all = order(rows, variants);
        write(out, axisNames, all);
        AblationReport.write(out, config, all, runner.baselines(config));
        return all;
    }

    /**
     * The PyTorch intra-op threads every run computes with, in every engine. A reduction's order,
     * and so its last bits, depends on how many threads share it: with the machine's default (two
     * threads on two cores) a single-machine run differed from the same run in a Spark task (one
     * thread, {@code spark.task.cpus}) in the 5th to 6th digit of NMSE. One thread everywhere gives
     * the same rows on any machine and engine; runs get their parallelism from running side by side
     * (Spark), not from splitting one run's small arrays.
     */
    public static final int RUN_THREADS = 1;

    /**
     * One attempt at a run: empties its directory (an interrupted or failed attempt restarts
     * cleanly) and trains and evaluates it with {@link #RUN_THREADS} intra-op threads on the
     * calling thread (restored after).
     *
     * @throws Exception whatever the runner throws
     */
    public static ResultRow attempt(VariantRunner runner, RunExecutor.Run run) throws Exception {
        AtomicFiles.deleteRecursively(run.directory());
        Files.createDirectories(run.directory());
        Engine.getEngine("PyTorch"); // loads the native library before the thread setting
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(RUN_THREADS);
        try {
            return runner.run(run.variant(), run.seed(), run.directory());
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    /** The failed row of a run that threw {@code e}: its class and message on one line. */
    public static ResultRow failure(Variant v, long seed, Throwable e) {
        return ResultRow.failed(v, seed, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** The rows in grid order (variants as expanded, then seeds as listed). */
    private List<ResultRow> order(Map<String, ResultRow> rows, List<Variant> variants) {
        List<ResultRow> all = new ArrayList<>();
        for (Variant v : variants) {
            for (long seed : config.seeds()) {
                ResultRow r = rows.get(key(v.id(), seed));
                if (r != null) {
                    all.add(r);
                }
            }
        }
        return all;
    }

    /**
     * Reads {@code results.csv} of {@code out} if present.
     *
     * @throws IOException if it belongs to a grid with other axes
     */
    static List<ResultRow> read(Path out, List<String> axisNames) throws IOException {
        Path f = resultsFile(out);
        List<ResultRow> rows = new ArrayList<>();
        if (!Files.exists(f)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(ResultRow.header(axisNames))) {
            throw new IOException(
                    f
                            + ": written for another grid (header differs); use another output directory");
        }
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(ResultRow.fromCsv(line, axisNames));
            }
        }
        return rows;
    }

    private static void write(Path out, List<String> axisNames, List<ResultRow> rows)
            throws IOException {
        StringBuilder b = new StringBuilder(ResultRow.header(axisNames)).append('\n');
        rows.forEach(r -> b.append(r.toCsv()).append('\n'));
        AtomicFiles.write(resultsFile(out), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String key(String variant, long seed) {
        return variant + "#" + seed;
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9=,._-]", "_");
    }
}
