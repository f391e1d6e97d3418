package org.rfrecon.training;

import com.google.gson.JsonObject;
import java.util.List;
import org.rfrecon.training.metric.Quality;

/**
 * What a training run achieved: held-out quality of the network (best checkpoint) and of the
 * classical baselines on the same set, timing, size, memory, and the epoch history. Written into
 * {@code model.json} and printed by {@code rfrecon train}.
 *
 * @param config the resolved configuration
 * @param epochs epochs trained in all, resumed ones included
 * @param epochsThisRun epochs trained by this process ({@code trainSeconds} is theirs)
 * @param network held-out quality of the network
 * @param backprojection held-out quality of backprojection
 * @param admm held-out quality of ADMM-l1 with K iterations
 * @param trainSeconds wall time of training in this process (validation included)
 * @param parameters learned scalars
 * @param peakStepBytes peak live native bytes of one training step (-1 if unknown)
 * @param history every epoch, resumed ones included, oldest first (the rows of metrics.csv)
 */
public record TrainingSummary(
        TrainConfig config,
        int epochs,
        int epochsThisRun,
        Quality network,
        Quality backprojection,
        Quality admm,
        double trainSeconds,
        long parameters,
        long peakStepBytes,
        List<EpochMetrics> history) {

    /** Copies the history. */
    public TrainingSummary {
        history = List.copyOf(history);
    }

    /** As JSON, metrics under {@code nmse_db}, {@code psnr}, {@code ssim} (no history). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("config", config.toJson());
        o.addProperty("epochs", epochs);
        o.addProperty("epochs_this_run", epochsThisRun);
        o.add("network", network.toJson());
        o.add("backprojection", backprojection.toJson());
        o.add("admm", admm.toJson());
        o.addProperty("train_seconds", trainSeconds);
        o.addProperty("seconds_per_epoch", epochsThisRun > 0 ? trainSeconds / epochsThisRun : 0);
        o.addProperty("parameters", parameters);
        o.addProperty("peak_step_bytes", peakStepBytes);
        return o;
    }

    /**
     * {@code {nmse_db, psnr, ssim}} as a JSON object, for callers that still keep metrics in arrays
     * ({@link Quality#toJson()} otherwise).
     */
    public static JsonObject metrics(double[] m) {
        return new Quality(m[0], m[1], m[2]).toJson();
    }
}
