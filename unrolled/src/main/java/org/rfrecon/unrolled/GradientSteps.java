package org.rfrecon.unrolled;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.device.GradMode;
import org.rfrecon.core.device.MemoryProbe;
import org.rfrecon.core.solver.AdmmState;

/**
 * One training step's gradients for an {@link UnrolledAdmm}, two ways behind one signature: the
 * full autograd graph, or per-stage gradient checkpointing. Both accumulate the gradient of the
 * loss into the network's parameters and return the loss value.
 *
 * <p><b>Checkpointing</b> (Chen et al. 2016, "Training deep nets with sublinear memory cost"): the
 * forward runs with autograd off and keeps only each stage's input state; then, last stage first,
 * each stage is recomputed from a fresh leaf copy of its input inside one gradient collector, and
 * {@code backward(sum(out * g))} (the vector-Jacobian product with the incoming gradient {@code g})
 * adds the stage's parameter gradients and yields the gradient of its input, the {@code g} of the
 * stage before. Memory holds K stage states plus one stage's graph instead of K graphs, for about
 * one extra forward pass of compute.
 */
public final class GradientSteps {

    private GradientSteps() {}

    /** The gradient step through the full graph. */
    public static double full(
            UnrolledAdmm net, ParameterStore ps, NDArray y, NDArray truth, Loss loss) {
        return Scalars.value(fullLoss(net, ps, y, truth, loss));
    }

    /**
     * {@link #full}, returning the loss as an array that is not read: nothing waits for the device,
     * so steps on several devices can be queued back to back before any result is read.
     *
     * @return the scalar loss, owned by the manager of the network's output
     */
    public static NDArray fullLoss(
            UnrolledAdmm net, ParameterStore ps, NDArray y, NDArray truth, Loss loss) {
        net.checkFinite(y);
        return fullLossOfFinite(net, ps, y, truth, loss);
    }

    /**
     * The gradient step of {@link #fullLoss} or {@link #checkpointedLoss} for measurements already
     * found finite ({@link UnrolledAdmm#checkFinite}): nothing in it waits for the device or reads
     * a value back, so a CUDA graph can record it.
     *
     * @return the scalar loss, not read, owned by the manager of the network's output
     */
    public static NDArray lossOfFinite(
            UnrolledAdmm net,
            ParameterStore ps,
            NDArray y,
            NDArray truth,
            Loss loss,
            boolean checkpointing) {
        return checkpointing
                ? checkpointedLossOfFinite(net, ps, y, truth, loss)
                : fullLossOfFinite(net, ps, y, truth, loss);
    }

