package dev.hone.spark;

import dev.hone.spark.internal.MasterCheck;
import java.time.Duration;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark sessions Hone's jobs run in: a local one on this machine's cores, or one on a
 * cluster whose master is checked first, so a wrong URL (a refused port, an unknown host, an
 * address that never answers) fails in seconds instead of hanging. A port that accepts the
 * connection but is no Spark master is only found out by Spark's own registration, which gives
 * up after about a minute; that is reported as an error too, never as a dead session.
 * The same Hone code runs on both; only the master URL changes.
 *
 * <pre>{@code
 * SparkSession spark = HoneSpark.local(2);                        // 2 threads, tasks retried
 * SparkSession cluster = HoneSpark.session("spark://head:7077");  // checked, then started
 * }</pre>
 */
public final class HoneSpark {

  /** Attempts per task in local sessions: what a cluster allows by default (4). */
  public static final int LOCAL_TASK_ATTEMPTS = 4;

  /** How long {@link #session(String)} waits for the master to answer. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private HoneSpark() {}

  /**
   * Returns a local session with {@code cores} task threads in which a failed task is retried
   * as on a cluster ({@code local[cores,4]}; plain {@code local[cores]} never retries). An
   * existing session is reused, as {@link SparkSession.Builder#getOrCreate()} does.
   *
   * <pre>{@code
   * SparkSession spark = HoneSpark.local(2);
   * }</pre>
   *
   * @param cores task threads, > 0
   * @return the session; stop it with {@code spark.stop()}
   * @throws IllegalArgumentException when cores is not positive
   */
  public static SparkSession local(int cores) {
    if (cores <= 0) {
      throw new IllegalArgumentException("cores must be > 0, was " + cores);
    }
    return start("local[" + cores + "," + LOCAL_TASK_ATTEMPTS + "]");
  }

  /**
   * Checks the master answers within {@link #DEFAULT_CONNECT_TIMEOUT}, then returns a session
   * on it.
   *
   * <pre>{@code
   * SparkSession spark = HoneSpark.session("spark://head:7077");
   * }</pre>
   *
   * @param master {@code local[...]}, {@code spark://host:port}, {@code k8s://...} or
   *     {@code yarn}
   * @return the session
   * @throws IllegalArgumentException when the URL is not a master URL
   * @throws IllegalStateException naming the URL when the master does not answer in time
   */
  public static SparkSession session(String master) {
    return session(master, DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * Checks the master answers within the timeout, then returns a session on it.
   *
   * <pre>{@code
   * SparkSession spark = HoneSpark.session("spark://head:7077", Duration.ofSeconds(10));
   * }</pre>
   *
   * @param master the master URL
   * @param timeout how long to wait for the master's port to answer
   * @return the session
   * @throws IllegalArgumentException when the URL is not a master URL
   * @throws IllegalStateException naming the URL when the master does not answer in time
   */
  public static SparkSession session(String master, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    MasterCheck.check(master, timeout);
    SparkSession s = start(master);
    if (s.sparkContext().isStopped()) {
      // Something answered on the port but Spark could not register there (its client gives
      // up after three 20 s attempts and stops the context): say so instead of returning a
      // dead session.
      throw new IllegalStateException("the Spark master " + master + " accepted a connection"
          + " but Spark could not register with it; check that a Spark " + SPARK_VERSION_HINT
          + " master (not another service) listens there");
    }
    return s;
  }

  private static final String SPARK_VERSION_HINT = org.apache.spark.package$.MODULE$
      .SPARK_VERSION();

  private static SparkSession start(String master) {
    SparkSession s = SparkSession.builder()
        .master(master)
        .appName("hone")
        // Notebooks and tests share machines: no web UI port, no console progress bars.
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate();
    s.sparkContext().setLogLevel("WARN");
    return s;
  }
}
