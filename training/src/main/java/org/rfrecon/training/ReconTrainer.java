package org.rfrecon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.loss.Loss;
import ai.djl.translate.Batchifier;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.device.MemoryProbe;
import org.rfrecon.datasets.io.AtomicFiles;

/**
 * Trains a {@link Reconstructor} with {@link ResumableAdam}, epoch by epoch, validating on a
 * held-out set after each epoch, writing {@code metrics.csv} and the {@code last} and {@code best}
 * checkpoints atomically.
 *
 * <p><b>Determinism and resume.</b> The order of training samples in epoch {@code e} is a
 * permutation drawn from {@code Random(seed * 1_000_003 + e)}; samples themselves are deterministic
 * functions of their index (the dataset's contract). The {@link TrainingState} in a checkpoint is
 * therefore the whole RNG state: a run killed at any point and resumed from its last checkpoint
 * re-runs the unfinished epoch and ends with the same parameters as an uninterrupted run on the
 * same device.
 *
 * <p>One step: zero the gradients, {@link Reconstructor#accumulateGradients}, one optimizer update
 * per parameter. Temporaries of each step live in a sub-manager closed after it.
 */
public final class ReconTrainer {

    private final TrainConfig config;
    private final Reconstructor network;
    private final TrainingData train;
    private final RandomAccessDataset validation;
    private final ResumableAdam optimizer;
    private final Loss loss;
    private final QualityMetrics metrics;
    private final Path runDirectory;
    private final TrainingListener listener;
    private final long maxGlobalSteps;
    private final CheckpointStore checkpoints;

    private final StepPeaks stepPeaks = new StepPeaks();
    private int nonFiniteInARow;
    private int resumedEpochs;

    /** Steps in a row with a non-finite loss or gradient after which training stops. */
    static final int MAX_NON_FINITE_STEPS = 3;

    private ReconTrainer(Builder b) {
        this.config = b.config;
        this.network = b.network;
        this.train = b.train;
        this.validation = b.validation;
        this.optimizer = b.optimizer;
        this.loss = ComplexLosses.byName(b.config.loss());
        this.metrics = b.metrics;
        this.runDirectory = b.runDirectory;
        this.listener = b.listener;
        this.maxGlobalSteps = b.maxGlobalSteps;
        this.checkpoints = new CheckpointStore(b.runDirectory);
    }

    /** A builder; see its setters for what is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The peak of live native memory of one training step, measured as {@code rfrecon bench}
     * measures it: bytes above the step's start at its {@link MemoryProbe} sample points, the
     * median over this trainer's steps after the first (which also allocates one-time state: the
     * optimiser's moments, the engine's caches and thread pools, so its peak depends on what ran
     * before in the process); the first step's alone when only one ran; -1 if unknown.
     */
    public long peakStepBytes() {
        return stepPeaks.value();
    }

    /** The epochs the last {@link #fit} found done in its checkpoint (0 without a resume). */
    public int resumedEpochs() {
        return resumedEpochs;
    }

