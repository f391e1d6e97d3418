package org.rfrecon.cli;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.io.OutputSet;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.Physics;
import org.rfrecon.datasets.sim.Shards;
import org.rfrecon.datasets.sim.Simulator;
import org.rfrecon.jobs.cluster.ClusterSession;
import org.rfrecon.jobs.cluster.SimulationJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rfrecon simulate}: one simulation file, or a dataset directory with {@code --count} (SPEC
 * §3, §4). Prints the measured SNR and scene statistics; {@code --json} writes them as one object;
 * {@code --png} renders the scene magnitude in dB. Every input is checked before anything is
 * written.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Simulates scenes and measurements into FILE.npz, or DIR with --count.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin PresetOption preset;

    @Option(
            names = "--physics",
            defaultValue = "fresnel",
            description = "fresnel or exact (default ${DEFAULT-VALUE})")
    String physics;

    @Option(
            names = "--scene",
            defaultValue = "mixed",
            description =
                    "points, shapes, mixed or any (each scene one of the three; default"
                            + " ${DEFAULT-VALUE}, as train and demo)")
    String scene;

    @Option(
            names = "--snr",
            defaultValue = "30",
            description = "SNR in dB over all of Y, or inf (default ${DEFAULT-VALUE})")
    String snr;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--count",
            description = "samples: write a dataset directory instead of one file")
    Long count;

    @Option(
            names = "--shard-size",
            defaultValue = "64",
            description = "samples per shard (default ${DEFAULT-VALUE})")
    int shardSize;

    @Option(names = "--out", required = true, description = "FILE.npz, or a new DIR with --count")
    Path out;

    @Option(names = "--png", description = "render the (first) scene's magnitude in dB to this PNG")
    Path png;

    @Mixin JobOptions options;

    @Override
    public Integer call() throws IOException {
        options.cluster.check(); // a bad URL or a missing engine: one line, before any work
        if (options.cluster.requested()) {
            if (count == null) {
                throw new CliErrors.UserError("--master needs --count N (a dataset directory)");
            }
        }
        Geometry g = preset.geometry();
        Physics ph = Flags.value("--physics", physics, () -> Physics.byName(physics));
        SceneKind kind = Flags.value("--scene", scene, () -> SceneKind.byName(scene));
        double snrDb = parseSnr(snr);
        checkOutputs(g);
        try (OutputSet outputs = OutputSet.create()) {
            Path outTmp;
            if (count == null) {
                outTmp = outputs.file(out);
            } else if (options.cluster.requested()) {
                outTmp = outputs.inPlace(out); // resumed in place from the shards recorded there
            } else {
                outTmp = outputs.resumableDirectory(out); // resumed from its verified shards
            }
            Path pngTmp = png == null ? null : outputs.file(png);
            Path jsonTmp = options.json.path == null ? null : outputs.file(options.json.path);
            String wrote = simulate(g, ph, kind, snrDb, outTmp, pngTmp, jsonTmp);
            outputs.commit();
            System.out.println("wrote " + out + wrote);
        }
        for (Path p : new Path[] {png, options.json.path}) {
            if (p != null) {
                System.out.println("wrote " + p);
            }
        }
        return 0;
    }

    /** Simulates into the temporaries; returns what to say about the main output once renamed. */
    private String simulate(
            Geometry g,
            Physics ph,
            SceneKind kind,
            double snrDb,
            Path outTmp,
            Path pngTmp,
            Path jsonTmp)
            throws IOException {
        String wrote;
        JsonObject report = new JsonObject();
        report.addProperty("command", "simulate");
        report.addProperty("preset", g.preset());
        report.addProperty("physics", ph.id());
        report.addProperty("scene", kind.id());
        report.addProperty("seed", seed);
        if (Double.isFinite(snrDb)) {
            report.addProperty("snr_db", snrDb);
        } else {
            report.addProperty("snr_db", "inf");
        }
        report.addProperty("device", options.device.kind);
        report.addProperty("geometry", g.summary());
        report.addProperty("out", out.toString());
        if (png != null) {
            report.addProperty("png", png.toString());
        }
        SimulationJob job =
                new SimulationJob(
                        preset.name, ph.id(), kind.id(), snrDb, seed, options.device.kind);
        try (NDManager manager = NDManager.newBaseManager(options.device.resolve());
                Simulator sim = job.simulator(manager)) {
            System.out.println(g.summary());
            System.out.printf(
                    "physics %s, scene %s, seed %d, requested SNR %s dB%n",
                    ph.id(), kind.id(), seed, snr);
            SimulationRun run = new SimulationRun(sim, manager, report);
            if (count == null) {
                wrote = run.single(outTmp, pngTmp);
            } else if (options.cluster.requested()) {
                try (ClusterSession c = options.cluster.open()) {
                    wrote =
                            run.dataset(
                                    count,
                                    pngTmp,
                                    p ->
                                            c.simulate(
                                                    job,
                                                    sim,
                                                    out,
                                                    new Shards(count, shardSize),
                                                    p));
                }
            } else {
                Shards size = new Shards(count, shardSize);
                int kept = DatasetDirectory.resumable(outTmp, sim, size);
                if (kept > 0) {
                    System.out.printf(
                            "resuming an interrupted run: %d of %d shards kept (checksums"
                                    + " verified)%n",
                            kept, size.number());
                }
                wrote =
                        run.dataset(
                                count,
                                pngTmp,
                                p -> DatasetDirectory.fill(outTmp, sim, size, manager, p));
            }
        }
        if (jsonTmp != null) {
            Reports.writeJson(jsonTmp, report);
        }
        return wrote;
    }

    /** Rejects bad destinations before any work, so a bad input writes nothing. */
    private void checkOutputs(Geometry g) throws IOException {
        if (count == null) {
            if (!out.toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
                throw new CliErrors.UserError(
                        "--out "
                                + out
                                + ": a simulation file must end in .npz (or give --count N for a directory)");
            }
            if (Files.isDirectory(out)) {
                throw new CliErrors.UserError(
                        "--out " + out + ": is a directory, expected FILE.npz");
            }
        } else {
            if (count < 1) {
                throw new CliErrors.UserError("--count must be at least 1, got " + count);
            }
            if (shardSize < 1) {
                throw new CliErrors.UserError("--shard-size must be at least 1, got " + shardSize);
            }
            checkSize(g);
            // on a cluster, a directory of an interrupted run of the same request is resumed
            if (!options.cluster.requested()
                    && Files.exists(out)
                    && (!Files.isDirectory(out) || !isEmpty(out))) {
                throw new CliErrors.UserError(
                        "--out "
                                + out
                                + ": exists and is not an empty directory; choose a new one");
            }
        }
        if (png != null && !png.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CliErrors.UserError("--png " + png + ": must end in .png");
        }
    }

    /** The most bytes one shard may take: it is built in one Java array. */
    static final long MAX_SHARD_BYTES = Integer.MAX_VALUE - (1L << 20);

    /**
     * Refuses a dataset whose shards cannot be numbered, whose shard cannot be built in memory, or
     * that cannot fit on the output's file system.
     */
    private void checkSize(Geometry g) throws IOException {
        try {
            DatasetDirectory.shardCount(count, shardSize);
        } catch (IllegalArgumentException e) {
            throw new CliErrors.UserError(
                    "--count " + count + ", --shard-size " + shardSize + ": " + e.getMessage());
        }
        long perSample = DatasetDirectory.bytesPerSample(g, DType.COMPLEX64);
        long inShard = Math.min(count, shardSize);
        if (inShard > MAX_SHARD_BYTES / perSample) {
            throw new CliErrors.UserError(
                    String.format(
                            Locale.ROOT,
                            "--shard-size %d: a shard of %s would take %s; at most %d samples fit"
                                    + " in one shard",
                            shardSize,
                            g.preset(),
                            bytes((double) inShard * perSample),
                            MAX_SHARD_BYTES / perSample));
        }
        double total = (double) count * perSample;
        Path existing = out.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (total > free) {
            throw new CliErrors.UserError(
                    String.format(
                            Locale.ROOT,
                            "--count %d: the dataset would take about %s, and %s has %s free",
                            count,
                            bytes(total),
                            existing,
                            bytes(free)));
        }
    }

    private static String bytes(double b) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (b >= 1000 && u < units.length - 1) {
            b /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Parses {@code --snr}: a number of dB, or {@code inf} for no noise. */
    static double parseSnr(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CliErrors.UserError("--snr must be a number of dB or inf, got '" + s + "'");
        }
    }
}
