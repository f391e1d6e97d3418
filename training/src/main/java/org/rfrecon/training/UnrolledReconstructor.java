package org.rfrecon.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.rfrecon.core.device.GradMode;
import org.rfrecon.unrolled.GradientSteps;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * The {@link Reconstructor} of an {@link UnrolledAdmm}: gradients through the full graph or with
 * per-stage checkpointing (the {@code checkpointing} switch of the config and {@code
 * --checkpointing on|off}); the same gradients either way.
 *
 * @param network an initialised network
 * @param manager the manager of its parameters
 * @param checkpointing whether gradient steps use per-stage checkpointing
 */
public record UnrolledReconstructor(UnrolledAdmm network, NDManager manager, boolean checkpointing)
        implements Reconstructor {

    @Override
    public UnrolledAdmm block() {
        return network;
    }

    @Override
    public NDList reconstruct(NDList measurements) {
        try (GradMode noGrad = GradMode.disabled()) {
            return network.forward(new ParameterStore(manager, false), measurements, false);
        }
    }

    @Override
    public double accumulateGradients(NDList measurements, NDList truth, Loss loss) {
        ParameterStore ps = new ParameterStore(manager, false);
        return checkpointing
                ? GradientSteps.checkpointed(
                        network,
                        ps,
                        measurements.singletonOrThrow(),
                        truth.singletonOrThrow(),
                        loss)
                : GradientSteps.full(
                        network,
                        ps,
                        measurements.singletonOrThrow(),
                        truth.singletonOrThrow(),
                        loss);
    }
}
