package org.rfrecon.training.ablation;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.rfrecon.training.Baselines;
import org.rfrecon.training.InMemoryDataset;
import org.rfrecon.training.QualityMetrics;
import org.rfrecon.training.TrainConfig;
import org.rfrecon.training.TrainingListener;
import org.rfrecon.training.TrainingSession;
import org.rfrecon.training.TrainingSummary;
import org.rfrecon.training.metric.Quality;

/**
 * Trains the unrolled network of a variant with a seed ({@link TrainingSession}) and reports its
 * held-out metrics, time, size and peak step memory; the baselines are backprojection and ADMM-l1
 * with each K of the grid, on the same held-out set.
 */
public final class UnrolledVariantRunner implements VariantRunner {

    private final Device device;
    private final QualityMetrics metrics;
    private final Function<Variant, TrainingListener> listeners;
    private final TrainConfig heldOut;
    private final boolean cudaGraphs;

    /**
     * A runner whose steps run eagerly.
     *
     * @param grid the ablation (its base config defines the shared held-out set)
     * @param device where training runs
     * @param metrics how held-out quality is measured
     * @param listeners per-run training progress
     */
    public UnrolledVariantRunner(
            AblationConfig grid,
            Device device,
            QualityMetrics metrics,
            Function<Variant, TrainingListener> listeners) {
        this(grid, device, metrics, listeners, false);
    }

    /**
     * @param grid the ablation (its base config defines the shared held-out set)
     * @param device where training runs
     * @param metrics how held-out quality is measured
     * @param listeners per-run training progress
     * @param cudaGraphs whether each run replays its steps as CUDA graphs ({@link
     *     TrainingSession.Builder#optCudaGraphs}; the same losses and parameters, faster on a GPU)
     */
    public UnrolledVariantRunner(
            AblationConfig grid,
            Device device,
            QualityMetrics metrics,
            Function<Variant, TrainingListener> listeners,
            boolean cudaGraphs) {
        this.heldOut = heldOutOf(grid);
        this.device = device;
        this.metrics = metrics;
        this.listeners = listeners;
        this.cudaGraphs = cudaGraphs;
    }

    @Override
    public ResultRow run(Variant variant, long seed, Path runDirectory) throws Exception {
        JsonObject o = new JsonObject();
        o.addProperty("seed", seed);
        TrainConfig c = variant.config().with(o);
        try (TrainingSession s =
                TrainingSession.builder()
                        .setConfig(c)
                        .optHeldOutConfig(heldOut)
                        .optDevice(device)
                        .optCudaGraphs(cudaGraphs)
                        .setRunDirectory(runDirectory)
                        .setMetrics(metrics)
                        .addTrainingListeners(listeners.apply(variant))
                        .build()) {
            TrainingSummary r = s.run(false);
            return new ResultRow(
                    variant.id(),
                    seed,
                    ResultRow.axesText(variant),
                    "ok",
                    r.network().nmseDb(),
                    r.network().psnr(),
                    r.network().ssim(),
                    r.trainSeconds(),
                    r.parameters(),
                    Math.max(0, r.peakStepBytes()),
                    "");
        }
    }

    private static BaselineRow row(String name, Quality q) {
        return new BaselineRow(name, q.nmseDb(), q.psnr(), q.ssim());
    }

    /** The held-out definition: the base config's data with {@code eval_count} scenes. */
    private static TrainConfig heldOutOf(AblationConfig grid) {
        JsonObject o = new JsonObject();
        o.addProperty("val_count", grid.evalCount());
        return grid.base().with(o);
    }

    @Override
    public List<BaselineRow> baselines(AblationConfig config) throws Exception {
        TreeSet<Integer> ks = new TreeSet<>();
        config.variants().forEach(v -> ks.add(v.config().architecture().stages()));
        TrainConfig base = heldOutOf(config);
        List<BaselineRow> rows = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(device);
                InMemoryDataset heldOut = TrainingSession.heldOutSet(base, m)) {
            for (int k : ks) {
                Baselines.Scores q =
                        Baselines.evaluate(
                                base.data().preset().geometry(),
                                heldOut,
                                k,
                                base.architecture().cgIterations(),
                                metrics,
                                m);
                if (rows.isEmpty()) {
                    rows.add(row("backprojection", q.backprojection()));
                }
                rows.add(row("admm-l1, " + k + " iterations", q.admm()));
            }
        }
        return rows;
    }
}
