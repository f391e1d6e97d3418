package org.rfrecon.core.operator;

import ai.djl.Device;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * The Fresnel operator with its Tx-Rx pairs spread over several devices: shard {@code d} holds the
 * factors of a contiguous block of pairs on device {@code d}.
 *
 * <pre>
 *   forward:  Y = concat_d A_d x          (x copied to each device; each Y_d copied back)
 *   adjoint:  x = sum_d A_d^H Y_d         (each Y_d sent to its device; partial sums copied back)
 *   normal:   A^H A x = sum_d A_d^H A_d x (x copied to each device; partial sums copied back)
 * </pre>
 *
 * <p>Per application only the scene (to every device) and each shard's measurements (one way) cross
 * devices: the factors never move. The first device is the primary one: inputs live there and
 * results come back there. On one device this is exactly the unsharded operator.
 *
 * <p><b>Solvers.</b> {@link #normal} is fused per shard: each device applies its own {@code A_d^H
 * A_d} and only scene-sized partial sums are gathered, so the measurements never leave their device
 * inside an iteration. CG ({@code TikhonovCg}, the ADMM x-step {@code CgXStep}), FISTA and power
 * iteration touch the operator only through {@code normal} inside their loops, and ADMM and FISTA
 * call {@code adjoint} once per solve (for {@code A^H y}), so a solve on a sharded operator moves
 * one scene per device each way per iteration and nothing else. The forward map (concat over
 * devices) runs only for objectives and backprojection's scale.
 */
public final class PairSharded extends AbstractLinearOperator {

    private final List<AbstractLinearOperator> shards;

    private PairSharded(List<AbstractLinearOperator> shards) {
        super(
                shards.get(0).domainShape(),
                rangeOf(shards),
                shards.get(0).dataType(),
                shards.get(0).device());
        this.shards = List.copyOf(shards);
    }

    /** The range of the stacked shards: the pairs of all of them, then one shard's (F, M2, M1). */
    private static Shape rangeOf(List<AbstractLinearOperator> shards) {
        long pairs = 0;
        for (AbstractLinearOperator s : shards) {
            pairs += s.rangeShape().get(0);
        }
        return new Shape(pairs).addAll(shards.get(0).rangeShape().slice(1));
    }

    /**
     * Spreads the pairs of {@code g} over {@code devices} as evenly as possible (the first devices
     * take one more pair when P does not divide evenly); devices beyond P are left idle.
     *
     * @param manager the manager whose sub-managers own each shard's factors
     */
    public static PairSharded of(
            Geometry g, List<Device> devices, NDManager manager, DataType dtype) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("PairSharded needs at least one device");
        }
        int p = g.numPairs();
        int n = Math.min(p, devices.size());
        List<AbstractLinearOperator> shards = new ArrayList<>();
        int from = 0;
        for (int d = 0; d < n; d++) {
            int count = p / n + (d < p % n ? 1 : 0);
            Geometry part = g.selectPairs(from, from + count);
            NDManager owner = manager.newSubManager(devices.get(d));
            shards.add(Operators.fresnel(part, owner, dtype));
            from += count;
        }
        return new PairSharded(shards);
    }

    /**
     * Spreads the pairs of stored factors over {@code devices} as {@link #of(Geometry, List,
     * NDManager, DataType)} does: shard {@code d} holds copies of its block of pairs on device
     * {@code d}, in a sub-manager of {@code manager}; the factors given are not kept.
     */
    public static PairSharded of(SensingFactors f, List<Device> devices, NDManager manager) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("PairSharded needs at least one device");
        }
        int p = (int) f.s().getShape().get(0);
        int n = Math.min(p, devices.size());
        List<AbstractLinearOperator> shards = new ArrayList<>();
        int from = 0;
        for (int d = 0; d < n; d++) {
            int count = p / n + (d < p % n ? 1 : 0);
            NDManager owner = manager.newSubManager(devices.get(d));
            String rows = from + ":" + (from + count);
            shards.add(
                    Operators.fresnel(
                            new SensingFactors(
                                    copy(f.a1(), rows, owner),
                                    copy(f.a2(), rows, owner),
                                    f.a3().map(a3 -> copy(a3, rows, owner)),
                                    copy(f.s(), rows, owner))));
            from += count;
        }
        return new PairSharded(shards);
    }

    /** Rows {@code rows} of {@code t}, copied into {@code owner} (on its device). */
    private static ComplexTensor copy(ComplexTensor t, String rows, NDManager owner) {
        try (NDScope scope = new NDScope()) {
            ComplexTensor c = t.get(rows).toDevice(owner.getDevice());
            NDScope.unregister(c.handles());
            return c.attach(owner);
        }
    }

    /** The number of shards (devices in use). */
    public int numShards() {
        return shards.size();
    }

    /**
     * The work the shards have done, in evaluations of the whole operator: each shard's forward and
     * adjoint applications (normal maps count two) weighted by its share of the pairs.
     */
    public double evaluations() {
        double total = 0;
        long pairs = rangeShape().get(0);
        for (AbstractLinearOperator shard : shards) {
            long count = shard.forwardCount() + shard.adjointCount();
            total += count * (double) shard.rangeShape().get(0);
        }
        return total / pairs;
    }

    /** The devices of the shards, primary first. */
    public List<Device> devices() {
        return shards.stream().map(LinearOperator::device).toList();
    }

    /**
     * {@code A^H A x = sum_d A_d^H A_d x}: each shard applies its normal map on its own device and
     * only the partial sums come back to the primary device, where they are added in shard order.
     * The result belongs to {@code x}'s manager; temporaries die with the call.
     */
    @Override
    public ComplexTensor normal(ComplexTensor x) {
        Shapes.checkInput(x, domainShape(), dataType(), device(), name() + ".normal");
        try (NDScope scope = new NDScope()) {
            ComplexTensor sum = null;
            for (LinearOperator shard : shards) {
                ComplexTensor part = shard.normal(onDevice(x, shard.device()));
                ComplexTensor back = onDevice(part, device());
                sum = sum == null ? back : sum.add(back);
            }
            NDScope.unregister(sum.handles());
            return sum.attach(x.getManager());
        }
    }

    @Override
    protected ComplexTensor forwardInternal(ComplexTensor x, Shape batch) {
        NDList re = new NDList();
        NDList im = new NDList();
        for (LinearOperator shard : shards) {
            ComplexTensor y = shard.forward(onDevice(x, shard.device()));
            ComplexTensor back = onDevice(y, device());
            re.add(back.re());
            im.add(back.im());
        }
        int axis = batch.dimension();
        return ComplexTensor.of(NDArrays.concat(re, axis), NDArrays.concat(im, axis));
    }

    @Override
    protected ComplexTensor adjointInternal(ComplexTensor y, Shape batch) {
        int axis = batch.dimension();
        ComplexTensor sum = null;
        long start = 0;
        for (LinearOperator shard : shards) {
            long count = shard.rangeShape().get(0);
            String index = ":, ".repeat(axis) + start + ":" + (start + count);
            ComplexTensor part = shard.adjoint(onDevice(y.get(index), shard.device()));
            ComplexTensor back = onDevice(part, device());
            sum = sum == null ? back : sum.add(back);
            start += count;
        }
        return sum;
    }

    private static ComplexTensor onDevice(ComplexTensor t, Device device) {
        return t.getDevice().equals(device) ? t : t.toDevice(device);
    }
}
