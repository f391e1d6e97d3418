package org.rfrecon.training;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.Physics;
import org.rfrecon.unrolled.Architecture;
import org.rfrecon.unrolled.Architecture.RegularizerKind;
import org.rfrecon.unrolled.Architecture.XStepKind;

/**
 * The JSON form of a {@link TrainConfig}: one flat object of snake_case keys, in the order below
 * (which is the order {@code config.json} lists them). Each key says where its value lives in the
 * typed parts and how it is read and written; adding a key to the config is one component in its
 * part, one builder setter, and one line here.
 */
final class ConfigKeys {

    private ConfigKeys() {}

    /**
     * One key of the JSON form.
     *
     * @param name the key
     * @param write the value of a configuration as JSON
     * @param read reads a JSON value into a builder; throws {@link IllegalArgumentException} naming
     *     the key
     */
    record Key(
            String name,
            Function<TrainConfig, JsonElement> write,
            BiConsumer<TrainConfig.Builder, JsonElement> read) {}

    /** Every key, in the order of the JSON form. */
    static final List<Key> ALL =
            List.of(
                    // DataSpec
                    named(
                            "preset",
                            Preset::byName,
                            Preset::id,
                            c -> c.data().preset(),
                            (b, v) -> b.data.setPreset(v)),
                    choice(
                            "physics",
                            Physics.values(),
                            Physics::id,
                            c -> c.data().physics(),
                            (b, v) -> b.data.optPhysics(v)),
                    choice(
                            "scene",
                            SceneKind.values(),
                            SceneKind::id,
                            c -> c.data().scene(),
                            (b, v) -> b.data.optScene(v)),
                    scalar(
                            "snr_db",
                            JsonElement::getAsDouble,
                            c -> c.data().snrDb(),
                            (b, v) -> b.data.optSnrDb(v)),
                    choice(
                            "data",
                            DataMode.values(),
                            DataMode::id,
                            c -> c.data().mode(),
                            (b, v) -> b.data.optMode(v)),
                    count(
                            "train_count",
                            c -> c.data().trainCount(),
                            (b, v) -> b.data.optTrainCount(v)),
                    count("val_count", c -> c.data().valCount(), (b, v) -> b.data.optValCount(v)),
                    // Architecture
                    count(
                            "stages",
                            c -> c.architecture().stages(),
                            (b, v) -> b.architecture.optStages(v)),
                    choice(
                            "regularizer",
                            RegularizerKind.values(),
                            RegularizerKind::id,
                            c -> c.architecture().regularizer(),
                            (b, v) -> b.architecture.optRegularizer(v)),
                    scalar(
                            "shared_weights",
                            JsonElement::getAsBoolean,
                            c -> c.architecture().sharedWeights(),
                            (b, v) -> b.architecture.optSharedWeights(v)),
                    choice(
                            "x_step",
                            XStepKind.values(),
                            XStepKind::id,
                            c -> c.architecture().xStep(),
                            (b, v) -> b.architecture.optXStep(v)),
                    count(
                            "cg_iterations",
                            c -> c.architecture().cgIterations(),
                            (b, v) -> b.architecture.optCgIterations(v)),
                    count(
                            "cnn_depth",
                            c -> c.architecture().cnnDepth(),
                            (b, v) -> b.architecture.optCnnDepth(v)),
                    count(
                            "cnn_width",
                            c -> c.architecture().cnnWidth(),
                            (b, v) -> b.architecture.optCnnWidth(v)),
                    scalar(
                            "cnn_dilated",
                            JsonElement::getAsBoolean,
                            c -> c.architecture().cnnDilated(),
                            (b, v) -> b.architecture.optCnnDilated(v)),
                    scalar(
                            "cnn_gain",
                            JsonElement::getAsBoolean,
                            c -> c.architecture().cnnGain(),
                            (b, v) -> b.architecture.optCnnGain(v)),
                    scalar(
                            "cnn_mask",
                            JsonElement::getAsBoolean,
                            c -> c.architecture().cnnMask(),
                            (b, v) -> b.architecture.optCnnMask(v)),
                    // Optimisation (checkpointing first: the order of the JSON form)
                    scalar(
                            "checkpointing",
                            JsonElement::getAsBoolean,
                            c -> c.optimisation().checkpointing(),
                            (b, v) -> b.optimisation.optCheckpointing(v)),
                    count(
                            "epochs",
                            c -> c.optimisation().epochs(),
                            (b, v) -> b.optimisation.optEpochs(v)),
                    count(
                            "batch_size",
                            c -> c.optimisation().batchSize(),
                            (b, v) -> b.optimisation.optBatchSize(v)),
                    scalar(
                            "learning_rate",
                            JsonElement::getAsDouble,
                            c -> c.optimisation().learningRate(),
                            (b, v) -> b.optimisation.optLearningRate(v)),
                    choice(
                            "lr_schedule",
                            LrSchedule.values(),
                            LrSchedule::id,
                            c -> c.optimisation().lrSchedule(),
                            (b, v) -> b.optimisation.optLrSchedule(v)),
                    // Initialisation
                    scalar(
                            "initial_rho",
                            JsonElement::getAsDouble,
                            c -> c.initialisation().initialRho(),
                            (b, v) -> b.initialisation.optInitialRho(v)),
                    scalar(
                            "initial_threshold",
                            JsonElement::getAsDouble,
                            c -> c.initialisation().initialThreshold(),
                            (b, v) -> b.initialisation.optInitialThreshold(v)),
                    named(
                            "init_model",
                            given -> given,
                            given -> given,
                            c -> c.initialisation().initModel(),
                            (b, v) -> b.initialisation.optInitModel(v)),
                    // the rest
                    choice(
                            "loss",
                            LossKind.values(),
                            LossKind::id,
                            c -> c.optimisation().loss(),
                            (b, v) -> b.optimisation.optLoss(v)),
                    choice(
                            "precision",
                            new DataType[] {DataType.FLOAT32, DataType.FLOAT64},
                            Architecture::precisionId,
                            c -> c.architecture().precision(),
                            (b, v) -> b.architecture.optPrecision(v)),
                    scalar(
                            "seed",
                            JsonElement::getAsLong,
                            TrainConfig::seed,
                            (b, v) -> b.seed = v));

