package dev.hone.export;

import dev.hone.layer.CodebookLayer;
import dev.hone.layer.Dense;
import dev.hone.layer.HalfLayer;
import dev.hone.layer.Int8Layer;
import dev.hone.layer.Layer;
import dev.hone.layer.SparseLayer;
import dev.hone.quant.Granularity;
import dev.hone.quant.Precision;
import dev.hone.quant.QuantParams;
import dev.hone.quant.QuantizedWeights;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The byte layout of each layer encoding in a version 2 file (little-endian), and the Deflate
 * step over all of them.
 *
 * <ul>
 *   <li>dense: weight float32 {@code [inputs * outputs]} row-major, bias float32
 *   <li>sparse: mask, kept values float32, bias float32. The mask is a bitmap of
 *       {@code ceil(n / 8)} bytes (bit {@code i % 8} of byte {@code i / 8} keeps weight
 *       {@code i}), or, when shorter, gaps: for each kept weight the number of pruned weights
 *       before it since the previous kept one, as an unsigned LEB128 varint (Deep Compression's
 *       relative indices, without their cap)
 *   <li>codebook: centroids float32, mask as above, codes packed {@code bits} each, least
 *       significant bit first, bias float32
 *   <li>int8: scales float32 {@code [channels]}, zero points int8 {@code [channels]}, for a
 *       static layer the input's scale float32 and zero point int32, then the weights: int8
 *       {@code [inputs * outputs]}, or, when the header has a mask, the mask of weights that are
 *       not zero (as above) and those weights' int8 values; bias float32
 *   <li>fp16, bf16: the weights' 16-bit patterns {@code [inputs * outputs]}, or a mask and the
 *       non-zero ones; bias float32
 * </ul>
 */
final class LayerCodec {

  private LayerCodec() {}

