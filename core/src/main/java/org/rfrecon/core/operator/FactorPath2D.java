package org.rfrecon.core.operator;

import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * One way {@link Kronecker2D} applies its factors: {@link NativeComplex2D} (native complex64,
 * gradient-free float32 work on a GPU) or {@link BlockPairs2D} (block-real pairs, everything else).
 * Both give the same map; they differ in speed and in whether autograd can record them.
 */
interface FactorPath2D {

    /** Forward map of {@code x}, batch + (N2, N1), to batch + (P, F, M2, M1). */
    ComplexTensor forward(ComplexTensor x, Shape batch, Shape range, Shape domain);

    /** Adjoint map of {@code y}, batch + (P, F, M2, M1), to batch + (N2, N1). */
    ComplexTensor adjoint(ComplexTensor y, Shape batch, Shape range, Shape domain);
}