    /** The keys by name. */
    static final Map<String, Key> BY_NAME =
            ALL.stream()
                    .collect(Collectors.toMap(Key::name, k -> k, (a, b) -> a, LinkedHashMap::new));

    /**
     * The key called {@code name}.
     *
     * @throws IllegalArgumentException for a key the config does not have
     */
    static Key byName(String name) {
        Key k = BY_NAME.get(name);
        if (k == null) {
            throw new IllegalArgumentException("config: unknown key '" + name + "'");
        }
        return k;
    }

    private static Key integer(
            String name,
            Function<TrainConfig, Integer> get,
            BiConsumer<TrainConfig.Builder, Integer> set) {
        return scalar(name, JsonElement::getAsInt, get, set);
    }

    /** A positive integer (a count). */
    private static Key count(
            String name,
            Function<TrainConfig, Integer> get,
            BiConsumer<TrainConfig.Builder, Integer> set) {
        return integer(
                name,
                get,
                (b, v) -> {
                    ConfigChecks.positive(name, v);
                    set.accept(b, v);
                });
    }

    /** A number or boolean, read as Gson reads a record component of its type. */
    private static <T> Key scalar(
            String name,
            Function<JsonElement, T> parse,
            Function<TrainConfig, T> get,
            BiConsumer<TrainConfig.Builder, T> set) {
        return new Key(
                name,
                c -> {
                    Object v = get.apply(c);
                    return v instanceof Boolean b
                            ? new JsonPrimitive(b)
                            : new JsonPrimitive((Number) v);
                },
                (b, v) -> {
                    T value;
                    try {
                        value = parse.apply(v);
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException(
                                "config: " + name + " cannot be " + v + " (" + e.getMessage() + ")",
                                e);
                    }
                    set.accept(b, value);
                });
    }

    /** One of named values: the name must be one of theirs exactly. */
    private static <T> Key choice(
            String name,
            T[] values,
            Function<T, String> id,
            Function<TrainConfig, T> get,
            BiConsumer<TrainConfig.Builder, T> set) {
        Function<String, T> parse =
                given -> {
                    for (T t : values) {
                        if (id.apply(t).equals(given)) {
                            return t;
                        }
                    }
                    throw new IllegalArgumentException(
                            "config: "
                                    + name
                                    + " must be one of "
                                    + Arrays.stream(values)
                                            .map(id)
                                            .collect(Collectors.toCollection(TreeSet::new))
                                    + ", got '"
                                    + given
                                    + "'");
                };
        return named(name, parse, id, get, set);
    }

    /** A value known by name: {@code parse} finds it or throws naming the accepted names. */
    private static <T> Key named(
            String name,
            Function<String, T> parse,
            Function<T, String> id,
            Function<TrainConfig, T> get,
            BiConsumer<TrainConfig.Builder, T> set) {
        return new Key(
                name,
                c -> new JsonPrimitive(id.apply(get.apply(c))),
                (b, v) -> set.accept(b, parse.apply(v.isJsonPrimitive() ? v.getAsString() : null)));
    }
}
