package org.rfrecon.training.ablation;

import com.google.gson.JsonElement;
import java.util.Map;
import java.util.stream.Collectors;
import org.rfrecon.training.TrainConfig;

/**
 * One point of an ablation grid: the axis values that define it and the resulting training
 * configuration (before the seed is applied).
 *
 * @param id a stable, file-name-safe name built from the axis values, e.g. {@code
 *     stages=4,regularizer=cnn}
 * @param values the axis values, in axis order
 * @param config the base configuration with the values applied
 */
public record Variant(String id, Map<String, JsonElement> values, TrainConfig config) {

    /** The id of a set of axis values ({@code base} when there are none). */
    static String idOf(Map<String, JsonElement> values) {
        if (values.isEmpty()) {
            return "base";
        }
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + text(e.getValue()))
                .collect(Collectors.joining(","));
    }

    /** An axis value as plain text (strings without quotes). */
    static String text(JsonElement v) {
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()
                ? v.getAsString()
                : v.toString();
    }
}
