package org.rfrecon.spark;

import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rfrecon.jobs.InvalidInputException;

/**
 * A checked Spark master URL and the number of attempts a task gets. Checked here, in plain Java,
 * so that a malformed URL is a one-line error before Spark (or any work) starts.
 *
 * <p>Spark's {@code local[N]} never retries a task; rfrecon runs it as {@code local[N,F]} with F
 * from {@code spark.task.maxFailures} (default {@value #DEFAULT_ATTEMPTS}, Spark's cluster
 * default), so a throwing task is retried in local mode as on a cluster. {@code local[N,F]} given
 * explicitly is kept.
 *
 * @param url the URL handed to Spark
 * @param attempts how many times a task is tried before the job gives up on it
 * @param local whether the executors run inside this JVM
 */
public record MasterUrl(String url, int attempts, boolean local) {

    /** Attempts per task when {@code spark.task.maxFailures} is not set. */
    public static final int DEFAULT_ATTEMPTS = 4;

    private static final Pattern LOCAL =
            Pattern.compile("local(?:\\[(\\*|[1-9][0-9]*)(?:,\\s*([1-9][0-9]*))?\\])?");
    private static final Pattern STANDALONE =
            Pattern.compile("spark://[^\\s:/,]+:[0-9]{1,5}(,[^\\s:/,]+:[0-9]{1,5})*");
    private static final Pattern K8S = Pattern.compile("k8s://\\S+");

    /**
     * Checks a master URL.
     *
     * @param given the value; {@code ""} means {@code spark.master} (set by {@code spark-submit})
     *     or else {@code local[*]}
     * @param props system properties ({@code spark.master}, {@code spark.task.maxFailures})
     * @throws InvalidInputException one line that starts with the quoted URL in use and names the
     *     accepted forms, or the invalid {@code spark.task.maxFailures}
     */
    public static MasterUrl parse(String given, Properties props) {
        String m = given.isBlank() ? props.getProperty("spark.master", "local[*]") : given.trim();
        int attempts = attempts(m, props);
        Matcher l = LOCAL.matcher(m);
        if (l.matches()) {
            String threads = l.group(1) == null ? "1" : l.group(1);
            if (l.group(2) != null) {
                attempts = Integer.parseInt(l.group(2));
            }
            return new MasterUrl("local[" + threads + "," + attempts + "]", attempts, true);
        }
        if (STANDALONE.matcher(m).matches() || m.equals("yarn") || K8S.matcher(m).matches()) {
            return new MasterUrl(m, attempts, false);
        }
        throw new InvalidInputException(
                "'"
                        + m
                        + "': not a Spark master URL; expected local, local[N], local[*],"
                        + " local[N,F], spark://HOST:PORT, yarn or k8s://URL");
    }

    private static int attempts(String m, Properties props) {
        String f = props.getProperty("spark.task.maxFailures");
        if (f == null) {
            return DEFAULT_ATTEMPTS;
        }
        try {
            int v = Integer.parseInt(f.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(
                "'" + m + "': spark.task.maxFailures must be a positive integer, got '" + f + "'");
    }
}
