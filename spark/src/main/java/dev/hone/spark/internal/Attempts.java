package dev.hone.spark.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;

/** How many times Spark tries a task before it gives up on the job. */
public final class Attempts {

  private static final Pattern LOCAL = Pattern.compile("local\\[[^,\\]]+,([0-9]+)\\]");

  private Attempts() {}

  /**
   * Returns the attempts per task: {@code M} for {@code local[N,M]}, 1 for other local masters
   * (Spark does not retry there), else {@code spark.task.maxFailures} (default 4).
   */
  public static int perTask(SparkContext context) {
    String master = context.master();
    Matcher m = LOCAL.matcher(master);
    if (m.matches()) {
      return Integer.parseInt(m.group(1));
    }
    if (master.startsWith("local")) {
      return 1;
    }
    return context.getConf().getInt("spark.task.maxFailures", 4);
  }
}
