package org.rfrecon.unrolled.regularizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.unrolled.Architecture;

/**
 * The magnitude-mask branch: rotating the input's phase rotates the output by the same phase,
 * scaling the input scales the output, its weights' gradients match finite differences, a
 * threshold-CNN whose mask gain is zero computes what one without the branch computes, and the flag
 * survives model.json.
 */
class MagnitudeMaskTest {

    private static final Shape SHAPE = CnnGainTest.SHAPE;

    @Test
    void rotatingOrScalingTheInputRotatesOrScalesTheOutput() {
        long seed = new Random().nextLong();
        double theta = new Random(seed).nextDouble() * 2 * Math.PI;
        double c = 0.1 + 10 * new Random(~seed).nextDouble();
        try (NDManager m = NDManager.newBaseManager()) {
            MagnitudeMask mask = mask(m, seed, 0.7);
            NDArray v = CnnGainTest.randomInput(m, seed);
            NDArray out = forward(m, mask, v);
            double size = out.abs().max().getDouble();
            double change = out.sub(v).abs().max().getDouble();
            assertTrue(change > 1e-3 * size, "the branch changed nothing: " + change);
            double rotated =
                    forward(m, mask, rotate(v, theta))
                            .sub(rotate(out, theta))
                            .abs()
                            .max()
                            .getDouble();
            assertTrue(rotated <= 1e-10 * size, "not phase-equivariant: " + rotated);
            double scaled = forward(m, mask, v.mul(c)).sub(out.mul(c)).abs().max().getDouble();
            assertTrue(scaled <= 1e-10 * c * size, "not homogeneous: " + scaled);
        }
    }

    @Test
    void mapWeightGradientMatchesFiniteDifferences() {
        long seed = new Random().nextLong();
        try (NDManager m = NDManager.newBaseManager()) {
            MagnitudeMask mask = mask(m, seed, 0.7);
            NDArray v = CnnGainTest.randomInput(m, seed);
            NDArray weights = m.randomNormal(SHAPE, DataType.FLOAT64);
            // the map's first layer sees only non-negative magnitudes, so a draw can leave one
            // of its channels dead under the ReLU: check the output layer of stage 0 (the stage a
            // block's own forward runs), at its largest entry
            Parameter first =
                    mask.getParameters().stream()
                            .filter(
                                    p ->
                                            p.getKey().contains("stage0")
                                                    && p.getKey().endsWith("weight"))
                            .reduce((a, b) -> b)
                            .orElseThrow()
                            .getValue();
            int at;
            ParameterStore ps = new ParameterStore(m, false);
            double analytic;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = mask.forward(ps, new NDList(v), true).head();
                gc.backward(out.mul(weights).sum());
                double[] grad =
                        first.getArray()
                                .getGradient()
                                .toType(DataType.FLOAT64, false)
                                .toDoubleArray();
                at = 0;
                for (int i = 1; i < grad.length; i++) {
                    if (Math.abs(grad[i]) > Math.abs(grad[at])) {
                        at = i;
                    }
                }
                analytic = grad[at];
            }
            double h = 1e-6;
            double[] f = new double[2];
            for (int s = 0; s < 2; s++) {
                NDArray w = first.getArray();
                Shape shape = w.getShape();
                double[] values = w.toDoubleArray();
                values[at] += s == 0 ? h : -h;
                w.set(m.create(values, shape).toByteBuffer());
                f[s] = mask.forward(ps, new NDList(v), false).head().mul(weights).sum().getDouble();
                values[at] -= s == 0 ? h : -h;
                w.set(m.create(values, shape).toByteBuffer());
            }
            double numeric = (f[0] - f[1]) / (2 * h);
            assertTrue(Math.abs(numeric) > 1e-8, "the weight has no effect: " + numeric);
            assertEquals(numeric, analytic, 1e-5 * Math.max(1, Math.abs(numeric)));
        }
    }

    @Test
    void aZeroMaskGainComputesTheThresholdCnnWithoutTheBranch() {
        long seed = new Random().nextLong();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = CnnGainTest.randomInput(m, seed);
            ThresholdCnn plain = CnnGainTest.network(m, seed, true, false);
            ThresholdCnn masked = CnnGainTest.network(m, seed, true, true);
            Parameter gain =
                    masked.getParameters().stream()
                            .filter(p -> p.getKey().contains("mask") && p.getKey().endsWith("gain"))
                            .findFirst()
                            .orElseThrow()
                            .getValue();
            NDArray expected = forward(m, plain, v);
            NDArray withGain = forward(m, masked, v);
            double size = expected.abs().max().getDouble();
            assertTrue(
                    withGain.sub(expected).abs().max().getDouble() > 1e-6 * size,
                    "the mask branch has no effect at its initial gain");
            gain.getArray().muli(0);
            double diff = forward(m, masked, v).sub(expected).abs().max().getDouble();
            assertTrue(diff <= 1e-12 * size, "zero-gain mask vs no mask differ by " + diff);
        }
    }

    @Test
    void architectureRecordsTheMaskAndRefusesItWithoutTheThresholdCnn() {
        Architecture a = Architecture.builder().optCnnGain(true).optCnnMask(true).build();
        JsonObject o = a.toJson();
        assertEquals(true, o.get("cnn_mask").getAsBoolean());
        assertEquals(a, Architecture.fromJson(o));
        o.remove("cnn_mask"); // model.json files of networks without the branch
        assertEquals(false, Architecture.fromJson(o).cnnMask());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Architecture.builder()
                                        .optRegularizer(Architecture.RegularizerKind.CNN)
                                        .optCnnMask(true)
                                        .build());
        assertTrue(e.getMessage().contains("cnn_mask"), e.getMessage());
    }

    private static NDArray forward(NDManager m, AbstractBlock block, NDArray v) {
        return block.forward(new ParameterStore(m, false), new NDList(v), false).head();
    }

    /** {@code v}'s (real, imaginary) channels rotated by {@code theta}. */
    private static NDArray rotate(NDArray v, double theta) {
        NDArray re = v.get(":, 0:1");
        NDArray im = v.get(":, 1:2");
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        return re.mul(c).sub(im.mul(s)).concat(re.mul(s).add(im.mul(c)), 1);
    }

    private static MagnitudeMask mask(NDManager m, long seed, double gain) {
        ai.djl.util.RandomUtils.RANDOM.setSeed(seed);
        m.getEngine().setRandomSeed((int) seed);
        MagnitudeMask mask = new MagnitudeMask(2, false, new ConvStack(3, 4, false, true), gain);
        mask.initialize(m, DataType.FLOAT64, SHAPE);
        return mask;
    }
}
