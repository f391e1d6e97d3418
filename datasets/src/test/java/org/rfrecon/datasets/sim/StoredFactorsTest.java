package org.rfrecon.datasets.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.testing.BaseManagerFixture;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.NpyFormatException;
import org.rfrecon.datasets.npy.Npz;

/**
 * The file is the model (SPEC §3): {@link SimulationFile#readConsistent} accepts stored factors
 * that are the Fresnel factors of the file's meta and refuses, naming the key, a file whose {@code
 * s} is zeroed, whose {@code A1} is random, or whose meta says R0 = 4 m over factors of 2 m.
 */
class StoredFactorsTest extends BaseManagerFixture {

    private static final long SEED = System.nanoTime();

    @TempDir Path dir;

    private static Map<String, HostArray> simulate(Geometry g) {
        try (NDManager m = manager.newSubManager();
                Simulator sim =
                        Simulator.builder()
                                .setGeometry(g)
                                .setManager(m)
                                .optSeed(SEED)
                                .optSnrDb(20)
                                .build();
                Simulation s = sim.simulate(m, 0)) {
            return new LinkedHashMap<>(SimulationFile.arrays(s, sim.factors()));
        }
    }

    private Path write(String name, Map<String, HostArray> arrays) throws Exception {
        Path f = dir.resolve(name + ".npz");
        Npz.write(f, arrays);
        return f;
    }

    private static String refusal(Path f) {
        NpyFormatException e =
                assertThrows(NpyFormatException.class, () -> SimulationFile.readConsistent(f));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void matchingFactorsAreAccepted() throws Exception {
        for (Preset p : new Preset[] {Preset.TINY, Preset.TINY_3D}) {
            Path f = write(p.id(), simulate(p.geometry()));
            SimulationData d = SimulationFile.readConsistent(f);
            assertEquals(p.isVolume(), d.a3().isPresent());
        }
    }

    @Test
    void zeroedScalarsAreRefused() throws Exception {
        Map<String, HostArray> a = simulate(Preset.TINY.geometry());
        long[] shape = a.get("s").shape();
        a.put("s", HostArray.ofComplex(DType.COMPLEX64, shape, new double[2 * 2 * 4]));
        Path f = write("zero-s", a);
        String msg = refusal(f);
        assertTrue(msg.startsWith(f + ":s: disagrees with the geometry in meta"), msg);
    }

    @Test
    void randomFactorsAreRefused() throws Exception {
        Random rng = new Random(SEED);
        for (String key : new String[] {"A1", "A2", "A3"}) {
            Preset p = key.equals("A3") ? Preset.TINY_3D : Preset.TINY;
            Map<String, HostArray> a = simulate(p.geometry());
            long[] shape = a.get(key).shape();
            int n = 1;
            for (long d : shape) {
                n *= (int) d;
            }
            double[] v = new double[2 * n];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian();
            }
            a.put(key, HostArray.ofComplex(DType.COMPLEX64, shape, v));
            Path f = write("random-" + key, a);
            String msg = refusal(f);
            assertTrue(msg.startsWith(f + ":" + key + ": disagrees"), msg);
        }
    }

    @Test
    void metaOfAnotherRangeIsRefused() throws Exception {
        Geometry g2 = Preset.TINY.geometry();
        Geometry g4 = g2.toBuilder().setR0(4).build();
        Map<String, HostArray> a = simulate(g4); // meta says R0 = 4 m
        try (NDManager m = manager.newSubManager()) {
            SensingFactors f2 = SensingFactors.fresnel(g2, m, DataType.FLOAT32);
            a.put("A1", HostArray.fromComplexTensor(f2.a1()));
            a.put("A2", HostArray.fromComplexTensor(f2.a2()));
            a.put("s", HostArray.fromComplexTensor(f2.s()));
        }
        Path f = write("r0", a);
        String msg = refusal(f);
        assertTrue(msg.startsWith(f + ":A1: disagrees"), msg);
    }

    @Test
    void storedFactorsAreTheGeometrysBitForBit() throws Exception {
        Geometry g = Preset.TINY_3D.geometry();
        SimulationData d = SimulationFile.readConsistent(write("bits", simulate(g)));
        try (NDManager m = manager.newSubManager()) {
            SensingFactors stored = d.factors(m);
            SensingFactors fresh = SensingFactors.fresnel(g, m, DataType.FLOAT32);
            assertBitEqual(fresh.a1(), stored.a1());
            assertBitEqual(fresh.a2(), stored.a2());
            assertBitEqual(fresh.s(), stored.s());
            assertBitEqual(fresh.a3().orElseThrow(), stored.a3().orElseThrow());
        }
    }

    private static void assertBitEqual(ComplexTensor want, ComplexTensor got) {
        assertEquals(HostArray.fromComplexTensor(want), HostArray.fromComplexTensor(got));
    }
}
