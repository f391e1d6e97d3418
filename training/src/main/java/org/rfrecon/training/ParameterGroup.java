package org.rfrecon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.script.TorchScriptProgram;

/**
 * The trainable parameters of a block, handled as one group between training steps: zeroing their
 * gradients and checking that every gradient is finite each take one native call (a compiled
 * TorchScript program over the list of gradients, with PyTorch's multi-tensor {@code _foreach}
 * kernels) instead of one DJL call per parameter, and {@link ResumableAdam#updateAll} updates the
 * whole group the same way. On a GPU each per-parameter DJL call with a host scalar ({@code
 * set(index, 0)}, {@code mul(0.9)}) is a blocking host-to-device copy, so a step of a network with
 * tens of parameter arrays spent more time there than in its optimizer's arithmetic. With compiled
 * programs off ({@link TorchScriptProgram#enabled}) the same operations run as Java loops.
 */
final class ParameterGroup {

    private static final String ZERO =
            """
            class ZeroGradients(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.ZeroGradients, gs: List[Tensor]) -> Tensor:
                torch._foreach_zero_(gs)
                return gs[0]
            """;

    private static final String FINITE =
            """
            class AllFinite(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.AllFinite, gs: List[Tensor]) -> Tensor:
                total = torch.sum(gs[0])
                for i in range(1, len(gs)):
                  total = total + torch.sum(gs[i])
                return torch.isfinite(total)
            """;

    private final List<Parameter> parameters;

    private ParameterGroup(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** The parameters of {@code block} that require gradients, in the block's order. */
    static ParameterGroup of(Block block) {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            list.add(p.getValue());
        }
        return of(list);
    }

    /** The parameters of {@code list} that require gradients, in its order. */
    static ParameterGroup of(List<Parameter> list) {
        return new ParameterGroup(list.stream().filter(Parameter::requiresGradient).toList());
    }

    /** The parameters, in the block's order. */
    List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameters that have a gradient, in the group's order, with handles to their gradients.
     *
     * @param parameters the parameters with a gradient
     * @param arrays their gradients, in the same order
     */
    record Gradients(List<Parameter> parameters, NDList arrays) {}

    /**
     * The parameters that have a gradient and handles to those gradients, owned by {@code scratch}
     * (closing them leaves the gradients themselves alone).
     */
    Gradients gradients(NDManager scratch) {
        List<Parameter> with = new ArrayList<>(parameters.size());
        NDList grads = new NDList(parameters.size());
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            if (w.hasGradient()) {
                NDArray g = w.getGradient();
                g.attach(scratch);
                with.add(p);
                grads.add(g);
            }
        }
        return new Gradients(with, grads);
    }

    /**
     * Sets every gradient to zero (in place: autograd accumulates into the same arrays). A set, not
     * {@code g - g}: a NaN left by a skipped step must not survive the reset.
     */
    void zeroGradients(NDManager parent) {
        try (NDManager scratch = parent.newSubManager()) {
            NDList grads = gradients(scratch).arrays();
            if (grads.isEmpty()) {
                return;
            }
            if (TorchScriptProgram.enabled()) {
                TorchScriptProgram.compile("ZeroGradients", ZERO).call(scratch, grads);
            } else {
                for (NDArray g : grads) {
                    g.set(new NDIndex("..."), 0);
                }
            }
        }
    }

    /**
     * Whether every gradient is finite: one reduction on the device and one scalar read, so that a
     * step that produced NaN or infinity is skipped instead of poisoning the parameters.
     */
    boolean gradientsFinite(NDManager parent) {
        try (NDManager scratch = parent.newSubManager()) {
            NDList grads = gradients(scratch).arrays();
            if (grads.isEmpty()) {
                return true;
            }
            if (TorchScriptProgram.enabled()) {
                return TorchScriptProgram.compile("AllFinite", FINITE)
                        .call(scratch, grads)
                        .singletonOrThrow()
                        .getBoolean();
            }
            NDArray total = null;
            for (NDArray g : grads) {
                NDArray s = g.sum();
                total = total == null ? s : total.add(s);
            }
            return Double.isFinite(total.toType(DataType.FLOAT64, false).getDouble());
        }
    }
}
