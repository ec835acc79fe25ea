package dev.hone.tune;

import dev.hone.runtime.internal.Engines;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Peak memory of one run: Java heap from the JVM's pool peaks, the process's resident set from
 * {@code /proc/self/status} (its high-water mark is reset through {@code /proc/self/clear_refs}
 * where the kernel allows it), and the GPU's used memory where the engine sees one.
 */
final class Memory {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private final boolean peakReset;

  private Memory(boolean peakReset) {
    this.peakReset = peakReset;
  }

  /** Resets the peaks and starts measuring. */
  static Memory start() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
    boolean reset;
    try {
      // "5" resets the resident set's high-water mark (Linux 4.0 and later).
      Files.writeString(CLEAR_REFS, "5");
      reset = true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      reset = false;
    }
    return new Memory(reset);
  }

  /** Returns the peak heap used since {@link #start()}, in bytes. */
  long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /**
   * Returns the process's peak resident set since {@link #start()} (or since the process began,
   * where the peak could not be reset), in bytes; empty where {@code /proc} is missing.
   */
  OptionalLong peakResident() {
    return statusField(peakReset ? "VmHWM:" : "VmRSS:");
  }

  /** Returns whether {@link #peakResident()} covers this run only. */
  boolean peakIsPerRun() {
    return peakReset;
  }

  /** Returns the GPU memory in use on the engine's first GPU, or empty without a GPU. */
  static OptionalLong gpuUsed() {
    if (Engines.engine().getGpuCount() == 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(ai.djl.util.cuda.CudaUtils.getGpuMemory(ai.djl.Device.gpu(0))
        .getUsed());
  }

  private static OptionalLong statusField(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          String kb = line.substring(name.length()).trim().split("\\s+")[0];
          return OptionalLong.of(Long.parseLong(kb) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
