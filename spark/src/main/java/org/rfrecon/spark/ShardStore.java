package org.rfrecon.spark;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.JsonFiles;
import org.rfrecon.datasets.sim.ShardInfo;
import org.rfrecon.datasets.sim.ShardRecords;
import org.rfrecon.jobs.InvalidInputException;

/**
 * A sharded output directory written by many tasks and resumable: each task writes its shard
 * atomically ({@link AtomicFiles}) and then records the shard's entry, with its SHA-256, under
 * {@code .rfrecon-spark/}; a rerun keeps every shard whose recorded checksum still verifies. The
 * driver writes the index ({@code dataset.json}, {@code reconstructions.json}) last and then
 * removes {@code .rfrecon-spark/}, so a finished directory is byte for byte what a single machine
 * writes.
 *
 * <p>{@code .rfrecon-spark/job.json} holds the request (the index without its shards): a rerun with
 * another request is refused rather than mixing shards of two requests. A finished directory of the
 * same request is resumed from its index's checksums.
 */
final class ShardStore {

    /** The directory of task records inside the output directory. */
    static final String STATE = ".rfrecon-spark";

    private static final String JOB = "job.json";

    private final Path dir;

    private ShardStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Prepares {@code out} for the request {@code job} (the index's JSON without shards).
     *
     * @param index the index file's name
     * @throws InvalidInputException one line naming {@code out} if it holds anything else than an
     *     empty directory, an unfinished or finished output of the same request
     */
    static ShardStore begin(Path out, JsonObject job, String index) throws IOException {
        Path dir = out.toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(
                    "output directory " + out + ": exists and is not a directory");
        }
        Path jobFile = dir.resolve(STATE).resolve(JOB);
        Path indexFile = dir.resolve(index);
        JsonObject finished = null;
        if (Files.exists(jobFile)) {
            if (!request(read(jobFile)).equals(request(job))) {
                throw new InvalidInputException(
                        "output directory "
                                + out
                                + ": holds an unfinished run of another request ("
                                + jobFile
                                + "); choose a new directory");
            }
        } else if (Files.exists(indexFile)) {
            finished = read(indexFile);
            if (!request(finished).equals(request(job))) {
                throw new InvalidInputException(
                        "output directory "
                                + out
                                + ": holds the output of another request; choose a new one");
            }
        } else if (Files.isDirectory(dir) && !onlyState(dir)) {
            throw new InvalidInputException(
                    "output directory "
                            + out
                            + ": exists and is not an empty directory; choose a new one");
        }
        Files.createDirectories(dir.resolve(STATE));
        if (finished != null) {
            Gson gson = new Gson();
            for (JsonElement e : finished.getAsJsonArray("shards")) {
                record(dir, gson.fromJson(e, ShardInfo.class));
            }
        }
        AtomicFiles.write(jobFile, request(job).toString().getBytes(StandardCharsets.UTF_8));
        Files.deleteIfExists(indexFile); // written again, last, when every shard is there
        return new ShardStore(dir);
    }

    /** The absolute output directory. */
    Path directory() {
        return dir;
    }

    /**
     * The recorded entry of {@code file} if the shard is there and its SHA-256 matches, else null
     * (the task writes it again).
     */
    static ShardInfo kept(Path dir, String file) throws IOException {
        return ShardRecords.kept(dir, dir.resolve(STATE), file);
    }

    /** Records a written shard's entry (after the shard itself is in place). */
    static void record(Path dir, ShardInfo s) throws IOException {
        ShardRecords.record(dir.resolve(STATE), s);
    }

    /** Removes the task records once the index is written. */
    void finish() throws IOException {
        AtomicFiles.deleteRecursively(dir.resolve(STATE));
    }

    private static JsonObject request(JsonObject index) {
        JsonObject o = index.deepCopy();
        o.remove("shards");
        return o;
    }

    private static JsonObject read(Path f) throws IOException {
        return JsonFiles.readObject(f, "not valid JSON");
    }

    private static boolean onlyState(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.getFileName().toString().equals(STATE));
        }
    }
}
