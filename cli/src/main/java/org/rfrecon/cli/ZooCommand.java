package org.rfrecon.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Rows as aligned columns: each as wide as its widest cell, two spaces apart, the NMSE column
     * right-aligned; the last column is not padded.
     */
    static String table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String cell = c == cols - 1 ? r[c] : pad(r[c], w[c], c == 3);
                line.append(cell).append(c == cols - 1 ? "" : "  ");
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    @Override
    public Integer call() {
        if (!"list".equals(action)) {
            throw new IllegalArgumentException("zoo: unknown action '" + action + "'; known: list");
        }
        Map<String, Path> models = ModelRepository.discover();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "preset", "architecture", "NMSE (dB)", "location"});
        for (Map.Entry<String, Path> e : models.entrySet()) {
            try {
                ModelManifest m = ModelDirectory.read(e.getValue());
                JsonObject a = m.architecture();
                String arch =
                        "K="
                                + a.get("stages").getAsInt()
                                + " "
                                + a.get("regularizer").getAsString();
                String nmse =
                        m.training().has("network")
                                ? String.format(
                                        Locale.ROOT,
                                        "%.2f",
                                        m.training()
                                                .getAsJsonObject("network")
                                                .get("nmse_db")
                                                .getAsDouble())
                                : "-";
                rows.add(
                        new String[] {
                            e.getKey(), m.geometry().preset(), arch, nmse, e.getValue().toString()
                        });
            } catch (IOException | RuntimeException ex) {
                rows.add(
                        new String[] {
                            e.getKey(), "?", "(unreadable: " + ex.getMessage() + ")", "", ""
                        });
            }
        }
        System.out.print(table(rows));
        if (models.isEmpty()) {
            System.out.println(
                    "(no models: train one with rfrecon train, or add model directories to ~/.rfrecon/zoo)");
        }
        return 0;
    }
}
