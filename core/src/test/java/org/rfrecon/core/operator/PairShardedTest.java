package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/**
 * Sharding pairs over devices computes the unsharded operator: exactly on one device, and to
 * rounding when the pairs are split (here over several CPU "devices", which exercises the same
 * split, transfer and gather code as GPUs).
 */
class PairShardedTest {

    @Test
    void oneDeviceIsExactlyTheSingleDevicePath() {
        for (Geometry g : new Geometry[] {Preset.SMALL.geometry(), Preset.TINY_3D.geometry()}) {
            long seed = Seeds.fresh();
            try (NDManager m = NDManager.newBaseManager()) {
                LinearOperator plain = OperatorContract.fresnel(g, m, DataType.FLOAT32);
                PairSharded sharded = PairSharded.of(g, List.of(Device.cpu()), m, DataType.FLOAT32);
                assertEquals(1, sharded.numShards());
                OperatorContract.Probe p = OperatorContract.Probe.of(g, m, DataType.FLOAT32, seed);
                ComplexTensor x = p.x();
                ComplexTensor y = p.y();
                OperatorContract.assertClose(
                        sharded.forward(x), plain.forward(x), 0.0, g.preset() + " forward");
                OperatorContract.assertClose(
                        sharded.adjoint(y), plain.adjoint(y), 0.0, g.preset() + " adjoint");
            }
        }
    }

    @Test
    void splitPairsEqualTheUnshardedOperator() {
        Geometry g = Preset.SMALL.geometry(); // 6 pairs over 4 shards: 2, 2, 1, 1
        try (NDManager m = NDManager.newBaseManager()) {
            List<Device> four = List.of(Device.cpu(), Device.cpu(), Device.cpu(), Device.cpu());
            PairSharded sharded = PairSharded.of(g, four, m, DataType.FLOAT64);
            assertEquals(4, sharded.numShards());
            Kronecker2D plain = Kronecker2D.of(g, m, DataType.FLOAT64);
            long seed = Seeds.fresh();
            OperatorContract.Probe p = OperatorContract.Probe.of(g, m, DataType.FLOAT64, seed);
            ComplexTensor x = p.x();
            ComplexTensor y = p.y();
            OperatorContract.assertClose(
                    sharded.forward(x), plain.forward(x), 1e-12, "forward, seed " + seed);
            OperatorContract.assertClose(
                    sharded.adjoint(y), plain.adjoint(y), 1e-12, "adjoint, seed " + seed);
            OperatorContract.assertAdjoint(sharded, m, 1e-10);
            OperatorContract.assertBatchConsistent(
                    PairSharded.of(Preset.TINY.geometry(), four, m, DataType.FLOAT64), m, 1e-12);
        }
    }

    @Test
    void badPairRangesAndNoDevicesAreRejected() {
        Geometry g = Preset.TINY.geometry();
        assertThrows(IllegalArgumentException.class, () -> g.selectPairs(1, 1));
        assertThrows(IllegalArgumentException.class, () -> g.selectPairs(0, 3));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> PairSharded.of(g, List.of(), m, DataType.FLOAT32));
        }
    }
}
