package org.rfrecon.datasets.sim;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.scene.SceneConfig;

/**
 * The content of a dataset directory's {@code dataset.json}.
 *
 * @param geometry the sensing geometry (SPEC §3 meta fields)
 * @param physics the model that made the measurements
 * @param scene the scene configuration
 * @param snrDb the requested SNR in dB
 * @param seed the run's seed; sample {@code i} is {@code Simulator.simulate(i)} of that seed
 * @param count the number of samples
 * @param shardSize the samples per shard (the last may hold fewer)
 * @param dtype the complex dtype of every array ({@code <c8} or {@code <c16})
 * @param shards the shards, in order
 */
public record DatasetInfo(
        Geometry geometry,
        Physics physics,
        SceneConfig scene,
        double snrDb,
        long seed,
        long count,
        int shardSize,
        DType dtype,
        List<ShardInfo> shards) {

    /** The format name in {@code dataset.json}. */
    public static final String FORMAT = "rfrecon-dataset";

    /** The format version in {@code dataset.json}. */
    public static final int VERSION = 1;

    /** The JSON object written as {@code dataset.json}. */
    public JsonObject toJson() {
        Gson gson = new Gson();
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        o.addProperty("preset", geometry.preset());
        o.addProperty("physics", physics.id());
        if (Double.isFinite(snrDb)) {
            o.addProperty("snr_db", snrDb);
        } else {
            o.addProperty("snr_db", "inf"); // JSON has no infinity: no noise
        }
        o.addProperty("seed", seed);
        o.addProperty("count", count);
        o.addProperty("shard_size", shardSize);
        o.addProperty("dtype", dtype.descr());
        o.add("scene", gson.toJsonTree(scene));
        o.add("geometry", geometry.toJson());
        JsonArray a = new JsonArray();
        for (ShardInfo s : shards) {
            a.add(gson.toJsonTree(s));
        }
        o.add("shards", a);
        return o;
    }

    /**
     * Reads a {@code dataset.json} object.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static DatasetInfo fromJson(JsonObject o) {
        Gson gson = new Gson();
        try {
            if (!FORMAT.equals(o.get("format").getAsString())) {
                throw new IllegalArgumentException("format is not " + FORMAT);
            }
            if (o.get("version").getAsInt() != VERSION) {
                throw new IllegalArgumentException(
                        "version " + o.get("version") + " is not " + VERSION);
            }
            var snr = o.getAsJsonPrimitive("snr_db");
            List<ShardInfo> shards = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("shards")) {
                shards.add(gson.fromJson(e, ShardInfo.class));
            }
            return new DatasetInfo(
                    Geometry.fromJson(o.getAsJsonObject("geometry")),
                    Physics.byName(o.get("physics").getAsString()),
                    gson.fromJson(o.get("scene"), SceneConfig.class),
                    snr.isNumber()
                            ? snr.getAsDouble()
                            : Double.parseDouble(snr.getAsString().replace("inf", "Infinity")),
                    o.get("seed").getAsLong(),
                    o.get("count").getAsLong(),
                    o.get("shard_size").getAsInt(),
                    DType.fromDescr(o.get("dtype").getAsString()).orElseThrow(),
                    List.copyOf(shards));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "malformed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
