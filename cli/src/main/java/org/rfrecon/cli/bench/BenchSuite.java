package org.rfrecon.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.rfrecon.core.complex.ComplexMatMul;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.device.CudaGraph;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.Dense;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.operator.PerSubcarrierLoop;

/**
 * Picks and runs the cases that apply to a preset, all in one process and on one device, so that
 * every ratio compares figures measured side by side: the real matmul peak; the batched operator
 * (Kronecker2D or Volume3D) forward and adjoint in float32; the dense matrix where it fits in 1.2
 * GB; the per-subcarrier loop where there is more than one (p, f); the three complex-matmul
 * kernels; float64 and float16 forward maps with their error against float64 (bfloat16 cannot be
 * reached through DJL 0.36: its JNI has no bfloat16 dtype and aborts on one); a 200-iteration ADMM
 * solve on GPUs, and on the CPU where it takes seconds at most; training steps of the unrolled
 * network (K = 10 on 2D presets on GPUs; K = 5, 10, 20 with and without checkpointing on small).
 */
public final class BenchSuite {

    /** The preset that carries the issue-6 checkpointing rows (K = 5, 10, 20). */
    static final String CHECKPOINT_PRESET = "small";

    /** Dense matrices above this many bytes (complex64) are not built. */
    static final double DENSE_LIMIT_BYTES = 1.2e9;

    private BenchSuite() {}

