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
     * Starts a task thread the way the JVM's first DJL thread starts, so that a task computes what
     * a single machine computes:
     *
     * <ul>
     *   <li>DJL offline (the driver's Main sets it for itself);
     *   <li>PyTorch's autograd off: grad mode is per thread and DJL turns it off only on the thread
     *       that loads the engine; on a fresh task thread it would be on, and the operators would
     *       take their autograd-safe pair path instead of the native complex one (results differ in
     *       the last float32 bit);
     *   <li>PyTorch's intra-op threads set to the task's CPUs ({@code spark.task.cpus}, default 1).
     *       Measured here: with libtorch's default two OpenMP threads, training on a thread other
     *       than the JVM's main thread gave NMSE differing in the 5th digit from run to run, while
     *       one thread gave the single-machine rows exactly; and a task should not use more cores
     *       than Spark gave it.
     * </ul>
     */
    static void prepare() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Engine.getEngine("PyTorch");
        JniUtils.setGradMode(false);
        TaskContext tc = TaskContext.get();
        JniUtils.setNumThreads(tc == null ? 1 : Math.max(1, tc.cpus()));
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
