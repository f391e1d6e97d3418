package org.rfrecon.training;

import com.google.gson.JsonObject;

/**
 * Where a training run stands, as saved with every checkpoint: the next epoch and step to run, the
 * best validation loss so far, and the run's seed. Shuffling and sampling derive their randomness
 * from {@code (seed, epoch, step)}, so this record is the whole RNG state: a resumed run draws
 * exactly what the uninterrupted run would have drawn.
 *
 * @param epoch the epoch in progress (0-based)
 * @param step the next step within the epoch
 * @param globalStep optimizer steps taken so far
 * @param bestValidation the best validation loss so far ({@code +Infinity} before any)
 * @param seed the run's seed
 */
public record TrainingState(
        int epoch, int step, long globalStep, double bestValidation, long seed) {

    /** The state of a run that has not started. */
    public static TrainingState start(long seed) {
        return new TrainingState(0, 0, 0, Double.POSITIVE_INFINITY, seed);
    }

    /** The state after one more optimizer step. */
    public TrainingState afterStep() {
        return new TrainingState(epoch, step + 1, globalStep + 1, bestValidation, seed);
    }

    /** The state at the start of the next epoch, with the best validation loss updated. */
    public TrainingState nextEpoch(double validation) {
        return new TrainingState(
                epoch + 1, 0, globalStep, Math.min(bestValidation, validation), seed);
    }

    /** As JSON ({@code best_validation} is null before any validation). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("epoch", epoch);
        o.addProperty("step", step);
        o.addProperty("global_step", globalStep);
        if (Double.isFinite(bestValidation)) {
            o.addProperty("best_validation", bestValidation);
        }
        o.addProperty("seed", seed);
        return o;
    }

    /** Reads {@link #toJson()}'s output. */
    public static TrainingState fromJson(JsonObject o) {
        return new TrainingState(
                o.get("epoch").getAsInt(),
                o.get("step").getAsInt(),
                o.get("global_step").getAsLong(),
                o.has("best_validation")
                        ? o.get("best_validation").getAsDouble()
                        : Double.POSITIVE_INFINITY,
                o.get("seed").getAsLong());
    }
}
