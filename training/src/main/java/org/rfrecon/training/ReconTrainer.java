package org.rfrecon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.training.metric.Quality;

/**
 * Trains a {@link Reconstructor} with {@link ResumableAdam}, epoch by epoch, validating on a
 * held-out set after each epoch. What happens around the loop is done by {@link TrainingListener}s,
 * as in DJL: by default the standard ones of {@link TrainingListeners} ({@code metrics.csv}, the
 * {@code last} and {@code best} checkpoints written atomically, the divergence stop and the step
 * memory probe), then those added with {@link Builder#addTrainingListeners}. {@link #fit} returns
 * the run's {@link TrainingRun}: its end state and its epoch history.
 *
 * <p><b>Determinism and resume.</b> The order of training samples in epoch {@code e} is a
 * permutation drawn from {@code Random(seed * 1_000_003 + e)}; samples themselves are deterministic
 * functions of their index (the dataset's contract). The {@link TrainingState} in a checkpoint is
 * therefore the whole RNG state: a run killed at any point and resumed from its last checkpoint
 * re-runs the unfinished epoch and ends with the same parameters as an uninterrupted run on the
 * same device. The checkpoint also carries the epoch history, so a resumed run's history is the
 * whole run's.
 *
 * <p>One step: zero the gradients, {@link Reconstructor#accumulateGradients}, one optimizer update
 * of every parameter unless the loss or a gradient is not finite (then the step is skipped, so that
 * it cannot poison the parameters). Zeroing, the check and the update each treat the parameters as
 * one group ({@link ParameterGroup}, {@link ResumableAdam#updateAll}): one native call each, not
 * one per parameter. Temporaries of each step live in a sub-manager closed after it.
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
    private final List<TrainingListener> listeners;
    private final long maxGlobalSteps;
    private final CheckpointStore checkpoints;
    private final ParameterGroup parameters;

    // the run in progress (fit)
    private NDManager manager;
    private TrainingState state;
    private final List<EpochMetrics> history = new ArrayList<>();
    private boolean lastEpochImproved;
    private int resumedEpochs;

    private ReconTrainer(Builder b, List<TrainingListener> listeners) {
        this.config = b.config;
        this.network = b.network;
        this.train = b.train;
        this.validation = b.validation;
        this.optimizer = b.optimizer;
        this.loss = b.config.optimisation().loss().loss();
        this.metrics = b.metrics;
        this.runDirectory = b.runDirectory;
        this.listeners = List.copyOf(listeners);
        this.maxGlobalSteps = b.maxGlobalSteps;
        this.checkpoints = new CheckpointStore(b.runDirectory);
        this.parameters = ParameterGroup.of(b.network.block());
        this.state = TrainingState.start(b.config.seed());
    }

    /** A builder; see its setters for what is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The resolved configuration. */
    public TrainConfig config() {
        return config;
    }

    /** Where the run stands (its start before {@link #fit}). */
    public TrainingState state() {
        return state;
    }

    /** The epochs done so far, resumed ones included, oldest first (read-only). */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(history);
    }

    /** Whether the last epoch's validation loss was the best so far. */
    public boolean lastEpochImproved() {
        return lastEpochImproved;
    }

    /**
     * The peak of live native memory of one training step as the {@link
     * TrainingListeners.StepMemory} listener measured it (-1 without that listener, or before any
     * step).
     */
    public long peakStepBytes() {
        return listeners.stream()
                .filter(l -> l instanceof TrainingListeners.StepMemory)
                .mapToLong(l -> ((TrainingListeners.StepMemory) l).peakStepBytes())
                .findFirst()
                .orElse(-1);
    }

    /** The epochs the last {@link #fit} found done in its checkpoint (0 without a resume). */
    public int resumedEpochs() {
        return resumedEpochs;
    }

    /** The checkpoints of this run. */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** Saves checkpoint {@code name} of the run as it stands (for {@link TrainingListener}s). */
    void saveCheckpoint(String name) throws IOException {
        checkpoints.save(name, network.block(), optimizer, state, history, config, manager);
    }

    /**
     * Trains until {@code config.optimisation().epochs()} epochs are done (or the step budget of
     * {@link Builder#optMaxGlobalSteps} is reached, which stops like a kill: no epoch end and no
     * checkpoint of the partial epoch).
     *
     * @param manager owns the run's data on the device; steps use sub-managers of it
     * @param resume continue from the {@code last} checkpoint if there is one
     * @return the state at the end and the epoch history
     */
    public TrainingRun fit(NDManager manager, boolean resume) throws IOException {
        this.manager = manager;
        state = TrainingState.start(config.seed());
        history.clear();
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
                loaded.get().history().stream()
                        .filter(r -> r.epoch() <= loaded.get().state().epoch())
                        .forEach(history::add);
            }
        }
        config.write(Files.createDirectories(runDirectory).resolve("config.json"));
        listeners.forEach(l -> l.onTrainingBegin(this));
        try {
            while (state.epoch() < config.optimisation().epochs()) {
                if (!epoch()) {
                    break;
                }
            }
        } finally {
            listeners.forEach(l -> l.onTrainingEnd(this));
        }
        return new TrainingRun(state, resumedEpochs, List.copyOf(history));
    }

    /** Runs the rest of the current epoch; false if the step budget stopped it. */
    private boolean epoch() {
        long start = System.nanoTime();
        int batch = config.optimisation().batchSize();
        int steps = config.optimisation().stepsPerEpoch(train.size());
        listeners.forEach(l -> l.onEpochStart(state.epoch(), steps));
        int[] order = permutation((int) train.size(), config.seed(), state.epoch());
        double lossSum = 0;
        for (int s = state.step(); s < steps; s++) {
            if (state.globalStep() >= maxGlobalSteps) {
                return false;
            }
            try (NDManager stepManager = manager.newSubManager()) {
                TrainingState before = state;
                listeners.forEach(l -> l.onStepBegin(before));
                int from = s * batch;
                int[] positions =
                        Arrays.copyOfRange(order, from, Math.min(order.length, from + batch));
                NDList[] xy = train.batch(state.epoch(), positions, stepManager);
                parameters.zeroGradients(stepManager);
                double value = network.accumulateGradients(xy[0], xy[1], loss);
                boolean applied = Double.isFinite(value) && parameters.gradientsFinite(stepManager);
                if (applied) {
                    optimizer.updateAll(parameters, stepManager);
                }
                lossSum += Double.isFinite(value) ? value : 0;
                state = state.afterStep();
                TrainingListener.StepResult result =
                        new TrainingListener.StepResult(state, value, applied);
                listeners.forEach(l -> l.onStepEnd(result));
            }
        }
        Validation val = validate(manager);
        double seconds = (System.nanoTime() - start) / 1e9;
        EpochMetrics row = new EpochMetrics(state.epoch() + 1, lossSum / steps, val, seconds);
        lastEpochImproved = val.loss() < state.bestValidation();
        state = state.nextEpoch(val.loss());
        history.add(row);
        listeners.forEach(l -> l.onEpochEnd(this, row));
        return true;
    }

    /**
     * The network on the held-out set: mean validation loss, NMSE (dB), PSNR and SSIM, in batches
     * of the training batch size.
     */
    public Validation validate(NDManager manager) {
        int n = (int) validation.size();
        TrainingData records = TrainingData.fixed(validation);
        double lossSum = 0;
        Quality sum = Quality.ZERO;
        int batch = config.optimisation().batchSize();
        for (int start = 0; start < n; start += batch) {
            try (NDManager m = manager.newSubManager()) {
                int[] positions = IntStream.range(start, Math.min(n, start + batch)).toArray();
                NDList[] xy = records.batch(0, positions, m);
                NDArray recon = network.reconstruct(xy[0]).singletonOrThrow();
                NDArray truth = xy[1].singletonOrThrow();
                int count = (int) truth.getShape().get(0);
                lossSum +=
                        Scalars.value(loss.evaluate(new NDList(truth), new NDList(recon))) * count;
                sum = sum.plus(metrics.quality(truth, recon), count);
            }
        }
        return new Validation(lossSum / n, sum.dividedBy(n));
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

    /** Builds a {@link ReconTrainer}. */
    public static final class Builder extends RunBuilder<Builder> {
        private Reconstructor network;
        private TrainingData train;
        private RandomAccessDataset validation;
        private ResumableAdam optimizer;
        private boolean standardListeners = true;
        private long maxGlobalSteps = Long.MAX_VALUE;

        private Builder() {}

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

        /**
         * The optimizer (optional; default Adam at the config's learning rate and schedule: {@code
         * cosine} decays from it to 1% of it over every step of the run, a function of the step
         * count that checkpoints restore).
         */
        public Builder optOptimizer(ResumableAdam optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Whether the standard listeners of {@link TrainingListeners#standard} come first
         * (optional; default true). Without them a run writes no checkpoint, no metrics.csv, and
         * does not stop when it diverges.
         */
        public Builder optStandardListeners(boolean standard) {
            this.standardListeners = standard;
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
                Optimisation o = config.optimisation();
                long total = (long) o.stepsPerEpoch(train.size()) * o.epochs();
                optimizer =
                        ResumableAdam.builder()
                                .optLearningRateTracker(
                                        o.lrSchedule().tracker((float) o.learningRate(), total))
                                .build();
            }
            List<TrainingListener> all = new ArrayList<>();
            if (standardListeners) {
                all.addAll(TrainingListeners.standard(runDirectory));
            }
            all.addAll(listeners);
            return new ReconTrainer(this, all);
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
