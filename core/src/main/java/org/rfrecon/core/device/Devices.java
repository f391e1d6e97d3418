package org.rfrecon.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Resolves the {@code --device cpu|gpu} choice of the command line to a DJL {@link Device}. */
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
                            "--device gpu: no CUDA GPU is visible to DJL's PyTorch engine (engine "
                                    + Engine.getInstance().getVersion()
                                    + "); see docs/gpu.md to point DJL at a CUDA libtorch");
                }
                return Device.gpu(0);
            default:
                throw new IllegalArgumentException(
                        "--device must be cpu or gpu, got '" + name + "'");
        }
    }
}
