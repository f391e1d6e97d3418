package org.rfrecon.cli;

import ai.djl.Device;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rfrecon.datasets.io.DirectoryLock;
import org.rfrecon.datasets.io.OutputSet;
import org.rfrecon.datasets.render.LinePlot;
import org.rfrecon.jobs.WarmStart;
import org.rfrecon.models.ModelDirectory;
import org.rfrecon.training.CheckpointStore;
import org.rfrecon.training.EpochMetrics;
import org.rfrecon.training.ParameterSource;
import org.rfrecon.training.ReconTrainer;
import org.rfrecon.training.TrainConfig;
import org.rfrecon.training.TrainingListener;
import org.rfrecon.training.TrainingSession;
import org.rfrecon.training.TrainingSummary;
import org.rfrecon.training.metric.Quality;
import org.rfrecon.training.metric.SpecQualityMetrics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rfrecon train}: trains an unrolled ADMM network on simulated scenes and exports it as a
 * model directory ({@code --out}), with its run state (checkpoints, metrics.csv, curves,
 * config.json) under {@code --out}/training.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains an unrolled ADMM network on simulated scenes and exports the model.")
final class TrainCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(
                names = "--preset",
                description =
                        "preset: ${COMPLETION-CANDIDATES} (defaults for it; docs/training.md)",
                completionCandidates = PresetNames.class)
        String preset;

        @Option(names = "--config", description = "a JSON training config (keys of TrainConfig)")
        Path config;
    }

    @Option(names = "--out", required = true, description = "the model directory to write")
    Path out;

    @Mixin TrainOverrides overrides;

    @Mixin DeviceOption device;

    @Option(
            names = "--devices",
            defaultValue = "1",
            description =
                    "N or all: data-parallel training over the first N devices of the --device"
                            + " kind (default ${DEFAULT-VALUE}; the CPU is one device)")
    String devices;

    @Option(names = "--resume", description = "continue from the last checkpoint under --out")
    boolean resume;

    @Option(
            names = "--cuda-graphs",
            defaultValue = "auto",
            description =
                    "auto, on or off (default ${DEFAULT-VALUE}): replay each training step as a"
                            + " CUDA graph; needs one GPU and rfrecon's CUDA-graph bridge"
                            + " (docs/gpu.md), which auto uses where it can")
    String cudaGraphs;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws IOException {
        TrainConfig config = resolve();
        List<Device> devs = Flags.devices(device.kind, devices);
        boolean graphs = Flags.cudaGraphs(cudaGraphs, devs);
        WarmStart warmStart =
                config.initialisation().warmStart().isPresent() ? WarmStart.of(config) : null;
        try (OutputSet outputs = OutputSet.create()) {
            outputs.input(source.config);
            if (warmStart != null) {
                outputs.input(warmStart.directory());
            }
            outputs.inPlace(out); // written over the run (checkpoints), under its lock
            Path jsonTmp = json.path == null ? null : outputs.file(json.path);
            try (DirectoryLock lock = DirectoryLock.acquire(out, System.err::println)) {
                train(config, devs, graphs, warmStart, jsonTmp);
            } catch (DirectoryLock.HeldException e) {
                throw new CliErrors.UserError("--out " + e.getMessage(), e);
            }
            outputs.commit();
        }
        System.out.println("model written to " + out);
        if (json.path != null) {
            System.out.println("wrote " + json.path);
        }
        return 0;
    }

    /**
     * Trains under the lock of {@code --out}, warm-started from {@code warmStart} unless null; the
     * JSON report goes to {@code jsonTmp}.
     */
    private void train(
            TrainConfig config,
            List<Device> devs,
            boolean graphs,
            ParameterSource warmStart,
            Path jsonTmp)
            throws IOException {
        Device dev = devs.get(0);
        Path runDir = out.resolve("training");
        CheckpointStore store = new CheckpointStore(runDir);
        if (!resume && Files.exists(runDir.resolve("checkpoints"))) {
            throw new IllegalArgumentException(
                    out + " already holds a training run; pass --resume or choose another --out");
        }
        if (resume) {
            Optional<CheckpointStore.Loaded> saved = store.peek(CheckpointStore.LAST);
            if (saved.isPresent()) {
                config.checkResumes(saved.get().config(), saved.get().state().epoch());
                System.out.printf(
                        Locale.ROOT,
                        "resuming after epoch %d of %d%n",
                        saved.get().state().epoch(),
                        config.optimisation().epochs());
            }
        }
        Files.createDirectories(runDir);
        System.out.printf(
                Locale.ROOT,
                "training %s on %s: %d stages, %s regularizer, %s x-step, %d epochs of %d samples%n",
                config.data().preset().id(),
                devs.size() == 1 ? dev : devs.size() + " devices " + devs,
                config.architecture().stages(),
                config.architecture().regularizer().id(),
                config.architecture().xStep().id(),
                config.optimisation().epochs(),
                config.data().trainCount());
        TrainingSummary summary;
        try (TrainingSession session =
                TrainingSession.builder()
                        .setConfig(config)
                        .optDevices(devs)
                        .optCudaGraphs(graphs)
                        .setRunDirectory(runDir)
                        .setMetrics(new SpecQualityMetrics())
                        .addTrainingListeners(new Bars(config))
                        .optInitialParameters(warmStart)
                        .build()) {
            summary = session.run(resume);
            JsonObject training = summary.toJson();
            training.addProperty("command", "rfrecon " + String.join(" ", args()));
            ModelDirectory.export(out, session.network(), training);
        }
        writeCurves(runDir, summary.history());
        JsonObject report = report(summary);
        report.addProperty("devices", devs.size());
        System.out.print(table(summary));
        if (jsonTmp != null) {
            Reports.writeJson(jsonTmp, report);
        }
    }

    private List<String> args() {
        return spec.commandLine().getParseResult().originalArgs();
    }

    private TrainConfig resolve() throws IOException {
        TrainConfig c =
                source.config != null
                        ? TrainConfig.read(source.config)
                        : TrainConfig.defaults(source.preset);
        return overrides.applyTo(c);
    }

    /** The summary as printed: network against the baselines on the held-out set. */
    static String table(TrainingSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "%-26s %10s %8s %7s%n",
                        "held-out (" + s.config().data().valCount() + " scenes)",
                        "NMSE (dB)",
                        "PSNR",
                        "SSIM"));
        int stages = s.config().architecture().stages();
        row(b, "unrolled ADMM (K=" + stages + ")", s.network());
        row(b, "backprojection", s.backprojection());
        row(b, "ADMM-l1 (" + stages + " iterations)", s.admm());
        int run = s.epochsThisRun();
        double perEpoch = run > 0 ? s.trainSeconds() / run : 0;
        if (run == s.epochs()) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "trained %d epochs in %.1f s (%.1f s/epoch), %d parameters%n",
                            s.epochs(),
                            s.trainSeconds(),
                            perEpoch,
                            s.parameters()));
        } else {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "trained %d epochs: %d from the checkpoint, %d in this run in %.1f s"
                                    + " (%.1f s/epoch), %d parameters%n",
                            s.epochs(),
                            s.epochs() - run,
                            run,
                            s.trainSeconds(),
                            perEpoch,
                            s.parameters()));
        }
        b.append(
                "NMSE: 0 dB is no better than an all-zero image, -10 dB leaves 10% error energy\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Quality q) {
        b.append(
                String.format(
                        Locale.ROOT,
                        "%-26s %10.2f %8.2f %7.3f%n",
                        name,
                        q.nmseDb(),
                        q.psnr(),
                        q.ssim()));
    }

    private static JsonObject report(TrainingSummary s) {
        JsonObject o = s.toJson();
        s.network().toJson().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        return o;
    }

    /** Loss and NMSE curves of the run's epochs. */
    private static void writeCurves(Path runDir, List<EpochMetrics> history) throws IOException {
        int n = history.size();
        if (n < 1) {
            return;
        }
        double[] epoch = new double[n];
        double[] train = new double[n];
        double[] val = new double[n];
        double[] nmse = new double[n];
        for (int i = 0; i < n; i++) {
            EpochMetrics r = history.get(i);
            epoch[i] = r.epoch();
            train[i] = r.trainLoss();
            val[i] = r.valLoss();
            nmse[i] = r.valNmseDb();
        }
        LinePlot.builder()
                .optTitle("training and validation loss")
                .optXLabel("epoch")
                .optYLabel("loss")
                .optLogY(true)
                .addSeries("train", epoch, train)
                .addSeries("validation", epoch, val)
                .build()
                .write(runDir.resolve("loss.png"));
        LinePlot.builder()
                .optTitle("validation NMSE")
                .optXLabel("epoch")
                .optYLabel("NMSE (dB)")
                .addSeries("validation", epoch, nmse)
                .build()
                .write(runDir.resolve("nmse.png"));
    }

    /** A progress bar per epoch, and one line of metrics after it. */
    private static final class Bars implements TrainingListener {
        private final TrainConfig config;
        private Progress bar;

        Bars(TrainConfig config) {
            this.config = config;
        }

        @Override
        public void onEpochStart(int epoch, int steps) {
            bar =
                    Progress.start(
                            "epoch " + (epoch + 1) + "/" + config.optimisation().epochs(), steps);
        }

        @Override
        public void onStepEnd(StepResult step) {
            bar.update(step.state().step());
        }

        @Override
        public void onEpochEnd(ReconTrainer trainer, EpochMetrics row) {
            bar.close();
            System.out.printf(
                    Locale.ROOT,
                    "epoch %d: train loss %.4g, validation loss %.4g, NMSE %.2f dB, %.1f s%n",
                    row.epoch(),
                    row.trainLoss(),
                    row.valLoss(),
                    row.valNmseDb(),
                    row.seconds());
        }
    }
}