  static byte[] encode(List<Layer> layers, List<V2Header.LayerJson> specs) {
    long size = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      size += l.storedBytes();
      if (specs.get(i).mask != null) {
        size += specs.get(i).maskBytes - (l.weightCount() + 7) / 8;
      }
    }
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      boolean gaps = "gaps".equals(specs.get(i).mask);
      if (l instanceof SparseLayer s) {
        putMask(buf, s.maskWords(), s.weightCount(), gaps);
        putFloats(buf, s.keptValues());
      } else if (l instanceof CodebookLayer c) {
        putFloats(buf, c.codebook());
        putMask(buf, c.maskWords(), c.weightCount(), gaps);
        putCodes(buf, c.codes(), c.bits());
      } else if (l instanceof Int8Layer q) {
        putInt8(buf, q, specs.get(i).mask != null, gaps);
      } else if (l instanceof HalfLayer h) {
        short[] bits = h.bits();
        if (specs.get(i).mask != null) {
          putMask(buf, h.nonZeroMaskWords(), h.weightCount(), gaps);
          for (short b : bits) {
            if ((b & 0x7FFF) != 0) {
              buf.putShort(b);
            }
          }
        } else {
          for (short b : bits) {
            buf.putShort(b);
          }
        }
      } else {
        putFloats(buf, l.weights());
      }
      putFloats(buf, l.biases());
    }
    if (buf.hasRemaining()) {
      throw new IllegalStateException("layer sizes disagree with their encodings: "
          + buf.remaining() + " bytes left");
    }
    return buf.array();
  }

  static List<Layer> decode(byte[] bytes, List<V2Header.LayerJson> specs, List<Integer> widths) {
    if (specs.size() != widths.size() - 1) {
      throw new IllegalArgumentException("the header lists " + specs.size() + " layers but"
          + " widths " + widths + " need " + (widths.size() - 1));
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      V2Header.LayerJson j = specs.get(i);
      if (j.inputs != widths.get(i) || j.outputs != widths.get(i + 1)) {
        throw new IllegalArgumentException("layer " + i + " is " + j.inputs + " x " + j.outputs
            + " but widths " + widths + " need " + widths.get(i) + " x " + widths.get(i + 1));
      }
      long weights = (long) j.inputs * j.outputs;
      if (j.inputs <= 0 || j.outputs <= 0 || weights > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException("layer " + i + " is " + j.inputs + " x " + j.outputs
            + ", not a size this format holds");
      }
      int n = (int) weights;
      if (j.kept < 0 || j.kept > n) {
        throw new IllegalArgumentException("layer " + i + " keeps " + j.kept + " of " + n
            + " weights");
      }
      if ("codebook".equals(j.encoding) && (j.bits < 1 || j.bits > 8 || j.centroids < 1
          || j.centroids > (1 << j.bits))) {
        throw new IllegalArgumentException("layer " + i + " has " + j.centroids + " centroids of "
            + j.bits + " bits; expected 1 to 8 bits and at most 2^bits centroids");
      }
      try {
        layers.add(switch (String.valueOf(j.encoding)) {
          case "dense" -> new Dense(j.inputs, j.outputs, floats(buf, n), floats(buf, j.outputs));
          case "sparse" -> {
            long[] mask = mask(buf, n, j);
            yield SparseLayer.fromParts(j.inputs, j.outputs, mask, floats(buf, j.kept),
                floats(buf, j.outputs));
          }
          case "codebook" -> {
            float[] centroids = floats(buf, j.centroids);
            long[] mask = mask(buf, n, j);
            byte[] codes = codes(buf, j.kept, j.bits);
            yield new CodebookLayer(j.inputs, j.outputs, j.bits, centroids, mask, codes,
                floats(buf, j.outputs));
          }
          case "int8" -> int8(buf, n, j);
          case "fp16", "bf16" -> {
            Precision p = j.encoding.equals("fp16") ? Precision.FP16 : Precision.BF16;
            short[] bits = new short[n];
            if (j.mask != null) {
              long[] mask = mask(buf, n, j);
              need(buf, 2L * j.kept);
              for (int k = 0; k < n; k++) {
                if ((mask[k >>> 6] & (1L << k)) != 0) {
                  bits[k] = buf.getShort();
                }
              }
            } else {
              need(buf, 2L * n);
              for (int k = 0; k < n; k++) {
                bits[k] = buf.getShort();
              }
            }
            yield HalfLayer.fromBits(p, j.inputs, j.outputs, bits, floats(buf, j.outputs));
          }
          default -> throw new IllegalArgumentException("layer " + i + " has an unknown encoding '"
              + j.encoding + "'; expected dense, sparse, codebook, int8, fp16 or bf16");
        });
      } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
        throw new IllegalArgumentException("layer " + i + " (" + j.encoding + ") needs more bytes"
            + " than the file holds", e);
      }
    }
    if (buf.hasRemaining()) {
      throw new IllegalArgumentException(buf.remaining() + " bytes follow the last layer");
    }
    return layers;
  }

  private static void putInt8(ByteBuffer buf, Int8Layer l, boolean masked, boolean gaps) {
    QuantizedWeights w = l.quantized();
    putFloats(buf, w.scales());
    for (int z : w.zeroPoints()) {
      buf.put((byte) z);
    }
    l.inputParams().ifPresent(p -> buf.putFloat(p.scale()).putInt(p.zeroPoint()));
    if (masked) {
      long[] mask = l.nonZeroMaskWords();
      putMask(buf, mask, l.weightCount(), gaps);
      byte[] q = w.values();
      for (int k = 0; k < q.length; k++) {
        if ((mask[k >>> 6] & (1L << k)) != 0) {
          buf.put(q[k]);
        }
      }
    } else {
      buf.put(w.values());
    }
  }

  private static Int8Layer int8(ByteBuffer buf, int n, V2Header.LayerJson j) {
    Granularity g;
    if ("per_channel".equals(j.weights) && j.channels == j.outputs) {
      g = Granularity.PER_CHANNEL;
    } else if ("per_tensor".equals(j.weights) && j.channels == 1) {
      g = Granularity.PER_TENSOR;
    } else {
      throw new IllegalArgumentException("an int8 layer of " + j.outputs + " outputs with "
          + j.channels + " channels " + j.weights + "; expected per_channel with one channel"
          + " per output or per_tensor with one");
    }
    float[] scales = floats(buf, j.channels);
    need(buf, j.channels);
    int[] zeroPoints = new int[j.channels];
    for (int c = 0; c < j.channels; c++) {
      zeroPoints[c] = buf.get();
    }
    QuantParams input = null;
    if (j.isStatic) {
      need(buf, 8);
      float scale = buf.getFloat();
      int zp = buf.getInt();
      if (!(scale > 0) || !Float.isFinite(scale) || zp < 0 || zp > 255) {
        throw new IllegalArgumentException("an int8 layer's input has scale " + scale
            + " and zero point " + zp + "; expected a finite scale > 0 and 0..255");
      }
      input = new QuantParams(scale, zp, 0, 255);
    }
    byte[] q = new byte[n];
    if (j.mask != null) {
      long[] mask = mask(buf, n, j);
      need(buf, j.kept);
      for (int k = 0; k < n; k++) {
        q[k] = (mask[k >>> 6] & (1L << k)) != 0 ? buf.get()
            : (byte) zeroPoints[g == Granularity.PER_CHANNEL ? k % j.outputs : 0];
      }
    } else {
      need(buf, n);
      buf.get(q);
    }
    for (int c = 0; c < scales.length; c++) {
      if (!(scales[c] > 0) || !Float.isFinite(scales[c])) {
        throw new IllegalArgumentException("int8 scale " + c + " is " + scales[c]
            + "; expected a finite number > 0");
      }
    }
    return new Int8Layer(new QuantizedWeights(j.inputs, j.outputs, q, scales, zeroPoints, g,
        false), floats(buf, j.outputs), input);
  }

  static byte[] deflate(byte[] raw) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      d.setInput(raw);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
      byte[] chunk = new byte[1 << 16];
      while (!d.finished()) {
        out.write(chunk, 0, d.deflate(chunk));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** The most bytes a valid layer section can inflate to, from the header's layer sizes. */
  static long maxInflated(List<V2Header.LayerJson> specs) {
    long most = 0;
    for (V2Header.LayerJson j : specs) {
      long n = Math.max(0, (long) j.inputs * j.outputs);
      // dense floats, or a mask as gaps (up to 5 bytes a weight) plus floats, plus a codebook
      most += 9 * n + 4L * Math.max(0, j.outputs) + 4 * 256;
    }
    return most;
  }

  static byte[] inflate(byte[] packed, long limit) {
    Inflater inf = new Inflater();
    try {
      inf.setInput(packed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 2 + 64);
      byte[] chunk = new byte[1 << 16];
      while (!inf.finished()) {
        int n = inf.inflate(chunk);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IllegalArgumentException("the compressed layer section ends early");
        }
        out.write(chunk, 0, n);
        if (out.size() > limit) {
          throw new IllegalArgumentException("the layer section inflates past the " + limit
              + " bytes its header allows");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("the compressed layer section is damaged: "
          + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }

  /** Checks that the buffer still holds {@code bytes}, before anything is allocated for them. */
  private static void need(ByteBuffer buf, long bytes) {
    if (bytes > buf.remaining()) {
      throw new IllegalArgumentException("a layer needs " + bytes + " more bytes but "
          + buf.remaining() + " remain");
    }
  }

  private static void putFloats(ByteBuffer buf, float[] values) {
    buf.asFloatBuffer().put(values);
    buf.position(buf.position() + values.length * 4);
  }

  private static float[] floats(ByteBuffer buf, int n) {
    need(buf, 4L * n);
    float[] v = new float[n];
    buf.asFloatBuffer().get(v);
    buf.position(buf.position() + n * 4);
    return v;
  }

  /** Returns the mask as gaps: per kept weight, the pruned weights before it, LEB128. */
  static byte[] gaps(long[] words, long weights) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    long gap = 0;
    for (long i = 0; i < weights; i++) {
      if ((words[(int) (i >>> 6)] & (1L << i)) != 0) {
        long g = gap;
        while (g >= 0x80) {
          out.write((int) (g & 0x7F) | 0x80);
          g >>>= 7;
        }
        out.write((int) g);
        gap = 0;
      } else {
        gap++;
      }
    }
    return out.toByteArray();
  }

  private static void putMask(ByteBuffer buf, long[] words, long weights, boolean gaps) {
    if (gaps) {
      buf.put(gaps(words, weights));
      return;
    }
    int bytes = (int) ((weights + 7) / 8);
    for (int i = 0; i < bytes; i++) {
      buf.put((byte) (words[i >>> 3] >>> (8 * (i & 7))));
    }
  }

  private static long[] mask(ByteBuffer buf, int weights, V2Header.LayerJson j) {
    long[] words = new long[(weights + 63) / 64];
    if ("gaps".equals(j.mask)) {
      long at = -1;
      for (int k = 0; k < j.kept; k++) {
        long g = 0;
        int shift = 0;
        int b;
        do {
          b = buf.get() & 0xFF;
          if (shift > 28) {
            throw new IllegalArgumentException("a mask gap is longer than the layer");
          }
          g |= (long) (b & 0x7F) << shift;
          shift += 7;
        } while ((b & 0x80) != 0);
        at += g + 1;
        if (at >= weights) {
          throw new IllegalArgumentException("mask gaps run past weight " + (weights - 1));
        }
        words[(int) (at >>> 6)] |= 1L << at;
      }
      return words;
    }
    if (j.mask != null && !"bitmap".equals(j.mask)) {
      throw new IllegalArgumentException("unknown mask encoding '" + j.mask
          + "'; expected bitmap or gaps");
    }
    int bytes = (weights + 7) / 8;
    need(buf, bytes);
    long set = 0;
    for (int i = 0; i < bytes; i++) {
      words[i >>> 3] |= (buf.get() & 0xFFL) << (8 * (i & 7));
    }
    int tail = weights % 64;
    if (tail != 0) {
      words[words.length - 1] &= (1L << tail) - 1;
    }
    for (long w : words) {
      set += Long.bitCount(w);
    }
    if (set != j.kept) {
      // Otherwise the values that follow would be read from the wrong offsets.
      throw new IllegalArgumentException("a mask keeps " + set + " weights but the header says "
          + j.kept);
    }
    return words;
  }

  private static void putCodes(ByteBuffer buf, byte[] codes, int bits) {
    long acc = 0;
    int filled = 0;
    for (byte c : codes) {
      acc |= (long) (c & 0xFF) << filled;
      filled += bits;
      while (filled >= 8) {
        buf.put((byte) acc);
        acc >>>= 8;
        filled -= 8;
      }
    }
    if (filled > 0) {
      buf.put((byte) acc);
    }
  }

  private static byte[] codes(ByteBuffer buf, int count, int bits) {
    if (bits < 1 || bits > 8) {
      throw new IllegalArgumentException("codes of " + bits + " bits; expected 1 to 8");
    }
    need(buf, ((long) count * bits + 7) / 8);
    byte[] codes = new byte[count];
    long acc = 0;
    int filled = 0;
    int mask = (1 << bits) - 1;
    for (int i = 0; i < count; i++) {
      while (filled < bits) {
        acc |= (buf.get() & 0xFFL) << filled;
        filled += 8;
      }
      codes[i] = (byte) (acc & mask);
      acc >>>= bits;
      filled -= bits;
    }
    return codes;
  }
}
