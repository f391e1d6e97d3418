package org.rfrecon.training;

import com.google.gson.JsonObject;

/**
 * What a training run achieved: held-out quality of the network (best checkpoint) and of the
 * classical baselines on the same set, timing, size and memory. Written into {@code model.json} and
 * printed by {@code rfrecon train}.
 *
 * @param config the resolved configuration
 * @param epochs epochs trained in all, resumed ones included
 * @param epochsThisRun epochs trained by this process ({@code trainSeconds} is theirs)
 * @param network held-out {nmse_db, psnr, ssim} of the network
 * @param backprojection held-out {nmse_db, psnr, ssim} of backprojection
 * @param admm held-out {nmse_db, psnr, ssim} of ADMM-l1 with K iterations
 * @param trainSeconds wall time of training in this process (validation included)
 * @param parameters learned scalars
 * @param peakStepBytes peak live native bytes of one training step (-1 if unknown)
 */
public record TrainingSummary(
        TrainConfig config,
        int epochs,
        int epochsThisRun,
        double[] network,
        double[] backprojection,
        double[] admm,
        double trainSeconds,
        long parameters,
        long peakStepBytes) {

    /** As JSON, metrics under {@code nmse_db}, {@code psnr}, {@code ssim}. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("config", config.toJson());
        o.addProperty("epochs", epochs);
        o.addProperty("epochs_this_run", epochsThisRun);
        o.add("network", metrics(network));
        o.add("backprojection", metrics(backprojection));
        o.add("admm", metrics(admm));
        o.addProperty("train_seconds", trainSeconds);
        o.addProperty("seconds_per_epoch", epochsThisRun > 0 ? trainSeconds / epochsThisRun : 0);
        o.addProperty("parameters", parameters);
        o.addProperty("peak_step_bytes", peakStepBytes);
        return o;
    }

    /** {nmse_db, psnr, ssim} as a JSON object. */
    public static JsonObject metrics(double[] m) {
        JsonObject o = new JsonObject();
        o.addProperty("nmse_db", m[0]);
        o.addProperty("psnr", m[1]);
        o.addProperty("ssim", m[2]);
        return o;
    }
}
