package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * The exact spherical-wave model, the reference physics for simulation (SPEC §1): true distances,
 * true spherical spreading, no approximation and so no Kronecker structure.
 *
 * <pre>
 *   Y[p,f,m2,m1] = sum_q exp(-j k_f (R_t + R_r)) / (4 pi R_t R_r) C[q]
 *   R_t = |q - t_p|,  R_r = |q - (r_p + (u[m1], v[m2], 0))|
 * </pre>
 *
 * <p>with {@code q} every scene point: {@code (x[n1], y[n2], R0)} in 2D, {@code (x[n1], y[n2],
 * z[n3])} for volumes. Evaluated matrix-free: for each pair and each chunk of scene points the
 * block {@code G} (F M2 M1 x chunk) is formed on the device (distances and phases in float64, then
 * cast), applied, and dropped. At most {@link #CHUNK_ELEMENTS} complex entries of {@code G} exist
 * at once. The adjoint applies {@code G^H} chunk by chunk.
 */
public final class ExactSpherical extends AbstractLinearOperator {

    /** The largest block of the implicit matrix formed at once, in complex entries. */
    public static final long CHUNK_ELEMENTS = 1L << 21;

    private final Geometry geometry;
    private final NDManager manager;
    private final NDArray k; // (F, 1, 1) float64
    private final int chunk;

    /** The exact operator of {@code g}, computing in {@code dtype} on {@code manager}'s device. */
    public ExactSpherical(Geometry g, NDManager manager, DataType dtype) {
        super(g.sceneShape(), g.measurementShape(), dtype, manager.getDevice());
        this.geometry = g;
        this.manager = manager;
        this.k = SensingFactors.wavenumbers(g, manager).reshape(g.numFrequencies(), 1, 1);
        long fm = (long) g.numFrequencies() * g.m1() * g.m2();
        this.chunk = (int) Math.max(1, Math.min(g.sceneShape().size(), CHUNK_ELEMENTS / fm));
    }

    /** The geometry this operator models. */
    public Geometry geometry() {
        return geometry;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only the scene points where some sample of the batch is non-zero are evaluated (their
     * indices are read to the host once per call): a point scene of a few targets costs a few
     * columns of {@code G} instead of all of them. The result is the same sum without its zero
     * terms.
     */
    @Override
    protected ComplexTensor forwardInternal(ComplexTensor x, Shape batch) {
        long b = batch.size();
        long npix = domainShape().size();
        int np = geometry.numPairs();
        NDManager owner = x.getManager();
        List<ComplexTensor> perPair = new ArrayList<>();
        try (NDManager tmp = owner.newSubManager()) {
            ComplexTensor xf = x.reshape(new Shape(b, npix)).attach(tmp);
            long[] support = support(xf);
            if (support.length < npix) {
                NDArray at = tmp.create(support);
                xf = ComplexTensor.of(xf.re().get(":, {}", at), xf.im().get(":, {}", at));
            }
            int n = support.length;
            for (int p = 0; p < np; p++) {
                ComplexTensor acc = null;
                for (int start = 0; start < n; start += chunk) {
                    int stop = Math.min(n, start + chunk);
                    try (NDManager step = tmp.newSubManager()) {
                        ComplexTensor g =
                                block(
                                        step,
                                        p,
                                        Arrays.copyOfRange(support, start, stop)); // (FM, nc)
                        ComplexTensor xc = xf.get(":, {}:{}", start, stop).attach(step);
                        acc = plus(acc, xc.matMul(g.transpose()), tmp); // (B, FM)
                    }
                }
                perPair.add(acc);
            }
            return joined(perPair, l -> NDArrays.stack(l, 1), batch.addAll(rangeShape()), owner);
        }
    }

    @Override
    protected ComplexTensor adjointInternal(ComplexTensor y, Shape batch) {
        long b = batch.size();
        long npix = domainShape().size();
        int np = geometry.numPairs();
        long fm = rangeShape().size() / np;
        NDManager owner = y.getManager();
        try (NDManager tmp = owner.newSubManager()) {
            ComplexTensor yf = y.reshape(new Shape(b, np, fm)).attach(tmp);
            List<ComplexTensor> perChunk = new ArrayList<>();
            for (long start = 0; start < npix; start += chunk) {
                long stop = Math.min(npix, start + chunk);
                ComplexTensor acc = null;
                for (int p = 0; p < np; p++) {
                    try (NDManager step = tmp.newSubManager()) {
                        ComplexTensor g = block(step, p, range(start, stop)); // (FM, nc)
                        ComplexTensor yp = yf.get(":, {}, :", p).attach(step);
                        acc = plus(acc, yp.matMul(g.conj()), tmp); // (B, nc)
                    }
                }
                perChunk.add(acc);
            }
            return joined(perChunk, l -> NDArrays.concat(l, 1), batch.addAll(domainShape()), owner);
        }
    }

    /** {@code acc + part} ({@code part} if {@code acc} is null), attached to {@code keep}. */
    private static ComplexTensor plus(ComplexTensor acc, ComplexTensor part, NDManager keep) {
        ComplexTensor sum = acc == null ? part : acc.add(part);
        sum.attach(keep);
        return sum;
    }

    /**
     * The real parts of {@code parts} joined by {@code join}, likewise their imaginary parts, both
     * reshaped to {@code out} and attached to {@code owner}.
     */
    private static ComplexTensor joined(
            List<ComplexTensor> parts, Function<NDList, NDArray> join, Shape out, NDManager owner) {
        NDList re = new NDList();
        NDList im = new NDList();
        for (ComplexTensor p : parts) {
            re.add(p.re());
            im.add(p.im());
        }
        NDArray r = join.apply(re).reshape(out);
        NDArray i = join.apply(im).reshape(out);
        return ComplexTensor.of(r, i).attach(owner);
    }

    /**
     * This operator as an explicit matrix, {@code G[(p, f, m2, m1), q]} of shape (P F M2 M1, N)
     * with {@code q} the C-order scene index, owned by {@code manager}: the same blocks {@link
     * #forward} forms chunk by chunk, kept instead of dropped. A fixed geometry's exact model is a
     * fixed linear map, so a simulator that applies it to many scenes builds this once and applies
     * it as one matrix product per batch ({@link Dense}). Memory: P F M2 M1 N complex values (0.8
     * GB in complex64 for {@code small}).
     */
    public Dense toDense(NDManager manager) {
        long npix = domainShape().size();
        int np = geometry.numPairs();
        NDList re = new NDList();
        NDList im = new NDList();
        try (NDManager tmp = manager.newSubManager()) {
            for (int p = 0; p < np; p++) {
                for (long start = 0; start < npix; start += chunk) {
                    long stop = Math.min(npix, start + chunk);
                    try (NDManager step = tmp.newSubManager()) {
                        ComplexTensor g = block(step, p, range(start, stop)); // (FM, nc)
                        g.attach(tmp);
                        re.add(g.re());
                        im.add(g.im());
                    }
                }
            }
            int perPair = re.size() / np;
            NDList rows = new NDList();
            NDList rowsIm = new NDList();
            for (int p = 0; p < np; p++) {
                rows.add(
                        NDArrays.concat(new NDList(re.subList(p * perPair, (p + 1) * perPair)), 1));
                rowsIm.add(
                        NDArrays.concat(new NDList(im.subList(p * perPair, (p + 1) * perPair)), 1));
            }
            ComplexTensor matrix =
                    ComplexTensor.of(NDArrays.concat(rows, 0), NDArrays.concat(rowsIm, 0));
            matrix.attach(manager);
            return new Dense(matrix, domainShape(), rangeShape());
        }
    }

    /**
     * The indices (C order) of the scene points where some sample of {@code xf} (B, npix) is not
     * zero; all of them if none is zero.
     */
    private static long[] support(ComplexTensor xf) {
        try (NDArray a2 = xf.abs2();
                NDArray any = a2.sum(new int[] {0});
                NDArray nz = any.gt(0);
                NDArray idx = nz.nonzero()) {
            long[] s = idx.toType(DataType.INT64, false).toLongArray();
            return s.length == 0 ? new long[] {0} : s;
        }
    }

    private static long[] range(long start, long stop) {
        long[] r = new long[(int) (stop - start)];
        for (int i = 0; i < r.length; i++) {
            r[i] = start + i;
        }
        return r;
    }

    /**
     * The block {@code G[(f, m2, m1), q]} of pair {@code p} for the scene points {@code points}
     * (C-order indices), in {@code step}.
     */
    private ComplexTensor block(NDManager step, int p, long[] points) {
        int nc = points.length;
        double[] q = pointCoordinates(points);
        double[] e = elementCoordinates(p);
        double[] t = geometry.tx()[p];
        NDArray qa = step.create(q, new Shape(1, nc, 3));
        NDArray ea = step.create(e, new Shape(e.length / 3, 1, 3));
        NDArray ta = step.create(t, new Shape(1, 1, 3));
        NDArray rt = qa.sub(ta).square().sum(new int[] {2}).sqrt(); // (1, nc)
        NDArray rr = qa.sub(ea).square().sum(new int[] {2}).sqrt(); // (M, nc)
        NDArray amp = rt.mul(rr).mul(4 * Math.PI).pow(-1); // (M, nc)
        NDArray phase = rt.add(rr).mul(k).neg(); // (F, M, nc), owned by step
        DataType dt = dataType();
        long fm = phase.getShape().size() / nc;
        NDArray gr = phase.cos().mul(amp).toType(dt, false).reshape(fm, nc);
        NDArray gi = phase.sin().mul(amp).toType(dt, false).reshape(fm, nc);
        gr.attach(step);
        gi.attach(step);
        return ComplexTensor.of(gr, gi);
    }

    /** Coordinates (x, y, z) of the scene points with C-order indices {@code points}. */
    private double[] pointCoordinates(long[] points) {
        int n = points.length;
        double[] xs = geometry.x();
        double[] ys = geometry.y();
        double[] zs = geometry.isVolume() ? geometry.z() : new double[] {geometry.r0()};
        int n1 = xs.length;
        int n2 = ys.length;
        double[] q = new double[3 * n];
        for (int i = 0; i < n; i++) {
            long idx = points[i];
            int i1 = (int) (idx % n1);
            int i2 = (int) ((idx / n1) % n2);
            int i3 = (int) (idx / ((long) n1 * n2));
            q[3 * i] = xs[i1];
            q[3 * i + 1] = ys[i2];
            q[3 * i + 2] = zs[i3];
        }
        return q;
    }

    /** Coordinates of pair {@code p}'s receive elements, index {@code m2 * M1 + m1}. */
    private double[] elementCoordinates(int p) {
        double[] r = geometry.rx()[p];
        double[] us = geometry.u();
        double[] vs = geometry.v();
        double[] e = new double[3 * us.length * vs.length];
        int i = 0;
        for (double v : vs) {
            for (double u : us) {
                e[i++] = r[0] + u;
                e[i++] = r[1] + v;
                e[i++] = r[2];
            }
        }
        return e;
    }
}
