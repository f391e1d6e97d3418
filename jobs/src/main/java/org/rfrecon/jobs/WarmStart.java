package org.rfrecon.jobs;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.models.ModelDirectory;
import org.rfrecon.models.ModelManifest;
import org.rfrecon.models.Networks;
import org.rfrecon.training.ParameterSource;
import org.rfrecon.training.TrainConfig;
import org.rfrecon.unrolled.Architecture;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Fine-tuning: the {@link ParameterSource} of a configuration's {@code init_model}, a model
 * directory or {@code zoo:NAME} whose network has the configuration's architecture and geometry.
 * Everything is checked when the source is made, before any data is simulated; the parameters are
 * read when the session applies the source.
 *
 * <p>One difference is allowed: the configuration may add a branch that the model lacks ({@link
 * #GROWN_KEYS}: {@code cnn_mask}). The model's parameters are then copied by name into the larger
 * network, every one of them finding its place with its shape, and the new branch keeps its fresh
 * initialisation (its gain starts small, so the network starts close to the model).
 *
 * @param spec the model as the config names it
 * @param directory the model directory it resolved to (a zoo model's unpacked copy), which a front
 *     end registers as an input so that no output replaces it
 * @param manifest the model's verified manifest
 * @param grown the configuration's network has a branch the model lacks
 */
public record WarmStart(String spec, Path directory, ModelManifest manifest, boolean grown)
        implements ParameterSource {

    /** Architecture keys the configuration may switch on over the model's: a branch added. */
    public static final Set<String> GROWN_KEYS = Set.of("cnn_mask");

    /**
     * The source of {@code config}'s {@code init_model}, its model resolved once.
     *
     * @throws InvalidInputException if the config names no model, the model cannot be read, or its
     *     architecture or geometry is not the config's (naming the first key that differs)
     */
    public static WarmStart of(TrainConfig config) {
        String spec =
                config.initialisation()
                        .warmStart()
                        .orElseThrow(() -> new InvalidInputException("config names no init_model"));
        Path dir = ModelLoading.directory(spec);
        if (dir == null) {
            throw new InvalidInputException(
                    "init_model: no model '"
                            + spec.substring(ModelLoading.ZOO.length())
                            + "' in the rfrecon zoo (see rfrecon zoo list)");
        }
        ModelManifest manifest;
        try {
            manifest = ModelDirectory.read(dir);
        } catch (IOException e) {
            throw new InvalidInputException("init_model: " + e.getMessage(), e);
        }
        JsonObject theirs = Architecture.fromJson(manifest.architecture()).toJson();
        JsonObject ours = config.architecture().toJson();
        boolean grown = false;
        for (String key : union(theirs, ours)) {
            if (GROWN_KEYS.contains(key) && !theirs.has(key)) {
                grown = true; // only ever written as true
                continue;
            }
            if (!Objects.equals(theirs.get(key), ours.get(key))) {
                throw new InvalidInputException(
                        "init_model '"
                                + spec
                                + "' has "
                                + key
                                + " "
                                + theirs.get(key)
                                + " but the config has "
                                + ours.get(key));
            }
        }
        Geometry geometry = config.data().preset().geometry();
        if (!manifest.geometry().sameSensing(geometry)) {
            throw new InvalidInputException(
                    "init_model '"
                            + spec
                            + "' was trained for the geometry of "
                            + manifest.geometry().preset()
                            + ", not that of preset "
                            + config.data().preset().id());
        }
        return new WarmStart(spec, dir, manifest, grown);
    }

    @Override
    public void loadInto(UnrolledAdmm network, NDManager manager) throws IOException {
        try {
            if (!grown) {
                ModelDirectory.loadParameters(directory, network, manager);
                return;
            }
            try (NDManager scratch = manager.newSubManager()) {
                Block source = Networks.build(manifest, scratch);
                ModelDirectory.loadParameters(directory, source, scratch);
                copyByName(source, network);
            }
        } catch (MalformedModelException e) {
            throw new InvalidInputException("init_model: " + e.getMessage(), e);
        }
    }

    /**
     * Copies every parameter of {@code from} into the parameter of {@code to} with the same name
     * and shape.
     *
     * @throws InvalidInputException naming a parameter {@code to} lacks or holds in another shape
     */
    static void copyByName(Block from, Block to) {
        Map<String, Parameter> target = new HashMap<>();
        to.getParameters().forEach(p -> target.put(p.getKey(), p.getValue()));
        for (Pair<String, Parameter> p : from.getParameters()) {
            Parameter into = target.get(p.getKey());
            NDArray value = p.getValue().getArray();
            if (into == null || !into.getArray().getShape().equals(value.getShape())) {
                throw new InvalidInputException(
                        "init_model: parameter "
                                + p.getKey()
                                + " "
                                + value.getShape()
                                + " has no place in the configured network");
            }
            value.copyTo(into.getArray());
        }
    }

    private static Set<String> union(JsonObject a, JsonObject b) {
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
