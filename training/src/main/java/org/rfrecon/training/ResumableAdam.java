package org.rfrecon.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rfrecon.core.script.TorchScriptProgram;

/**
 * Adam (Kingma and Ba, 2015) as a DJL {@link Optimizer} whose whole state (first and second
 * moments, step count per parameter) can be exported and restored, so that a resumed training run
 * continues bit for bit. DJL's own {@code Adam} keeps that state private, which is why this class
 * exists; the update rule is the same:
 *
 * <pre>
 *   t <- t + 1;  m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
 *   w <- w - lr(t) * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * <p>Moments live on the parameter's device in the parameter's dtype; the update is in place on the
 * weight and runs outside any gradient collector (DJL's {@code Trainer.step} convention).
 */
public final class ResumableAdam extends Optimizer {

    private final Tracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private final Map<String, Integer> steps = new HashMap<>();

    /**
     * {@link #update} on lists of parameters, in the same order of operations: {@code g * rescale}
     * (clipped when {@code clip > 0}), then {@code m = m b1 + g (1 - b1)}, {@code v = v b2 + g^2 (1
     * - b2)}, {@code w -= ((m / c1) / (sqrt(v / c2) + eps)) lr}.
     */
    private static final String FUSED =
            """
            class AdamStep(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.AdamStep, ws: List[Tensor], gs: List[Tensor],
                  ms: List[Tensor], vs: List[Tensor], rescale: float, clip: float, b1: float,
                  omb1: float, b2: float, omb2: float, c1: float, c2: float, eps: float,
                  lr: float) -> Tensor:
                g = torch._foreach_mul(gs, rescale)
                if clip > 0.0:
                  g = torch._foreach_clamp_max(torch._foreach_clamp_min(g, -clip), clip)
                torch._foreach_mul_(ms, b1)
                torch._foreach_add_(ms, torch._foreach_mul(g, omb1))
                torch._foreach_mul_(vs, b2)
                torch._foreach_add_(vs, torch._foreach_mul(torch._foreach_mul(g, g), omb2))
                denom = torch._foreach_add(torch._foreach_sqrt(torch._foreach_div(vs, c2)), eps)
                steps = torch._foreach_mul(torch._foreach_div(torch._foreach_div(ms, c1), denom), lr)
                torch._foreach_sub_(ws, steps)
                return ws[0]
            """;

    private ResumableAdam(Builder b) {
        super(b);
        this.learningRate = b.learningRate;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
    }

    /** A builder with DJL's defaults (lr 1e-3, betas 0.9 / 0.999, eps 1e-8). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = steps.merge(parameterId, 1, Integer::sum);
        float lr = learningRate.getNewValue(t);
        NDManager owner = weight.getManager();
        NDArray m = moment(means, parameterId, weight);
        NDArray v = moment(variances, parameterId, weight);
        try (NDScope scope = new NDScope()) {
            NDArray g = grad.mul(rescaleGrad);
            if (clipGrad > 0) {
                g = g.clip(-clipGrad, clipGrad);
            }
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.square().mul(1 - beta2));
            double c1 = 1 - Math.pow(beta1, t);
            double c2 = 1 - Math.pow(beta2, t);
            NDArray denom = v.div(c2).sqrt().add(epsilon);
            weight.subi(m.div(c1).div(denom).mul(lr));
        }
        m.attach(owner);
        v.attach(owner);
    }

    /**
     * One update of every parameter of {@code group} that has a gradient: the arithmetic of {@link
     * #update} on each, element for element, as one compiled program over the group's lists of
     * weights, gradients and moments (PyTorch's multi-tensor {@code _foreach} kernels, the form its
     * own Adam takes on GPUs) where the parameters share a step count, and per parameter otherwise
     * or with compiled programs off ({@link TorchScriptProgram#enabled}).
     *
     * @param group the parameters to update, in a fixed order
     * @param scratch owns the step's temporary handles
     */
    void updateAll(ParameterGroup group, NDManager scratch) {
        try (NDManager step = scratch.newSubManager()) {
            ParameterGroup.Gradients gradients = group.gradients(step);
            NDList grads = gradients.arrays();
            if (grads.isEmpty()) {
                return;
            }
            List<String> ids = new ArrayList<>(grads.size());
            NDList weights = new NDList(grads.size());
            for (Parameter p : gradients.parameters()) {
                ids.add(p.getId());
                weights.add(p.getArray());
            }
            int t = steps.getOrDefault(ids.get(0), 0) + 1;
            DataType dtype = weights.get(0).getDataType();
            Device device = weights.get(0).getDevice();
            boolean fused =
                    TorchScriptProgram.enabled()
                            && ids.stream().allMatch(id -> steps.getOrDefault(id, 0) + 1 == t)
                            && weights.stream()
                                    .allMatch(
                                            w ->
                                                    w.getDataType() == dtype
                                                            && w.getDevice().equals(device));
            if (!fused) {
                for (int i = 0; i < ids.size(); i++) {
                    update(ids.get(i), weights.get(i), grads.get(i));
                }
                return;
            }
            NDList ms = new NDList(ids.size());
            NDList vs = new NDList(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                NDArray w = weights.get(i);
                ms.add(moment(means, ids.get(i), w));
                vs.add(moment(variances, ids.get(i), w));
                steps.put(ids.get(i), t);
            }
            float lr = learningRate.getNewValue(t);
            TorchScriptProgram.compile("AdamStep", FUSED)
                    .call(
                            step,
                            weights,
                            grads,
                            ms,
                            vs,
                            (double) rescaleGrad,
                            (double) clipGrad,
                            (double) beta1,
                            (double) (1 - beta1),
                            (double) beta2,
                            (double) (1 - beta2),
                            1 - Math.pow(beta1, t),
                            1 - Math.pow(beta2, t),
                            (double) epsilon,
                            (double) lr);
        }
    }

