package org.rfrecon.unrolled.regularizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.rfrecon.unrolled.Architecture;

/** Dilated CNN regularizers see farther at the same depth, and the flag survives model.json. */
class DilatedCnnTest {

    @Test
    void dilationPatternRisesAndFalls() {
        int[] expected = {1, 2, 4, 8, 4, 2, 1};
        for (int l = 0; l < 7; l++) {
            assertEquals(expected[l], ResidualCnn.dilation(l, 7));
        }
        assertEquals(1, ResidualCnn.dilation(0, 2));
        assertEquals(1, ResidualCnn.dilation(1, 2));
    }

    @Test
    void dilatedImpulseResponseReachesBeyondThePlainOne() {
        int plain = support(false);
        int dilated = support(true);
        assertTrue(plain <= 15, "a plain depth-7 3x3 CNN sees at most 15 pixels, got " + plain);
        assertTrue(dilated > 15, "the dilated CNN must see beyond 15 pixels, got " + dilated);
        assertTrue(dilated <= 45, "the dilated CNN sees at most 45 pixels, got " + dilated);
    }

    /** Width (in pixels along n1) of the response of the residual branch to a centred impulse. */
    private static int support(boolean dilated) {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.util.RandomUtils.RANDOM.setSeed(11);
            m.getEngine().setRandomSeed(11);
            ResidualCnn cnn =
                    new ResidualCnn(1, true, new ConvStack(7, 6, false, dilated), Double.NaN);
            Shape shape = new Shape(1, 2, 64, 64);
            cnn.initialize(m, DataType.FLOAT64, shape);
            float[] impulse = new float[2 * 64 * 64];
            impulse[32 * 64 + 32] = 1f; // real part at (32, 32)
            impulse[64 * 64 + 32 * 64 + 32] = -0.5f; // imaginary part
            NDArray x = m.create(impulse, shape).toType(DataType.FLOAT64, false);
            NDArray out = cnn.forward(new ParameterStore(m, false), new NDList(x), false).head();
            NDArray response = out.sub(x).abs().sum(new int[] {0, 1, 2}); // (64,) along n1
            double[] r = response.toDoubleArray();
            int first = -1;
            int last = -1;
            for (int i = 0; i < r.length; i++) {
                if (r[i] > 1e-12) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            assertTrue(first >= 0, "the residual branch answered nothing");
            return last - first + 1;
        }
    }

    @Test
    void architectureRecordsDilation() {
        Architecture a =
                Architecture.builder()
                        .optStages(4)
                        .optCgIterations(3)
                        .optCnnDepth(5)
                        .optCnnDilated(true)
                        .build();
        JsonObject o = a.toJson();
        assertEquals(a, Architecture.fromJson(o));
        o.remove("cnn_dilated"); // model.json files written before dilation existed
        assertEquals(false, Architecture.fromJson(o).cnnDilated());
    }
}