    /** The checkpoints of this run. */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /**
     * Trains until {@code config.epochs()} epochs are done (or the step budget of {@link
     * Builder#optMaxGlobalSteps} is reached, which stops like a kill: no checkpoint of the partial
     * epoch).
     *
     * @param resume continue from the {@code last} checkpoint if there is one
     * @return the state at the end
     */
    public TrainingState fit(NDManager manager, boolean resume) throws IOException {
        TrainingState state = TrainingState.start(config.seed());
        List<EpochMetrics> rows = new ArrayList<>();
        if (resume) {
            Optional<CheckpointStore.Loaded> saved = checkpoints.peek(CheckpointStore.LAST);
            if (saved.isPresent()) {
                config.checkResumes(saved.get().config(), saved.get().state().epoch());
            }
            Optional<CheckpointStore.Loaded> loaded =
                    checkpoints.load(CheckpointStore.LAST, network.block(), optimizer, manager);
            if (loaded.isPresent()) {
                state = loaded.get().state();
                resumedEpochs = state.epoch();
                rows.addAll(readMetrics());
                rows.removeIf(r -> r.epoch() > loaded.get().state().epoch());
            }
        }
        config.write(Files.createDirectories(runDirectory).resolve("config.json"));
        int batch = config.batchSize();
        int steps = (int) ((train.size() + batch - 1) / batch);
        while (state.epoch() < config.epochs()) {
            long start = System.nanoTime();
            listener.onEpochStart(state.epoch(), steps);
            int[] order = permutation((int) train.size(), config.seed(), state.epoch());
            double lossSum = 0;
            for (int s = state.step(); s < steps; s++) {
                if (state.globalStep() >= maxGlobalSteps) {
                    return state;
                }
                double value;
                try (NDManager stepManager = manager.newSubManager();
                        MemoryProbe probe = MemoryProbe.open()) {
                    int from = s * batch;
                    int[] positions =
                            java.util.Arrays.copyOfRange(
                                    order, from, Math.min(order.length, from + batch));
                    NDList[] xy = train.batch(state.epoch(), positions, stepManager);
                    zeroGradients();
                    value = network.accumulateGradients(xy[0], xy[1], loss);
                    if (Double.isFinite(value) && gradientsFinite(stepManager)) {
                        update();
                        nonFiniteInARow = 0;
                    } else if (++nonFiniteInARow >= MAX_NON_FINITE_STEPS) {
                        throw new TrainingDivergedException(
                                String.format(
                                        java.util.Locale.ROOT,
                                        "training diverged: %d steps in a row with a non-finite"
                                                + " loss or gradient (epoch %d, step %d, loss %s);"
                                                + " the last checkpoint is kept; try a lower"
                                                + " learning_rate",
                                        nonFiniteInARow,
                                        state.epoch() + 1,
                                        s + 1,
                                        value));
                    }
                    stepPeaks.add(probe.peakAboveStart());
                }
                lossSum += Double.isFinite(value) ? value : 0;
                state = state.afterStep();
                listener.onStep(state, value);
            }
            double[] val = validate(manager);
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochMetrics row =
                    new EpochMetrics(
                            state.epoch() + 1,
                            lossSum / steps,
                            val[0],
                            val[1],
                            val[2],
                            val[3],
                            seconds);
            boolean improved = val[0] < state.bestValidation();
            state = state.nextEpoch(val[0]);
            rows.add(row);
            writeMetrics(rows);
            checkpoints.save(
                    CheckpointStore.LAST, network.block(), optimizer, state, config, manager);
            if (improved) {
                checkpoints.save(
                        CheckpointStore.BEST, network.block(), optimizer, state, config, manager);
            }
            listener.onEpochEnd(row);
        }
        return state;
    }

