package dev.hone.kernel.comm;

import com.google.gson.JsonObject;

/** Accepts comms that the front end opens for a target name. */
@FunctionalInterface
public interface CommTarget {

  /**
   * Called when the front end opens a comm for this target.
   *
   * @param comm the new comm, already open
   * @param data the {@code data} of the {@code comm_open} message
   */
  void opened(Comm comm, JsonObject data);
}
