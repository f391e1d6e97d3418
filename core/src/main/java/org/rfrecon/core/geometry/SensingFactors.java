package org.rfrecon.core.geometry;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The Kronecker factors of the Fresnel sensing model, SPEC §1: {@code A1} (P, F, M1, N1), {@code
 * A2} (P, F, M2, N2), {@code s} (P, F) and, for volumes, {@code A3} (P, F, N3).
 *
 * <p>{@link #fresnel} evaluates the SPEC formulas on the device: the quadratic path terms are
 * summed on the host in float64 (P x M x N values), the phases {@code k_f * q} and their cosines
 * and sines are computed in float64 on the device, and only then cast to the requested dtype, so
 * float32 factors carry no phase-wrapping error. The factors belong to the manager given.
 *
 * @param a1 the x factor
 * @param a2 the y factor
 * @param a3 the range factor (volumes only)
 * @param s the per-pair, per-subcarrier scalars
 */
public record SensingFactors(
        ComplexTensor a1, ComplexTensor a2, Optional<ComplexTensor> a3, ComplexTensor s)
        implements AutoCloseable {

    /** Builds the Fresnel factors of {@code g} in {@code manager} with real dtype {@code dtype}. */
    public static SensingFactors fresnel(Geometry g, NDManager manager, DataType dtype) {
        int p = g.numPairs();
        int f = g.numFrequencies();
        double r0 = g.r0();
        try (NDManager tmp = manager.newSubManager()) {
            NDArray k = wavenumbers(g, tmp); // (F)
            NDArray kq = k.reshape(1, f, 1, 1);
            ComplexTensor a1 = axisFactor(g, 0, kq, dtype, tmp, manager);
            ComplexTensor a2 = axisFactor(g, 1, kq, dtype, tmp, manager);
            // s[p,f] = pathloss_p * exp(-j k_f 2 R0)
            double[] loss = new double[p];
            for (int i = 0; i < p; i++) {
                loss[i] = g.pathloss(i);
            }
            NDArray phase = k.mul(-2 * r0).reshape(1, f);
            NDArray amp = tmp.create(loss).reshape(p, 1);
            ComplexTensor s =
                    ComplexTensor.of(
                            amp.mul(phase.cos()).toType(dtype, false),
                            amp.mul(phase.sin()).toType(dtype, false));
            s.attach(manager);
            Optional<ComplexTensor> a3 = Optional.empty();
            if (g.isVolume()) {
                // A3[p,f,n3] = exp(-j k_f 2 (z[n3] - R0)), the same for every pair.
                double[] z = g.z();
                double[] dz = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    dz[i] = 2 * (z[i] - r0);
                }
                NDArray ph = k.reshape(1, f, 1).mul(tmp.create(dz).reshape(1, 1, z.length)).neg();
                NDArray ones = tmp.ones(new Shape(p, 1, 1), DataType.FLOAT64);
                ComplexTensor a3t =
                        ComplexTensor.of(
                                ones.mul(ph.cos()).toType(dtype, false),
                                ones.mul(ph.sin()).toType(dtype, false));
                a3 = Optional.of(a3t.attach(manager));
            }
            return new SensingFactors(a1, a2, a3, s);
        }
    }

    /** The wavenumbers {@code k_f} as a float64 array (F) in {@code manager}. */
    public static NDArray wavenumbers(Geometry g, NDManager manager) {
        double[] freq = g.freq();
        double[] k = new double[freq.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = 2 * Math.PI * freq[i] / Geometry.C0;
        }
        return manager.create(k);
    }

    /**
     * The quadratic path terms {@code ((c[n]-t_p)^2 + (c[n]-r_p-e[m])^2) / (2 R0)} for one axis, as
     * a flat (P, M, N) array.
     */
    private static double[] quadratic(
            double[] c, double[] e, double[][] tx, double[][] rx, int axis, double r0) {
        int p = tx.length;
        double[] q = new double[p * e.length * c.length];
        int i = 0;
        for (int pp = 0; pp < p; pp++) {
            for (double em : e) {
                for (double cn : c) {
                    double dt = cn - tx[pp][axis];
                    double dr = cn - rx[pp][axis] - em;
                    q[i++] = (dt * dt + dr * dr) / (2 * r0);
                }
            }
        }
        return q;
    }

    /**
     * The factor of one axis, {@code A[p,f,m,n] = exp(-j k_f q[p,m,n])} with {@code q} the {@link
     * #quadratic} terms of that axis ({@code 0}: x pixels and u elements, giving {@code A1}; {@code
     * 1}: y and v, giving {@code A2}), as a (P, F, M, N) pair of dtype {@code dtype} owned by
     * {@code owner}.
     */
    private static ComplexTensor axisFactor(
            Geometry g, int axis, NDArray kq, DataType dtype, NDManager tmp, NDManager owner) {
        double[] c = axis == 0 ? g.x() : g.y();
        double[] e = axis == 0 ? g.u() : g.v();
        double[] quad = quadratic(c, e, g.tx(), g.rx(), axis, g.r0());
        NDArray phase = kq.mul(tmp.create(quad).reshape(g.numPairs(), 1, e.length, c.length)).neg();
        ComplexTensor out =
                ComplexTensor.of(
                        phase.cos().toType(dtype, false), phase.sin().toType(dtype, false));
        return out.attach(owner);
    }

    /**
     * The relative error {@code ||f - r|| / ||r||} of each factor of this set against {@code
     * reference}, in float64, keyed by the SPEC §3 names in file order: {@code A1}, {@code A2},
     * {@code s} and (when the reference has it) {@code A3}. A factor missing here counts as error
     * 1.
     *
     * @throws IllegalArgumentException if a factor's shape differs from the reference's
     */
    public Map<String, Double> relativeErrors(SensingFactors reference) {
        Map<String, Double> e = new LinkedHashMap<>();
        e.put("A1", relativeError(a1, reference.a1, "A1"));
        e.put("A2", relativeError(a2, reference.a2, "A2"));
        e.put("s", relativeError(s, reference.s, "s"));
        if (reference.a3.isPresent()) {
            e.put("A3", a3.isPresent() ? relativeError(a3.get(), reference.a3.get(), "A3") : 1.0);
        }
        return e;
    }

    private static double relativeError(ComplexTensor f, ComplexTensor r, String key) {
        if (!f.getShape().equals(r.getShape())) {
            throw new IllegalArgumentException(
                    key + " has shape " + f.getShape() + ", expected " + r.getShape());
        }
        try (NDManager tmp = r.getManager().newSubManager()) {
            ComplexTensor f64 = f.toDevice(r.getDevice()).toType(DataType.FLOAT64).attach(tmp);
            ComplexTensor r64 = r.toType(DataType.FLOAT64).attach(tmp);
            double err = f64.sub(r64).norm2Squared().getDouble();
            double ref = r64.norm2Squared().getDouble();
            return ref > 0 ? Math.sqrt(err / ref) : (err > 0 ? Double.POSITIVE_INFINITY : 0);
        }
    }

    /**
     * The scene shape the factors map from: {@code (N3, N2, N1)} with {@code A3}, else {@code (N2,
     * N1)}.
     */
    public Shape sceneShape() {
        long n2 = a2.getShape().get(3);
        long n1 = a1.getShape().get(3);
        return a3.isPresent() ? new Shape(a3.get().getShape().get(2), n2, n1) : new Shape(n2, n1);
    }

    /** The measurement shape the factors map to, {@code (P, F, M2, M1)}. */
    public Shape measurementShape() {
        Shape s1 = a1.getShape();
        return new Shape(s1.get(0), s1.get(1), a2.getShape().get(2), s1.get(2));
    }

    /** Frees every factor. */
    @Override
    public void close() {
        a1.close();
        a2.close();
        a3.ifPresent(ComplexTensor::close);
        s.close();
    }
}