    private static NDArray fullLossOfFinite(
            UnrolledAdmm net, ParameterStore ps, NDArray y, NDArray truth, Loss loss) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            UnrolledAdmm.Prepared p = net.prepareFinite(y);
            fetchParameters(net, ps, p);
            AdmmState s = net.initialState(p);
            for (int k = 0; k < net.architecture().stages(); k++) {
                s = scopedStage(net, ps, p, k, s);
            }
            NDArray l = loss.evaluate(new NDList(truth), new NDList(net.finish(p, s)));
            MemoryProbe.sample();
            gc.backward(l);
            MemoryProbe.sample();
            return l;
        }
    }

    /** The gradient step with per-stage checkpointing; the same gradients as {@link #full}. */
    public static double checkpointed(
            UnrolledAdmm net, ParameterStore ps, NDArray y, NDArray truth, Loss loss) {
        return Scalars.value(checkpointedLoss(net, ps, y, truth, loss));
    }

    /**
     * {@link #checkpointed}, returning the loss as an array that is not read (see {@link
     * #fullLoss}).
     *
     * @return the scalar loss, owned by the manager of the network's output
     */
    public static NDArray checkpointedLoss(
            UnrolledAdmm net, ParameterStore ps, NDArray y, NDArray truth, Loss loss) {
        net.checkFinite(y);
        return checkpointedLossOfFinite(net, ps, y, truth, loss);
    }

    private static NDArray checkpointedLossOfFinite(
            UnrolledAdmm net, ParameterStore ps, NDArray y, NDArray truth, Loss loss) {
        int stages = net.architecture().stages();
        UnrolledAdmm.Prepared p;
        List<AdmmState> inputs = new ArrayList<>();
        AdmmState s;
        try (GradMode noGrad = GradMode.disabled()) {
            p = net.prepareFinite(y);
            s = net.initialState(p);
            fetchParameters(net, ps, p);
            for (int k = 0; k < stages; k++) {
                inputs.add(s);
                s = scopedStage(net, ps, p, k, s);
            }
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            AdmmState leaf = leaf(s);
            NDArray l = loss.evaluate(new NDList(truth), new NDList(net.finish(p, leaf)));
            gc.backward(l);
            NDArray[] g = gradients(leaf);
            for (int k = stages - 1; k >= 0; k--) {
                NDArray[] before = null;
                // the recomputed segment, its graph and the leaf copy are freed after its
                // backward; only the gradient for the stage before leaves the scope
                try (NDScope scope = new NDScope()) {
                    AdmmState in = k == 0 ? inputs.get(0) : leaf(inputs.get(k));
                    AdmmState out = net.stage(ps, p, k, in, true);
                    MemoryProbe.sample();
                    gc.backward(dot(parts(out), g));
                    MemoryProbe.sample();
                    if (k > 0) {
                        before = gradients(in);
                        NDScope.unregister(before);
                    }
                }
                for (NDArray a : g) {
                    a.close();
                }
                g = before;
            }
            return l;
        }
    }

    /**
     * Fetches every parameter once, outside the stage scopes of {@link #scopedStage}: a parameter
     * store may make (and cache) a device copy on first use, which a scope would then close.
     */
    private static void fetchParameters(
            UnrolledAdmm net, ParameterStore ps, UnrolledAdmm.Prepared p) {
        for (Pair<String, Parameter> w : net.getParameters()) {
            ps.getValue(w.getValue(), p.aty().getDevice(), true);
        }
    }

    /**
     * Stage {@code k} in its own scope: only its output state outlives it. Its CG vectors, CNN
     * activations and other temporaries lose their Java handles when the stage ends, as eager
     * PyTorch drops them when their last reference goes; what autograd saved for the backward stays
     * alive through the graph's own references. Without the scope, every temporary of every stage
     * stayed on the device until the step's manager closed.
     */
    private static AdmmState scopedStage(
            UnrolledAdmm net, ParameterStore ps, UnrolledAdmm.Prepared p, int k, AdmmState in) {
        try (NDScope scope = new NDScope()) {
            AdmmState out = net.stage(ps, p, k, in, true);
            NDScope.unregister(out.x().handles());
            NDScope.unregister(out.z().handles());
            NDScope.unregister(out.u().handles());
            MemoryProbe.sample();
            return out;
        }
    }

    /** A copy of a state whose six real arrays are fresh leaves that collect gradients. */
    private static AdmmState leaf(AdmmState s) {
        NDArray[] a = parts(s);
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].duplicate();
            a[i].setRequiresGradient(true);
        }
        return new AdmmState(
                ComplexTensor.of(a[0], a[1]),
                ComplexTensor.of(a[2], a[3]),
                ComplexTensor.of(a[4], a[5]));
    }

    private static NDArray[] parts(AdmmState s) {
        return new NDArray[] {
            s.x().re(), s.x().im(), s.z().re(), s.z().im(), s.u().re(), s.u().im()
        };
    }

    /** The gradients of a leaf state's arrays (zeros where nothing flowed). */
    private static NDArray[] gradients(AdmmState leaf) {
        NDArray[] a = parts(leaf);
        NDArray[] g = new NDArray[a.length];
        for (int i = 0; i < a.length; i++) {
            NDArray grad = a[i].getGradient();
            g[i] = grad.duplicate();
        }
        return g;
    }

    /** {@code sum_i sum(out_i * g_i)}: the scalar whose gradient is the VJP with {@code g}. */
    private static NDArray dot(NDArray[] out, NDArray[] g) {
        NDArray acc = out[0].mul(g[0]).sum();
        for (int i = 1; i < out.length; i++) {
            acc = acc.add(out[i].mul(g[i]).sum());
        }
        return acc;
    }
}
