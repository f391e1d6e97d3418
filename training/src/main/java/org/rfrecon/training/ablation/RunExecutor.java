package org.rfrecon.training.ablation;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the pending (variant, seed) runs of an ablation grid. {@link Ablation} hands it every run
 * not yet done and records each result as it arrives (results.csv is rewritten after every row).
 * {@link #SEQUENTIAL} runs them one after another on the calling thread; the Spark engine (module
 * {@code spark}) runs each as a task on a cluster and must give the same rows for the same seeds.
 */
public interface RunExecutor {

    /**
     * One pending run.
     *
     * @param variant the grid point
     * @param seed the training seed
     * @param directory its run directory ({@code runs/<variant>/seed-<s>}, absolute)
     */
    record Run(Variant variant, long seed, Path directory) {}

    /**
     * Runs every run and passes each result to {@code done} on the calling thread, in any order; a
     * run that fails is passed as a failed row ({@link Ablation#failure}), never thrown.
     *
     * @param runner the driver's runner (executors elsewhere may build their own)
     * @param listener gets {@code onRunStart} where the executor can tell
     * @throws Exception only if the executor itself breaks down
     */
    void runAll(
            List<Run> runs,
            VariantRunner runner,
            AblationListener listener,
            Consumer<ResultRow> done)
            throws Exception;

    /** One run after another on the calling thread. */
    RunExecutor SEQUENTIAL =
            (runs, runner, listener, done) -> {
                for (Run r : runs) {
                    listener.onRunStart(r.variant(), r.seed());
                    ResultRow row;
                    try {
                        row = Ablation.attempt(runner, r);
                    } catch (Exception | OutOfMemoryError e) {
                        row = Ablation.failure(r.variant(), r.seed(), e);
                    }
                    done.accept(row);
                }
            };
}
