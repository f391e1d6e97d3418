package org.rfrecon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

/** A row's JSON carries the allocated peak only where it was read. */
class BenchRowTest {

    @Test
    void allocatedPeakIsWrittenOnlyWhereMeasured() {
        BenchRow row = new BenchRow("admm-200", 114.3, 2e9, 570_000_000L, true, Double.NaN, 5);
        assertFalse(row.toJson().has("bytes_allocated_peak"));
        JsonObject withPeak = row.withAllocatedPeak(401_000_000L).toJson();
        assertEquals(401_000_000L, withPeak.get("bytes_allocated_peak").getAsLong());
        assertEquals(570_000_000L, withPeak.get("bytes_peak").getAsLong());
        assertEquals("measured", withPeak.get("bytes_peak_source").getAsString());
        assertEquals(
                401_000_000L,
                row.withAllocatedPeak(401_000_000L).withNmseDb(-3).bytesAllocatedPeak());
    }
}
