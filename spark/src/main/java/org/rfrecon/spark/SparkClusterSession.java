package org.rfrecon.spark;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.Shards;
import org.rfrecon.datasets.sim.Simulator;
import org.rfrecon.jobs.cluster.AblationJob;
import org.rfrecon.jobs.cluster.ClusterSession;
import org.rfrecon.jobs.cluster.InferenceJob;
import org.rfrecon.jobs.cluster.SimulationJob;
import org.rfrecon.training.ablation.RunExecutor;

/**
 * One command's Spark application: the {@link JavaSparkContext} starts on the first job and stops
 * on {@link #close}. Settings given by {@code spark-submit --conf} or {@code -Dspark.*} win;
 * rfrecon only fills in what is missing: the task attempts, DJL offline on executors, no console
 * progress bar, and for local mode no web UI and a loopback driver address.
 */
final class SparkClusterSession implements ClusterSession {

    private final MasterUrl master;
    private JavaSparkContext sc;

    SparkClusterSession(MasterUrl master) {
        this.master = master;
    }

    @Override
    public String master() {
        return master.url();
    }

    /** The Spark configuration of {@code master}. */
    static SparkConf conf(MasterUrl master) {
        SparkConf c = new SparkConf().setMaster(master.url());
        c.setIfMissing("spark.app.name", "rfrecon");
        c.setIfMissing("spark.task.maxFailures", Integer.toString(master.attempts()));
        c.setIfMissing("spark.executor.extraJavaOptions", "-Dai.djl.offline=true");
        c.setIfMissing("spark.ui.showConsoleProgress", "false");
        String jar = applicationJar();
        if (!master.local() && jar != null) {
            c.setIfMissing("spark.jars", jar); // executors load the tasks' classes from it
        }
        if (master.local()) {
            c.setIfMissing("spark.ui.enabled", "false");
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return c;
    }

    /**
     * The jar this engine was loaded from (rfrecon-spark.jar), for drivers that ./rfrecon starts
     * itself; spark-submit sets {@code spark.jars} on its own. Null when run from classes.
     */
    static String applicationJar() {
        java.security.CodeSource src = SparkEngine.class.getProtectionDomain().getCodeSource();
        if (src == null || src.getLocation() == null) {
            return null;
        }
        try {
            String p = Path.of(src.getLocation().toURI()).toString();
            return p.endsWith(".jar") ? p : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The context, started on first use. */
    synchronized JavaSparkContext context() {
        if (sc == null) {
            quiet("org.apache.hadoop.util.NativeCodeLoader"); // no native Hadoop: not needed
            if (master.local()) {
                quiet("org.apache.spark.util.Utils"); // the loopback-address notice
            }
            sc = new JavaSparkContext(conf(master));
        }
        return sc;
    }

    /** Keeps a logger of slf4j-simple at errors unless the user configured it. */
    private static void quiet(String logger) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    @Override
    public RunExecutor ablation(AblationJob job) {
        return new SparkAblation(this::context, job, RunnerFactory.UNROLLED, master.attempts());
    }

    @Override
    public DatasetDirectory simulate(
            SimulationJob job, Simulator sim, Path out, Shards size, LongConsumer progress)
            throws IOException {
        DatasetDirectory d =
                SparkSimulation.run(context(), job, sim, out, size.count(), size.shardSize());
        progress.accept(size.count());
        return d;
    }

    @Override
    public double[] infer(InferenceJob job, DatasetDirectory input, Path out, LongConsumer progress)
            throws IOException {
        double[] sums = SparkInference.run(context(), job, input, out);
        progress.accept(input.info().count());
        return sums;
    }

    @Override
    public synchronized void close() {
        if (sc != null) {
            sc.stop();
            sc = null;
        }
        if (master.local()) {
            ModelCache.closeAll(); // the executors were this JVM's threads
        }
    }
}
