package org.rfrecon.cli.bench;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Human names of the bench device: the CPU model and core count, or the GPU's product name. */
final class DeviceNames {

    private DeviceNames() {}

    /** The name of {@code device}, e.g. "AMD EPYC (2 cores)" or "NVIDIA H100 80GB HBM3". */
    static String of(Device device) {
        if (device.isGpu()) {
            String smi = nvidiaSmi(device.getDeviceId());
            if (smi != null) {
                return smi;
            }
            try {
                return "CUDA GPU "
                        + device.getDeviceId()
                        + " (compute capability "
                        + CudaUtils.getComputeCapability(device.getDeviceId())
                        + ")";
            } catch (RuntimeException | LinkageError e) {
                return "CUDA GPU " + device.getDeviceId();
            }
        }
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            model = System.getProperty("os.arch");
        }
        return model + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    private static String nvidiaSmi(int id) {
        try {
            Process p =
                    new ProcessBuilder(
                                    "nvidia-smi",
                                    "--query-gpu=name",
                                    "--format=csv,noheader",
                                    "-i",
                                    Integer.toString(id))
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isBlank()) {
                return out.trim();
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
