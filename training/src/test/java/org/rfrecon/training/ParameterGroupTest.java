package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.script.TorchScriptProgram;
import org.rfrecon.core.testing.Seeds;

/**
 * The group operations between training steps: the fused (compiled, multi-tensor) Adam update is
 * the per-parameter one element for element, resumes bit for bit, and zeroing and the finiteness
 * check do what the Java loops do, with compiled programs on and off.
 */
class ParameterGroupTest {

    private static final Shape[] SHAPES = {new Shape(4, 3), new Shape(5), new Shape(2, 2, 3)};

    /** Fresh parameters (values from {@code rng}) that require gradients. */
    private static ParameterGroup group(NDManager m, Random rng) {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            Parameter p =
                    Parameter.builder().setName("w" + i).setType(Parameter.Type.WEIGHT).build();
            NDArray a = values(m, SHAPES[i], rng);
            a.setRequiresGradient(true);
            p.setArray(a);
            ps.add(p);
        }
        return ParameterGroup.of(ps);
    }

    private static NDArray values(NDManager m, Shape s, Random rng) {
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return m.create(v, s);
    }

    /** Sets the gradient of each parameter to the matching array of {@code grads}. */
    private static void backward(ParameterGroup g, List<NDArray> grads) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < grads.size(); i++) {
                NDArray term = g.parameters().get(i).getArray().mul(grads.get(i)).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
    }

    private static List<NDArray> gradients(NDManager m, Random rng) {
        List<NDArray> grads = new ArrayList<>();
        for (Shape s : SHAPES) {
            grads.add(values(m, s, rng));
        }
        return grads;
    }

    private static ResumableAdam adam() {
        return ResumableAdam.builder()
                .optLearningRateTracker(Tracker.fixed(0.05f))
                .optClipGrad(1.5f)
                .setRescaleGrad(0.7f)
                .build();
    }

    /** Runs {@code steps} steps of gradients drawn from {@code seed}, fused or per parameter. */
    private static void train(
            ResumableAdam opt, ParameterGroup g, NDManager m, long seed, int steps, boolean fused) {
        Random rng = new Random(seed);
        for (int k = 0; k < steps; k++) {
            try (NDManager step = m.newSubManager()) {
                g.zeroGradients(step);
                backward(g, gradients(step, rng));
                if (fused) {
                    opt.updateAll(g, step);
                } else {
                    for (Parameter p : g.parameters()) {
                        NDArray w = p.getArray();
                        opt.update(p.getId(), w, w.getGradient());
                    }
                }
            }
        }
    }

    private static float[][] values(ParameterGroup g) {
        float[][] v = new float[SHAPES.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = g.parameters().get(i).getArray().toFloatArray();
        }
        return v;
    }

    @Test
    void fusedUpdateIsThePerParameterUpdate() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterGroup fused = group(m, new Random(seed));
            ParameterGroup plain = group(m, new Random(seed));
            float[][] start = values(fused);
            train(adam(), fused, m, seed + 1, 12, true);
            train(adam(), plain, m, seed + 1, 12, false);
            float[][] a = values(fused);
            float[][] b = values(plain);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(b[i], a[i], 0f, "seed " + seed + ", parameter " + i);
                // the updates moved the weights: the comparison is not of two untouched arrays
                assertFalse(java.util.Arrays.equals(start[i], a[i]), "seed " + seed);
            }
        }
    }

    @Test
    void fusedUpdateResumesExactly() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterGroup straight = group(m, new Random(seed));
            ParameterGroup resumed = group(m, new Random(seed));
            ResumableAdam one = adam();
            train(one, straight, m, seed + 1, 10, true);
            ResumableAdam first = adam();
            train(first, resumed, m, seed + 1, 4, true);
            ResumableAdam second = adam();
            // the checkpoint keys the state by parameter id; both groups' ids are their own
            second.importState(first.exportState(m), m);
            Random rest = new Random(seed + 1);
            for (int k = 0; k < 4; k++) {
                gradients(m, rest).forEach(NDArray::close); // the gradients the first run used
            }
            for (int k = 4; k < 10; k++) {
                try (NDManager step = m.newSubManager()) {
                    resumed.zeroGradients(step);
                    backward(resumed, gradients(step, rest));
                    second.updateAll(resumed, step);
                }
            }
            float[][] a = values(straight);
            float[][] b = values(resumed);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0f, "seed " + seed + ", parameter " + i);
            }
        }
    }

    @Test
    void zeroingAndTheFinitenessCheckAgreeWithAndWithoutPrograms() throws Exception {
        long seed = Seeds.fresh();
        for (boolean compiled : new boolean[] {true, false}) {
            TorchScriptProgram.withEnabled(
                    compiled,
                    () -> {
                        try (NDManager m = NDManager.newBaseManager()) {
                            Random rng = new Random(seed);
                            ParameterGroup g = group(m, rng);
                            List<NDArray> grads = gradients(m, rng);
                            backward(g, grads);
                            assertTrue(g.gradientsFinite(m), "finite gradients, seed " + seed);
                            float[] bad = grads.get(2).toFloatArray();
                            bad[rng.nextInt(bad.length)] =
                                    rng.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY;
                            grads.set(2, m.create(bad, SHAPES[2]));
                            g.zeroGradients(m);
                            backward(g, grads);
                            assertFalse(g.gradientsFinite(m), "one bad entry, seed " + seed);
                            g.zeroGradients(m);
                            for (Parameter p : g.parameters()) {
                                NDArray grad = p.getArray().getGradient();
                                assertEquals(0.0, grad.abs().sum().getFloat(), 0.0);
                            }
                            assertTrue(g.gradientsFinite(m), "zeroed, seed " + seed);
                        }
                        return null;
                    });
        }
    }
}
