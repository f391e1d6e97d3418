package org.rfrecon.training;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rfrecon.core.geometry.Preset;

/**
 * The full, resolved configuration of one training run: data, network, optimisation. Read from a
 * JSON file or a preset plus command-line overrides, validated once, and saved next to the model so
 * the run can be repeated. Unknown keys are an error (a typo must not silently train the default).
 *
 * @param preset the geometry preset of the data
 * @param physics the physics that simulates training data: {@code fresnel} or {@code exact}
 * @param scene the scene family: {@code points}, {@code shapes}, {@code mixed} or {@code any} (each
 *     scene one of the three, drawn at random)
 * @param snrDb the measurement SNR in dB
 * @param data {@code fresh}: {@code train_count} new scenes every epoch, sample i of epoch e a
 *     function of (seed, e, i) ({@link FreshScenes}); {@code fixed}: the same {@code train_count}
 *     scenes, simulated once, every epoch
 * @param trainCount training samples per epoch
 * @param valCount held-out samples
 * @param stages K, the number of unrolled ADMM stages
 * @param regularizer {@code soft-threshold}, {@code cnn} or {@code threshold-cnn}
 * @param sharedWeights whether all stages share one regularizer
 * @param xStep {@code cg} or {@code exact}
 * @param cgIterations CG iterations per x-step
 * @param cnnDepth convolution layers of the CNN regularizer
 * @param cnnWidth channels of the CNN regularizer
 * @param cnnDilated dilated convolutions in the CNN regularizer (a wider receptive field at the
 *     same cost; {@code org.rfrecon.unrolled.regularizer.ResidualCnn#dilation})
 * @param cnnGain a learned gain on the CNN branch's output ({@code
 *     org.rfrecon.unrolled.Architecture#cnnGain}); key {@code cnn_gain}
 * @param checkpointing per-stage gradient checkpointing
 * @param epochs training epochs
 * @param batchSize samples per step
 * @param learningRate Adam's learning rate
 * @param lrSchedule {@code constant}, or {@code cosine}: from {@code learning_rate} down to 1% of
 *     it over all steps of the run
 * @param initialRho the initial ADMM penalty of every stage, in units of {@code ||A||^2}
 * @param initialThreshold the initial soft threshold, a fraction of {@code ||A^H y||_inf}
 * @param loss {@code nmse}, {@code mse} or {@code l1-magnitude}
 * @param precision {@code float32} or {@code float64}
 * @param seed the seed of data, initialisation and shuffling
 */
