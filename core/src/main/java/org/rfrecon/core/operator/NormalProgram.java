package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An operator's normal map {@code A^H A} as TorchScript, for compiled loops ({@link
 * org.rfrecon.core.script.TorchScriptProgram}): {@code source} defines the free function
 *
 * <pre>
 *   def normal(x: Tensor, f: List[Tensor]) -&gt; Tensor
 * </pre>
 *
 * which maps a complex64 scene {@code x} of the operator's domain shape (with leading batch axes
 * where {@code batched}) to {@code A^H A x}, given the operator's native complex factors {@code
 * factors} as {@code f}. The factors belong to the operator; a program only reads them. The map
 * computes what {@link LinearOperator#normal} computes, in the same products, up to float32
 * rounding. The stacked form ({@link LinearOperator#stackedNormalProgram}) defines {@code
 * normal_stacked} and its layout functions instead, on real stacked arrays and real factors.
 *
 * @param source the TorchScript source of {@code normal}
 * @param factors the complex64 factors it takes, in its order
 * @param batched whether {@code normal} takes leading batch axes (a batch of scenes, each mapped
 *     alone); where not, it takes one scene of the domain shape
 */
public record NormalProgram(String source, List<NDArray> factors, boolean batched) {

    /** Copies the list. */
    public NormalProgram {
        factors = List.copyOf(factors);
    }
}
