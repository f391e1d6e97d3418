package org.rfrecon.jobs.cluster;

import com.google.gson.JsonParser;
import java.io.Serializable;
import org.rfrecon.training.ablation.AblationConfig;

/**
 * An ablation grid as a task receives it: the embedded preset's name or the config file's text
 * (executors need not see the driver's files), and the device to train on.
 *
 * @param preset the name of an embedded preset grid ({@link AblationConfig#preset}), or null
 * @param configJson the content of a grid's JSON file, or null
 * @param device {@code cpu} or {@code gpu}
 */
public record AblationJob(String preset, String configJson, String device) implements Serializable {

    /** The grid (validated). */
    public AblationConfig grid() {
        return preset != null
                ? AblationConfig.preset(preset)
                : AblationConfig.fromJson(JsonParser.parseString(configJson).getAsJsonObject());
    }
}
