package org.rfrecon.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Resolves a device kind, {@code cpu} or {@code gpu}, to a DJL {@link Device}. Messages name the
 * values, never a command-line option: the command line maps them to its flags.
 */
public final class Devices {

    private Devices() {}

    /**
     * Returns the CPU for {@code "cpu"} and the first CUDA GPU for {@code "gpu"}.
     *
     * @throws IllegalArgumentException if the name is unknown or no GPU is visible to the engine
     */
    public static Device resolve(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                int gpus = Engine.getInstance().getGpuCount();
                if (gpus == 0) {
                    throw new IllegalArgumentException(
                            "no CUDA GPU is visible to DJL's PyTorch engine (engine "
                                    + Engine.getInstance().getVersion()
                                    + "); see docs/gpu.md to point DJL at a CUDA libtorch");
                }
                return Device.gpu(0);
            default:
                throw new IllegalArgumentException(
                        "device kind must be cpu or gpu, got '" + name + "'");
        }
    }
}
