package org.rfrecon.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.rfrecon.jobs.cluster.AblationJob;
import org.rfrecon.training.ablation.Ablation;
import org.rfrecon.training.ablation.AblationConfig;
import org.rfrecon.training.ablation.AblationListener;
import org.rfrecon.training.ablation.ResultRow;
import org.rfrecon.training.ablation.RunExecutor;
import org.rfrecon.training.ablation.Variant;
import org.rfrecon.training.ablation.VariantRunner;

/**
 * Runs an ablation's pending runs on Spark: one task per (variant, seed), each training and
 * evaluating on its executor and returning its row; the driver ({@link Ablation}) writes
 * results.csv after every row, then results.md and the plots.
 *
 * <p>Each run is its own one-task Spark job, submitted from its own driver thread (Spark runs jobs
 * of several threads at once), so rows arrive as runs finish and nothing one run does (not even a
 * lost executor) can abort the others. A task that throws is retried by Spark; on its last attempt
 * it returns the failed row instead of throwing, so a variant that keeps failing is reported in
 * results.csv with its error and the grid completes.
 */
public final class SparkAblation implements RunExecutor {

    private static final int MAX_THREADS = 256;

    private final Supplier<JavaSparkContext> sc;
    private final AblationJob job;
    private final RunnerFactory factory;
    private final int attempts;

    /**
     * @param sc the Spark context (asked for only when there is a run to do)
     * @param job the grid as tasks rebuild it
     * @param factory builds each task's runner on its executor
     * @param attempts the attempts Spark gives a task ({@link MasterUrl#attempts()})
     */
    public SparkAblation(
            Supplier<JavaSparkContext> sc, AblationJob job, RunnerFactory factory, int attempts) {
        this.sc = sc;
        this.job = job;
        this.factory = factory;
        this.attempts = attempts;
    }

    @Override
    public void runAll(
            List<Run> runs,
            VariantRunner runner,
            AblationListener listener,
            Consumer<ResultRow> done)
            throws Exception {
        if (runs.isEmpty()) {
            return;
        }
        List<Variant> variants = job.grid().variants();
        List<String> ids = variants.stream().map(Variant::id).toList();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        Math.min(runs.size(), MAX_THREADS),
                        r -> {
                            Thread t = new Thread(r, "rfrecon-ablation-job");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            sc.get(); // started once, before the threads submit
            CompletionService<ResultRow> results = new ExecutorCompletionService<>(pool);
            TrainTask fn = new TrainTask(job, factory, attempts);
            for (Run r : runs) {
                RunSpec spec =
                        new RunSpec(
                                ids.indexOf(r.variant().id()),
                                r.variant().id(),
                                r.seed(),
                                r.directory().toAbsolutePath().toString());
                results.submit(() -> submit(spec, fn, r));
            }
            for (int i = 0; i < runs.size(); i++) {
                done.accept(results.take().get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run as one Spark job; a job Spark gives up on becomes a failed row. */
    private ResultRow submit(RunSpec spec, TrainTask fn, Run r) {
        try {
            JavaSparkContext c = sc.get();
            c.setJobDescription("rfrecon ablate " + spec.variantId() + " seed " + spec.seed());
            return c.parallelize(List.of(spec), 1).map(fn).collect().get(0);
        } catch (RuntimeException e) {
            return Ablation.failure(r.variant(), r.seed(), rootCause(e));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * A run as a task receives it.
     *
     * @param variantIndex the variant's index in the grid's expansion
     * @param variantId its id (checked on the executor)
     * @param seed the seed
     * @param directory the absolute run directory
     */
    record RunSpec(int variantIndex, String variantId, long seed, String directory)
            implements java.io.Serializable {}

    /**
     * Training runs of one JVM take turns: DJL's PyTorch engine allows one gradient collector per
     * JVM at a time ("A PtGradientCollector is already collecting"), so tasks that share an
     * executor JVM (local mode, an executor with several task slots) would fail each other. Runs
     * scale across executor JVMs: give each executor one task slot ({@code spark.executor.cores}
     * equal to {@code spark.task.cpus}, or one GPU per executor).
     */
    static final Object TRAINING = new Object();

    /**
     * The task: rebuild the grid, train and evaluate one run, return its row.
     *
     * @param job the grid
     * @param factory builds the runner on the executor
     * @param attempts the attempts Spark gives the task
     */
    record TrainTask(AblationJob job, RunnerFactory factory, int attempts)
            implements Function<RunSpec, ResultRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public ResultRow call(RunSpec s) throws Exception {
            Tasks.prepare();
            AblationConfig grid = job.grid();
            Variant v = grid.variants().get(s.variantIndex());
            if (!v.id().equals(s.variantId())) {
                throw new IllegalStateException(
                        "variant " + s.variantIndex() + " is " + v.id() + ", not " + s.variantId());
            }
            Run run = new Run(v, s.seed(), Path.of(s.directory()));
            try {
                VariantRunner runner = factory.create(grid, Tasks.device(job.device()));
                synchronized (TRAINING) {
                    return Ablation.attempt(runner, run);
                }
            } catch (Exception | OutOfMemoryError e) {
                if (!Tasks.lastAttempt(attempts)) {
                    // Spark retries the task; an Error would be fatal to the executor's JVM
                    if (e instanceof Error) {
                        throw new IllegalStateException(e.toString(), e);
                    }
                    throw e;
                }
                ResultRow f = Ablation.failure(v, s.seed(), e);
                return ResultRow.failed(
                        v, s.seed(), f.error() + " (failed " + attempts + " attempts)");
            }
        }
    }
}
