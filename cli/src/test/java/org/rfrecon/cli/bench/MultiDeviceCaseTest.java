package org.rfrecon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.geometry.Preset;

/**
 * The scaling case over two CPU "devices" (the code path of two GPUs): its rows, the sharded
 * solution's agreement with the one-device solution, and its ratios. Timings are not asserted.
 */
class MultiDeviceCaseTest {

    @Test
    void rowsForOneAndTwoDevicesAgreeAndGiveRatios() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            BenchContext ctx = new BenchContext(m, Device.cpu(), 1, 1, 0, new Random(11));
            List<BenchRow> rows =
                    MultiDeviceCase.run(
                            ctx,
                            Preset.TINY.geometry(),
                            List.of(Device.cpu(), Device.cpu()),
                            5,
                            1,
                            s -> {});
            assertEquals(
                    List.of(
                            "admm-5-devices-1",
                            "admm-5-devices-2",
                            "train-step-devices-1",
                            "train-step-devices-2"),
                    rows.stream().map(BenchRow::name).toList());
            assertTrue(rows.get(1).nmseDb() < -80, "two shards vs one: " + rows.get(1).nmseDb());
            assertTrue(rows.get(0).flop() > 0 && rows.get(0).flop() == rows.get(1).flop());
            Map<String, Double> ratios = MultiDeviceCase.ratios(rows);
            assertEquals(
                    List.of("admm_speedup_devices_2", "train_throughput_devices_2"),
                    List.copyOf(ratios.keySet()));
            assertTrue(ratios.values().stream().allMatch(v -> v > 0 && Double.isFinite(v)));
        }
    }
}
