package org.rfrecon.spark;

import org.rfrecon.jobs.cluster.ClusterEngine;
import org.rfrecon.jobs.cluster.ClusterSession;

/**
 * The Apache Spark {@link ClusterEngine}, registered in {@code
 * META-INF/services/org.rfrecon.jobs.cluster.ClusterEngine}. Opening a session only checks the
 * master URL; the Spark context starts when the first job runs.
 */
public final class SparkEngine implements ClusterEngine {

    @Override
    public ClusterSession open(String master) {
        return new SparkClusterSession(MasterUrl.parse(master, System.getProperties()));
    }
}
