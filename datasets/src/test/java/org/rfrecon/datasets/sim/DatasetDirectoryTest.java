package org.rfrecon.datasets.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.BaseManagerFixture;
import org.rfrecon.datasets.io.Processes;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.HostArrays;
import org.rfrecon.datasets.npy.NpyFormatException;

/** Dataset directories and the DJL dataset over them. */
class DatasetDirectoryTest extends BaseManagerFixture {

    private static final long SEED = System.nanoTime();

    @TempDir Path dir;

    private static Simulator simulator(long seed) {
        return Simulator.builder()
                .setGeometry(Preset.TINY.geometry())
                .setManager(manager)
                .optSeed(seed)
                .optSnrDb(20)
                .build();
    }

    private DatasetDirectory write(Path d, long seed, int count) throws IOException {
        try (Simulator sim = simulator(seed)) {
            return DatasetDirectory.write(d, sim, new Shards(count, 2), manager, n -> {});
        }
    }

    @Test
    void sameSeedSameBytesAndShardsAreListed() throws Exception {
        AtomicLong done = new AtomicLong();
        DatasetDirectory a;
        try (Simulator sim = simulator(SEED)) {
            a = DatasetDirectory.write(dir.resolve("a"), sim, new Shards(5, 2), manager, done::set);
        }
        write(dir.resolve("b"), SEED, 5);
        assertEquals(5, done.get(), "progress reports every sample");
        assertEquals(3, a.info().shards().size());
        for (String f :
                List.of("dataset.json", "shard-00000.npz", "shard-00001.npz", "shard-00002.npz")) {
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("a").resolve(f)),
                    Files.readAllBytes(dir.resolve("b").resolve(f)),
                    f + ", seed " + SEED);
        }
        DatasetDirectory c = write(dir.resolve("c"), SEED + 1, 5);
        assertFalse(
                c.readShard(0)
                        .get("scene")
                        .equals(DatasetDirectory.open(dir.resolve("a")).readShard(0).get("scene")),
                "different seeds, different scenes");
    }

    @Test
    void shardItemsMatchTheSimulator() throws Exception {
        DatasetDirectory d = write(dir.resolve("d"), SEED, 3);
        DatasetDirectory o = DatasetDirectory.open(dir.resolve("d"));
        assertEquals(d.info().toJson(), o.info().toJson());
        HostArray y2 = HostArrays.item(o.readShard(1).get("y"), 0);
        try (NDManager m = manager.newSubManager();
                Simulator sim = simulator(SEED);
                Simulation s = sim.simulate(m, 2)) {
            assertEquals(HostArray.fromComplexTensor(s.y()), y2, "sample 2 = shard 1 item 0");
        }
    }

    @Test
    void checksumMismatchIsReported() throws Exception {
        write(dir.resolve("e"), SEED, 3);
        Path shard = dir.resolve("e").resolve("shard-00001.npz");
        byte[] b = Files.readAllBytes(shard);
        b[b.length / 2] ^= 1;
        Files.write(shard, b);
        DatasetDirectory o = DatasetDirectory.open(dir.resolve("e"));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> o.readShard(1));
        assertTrue(e.getMessage().contains("shard-00001.npz: SHA-256"), e.getMessage());
        assertThrows(NpyFormatException.class, o::verify);
        Files.delete(shard);
        NpyFormatException gone = assertThrows(NpyFormatException.class, o::verify);
        assertTrue(gone.getMessage().contains("missing shard"), gone.getMessage());
        o.readShard(0); // the intact shard still reads
    }

    /**
     * Writes {@code count} samples of {@link #SEED} (shards of 2) into {@code f} and asserts that
     * the write fails with the {@link IllegalStateException} its progress callback throws once
     * {@code at} samples are done.
     */
    private static void interruptedWrite(Path f, int count, long at, String message)
            throws Exception {
        try (Simulator sim = simulator(SEED)) {
            assertThrows(
                    IllegalStateException.class,
                    () ->
                            DatasetDirectory.write(
                                    f,
                                    sim,
                                    new Shards(count, 2),
                                    manager,
                                    n -> {
                                        if (n == at) {
                                            throw new IllegalStateException(message);
                                        }
                                    }));
        }
    }

    @Test
    void interruptedRunLeavesNoDirectoryAndResumesFromVerifiedShards() throws Exception {
        Path f = dir.resolve("f");
        AtomicLong simulated = new AtomicLong();
        interruptedWrite(f, 7, 5, "interrupted (simulated)");
        Path partial = dir.resolve(".f.partial");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(partial), s.toList(), "only the hidden partial directory");
        }
        // a temporary of a killed writer (a pid that cannot be alive) and a tampered shard
        Path stale = partial.resolve(".shard-00002.npz.999999999@" + Processes.host() + ".123.tmp");
        Files.writeString(stale, "half a shard");
        Path shard1 = partial.resolve("shard-00001.npz");
        byte[] b = Files.readAllBytes(shard1);
        b[b.length / 2] ^= 1;
        Files.write(shard1, b);
        try (Simulator sim = simulator(SEED)) {
            assertEquals(
                    1, DatasetDirectory.resumable(partial, sim, new Shards(7, 2)), "shard 0 only");
            assertEquals(
                    0,
                    DatasetDirectory.resumable(partial, sim, new Shards(8, 2)),
                    "another request");
            DatasetDirectory.write(f, sim, new Shards(7, 2), manager, simulated::set);
        }
        assertFalse(Files.exists(stale), "the stale temporary is removed");
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(f.resolve(DatasetDirectory.PROGRESS)));
        write(dir.resolve("whole"), SEED, 7);
        try (Stream<Path> s = Files.list(dir.resolve("whole"))) {
            for (Path p : s.toList()) {
                assertArrayEquals(
                        Files.readAllBytes(p),
                        Files.readAllBytes(f.resolve(p.getFileName())),
                        p.getFileName() + " differs from an uninterrupted run");
            }
        }
        assertEquals(7, simulated.get());
        assertThrows(IOException.class, () -> write(f, SEED, 1));
        assertThrows(IOException.class, () -> DatasetDirectory.open(dir));
    }

    @Test
    void partialOfAnotherRequestIsStartedOver() throws Exception {
        Path f = dir.resolve("h");
        interruptedWrite(f, 4, 3, "interrupted");
        DatasetDirectory d = write(f, SEED + 1, 4); // another seed: nothing kept
        write(dir.resolve("h2"), SEED + 1, 4);
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("h2").resolve("shard-00000.npz")),
                Files.readAllBytes(f.resolve("shard-00000.npz")));
        assertEquals(4, d.info().count());
    }

    @Test
    void countsThatCannotBeRepresentedAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> DatasetDirectory.shardCount(137_438_953_536L, 64));
        assertThrows(
                IllegalArgumentException.class,
                () -> DatasetDirectory.shardCount(Long.MAX_VALUE, 64));
        assertThrows(IllegalArgumentException.class, () -> DatasetDirectory.shardCount(0, 64));
        assertEquals(3, DatasetDirectory.shardCount(5, 2));
        assertEquals(Integer.MAX_VALUE, DatasetDirectory.shardCount(Integer.MAX_VALUE, 1));
    }

    @Test
    void djlDatasetFromDirectoryAndOnTheFlyAgree() throws Exception {
        write(dir.resolve("g"), SEED, 4);
        SimulatedDataset fromFiles =
                SimulatedDataset.builder()
                        .optDirectory(dir.resolve("g"))
                        .setSampling(2, false)
                        .build();
        try (NDManager m = manager.newSubManager();
                Simulator sim = simulator(SEED)) {
            SimulatedDataset onTheFly =
                    SimulatedDataset.builder().optSimulator(sim, 4).setSampling(2, false).build();
            assertEquals(4, fromFiles.size());
            Record a = fromFiles.get(m, 3);
            Record b = onTheFly.get(m, 3);
            assertEquals(new Shape(2, 2, 4, 8, 8), a.getData().singletonOrThrow().getShape());
            assertEquals(new Shape(2, 16, 16), a.getLabels().singletonOrThrow().getShape());
            assertEquals(DataType.FLOAT32, a.getData().singletonOrThrow().getDataType());
            assertTrue(
                    a.getData().singletonOrThrow().contentEquals(b.getData().singletonOrThrow()));
            assertTrue(
                    a.getLabels()
                            .singletonOrThrow()
                            .contentEquals(b.getLabels().singletonOrThrow()));
            ComplexTensor scene = ComplexChannels.unstack(a.getLabels().singletonOrThrow(), 0);
            assertTrue(scene.abs().max().getFloat() > 0);
            int batches = 0;
            for (Batch batch : fromFiles.getData(m)) {
                NDList data = batch.getData();
                assertEquals(new Shape(2, 2, 2, 4, 8, 8), data.singletonOrThrow().getShape());
                batch.close();
                batches++;
            }
            assertEquals(2, batches);
        }
    }
}
