package dev.hone.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import dev.hone.layer.CodebookLayer;
import dev.hone.layer.HalfLayer;
import dev.hone.layer.Int8Layer;
import dev.hone.layer.Layer;
import dev.hone.layer.SparseLayer;
import dev.hone.provenance.Provenance;
import dev.hone.provenance.Step;
import dev.hone.train.EpochStats;
import dev.hone.train.History;
import dev.hone.train.StopReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The version 2 header. Every field name is spelled out with {@code @SerializedName}, so renaming
 * a Java field or record component never changes the format.
 */
final class V2Header {
  @SerializedName("form")
  String form;
  @SerializedName("widths")
  List<Integer> widths;
  @SerializedName("activation")
  String activation;
  @SerializedName("provenance")
  List<StepJson> provenance;
  @SerializedName("history")
  HistoryJson history;
  @SerializedName("layers")
  List<LayerJson> layers;
  /** Optional: the fitted table pipeline (absent in files without one, and in older files). */
  @SerializedName("preprocessing")
  JsonElement preprocessing;

  /** One provenance step. */
  static final class StepJson {
    @SerializedName("name")
    String name;
    @SerializedName("items")
    LinkedHashMap<String, String> items;
  }

  /** The training history. */
  static final class HistoryJson {
    @SerializedName("stop_reason")
    String stopReason;
    @SerializedName("stop_note")
    String stopNote;
    @SerializedName("epochs")
    List<EpochJson> epochs;
  }

  /** One epoch. */
  static final class EpochJson {
    @SerializedName("epoch")
    int epoch;
    @SerializedName("train_loss")
    double trainLoss;
    @SerializedName("train_accuracy")
    double trainAccuracy;
    @SerializedName("val_loss")
    double valLoss;
    @SerializedName("val_accuracy")
    double valAccuracy;
    @SerializedName("learning_rate")
    double learningRate;
    @SerializedName("seconds")
    double seconds;
    @SerializedName("samples_per_s")
    double samplesPerSecond;
    @SerializedName("sparsity")
    double sparsity;
  }

  /** One layer's encoding; its bytes are in the payload, in layer order. */
  static final class LayerJson {
    @SerializedName("encoding")
    String encoding;
    @SerializedName("inputs")
    int inputs;
    @SerializedName("outputs")
    int outputs;
    @SerializedName("kept")
    int kept;
    @SerializedName("bits")
    int bits;
    @SerializedName("centroids")
    int centroids;
    /** How the mask is stored: {@code bitmap} (also when absent) or {@code gaps}. */
    @SerializedName("mask")
    String mask;
    /** Bytes of the mask as stored (for {@code gaps}: the varint stream's length). */
    @SerializedName("mask_bytes")
    int maskBytes;
    /** INT8: {@code per_channel} or {@code per_tensor}. */
    @SerializedName("weights")
    String weights;
    /** INT8: the number of scales and zero points. */
    @SerializedName("channels")
    int channels;
    /** Static INT8: the input is quantized with a stored scale and zero point. */
    @SerializedName("static")
    boolean isStatic;
  }

  static V2Header of(StoredModel m) {
    V2Header h = new V2Header();
    h.form = m.form();
    h.widths = m.widths();
    h.activation = m.activation().name();
    h.provenance = new ArrayList<>();
    for (Step s : m.provenance().steps()) {
      StepJson j = new StepJson();
      j.name = s.name();
      j.items = new LinkedHashMap<>(s.items());
      h.provenance.add(j);
    }
    h.history = new HistoryJson();
    h.history.stopReason = m.history().stopReason().name();
    h.history.stopNote = m.history().stopNote();
    h.history.epochs = new ArrayList<>();
    for (EpochStats e : m.history().epochs()) {
      EpochJson j = new EpochJson();
      j.epoch = e.epoch();
      j.trainLoss = e.trainLoss();
      j.trainAccuracy = e.trainAccuracy();
      j.valLoss = e.validationLoss();
      j.valAccuracy = e.validationAccuracy();
      j.learningRate = e.learningRate();
      j.seconds = e.seconds();
      j.samplesPerSecond = e.samplesPerSecond();
      j.sparsity = e.sparsity();
      h.history.epochs.add(j);
    }
    if (m.preprocessing() != null) {
      h.preprocessing = JsonParser.parseString(m.preprocessing());
    }
    h.layers = new ArrayList<>();
    for (Layer l : m.layers()) {
      LayerJson j = new LayerJson();
      j.encoding = l.encoding();
      j.inputs = l.inputs();
      j.outputs = l.outputs();
      long[] mask = null;
      if (l instanceof SparseLayer s) {
        j.kept = s.keptCount();
        mask = s.maskWords();
      } else if (l instanceof CodebookLayer c) {
        j.kept = c.codes().length;
        j.bits = c.bits();
        j.centroids = c.codebook().length;
        mask = c.maskWords();
      } else if (l instanceof Int8Layer q) {
        j.weights = q.quantized().granularity().name().toLowerCase(java.util.Locale.ROOT);
        j.channels = q.channels();
        j.isStatic = q.isStatic();
        if (q.storedSparse()) {
          j.kept = (int) q.nonZeroWeights();
          mask = q.nonZeroMaskWords();
        }
      } else if (l instanceof HalfLayer half && half.storedSparse()) {
        j.kept = (int) half.nonZeroWeights();
        mask = half.nonZeroMaskWords();
      }
      if (mask != null) {
        byte[] gaps = LayerCodec.gaps(mask, l.weightCount());
        boolean useGaps = gaps.length < (l.weightCount() + 7) / 8;
        j.mask = useGaps ? "gaps" : "bitmap";
        j.maskBytes = useGaps ? gaps.length : (int) ((l.weightCount() + 7) / 8);
      }
      h.layers.add(j);
    }
    return h;
  }

  String preprocessingJson() {
    return preprocessing == null || preprocessing.isJsonNull() ? null : preprocessing.toString();
  }

  Provenance provenance() {
    List<Step> steps = new ArrayList<>();
    for (StepJson j : provenance) {
      steps.add(new Step(j.name, j.items == null ? Map.of() : j.items));
    }
    return new Provenance(steps);
  }

  History history() {
    if (history == null) {
      return History.empty();
    }
    List<EpochStats> epochs = new ArrayList<>();
    if (history.epochs != null) {
      for (EpochJson e : history.epochs) {
        epochs.add(new EpochStats(e.epoch, e.trainLoss, e.trainAccuracy, e.valLoss,
            e.valAccuracy, e.learningRate, e.seconds, e.samplesPerSecond, e.sparsity));
      }
    }
    return new History(epochs,
        history.stopReason == null ? StopReason.COMPLETED : StopReason.valueOf(history.stopReason),
        history.stopNote == null ? "" : history.stopNote);
  }
}
