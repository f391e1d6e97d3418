package org.rfrecon.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.device.CudaGraph;
import org.rfrecon.core.naming.Messages;
import org.rfrecon.unrolled.GradientSteps;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * The {@link Reconstructor} of an {@link UnrolledAdmm} on one GPU whose gradient steps are replays
 * of a CUDA graph ({@link CudaGraph}): the forward pass, the loss and the backward pass of a batch
 * (through the full graph or with per-stage checkpointing, as {@link UnrolledReconstructor}) are
 * recorded once and then run as one launch per step, so a step costs the device's time for its
 * kernels and not one host dispatch per operation. The gradients are those of the same kernels run
 * one by one.
 *
 * <p>For each shape of batch (the last batch of an epoch may be smaller) and loss, the first step
 * warms the step up twice on the graph's side stream (libtorch's lazy set-up must not be captured;
 * what those passes accumulate is zeroed again, and the blocks they left cached are given back to
 * the driver, so that they are not held beside the graph's private pool), records it into batch
 * buffers of its own, and replays it; later steps copy their batch into those buffers and replay.
 * Every step of a run, the first included, is therefore a replay, and a resumed run repeats an
 * uninterrupted one. Measurements are checked for NaN and infinity before each replay, as the eager
 * step does. If the network's parameter arrays are replaced (a checkpoint loaded into it), the
 * graphs are recorded again.
 */
public final class GraphedReconstructor implements Reconstructor, AutoCloseable {

    /** Eager passes on the side stream before a capture (PyTorch's examples use two or three). */
    static final int WARM_UP_STEPS = 2;

    private static final NDIndex ALL = new NDIndex("...");

    private final UnrolledAdmm network;
    private final NDManager manager;
    private final boolean checkpointing;
    private final ParameterGroup parameters;
    private final Map<Key, Recorded> graphs = new HashMap<>();

    /**
     * @param network an initialised network whose parameters live on a GPU
     * @param manager the manager of its parameters
     * @param checkpointing whether the recorded step uses per-stage checkpointing
     * @throws IllegalStateException if CUDA graphs are not available on the parameters' device
     */
    public GraphedReconstructor(UnrolledAdmm network, NDManager manager, boolean checkpointing) {
        unavailability(List.of(manager.getDevice()))
                .ifPresent(
                        why -> {
                            throw new IllegalStateException(why);
                        });
        this.network = network;
        this.manager = manager;
        this.checkpointing = checkpointing;
        this.parameters = ParameterGroup.of(network);
    }

    /**
     * Why a run on {@code devices} cannot replay its steps as CUDA graphs: more than one device (a
     * graph records a step on one GPU), a CPU, or no bridge library ({@link
     * CudaGraph#unavailability}). Empty where it can.
     */
    public static Optional<String> unavailability(List<Device> devices) {
        if (devices.size() != 1) {
            return Optional.of(
                    "a CUDA graph records a step on one GPU, not on "
                            + devices.size()
                            + " devices");
        }
        return CudaGraph.unavailability(devices.get(0));
    }

    @Override
    public UnrolledAdmm block() {
        return network;
    }

    @Override
    public NDList reconstruct(NDList measurements) {
        return new UnrolledReconstructor(network, manager, checkpointing).reconstruct(measurements);
    }

    @Override
    public double accumulateGradients(NDList measurements, NDList truth, Loss loss) {
        NDArray y = measurements.singletonOrThrow();
        NDArray t = truth.singletonOrThrow();
        network.checkFinite(y);
        Key key = new Key(y.getShape(), t.getShape(), loss);
        Recorded r = graphs.get(key);
        if (r != null && !r.recordedWith(parameters)) {
            graphs.remove(key).close();
            r = null;
        }
        if (r == null) {
            r = record(y, t, loss);
            graphs.put(key, r);
        }
        r.y().set(ALL, y);
        r.truth().set(ALL, t);
        r.graph().replay();
        return Scalars.value(r.loss());
    }

    /** How many graphs are recorded now (one per batch shape and loss). */
    public int recordedGraphs() {
        return graphs.size();
    }

    private NDArray step(NDArray y, NDArray t, Loss loss) {
        return GradientSteps.lossOfFinite(
                network, new ParameterStore(manager, false), y, t, loss, checkpointing);
    }

    private Recorded record(NDArray y, NDArray t, Loss loss) {
        CudaGraph graph = CudaGraph.create(manager.getDevice());
        NDManager own = manager.newSubManager();
        try {
            graph.onStream(
                    () -> {
                        for (int i = 0; i < WARM_UP_STEPS; i++) {
                            try (NDManager pass = manager.newSubManager()) {
                                NDArray yw = y.duplicate();
                                NDArray tw = t.duplicate();
                                yw.attach(pass);
                                tw.attach(pass);
                                step(yw, tw, loss).attach(pass);
                            }
                        }
                        return null;
                    });
            // the warm-ups' blocks, cached in the default pool, would stay reserved beside the
            // graph's private pool for the rest of the run: give them back to the driver
            JniUtils.emptyCudaCache();
            parameters.zeroGradients(manager);
            NDArray ys = y.duplicate();
            NDArray ts = t.duplicate();
            ys.attach(own);
            ts.attach(own);
            NDArray l;
            try {
                l = graph.capture(() -> step(ys, ts, loss));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "the training step could not be recorded as a CUDA graph (a loss or layer"
                                + " that copies a host scalar, such as DJL's L2Loss, cannot be;"
                                + " rfrecon's ComplexLosses can): "
                                + Messages.firstLine(e.getMessage(), "no message"),
                        e);
            }
            l.attach(own);
            return new Recorded(graph, own, ys, ts, l, weights(parameters));
        } catch (RuntimeException | Error e) {
            graph.close();
            own.close();
            throw e;
        }
    }

    private static List<NDArray> weights(ParameterGroup group) {
        List<NDArray> w = new ArrayList<>();
        for (Parameter p : group.parameters()) {
            w.add(p.getArray());
        }
        return w;
    }

    /** Frees every recorded graph and its buffers. */
    @Override
    public void close() {
        graphs.values().forEach(Recorded::close);
        graphs.clear();
    }

    private record Key(Shape measurements, Shape truth, Loss loss) {}

    /**
     * A recorded step: its graph, the buffers its replays read (measurements and truth), the loss
     * each replay writes, and the parameter arrays it was recorded with.
     */
    private record Recorded(
            CudaGraph graph,
            NDManager owner,
            NDArray y,
            NDArray truth,
            NDArray loss,
            List<NDArray> weights) {

        boolean recordedWith(ParameterGroup group) {
            List<Parameter> ps = group.parameters();
            for (int i = 0; i < ps.size(); i++) {
                if (ps.get(i).getArray() != weights.get(i)) {
                    return false;
                }
            }
            return true;
        }

        void close() {
            graph.close();
            owner.close();
        }
    }
}
