package org.rfrecon.datasets.sim;

import com.google.gson.JsonObject;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.scene.SceneKind;

/**
 * How a simulation was made; with the geometry it forms the {@code meta} JSON of a simulation file
 * (SPEC §3).
 *
 * @param geometry the sensing geometry
 * @param physics the model that made the measurements
 * @param sceneKind points, shapes or mixed
 * @param snrDb the requested SNR in dB (infinite for none)
 * @param measuredSnrDb the realised SNR in dB
 * @param seed the run's seed
 * @param index the sample's index within the run
 */
public record SimulationMeta(
        Geometry geometry,
        Physics physics,
        SceneKind sceneKind,
        double snrDb,
        double measuredSnrDb,
        long seed,
        long index) {

    /** The format name stored in {@code meta}. */
    public static final String FORMAT = "rfrecon-simulation";

    /** The format version stored in {@code meta}. */
    public static final int VERSION = 1;

    /** The SPEC §3 meta object: the geometry fields plus how the sample was made. */
    public JsonObject toJson() {
        JsonObject o = geometry.toJson();
        put(o, "snr_db", snrDb);
        put(o, "measured_snr_db", measuredSnrDb);
        o.addProperty("seed", seed);
        o.addProperty("index", index);
        o.addProperty("physics", physics.id());
        o.addProperty("scene", sceneKind.id());
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        return o;
    }

    /**
     * Reads a meta object.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static SimulationMeta fromJson(JsonObject o) {
        for (String key : new String[] {"physics", "scene", "snr_db", "seed"}) {
            if (!o.has(key) || !o.get(key).isJsonPrimitive()) {
                throw new IllegalArgumentException(
                        "meta lacks '" + key + "' (or it is not a string or number)");
            }
        }
        Geometry g = Geometry.fromJson(o);
        try {
            return new SimulationMeta(
                    g,
                    Physics.byName(o.get("physics").getAsString()),
                    SceneKind.byName(o.get("scene").getAsString()),
                    number(o, "snr_db"),
                    o.has("measured_snr_db") ? number(o, "measured_snr_db") : number(o, "snr_db"),
                    o.get("seed").getAsLong(),
                    o.has("index") ? o.get("index").getAsLong() : 0);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(
                    "meta mangles physics, scene, snr_db, seed or index (" + e.getMessage() + ")",
                    e);
        }
    }

    /** JSON has no infinity: an infinite SNR (no noise) is stored as the string "inf". */
    private static void put(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.addProperty(key, v > 0 ? "inf" : "nan");
        }
    }

    private static double number(JsonObject o, String key) {
        var e = o.get(key);
        if (e.getAsJsonPrimitive().isString()) {
            return "inf".equals(e.getAsString())
                    ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(e.getAsString());
        }
        return e.getAsDouble();
    }
}
