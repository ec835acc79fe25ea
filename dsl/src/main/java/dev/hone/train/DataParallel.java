package dev.hone.train;

import dev.hone.runtime.Device;
import dev.hone.runtime.internal.Engines;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Synchronous data parallelism: every global batch is cut into one shard per replica, each
 * replica computes the gradient of its shard at the same weights, the gradients are averaged
 * (weighted by shard size, so the result is the whole batch's gradient up to float rounding) and
 * one optimizer step updates the shared weights. This is the scheme of Goyal et al., "Accurate,
 * Large Minibatch SGD" (2017), without changing the batch size: only the work of each step is
 * spread, not its arithmetic.
 *
 * <p>On the CPU each replica is a thread with its own autograd graph over the same weight memory;
 * on GPUs each replica is a device with its own copy of the weights, refreshed after each step.
 * During the run each CPU replica's thread limits the engine's own threads to its share of the
 * cores (1 each for 2 replicas on 2 cores), so replicas do not compete for the cores; the
 * setting before the run is restored after it.
 *
 * <pre>{@code
 * Train.epochs(5).batchSize(128).dataParallel(2);                         // 2 CPU threads
 * Train.epochs(5).batchSize(256).dataParallel(Device.gpu(0), Device.gpu(1)); // 2 GPUs
 * }</pre>
 *
 * @param replicas how many replicas share each batch, >= 1
 * @param devices one device per replica, or empty for every replica on the config's device
 */
public record DataParallel(int replicas, List<Device> devices) {

  /** Checks the count and the devices; the message names the bad value. */
  public DataParallel {
    if (replicas < 1) {
      throw new IllegalArgumentException("data parallel needs at least 1 replica, was "
          + replicas);
    }
    devices = List.copyOf(devices);
    if (!devices.isEmpty() && devices.size() != replicas) {
      throw new IllegalArgumentException("data parallel with " + replicas + " replicas was given "
          + devices.size() + " devices (" + devices + "); give one device per replica");
    }
    for (Device d : devices) {
      if (d.kind().equals("auto")) {
        throw new IllegalArgumentException("data parallel devices must be named (cpu, gpu:N),"
            + " was auto in " + devices);
      }
    }
  }

  /**
   * Replicas on the device the config trains on (threads on the CPU cores).
   *
   * <pre>{@code
   * Train.epochs(5).dataParallel(DataParallel.replicas(2))
   * }</pre>
   *
   * @param replicas how many, >= 1
   * @return the setting
   * @throws IllegalArgumentException when {@code replicas < 1}
   */
  public static DataParallel replicas(int replicas) {
    return new DataParallel(replicas, List.of());
  }

  /**
   * One replica per listed device, such as two GPUs.
   *
   * <pre>{@code
   * DataParallel.on(Device.gpu(0), Device.gpu(1))
   * }</pre>
   *
   * @param devices one per replica, at least one; {@link #availableDevices()} lists the engine's
   * @return the setting
   * @throws IllegalArgumentException when none is given or one is {@code auto}
   */
  public static DataParallel on(Device... devices) {
    return new DataParallel(devices.length, Arrays.asList(devices));
  }

  /**
   * Lists the devices the engine sees: the CPU, then every GPU (none without CUDA natives).
   *
   * <pre>{@code
   * List<Device> gpus = DataParallel.availableDevices().stream()
   *     .filter(d -> d.kind().equals("gpu")).toList();
   * Train.epochs(5).dataParallel(gpus.toArray(Device[]::new));
   * }</pre>
   *
   * @return the CPU first, then {@code gpu:0}, {@code gpu:1}, ...
   */
  public static List<Device> availableDevices() {
    return Engines.available();
  }

  /** Returns a short description, such as {@code 2} or {@code gpu:0+gpu:1}. */
  public String describe() {
    return devices.isEmpty() ? String.valueOf(replicas)
        : devices.stream().map(Device::toString).collect(Collectors.joining("+"));
  }
}
