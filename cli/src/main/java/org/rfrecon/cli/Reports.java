package org.rfrecon.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rfrecon.datasets.io.AtomicFiles;

/** Writes a command's {@code --json} report: one pretty-printed JSON object, atomically. */
final class Reports {

    private Reports() {}

    /** Writes {@code report} to {@code path} (creating missing parent directories). */
    static void writeJson(Path path, JsonObject report) throws IOException {
        createParent(path);
        String text =
                new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .serializeSpecialFloatingPointValues()
                        .create()
                        .toJson(report);
        AtomicFiles.write(path, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the parent directories of {@code path} if missing. */
    static void createParent(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