    /**
     * Mean validation loss, NMSE (dB), PSNR and SSIM over the held-out set, in batches of the
     * training batch size.
     */
    public double[] validate(NDManager manager) {
        int n = (int) validation.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] sums = new double[4];
        int batch = config.batchSize();
        for (int start = 0; start < n; start += batch) {
            try (NDManager m = manager.newSubManager()) {
                NDList[] xy = batch(validation, order, start, batch, m);
                NDArray recon = network.reconstruct(xy[0]).singletonOrThrow();
                NDArray truth = xy[1].singletonOrThrow();
                int count = (int) truth.getShape().get(0);
                sums[0] +=
                        Scalars.value(loss.evaluate(new NDList(truth), new NDList(recon))) * count;
                double[] q = metrics.evaluate(truth, recon);
                for (int k = 0; k < 3; k++) {
                    sums[k + 1] += q[k] * count;
                }
            }
        }
        for (int k = 0; k < 4; k++) {
            sums[k] /= n;
        }
        return sums;
    }

    private void zeroGradients() {
        for (Pair<String, Parameter> p : network.block().getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
                // set, not g - g: a NaN left by a skipped step must not survive the reset
                w.getGradient().set(new NDIndex("..."), 0);
            }
        }
    }

    /**
     * Whether every gradient is finite: one reduction on the device and one scalar read, so that a
     * step that produced NaN or infinity is skipped instead of poisoning the parameters.
     */
    private boolean gradientsFinite(NDManager parent) {
        try (NDManager scratch = parent.newSubManager()) {
            NDArray total = null;
            for (Pair<String, Parameter> p : network.block().getParameters()) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient()) {
                    NDArray g = w.getGradient().sum();
                    g.attach(scratch);
                    total = total == null ? g : total.add(g);
                }
            }
            return total == null
                    || Double.isFinite(total.toType(DataType.FLOAT64, false).getDouble());
        }
    }

    private void update() {
        for (Pair<String, Parameter> p : network.block().getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient()) {
                NDArray w = param.getArray();
                optimizer.update(param.getId(), w, w.getGradient());
            }
        }
    }

    private static NDList[] batch(
            RandomAccessDataset data, int[] order, int from, int size, NDManager m) {
        int to = Math.min(order.length, from + size);
        NDList[] inputs = new NDList[to - from];
        NDList[] labels = new NDList[to - from];
        for (int i = from; i < to; i++) {
            Record r;
            try {
                r = data.get(m, order[i]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            inputs[i - from] = r.getData();
            labels[i - from] = r.getLabels();
        }
        return new NDList[] {Batchifier.STACK.batchify(inputs), Batchifier.STACK.batchify(labels)};
    }

    /** The sample order of {@code epoch}: a Fisher-Yates shuffle seeded by (seed, epoch). */
    static int[] permutation(int n, long seed, int epoch) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rng = new Random(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private Path metricsFile() {
        return runDirectory.resolve("metrics.csv");
    }

    private List<EpochMetrics> readMetrics() throws IOException {
        List<EpochMetrics> rows = new ArrayList<>();
        if (Files.exists(metricsFile())) {
            List<String> lines = Files.readAllLines(metricsFile(), StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                rows.add(EpochMetrics.fromCsv(line));
            }
        }
        return rows;
    }

    private void writeMetrics(List<EpochMetrics> rows) throws IOException {
        StringBuilder b = new StringBuilder(EpochMetrics.HEADER).append('\n');
        rows.forEach(r -> b.append(r.toCsv()).append('\n'));
        AtomicFiles.write(
                metricsFile(), out -> out.write(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Builds a {@link ReconTrainer}. */
    public static final class Builder {
        private TrainConfig config;
        private Reconstructor network;
        private TrainingData train;
        private RandomAccessDataset validation;
        private ResumableAdam optimizer;
        private QualityMetrics metrics;
        private Path runDirectory;
        private TrainingListener listener = new TrainingListener() {};
        private long maxGlobalSteps = Long.MAX_VALUE;

        private Builder() {}

        /** The resolved configuration (required). */
        public Builder setConfig(TrainConfig config) {
            this.config = config;
            return this;
        }

        /** The network (required). */
        public Builder setNetwork(Reconstructor network) {
            this.network = network;
            return this;
        }

        /**
         * Training and held-out data (required): records of (measurements, truth), the same
         * training records every epoch.
         */
        public Builder setData(RandomAccessDataset train, RandomAccessDataset validation) {
            return setData(TrainingData.fixed(train), validation);
        }

        /**
         * Training batches (for example {@link FreshScenes}, new scenes every epoch) and held-out
         * records (required).
         */
        public Builder setData(TrainingData train, RandomAccessDataset validation) {
            this.train = train;
            this.validation = validation;
            return this;
        }

        /** How validation quality is measured (required). */
        public Builder setMetrics(QualityMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Where config, metrics and checkpoints go (required). */
        public Builder setRunDirectory(Path runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        /**
         * The optimizer (optional; default Adam at the config's learning rate and schedule: {@code
         * cosine} decays from it to 1% of it over every step of the run, a function of the step
         * count that checkpoints restore).
         */
        public Builder optOptimizer(ResumableAdam optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Progress events (optional). */
        public Builder optListener(TrainingListener listener) {
            this.listener = listener;
            return this;
        }

        /** Stops, as a kill would, once this many steps are done (optional; for tests). */
        public Builder optMaxGlobalSteps(long steps) {
            this.maxGlobalSteps = steps;
            return this;
        }

        /** Validates and builds. */
        public ReconTrainer build() {
            if (config == null
                    || network == null
                    || train == null
                    || validation == null
                    || metrics == null
                    || runDirectory == null) {
                throw new IllegalArgumentException(
                        "ReconTrainer needs config, network, data, metrics and a run directory");
            }
            if (train.size() == 0 || validation.size() == 0) {
                throw new IllegalArgumentException(
                        "training and validation sets must not be empty");
            }
            if (optimizer == null) {
                optimizer =
                        ResumableAdam.builder().optLearningRateTracker(schedule(config)).build();
            }
            return new ReconTrainer(this);
        }

        private ai.djl.training.tracker.Tracker schedule(TrainConfig c) {
            float lr = (float) c.learningRate();
            if ("cosine".equals(c.lrSchedule())) {
                long steps = (train.size() + c.batchSize() - 1) / c.batchSize();
                return ai.djl.training.tracker.Tracker.cosine()
                        .setBaseValue(lr)
                        .optFinalValue(lr * 0.01f)
                        .setMaxUpdates((int) Math.max(1, steps * c.epochs()))
                        .build();
            }
            return ai.djl.training.tracker.Tracker.fixed(lr);
        }
    }
}
