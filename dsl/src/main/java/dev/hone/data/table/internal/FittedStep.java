package dev.hone.data.table.internal;

import com.google.gson.JsonObject;
import java.util.List;

/** A fitted pipeline step: statistics learned from training data, applied unchanged after. */
public interface FittedStep {

  /** Returns how the step shows in reports, such as {@code impute(median)}. */
  String name();

  /** Returns the columns it works on. */
  List<String> columns();

  /** Returns what it learned, in short; steps that learn nothing keep this "". */
  default String learned() {
    return "";
  }

  /**
   * Applies the step to a frame in place.
   *
   * @param frame the frame to change
   * @param mode where it runs
   * @return what it changed
   */
  Change apply(Frame frame, Mode mode);

  /** Returns the step as JSON, with its kind in {@code "step"}. */
  JsonObject toJson();
}
