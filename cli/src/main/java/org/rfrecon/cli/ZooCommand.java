package org.rfrecon.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rfrecon.models.ModelDirectory;
import org.rfrecon.models.ModelManifest;
import org.rfrecon.models.ModelRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rfrecon zoo list}: the models of the rfrecon zoo, their geometry and metrics. */
@Command(
        name = "zoo",
        mixinStandardHelpOptions = true,
        description = "Lists the models of the rfrecon model zoo (bundled and user repositories).")
final class ZooCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "list", arity = "1")
    String action;

    @Override
    public Integer call() {
        if (!"list".equals(action)) {
            throw new IllegalArgumentException("zoo: unknown action '" + action + "'; known: list");
        }
        Map<String, Path> models = ModelRepository.discover();
        System.out.printf(
                Locale.ROOT,
                "%-22s %-12s %-14s %10s  %s%n",
                "name",
                "preset",
                "architecture",
                "NMSE (dB)",
                "location");
        for (Map.Entry<String, Path> e : models.entrySet()) {
            try {
                ModelManifest m = ModelDirectory.read(e.getValue());
                JsonObject a = m.architecture();
                String arch =
                        "K="
                                + a.get("stages").getAsInt()
                                + " "
                                + a.get("regularizer").getAsString();
                double nmse =
                        m.training().has("network")
                                ? m.training()
                                        .getAsJsonObject("network")
                                        .get("nmse_db")
                                        .getAsDouble()
                                : Double.NaN;
                System.out.printf(
                        Locale.ROOT,
                        "%-22s %-12s %-14s %10.2f  %s%n",
                        e.getKey(),
                        m.geometry().preset(),
                        arch,
                        nmse,
                        e.getValue());
            } catch (IOException | RuntimeException ex) {
                System.out.printf(
                        Locale.ROOT, "%-22s (unreadable: %s)%n", e.getKey(), ex.getMessage());
            }
        }
        if (models.isEmpty()) {
            System.out.println(
                    "(no models: train one with rfrecon train, or add model directories to ~/.rfrecon/zoo)");
        }
        return 0;
    }
}
