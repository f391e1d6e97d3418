package org.rfrecon.training.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.evaluator.Evaluator;
import java.util.concurrent.ConcurrentHashMap;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * A DJL evaluator of one metric of SPEC §6 ({@link #nmseDb()}, {@link #psnr()}, {@link #ssim()}):
 * labels and predictions are channel-first pair arrays {@code (B, 2, ...)} (real, imaginary;
 * SimulatedDataset's convention); the metric is computed per scene and averaged over the batch;
 * accumulators hold sums and counts.
 */
public final class PairMetricEvaluator extends Evaluator {

    /** The metric of one scene: {@code (estimate, truth) -> value}. */
    @FunctionalInterface
    public interface SceneMetric {
        /** The metric of {@code estimate} against {@code truth}. */
        double of(ComplexTensor estimate, ComplexTensor truth);
    }

    private final ConcurrentHashMap<String, double[]> sums = new ConcurrentHashMap<>();
    private final SceneMetric metric;

    /**
     * @param name the evaluator's name (shown by DJL's training listeners)
     * @param metric the metric of one scene
     */
    public PairMetricEvaluator(String name, SceneMetric metric) {
        super(name);
        this.metric = metric;
    }

    /** The mean NMSE in dB, lower is better, named {@code "nmse_db"}. */
    public static PairMetricEvaluator nmseDb() {
        return new PairMetricEvaluator("nmse_db", ImageMetrics::nmseDb);
    }

    /** The mean PSNR in dB of magnitude images, higher is better, named {@code "psnr"}. */
    public static PairMetricEvaluator psnr() {
        return new PairMetricEvaluator("psnr", ImageMetrics::psnr);
    }

    /** The mean SSIM of magnitude images, higher is better, named {@code "ssim"}. */
    public static PairMetricEvaluator ssim() {
        return new PairMetricEvaluator("ssim", ImageMetrics::ssim);
    }

    /** Per-scene values of a batch, on the host. */
    final double[] perScene(NDList labels, NDList predictions) {
        NDArray truth = labels.singletonOrThrow();
        NDArray pred = predictions.singletonOrThrow();
        checkLabelShapes(truth, pred, true);
        int b = (int) truth.getShape().get(0);
        double[] out = new double[b];
        for (int i = 0; i < b; i++) {
            try (NDArray t = truth.get(i);
                    NDArray p = pred.get(i)) {
                ComplexTensor tc = ComplexTensor.fromChannels(t, 0);
                ComplexTensor pc = ComplexTensor.fromChannels(p, 0);
                out[i] = metric.of(pc, tc);
                tc.close();
                pc.close();
            }
        }
        return out;
    }

    /** The batch mean as a scalar array in the labels' manager. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        double[] v = perScene(labels, predictions);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return labels.head().getManager().create(sum / v.length);
    }

    @Override
    public void addAccumulator(String key) {
        sums.put(key, new double[2]);
        totalInstances.put(key, 0L);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        double[] v = perScene(labels, predictions);
        double[] acc = sums.computeIfAbsent(key, k -> new double[2]);
        for (double x : v) {
            acc[0] += x;
            acc[1] += 1;
        }
        totalInstances.merge(key, (long) v.length, Long::sum);
    }

    @Override
    public void resetAccumulator(String key) {
        sums.put(key, new double[2]);
        totalInstances.put(key, 0L);
    }

    /** The mean over all scenes seen since the last reset (NaN if none). */
    @Override
    public float getAccumulator(String key) {
        double[] acc = sums.get(key);
        if (acc == null || acc[1] == 0) {
            return Float.NaN;
        }
        return (float) (acc[0] / acc[1]);
    }
}
