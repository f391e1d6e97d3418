package org.rfrecon.cli.cluster;

/**
 * A cluster engine (Apache Spark in module {@code spark}), registered in {@code
 * META-INF/services/org.rfrecon.cli.cluster.ClusterEngine}.
 */
public interface ClusterEngine {

    /**
     * Checks {@code master} and returns a session that starts the cluster context on first use.
     *
     * @param master the {@code --master} value; {@code ""} when given without one (use what {@code
     *     spark-submit} passed, else all local cores)
     * @throws org.rfrecon.cli.CliErrors.UserError one line if {@code master} is not a master URL
     */
    ClusterSession open(String master);
}
