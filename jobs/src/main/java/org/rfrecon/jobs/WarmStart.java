package org.rfrecon.jobs;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.models.ModelDirectory;
import org.rfrecon.models.ModelManifest;
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
 * @param spec the model as the config names it
 * @param directory the model directory it resolved to (a zoo model's unpacked copy), which a front
 *     end registers as an input so that no output replaces it
 */
public record WarmStart(String spec, Path directory) implements ParameterSource {

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
        for (String key : union(theirs, ours)) {
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
        return new WarmStart(spec, dir);
    }

    @Override
    public void loadInto(UnrolledAdmm network, NDManager manager) throws IOException {
        try {
            ModelDirectory.loadParameters(directory, network, manager);
        } catch (MalformedModelException e) {
            throw new InvalidInputException("init_model: " + e.getMessage(), e);
        }
    }

    private static Set<String> union(JsonObject a, JsonObject b) {
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
