package org.rfrecon.jobs.cluster;

import org.rfrecon.jobs.InvalidInputException;

/**
 * A cluster engine (Apache Spark in module {@code spark}), registered in {@code
 * META-INF/services/org.rfrecon.jobs.cluster.ClusterEngine}.
 */
public interface ClusterEngine {

    /**
     * Checks {@code master} and returns a session that starts the cluster context on first use.
     *
     * @param master the master URL; {@code ""} for the engine's default (Spark: what {@code
     *     spark-submit} passed, else all local cores)
     * @throws InvalidInputException one line that starts with the quoted master URL in use, if it
     *     is not a master URL or the engine's settings for it are invalid
     */
    ClusterSession open(String master);
}
