package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.Checksums;
import org.rfrecon.datasets.io.OutputSet;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.HostArrays;
import org.rfrecon.datasets.npy.NpyFormatException;
import org.rfrecon.datasets.npy.Npz;
import org.rfrecon.datasets.npy.NpzReader;

/**
 * A dataset directory (SPEC §3): {@code dataset.json} ({@link DatasetInfo}: geometry, counts, seed,
 * physics, SHA-256 of every shard) and shards {@code shard-NNNNN.npz} holding batched arrays:
 * {@code scene} (B, N2, N1) or (B, N3, N2, N1), {@code y} and {@code y_clean} (B, P, F, M2, M1),
 * all complex, {@code measured_snr_db} (B) {@code <f8} and {@code index} (B) {@code <i8}.
 *
 * <p>{@link #write} builds the whole directory under the hidden sibling {@code .NAME.partial},
 * writes {@code dataset.json} last and renames the directory into place, so a failure leaves no
 * directory of that name; a rerun of the same request resumes from the partial's verified shards
 * ({@link #fill}). {@link #open} reads {@code dataset.json}; {@link #readShard} checks the shard's
 * SHA-256 before parsing it and validates every shape against the geometry.
 */
public final class DatasetDirectory {

    /** The name of the index file. */
    public static final String INDEX = "dataset.json";

    private final Path dir;
    private final DatasetInfo info;

    private DatasetDirectory(Path dir, DatasetInfo info) {
        this.dir = dir;
        this.info = info;
    }

    /** The shard file name of shard {@code k}. */
    public static String shardName(int k) {
        return String.format("shard-%05d.npz", k);
    }

    /**
     * Simulates samples {@code 0 .. size.count()-1} of {@code sim} into a new directory {@code
     * dir}. The directory is built as {@code .NAME.partial} beside {@code dir} ({@link #fill},
     * which resumes an interrupted run of the same request from its finished shards) and renamed
     * into place when complete.
     *
     * @param manager computes each sample (on the simulator's device); temporaries are freed
     * @param progress called with the number of samples done after each sample
     * @throws IOException if {@code dir} exists and is not an empty directory, or writing fails
     */
    public static DatasetDirectory write(
            Path dir, Simulator sim, Shards size, NDManager manager, LongConsumer progress)
            throws IOException {
        Path target = dir.toAbsolutePath();
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new IOException(dir + ": exists and is not an empty directory; choose a new one");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(OutputSet.partialName(target));
        DatasetDirectory d = fill(tmp, sim, size, manager, progress);
        if (Files.exists(target)) {
            Files.delete(target); // empty, checked above
        }
        AtomicFiles.readableByAll(tmp, true);
        AtomicFiles.moveAtomically(tmp, target);
        return new DatasetDirectory(dir, d.info());
    }

    /** Where {@link #fill} keeps its records while a directory is unfinished. */
    static final String PROGRESS = ".rfrecon-progress";

    private static final String REQUEST = "request.json";

