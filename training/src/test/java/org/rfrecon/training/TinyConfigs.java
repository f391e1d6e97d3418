package org.rfrecon.training;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Training configurations for tests: the {@code tiny} defaults with the keys of a short JSON text
 * (read leniently: {@code {epochs: 2, loss: 'nmse'}}), so a test states only what it changes.
 */
final class TinyConfigs {

    private TinyConfigs() {}

    /** {@code TrainConfig.defaults("tiny")} with the keys of {@code json} set. */
    static TrainConfig tiny(String json) {
        return TrainConfig.defaults("tiny").with(json(json));
    }

    /** The object {@code json} writes (leniently read). */
    static JsonObject json(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
