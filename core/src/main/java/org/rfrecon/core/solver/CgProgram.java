package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.operator.AbstractLinearOperator;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.NormalProgram;
import org.rfrecon.core.script.TorchScriptProgram;

/**
 * {@link CgXStep#solve} as one compiled TorchScript program: a fixed number of CG iterations on
 * {@code (A^H A + rho I) x = b}, warm-started, for a batch of independent systems (one step length
 * per system, reduced over the operator's domain axes), on native complex64 values with the
 * operator's {@link NormalProgram}. The arithmetic of {@link ConjugateGradients#solve}, in its
 * order, up to float32 rounding:
 *
 * <pre>
 *   r = b - (A^H A x + rho x);  p = r;  rs = ||r||^2
 *   n times:  q = A^H A p + rho p;  alpha = rs / (Re&lt;p, q&gt; + tiny);  x += alpha p
 *             (but the last)  r -= alpha q;  rs+ = ||r||^2;  p = r + (rs+ / (rs + tiny)) p;  rs = rs+
 * </pre>
 *
 * <p>The last iteration's update of {@code r} and {@code p} is skipped: the solution does not
 * depend on it, so results and gradients are the same, and a small K = 10 training step launches
 * about 80 kernels fewer (ten stages of eight).
 *
 * <p>Autograd records the program where its inputs need gradients ({@link
 * TorchScriptProgram#callRecorded}): the unrolled network's x-step is one JNI call forward, and its
 * backward is libtorch's backward of the same operations (complex ones included), with no Java in
 * it.
 */
final class CgProgram {

    private static final String TEMPLATE =
            """
            class CgSolve(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.CgSolve, b0: Tensor, x0: Tensor, rho: Tensor,
                  FACTOR_ARGS) -> Tensor:
                f = [FACTOR_LIST]
                b = torch.complex(b0[0], b0[1])
                x = torch.complex(x0[0], x0[1])
                r = b - (__torch__.normal(x, f) + rho * x)
                p = r
                rs = __torch__.squared_norms(r)
                for k in range(ITERATIONS):
                  q = __torch__.normal(p, f) + rho * p
                  alpha = rs / (__torch__.real_inners(p, q) + TINY)
                  x = x + alpha * p
                  if k + 1 < ITERATIONS:
                    r = r - alpha * q
                    rsn = __torch__.squared_norms(r)
                    p = r + (rsn / (rs + TINY)) * p
                    rs = rsn
                return torch.stack([torch.real(x), torch.imag(x)])
            def real_inners(a: Tensor, b: Tensor) -> Tensor:
              re = torch.real(a) * torch.real(b) + torch.imag(a) * torch.imag(b)
              return torch.sum(re, [DIMS], True)
            def squared_norms(a: Tensor) -> Tensor:
              return __torch__.real_inners(a, a)
            """;

    /**
     * The same loop on stacked real (2, batch..., domain) arrays with the operator's {@link
     * LinearOperator#stackedNormalProgram}: the arithmetic of the Java loop on stacked tensors
     * ({@link ConjugateGradients#solve} with {@code normal(x) + rho x}, {@link
     * org.rfrecon.core.complex.ComplexTensor#realDot}, {@code abs2}), from one JNI call instead of
     * about 130 (an {@code addcmul} for each {@code a + b c} saves 130 kernels of a small K = 10
     * forward and costs 198 more in its backward, so the updates stay two operations). The iterates
     * live in the operator's working layout ({@code enter} on entry, {@code leave} on exit), so the
     * normal products rearrange nothing between them; the per-scene sums ({@code sample_sums}) are
     * over the same elements as the Java loop's, in the layout's order.
     */
    private static final String STACKED_TEMPLATE =
            """
            class CgSolveStacked(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.CgSolveStacked, b: Tensor, x0: Tensor, rho: Tensor,
                  FACTOR_ARGS) -> Tensor:
                f = [FACTOR_LIST]
                bw = __torch__.enter(b)
                x = __torch__.enter(x0)
                r = bw - (__torch__.normal_stacked(x, f) + x * rho)
                p = r
                rs = __torch__.sample_sums(torch.square(r))
                for k in range(ITERATIONS):
                  mp = __torch__.normal_stacked(p, f) + p * rho
                  alpha = rs / (__torch__.sample_sums(p * mp) + TINY)
                  x = x + p * alpha
                  if k + 1 < ITERATIONS:
                    r = r - mp * alpha
                    rsn = __torch__.sample_sums(torch.square(r))
                    p = r + p * (rsn / (rs + TINY))
                    rs = rsn
                return __torch__.leave(x, b.size())
            """;

    private final LinearOperator op;
    private final NormalProgram normal;
    private final int iterations;
    private final TorchScriptProgram program;

