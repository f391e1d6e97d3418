package org.rfrecon.spark;

import java.io.Serializable;
import org.rfrecon.datasets.sim.ShardInfo;

/**
 * A {@link ShardInfo} in a serialisable form, as a task returns it.
 *
 * @param file the shard's file name
 * @param first its first sample
 * @param count its samples
 * @param sha256 the SHA-256 of the file
 * @param kept whether an earlier attempt's shard verified and was kept
 * @param sums what the task reports with it (inference: NMSE, PSNR and SSIM summed over the shard's
 *     samples), or empty
 */
record ShardEntry(String file, long first, int count, String sha256, boolean kept, double[] sums)
        implements Serializable {

    static ShardEntry of(ShardInfo s, boolean kept, double[] sums) {
        return new ShardEntry(s.file(), s.first(), s.count(), s.sha256(), kept, sums.clone());
    }

    ShardInfo info() {
        return new ShardInfo(file, first, count, sha256);
    }
}
