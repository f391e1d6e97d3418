package org.rfrecon.datasets.io;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the JSON files of runs, models and shard stores. */
public final class JsonFiles {

    private JsonFiles() {}

    /**
     * The JSON object in UTF-8 file {@code file}.
     *
     * @param problem what a file that does not hold one is, in the message (e.g. {@code "not valid
     *     JSON"})
     * @throws IOException if the file cannot be read, or (one line: the file, {@code problem} and
     *     the parser's reason) if it holds no JSON object
     */
    public static JsonObject readObject(Path file, String problem) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": " + problem + " (" + e.getMessage() + ")", e);
        }
    }
}
