package dev.hone.kernel.widgets.internal;

import com.google.gson.JsonObject;
import dev.hone.kernel.comm.CommManager;

/**
 * The widget protocol spoken by the front end Hone targets: Debian's
 * {@code python3-widgetsnbextension} 6.0.0, whose JavaScript is {@code jupyter-js-widgets} 2.1.4
 * (the ipywidgets 6 protocol, before the 2.0 protocol of ipywidgets 7 and 2.1 of ipywidgets 8).
 *
 * <p>What differs from the later protocols: models live in the module {@code jupyter-js-widgets}
 * (not {@code @jupyter-widgets/controls}), the front end reads a {@code comm_open}'s state from
 * its {@code data} directly, sends changes as {@code {"method": "backbone", "sync_data": ...}}, is
 * told to show a view by a {@code {"method": "display"}} message, and checks the kernel's version
 * requirement over a {@code jupyter.widget.version} comm. The Output model has no
 * {@code outputs} state: it captures the outputs of the message whose id is in its
 * {@code msg_id}.
 *
 * <p>{@code comm_open} and {@code update} messages also carry the state under {@code "state"}, as
 * the 2.x protocols do, so nbclient (which runs notebooks for nbconvert) records widget state
 * instead of failing on the older layout.
 */
public final class Protocol {

  /** The comm target of widget models. */
  public static final String TARGET = "jupyter.widget";
  /** The comm target the front end opens to check the kernel's version requirement. */
  public static final String VERSION_TARGET = "jupyter.widget.version";
  /** The JavaScript module that holds every model and view. */
  public static final String MODULE = "jupyter-js-widgets";
  /** The semver range of that module this kernel's models are written for. */
  public static final String MODULE_VERSION = "~2.1.4";
  private static volatile String frontEndVersion = "";
  private static volatile Boolean validated;

  private Protocol() {}

  /** Answers the front end's version check; the kernel calls this once at startup. */
  public static void register(CommManager comms) {
    comms.registerTarget(
        VERSION_TARGET,
        (comm, data) -> {
          comm.onMessage(
              reply -> {
                frontEndVersion = reply.has("frontend_version") ? reply.get("frontend_version").getAsString() : "";
                validated = reply.has("validated") && reply.get("validated").getAsBoolean();
              });
          JsonObject requirement = new JsonObject();
          requirement.addProperty("version", MODULE_VERSION);
          comm.send(requirement);
        });
  }

  /**
   * Returns a warning for the user when a front end reported widget JavaScript that does not
   * satisfy {@link #MODULE_VERSION}, or "" (also when no front end checked, as with nbconvert).
   */
  public static String versionWarning() {
    return Boolean.FALSE.equals(validated)
        ? "The notebook's widget JavaScript is version " + frontEndVersion + ", but these widgets need "
            + MODULE + " " + MODULE_VERSION + " (Debian's python3-widgetsnbextension 6); they may not render."
        : "";
  }

  /** Returns the widget JavaScript version the front end reported, or "" before it did. */
  public static String frontEndVersion() {
    return frontEndVersion;
  }
}