    /**
     * Fills {@code dir} with samples {@code 0 .. size.count()-1} of {@code sim} and writes {@code
     * dataset.json} last, resuming: each finished shard is recorded with its SHA-256 under {@code
     * .rfrecon-progress/}, and a rerun of the same request (geometry, physics, scenes, SNR, seed,
     * count, shard size, dtype) keeps every shard whose checksum still verifies and simulates the
     * rest. A directory holding anything else (another request's shards) is emptied first;
     * temporaries of killed writers are removed. The records are deleted once the index is written.
     *
     * @param progress called with the number of samples done (kept shards count as done)
     * @return the finished directory (at {@code dir})
     */
    public static DatasetDirectory fill(
            Path dir, Simulator sim, Shards size, NDManager manager, LongConsumer progress)
            throws IOException {
        long count = size.count();
        int shardSize = size.shardSize();
        int n = size.number();
        Path records = dir.resolve(PROGRESS);
        String request = request(sim, count, shardSize);
        Path requestFile = records.resolve(REQUEST);
        if (Files.isDirectory(dir) && !sameRequest(requestFile, request)) {
            AtomicFiles.deleteRecursively(dir); // not ours, or another request: start over
        }
        Files.createDirectories(records);
        AtomicFiles.write(requestFile, request.getBytes(StandardCharsets.UTF_8));
        List<ShardInfo> shards = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ShardInfo kept = kept(dir, shardName(k));
            if (kept != null) {
                shards.add(kept);
                progress.accept(kept.first() + kept.count());
                continue;
            }
            ShardInfo s = writeShard(dir, sim, manager, k, count, shardSize, progress);
            ShardRecords.record(records, s);
            shards.add(s);
        }
        DatasetInfo info = index(sim, count, shardSize, shards);
        writeIndex(dir, info);
        AtomicFiles.deleteRecursively(records);
        return new DatasetDirectory(dir, info);
    }

    /**
     * How many shards a {@link #fill} of {@code dir} with this request would keep from an
     * interrupted run (0 when there is none).
     */
    public static int resumable(Path dir, Simulator sim, Shards size) throws IOException {
        Path requestFile = dir.resolve(PROGRESS).resolve(REQUEST);
        if (!sameRequest(requestFile, request(sim, size.count(), size.shardSize()))) {
            return 0;
        }
        int kept = 0;
        for (int k = 0; k < size.number(); k++) {
            kept += kept(dir, shardName(k)) != null ? 1 : 0;
        }
        return kept;
    }

    /** The request a partial directory was started for: the index without its shards. */
    private static String request(Simulator sim, long count, int shardSize) {
        return index(sim, count, shardSize, List.of()).toJson().toString();
    }

    /** Whether {@code file} records {@code request} (compared as JSON values). */
    private static boolean sameRequest(Path file, String request) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .equals(JsonParser.parseString(request));
        } catch (RuntimeException e) {
            return false; // unreadable: start over
        }
    }

    /** The recorded entry of shard {@code file} if it is there and its SHA-256 verifies. */
    private static ShardInfo kept(Path dir, String file) throws IOException {
        return ShardRecords.kept(dir, dir.resolve(PROGRESS), file);
    }

    /**
     * The number of shards of {@code count} samples, {@code shardSize} per shard.
     *
     * @throws IllegalArgumentException if either is not positive or the shards would not fit an int
     */
    public static int shardCount(long count, int shardSize) {
        if (count < 1 || shardSize < 1) {
            throw new IllegalArgumentException(
                    "count and shard size must be positive, got " + count + " and " + shardSize);
        }
        long n = count / shardSize + (count % shardSize == 0 ? 0 : 1);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    count
                            + " samples in shards of "
                            + shardSize
                            + " make "
                            + n
                            + " shards; at most "
                            + Integer.MAX_VALUE
                            + " are possible");
        }
        return (int) n;
    }

    /**
     * The bytes one sample takes in a shard of this geometry and complex dtype (scene, {@code y},
     * {@code y_clean}, SNR and index), before NPZ headers.
     */
    public static long bytesPerSample(org.rfrecon.core.geometry.Geometry g, DType dtype) {
        long complexBytes = dtype.itemSize();
        return complexBytes * (g.sceneShape().size() + 2 * g.measurementShape().size()) + 16;
    }

    /**
     * Simulates shard {@code k} (samples {@code k*shardSize ..}, at most {@code shardSize}) into
     * {@code dir/shard-NNNNN.npz}, written atomically; the same bytes however the shards are
     * distributed (a cluster writes each shard in its own task).
     *
     * @param manager computes each sample; temporaries are freed
     * @param progress called with the number of samples up to and including each one
     * @return the shard's entry in {@code dataset.json}
     */
    public static ShardInfo writeShard(
            Path dir,
            Simulator sim,
            NDManager manager,
            int k,
            long count,
            int shardSize,
            LongConsumer progress)
            throws IOException {
        long first = (long) k * shardSize;
        if (k < 0 || first >= count) {
            throw new IllegalArgumentException("no shard " + k + " in " + count + " samples");
        }
        int n = (int) Math.min(shardSize, count - first);
        String name = shardName(k);
        byte[] bytes = Npz.toBytes(shard(sim, manager, first, n, progress));
        AtomicFiles.write(dir.resolve(name), bytes);
        return new ShardInfo(name, first, n, Checksums.sha256(bytes));
    }

    /** The {@code dataset.json} content of {@code count} samples of {@code sim} in these shards. */
    public static DatasetInfo index(
            Simulator sim, long count, int shardSize, List<ShardInfo> shards) {
        return new DatasetInfo(
                sim.geometry(),
                sim.physics(),
                sim.generator().config(),
                sim.snrDb(),
                sim.seed(),
                count,
                shardSize,
                DType.ofComplex(sim.dataType()),
                List.copyOf(shards));
    }

    /** Writes {@code dataset.json} into {@code dir} atomically (a directory's last file). */
    public static void writeIndex(Path dir, DatasetInfo info) throws IOException {
        String json =
                new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(info.toJson());
        AtomicFiles.write(dir.resolve(INDEX), (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, HostArray> shard(
            Simulator sim, NDManager manager, long first, int n, LongConsumer progress) {
        List<HostArray> scenes = new ArrayList<>();
        List<HostArray> ys = new ArrayList<>();
        List<HostArray> cleans = new ArrayList<>();
        double[] snr = new double[n];
        long[] index = new long[n];
        for (int i = 0; i < n; i++) {
            try (NDManager step = manager.newSubManager();
                    Simulation s = sim.simulate(step, first + i)) {
                scenes.add(HostArray.fromComplexTensor(s.scene()));
                ys.add(HostArray.fromComplexTensor(s.y()));
                cleans.add(HostArray.fromComplexTensor(s.yClean()));
                snr[i] = s.meta().measuredSnrDb();
                index[i] = first + i;
            }
            progress.accept(first + i + 1);
        }
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put("scene", HostArrays.stack(scenes));
        m.put("y", HostArrays.stack(ys));
        m.put("y_clean", HostArrays.stack(cleans));
        m.put("measured_snr_db", HostArray.ofDoubles(new long[] {n}, snr));
        m.put("index", HostArray.ofLongs(new long[] {n}, index));
        return m;
    }

    /**
     * Opens a dataset directory, reading {@code dataset.json}.
     *
     * @throws IOException naming the file and what is wrong
     */
    public static DatasetDirectory open(Path dir) throws IOException {
        Path index = dir.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new IOException(
                    index + ": missing (not a dataset directory, or an unfinished one)");
        }
        DatasetInfo info;
        try {
            JsonObject o =
                    JsonParser.parseString(Files.readString(index, StandardCharsets.UTF_8))
                            .getAsJsonObject();
            info = DatasetInfo.fromJson(o);
        } catch (RuntimeException e) {
            throw new IOException(index + ": " + e.getMessage(), e);
        }
        long total = info.shards().stream().mapToLong(ShardInfo::count).sum();
        if (total != info.count()) {
            throw new IOException(
                    index + ": shards hold " + total + " samples, count says " + info.count());
        }
        return new DatasetDirectory(dir, info);
    }

    /** The directory. */
    public Path directory() {
        return dir;
    }

    /** The parsed {@code dataset.json}. */
    public DatasetInfo info() {
        return info;
    }

    /**
     * Reads shard {@code k}, checking its SHA-256 first and its shapes after.
     *
     * @throws NpyFormatException naming the shard (and key) on a checksum, shape or value error
     */
    public Map<String, HostArray> readShard(int k) throws IOException {
        ShardInfo s = info.shards().get(k);
        Path file = dir.resolve(s.file());
        checkShard(file, s);
        String name = file.toString();
        Shape b = new Shape(s.count());
        DType dt = info.dtype();
        Map<String, HostArray> a = new LinkedHashMap<>();
        try (NpzReader r = NpzReader.open(file)) {
            a.put(
                    "scene",
                    SimulationFile.check(
                            r, name, "scene", b.addAll(info.geometry().sceneShape()), dt));
            Shape y = b.addAll(info.geometry().measurementShape());
            a.put("y", SimulationFile.check(r, name, "y", y, dt));
            a.put("y_clean", SimulationFile.check(r, name, "y_clean", y, dt));
            a.put("measured_snr_db", real(r, name, "measured_snr_db", DType.FLOAT64, s.count()));
            a.put("index", real(r, name, "index", DType.INT64, s.count()));
        }
        return java.util.Collections.unmodifiableMap(a);
    }

    /** Reads a 1-D real array of {@code count} elements of {@code dtype}, header first. */
    private static HostArray real(NpzReader r, String file, String key, DType dtype, long count)
            throws IOException {
        String src = file + ":" + key;
        return r.read(
                key,
                h -> {
                    if (h.dtype() != dtype
                            || !java.util.Arrays.equals(h.shape(), new long[] {count})) {
                        throw new NpyFormatException(
                                src,
                                h.dtype().descr()
                                        + " "
                                        + HostArray.shapeString(h.shape())
                                        + ", expected "
                                        + dtype.descr()
                                        + " ("
                                        + count
                                        + ",) from "
                                        + INDEX);
                    }
                });
    }

    /**
     * Checks every shard's SHA-256 against {@code dataset.json} without parsing the shards.
     *
     * @throws NpyFormatException naming the first shard that is missing or differs
     */
    public void verify() throws IOException {
        for (ShardInfo s : info.shards()) {
            checkShard(dir.resolve(s.file()), s);
        }
    }

    /**
     * Checks that {@code file} exists and has the SHA-256 its entry records.
     *
     * @throws NpyFormatException naming the file when it is missing or differs
     */
    public static void checkShard(Path file, ShardInfo s) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NpyFormatException(file.toString(), "missing shard listed in " + INDEX);
        }
        String sha = Checksums.sha256(file);
        if (!sha.equals(s.sha256())) {
            throw new NpyFormatException(
                    file.toString(),
                    "SHA-256 " + sha + " does not match " + INDEX + " (" + s.sha256() + ")");
        }
    }

    /** Which shard holds sample {@code i}, and where in it: {@code {shard, offset}}. */
    public int[] locate(long i) {
        if (i < 0 || i >= info.count()) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + info.count());
        }
        return new int[] {(int) (i / info.shardSize()), (int) (i % info.shardSize())};
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
