package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.operator.AbstractLinearOperator;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.NormalProgram;
import org.rfrecon.core.prox.ProxProgram;
import org.rfrecon.core.script.TorchScriptProgram;

/**
 * A run of {@link Admm} iterations with the carried CG x-step ({@link CgXStep#solveShifted}) as one
 * compiled TorchScript program: the operator's {@link NormalProgram}, the regulariser's {@link
 * ProxProgram} and the iteration below, on native complex64 values, in one native call per run of
 * iterations between two host reads. The same arithmetic as the Java loop, in the same order, up to
 * float32 rounding (the inner products are complex dot products, summed in another order):
 *
 * <pre>
 *   b = A^H y + rho (z - u);  r = b - (A^H A x + rho x);  p = r;  rs = ||r||^2
 *   CG iteration k of n:  q = A^H A p;  alpha = rs / (Re&lt;p, q + rho p&gt; + tiny)
 *                         x += alpha p;  A^H A x += alpha q
 *                         (k &lt; n)  r -= alpha (q + rho p);  p = r + (||r||^2 / (rs + tiny)) p
 *   z = prox_{R/rho}(x + u);  u += eta (x - z)
 * </pre>
 *
 * <p>It returns the iterates, the carried {@code A^H A x} and the {@code z} before the run's last
 * iteration (for the dual residual), each as a stacked (2, ...) view of the complex result (no
 * copy), which the next run reads back as complex without a copy: on volume-3d-large each complex
 * vector is 134 MB, and copies at the call boundary would hold five of them twice. Only for
 * unbatched float32 solves with autograd off: the program runs in libtorch's inference mode.
 */
final class AdmmProgram {

    private static final String CLASS_NAME = "AdmmIterations";

    private static final String ITERATIONS =
            """
            class AdmmIterations(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.AdmmIterations, aty: Tensor, x0: Tensor, z0: Tensor,
                  u0: Tensor, ax0: Tensor, f: List[Tensor], rho: float, eta: float, parameter: float,
                  iterations: int, cg: int, tiny: float) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
                gamma = 1.0 / rho
                b0 = __torch__.complex_of(aty)
                x = __torch__.complex_of(x0)
                z = __torch__.complex_of(z0)
                u = __torch__.complex_of(u0)
                ax = __torch__.complex_of(ax0)
                zprev = z
                for _ in range(iterations):
                  zprev = z
                  b = b0 + rho * (z - u)
                  r = b - (ax + rho * x)
                  p = r
                  rs = __torch__.squared_norm(r)
                  for k in range(cg):
                    q = __torch__.normal(p, f)
                    mp = q + rho * p
                    alpha = rs / (__torch__.real_inner(p, mp) + tiny)
                    x = x + alpha * p
                    ax = ax + alpha * q
                    if k + 1 < cg:
                      r = r - alpha * mp
                      rsn = __torch__.squared_norm(r)
                      p = r + (rsn / (rs + tiny)) * p
                      rs = rsn
                  z = __torch__.prox(x + u, gamma, parameter)
                  u = u + eta * (x - z)
                return (__torch__.stacked(x), __torch__.stacked(z), __torch__.stacked(u),
                    __torch__.stacked(ax), __torch__.stacked(zprev))
            def complex_of(a: Tensor) -> Tensor:
              return torch.view_as_complex(torch.movedim(a, 0, -1).contiguous())
            def stacked(c: Tensor) -> Tensor:
              return torch.movedim(torch.view_as_real(c), -1, 0)
            def real_inner(a: Tensor, b: Tensor) -> Tensor:
              return torch.real(torch.vdot(a.reshape([-1]), b.reshape([-1])))
            def squared_norm(a: Tensor) -> Tensor:
              return __torch__.real_inner(a, a)
            """;

    private final LinearOperator op;
    private final NormalProgram normal;
    private final ProxProgram prox;
    private final int cgIterations;
    private final TorchScriptProgram program;

    private AdmmProgram(LinearOperator op, NormalProgram normal, ProxProgram prox, int cg) {
        this.op = op;
        this.normal = normal;
        this.prox = prox;
        this.cgIterations = cg;
        this.program =
                TorchScriptProgram.compile(
                        CLASS_NAME, ITERATIONS + normal.source() + prox.source());
    }

    /**
     * The program of a solver with these parts, or empty where one has none: an operator without a
     * {@link LinearOperator#normalProgram}, a regulariser without a {@link
     * org.rfrecon.core.prox.Prox#program}, an x-step other than a fixed-iteration {@link CgXStep}
     * on the same operator.
     */
    static Optional<AdmmProgram> of(
            LinearOperator op, org.rfrecon.core.prox.Prox regularizer, XStep xStep) {
        if (!(xStep instanceof CgXStep cg)
                || cg.op() != op
                || cg.rule().tolerance() > 0
                || op.dataType() != DataType.FLOAT32) {
            return Optional.empty();
        }
        Optional<NormalProgram> n = op.normalProgram();
        Optional<ProxProgram> p = regularizer.program();
        if (n.isEmpty() || p.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AdmmProgram(op, n.get(), p.get(), cg.rule().maxIterations()));
    }

    /** Whether this solve can run here: one scene of the operator's domain, autograd off. */
    boolean applies(ComplexTensor aty) {
        return aty.getShape().equals(op.domainShape()) && !JniUtils.isGradMode();
    }

    /**
     * The iterates after {@code iterations} iterations from {@code s}, owned by {@code manager}.
     *
     * @param aty {@code A^H y}
     * @param s the iterates (not closed)
     * @param normalX {@code A^H A x} of {@code s.x()} (not closed)
     * @param rho the penalty
     * @param eta the dual step
     * @param iterations how many iterations (at least 1)
     */
    Run run(
            ComplexTensor aty,
            AdmmState s,
            ComplexTensor normalX,
            double rho,
            double eta,
            int iterations,
            NDManager manager) {
        NDList out;
        try (NDArray b = aty.asStacked();
                NDArray x = s.x().asStacked();
                NDArray z = s.z().asStacked();
                NDArray u = s.u().asStacked();
                NDArray ax = normalX.asStacked()) {
            out =
                    program.call(
                            manager,
                            b,
                            x,
                            z,
                            u,
                            ax,
                            normal.factors(),
                            rho,
                            eta,
                            prox.parameter(),
                            iterations,
                            cgIterations,
                            (double) Float.MIN_NORMAL);
        }
        if (op instanceof AbstractLinearOperator counted) {
            counted.countNormals((long) iterations * cgIterations);
        }
        return new Run(
                new AdmmState(
                        ComplexTensor.ofStacked(out.get(0)),
                        ComplexTensor.ofStacked(out.get(1)),
                        ComplexTensor.ofStacked(out.get(2))),
                ComplexTensor.ofStacked(out.get(3)),
                ComplexTensor.ofStacked(out.get(4)));
    }

    /**
     * What a run returns.
     *
     * @param iterates the new {@code x}, {@code z}, {@code u}
     * @param normalX {@code A^H A x} of the new {@code x}
     * @param previousZ {@code z} before the run's last iteration
     */
    record Run(AdmmState iterates, ComplexTensor normalX, ComplexTensor previousZ) {}
}
