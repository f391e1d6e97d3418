/**
 * The machinery of {@code rfrecon bench}: a {@link org.rfrecon.cli.bench.BenchSuite} picks the
 * cases that apply to a preset (one small class per case kind), {@link
 * org.rfrecon.cli.bench.Timings} runs each with warm-up, repeats, device synchronisation and
 * medians, and {@link org.rfrecon.cli.bench.BenchReport} prints the table and writes the JSON.
 */
package org.rfrecon.cli.bench;
