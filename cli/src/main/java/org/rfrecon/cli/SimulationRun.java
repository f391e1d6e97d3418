package org.rfrecon.cli;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.HostArrays;
import org.rfrecon.datasets.render.Figure;
import org.rfrecon.datasets.render.Panels;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.Simulation;
import org.rfrecon.datasets.sim.SimulationFile;
import org.rfrecon.datasets.sim.Simulator;

/**
 * The work of {@code rfrecon simulate} once its inputs are checked: one file or a directory.
 *
 * @param sim the simulator
 * @param manager computes the samples (on the simulator's device)
 * @param report what is printed, for {@code --json}
 */
record SimulationRun(Simulator sim, NDManager manager, JsonObject report) {

    /** Sample 0 of the seed into one simulation file; returns what to print after "wrote FILE". */
    String single(Path out, Path png) throws IOException {
        try (NDManager step = manager.newSubManager();
                Simulation s = sim.simulate(step, 0)) {
            SimulationFile.write(out, s, sim.factors());
            double measured = s.meta().measuredSnrDb();
            System.out.printf("measured SNR %.2f dB%n", measured);
            report.add("measured_snr_db", finite(measured));
            sceneStats(HostArray.fromComplexTensor(s.scene()));
            if (png != null) {
                render(s.scene(), png, "sample 0");
            }
            return " (" + Files.size(out) / 1024 + " KiB)";
        }
    }

    /** Writes a dataset directory given the progress bar (on this machine or a cluster). */
    @FunctionalInterface
    interface DatasetWriter {
        DatasetDirectory write(Progress progress) throws IOException;
    }

    /**
     * Samples 0 .. count-1 into a dataset directory by {@code writer}, with progress; returns what
     * to print after "wrote DIR".
     */
    String dataset(long count, Path png, DatasetWriter writer) throws IOException {
        DatasetDirectory d;
        try (Progress p = Progress.start("simulate", count)) {
            d = writer.write(p);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        HostArray first = null;
        for (int k = 0; k < d.info().shards().size(); k++) {
            Map<String, HostArray> shard =
                    d.readShard(k); // also verifies the checksum just written
            for (double v : shard.get("measured_snr_db").toDoubleArray()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            if (first == null) {
                first = HostArrays.item(shard.get("scene"), 0);
            }
        }
        System.out.printf(
                "measured SNR %.2f dB mean (min %.2f, max %.2f) over %d samples%n",
                sum / count, min, max, count);
        report.addProperty("count", count);
        report.addProperty("shards", d.info().shards().size());
        report.add("measured_snr_db", finite(sum / count));
        report.add("measured_snr_db_min", finite(min));
        report.add("measured_snr_db_max", finite(max));
        sceneStats(first);
        if (png != null) {
            try (NDManager step = manager.newSubManager()) {
                render(first.toComplexTensor(step), png, "sample 0 of " + count);
            }
        }
        return " (" + d.info().shards().size() + " shards, dataset.json)";
    }

    /** Prints and reports the support, peak and energy of a scene. */
    private void sceneStats(HostArray scene) {
        double[] c = scene.toInterleaved();
        long nonzero = 0;
        double peak = 0;
        double energy = 0;
        for (int i = 0; i < c.length / 2; i++) {
            double a2 = c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1];
            nonzero += a2 > 0 ? 1 : 0;
            peak = Math.max(peak, Math.sqrt(a2));
            energy += a2;
        }
        long pixels = c.length / 2;
        System.out.printf(
                "scene (sample 0): %d of %d pixels non-zero (%.1f%%), peak |x| %.3f, ||x||^2 %.3f%n",
                nonzero, pixels, 100.0 * nonzero / pixels, peak, energy);
        JsonObject s = new JsonObject();
        s.addProperty("nonzero", nonzero);
        s.addProperty("pixels", pixels);
        s.addProperty("peak", peak);
        s.addProperty("energy", energy);
        report.add("scene_stats", s);
    }

    private void render(ComplexTensor scene, Path png, String what) throws IOException {
        Figure.builder()
                .optTitle(sim.geometry().preset() + ", " + sim.physics().id() + " physics, " + what)
                .addPanels(Panels.of("scene |x|", scene))
                .build()
                .write(png);
    }

    /** JSON has no infinity: an infinite SNR (no noise) is reported as the string "inf". */
    private static com.google.gson.JsonPrimitive finite(double v) {
        return Double.isFinite(v)
                ? new com.google.gson.JsonPrimitive(v)
                : new com.google.gson.JsonPrimitive(v > 0 ? "inf" : "nan");
    }
}
