package dev.hone.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HoneSparkTest {

  @Test
  void a_master_that_refuses_connections_is_a_clear_error_in_seconds() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free now, and nothing listens once closed
    }
    String master = "spark://127.0.0.1:" + port;
    long start = System.nanoTime();
    var e = assertThrows(IllegalStateException.class, () -> HoneSpark.session(master));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 10, "took " + seconds + " s");
    assertTrue(e.getMessage().startsWith("the Spark master " + master + " is unreachable"),
        e.getMessage());
  }

  @Test
  void a_master_whose_host_does_not_resolve_is_a_clear_error_in_seconds() {
    // .invalid never resolves (RFC 2606). A non-routed address would show the timeout, but
    // networks that intercept every outbound connection (this build's sandbox) accept it.
    String master = "spark://no-such-host.invalid:7077";
    long start = System.nanoTime();
    var e = assertThrows(IllegalStateException.class,
        () -> HoneSpark.session(master, Duration.ofSeconds(2)));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 10, "took " + seconds + " s");
    assertTrue(e.getMessage().contains("unreachable")
        && e.getMessage().contains("no-such-host.invalid:7077"), e.getMessage());
  }

  @Test
  void a_url_that_is_no_master_url_is_refused_with_the_forms_spark_knows() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> HoneSpark.session("http://example.org"));
    assertTrue(e.getMessage().contains("is not a Spark master URL; expected local[2]"),
        e.getMessage());
    var empty = assertThrows(IllegalArgumentException.class, () -> HoneSpark.session(" "));
    assertTrue(empty.getMessage().startsWith("the Spark master URL is empty"));
  }

  @Test
  void cores_must_be_positive() {
    var e = assertThrows(IllegalArgumentException.class, () -> HoneSpark.local(0));
    assertEquals("cores must be > 0, was 0", e.getMessage());
  }
}
