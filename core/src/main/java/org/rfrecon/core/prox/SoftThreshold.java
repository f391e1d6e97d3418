package org.rfrecon.core.prox;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;

/**
 * The complex soft threshold, the proximal map of {@code lambda ||x||_1 = lambda sum |x_i|}: it
 * shrinks each modulus by {@code tau = gamma lambda} and keeps the phase,
 *
 * <pre>
 *   prox(v)_i = v_i * max(0, |v_i| - tau) / |v_i|
 * </pre>
 *
 * <p>The modulus is computed as {@code sqrt(|v|^2 + eps^2)} with a tiny {@code eps} so that the map
 * and its gradient stay finite at 0 (the unrolled network differentiates through it); the
 * difference from the exact map is below {@code eps}.
 */
public final class SoftThreshold implements Prox {

    /** The smoothing of the modulus at zero. */
    public static final double EPS = 1e-30;

    private final double lambda;

    /** The prox of {@code lambda ||x||_1}. */
    public SoftThreshold(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException(
                    "soft threshold: lambda must be >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public ComplexTensor prox(ComplexTensor v, double gamma) {
        // made on the device (no host copy: a GPU loop is not synchronised per iteration)
        try (NDArray tau = Scalars.constant(v.re(), gamma * lambda)) {
            return apply(v, tau);
        }
    }

    /**
     * Soft thresholding with a threshold array {@code tau} that broadcasts against {@code v} (a
     * learned, differentiable threshold in the unrolled network).
     */
    public static ComplexTensor apply(ComplexTensor v, NDArray tau) {
        NDArray abs2 = v.abs2();
        // eps^2 = 1e-60 underflows to 0 in float32, where 0/0 would give NaN at v = 0: use the
        // float32-representable 1e-30 there (modulus error below 1e-15).
        double eps2 = v.getDataType() == DataType.FLOAT64 ? EPS * EPS : 1e-30;
        // the constant made on the device: add(Number) would copy a host scalar, a GPU stall
        NDArray mod;
        try (NDArray e = Scalars.constant(abs2, eps2)) {
            mod = abs2.add(e).sqrt();
        }
        // relu, not maximum(0): autograd would keep maximum's Java-backed 0 (Scalars#constant)
        NDArray gain = Activation.relu(mod.sub(tau)).div(mod);
        return v.scale(gain);
    }

    /**
     * The map of {@link #apply} on complex64 values with {@code tau = gamma lambda}: the same
     * smoothed modulus (float32's {@code eps^2 = 1e-30}), gain and product.
     */
    @Override
    public Optional<ProxProgram> program() {
        return Optional.of(new ProxProgram(SOURCE, lambda));
    }

    private static final String SOURCE =
            """
            def prox(v: Tensor, gamma: float, parameter: float) -> Tensor:
              re = torch.real(v)
              im = torch.imag(v)
              mod = torch.sqrt(re * re + im * im + 1.0e-30)
              return v * (torch.relu(mod - gamma * parameter) / mod)
            """;

    @Override
    public double value(ComplexTensor x) {
        try (NDArray abs = x.abs();
                NDArray s = abs.sum()) {
            return lambda * Scalars.value(s);
        }
    }
}
