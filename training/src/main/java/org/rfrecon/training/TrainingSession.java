package org.rfrecon.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.RandomAccessDataset;
import java.io.IOException;
import java.util.List;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.sim.BatchSimulator;
import org.rfrecon.datasets.sim.SimulatedDataset;
import org.rfrecon.datasets.sim.Simulator;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * One training run assembled from a {@link TrainConfig}: simulated training data (seeded by the
 * config; {@code data: fresh} draws new scenes every epoch through {@link FreshScenes}, {@code
 * fixed} simulates {@code train_count} scenes once), a held-out set shared by every run of the same
 * preset and physics ({@link #HELD_OUT_SEED}), the unrolled network, and the {@link ReconTrainer}.
 * {@link #run} trains, restores the best checkpoint, and evaluates network and baselines on the
 * held-out set.
 */
public final class TrainingSession implements AutoCloseable {

    /** The seed of the held-out set: fixed, so every run and variant is judged on the same data. */
    public static final long HELD_OUT_SEED = 20_261_125L;

    private final TrainConfig config;
    private final Geometry geometry;
    private final NDManager manager;
    private final UnrolledAdmm network;
    private final InMemoryDataset fixedTrain; // null for fresh data
    private final BatchSimulator freshSimulator; // null for fixed data
    private final InMemoryDataset heldOut;
    private final ReconTrainer trainer;
    private final GraphedReconstructor graphed; // null without CUDA graphs
    private final QualityMetrics metrics;

    /** A builder; config, run directory and metrics are required. */
    public static Builder builder() {
        return new Builder();
    }

    private TrainingSession(Builder b) throws IOException {
        TrainConfig config = b.config;
        List<Device> devices = b.devices;
        Device device = devices.get(0);
        this.config = config;
        this.metrics = b.metrics;
        this.geometry = config.data().preset().geometry();
        this.manager = NDManager.newBaseManager(device);
        DataSpec data = config.data();
        DataType dtype = config.architecture().precision();
        TrainingData train;
        if (data.mode() == DataMode.FRESH) {
            this.fixedTrain = null;
            this.freshSimulator =
                    data.applyTo(BatchSimulator.builder())
                            .setGeometry(geometry)
                            .setManager(manager)
                            .optDataType(dtype)
                            .build();
            train = new FreshScenes(freshSimulator, config.seed(), data.trainCount(), dtype);
        } else {
            this.freshSimulator = null;
            this.fixedTrain = simulate(config, geometry, config.seed(), data.trainCount(), manager);
            train = TrainingData.fixed(fixedTrain);
        }
        this.heldOut = heldOutSet(b.heldOutConfig == null ? config : b.heldOutConfig, manager);
        this.network = initialisedNetwork(config, geometry, manager);
        if (config.initialisation().warmStart().isPresent()) {
            if (b.initialParameters == null) {
                throw new IllegalArgumentException(
                        "config: init_model '"
                                + config.initialisation().initModel()
                                + "' needs a parameter source (this front end does not load"
                                + " models)");
            }
            b.initialParameters.loadInto(network, manager);
            CheckpointStore.collectGradientsAgain(network);
        }
        boolean checkpointing = config.optimisation().checkpointing();
        this.graphed =
                b.cudaGraphs ? new GraphedReconstructor(network, manager, checkpointing) : null;
        Reconstructor reconstructor =
                graphed != null
                        ? graphed
                        : devices.size() == 1
                                ? new UnrolledReconstructor(network, manager, checkpointing)
                                : new DataParallelReconstructor(network, devices, checkpointing);
        this.trainer =
                ReconTrainer.builder()
                        .setConfig(config)
                        .setNetwork(reconstructor)
                        .setData(train, heldOut)
                        .setMetrics(metrics)
                        .setRunDirectory(b.runDirectory)
                        .addTrainingListeners(b.listeners.toArray(new TrainingListener[0]))
                        .build();
    }

    /**
     * The network a configuration describes, initialised on {@code manager} from the config's seed
     * (the same parameters for the same config, whatever the devices of the run).
     */
    static UnrolledAdmm initialisedNetwork(
            TrainConfig config, Geometry geometry, NDManager manager) {
        UnrolledAdmm network =
                config.initialisation()
                        .applyTo(
                                UnrolledAdmm.builder()
                                        .setGeometry(geometry)
                                        .setArchitecture(config.architecture()))
                        .build();
        ai.djl.util.RandomUtils.RANDOM.setSeed(config.seed()); // Xavier draws of the CNN
        manager.getEngine().setRandomSeed((int) config.seed());
        network.initialize(
                manager,
                config.architecture().precision(),
                network.inputShape(config.optimisation().batchSize()));
        return network;
    }

    /**
     * The held-out set of a configuration: {@code val_count} scenes of its preset, physics, scene
     * kind and SNR drawn from {@link #HELD_OUT_SEED}, the same for every run and variant.
     */
    public static InMemoryDataset heldOutSet(TrainConfig config, NDManager manager)
            throws IOException {
        Geometry g = config.data().preset().geometry();
        return simulate(config, g, HELD_OUT_SEED, config.data().valCount(), manager);
    }

    private static InMemoryDataset simulate(
            TrainConfig config, Geometry geometry, long seed, int count, NDManager manager)
            throws IOException {
        DataSpec data = config.data();
        DataType dtype = config.architecture().precision();
        Simulator sim =
                data.applyTo(Simulator.builder())
                        .setGeometry(geometry)
                        .setManager(manager)
                        .optSeed(seed)
                        .optDataType(dtype)
                        .build();
        RandomAccessDataset source =
                SimulatedDataset.builder()
                        .optSimulator(sim, count)
                        .optDataType(dtype)
                        .setSampling(1, false)
                        .build();
        return new InMemoryDataset(source, manager);
    }

    /** The network (initialised; after {@link #run}, the best checkpoint's parameters). */
    public UnrolledAdmm network() {
        return network;
    }

    /** The geometry of the data. */
    public Geometry geometry() {
        return geometry;
    }

    /** The held-out set. */
    public RandomAccessDataset heldOut() {
        return heldOut;
    }

    /** The number of learned scalars. */
    public long parameterCount() {
        return network.getParameters().values().stream()
                .mapToLong(p -> p.getArray().getShape().size())
                .sum();
    }

    /** The mean held-out NMSE (dB) of the network as it is now (before training: its start). */
    public double validationNmseDb() {
        return trainer.validate(manager).quality().nmseDb();
    }

    /** The mean validation loss of the network as it is now (before training: the baseline). */
    public double validationLoss() {
        return trainer.validate(manager).loss();
    }

    /**
     * Trains (resuming from the last checkpoint when asked), loads the best checkpoint, and
     * evaluates network and baselines on the held-out set.
     */
    public TrainingSummary run(boolean resume) throws IOException {
        long start = System.nanoTime();
        TrainingRun run = trainer.fit(manager, resume);
        double seconds = (System.nanoTime() - start) / 1e9;
        trainer.checkpoints()
                .load(CheckpointStore.BEST, network, ResumableAdam.builder().build(), manager);
        Validation net = trainer.validate(manager);
        Baselines.Scores base =
                Baselines.evaluate(
                        geometry,
                        heldOut,
                        config.architecture().stages(),
                        config.architecture().cgIterations(),
                        metrics,
                        manager);
        return new TrainingSummary(
                config,
                run.state().epoch(),
                run.state().epoch() - run.resumedEpochs(),
                net.quality(),
                base.backprojection(),
                base.admm(),
                seconds,
                parameterCount(),
                trainer.peakStepBytes(),
                run.history());
    }

    /** Frees data, network and operators. */
    @Override
    public void close() {
        if (graphed != null) {
            graphed.close();
        }
        if (fixedTrain != null) {
            fixedTrain.close();
        }
        if (freshSimulator != null) {
            freshSimulator.close();
        }
        heldOut.close();
        manager.close();
    }

    /** Builds a {@link TrainingSession}: simulates its data and initialises its network. */
    public static final class Builder extends RunBuilder<Builder> {
        private TrainConfig heldOutConfig;
        private List<Device> devices = List.of(Device.cpu());
        private ParameterSource initialParameters;
        private boolean cudaGraphs;

        private Builder() {}

        /**
         * Whether each training step replays a CUDA graph of itself (optional; default false): the
         * same steps, with the host's per-operation cost gone ({@link GraphedReconstructor}). It
         * needs one GPU device and rfrecon's CUDA-graph bridge ({@link
         * org.rfrecon.core.device.CudaGraph}).
         */
        public Builder optCudaGraphs(boolean cudaGraphs) {
            this.cudaGraphs = cudaGraphs;
            return this;
        }

        /**
         * The devices (optional; default the CPU), primary first. Data, parameters and optimizer
         * state live on the primary device; with more than one each batch is split over replicas
         * ({@link DataParallelReconstructor}).
         */
        public Builder optDevices(List<Device> devices) {
            this.devices = List.copyOf(devices);
            return this;
        }

        /** One device (optional; default the CPU). */
        public Builder optDevice(Device device) {
            return optDevices(List.of(device));
        }

        /**
         * The configuration whose held-out set judges the run (optional; default the run's own): an
         * ablation judges variants trained on other physics or set sizes on one held-out set.
         */
        public Builder optHeldOutConfig(TrainConfig heldOutConfig) {
            this.heldOutConfig = heldOutConfig;
            return this;
        }

        /**
         * Where the parameters of a warm-started run come from (required when the config names an
         * {@code init_model}, ignored otherwise): it is applied after the seeded initialisation,
         * and a resumed run's checkpoint replaces it again.
         */
        public Builder optInitialParameters(ParameterSource initialParameters) {
            this.initialParameters = initialParameters;
            return this;
        }

        /**
         * Simulates the data, initialises the network and builds the trainer.
         *
         * @throws IOException if simulation fails
         * @throws IllegalArgumentException if something required is missing or no device is given
         */
        public TrainingSession build() throws IOException {
            if (config == null || runDirectory == null || metrics == null) {
                throw new IllegalArgumentException(
                        "a training session needs a config, a run directory and metrics");
            }
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("a training run needs at least one device");
            }
            if (cudaGraphs) {
                GraphedReconstructor.unavailability(devices)
                        .ifPresent(
                                why -> {
                                    throw new IllegalArgumentException(why);
                                });
            }
            return new TrainingSession(this);
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
