package org.rfrecon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.naming.Named;

/**
 * The training losses of rfrecon as DJL {@link Loss}es. Predictions and labels are real arrays of
 * shape {@code (B, 2, ...)} whose axis 1 holds (real, imaginary): the project's channel-first
 * NDList convention (see {@code ComplexChannels}), so the losses stay differentiable (no complex
 * view).
 *
 * <ul>
 *   <li>{@code nmse}: mean over the batch of {@code ||xhat - x||^2 / ||x||^2} (complex NMSE,
 *       linear).
 *   <li>{@code nmse-db}: mean over the batch of {@code 10 log10(||xhat - x||^2 / ||x||^2)}: the
 *       per-scene NMSE in dB, averaged as the evaluation tables average it, so a scene that is
 *       already well reconstructed still pulls (its gradient is the linear one divided by the
 *       scene's own NMSE).
 *   <li>{@code mse}: mean over complex elements of {@code |xhat - x|^2}.
 *   <li>{@code l1-magnitude}: mean over complex elements of {@code ||xhat| - |x||}.
 * </ul>
 */
public final class ComplexLosses {

    private ComplexLosses() {}

    /**
     * The loss called {@code name} ({@code nmse}, {@code nmse-db}, {@code mse} or {@code
     * l1-magnitude}, in any case): {@link LossKind}'s by its {@link LossKind#id()}.
     *
     * @throws IllegalArgumentException naming the known losses
     */
    public static Loss byName(String name) {
        return Named.byId(
                        LossKind.values(),
                        name,
                        known -> "unknown loss '" + name + "'; known: " + known)
                .loss();
    }

    /** Complex NMSE, averaged over the batch. */
    public static Loss nmse() {
        return new Loss("nmse") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                return perSampleNmse(labels, predictions).mean();
            }
        };
    }

    /** Per-sample complex NMSE in dB, averaged over the batch. */
    public static Loss nmseDb() {
        return new Loss("nmse-db") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray nmse = perSampleNmse(labels, predictions);
                try (NDArray ten = Scalars.constant(nmse, 10)) {
                    return nmse.log10().mul(ten).mean();
                }
            }
        };
    }

    /** {@code ||xhat - x||^2 / ||x||^2} of each sample, shape (B). */
    private static NDArray perSampleNmse(NDList labels, NDList predictions) {
        NDArray x = labels.singletonOrThrow();
        NDArray diff = predictions.singletonOrThrow().sub(x);
        int[] axes = nonBatchAxes(x);
        return diff.square().sum(axes).div(x.square().sum(axes));
    }

    /** Mean squared complex error. */
    public static Loss mse() {
        return new Loss("mse") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray diff = predictions.singletonOrThrow().sub(labels.singletonOrThrow());
                // mean over complex elements of re^2 + im^2 = twice the mean over real entries
                // twice the mean, as a sum over a count of half the entries: no Java-backed
                // scalar for autograd to keep (Scalars#constant)
                try (NDArray two = Scalars.constant(diff, 2)) {
                    return diff.square().mean().mul(two);
                }
            }
        };
    }

    /** Mean absolute error of the magnitudes. */
    public static Loss l1Magnitude() {
        return new Loss("l1-magnitude") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray a = magnitude(predictions.singletonOrThrow());
                NDArray b = magnitude(labels.singletonOrThrow());
                return a.sub(b).abs().mean();
            }
        };
    }

    /**
     * {@code |z|} of a pair array, with a tiny floor inside the square root so the gradient at 0 is
     * finite.
     */
    static NDArray magnitude(NDArray pairs) {
        // the floor made on the device: add(Number) copies a host scalar (a GPU stall, and a
        // copy a CUDA graph cannot record)
        NDArray power = pairs.square().sum(new int[] {1});
        try (NDArray floor = Scalars.constant(power, 1e-30)) {
            return power.add(floor).sqrt();
        }
    }

    private static int[] nonBatchAxes(NDArray x) {
        int[] axes = new int[x.getShape().dimension() - 1];
        for (int k = 0; k < axes.length; k++) {
            axes[k] = k + 1;
        }
        return axes;
    }
}
