package org.rfrecon.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** The presets have the SPEC §5 shapes, the SPEC physics, and survive a JSON round trip. */
class PresetTest {

    @Test
    void shapesFollowSpecTable() {
        assertEquals(new Shape(16, 16), Preset.TINY.geometry().sceneShape());
        assertEquals(new Shape(2, 4, 8, 8), Preset.TINY.geometry().measurementShape());
        assertEquals(new Shape(8, 16, 16), Preset.TINY_3D.geometry().sceneShape());
        assertEquals(new Shape(2, 8, 8, 8), Preset.TINY_3D.geometry().measurementShape());
        assertEquals(new Shape(6, 16, 16, 16), Preset.SMALL.geometry().measurementShape());
        assertEquals(new Shape(1, 1, 64, 32), Preset.SEED_2D.geometry().measurementShape());
        assertEquals(new Shape(6, 256, 32, 32), Preset.WIDEBAND_2D.geometry().measurementShape());
        assertEquals(new Shape(128, 128, 128), Preset.VOLUME_3D.geometry().sceneShape());
        assertEquals(new Shape(256, 256, 256), Preset.VOLUME_3D_LARGE.geometry().sceneShape());
        assertEquals(
                new Shape(6, 128, 64, 64), Preset.VOLUME_3D_LARGE.geometry().measurementShape());
    }

    @Test
    void physicsFollowsSpec() {
        Geometry g = Preset.WIDEBAND_2D.geometry();
        double[] f = g.freq();
        assertEquals(28e9, (f[0] + f[f.length - 1]) / 2, 1);
        assertEquals(1e9 * (f.length - 1) / f.length, f[f.length - 1] - f[0], 1);
        double[] u = g.u();
        assertEquals(Geometry.C0 / 28e9 / 2, u[1] - u[0], 1e-12);
        assertEquals(2.0, g.r0());
        assertEquals(28e9, Preset.SEED_2D.geometry().freq()[0]);
    }

    @Test
    void jsonRoundTripKeepsTheSensing() {
        for (Preset p : Preset.values()) {
            Geometry g = p.geometry();
            JsonObject j = g.toJson();
            Geometry back = Geometry.fromJson(j);
            assertEquals(g, back, p.id());
        }
    }

    @Test
    void malformedMetaIsRejectedNamingTheField() {
        JsonObject j = Preset.TINY.geometry().toJson();
        j.remove("R0");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Geometry.fromJson(j));
        assertTrue(e.getMessage().contains("R0"), e.getMessage());
        JsonObject k = Preset.TINY.geometry().toJson();
        k.addProperty("freq", "many");
        assertThrows(IllegalArgumentException.class, () -> Geometry.fromJson(k));
    }

    @Test
    void differentGeometriesAreNotTheSameSensing() {
        Geometry g = Preset.TINY.geometry();
        assertNotEquals(g, g.withR0(3));
        assertTrue(g.sameSensing(Geometry.fromJson(g.toJson())));
    }

    @Test
    void unknownPresetListsKnownNames() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Preset.byName("huge"));
        assertTrue(e.getMessage().contains("tiny-3d"), e.getMessage());
    }

    @Test
    void storageOfSeedDenseMatrixIsAbout268MB() {
        StorageEstimate e = new StorageEstimate(Preset.SEED_2D.geometry());
        assertEquals(2048.0 * 16384 * 8, e.densePerPair(StorageEstimate.COMPLEX64));
        assertEquals("268.4 MB", StorageEstimate.human(e.densePerPair(StorageEstimate.COMPLEX64)));
        assertTrue(new StorageEstimate(Preset.VOLUME_3D.geometry()).denseTotal(8) > 1e12);
    }
}
