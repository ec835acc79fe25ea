package dev.hone.spark.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before Spark sees it. Spark's standalone client keeps retrying an
 * unreachable master in the background (three attempts, 20 s apart) and a session built on it
 * can wait far longer than that before failing; one TCP connect with a short timeout tells the
 * user the same thing in seconds.
 */
public final class MasterCheck {

  private static final Pattern LOCAL =
      Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?");

  private MasterCheck() {}

  /**
   * Throws when the master is malformed or nothing answers at its address.
   *
   * @param master {@code local[...]}, {@code spark://host:port[,host:port...]},
   *     {@code k8s://https://host:port} or {@code yarn}
   * @param timeout how long to wait for each address
   * @throws IllegalArgumentException naming the URL when it is not a master URL Spark knows
   * @throws IllegalStateException naming the URL and address when nothing answers in time
   */
  public static void check(String master, Duration timeout) {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("the Spark master URL is empty; expected local[2],"
          + " spark://host:7077, k8s://https://host:6443 or yarn");
    }
    if (LOCAL.matcher(master).matches() || master.equals("yarn")) {
      return; // nothing to reach: local threads, or YARN found through HADOOP_CONF_DIR
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    if (master.startsWith("spark://")) {
      for (String hostPort : master.substring("spark://".length()).split(",")) {
        addresses.add(address(master, "spark://" + hostPort, 7077));
      }
    } else if (master.startsWith("k8s://")) {
      String rest = master.substring("k8s://".length());
      addresses.add(address(master, rest.contains("://") ? rest : "https://" + rest, 443));
    } else {
      throw new IllegalArgumentException("'" + master + "' is not a Spark master URL; expected"
          + " local[2], local[2,3] (2 threads, 3 tries per task), spark://host:7077,"
          + " k8s://https://host:6443 or yarn");
    }
    List<String> failures = new ArrayList<>();
    for (InetSocketAddress a : addresses) {
      try (Socket s = new Socket()) {
        // Resolved here, so an unknown host is one more failure with its name, not a throw.
        s.connect(new InetSocketAddress(a.getHostString(), a.getPort()),
            (int) Math.max(1, timeout.toMillis()));
        return; // one live master of a high-availability list is enough
      } catch (IOException e) {
        failures.add(a.getHostString() + ":" + a.getPort() + " ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
      }
    }
    throw new IllegalStateException("the Spark master " + master + " is unreachable: no answer"
        + " within " + timeout.toMillis() + " ms from " + String.join(", ", failures)
        + "; check the host and port, that the master is running, and that this machine can"
        + " reach it (or use local[2] to run on this machine)");
  }

  private static InetSocketAddress address(String master, String url, int defaultPort) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + master + "' is not a valid Spark master URL: "
          + e.getMessage(), e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("'" + master + "' names no host; expected for example"
          + " spark://host:7077");
    }
    return InetSocketAddress.createUnresolved(uri.getHost(),
        uri.getPort() < 0 ? defaultPort : uri.getPort());
  }
}
