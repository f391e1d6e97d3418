package org.rfrecon.cli;

import ai.djl.Device;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rfrecon.cli.bench.BenchReport;
import org.rfrecon.cli.bench.BenchSuite;
import org.rfrecon.cli.bench.MultiDeviceCase;
import org.rfrecon.cli.bench.OpCountCase;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.OutputSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rfrecon bench --preset P [--device cpu|gpu] [--json OUT.json] [--repeats N]}: measures the
 * operators of a preset with warm-up, repeated device-synchronised runs and medians, prints a table
 * and optionally writes it as JSON (docs/benchmarks.md).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Measures operator speed (dense vs Kronecker, batched vs loop, roofline, precisions,"
                        + " complex-matmul kernels) on one device; medians of repeated runs.")
final class BenchCommand implements Callable<Integer> {

    @Mixin PresetOption preset;

    @Mixin DeviceOption device;

    @Option(names = "--json", description = "also write the results as one JSON object here")
    Path json;

    @Option(
            names = "--devices",
            defaultValue = "1",
            description =
                    "N or all: also measure the scaling over 1, 2, 4, 8 of the first N devices of"
                            + " the --device kind (default 1: no scaling rows)")
    String devices;

    @Option(
            names = "--repeats",
            description = "timed samples per case (default 7 on cpu, 20 on gpu)")
    Integer repeats;

    @Option(
            names = "--count-ops",
            description =
                    "count the native calls of an ADMM iteration and a training step, by part,"
                            + " instead of timing (on the CPU; the preset is the 2D geometry)")
    boolean countOps;

    @Override
    public Integer call() throws Exception {
        preset.geometry(); // a bad name fails before any work
        if (countOps) {
            JsonObject counts = OpCountCase.run(preset.name, System.out::println);
            if (json != null) {
                write(json, new GsonBuilder().setPrettyPrinting().create().toJson(counts) + "\n");
                System.out.println("wrote " + json);
            }
            return 0;
        }
        if (repeats != null && (repeats < 1 || repeats > 1000)) {
            throw new IllegalArgumentException("--repeats must be 1..1000, got " + repeats);
        }
        List<Device> devs = Flags.devices(device.kind, devices);
        Device d = devs.get(0);
        int n = repeats != null ? repeats : (d.isGpu() ? 20 : 7);
        try (OutputSet outputs = OutputSet.create()) {
            Path jsonTmp = json == null ? null : outputs.file(json);
            BenchReport report = BenchSuite.run(preset.name, d, n, System.err::println);
            if (devs.size() > 1) {
                report =
                        MultiDeviceCase.appendTo(report, preset.name, devs, n, System.err::println);
            }
            System.out.print(report.table());
            if (jsonTmp != null) {
                write(jsonTmp, report.toJsonText() + "\n");
            }
            outputs.commit();
        }
        if (json != null) {
            System.out.println("wrote " + json);
        }
        return 0;
    }

    /** Writes {@code text} to {@code target} atomically (a temporary file, then a rename). */
    static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
