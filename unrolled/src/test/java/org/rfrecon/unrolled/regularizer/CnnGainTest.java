package org.rfrecon.unrolled.regularizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.unrolled.Architecture;

/**
 * The learned CNN gain (ReZero): at initialisation a gained threshold-CNN computes what the
 * scaled-weights one computes, the gain's gradient matches finite differences, and the flag
 * survives model.json.
 */
class CnnGainTest {

    static final Shape SHAPE = new Shape(2, 2, 12, 12);

    @Test
    void gainedAndScaledBranchesAgreeAtInitialisation() {
        long seed = new Random().nextLong();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = randomInput(m, seed);
            NDArray scaled = forward(m, seed, false, v);
            NDArray gained = forward(m, seed, true, v);
            double diff = scaled.sub(gained).abs().max().getDouble();
            double size = scaled.abs().max().getDouble();
            assertTrue(size > 0, "the regularizer returned zeros");
            assertTrue(diff <= 1e-12 * size, "gained vs scaled differ by " + diff);
        }
    }

    @Test
    void gainGradientMatchesFiniteDifferences() {
        long seed = new Random().nextLong();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray v = randomInput(m, seed);
            ThresholdCnn net = network(m, seed, true);
            Parameter gain = gainOf(net);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray weights = m.randomNormal(SHAPE, DataType.FLOAT64);
            double analytic;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = net.forward(ps, new NDList(v), true).head();
                gc.backward(out.mul(weights).sum());
                analytic = gain.getArray().getGradient().getDouble(0);
            }
            double h = 1e-6;
            double[] f = new double[2];
            for (int s = 0; s < 2; s++) {
                NDArray g = gain.getArray();
                double[] values = g.toDoubleArray();
                values[0] += (s == 0 ? h : -h);
                g.set(values);
                NDArray out = net.forward(ps, new NDList(v), false).head();
                f[s] = out.mul(weights).sum().getDouble();
                values[0] -= (s == 0 ? h : -h);
                g.set(values);
            }
            double numeric = (f[0] - f[1]) / (2 * h);
            assertTrue(Math.abs(numeric) > 1e-6, "the gain has no effect: " + numeric);
            assertEquals(numeric, analytic, 1e-6 * Math.max(1, Math.abs(numeric)));
        }
    }

    @Test
    void architectureRecordsTheGain() {
        Architecture a =
                Architecture.builder()
                        .optStages(4)
                        .optCnnDepth(5)
                        .optCnnDilated(true)
                        .optCnnGain(true)
                        .build();
        JsonObject o = a.toJson();
        assertEquals(a, Architecture.fromJson(o));
        o.remove("cnn_gain"); // model.json files written before the gain existed
        assertEquals(false, Architecture.fromJson(o).cnnGain());
    }

    private static NDArray forward(NDManager m, long seed, boolean gain, NDArray v) {
        ThresholdCnn net = network(m, seed, gain);
        return net.forward(new ParameterStore(m, false), new NDList(v), false).head();
    }

    /** A two-stage threshold-CNN whose convolutions are drawn from {@code seed}. */
    private static ThresholdCnn network(NDManager m, long seed, boolean gain) {
        return network(m, seed, gain, false);
    }

    /** The same, with or without a magnitude-mask branch (drawn after the other branches). */
    static ThresholdCnn network(NDManager m, long seed, boolean gain, boolean mask) {
        ai.djl.util.RandomUtils.RANDOM.setSeed(seed);
        m.getEngine().setRandomSeed((int) seed);
        ThresholdCnn net =
                new ThresholdCnn(
                        2, false, 0.05, new ConvStack(3, 4, false, false), 0.3, gain, mask);
        net.initialize(m, DataType.FLOAT64, SHAPE);
        return net;
    }

    private static Parameter gainOf(ThresholdCnn net) {
        return net.getParameters().stream()
                .filter(p -> p.getKey().endsWith("gain"))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    static NDArray randomInput(NDManager m, long seed) {
        m.getEngine().setRandomSeed((int) (seed ^ 0x5DEECE66DL));
        return m.randomNormal(SHAPE, DataType.FLOAT64);
    }
}
