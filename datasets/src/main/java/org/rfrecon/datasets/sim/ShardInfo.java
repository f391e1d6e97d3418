package org.rfrecon.datasets.sim;

/**
 * One shard of a dataset directory, as listed in {@code dataset.json}.
 *
 * @param file the file name, {@code shard-NNNNN.npz}
 * @param first the index of its first sample
 * @param count how many samples it holds
 * @param sha256 the SHA-256 of the file, lower-case hex
 */
public record ShardInfo(String file, long first, int count, String sha256) {}
