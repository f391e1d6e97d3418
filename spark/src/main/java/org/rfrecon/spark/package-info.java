/**
 * The Apache Spark engine behind {@code --master}: {@link org.rfrecon.spark.SparkEngine} (found by
 * {@link java.util.ServiceLoader} as an {@link org.rfrecon.jobs.cluster.ClusterEngine}) runs an
 * ablation's (variant, seed) runs, a simulation's shards and an inference's shards as Spark tasks
 * through Spark's Java API. Each task rebuilds its work from a small serialisable job; outputs are
 * written atomically into the shared output directory and the driver writes the index last.
 */
package org.rfrecon.spark;
