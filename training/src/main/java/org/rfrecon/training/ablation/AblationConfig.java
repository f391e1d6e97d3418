package org.rfrecon.training.ablation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rfrecon.training.TrainConfig;

/**
 * An ablation study: a base training configuration, the axes to vary (each a {@link TrainConfig}
 * key with a list of values), the seeds every variant is trained with, and the size of the held-out
 * evaluation set shared by all variants.
 *
 * <pre>{@code
 * {"base": {"preset": "tiny", "epochs": 4},
 *  "axes": {"stages": [2, 4], "regularizer": ["soft-threshold", "cnn"]},
 *  "seeds": [1, 2], "eval_count": 16}
 * }</pre>
 *
 * @param base the configuration every variant starts from
 * @param axes the varied keys and their values, in the order given
 * @param seeds the seeds each variant is trained with
 * @param evalCount the number of held-out samples every variant is evaluated on
 */
public record AblationConfig(
        TrainConfig base, Map<String, List<JsonElement>> axes, List<Long> seeds, int evalCount) {

    /** The keys an ablation may vary (SPEC-level design choices, budget, physics, precision). */
    public static final Set<String> AXES =
            Set.of(
                    "stages",
                    "regularizer",
                    "shared_weights",
                    "x_step",
                    "cg_iterations",
                    "checkpointing",
                    "train_count",
                    "physics",
                    "precision",
                    "loss",
                    "cnn_depth",
                    "cnn_width",
                    "scene",
                    "data",
                    "learning_rate",
                    "lr_schedule",
                    "initial_rho",
                    "epochs",
                    "batch_size");

    /** Validates the axes, seeds and every variant's configuration, before any training. */
    public AblationConfig {
        axes = new LinkedHashMap<>(axes);
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("ablation: 'seeds' must list at least one seed");
        }
        if (evalCount <= 0) {
            throw new IllegalArgumentException("ablation: 'eval_count' must be positive");
        }
        if (base.initialisation().warmStart().isPresent()) {
            throw new IllegalArgumentException(
                    "ablation: the base config's init_model must be empty (every variant trains"
                            + " from its own initialisation)");
        }
        for (Map.Entry<String, List<JsonElement>> a : axes.entrySet()) {
            if (!AXES.contains(a.getKey())) {
                throw new IllegalArgumentException(
                        "ablation: unknown axis '"
                                + a.getKey()
                                + "'; known: "
                                + new java.util.TreeSet<>(AXES));
            }
            if (a.getValue().isEmpty()) {
                throw new IllegalArgumentException(
                        "ablation: axis '" + a.getKey() + "' has no values");
            }
        }
    }

    /** The grid of variants (cartesian product of the axes, first axis slowest), validated. */
    public List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        expand(new ArrayList<>(axes.keySet()), 0, new LinkedHashMap<>(), out);
        return out;
    }

    private void expand(
            List<String> keys,
            int k,
            LinkedHashMap<String, JsonElement> chosen,
            List<Variant> out) {
        if (k == keys.size()) {
            JsonObject o = new JsonObject();
            chosen.forEach(o::add);
            TrainConfig c;
            try {
                c = base.with(o);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "ablation: variant " + o + ": " + e.getMessage(), e);
            }
            out.add(new Variant(Variant.idOf(chosen), new LinkedHashMap<>(chosen), c));
            return;
        }
        for (JsonElement v : axes.get(keys.get(k))) {
            chosen.put(keys.get(k), v);
            expand(keys, k + 1, chosen, out);
            chosen.remove(keys.get(k));
        }
    }

    /** The embedded presets: {@code tiny} (minutes on 2 CPU cores) and {@code small}. */
    public static AblationConfig preset(String name) {
        String json;
        switch (name) {
            case "tiny":
                json =
                        "{\"base\": {\"preset\": \"tiny\", \"epochs\": 4, \"train_count\": 32,"
                                + " \"val_count\": 8},"
                                + " \"axes\": {\"stages\": [2, 4], \"regularizer\":"
                                + " [\"soft-threshold\", \"cnn\", \"threshold-cnn\"]},"
                                + " \"seeds\": [1, 2], \"eval_count\": 16}";
                break;
            case "small":
                json =
                        "{\"base\": {\"preset\": \"small\", \"epochs\": 6},"
                                + " \"axes\": {\"stages\": [4, 8, 12], \"regularizer\":"
                                + " [\"soft-threshold\", \"cnn\", \"threshold-cnn\"],"
                                + " \"shared_weights\": [true, false]},"
                                + " \"seeds\": [1, 2, 3], \"eval_count\": 32}";
                break;
            default:
                throw new IllegalArgumentException(
                        "unknown ablation preset '" + name + "'; known: tiny, small");
        }
        return fromJson(JsonParser.parseString(json).getAsJsonObject());
    }

    /**
     * Reads an ablation file.
     *
     * @throws IOException one line naming the file and the problem
     */
    public static AblationConfig read(Path file) throws IOException {
        try {
            return fromJson(
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                            .getAsJsonObject());
        } catch (IllegalArgumentException | IllegalStateException | JsonParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON form shown in the class comment. */
    public static AblationConfig fromJson(JsonObject o) {
        for (String key : o.keySet()) {
            if (!Set.of("base", "axes", "seeds", "eval_count").contains(key)) {
                throw new IllegalArgumentException("ablation: unknown key '" + key + "'");
            }
        }
        if (!o.has("base") || !o.get("base").isJsonObject()) {
            throw new IllegalArgumentException("ablation: 'base' must be a training config object");
        }
        TrainConfig base = TrainConfig.fromJson(o.getAsJsonObject("base"));
        Map<String, List<JsonElement>> axes = new LinkedHashMap<>();
        if (o.has("axes")) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("axes").entrySet()) {
                if (!e.getValue().isJsonArray()) {
                    throw new IllegalArgumentException(
                            "ablation: axis '" + e.getKey() + "' must be a list of values");
                }
                List<JsonElement> values = new ArrayList<>();
                e.getValue().getAsJsonArray().forEach(values::add);
                axes.put(e.getKey(), values);
            }
        }
        List<Long> seeds = new ArrayList<>();
        JsonArray s = o.has("seeds") ? o.getAsJsonArray("seeds") : new JsonArray();
        s.forEach(v -> seeds.add(v.getAsLong()));
        int eval = o.has("eval_count") ? o.get("eval_count").getAsInt() : 16;
        AblationConfig c = new AblationConfig(base, axes, seeds, eval);
        c.variants(); // every variant's configuration is validated here, before any training
        return c;
    }
}
