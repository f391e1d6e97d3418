package org.rfrecon.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rfrecon.core.device.GradMode;

/**
 * The parameters of one replica: a {@link ParameterStore} that hands the network detached copies of
 * the block's parameters on the replica's device, made on first use and kept for the store's life,
 * each a leaf that collects its own gradient.
 *
 * <p>DJL's {@code ParameterStore(manager, true)} is not enough for that: on the parameter's own
 * device it handed out the parameter itself (observed with three replicas on the CPU: they all
 * accumulated into the primary gradient), and under autograd a copy to another device stays on the
 * graph, so a replica's backward would flow into the primary parameter as well as into the copy.
 * Copies here are made with autograd off ({@code duplicate} on the same device, {@code toDevice}
 * otherwise): true leaves.
 */
final class ReplicaStore extends ParameterStore {

    private final NDManager manager;
    private final Map<String, NDArray> copies = new ConcurrentHashMap<>();

    /** A store whose copies live on {@code manager} and its device. */
    ReplicaStore(NDManager manager) {
        super(manager, true);
        this.manager = manager;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        if (!device.equals(manager.getDevice())) {
            throw new IllegalArgumentException(
                    "a replica on " + manager.getDevice() + " was asked for " + device);
        }
        return copies.computeIfAbsent(parameter.getId(), id -> copy(parameter, training));
    }

    /** The gradient the replica collected for {@code parameter}, or null if it never used it. */
    NDArray gradient(Parameter parameter) {
        NDArray copy = copies.get(parameter.getId());
        return copy == null || !copy.hasGradient() ? null : copy.getGradient();
    }

    private NDArray copy(Parameter parameter, boolean training) {
        try (GradMode noGrad = GradMode.disabled()) {
            NDArray a = parameter.getArray();
            Device d = manager.getDevice();
            NDArray c = a.getDevice().equals(d) ? a.duplicate() : a.toDevice(d, true);
            c.attach(manager);
            if (training && parameter.requiresGradient()) {
                c.setRequiresGradient(true);
            }
            return c;
        }
    }
}
