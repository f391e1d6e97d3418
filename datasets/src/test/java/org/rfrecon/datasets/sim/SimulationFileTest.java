package org.rfrecon.datasets.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.BaseManagerFixture;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.NpyFormatException;
import org.rfrecon.datasets.npy.Npz;

/** Simulation files: round trip 2D and 3D, and the validating reader's one-line errors. */
class SimulationFileTest extends BaseManagerFixture {

    private static final long SEED = System.nanoTime();

    @TempDir Path dir;

    private Map<String, HostArray> write(Preset preset, Path f) throws Exception {
        return write(preset, Physics.FRESNEL, f);
    }

    private Map<String, HostArray> write(Preset preset, Physics physics, Path f) throws Exception {
        try (NDManager m = manager.newSubManager();
                Simulator sim =
                        Simulator.builder()
                                .setGeometry(preset.geometry())
                                .setManager(m)
                                .optPhysics(physics)
                                .optSeed(SEED)
                                .optSnrDb(15)
                                .build();
                Simulation s = sim.simulate(m, 1)) {
            SimulationFile.write(f, s, sim.factors());
            return SimulationFile.arrays(s, sim.factors());
        }
    }

    @Test
    void roundTrip2dAnd3d() throws Exception {
        for (Preset p : new Preset[] {Preset.TINY, Preset.TINY_3D}) {
            Path f = dir.resolve(p.id() + ".npz");
            Map<String, HostArray> written = write(p, f);
            SimulationData d = SimulationFile.read(f);
            assertEquals(p.id(), d.meta().geometry().preset());
            assertTrue(d.geometry().sameSensing(p.geometry()));
            assertEquals(SEED, d.meta().seed());
            assertEquals(15, d.meta().measuredSnrDb(), 0.01);
            assertEquals(written.get("y"), d.y());
            assertEquals(written.get("scene"), d.scene());
            assertEquals(DType.COMPLEX64, d.scene().dtype());
            assertEquals(p.isVolume(), d.a3().isPresent());
            assertArrayEquals(p.geometry().sceneShape().getShape(), d.scene().shape());
        }
    }

    @Test
    void sameSeedSameFileBytes() throws Exception {
        for (Physics physics : Physics.values()) {
            for (Preset p : new Preset[] {Preset.TINY, Preset.TINY_3D}) {
                Path a = dir.resolve(physics + "-" + p.id() + "-a.npz");
                Path b = dir.resolve(physics + "-" + p.id() + "-b.npz");
                write(p, physics, a);
                write(p, physics, b);
                assertArrayEquals(
                        Files.readAllBytes(a),
                        Files.readAllBytes(b),
                        physics + " " + p.id() + ", seed " + SEED);
            }
        }
    }

    @Test
    void rejectsNaN() throws Exception {
        Path f = dir.resolve("nan.npz");
        assertPartRefused(f, "y", 7, Double.NaN, f + ":y: element 3 is NaN");
    }

    @Test
    void rejectsInfinity() throws Exception {
        Path f = dir.resolve("inf.npz");
        assertPartRefused(
                f, "scene", 0, Double.POSITIVE_INFINITY, f + ":scene: element 0 is Infinity");
    }

    /**
     * Writes a tiny file to {@code f} with part {@code part} (of the interleaved parts) of the
     * complex array {@code key} set to {@code value}, and asserts that reading it is refused with a
     * message holding {@code fragment}.
     */
    private void assertPartRefused(Path f, String key, int part, double value, String fragment)
            throws Exception {
        Map<String, HostArray> a = new LinkedHashMap<>(write(Preset.TINY, f));
        double[] v = a.get(key).toInterleaved();
        v[part] = value;
        assertRefused(
                f, a, key, HostArray.ofComplex(DType.COMPLEX64, a.get(key).shape(), v), fragment);
    }

    @Test
    void rejectsShapeThatDisagreesWithMeta() throws Exception {
        Path f = dir.resolve("shape.npz");
        Map<String, HostArray> a = new LinkedHashMap<>(write(Preset.TINY, f));
        assertRefused(
                f,
                a,
                "A1",
                HostArray.ofComplex(
                        DType.COMPLEX64, new long[] {2, 4, 8, 15}, new double[2 * 2 * 4 * 8 * 15]),
                f + ":A1: shape (2, 4, 8, 15), expected (2, 4, 8, 16)");
    }

    @Test
    void rejectsMissingKeyAndRealDtypeAndBadMeta() throws Exception {
        Path f = dir.resolve("keys.npz");
        Map<String, HostArray> a = new LinkedHashMap<>(write(Preset.TINY, f));
        a.remove("y_clean");
        Npz.write(f, a);
        assertMessage(f, f + ":y_clean: missing");
        a = new LinkedHashMap<>(write(Preset.TINY, f));
        assertRefused(
                f,
                a,
                "s",
                HostArray.ofDoubles(new long[] {2, 4}, new double[8]),
                f + ":s: dtype <f8, expected <c8");
        assertRefused(
                f,
                a,
                "meta",
                HostArray.ofUtf8("{\"freq\": [1]}"),
                f + ":meta: not valid simulation meta");
    }

    @Test
    void rejectsMetaThatIsNotUtf8NotJsonOrOfAnUnknownVersion() throws Exception {
        Path f = dir.resolve("meta.npz");
        Map<String, HostArray> a = new LinkedHashMap<>(write(Preset.TINY, f));
        String json = a.get("meta").toUtf8();
        byte[] bad = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = json.indexOf("tiny") + 1; // inside the preset's name: still valid JSON syntax
        bad[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: invalid UTF-8
        assertRefused(
                f,
                a,
                "meta",
                HostArray.ofBytes(new long[] {bad.length}, bad),
                f + ":meta: not valid UTF-8 text");
        for (String notJson : new String[] {"", "{", "{\"freq\": [1,", "nope", "[1, 2]"}) {
            a.put("meta", HostArray.ofUtf8(notJson));
            Npz.write(f, a);
            NpyFormatException e =
                    assertThrows(NpyFormatException.class, () -> SimulationFile.read(f));
            assertTrue(e.getMessage().startsWith(f + ":meta: not"), e.getMessage());
            for (String leak : new String[] {"java.", "gson", "Exception", "Gson", "$"}) {
                assertFalse(e.getMessage().contains(leak), "'" + notJson + "': " + e.getMessage());
            }
        }
        com.google.gson.JsonObject o =
                com.google.gson.JsonParser.parseString(json).getAsJsonObject();
        o.addProperty("version", SimulationMeta.VERSION + 1);
        assertRefused(
                f,
                a,
                "meta",
                HostArray.ofUtf8(o.toString()),
                f + ":meta: not valid simulation meta (format version 2 is not supported");
        o.remove("version");
        o.remove("format");
        a.put("meta", HostArray.ofUtf8(o.toString()));
        Npz.write(f, a);
        assertEquals(SEED, SimulationFile.read(f).meta().seed(), "no version reads as version 1");
        o.remove("physics");
        assertRefused(
                f,
                a,
                "meta",
                HostArray.ofUtf8(o.toString()),
                f + ":meta: not valid simulation meta (meta lacks 'physics'");
    }

    /**
     * Writes {@code a} to {@code f} with {@code key} set to {@code value} and asserts that reading
     * the file is refused with a message holding {@code fragment}.
     */
    private static void assertRefused(
            Path f, Map<String, HostArray> a, String key, HostArray value, String fragment)
            throws IOException {
        a.put(key, value);
        Npz.write(f, a);
        assertMessage(f, fragment);
    }

    private static void assertMessage(Path f, String fragment) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> SimulationFile.read(f));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
