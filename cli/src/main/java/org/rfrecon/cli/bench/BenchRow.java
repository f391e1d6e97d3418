package org.rfrecon.cli.bench;

import com.google.gson.JsonObject;

/**
 * One measured case.
 *
 * @param name the case name, e.g. {@code kron-forward}
 * @param medianMs median wall time of one evaluation, device synchronised, in milliseconds
 * @param flop real floating-point operations of one evaluation (a complex multiply-add counts 8)
 * @param bytesPeak peak bytes of the case: measured device memory on a GPU, a tensor count on CPU
 * @param bytesMeasured whether {@code bytesPeak} was measured (GPU) or counted from the shapes
 * @param nmseDb error against the float64 reference in dB, or NaN where not measured
 * @param samples how many timed samples the median is taken over
 * @param bytesAllocatedPeak the peak of the bytes tensors held during the case, above those held
 *     before it (PyTorch's {@code max_memory_allocated} measure), where it can be read (a GPU under
 *     the {@code cudaMallocAsync} backend); -1 elsewhere
 * @param warmupMs how long the case's warm-up runs took ({@link Timings.Warmup}), or NaN where it
 *     was not timed by {@link Timings}
 */
public record BenchRow(
        String name,
        double medianMs,
        double flop,
        long bytesPeak,
        boolean bytesMeasured,
        double nmseDb,
        int samples,
        long bytesAllocatedPeak,
        double warmupMs) {

    /** A row without an allocated-bytes peak or a warm-up time. */
    public BenchRow(
            String name,
            double medianMs,
            double flop,
            long bytesPeak,
            boolean bytesMeasured,
            double nmseDb,
            int samples) {
        this(name, medianMs, flop, bytesPeak, bytesMeasured, nmseDb, samples, -1, Double.NaN);
    }

    /** Achieved GFLOP/s. */
    public double gflops() {
        return flop / (medianMs * 1e-3) / 1e9;
    }

    /** This row with an error figure. */
    public BenchRow withNmseDb(double db) {
        return new BenchRow(
                name,
                medianMs,
                flop,
                bytesPeak,
                bytesMeasured,
                db,
                samples,
                bytesAllocatedPeak,
                warmupMs);
    }

    /** This row with an allocated-bytes peak. */
    public BenchRow withAllocatedPeak(long bytes) {
        return new BenchRow(
                name, medianMs, flop, bytesPeak, bytesMeasured, nmseDb, samples, bytes, warmupMs);
    }

    /**
     * The row as the JSON object of SPEC §4 ({@code case, median_ms, flop, gflops, bytes_peak}).
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("case", name);
        o.addProperty("median_ms", medianMs);
        o.addProperty("flop", flop);
        o.addProperty("gflops", gflops());
        o.addProperty("bytes_peak", bytesPeak);
        o.addProperty("bytes_peak_source", bytesMeasured ? "measured" : "counted");
        if (bytesAllocatedPeak >= 0) {
            o.addProperty("bytes_allocated_peak", bytesAllocatedPeak);
        }
        if (!Double.isNaN(nmseDb)) {
            o.addProperty("nmse_db", nmseDb);
        }
        o.addProperty("samples", samples);
        if (!Double.isNaN(warmupMs)) {
            o.addProperty("warmup_ms", warmupMs);
        }
        return o;
    }
}
