package org.rfrecon.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.device.GradMode;
import org.rfrecon.unrolled.GradientSteps;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Data-parallel training of an {@link UnrolledAdmm} over several devices: one replica of the
 * network per device, each batch split across them, forward and backward per replica, and the
 * gradients combined on the first (primary) device before the one optimizer update that the trainer
 * makes there.
 *
 * <pre>
 *   batch of n  ->  slices of n_i on device i (n_i = ceil(n / N), the last one shorter)
 *   replica i:      loss_i = (n_i / n) L(slice i), backward          (full graph or checkpointed)
 *   combine:        grad = sum_i grad_i, summed on the primary device in replica order
 * </pre>
 *
 * Every loss of the project is a mean over the samples of the batch, so weighting each replica's
 * loss by its share {@code n_i / n} makes the summed gradient the gradient of the whole batch: N
 * replicas on the same data take the step one device would take on the big batch (to rounding). The
 * returned loss is the sum of the weighted losses, the loss of the whole batch.
 *
 * <p><b>Replicas.</b> Replica 0 uses the block's own parameters (a {@link ParameterStore} that does
 * not copy), so on one device this is exactly the single-device path, bit for bit. Replica {@code i
 * > 0} gets fresh copies from a {@link ParameterStore} on its device that always copies and
 * attaches gradients: DJL's mirroring, re-made every step, so the replicas always hold the
 * parameters the optimizer just wrote, and a loaded checkpoint needs no re-synchronisation. The
 * checkpoint therefore holds one set of parameters and one optimizer state whatever the number of
 * devices.
 *
 * <p><b>Why not DJL's multi-device ParameterStore.</b> {@code setParameterServer(server, devices)}
 * refuses a device listed twice (so it cannot be exercised on the one CPU of a test machine), and
 * its {@code LocalParameterServer} calls the optimizer once per device with the same parameter id,
 * which would advance {@link ResumableAdam}'s step count N times per step (DJL's own Adam keys its
 * state by device too). The reduction here is the one that server makes (sum to the first device),
 * followed by one update.
 *
 * <p><b>Concurrency.</b> Replicas run from one thread; their losses are read only after every
 * replica's backward and the gradient sum have been queued ({@link GradientSteps#fullLoss}), so on
 * GPUs the devices work concurrently as far as kernel launches allow.
 *
 * @param network an initialised network whose parameters live on {@code devices.get(0)}
 * @param devices the devices of the replicas, primary first (a device may repeat: replicas then
 *     share it, which tests use on the CPU)
 * @param checkpointing whether gradient steps use per-stage checkpointing
 */
