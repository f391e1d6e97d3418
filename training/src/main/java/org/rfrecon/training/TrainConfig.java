package org.rfrecon.training;

import ai.djl.ndarray.types.DataType;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.datasets.io.JsonFiles;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.Physics;
import org.rfrecon.unrolled.Architecture;

/**
 * The full, resolved configuration of one training run, in typed parts: the data, the network's
 * architecture and initialisation, the optimisation, and the seed. Built with {@link #builder()},
 * from a preset's {@link #defaults}, or read from the JSON form ({@link ConfigKeys}: one flat
 * object of snake_case keys such as {@code stages} and {@code learning_rate}) and saved next to the
 * model so the run can be repeated. Unknown keys are an error (a typo must not silently train the
 * default).
 *
 * @param data what the run learns from
 * @param architecture the unrolled network's shape and precision
 * @param initialisation where the learned parameters start
 * @param optimisation epochs, batches, learning rate, loss, checkpointing
 * @param seed the seed of data, initialisation and shuffling
 */
public record TrainConfig(
        DataSpec data,
        Architecture architecture,
        Initialisation initialisation,
        Optimisation optimisation,
        long seed) {

    /** The keys a resumed run may change: the epoch count (to grow) and gradient checkpointing. */
    public static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "checkpointing");

    /** Validates that every part is given. */
    public TrainConfig {
        if (data == null
                || architecture == null
                || initialisation == null
                || optimisation == null) {
            throw new IllegalArgumentException(
                    "config: data, architecture, initialisation and optimisation are required");
        }
    }

    /** A builder; the data is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .setData(data)
                .optArchitecture(architecture)
                .optInitialisation(initialisation)
                .optOptimisation(optimisation)
                .optSeed(seed);
    }

    /**
     * The defaults for a preset: tiny trains in under 2 minutes and small in under 15 on 2 CPU
     * cores (docs/training.md has the measured times).
     */
    public static TrainConfig defaults(Preset preset) {
        boolean tiny = preset.id().startsWith("tiny");
        return builder()
                .setData(
                        DataSpec.builder()
                                .setPreset(preset)
                                .optPhysics(Physics.FRESNEL)
                                .optScene(SceneKind.MIXED)
                                .optSnrDb(30)
                                .optMode(DataMode.FRESH)
                                .optTrainCount(tiny ? 64 : 96)
                                .optValCount(tiny ? 16 : 32)
                                .build())
                .optArchitecture(
                        Architecture.builder()
                                .optStages(tiny ? 4 : 6)
                                .optRegularizer(Architecture.RegularizerKind.THRESHOLD_CNN)
                                .optSharedWeights(false)
                                .optXStep(Architecture.XStepKind.CG)
                                .optCgIterations(4)
                                .optCnnDepth(3)
                                .optCnnWidth(tiny ? 8 : 16)
                                .optCnnDilated(false)
                                .optPrecision(DataType.FLOAT32)
                                .build())
                .optInitialisation(Initialisation.builder().build())
                .optOptimisation(
                        Optimisation.builder()
                                .optEpochs(tiny ? 8 : 24)
                                .optBatchSize(8)
                                .optLearningRate(tiny ? 3e-3 : 8e-3)
                                .optLrSchedule(LrSchedule.CONSTANT)
                                .optLoss(LossKind.NMSE)
                                .optCheckpointing(true)
                                .build())
                .optSeed(2026)
                .build();
    }

    /**
     * The defaults for a preset given by name.
     *
     * @throws IllegalArgumentException listing the known presets
     */
    public static TrainConfig defaults(String preset) {
        return defaults(Preset.byName(preset));
    }

    /**
     * Checks that this configuration may continue a run saved with {@code saved} after {@code
     * epochsDone} epochs: every key that changes the run (data, seed, architecture, optimiser) must
     * be equal; {@code epochs} may only grow (never below the epochs done); {@code checkpointing}
     * trades memory for time and does not change the result.
     *
     * @throws IllegalArgumentException naming the first key that differs, with both values
     */
    public void checkResumes(TrainConfig saved, int epochsDone) {
        JsonObject now = toJson();
        JsonObject then = saved.toJson();
        for (String key : new TreeSet<>(then.keySet())) {
            if (!RESUMABLE_CHANGES.contains(key) && !then.get(key).equals(now.get(key))) {
                throw new IllegalArgumentException(
                        "cannot resume: "
                                + key
                                + " is "
                                + now.get(key)
                                + " but the checkpoint's run has "
                                + then.get(key)
                                + "; only epochs may change (and only grow); train into a new"
                                + " directory to change it");
            }
        }
        int epochs = optimisation.epochs();
        if (epochs < saved.optimisation().epochs()) {
            throw new IllegalArgumentException(
                    "cannot resume: epochs is "
                            + epochs
                            + " but the checkpoint's run has "
                            + saved.optimisation().epochs()
                            + "; epochs may only grow");
        }
        if (epochs < epochsDone) {
            throw new IllegalArgumentException(
                    "cannot resume: epochs is " + epochs + " but " + epochsDone + " are done");
        }
    }

    /**
     * This configuration in its JSON form (snake_case keys, in the order of {@link ConfigKeys}).
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        ConfigKeys.ALL.forEach(k -> o.add(k.name(), k.write().apply(this)));
        return o;
    }

    /** Writes this configuration as pretty JSON. */
    public void write(Path file) throws IOException {
        String text = new GsonBuilder().setPrettyPrinting().create().toJson(toJson());
        Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Reads a configuration: the keys given override the defaults of the file's {@code preset}
     * (required).
     *
     * @throws IOException naming the file and the offending key
     */
    public static TrainConfig read(Path file) throws IOException {
        JsonObject given = JsonFiles.readObject(file, "not a JSON object");
        try {
            return fromJson(given);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Overrides the defaults of {@code given.preset} with the keys of {@code given}. */
    public static TrainConfig fromJson(JsonObject given) {
        JsonElement preset = given.get("preset");
        if (preset == null || !preset.isJsonPrimitive()) {
            throw new IllegalArgumentException("config: key 'preset' is required");
        }
        return defaults(preset.getAsString()).with(given);
    }

    /**
     * A copy with the given keys overridden (command-line flags, ablation axes), validated.
     *
     * @throws IllegalArgumentException naming an unknown key (before any value is read) or the key
     *     of a bad value
     */
    public TrainConfig with(JsonObject overrides) {
        overrides.keySet().forEach(ConfigKeys::byName);
        Builder b = toBuilder();
        for (Map.Entry<String, JsonElement> e : overrides.entrySet()) {
            ConfigKeys.byName(e.getKey()).read().accept(b, e.getValue());
        }
        return b.build();
    }

    /**
     * Builds a {@link TrainConfig}. Defaults: the architecture, initialisation and optimisation of
     * their builders, seed 2026.
     */
    public static final class Builder {
        // the part builders, which ConfigKeys writes into key by key
        DataSpec.Builder data;
        Architecture.Builder architecture = Architecture.builder();
        Initialisation.Builder initialisation = Initialisation.builder();
        Optimisation.Builder optimisation = Optimisation.builder();
        long seed = 2026;

        private Builder() {}

        /** What the run learns from (required). */
        public Builder setData(DataSpec data) {
            this.data = data.toBuilder();
            return this;
        }

        /** The network's shape and precision. */
        public Builder optArchitecture(Architecture architecture) {
            this.architecture = architecture.toBuilder();
            return this;
        }

        /** Where the learned parameters start. */
        public Builder optInitialisation(Initialisation initialisation) {
            this.initialisation = initialisation.toBuilder();
            return this;
        }

        /** Epochs, batches, learning rate, loss, checkpointing. */
        public Builder optOptimisation(Optimisation optimisation) {
            this.optimisation = optimisation.toBuilder();
            return this;
        }

        /** The seed of data, initialisation and shuffling. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Validates every part and builds. */
        public TrainConfig build() {
            if (data == null) {
                throw new IllegalArgumentException("config: key 'preset' is required");
            }
            return new TrainConfig(
                    data.build(),
                    architecture.build(),
                    initialisation.build(),
                    optimisation.build(),
                    seed);
        }
    }
}
