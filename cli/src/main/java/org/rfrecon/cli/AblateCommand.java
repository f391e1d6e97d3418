package org.rfrecon.cli;

import ai.djl.Device;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rfrecon.datasets.io.OutputSet;
import org.rfrecon.jobs.cluster.AblationJob;
import org.rfrecon.jobs.cluster.ClusterSession;
import org.rfrecon.training.EpochMetrics;
import org.rfrecon.training.ReconTrainer;
import org.rfrecon.training.TrainingListener;
import org.rfrecon.training.ablation.Ablation;
import org.rfrecon.training.ablation.AblationConfig;
import org.rfrecon.training.ablation.AblationListener;
import org.rfrecon.training.ablation.ResultRow;
import org.rfrecon.training.ablation.RunExecutor;
import org.rfrecon.training.ablation.UnrolledVariantRunner;
import org.rfrecon.training.ablation.Variant;
import org.rfrecon.training.metric.SpecQualityMetrics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rfrecon ablate}: trains every variant of a grid with every seed, evaluates all on one
 * held-out set, and writes results.csv, results.md and plots. Rerunning skips finished rows.
 */
@Command(
        name = "ablate",
        mixinStandardHelpOptions = true,
        description = "Runs an ablation grid: results.csv, results.md and plots in --out.")
final class AblateCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--preset", description = "embedded grid: tiny or small")
        String preset;

        @Option(
                names = "--config",
                description = "an ablation JSON (base, axes, seeds, eval_count)")
        Path config;
    }

    @Option(names = "--out", required = true, description = "output directory (resumable)")
    Path out;

    @Mixin DeviceOption device;

    @Mixin ClusterOptions cluster;

    @Option(
            names = "--cuda-graphs",
            defaultValue = "auto",
            description =
                    "auto, on or off (default ${DEFAULT-VALUE}): replay each training step as a"
                            + " CUDA graph, as train does (one GPU and rfrecon's CUDA-graph"
                            + " bridge, docs/gpu.md); local grids only")
    String cudaGraphs;

    @Override
    public Integer call() throws Exception {
        ClusterSession session = cluster.requested() ? cluster.open() : null; // checks the URL
        try (AutoCloseable c = session == null ? () -> {} : session) {
            return run(session);
        }
    }

    private int run(ClusterSession session) throws Exception {
        AblationConfig grid =
                source.config != null
                        ? AblationConfig.read(source.config)
                        : AblationConfig.preset(source.preset);
        Device dev = device.resolve();
        boolean graphs = Flags.cudaGraphs(cudaGraphs, List.of(dev));
        if (session != null && cudaGraphs.equals("on")) {
            throw new CliErrors.UserError(
                    "--cuda-graphs on: a grid on Spark trains eagerly; CUDA graphs run in local"
                            + " grids");
        }
        List<Variant> variants = grid.variants(); // validated before any training
        try (OutputSet outputs = OutputSet.create()) { // checks only: written in place
            outputs.input(source.config);
            outputs.inPlace(out); // resumable: finished rows are kept
        }
        System.out.printf(
                Locale.ROOT,
                "ablation on %s: %d variants x %d seeds%n",
                grid.base().data().preset().id(),
                variants.size(),
                grid.seeds().size());
        UnrolledVariantRunner runner =
                new UnrolledVariantRunner(
                        grid, dev, new SpecQualityMetrics(), v -> new EpochLines(), graphs);
        RunExecutor executor = RunExecutor.SEQUENTIAL;
        if (session != null) {
            String json =
                    source.config == null
                            ? null
                            : Files.readString(source.config, StandardCharsets.UTF_8);
            executor = session.ablation(new AblationJob(source.preset, json, device.kind));
            System.out.println("on Spark, master " + session.master());
        }
        List<ResultRow> rows = new Ablation(grid, runner, out, new GridProgress(), executor).run();
        long failed = rows.stream().filter(r -> !r.ok()).count();
        System.out.printf(
                Locale.ROOT,
                "%d runs, %d failed; results in %s (results.csv, results.md, plots)%n",
                rows.size(),
                failed,
                out);
        return 0;
    }

    /** One line per finished run, with the grid's progress. */
    private static final class GridProgress implements AblationListener {
        private int total;
        private int done;

        @Override
        public void onGridStart(int total, int todo) {
            this.total = todo;
            System.out.printf(Locale.ROOT, "%d runs to do (%d already done)%n", todo, total - todo);
        }

        @Override
        public void onRunStart(Variant variant, long seed) {
            System.out.printf(
                    Locale.ROOT, "[%d/%d] %s, seed %d%n", done + 1, total, variant.id(), seed);
        }

        @Override
        public void onRunEnd(ResultRow row) {
            done++;
            System.out.printf(
                    Locale.ROOT,
                    "[%d/%d] %s seed %d: %s%n",
                    done,
                    total,
                    row.variant(),
                    row.seed(),
                    row.ok()
                            ? String.format(
                                    Locale.ROOT,
                                    "NMSE %.2f dB in %.1f s",
                                    row.nmseDb(),
                                    row.trainSeconds())
                            : "failed: " + row.error());
        }
    }

    /** Per-variant progress: one short line per epoch. */
    private static final class EpochLines implements TrainingListener {
        @Override
        public void onEpochEnd(ReconTrainer trainer, EpochMetrics row) {
            System.out.printf(
                    Locale.ROOT,
                    "    epoch %d: validation NMSE %.2f dB%n",
                    row.epoch(),
                    row.valNmseDb());
        }
    }
}
