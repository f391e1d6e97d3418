package org.rfrecon.models;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.io.JsonFiles;

/**
 * The content of a model's {@code model.json} (SPEC §3): format version, name, the architecture
 * (enough to rebuild the network), the geometry it was trained for, and the training summary
 * (command, metrics, time).
 *
 * @param formatVersion the model directory format; readers refuse versions they do not know
 * @param name the model's name (its zoo artifact id)
 * @param architecture the network's configuration, as written by the network itself
 * @param geometry the sensing geometry the model was trained for
 * @param training the training summary: command, data, metrics, timing
 */
public record ModelManifest(
        int formatVersion,
        String name,
        JsonObject architecture,
        Geometry geometry,
        JsonObject training) {

    /** The model directory format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** The manifest file name. */
    public static final String FILE = "model.json";

    /** The manifest as JSON. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", "rfrecon-model");
        o.addProperty("format_version", formatVersion);
        o.addProperty("name", name);
        o.add("architecture", architecture.deepCopy());
        o.add("geometry", geometry.toJson());
        o.addProperty("preset", geometry.preset());
        o.add("training", training.deepCopy());
        return o;
    }

    /** Writes the manifest as pretty JSON (the caller makes the directory write atomic). */
    public void write(Path file) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        Files.writeString(file, gson.toJson(toJson()) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Reads and validates a manifest.
     *
     * @throws IOException with a one-line message naming the file and the offending key
     */
    public static ModelManifest read(Path file) throws IOException {
        JsonObject o = JsonFiles.readObject(file, "not valid JSON");
        if (!o.has("format") || !"rfrecon-model".equals(o.get("format").getAsString())) {
            throw new IOException(file + ": key 'format' must be \"rfrecon-model\"");
        }
        int version = o.has("format_version") ? o.get("format_version").getAsInt() : -1;
        if (version != FORMAT_VERSION) {
            throw new IOException(
                    file
                            + ": format_version "
                            + version
                            + " is not supported (expected "
                            + FORMAT_VERSION
                            + ")");
        }
        for (String key : new String[] {"name", "architecture", "geometry", "training"}) {
            if (!o.has(key) || o.get(key).isJsonNull()) {
                throw new IOException(file + ": missing key '" + key + "'");
            }
        }
        try {
            return new ModelManifest(
                    version,
                    o.get("name").getAsString(),
                    o.getAsJsonObject("architecture"),
                    Geometry.fromJson(o.getAsJsonObject("geometry")),
                    o.getAsJsonObject("training"));
        } catch (IllegalArgumentException | ClassCastException | IllegalStateException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
