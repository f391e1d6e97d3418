package org.rfrecon.datasets.sim;

/**
 * The size of a dataset directory: how many samples it holds and how many go in each shard file.
 *
 * @param count the number of samples
 * @param shardSize samples per shard (the last shard may hold fewer)
 */
public record Shards(long count, int shardSize) {

    /**
     * Checks the size.
     *
     * @throws IllegalArgumentException if either is not positive or the shards would not fit an int
     */
    public Shards {
        DatasetDirectory.shardCount(count, shardSize);
    }

    /** The number of shard files. */
    public int number() {
        return DatasetDirectory.shardCount(count, shardSize);
    }
}
