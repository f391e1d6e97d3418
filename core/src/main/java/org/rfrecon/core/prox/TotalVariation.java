package org.rfrecon.core.prox;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;

/**
 * Isotropic total variation of a complex image over its last two axes (so a volume {@code (N3, N2,
 * N1)} is regularised slice by slice, and leading batch axes are independent):
 *
 * <pre>
 *   TV(x) = sum_{i,j} sqrt(|x[i+1,j] - x[i,j]|^2 + |x[i,j+1] - x[i,j]|^2)
 * </pre>
 *
 * with forward differences and zero difference past the last row and column. Its prox is computed
 * by projected gradient on the dual (Chambolle 2004; Beck and Teboulle 2009, "Fast gradient-based
 * algorithms for constrained total variation image denoising and deblurring", FGP with Nesterov
 * momentum): {@code x = v - t D^T p}, {@code p <- Proj_{|p| <= 1}(q + D(v - t D^T q) / (8 t))}, a
 * fixed number of iterations (default 50), all on the device.
 */
public final class TotalVariation implements Prox {

    private final double lambda;
    private final int iterations;

    /** The prox of {@code lambda TV} with {@code iterations} inner dual iterations. */
    public TotalVariation(double lambda, int iterations) {
        if (!(lambda >= 0) || iterations < 1) {
            throw new IllegalArgumentException(
                    "TV: lambda must be >= 0 and iterations >= 1, got "
                            + lambda
                            + ", "
                            + iterations);
        }
        this.lambda = lambda;
        this.iterations = iterations;
    }

    /** The prox of {@code lambda TV} with 50 inner iterations. */
    public TotalVariation(double lambda) {
        this(lambda, 50);
    }

    @Override
    public ComplexTensor prox(ComplexTensor v, double gamma) {
        double t = gamma * lambda;
        if (t == 0) {
            return v.view();
        }
        NDManager owner = v.getManager();
        try (NDManager m = owner.newSubManager()) {
            ComplexTensor vv = v.view().attach(m);
            // dual variables: horizontal and vertical components of a complex field
            ComplexTensor[] p = {
                ComplexTensor.zeros(m, v.getShape(), v.getDataType()),
                ComplexTensor.zeros(m, v.getShape(), v.getDataType())
            };
            ComplexTensor[] q = {p[0], p[1]};
            double momentum = 1;
            for (int k = 0; k < iterations; k++) {
                try (NDManager it = m.newSubManager()) {
                    ComplexTensor x = vv.sub(adjointGradient(q).scale(t));
                    ComplexTensor[] g = gradient(x);
                    ComplexTensor[] np =
                            project(
                                    q[0].add(g[0].scale(1 / (8 * t))),
                                    q[1].add(g[1].scale(1 / (8 * t))));
                    double next = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
                    double w = (momentum - 1) / next;
                    ComplexTensor[] nq = {
                        np[0].add(np[0].sub(p[0]).scale(w)), np[1].add(np[1].sub(p[1]).scale(w))
                    };
                    for (ComplexTensor c : new ComplexTensor[] {np[0], np[1], nq[0], nq[1]}) {
                        c.attach(m);
                    }
                    p = np;
                    q = nq;
                    momentum = next;
                }
            }
            return vv.sub(adjointGradient(p).scale(t)).attach(owner);
        }
    }

    @Override
    public double value(ComplexTensor x) {
        try (NDManager m = x.getManager().newSubManager()) {
            ComplexTensor[] g = gradient(x.duplicate().attach(m));
            return lambda * Scalars.value(g[0].abs2().add(g[1].abs2()).sqrt().sum());
        }
    }

    /** Forward differences along the last two axes (rows, columns), zero at the far edge. */
    static ComplexTensor[] gradient(ComplexTensor x) {
        return new ComplexTensor[] {diff(x, -2), diff(x, -1)};
    }

    /** {@code D^T (p_rows, p_cols)}: minus the divergence, the adjoint of {@link #gradient}. */
    static ComplexTensor adjointGradient(ComplexTensor[] p) {
        return diffAdjoint(p[0], -2).add(diffAdjoint(p[1], -1));
    }

    // Both parts go through each difference as one stacked (2, ...) array: half the kernels of
    // differencing the real and imaginary parts apart, the same arithmetic element by element.
    private static ComplexTensor diff(ComplexTensor x, int axis) {
        try (NDArray stacked = x.asStacked()) {
            return ComplexTensor.ofStacked(diff(stacked, axis));
        }
    }

    private static NDArray diff(NDArray a, int axis) {
        int n = (int) a.getShape().get(a.getShape().dimension() + axis);
        String lead = axis == -1 ? "..., " : "..., ";
        String tail = axis == -1 ? "" : ", :";
        NDArray next = a.get(lead + "1:" + tail);
        NDArray prev = a.get(lead + ":" + (n - 1) + tail);
        NDArray d = next.sub(prev);
        NDArray zero = a.get(lead + ":1" + tail).zerosLike();
        return NDArrays.concat(new NDList(d, zero), axis);
    }

    /** Adjoint of the forward difference with zero last entry: {@code -(p_k - p_{k-1})}. */
    private static ComplexTensor diffAdjoint(ComplexTensor p, int axis) {
        try (NDArray stacked = p.asStacked()) {
            return ComplexTensor.ofStacked(diffAdjoint(stacked, axis));
        }
    }

    private static NDArray diffAdjoint(NDArray p, int axis) {
        int n = (int) p.getShape().get(p.getShape().dimension() + axis);
        String lead = "..., ";
        String tail = axis == -1 ? "" : ", :";
        // (D^T p)_0 = -p_0; (D^T p)_k = p_{k-1} - p_k for 0 < k < n-1; (D^T p)_{n-1} = p_{n-2}
        NDArray inner = p.get(lead + ":" + (n - 1) + tail); // p_0 .. p_{n-2}
        NDArray zero = p.get(lead + ":1" + tail).zerosLike();
        NDArray shifted = NDArrays.concat(new NDList(zero, inner), axis); // p_{k-1}, 0 at k=0
        NDArray own = NDArrays.concat(new NDList(inner, zero), axis); // p_k, 0 at k=n-1
        return shifted.sub(own);
    }

    /** Projects each pixel's pair {@code (p_rows, p_cols)} onto the complex unit ball. */
    private static ComplexTensor[] project(ComplexTensor pr, ComplexTensor pc) {
        NDArray norm = pr.abs2().add(pc.abs2()).sqrt().maximum(1); // |p| over both components
        try (NDArray r = pr.asStacked();
                NDArray c = pc.asStacked()) {
            return new ComplexTensor[] {
                ComplexTensor.ofStacked(r.div(norm)), ComplexTensor.ofStacked(c.div(norm))
            };
        }
    }
}
