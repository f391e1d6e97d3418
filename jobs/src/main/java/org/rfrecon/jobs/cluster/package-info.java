/**
 * Running the work of {@code ablate}, {@code simulate} (a dataset) and {@code infer} (a dataset) on
 * a cluster: a small service interface ({@link org.rfrecon.jobs.cluster.ClusterEngine}, found by
 * {@link java.util.ServiceLoader} in {@code
 * META-INF/services/org.rfrecon.jobs.cluster.ClusterEngine}) and the serialisable job descriptions
 * a cluster task rebuilds its work from. The Apache Spark implementation lives in the {@code spark}
 * module and its own jar, so the default {@code rfrecon.jar} neither contains nor loads Spark.
 */
package org.rfrecon.jobs.cluster;