    /** What a compiled CG program depends on: one program per distinct key, for the JVM. */
    private record Key(
            String normalSource, int factors, int iterations, int domainDims, boolean stacked) {}

    private static final Map<Key, TorchScriptProgram> PROGRAMS = new ConcurrentHashMap<>();

    private CgProgram(LinearOperator op, NormalProgram normal, int iterations, boolean stacked) {
        this.op = op;
        this.normal = normal;
        this.iterations = iterations;
        // the x-step runs once per stage: the source is built once per key, not per call
        Key key =
                new Key(
                        normal.source(),
                        normal.factors().size(),
                        iterations,
                        op.domainShape().dimension(),
                        stacked);
        this.program = PROGRAMS.computeIfAbsent(key, CgProgram::compile);
    }

    private static TorchScriptProgram compile(Key k) {
        int nd = k.domainDims();
        String source =
                (k.stacked() ? STACKED_TEMPLATE : TEMPLATE)
                        .replace(
                                "FACTOR_ARGS",
                                IntStream.range(0, k.factors())
                                        .mapToObj(i -> "f" + i + ": Tensor")
                                        .collect(Collectors.joining(", ")))
                        .replace(
                                "FACTOR_LIST",
                                IntStream.range(0, k.factors())
                                        .mapToObj(i -> "f" + i)
                                        .collect(Collectors.joining(", ")))
                        .replace("ITERATIONS", Integer.toString(k.iterations()))
                        .replace(
                                "TINY",
                                Double.toString(Float.MIN_NORMAL)
                                        .toLowerCase(java.util.Locale.ROOT))
                        .replace(
                                "DIMS",
                                IntStream.range(0, nd)
                                        .mapToObj(i -> Integer.toString(i - nd))
                                        .collect(Collectors.joining(", ")));
        return TorchScriptProgram.compile(
                k.stacked() ? "CgSolveStacked" : "CgSolve", source + k.normalSource());
    }

    /**
     * The program of a fixed-iteration float32 CG x-step on {@code op}, if it has one: where
     * autograd records, the stacked real form ({@link LinearOperator#stackedNormalProgram}, the
     * Java loop's arithmetic), else on the CPU the complex form; where it does not, the complex
     * form (native complex64 products).
     */
    static Optional<CgProgram> of(LinearOperator op, StoppingRule rule) {
        if (rule.tolerance() > 0 || op.dataType() != DataType.FLOAT32) {
            return Optional.empty();
        }
        int n = rule.maxIterations();
        if (JniUtils.isGradMode()) {
            Optional<NormalProgram> real = op.stackedNormalProgram();
            if (real.isPresent()) {
                return Optional.of(new CgProgram(op, real.get(), n, true));
            }
            // measured on an H200 (docs/benchmarks.md, 2026-12-03): the recorded complex program
            // made the small K = 10 training step slower there (91.7 against 75.9 ms), so GPUs
            // keep the Java loop where the stacked form is missing
            if (op.device().isGpu()) {
                return Optional.empty();
            }
        }
        return op.normalProgram().map(p -> new CgProgram(op, p, n, false));
    }

    /**
     * Whether this program takes {@code rhs} and {@code rho}: any batch where the operator's normal
     * program takes batches, else one system of the domain shape; one penalty for every system (a
     * scalar array: the stacked form keeps its iterates in the operator's layout, which a
     * per-system penalty would not broadcast against).
     */
    boolean accepts(ComplexTensor rhs, NDArray rho) {
        return (normal.batched() || rhs.getShape().equals(op.domainShape()))
                && rho.getShape().size() == 1;
    }

    /**
     * The solution from {@code warmStart} (zero when null), recorded by autograd when grad mode is
     * on; owned by {@code rhs}'s manager.
     */
    ComplexTensor solve(ComplexTensor rhs, NDArray rho, ComplexTensor warmStart) {
        List<NDArray> args = new ArrayList<>();
        try (NDArray b = rhs.asStacked();
                NDArray x =
                        warmStart != null
                                ? warmStart.asStacked()
                                : rhs.getManager().zeros(b.getShape(), b.getDataType())) {
            args.add(b);
            args.add(x);
            args.add(rho);
            args.addAll(normal.factors());
            NDArray[] in = args.toArray(new NDArray[0]);
            // outside inference mode either way: a checkpointed network's recomputation takes
            // the gradient-free pass's results into a recorded one
            NDList out = program.callRecorded(rhs.getManager(), in);
            if (op instanceof AbstractLinearOperator counted) {
                counted.countNormals(iterations + 1L);
            }
            // both forms return a stacked (2, ...) array (the complex one stacks its parts)
            return ComplexTensor.ofStacked(out.singletonOrThrow());
        }
    }
}
