package org.rfrecon.core.operator;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * A complex linear map {@code A} between tensors of fixed shapes, applied matrix-free.
 *
 * <p>Inputs may carry any number of leading batch axes: {@code forward} takes {@code (...,
 * domainShape)} and returns {@code (..., rangeShape)}; {@code adjoint} the reverse. The adjoint is
 * part of the contract, never optional: every implementation passes the shared dot test {@code <A
 * x, y> = <x, A^H y>}.
 *
 * <p>Results are attached to the manager of the input (DJL's rule); the caller owns them.
 */
public interface LinearOperator {

    /** The shape of one input, without batch axes. */
    Shape domainShape();

    /** The shape of one output, without batch axes. */
    Shape rangeShape();

    /** The real dtype of the parts this operator computes in (float32 or float64). */
    DataType dataType();

    /** The device this operator's factors live on; inputs must live there too. */
    Device device();

    /** {@code A x}. */
    ComplexTensor forward(ComplexTensor x);

    /** {@code A^H y}, the exact adjoint of {@link #forward}. */
    ComplexTensor adjoint(ComplexTensor y);

    /** {@code A^H A x}; implementations may fuse the two products. */
    default ComplexTensor normal(ComplexTensor x) {
        try (ComplexTensor ax = forward(x)) {
            return adjoint(ax);
        }
    }

    /**
     * {@code A^H A} as a TorchScript function on native complex64 factors, for loops compiled into
     * one native call, or empty where this operator has none (float64, or a layout without one).
     * The function is made of differentiable complex operations, so a program may run it with
     * autograd recording ({@code CgProgram}) or without ({@code AdmmProgram}).
     */
    default Optional<NormalProgram> normalProgram() {
        return Optional.empty();
    }

    /**
     * {@code A^H A} as TorchScript functions of real operations on stacked tensors, given the
     * operator's real factors; or empty where this operator has none. The source defines four
     * functions: {@code enter(x: Tensor) -> Tensor} takes a stacked (2, batch..., domain) array
     * into the operator's working layout (contiguous), {@code leave(x: Tensor, size: List[int]) ->
     * Tensor} takes it back to {@code size}, {@code normal_stacked(x: Tensor, f: List[Tensor]) ->
     * Tensor} maps an array in the working layout to {@code A^H A} of each complex scene in it, and
     * {@code sample_sums(t: Tensor) -> Tensor} sums an array in the working layout over each
     * scene's elements, parts included, keeping axes so that the sums broadcast against it. The
     * operations are the ones of the operator's own differentiable path, so autograd records the
     * arithmetic of {@link #normal}: a compiled loop that autograd records ({@code CgProgram}) uses
     * it where the complex form's backward would cost more.
     */
    default Optional<NormalProgram> stackedNormalProgram() {
        return Optional.empty();
    }

    /** The operator {@code A^H}, sharing this operator's factors. */
    default LinearOperator adjointOperator() {
        return Operators.adjoint(this);
    }
}
