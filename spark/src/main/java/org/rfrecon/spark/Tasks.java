package org.rfrecon.spark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.rfrecon.core.device.Devices;

/** What every rfrecon task does first, and what it asks of its {@link TaskContext}. */
final class Tasks {

    private Tasks() {}

    /**
     * Starts a task thread the way the JVM's first DJL thread starts: DJL offline (the driver's
     * Main sets it for itself) and PyTorch's autograd off. Grad mode is per thread in PyTorch and
     * DJL turns it off only on the thread that loads the engine; on a fresh task thread it would be
     * on, the operators would take their autograd-safe pair path instead of the native complex one,
     * and results would differ from a single-machine run in the last float32 bit.
     */
    static void prepare() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
    }

    /** Whether this is the task's last attempt of {@code attempts}. */
    static boolean lastAttempt(int attempts) {
        TaskContext tc = TaskContext.get();
        return tc == null || tc.attemptNumber() + 1 >= attempts;
    }

    /** This task's attempt number, from 0 ({@code 0} outside a task). */
    static int attemptNumber() {
        TaskContext tc = TaskContext.get();
        return tc == null ? 0 : tc.attemptNumber();
    }

    /**
     * The device of a task: for {@code gpu}, the GPU Spark assigned to this task ({@code
     * spark.task.resource.gpu.amount=1}) when there is one, else GPU 0; {@code cpu} otherwise.
     */
    static Device device(String name) {
        TaskContext tc = TaskContext.get();
        if ("gpu".equals(name) && tc != null) {
            Map<String, ResourceInformation> r = tc.resourcesJMap();
            ResourceInformation gpu = r.get("gpu");
            if (gpu != null && gpu.addresses().length > 0) {
                return Device.gpu(Integer.parseInt(gpu.addresses()[0].trim()));
            }
        }
        return Devices.resolve(name);
    }
}