public record TrainConfig(
        String preset,
        String physics,
        String scene,
        double snrDb,
        String data,
        int trainCount,
        int valCount,
        int stages,
        String regularizer,
        boolean sharedWeights,
        String xStep,
        int cgIterations,
        int cnnDepth,
        int cnnWidth,
        boolean cnnDilated,
        boolean cnnGain,
        boolean checkpointing,
        int epochs,
        int batchSize,
        double learningRate,
        String lrSchedule,
        double initialRho,
        double initialThreshold,
        String loss,
        String precision,
        long seed) {

    private static final Gson GSON =
            new GsonBuilder()
                    .setFieldNamingPolicy(
                            com.google.gson.FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                    .setPrettyPrinting()
                    .create();

    /** Validates every field. */
    public TrainConfig {
        Preset.byName(preset);
        oneOf("physics", physics, Set.of("fresnel", "exact"));
        oneOf("scene", scene, Set.of("points", "shapes", "mixed", "any"));
        oneOf("data", data, Set.of("fresh", "fixed"));
        oneOf("lr_schedule", lrSchedule, Set.of("constant", "cosine"));
        oneOf("regularizer", regularizer, Set.of("soft-threshold", "cnn", "threshold-cnn"));
        oneOf("x_step", xStep, Set.of("cg", "exact"));
        oneOf("loss", loss, Set.of("nmse", "mse", "l1-magnitude"));
        oneOf("precision", precision, Set.of("float32", "float64"));
        positive("train_count", trainCount);
        positive("val_count", valCount);
        positive("stages", stages);
        positive("cg_iterations", cgIterations);
        positive("cnn_depth", cnnDepth);
        positive("cnn_width", cnnWidth);
        positive("epochs", epochs);
        positive("batch_size", batchSize);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("config: learning_rate must be positive");
        }
        if (!(initialRho > 0) || !Double.isFinite(initialRho)) {
            throw new IllegalArgumentException("config: initial_rho must be positive");
        }
        if (!(initialThreshold > 0) || !Double.isFinite(initialThreshold)) {
            throw new IllegalArgumentException("config: initial_threshold must be positive");
        }
        if (!Double.isFinite(snrDb)) {
            throw new IllegalArgumentException("config: snr_db must be finite");
        }
    }

    /**
     * The defaults for a preset: tiny trains in under 2 minutes and small in under 15 on 2 CPU
     * cores (docs/training.md has the measured times).
     */
    public static TrainConfig defaults(String preset) {
        boolean tiny = preset.toLowerCase(Locale.ROOT).startsWith("tiny");
        return new TrainConfig(
                preset,
                "fresnel",
                "mixed",
                30,
                "fresh",
                tiny ? 64 : 96,
                tiny ? 16 : 32,
                tiny ? 4 : 6,
                "threshold-cnn",
                false,
                "cg",
                4,
                3,
                tiny ? 8 : 16,
                false,
                false,
                true,
                tiny ? 8 : 24,
                8,
                tiny ? 3e-3 : 8e-3,
                "constant",
                0.5,
                0.05,
                "nmse",
                "float32",
                2026);
    }

    /** The keys a resumed run may change: the epoch count (to grow) and gradient checkpointing. */
    public static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "checkpointing");

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
        for (String key : new java.util.TreeSet<>(then.keySet())) {
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
        if (epochs < saved.epochs()) {
            throw new IllegalArgumentException(
                    "cannot resume: epochs is "
                            + epochs
                            + " but the checkpoint's run has "
                            + saved.epochs()
                            + "; epochs may only grow");
        }
        if (epochs < epochsDone) {
            throw new IllegalArgumentException(
                    "cannot resume: epochs is " + epochs + " but " + epochsDone + " are done");
        }
    }

    /** This configuration as JSON (snake_case keys). */
    public JsonObject toJson() {
        return GSON.toJsonTree(this).getAsJsonObject();
    }

    /** Writes this configuration as pretty JSON. */
    public void write(Path file) throws IOException {
        Files.writeString(file, GSON.toJson(toJson()) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Reads a configuration: the keys given override the defaults of the file's {@code preset}
     * (required).
     *
     * @throws IOException naming the file and the offending key
     */
    public static TrainConfig read(Path file) throws IOException {
        JsonObject given;
        try {
            given =
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                            .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a JSON object (" + e.getMessage() + ")", e);
        }
        try {
            return fromJson(given);
        } catch (IllegalArgumentException | JsonParseException | ClassCastException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Overrides the defaults of {@code given.preset} with the keys of {@code given}. */
    public static TrainConfig fromJson(JsonObject given) {
        if (!given.has("preset")) {
            throw new IllegalArgumentException("config: key 'preset' is required");
        }
        JsonObject merged = defaults(given.get("preset").getAsString()).toJson();
        for (Map.Entry<String, JsonElement> e : given.entrySet()) {
            if (!merged.has(e.getKey())) {
                throw new IllegalArgumentException("config: unknown key '" + e.getKey() + "'");
            }
            merged.add(e.getKey(), e.getValue());
        }
        return construct(merged);
    }

    /** A copy with the given keys overridden (command-line flags), validated. */
    public TrainConfig with(JsonObject overrides) {
        JsonObject merged = toJson();
        for (Map.Entry<String, JsonElement> e : overrides.entrySet()) {
            if (!merged.has(e.getKey())) {
                throw new IllegalArgumentException("config: unknown key '" + e.getKey() + "'");
            }
            merged.add(e.getKey(), e.getValue());
        }
        return construct(merged);
    }

    /** Gson calls the canonical constructor reflectively; surface its validation message. */
    private static TrainConfig construct(JsonObject merged) {
        try {
            return GSON.fromJson(merged, TrainConfig.class);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw iae;
                }
            }
            throw new IllegalArgumentException("config: " + e.getMessage(), e);
        }
    }

    private static void oneOf(String key, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException(
                    "config: "
                            + key
                            + " must be one of "
                            + new java.util.TreeSet<>(allowed)
                            + ", got '"
                            + value
                            + "'");
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    "config: " + key + " must be positive, got " + value);
        }
    }
}