public record DataParallelReconstructor(
        UnrolledAdmm network, List<Device> devices, boolean checkpointing)
        implements Reconstructor {

    /** Validates; keeps a copy of the devices. */
    public DataParallelReconstructor {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("data-parallel training needs at least one device");
        }
        devices = List.copyOf(devices);
    }

    @Override
    public UnrolledAdmm block() {
        return network;
    }

    /** Reconstructs a batch split over the replicas; the result is on the primary device. */
    @Override
    public NDList reconstruct(NDList measurements) {
        NDArray y = measurements.singletonOrThrow();
        NDManager owner = y.getManager();
        long[] sizes = sliceSizes(y.getShape().get(0), devices.size());
        List<NDManager> replicas = new ArrayList<>();
        try (GradMode noGrad = GradMode.disabled()) {
            NDList ys = slices(y, sizes);
            NDList outs = new NDList();
            for (int i = 0; i < sizes.length; i++) {
                NDManager m = owner.newSubManager(devices.get(i));
                replicas.add(m);
                NDArray out =
                        network.forward(
                                        i == 0 ? new ParameterStore(m, false) : new ReplicaStore(m),
                                        new NDList(onDevice(ys.get(i), m)),
                                        false)
                                .singletonOrThrow();
                outs.add(out.toDevice(owner.getDevice(), false));
            }
            NDArray all = outs.size() == 1 ? outs.head() : NDArrays.concat(outs, 0);
            all.attach(owner);
            return new NDList(all);
        } finally {
            replicas.forEach(NDManager::close);
        }
    }

    @Override
    public double accumulateGradients(NDList measurements, NDList truth, Loss loss) {
        NDArray y = measurements.singletonOrThrow();
        NDManager owner = y.getManager();
        long n = y.getShape().get(0);
        long[] sizes = sliceSizes(n, devices.size());
        NDList ys = slices(y, sizes);
        NDList xs = slices(truth.singletonOrThrow(), sizes);
        List<NDManager> replicas = new ArrayList<>();
        List<ReplicaStore> stores = new ArrayList<>();
        try {
            NDArray[] losses = new NDArray[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                NDManager m = owner.newSubManager(devices.get(i));
                replicas.add(m);
                ParameterStore ps;
                if (i == 0) {
                    ps = new ParameterStore(m, false);
                } else {
                    ReplicaStore r = new ReplicaStore(m);
                    stores.add(r);
                    ps = r;
                }
                Loss share = sizes.length == 1 ? loss : weighted(loss, (double) sizes[i] / n);
                NDArray yi = onDevice(ys.get(i), m);
                NDArray xi = onDevice(xs.get(i), m);
                losses[i] =
                        checkpointing
                                ? GradientSteps.checkpointedLoss(network, ps, yi, xi, share)
                                : GradientSteps.fullLoss(network, ps, yi, xi, share);
            }
            combineGradients(stores);
            double value = 0;
            for (NDArray l : losses) {
                value += Scalars.value(l);
            }
            return value;
        } finally {
            replicas.forEach(NDManager::close);
        }
    }

    /**
     * Adds the gradients of replicas 1.. into the primary parameters' gradients (which replica 0
     * filled), in replica order, on the primary device.
     */
    private void combineGradients(List<ReplicaStore> replicas) {
        if (replicas.isEmpty()) {
            return;
        }
        for (Pair<String, Parameter> p : network.getParameters()) {
            Parameter param = p.getValue();
            if (!param.requiresGradient()) {
                continue;
            }
            NDArray primary = param.getArray();
            NDArray sum = primary.getGradient();
            for (ReplicaStore replica : replicas) {
                NDArray g = replica.gradient(param);
                if (g != null) {
                    sum.addi(g.toDevice(primary.getDevice(), false));
                }
            }
        }
    }

    /**
     * The slice sizes of a batch of {@code n} over {@code devices} replicas: DJL's chunking rule
     * ({@code Batchifier.split}: {@code ceil(n / devices)} samples a slice, the last shorter), on
     * as many replicas as that rule fills, so that no slice is empty (DJL's split fails on an empty
     * last slice, e.g. 5 samples over 4 devices: 2, 2, 1 and none).
     */
    static long[] sliceSizes(long n, int devices) {
        if (n < 1) {
            throw new IllegalArgumentException("cannot split an empty batch");
        }
        long chunk = (n + devices - 1) / devices;
        int count = (int) ((n + chunk - 1) / chunk);
        long[] sizes = new long[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(chunk, n - i * chunk);
        }
        return sizes;
    }

    /** Views of consecutive slices of {@code a} along axis 0 (one view when there is one slice). */
    private static NDList slices(NDArray a, long[] sizes) {
        if (sizes.length == 1) {
            return new NDList(a);
        }
        long[] cuts = new long[sizes.length - 1];
        long at = 0;
        for (int i = 0; i < cuts.length; i++) {
            at += sizes[i];
            cuts[i] = at;
        }
        return a.split(cuts, 0);
    }

    /** {@code a} on {@code m}'s device, owned by {@code m} if it had to be copied. */
    private static NDArray onDevice(NDArray a, NDManager m) {
        if (a.getDevice().equals(m.getDevice())) {
            return a;
        }
        NDArray copy = a.toDevice(m.getDevice(), true);
        copy.attach(m);
        return copy;
    }

    /**
     * {@code weight * loss}: a replica's share of a loss that is a mean over the batch. The weight
     * is copied into torch-owned memory ({@code toType(.., true)}): on the CPU DJL wraps a Java
     * buffer without copying, and autograd keeps the factor of a product for the backward pass,
     * after {@code mul(Number)} has closed its scalar and the buffer may have been collected.
     */
    private static Loss weighted(Loss loss, double weight) {
        return new Loss(loss.getName()) {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray l = loss.evaluate(labels, predictions);
                NDArray w;
                try (NDArray host = l.getManager().create(weight)) {
                    w = host.toType(l.getDataType(), true);
                }
                return l.mul(w);
            }
        };
    }
}
