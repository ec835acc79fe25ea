package dev.hone.data.internal;

import java.util.Arrays;

/**
 * The decoded content of one IDX file of unsigned bytes: its dimensions and its values.
 *
 * <p>Immutable: the accessors return copies or freshly converted arrays.
 */
public final class IdxFile {

  private final String name;
  private final int[] dims;
  private final byte[] data;

  IdxFile(String name, int[] dims, byte[] data) {
    this.name = name;
    this.dims = dims;
    this.data = data;
  }

  /** Returns the path or display name the file was read from. */
  public String name() {
    return name;
  }

  /** Returns a copy of the dimensions, outermost first, e.g. {@code [60000, 28, 28]}. */
  public int[] dims() {
    return dims.clone();
  }

  /** Returns the number of items: the first dimension. */
  public int count() {
    return dims[0];
  }

  /** Returns the number of values per item: the product of all dimensions but the first. */
  public int itemSize() {
    int size = 1;
    for (int d = 1; d < dims.length; d++) {
      size *= dims[d]; // cannot overflow: the reader checked the product of all dims
    }
    return size;
  }

  /** Returns every value scaled from {@code 0..255} to {@code [0, 1]} (as {@code v / 255f}). */
  public float[] unitFloats() {
    float[] out = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = (data[i] & 0xFF) / 255f;
    }
    return out;
  }

  /** Returns every value as an unsigned int in {@code 0..255}. */
  public int[] unsignedInts() {
    int[] out = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = data[i] & 0xFF;
    }
    return out;
  }

  @Override
  public String toString() {
    return "IdxFile[" + name + " " + Arrays.toString(dims) + "]";
  }
}
