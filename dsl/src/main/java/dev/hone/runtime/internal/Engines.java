package dev.hone.runtime.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.hone.runtime.Device;
import java.util.ArrayList;
import java.util.List;

/** The one place that talks to DJL's engine: which engine, which device, grad mode, copies. */
public final class Engines {

  private Engines() {}

  static {
    // Nothing may download at run time; DJL must take the natives from the Maven jars.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  /** Returns the PyTorch engine, loading its natives on first use. */
  public static Engine engine() {
    Engine e = loaded;
    if (e == null) {
      // Two threads may both look it up; DJL returns the same engine, so the race is harmless.
      e = load();
      loaded = e;
    }
    return e;
  }

  // Cached because gradMode, called twice per training batch, needs the engine loaded.
  private static volatile Engine loaded;

  private static Engine load() {
    try {
      return Engine.getEngine("PyTorch");
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException("could not start DJL's PyTorch engine offline; the"
          + " ai.djl.pytorch:pytorch-native-cpu (or -cu124 with -Pgpu) jar must be on the class"
          + " path: " + e.getMessage(), e);
    }
  }

  /**
   * Turns a Hone device into a DJL device: config first, then {@code HONE_DEVICE}, then the
   * first GPU if the engine sees one.
   *
   * @param requested the config's device
   * @return the DJL device to place arrays on
   * @throws IllegalArgumentException when a GPU is asked for and none is there
   */
  public static ai.djl.Device resolve(Device requested) {
    Device d = requested;
    if (d.kind().equals("auto")) {
      d = Device.fromEnvironment().orElse(Device.auto());
    }
    int gpus = engine().getGpuCount();
    return switch (d.kind()) {
      case "cpu" -> ai.djl.Device.cpu();
      case "gpu" -> {
        if (d.index() >= gpus) {
          throw new IllegalArgumentException("device " + d + " was asked for but the engine sees "
              + gpus + " GPU(s) (devices found: " + available() + "); build with -Pgpu for"
              + " CUDA natives, or use Device.cpu()");
        }
        yield ai.djl.Device.gpu(d.index());
      }
      default -> gpus > 0 ? ai.djl.Device.gpu(0) : ai.djl.Device.cpu();
    };
  }

  /** Returns the devices the engine sees: the CPU, then each GPU. */
  public static List<Device> available() {
    List<Device> all = new ArrayList<>();
    all.add(Device.cpu());
    for (int i = 0; i < engine().getGpuCount(); i++) {
      all.add(Device.gpu(i));
    }
    return List.copyOf(all);
  }

  /**
   * Sets PyTorch's autograd mode for the calling thread. It is thread-local and on by default,
   * so each thread that updates weights in place or runs inference turns it off first.
   */
  public static void gradMode(boolean on) {
    engine(); // the JNI library is loaded with the engine; calling it before fails to link
    JniUtils.setGradMode(on);
  }

  /**
   * Copies {@code from} into all of {@code to} in place, in one native call, across devices
   * where they differ; a scalar {@code from} fills {@code to}. Unlike {@code NDArray.copyTo}, no
   * value makes a round trip through Java.
   *
   * @param from the values, of {@code to}'s shape or a scalar
   * @param to the array overwritten
   */
  public static void copyInto(NDArray from, NDArray to) {
    JniUtils.indexSet((PtNDArray) to, (PtNDArray) from, new long[] {0},
        new long[] {to.getShape().get(0)}, new long[] {1});
  }
}