    /** The moment array of a parameter, made (zeros, on the weight's manager) on first use. */
    private static NDArray moment(Map<String, NDArray> moments, String id, NDArray weight) {
        return moments.computeIfAbsent(id, k -> weight.zerosLike());
    }

    /**
     * The optimizer state as arrays named {@code m:<id>} and {@code v:<id>} (copies, in {@code
     * manager}), plus the step counts by parameter id.
     */
    public State exportState(NDManager manager) {
        NDList arrays = new NDList();
        for (String id : new TreeMap<>(means).keySet()) {
            NDArray m = means.get(id).duplicate();
            m.setName("m:" + id);
            NDArray v = variances.get(id).duplicate();
            v.setName("v:" + id);
            arrays.add(m.toDevice(manager.getDevice(), false));
            arrays.add(v.toDevice(manager.getDevice(), false));
        }
        arrays.attach(manager);
        return new State(arrays, new TreeMap<>(steps));
    }

    /**
     * Restores a state exported by {@link #exportState}; moments are copied onto {@code manager}.
     */
    public void importState(State state, NDManager manager) {
        means.clear();
        variances.clear();
        steps.clear();
        for (NDArray a : state.arrays()) {
            String name = a.getName();
            if (name == null || name.length() < 3 || name.charAt(1) != ':') {
                throw new IllegalArgumentException("optimizer state array without a name: " + a);
            }
            NDArray copy = a.toDevice(manager.getDevice(), true);
            copy.attach(manager);
            (name.charAt(0) == 'm' ? means : variances).put(name.substring(2), copy);
        }
        steps.putAll(state.steps());
        if (!means.keySet().equals(variances.keySet()) || !means.keySet().equals(steps.keySet())) {
            throw new IllegalArgumentException(
                    "optimizer state is inconsistent: moments and steps differ");
        }
    }

    /**
     * The exported state of the optimizer.
     *
     * @param arrays first and second moments named {@code m:<id>} and {@code v:<id>}
     * @param steps the number of updates applied to each parameter
     */
    public record State(NDList arrays, Map<String, Integer> steps) {

        /**
         * The same state with parameter keys renamed through {@code names} (DJL parameter ids are
         * per-instance UUIDs; checkpoints key the state by the parameters' path names instead).
         *
         * @throws IllegalArgumentException if a key has no new name
         */
        public State rekey(Map<String, String> names) {
            NDList renamed = new NDList();
            for (NDArray a : arrays) {
                String name = a.getName();
                String key = names.get(name.substring(2));
                if (key == null) {
                    throw new IllegalArgumentException(
                            "optimizer state for unknown parameter '" + name.substring(2) + "'");
                }
                a.setName(name.substring(0, 2) + key);
                renamed.add(a);
            }
            Map<String, Integer> s = new TreeMap<>();
            steps.forEach(
                    (k, v) -> {
                        String key = names.get(k);
                        if (key == null) {
                            throw new IllegalArgumentException(
                                    "optimizer steps for unknown parameter '" + k + "'");
                        }
                        s.put(key, v);
                    });
            return new State(renamed, s);
        }
    }

    /** Builds a {@link ResumableAdam}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Tracker learningRate = Tracker.fixed(1e-3f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {}

        /** The learning-rate tracker (optional; DJL's {@link Tracker}s: fixed, cosine, warm-up). */
        public Builder optLearningRateTracker(Tracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        /** The first-moment decay (optional). */
        public Builder optBeta1(float beta1) {
            this.beta1 = beta1;
            return this;
        }

        /** The second-moment decay (optional). */
        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /** The denominator's epsilon (optional). */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Validates and builds. */
        public ResumableAdam build() {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
                throw new IllegalArgumentException("Adam needs 0 <= beta < 1 and epsilon > 0");
            }
            return new ResumableAdam(this);
        }
    }
}
