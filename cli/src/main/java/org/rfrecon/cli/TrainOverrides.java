package org.rfrecon.cli;

import com.google.gson.JsonObject;
import org.rfrecon.training.TrainConfig;
import picocli.CommandLine.Option;

/**
 * The flags of {@code rfrecon train} that override one key each of the training config (a mixin):
 * {@link #applyTo} turns the given ones into the config's JSON keys, which {@link TrainConfig#with}
 * validates.
 */
final class TrainOverrides {

    @Option(names = "--epochs", description = "epochs (overrides the config)")
    Integer epochs;

    @Option(names = "--checkpointing", description = "on or off (overrides the config)")
    String checkpointing;

    @Option(names = "--stages", description = "unrolled stages K (overrides the config)")
    Integer stages;

    @Option(
            names = "--regularizer",
            description = "soft-threshold, cnn or threshold-cnn (overrides the config)")
    String regularizer;

    @Option(names = "--physics", description = "fresnel or exact training data (overrides)")
    String physics;

    @Option(names = "--train-count", description = "training samples (overrides the config)")
    Integer trainCount;

    @Option(names = "--seed", description = "seed (overrides the config)")
    Long seed;

    /**
     * {@code config} with the keys of the flags given overridden.
     *
     * @throws IllegalArgumentException for a {@code --checkpointing} other than on or off, or a
     *     value the config refuses (naming its key)
     */
    TrainConfig applyTo(TrainConfig config) {
        JsonObject o = new JsonObject();
        if (epochs != null) {
            o.addProperty("epochs", epochs);
        }
        if (checkpointing != null) {
            if (!checkpointing.equals("on") && !checkpointing.equals("off")) {
                throw new IllegalArgumentException("--checkpointing must be on or off");
            }
            o.addProperty("checkpointing", checkpointing.equals("on"));
        }
        if (stages != null) {
            o.addProperty("stages", stages);
        }
        if (regularizer != null) {
            o.addProperty("regularizer", regularizer);
        }
        if (physics != null) {
            o.addProperty("physics", physics);
        }
        if (trainCount != null) {
            o.addProperty("train_count", trainCount);
        }
        if (seed != null) {
            o.addProperty("seed", seed);
        }
        return config.with(o);
    }
}
