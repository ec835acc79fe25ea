package dev.hone.spark;

import dev.hone.quant.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The variants of a sweep as a grid: every combination of prune amounts, precisions, batch sizes
 * and learning rates. An immutable value; each method returns a copy with one axis replaced.
 * Axes left alone hold one value: no pruning, FP32, batch 64, learning rate 1e-3.
 *
 * <pre>{@code
 * Grid g = Grid.of().prune(0, 0.5, 0.8).precision(FP32, INT8).learningRate(1e-3, 3e-3);
 * g.variants().size();   // 12
 * }</pre>
 *
 * @param prunes prune amounts
 * @param precisions precisions
 * @param batchSizes training batch sizes
 * @param learningRates base learning rates
 */
public record Grid(List<Double> prunes, List<Precision> precisions, List<Integer> batchSizes,
    List<Double> learningRates) {

  /** Copies the axes. */
  public Grid {
    prunes = List.copyOf(prunes);
    precisions = List.copyOf(precisions);
    batchSizes = List.copyOf(batchSizes);
    learningRates = List.copyOf(learningRates);
  }

  /**
   * Returns the grid of one variant: dense, FP32, batch 64, learning rate 1e-3.
   *
   * <pre>{@code
   * Grid g = Grid.of().prune(0, 0.9);
   * }</pre>
   *
   * @return the grid
   */
  public static Grid of() {
    return new Grid(List.of(0.0), List.of(Precision.FP32), List.of(64), List.of(1e-3));
  }

  /**
   * Returns a copy whose prune axis holds these amounts.
   *
   * <pre>{@code
   * Grid.of().prune(0, 0.5, 0.9);
   * }</pre>
   *
   * @param amounts shares of weights to prune; none means an empty grid
   * @return the copy
   */
  public Grid prune(double... amounts) {
    return new Grid(Arrays.stream(amounts).boxed().toList(), precisions, batchSizes,
        learningRates);
  }

  /**
   * Returns a copy whose precision axis holds these precisions.
   *
   * <pre>{@code
   * Grid.of().precision(Precision.FP32, Precision.INT8);
   * }</pre>
   *
   * @param values precisions; FP32 means no quantization
   * @return the copy
   */
  public Grid precision(Precision... values) {
    return new Grid(prunes, Arrays.asList(Objects.requireNonNull(values, "values")), batchSizes,
        learningRates);
  }

  /**
   * Returns a copy whose batch size axis holds these sizes.
   *
   * <pre>{@code
   * Grid.of().batchSize(32, 128);
   * }</pre>
   *
   * @param sizes training batch sizes
   * @return the copy
   */
  public Grid batchSize(int... sizes) {
    return new Grid(prunes, precisions, Arrays.stream(sizes).boxed().toList(), learningRates);
  }

  /**
   * Returns a copy whose learning rate axis holds these rates.
   *
   * <pre>{@code
   * Grid.of().learningRate(1e-3, 3e-3);
   * }</pre>
   *
   * @param rates base learning rates
   * @return the copy
   */
  public Grid learningRate(double... rates) {
    return new Grid(prunes, precisions, batchSizes, Arrays.stream(rates).boxed().toList());
  }

  /**
   * Returns every combination, prune amount varying slowest.
   *
   * @return the variants; empty when an axis is empty
   */
  public List<Variant> variants() {
    List<Variant> out = new ArrayList<>();
    for (double p : prunes) {
      for (Precision q : precisions) {
        for (int b : batchSizes) {
          for (double lr : learningRates) {
            out.add(new Variant(p, q, b, lr));
          }
        }
      }
    }
    return List.copyOf(out);
  }
}
