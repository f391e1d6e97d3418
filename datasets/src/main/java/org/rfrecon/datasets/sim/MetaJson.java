package org.rfrecon.datasets.sim;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.NpyFormatException;
import org.rfrecon.datasets.npy.NpzReader;

/**
 * The {@code meta} member of rfrecon's NPZ files: UTF-8 JSON as a 1-D {@code |u1} array (SPEC §3).
 * Reading refuses, each with one plain line: another dtype or shape, more than {@link #MAX_BYTES}
 * bytes (checked from the header, before inflating), invalid UTF-8, text that is not a JSON object,
 * and an unknown format version (a meta without one is version 1, as written before versions were
 * recorded).
 */
final class MetaJson {

    /** The largest meta read, in bytes; a real one is a few kilobytes. */
    static final long MAX_BYTES = 1 << 20;

    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::\\s*)?");

    private MetaJson() {}

    /**
     * Reads {@code key} of {@code r} as a JSON object.
     *
     * @throws NpyFormatException naming {@code file:key} and what is wrong
     */
    static JsonObject read(NpzReader r, String file, String key) throws IOException {
        String src = file + ":" + key;
        HostArray a =
                r.read(
                        key,
                        h -> {
                            if (h.dtype() != DType.UINT8 || h.shape().length != 1) {
                                throw new NpyFormatException(
                                        src,
                                        "dtype "
                                                + h.dtype().descr()
                                                + " shape "
                                                + HostArray.shapeString(h.shape())
                                                + ", expected UTF-8 JSON as a 1-D |u1 array");
                            }
                            if (h.dataBytes() > MAX_BYTES) {
                                throw new NpyFormatException(
                                        src,
                                        h.dataBytes()
                                                + " bytes of meta, more than any real meta ("
                                                + MAX_BYTES
                                                + ")");
                            }
                        });
        return parse(a.toByteArray(), src);
    }

    /** Decodes strict UTF-8 and parses a JSON object. */
    static JsonObject parse(byte[] bytes, String src) throws NpyFormatException {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException(src, "not valid UTF-8 text (expected UTF-8 JSON)");
        }
        JsonElement e;
        try {
            e = JsonParser.parseString(text);
        } catch (JsonParseException x) {
            Matcher m = POSITION.matcher(String.valueOf(x.getMessage()));
            throw new NpyFormatException(
                    src,
                    "not JSON"
                            + (m.find()
                                    ? " (syntax error at line "
                                            + m.group(1)
                                            + " column "
                                            + m.group(2)
                                            + ")"
                                    : ""));
        }
        if (!e.isJsonObject()) {
            throw new NpyFormatException(
                    src, "not a JSON object (expected {...} with the geometry)");
        }
        return e.getAsJsonObject();
    }

    /**
     * Refuses a meta of another format or of a version other than {@code version}; a meta without a
     * version is version 1.
     *
     * @throws IllegalArgumentException naming the format or version found
     */
    static void checkVersion(JsonObject o, String format, int version) {
        if (o.has("format")
                && !(o.get("format").isJsonPrimitive()
                        && format.equals(o.get("format").getAsString()))) {
            throw new IllegalArgumentException("format " + o.get("format") + " is not " + format);
        }
        int found = 1;
        if (o.has("version")) {
            JsonElement v = o.get("version");
            if (!v.isJsonPrimitive()
                    || !v.getAsJsonPrimitive().isNumber()
                    || v.getAsDouble() != Math.rint(v.getAsDouble())) {
                throw new IllegalArgumentException("version " + v + " is not an integer");
            }
            found = v.getAsInt();
        }
        if (found != version) {
            throw new IllegalArgumentException(
                    "format version "
                            + found
                            + " is not supported (this rfrecon reads version "
                            + version
                            + "; a newer rfrecon may have written it)");
        }
    }

    /** {@code message} without Java class names (e.g. Gson's exception types), on one line. */
    static String plain(String message) {
        if (message == null) {
            return "malformed";
        }
        String m = CLASS_NAME.matcher(message).replaceAll("").replace('\n', ' ').strip();
        return m.isEmpty() ? "malformed" : m;
    }
}
