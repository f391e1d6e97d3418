package org.rfrecon.datasets.sim;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.Checksums;

/**
 * The records that make a sharded output directory resumable: after a shard file is in place, its
 * entry ({@link ShardInfo}, with its SHA-256) is written to {@code RECORDS/FILE.json}; a rerun
 * keeps a shard only if its record is there and the file's checksum still matches. Used by {@link
 * DatasetDirectory#fill} on one machine and by the cluster engine's output directories.
 */
public final class ShardRecords {

    private ShardRecords() {}

    /**
     * The recorded entry of shard {@code file} of {@code dir} if the shard and its record are there
     * and the shard's SHA-256 matches, else null (the shard is to be written again).
     *
     * @param records the records' directory (inside {@code dir})
     */
    public static ShardInfo kept(Path dir, Path records, String file) throws IOException {
        Path rec = records.resolve(file + ".json");
        Path shard = dir.resolve(file);
        if (!Files.isRegularFile(rec) || !Files.isRegularFile(shard)) {
            return null;
        }
        ShardInfo s;
        try {
            s = new Gson().fromJson(Files.readString(rec, StandardCharsets.UTF_8), ShardInfo.class);
        } catch (RuntimeException e) {
            return null; // unreadable: written again
        }
        return s != null && file.equals(s.file()) && Checksums.sha256(shard).equals(s.sha256())
                ? s
                : null;
    }

    /** Records a written shard's entry in {@code records} (after the shard itself is in place). */
    public static void record(Path records, ShardInfo s) throws IOException {
        AtomicFiles.write(
                records.resolve(s.file() + ".json"),
                new Gson().toJson(s).getBytes(StandardCharsets.UTF_8));
    }
}
