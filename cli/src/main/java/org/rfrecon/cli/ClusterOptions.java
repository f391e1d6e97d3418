package org.rfrecon.cli;

import java.util.Iterator;
import java.util.ServiceLoader;
import org.rfrecon.jobs.InvalidInputException;
import org.rfrecon.jobs.cluster.ClusterEngine;
import org.rfrecon.jobs.cluster.ClusterSession;
import picocli.CommandLine.Option;

/**
 * The {@code --master} option (a picocli mixin). Without it a command runs on this machine and
 * nothing of the cluster engine is loaded; with it the engine is found by {@link ServiceLoader}.
 */
final class ClusterOptions {

    /** The value of {@code --master} given without a URL. */
    static final String FROM_SUBMIT = "";

    @Option(
            names = "--master",
            arity = "0..1",
            fallbackValue = FROM_SUBMIT,
            paramLabel = "URL",
            description =
                    "run on Apache Spark: local[N], local[N,F] (F attempts per task),"
                            + " spark://HOST:7077; without a URL, what spark-submit passed, else"
                            + " local[*]")
    String master;

    /** Whether {@code --master} was given. */
    boolean requested() {
        return master != null;
    }

    /**
     * If {@code --master} was given, checks the URL and that the engine is there, before any work
     * (a session is opened and closed, which starts nothing).
     *
     * @throws CliErrors.UserError as {@link #open}
     */
    void check() {
        if (requested()) {
            open().close();
        }
    }

    /**
     * Checks the master URL and returns the engine's session (which starts nothing yet).
     *
     * @throws CliErrors.UserError one line if the engine is not on the class path or the URL is
     *     malformed (the engine's message, which starts with the URL, after {@code --master})
     */
    ClusterSession open() {
        Iterator<ClusterEngine> engines = ServiceLoader.load(ClusterEngine.class).iterator();
        if (!engines.hasNext()) {
            throw new CliErrors.UserError(
                    "--master needs the Spark engine (spark/target/rfrecon-spark.jar), which is not"
                            + " on the class path; run ./rfrecon, which builds and uses it when"
                            + " --master is given");
        }
        ClusterEngine engine = engines.next();
        try {
            return engine.open(master);
        } catch (InvalidInputException e) {
            throw new CliErrors.UserError("--master " + e.getMessage(), e);
        }
    }
}