    /**
     * Runs the bench of {@code presetName} on {@code device}.
     *
     * @param repeats timed samples per case (the median is reported)
     * @param log receives one line per measured case
     */
    public static BenchReport run(
            String presetName, Device device, int repeats, Consumer<String> log) throws Exception {
        Geometry g = Preset.byName(presetName).geometry();
        boolean gpu = device.isGpu();
        List<BenchRow> rows = new ArrayList<>();
        Consumer<BenchRow> add =
                r -> {
                    rows.add(r);
                    log.accept(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "bench: %-26s %10.4f ms %9.2f GFLOP/s",
                                    r.name(),
                                    r.medianMs(),
                                    r.gflops()));
                };
        String prefix = g.isVolume() ? "volume" : "kron";
        try (NDManager root = NDManager.newBaseManager(device)) {
            BenchContext ctx =
                    new BenchContext(
                            root, device, gpu ? 3 : 2, repeats, gpu ? 20 : 0, new Random(seed()));
            int peakN = gpu ? 8192 : ("tiny".equals(presetName) ? 256 : 1024);
            add.accept(MatMulPeakCase.run(ctx, DataType.FLOAT32, peakN));
            if (gpu) {
                add.accept(MatMulPeakCase.run(ctx, DataType.FLOAT16, peakN));
            }
            operatorRows(ctx, g, add);
            if (!g.isVolume()) {
                denseRows(ctx, g, add);
            }
            boolean large = "volume-3d-large".equals(g.preset());
            if (!large) {
                precisionRows(ctx, g, prefix, rows, add, log);
            }
            // 200 ADMM iterations make about 400 evaluations: on the CPU only where that is quick
            double admmFlop = 400 * (g.isVolume() ? Flops.volume(g) : Flops.kron(g));
            if (gpu || admmFlop < 2e10) {
                AdmmCase.run(ctx, g, log).forEach(add);
            }
            boolean trainRows = (gpu || Boolean.getBoolean("rfrecon.bench.train")) && !g.isVolume();
            if (CHECKPOINT_PRESET.equals(g.preset())) {
                checkpointRows(ctx, g, add, log);
            } else if (trainRows) {
                for (boolean checkpointed : new boolean[] {false, true}) {
                    try {
                        add.accept(TrainStepCase.run(ctx, g, checkpointed));
                    } catch (Exception | LinkageError e) {
                        log.accept("bench: train-step skipped: " + e);
                    }
                }
            }
            if (trainRows && CudaGraph.unavailability(ctx.device()).isEmpty()) {
                for (boolean checkpointed : new boolean[] {false, true}) {
                    try {
                        add.accept(TrainStepCase.graphed(ctx, g, checkpointed));
                    } catch (Exception | LinkageError e) {
                        log.accept("bench: train-step-graphed skipped: " + e);
                    }
                }
            }
            if (trainRows) {
                try {
                    XStepCase.run(ctx, g).forEach(add);
                } catch (Exception | LinkageError e) {
                    log.accept("bench: x-step skipped: " + e);
                }
                for (boolean recorded : new boolean[] {false, true}) {
                    try {
                        add.accept(TrainStepCase.forward(ctx, g, recorded));
                    } catch (Exception | LinkageError e) {
                        log.accept("bench: train-forward skipped: " + e);
                    }
                }
            }
            Shape left = new Shape(g.numPairs(), g.numFrequencies(), g.m2(), g.n2());
            Shape right = new Shape(g.numPairs(), g.numFrequencies(), g.n2(), g.n1());
            for (ComplexMatMul k : ComplexMatMul.values()) {
                add.accept(ComplexKernelCase.run(ctx, k, left, right));
            }
        }
        return new BenchReport(
                presetName,
                gpu ? "gpu" : "cpu",
                DeviceNames.of(device),
                "float32",
                rows,
                Ratios.of(rows, prefix),
                Ratios.fastestKernel(rows));
    }

    /**
     * The issue-6 figure on {@value #CHECKPOINT_PRESET}: one training step with and without
     * checkpointing for K = 5, 10, 20. On a GPU, time and device memory per step ({@link
     * TrainStepCase}); on the CPU, time and the peak of live native memory tracked by the project's
     * MemoryProbe ({@link CheckpointMemoryCase}).
     */
    private static void checkpointRows(
            BenchContext ctx, Geometry g, Consumer<BenchRow> add, Consumer<String> log) {
        for (int k : CheckpointMemoryCase.STAGES) {
            for (boolean checkpointed : new boolean[] {false, true}) {
                String name = "train-step-K" + k + (checkpointed ? "-checkpointed" : "-full");
                try {
                    if (ctx.device().isGpu()) {
                        add.accept(TrainStepCase.run(ctx, g, k, checkpointed, name));
                    } else {
                        add.accept(
                                CheckpointMemoryCase.step(
                                        g,
                                        ctx.manager(),
                                        k,
                                        checkpointed,
                                        Math.min(3, ctx.repeats()),
                                        ctx.rng()));
                    }
                } catch (Exception | LinkageError e) {
                    log.accept("bench: " + name + " skipped: " + e);
                }
            }
        }
    }

    private static void operatorRows(BenchContext ctx, Geometry g, Consumer<BenchRow> add)
            throws Exception {
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT32);
            LinearOperator op = Operators.fresnel(f);
            String prefix = g.isVolume() ? "volume" : "kron";
            double flop = g.isVolume() ? Flops.volume(g) : Flops.kron(g);
            long counted = Flops.counted(g, 8);
            ComplexTensor x = random(ctx, m, op.domainShape(), DataType.FLOAT32);
            ComplexTensor y = random(ctx, m, op.rangeShape(), DataType.FLOAT32);
            add.accept(
                    OperatorCase.run(ctx, prefix + "-forward", op, false, x, flop, counted, base));
            add.accept(
                    OperatorCase.run(ctx, prefix + "-adjoint", op, true, y, flop, counted, base));
            if (!g.isVolume() && (long) g.numPairs() * g.numFrequencies() > 1) {
                PerSubcarrierLoop loop = new PerSubcarrierLoop(f);
                add.accept(
                        OperatorCase.run(
                                ctx, "loop-forward", loop, false, x, Flops.kron(g), counted, base));
            }
        }
    }

    private static void denseRows(BenchContext ctx, Geometry g, Consumer<BenchRow> add)
            throws Exception {
        if (Flops.denseEntries(g) * 8 > DENSE_LIMIT_BYTES) {
            return;
        }
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT32);
            Dense d = Dense.ofFactors(f, m);
            long counted = (long) (Flops.denseEntries(g) * 8 * 2);
            ComplexTensor x = random(ctx, m, d.domainShape(), DataType.FLOAT32);
            ComplexTensor y = random(ctx, m, d.rangeShape(), DataType.FLOAT32);
            add.accept(
                    OperatorCase.run(
                            ctx, "dense-forward", d, false, x, Flops.dense(g), counted, base));
            add.accept(
                    OperatorCase.run(
                            ctx, "dense-adjoint", d, true, y, Flops.dense(g), counted, base));
        }
    }

    private static void precisionRows(
            BenchContext ctx,
            Geometry g,
            String prefix,
            List<BenchRow> rows,
            Consumer<BenchRow> add,
            Consumer<String> log)
            throws Exception {
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            LinearOperator op64 = Operators.fresnel(g, m, DataType.FLOAT64);
            LinearOperator op32 = Operators.fresnel(g, m, DataType.FLOAT32);
            ComplexTensor x64 = random(ctx, m, op64.domainShape(), DataType.FLOAT64);
            ComplexTensor y64 = op64.forward(x64);
            double flop = g.isVolume() ? Flops.volume(g) : Flops.kron(g);
            add.accept(
                    OperatorCase.run(
                            ctx,
                            prefix + "-forward-float64",
                            op64,
                            false,
                            x64,
                            flop,
                            Flops.counted(g, 16),
                            base));
            try (ComplexTensor x32 = x64.toType(DataType.FLOAT32);
                    ComplexTensor y32 = op32.forward(x32)) {
                double db = Nmse.db(y32, y64);
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).name().equals(prefix + "-forward")) {
                        rows.set(i, rows.get(i).withNmseDb(db));
                    }
                }
            }
            // bfloat16 is not measured: DJL 0.36's JNI maps no bfloat16 dtype (its
            // GetScalarTypeFromDType aborts the process on one), see docs/benchmarks.md.
            try {
                add.accept(LowPrecisionCase.run(ctx, prefix, g, DataType.FLOAT16, x64, y64));
            } catch (Exception | LinkageError e) {
                log.accept("bench: " + prefix + "-forward-float16 skipped: " + e);
            }
        }
    }

    private static ComplexTensor random(BenchContext ctx, NDManager m, Shape shape, DataType t) {
        return ComplexTensor.randomNormal(m, shape, t, ctx.rng());
    }

    private static long seed() {
        return System.nanoTime();
    }
}
