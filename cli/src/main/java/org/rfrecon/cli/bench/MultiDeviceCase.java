package org.rfrecon.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.operator.PairSharded;
import org.rfrecon.core.solver.Admm;
import org.rfrecon.training.ComplexLosses;
import org.rfrecon.training.DataParallelReconstructor;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Scaling with the number of devices, for N = 1, 2, 4, 8 (those not above the devices given):
 *
 * <ul>
 *   <li>{@code admm-200-devices-N}: {@link AdmmCase}'s solve (200 iterations, l1, float32, CG
 *       x-step of one iteration) with the preset's Tx-Rx pairs spread over N devices ({@link
 *       PairSharded}); its NMSE column is the solution's distance from the one-device solution;
 *   <li>{@code train-step-devices-N} (2D presets): one data-parallel training step ({@link
 *       DataParallelReconstructor}, checkpointed) of {@link TrainStepCase}'s network, with {@value
 *       #BATCH_PER_DEVICE} samples per device (weak scaling: the batch grows with N).
 * </ul>
 *
 * Ratios: {@code admm_speedup_devices_N = t(1) / t(N)} and {@code train_throughput_devices_N =
 * (samples/s on N) / (samples/s on 1)}. The peak-bytes column is 0 (not measured): device memory is
 * probed on the primary device only.
 */
public final class MultiDeviceCase {

    /** The device counts measured. */
    static final int[] COUNTS = {1, 2, 4, 8};

    /** Training samples per device and step. */
    static final int BATCH_PER_DEVICE = 4;

    private MultiDeviceCase() {}

    /**
     * {@code report} with the scaling rows and ratios of {@code devices} appended (the bench of
     * {@code presetName} measured on {@code devices.get(0)}).
     *
     * @param repeats timed samples per case
     * @param log receives one line per measured case
     */
    public static BenchReport appendTo(
            BenchReport report,
            String presetName,
            List<Device> devices,
            int repeats,
            Consumer<String> log)
            throws Exception {
        Geometry g = Preset.byName(presetName).geometry();
        boolean gpu = devices.get(0).isGpu();
        try (NDManager root = NDManager.newBaseManager(devices.get(0))) {
            BenchContext ctx =
                    new BenchContext(
                            root,
                            devices.get(0),
                            gpu ? 3 : 1,
                            repeats,
                            gpu ? 20 : 0,
                            new Random(System.nanoTime()));
            List<BenchRow> rows = new ArrayList<>(report.rows());
            List<BenchRow> added = run(ctx, g, devices, AdmmCase.ITERATIONS, 10, log);
            rows.addAll(added);
            Map<String, Double> ratios = new LinkedHashMap<>(report.ratios());
            ratios.putAll(ratios(added));
            return new BenchReport(
                    report.preset(),
                    report.device(),
                    report.deviceName() + " x" + devices.size(),
                    report.dtype(),
                    rows,
                    ratios,
                    report.fastestKernel());
        }
    }

    /**
     * Measures the scaling rows.
     *
     * @param iterations ADMM iterations per solve
     * @param stages unrolled stages of the trained network (2D presets only)
     */
    static List<BenchRow> run(
            BenchContext ctx,
            Geometry g,
            List<Device> devices,
            int iterations,
            int stages,
            Consumer<String> log)
            throws Exception {
        // slow cases: one warm-up and at most five samples, as AdmmCase and TrainStepCase take
        BenchContext slow = ctx.slow();
        List<BenchRow> rows = new ArrayList<>();
        ComplexTensor reference = null;
        try (NDManager m = ctx.manager().newSubManager()) {
            ComplexTensor x =
                    ComplexTensor.randomNormal(m, g.sceneShape(), DataType.FLOAT32, ctx.rng());
            for (int n : COUNTS) {
                if (n > devices.size()) {
                    break;
                }
                PairSharded op = PairSharded.of(g, devices.subList(0, n), m, DataType.FLOAT32);
                ComplexTensor y = op.forward(x);
                Admm admm = AdmmCase.admm(op, y, iterations);
                double before = op.evaluations();
                ComplexTensor z = admm.solve(y);
                double evaluations = op.evaluations() - before;
                double flop = evaluations * (g.isVolume() ? Flops.volume(g) : Flops.kron(g));
                double db = Double.NaN;
                if (reference == null) {
                    reference = z.toType(DataType.FLOAT64);
                } else {
                    db = Nmse.db(z, reference);
                }
                BenchRow row =
                        slow.row(
                                        "admm-" + iterations + "-devices-" + n,
                                        () -> admm.solve(y),
                                        flop,
                                        0,
                                        BenchContext.MemoryMark.NONE)
                                .withNmseDb(db);
                rows.add(row);
                log.accept(line(row, op.numShards() + " shards"));
            }
        }
        if (!g.isVolume()) {
            rows.addAll(trainRows(slow, g, devices, stages, log));
        }
        return rows;
    }

    private static List<BenchRow> trainRows(
            BenchContext ctx, Geometry g, List<Device> devices, int stages, Consumer<String> log)
            throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        try (NDManager m = ctx.manager().newSubManager()) {
            UnrolledAdmm net = TrainStepCase.network(g, stages, m, BATCH_PER_DEVICE);
            LinearOperator op = Operators.fresnel(g, m, DataType.FLOAT32);
            Loss loss = ComplexLosses.mse();
            for (int n : COUNTS) {
                if (n > devices.size()) {
                    break;
                }
                int batch = BATCH_PER_DEVICE * n;
                ComplexTensor x =
                        ComplexTensor.randomNormal(
                                m,
                                new Shape(batch).addAll(g.sceneShape()),
                                DataType.FLOAT32,
                                ctx.rng());
                NDList yc = new NDList(op.forward(x).stackChannels(1));
                NDList xc = new NDList(x.stackChannels(1));
                DataParallelReconstructor dp =
                        new DataParallelReconstructor(net, devices.subList(0, n), true);
                BenchRow row =
                        ctx.row(
                                "train-step-devices-" + n,
                                () -> m.create((float) dp.accumulateGradients(yc, xc, loss)),
                                0,
                                0,
                                BenchContext.MemoryMark.NONE);
                rows.add(row);
                log.accept(
                        line(
                                row,
                                String.format(
                                        Locale.ROOT,
                                        "batch %d, %.1f samples/s",
                                        batch,
                                        batch / (row.medianMs() * 1e-3))));
            }
        }
        return rows;
    }

    /** The speed-up ratios of the scaling rows against their one-device rows. */
    static Map<String, Double> ratios(List<BenchRow> rows) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Double> one = new LinkedHashMap<>();
        for (BenchRow r : rows) {
            String family = r.name().substring(0, r.name().lastIndexOf('-') + 1);
            int n = Integer.parseInt(r.name().substring(family.length()));
            if (n == 1) {
                one.put(family, r.medianMs());
                continue;
            }
            Double t1 = one.get(family);
            if (t1 == null) {
                continue;
            }
            if (family.startsWith("admm-")) {
                out.put("admm_speedup_devices_" + n, t1 / r.medianMs());
            } else {
                out.put("train_throughput_devices_" + n, n * t1 / r.medianMs());
            }
        }
        return out;
    }

    private static String line(BenchRow r, String note) {
        return String.format(
                Locale.ROOT, "bench: %-26s %10.4f ms  (%s)", r.name(), r.medianMs(), note);
    }
}
