package org.rfrecon.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.device.MemoryProbe;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.training.ComplexLosses;
import org.rfrecon.unrolled.GradientSteps;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Peak memory and time of one training step of the unrolled network with and without per-stage
 * checkpointing, for K = 5, 10 and 20 stages, on the CPU: the peak is measured by the project's
 * {@link MemoryProbe} (glibc's live malloc bytes, which include autograd's saved tensors) at the
 * step's sample points, above the level before the step. Network: CNN regularizer (depth 3, width
 * 16), CG x-step of 3 iterations, float32, batch 4. One warm-up step, then the median of {@code
 * repeats} steps. Rows {@code train-step-K<k>-full} and {@code train-step-K<k>-checkpointed};
 * {@code bytes_peak} is measured.
 */
final class CheckpointMemoryCase {

    /** The stage counts measured. */
    static final int[] STAGES = {5, 10, 20};

    private CheckpointMemoryCase() {}

    /** All rows for geometry {@code g}. */
    static List<BenchRow> run(Geometry g, NDManager parent, int repeats, Random rng) {
        List<BenchRow> rows = new ArrayList<>();
        for (int k : STAGES) {
            for (boolean checkpointed : new boolean[] {false, true}) {
                rows.add(step(g, parent, k, checkpointed, repeats, rng));
            }
        }
        return rows;
    }

    /** One row: {@code k} stages, with or without checkpointing. */
    static BenchRow step(
            Geometry g, NDManager parent, int k, boolean checkpointed, int repeats, Random rng) {
        try (NDManager m = parent.newSubManager()) {
            UnrolledAdmm net = TrainStepCase.network(g, k, m, 4);
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            m, new Shape(4).addAll(g.sceneShape()), DataType.FLOAT32, rng);
            NDArray yc = Operators.fresnel(g, m, DataType.FLOAT32).forward(x).stackChannels(1);
            NDArray xc = x.stackChannels(1);
            ParameterStore ps = new ParameterStore(m, false);
            long[] peaks = new long[repeats];
            double[] ms = new double[repeats];
            for (int r = -1; r < repeats; r++) {
                try (NDManager s = m.newSubManager();
                        MemoryProbe probe = MemoryProbe.open()) {
                    long t0 = System.nanoTime();
                    if (checkpointed) {
                        GradientSteps.checkpointed(net, ps, yc, xc, ComplexLosses.mse());
                    } else {
                        GradientSteps.full(net, ps, yc, xc, ComplexLosses.mse());
                    }
                    if (r >= 0) {
                        ms[r] = (System.nanoTime() - t0) / 1e6;
                        peaks[r] = probe.peakAboveStart();
                    }
                }
            }
            java.util.Arrays.sort(ms);
            java.util.Arrays.sort(peaks);
            String name = "train-step-K" + k + (checkpointed ? "-checkpointed" : "-full");
            return new BenchRow(
                    name, ms[repeats / 2], 0, peaks[repeats / 2], true, Double.NaN, repeats);
        }
    }
}
