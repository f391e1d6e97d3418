/**
 * The {@code --master} option of {@code ablate}, {@code simulate --count} and {@code infer}: a
 * small service interface ({@link org.rfrecon.cli.cluster.ClusterEngine}, found by {@link
 * java.util.ServiceLoader}) and the serialisable job descriptions a cluster task rebuilds its work
 * from. The Apache Spark implementation lives in the {@code spark} module and its own jar, so the
 * default {@code rfrecon.jar} neither contains nor loads Spark.
 */
package org.rfrecon.cli.cluster;
