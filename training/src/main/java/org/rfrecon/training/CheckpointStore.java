package org.rfrecon.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.Checksums;

/**
 * The checkpoints of a training run: {@code <run>/checkpoints/last} after every epoch (and on
 * interruption) and {@code <run>/checkpoints/best} when the validation loss improves. Each is a
 * directory written atomically, holding the network parameters (DJL format), the optimizer state
 * (DJL's NDList encoding), {@code state.json} ({@link TrainingState}, the config and the epoch
 * history) and SHA-256 checksums. A crash while writing keeps the previous checkpoint; a corrupted
 * one fails to load with a one-line error naming the file.
 */
public final class CheckpointStore {

    /** The checkpoint written after every epoch. */
    public static final String LAST = "last";

    /** The checkpoint with the best validation loss. */
    public static final String BEST = "best";

    private static final String PARAMETERS = "parameters.params";
    private static final String OPTIMIZER = "optimizer.ndlist";
    private static final String STATE = "state.json";

    /** The epoch history in {@code state.json}: the records as Gson writes them, NaN included. */
    private static final Gson HISTORY =
            new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final Path root;

    /** A store under {@code runDirectory/checkpoints}. */
    public CheckpointStore(Path runDirectory) {
        this.root = runDirectory.resolve("checkpoints");
    }

    /** The directory of checkpoint {@code name}. */
    public Path directory(String name) {
        return root.resolve(name);
    }

    /** Whether checkpoint {@code name} exists (it may still fail verification). */
    public boolean exists(String name) {
        return Files.isDirectory(directory(name));
    }

    /**
     * The configuration and state recorded in checkpoint {@code name}, read without loading its
     * arrays (to check a resume before any work), or empty if there is none.
     *
     * @throws IOException one line naming the checkpoint when it is corrupted
     */
    public Optional<Loaded> peek(String name) throws IOException {
        Path dir = directory(name);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Checksums.verify(dir);
        try {
            return Optional.of(loaded(readState(dir)));
        } catch (RuntimeException e) {
            throw unreadable(dir, e);
        }
    }

    private static JsonObject readState(Path dir) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve(STATE), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    private static IOException unreadable(Path dir, Exception e) {
        return new IOException(dir + ": checkpoint is unreadable (" + e.getMessage() + ")", e);
    }

    /** Writes checkpoint {@code name} atomically. */
    public void save(
            String name,
            Block block,
            ResumableAdam optimizer,
            TrainingState state,
            List<EpochMetrics> history,
            TrainConfig config,
            NDManager scratch)
            throws IOException {
        AtomicFiles.writeDirectory(
                directory(name),
                dir -> {
                    try (DataOutputStream out = data(dir.resolve(PARAMETERS))) {
                        block.saveParameters(out);
                    }
                    try (NDManager m = scratch.newSubManager()) {
                        ResumableAdam.State s = optimizer.exportState(m).rekey(idToPath(block));
                        Files.write(dir.resolve(OPTIMIZER), s.arrays().encode());
                        JsonObject o = new JsonObject();
                        o.add("state", state.toJson());
                        o.add("config", config.toJson());
                        o.add("history", HISTORY.toJsonTree(history));
                        JsonObject steps = new JsonObject();
                        s.steps().forEach(steps::addProperty);
                        o.add("optimizer_steps", steps);
                        Files.writeString(dir.resolve(STATE), o.toString(), StandardCharsets.UTF_8);
                    }
                    Checksums.write(dir);
                });
    }

    /**
     * Loads checkpoint {@code name} into {@code block} and {@code optimizer} and returns its state,
     * or empty if there is none.
     *
     * @throws IOException one line naming the checkpoint file that is corrupted or missing
     */
    public Optional<Loaded> load(
            String name, Block block, ResumableAdam optimizer, NDManager manager)
            throws IOException {
        Path dir = directory(name);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Checksums.verify(dir);
        try {
            JsonObject o = readState(dir);
            Loaded loaded = loaded(o);
            try (DataInputStream in =
                    new DataInputStream(
                            new BufferedInputStream(
                                    Files.newInputStream(dir.resolve(PARAMETERS))))) {
                block.loadParameters(manager, in);
            }
            collectGradientsAgain(block);
            NDList arrays = NDList.decode(manager, Files.readAllBytes(dir.resolve(OPTIMIZER)));
            Map<String, Integer> steps = new HashMap<>();
            o.getAsJsonObject("optimizer_steps")
                    .entrySet()
                    .forEach(e -> steps.put(e.getKey(), e.getValue().getAsInt()));
            Map<String, String> pathToId = new HashMap<>();
            idToPath(block).forEach((id, path) -> pathToId.put(path, id));
            optimizer.importState(new ResumableAdam.State(arrays, steps).rekey(pathToId), manager);
            return Optional.of(loaded);
        } catch (MalformedModelException | RuntimeException e) {
            throw unreadable(dir, e);
        }
    }

    /**
     * Marks the trainable parameters of {@code block} as collecting gradients again: DJL's {@link
     * Block#loadParameters} replaces them by plain arrays.
     */
    static void collectGradientsAgain(Block block) {
        block.getParameters()
                .values()
                .forEach(
                        p -> {
                            if (p.requiresGradient()) {
                                p.getArray().setRequiresGradient(true);
                            }
                        });
    }

    /** The state, config and history of a {@code state.json}. */
    private static Loaded loaded(JsonObject o) {
        List<EpochMetrics> history = new ArrayList<>();
        if (o.has("history")) { // absent in checkpoints written before it was kept
            o.getAsJsonArray("history")
                    .forEach(r -> history.add(HISTORY.fromJson(r, EpochMetrics.class)));
        }
        return new Loaded(
                TrainingState.fromJson(o.getAsJsonObject("state")),
                TrainConfig.fromJson(o.getAsJsonObject("config")),
                history);
    }

    /** Parameter id to its path name in the block (stable across instances). */
    private static Map<String, String> idToPath(Block block) {
        Map<String, String> names = new HashMap<>();
        block.getParameters().forEach(p -> names.put(p.getValue().getId(), p.getKey()));
        return names;
    }

    private static DataOutputStream data(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /**
     * What a checkpoint restores beside the parameters and the optimizer.
     *
     * @param state where the run stands
     * @param config the run's configuration when it was saved
     * @param history the epochs done, oldest first
     */
    public record Loaded(TrainingState state, TrainConfig config, List<EpochMetrics> history) {}
}
