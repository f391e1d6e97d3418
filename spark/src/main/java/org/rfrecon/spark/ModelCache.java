package org.rfrecon.spark;

import ai.djl.Device;
import ai.djl.repository.zoo.ZooModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rfrecon.jobs.ModelLoading;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.Reconstruction;

/**
 * One loaded model per executor JVM and (model, device), loaded lazily by the first task that needs
 * it and shared by all later tasks (a DJL model is thread-safe; each partition makes its own
 * Predictor). In local mode the executors are threads of the driver's JVM and share it too; the
 * session closes the models when it stops.
 */
final class ModelCache {

    private static final Map<String, ZooModel<Measurements, Reconstruction>> MODELS =
            new ConcurrentHashMap<>();

    private ModelCache() {}

    /** The model {@code spec} (a directory or zoo:NAME) on {@code device}, loaded once. */
    static ZooModel<Measurements, Reconstruction> get(String spec, Device device) {
        return MODELS.computeIfAbsent(spec + "@" + device, k -> ModelLoading.load(spec, device));
    }

    /** How many models this JVM holds. */
    static int size() {
        return MODELS.size();
    }

    /** Closes and forgets every model. */
    static void closeAll() {
        MODELS.values().forEach(ZooModel::close);
        MODELS.clear();
    }
}
