package dev.hone.export.onnx;

import dev.hone.export.internal.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX model ({@code ModelProto}): a graph, the operator sets it uses, and who made it.
 * {@link #toBytes()} and {@link #parse(byte[])} are the protobuf encoding of the ONNX spec's
 * {@code onnx.proto}, written by hand for the fields Hone needs; {@link #write(Path)} and
 * {@link #read(Path)} add files.
 *
 * <pre>{@code
 * OnnxModel m = OnnxModel.of(graph).withOpset("", 17).withMetadata("hone.form", "quantized");
 * m.write(Path.of("mlp.onnx"));
 * OnnxModel back = OnnxModel.read(Path.of("mlp.onnx"));   // equals m
 * }</pre>
 *
 * @param irVersion the ONNX IR version; 8 is the newest that the ONNX 1.12 checker accepts
 * @param opsetImports the operator sets the graph uses, one per domain
 * @param producerName the tool that made the model
 * @param producerVersion its version
 * @param domain the model's namespace, "" when none
 * @param modelVersion the model's own version
 * @param docString the documentation string, "" when none
 * @param graph the graph
 * @param metadata key-value metadata ({@code metadata_props}), in insertion order
 */
public record OnnxModel(long irVersion, List<OpsetImport> opsetImports, String producerName,
    String producerVersion, String domain, long modelVersion, String docString, OnnxGraph graph,
    Map<String, String> metadata) {

  /** The IR version of ONNX 1.10 to 1.12, which ONNX Runtime and the Debian checker both read. */
  public static final long DEFAULT_IR_VERSION = 8;

  /** The default-domain operator set written unless another is chosen. */
  public static final long DEFAULT_OPSET = 17;

  /**
   * One operator set the model uses ({@code OperatorSetIdProto}).
   *
   * @param domain the domain, "" for the default ONNX operators
   * @param version the operator set version
   */
  public record OpsetImport(String domain, long version) {
    /** Checks the parts. */
    public OpsetImport {
      Objects.requireNonNull(domain, "domain");
      if (version < 1) {
        throw new IllegalArgumentException(
            "opset version of domain '" + domain + "' must be >= 1, was " + version);
      }
    }
  }

  /** Checks and copies the parts; each domain may be imported once. */
  public OnnxModel {
    if (irVersion < 1) {
      throw new IllegalArgumentException("IR version must be >= 1, was " + irVersion);
    }
    opsetImports = List.copyOf(opsetImports);
    for (int i = 0; i < opsetImports.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (opsetImports.get(i).domain().equals(opsetImports.get(j).domain())) {
          throw new IllegalArgumentException(
              "domain '" + opsetImports.get(i).domain() + "' is imported twice");
        }
      }
    }
    Objects.requireNonNull(producerName, "producerName");
    Objects.requireNonNull(producerVersion, "producerVersion");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(docString, "docString");
    Objects.requireNonNull(graph, "graph");
    Map<String, String> copy = new LinkedHashMap<>();
    metadata.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "metadata key"),
        Objects.requireNonNull(v, () -> "value of metadata '" + k + "'")));
    metadata = Collections.unmodifiableMap(copy);
  }

  /**
   * A model of the graph with IR version 8, default-domain opset 17 and producer {@code Hone}.
   *
   * <pre>{@code
   * OnnxModel.of(graph).toBytes();
   * }</pre>
   *
   * @param graph the graph
   * @return the model
   */
  public static OnnxModel of(OnnxGraph graph) {
    return new OnnxModel(DEFAULT_IR_VERSION, List.of(new OpsetImport("", DEFAULT_OPSET)), "Hone",
        "", "", 0, "", graph, Map.of());
  }

  /**
   * A copy that imports the operator set, replacing any import of the same domain.
   *
   * <pre>{@code
   * model.withOpset("com.microsoft", 1);
   * }</pre>
   *
   * @param opsetDomain the domain, "" for the default ONNX operators
   * @param version the version
   * @return the model with the import
   */
  public OnnxModel withOpset(String opsetDomain, long version) {
    List<OpsetImport> more = new ArrayList<>();
    for (OpsetImport o : opsetImports) {
      if (!o.domain().equals(opsetDomain)) {
        more.add(o);
      }
    }
    more.add(new OpsetImport(opsetDomain, version));
    return new OnnxModel(irVersion, more, producerName, producerVersion, domain, modelVersion,
        docString, graph, metadata);
  }

  /**
   * A copy with another IR version.
   *
   * @param version the IR version
   * @return the model
   */
  public OnnxModel withIrVersion(long version) {
    return new OnnxModel(version, opsetImports, producerName, producerVersion, domain,
        modelVersion, docString, graph, metadata);
  }

  /**
   * A copy with another producer.
   *
   * @param name the producing tool
   * @param version its version
   * @return the model
   */
  public OnnxModel withProducer(String name, String version) {
    return new OnnxModel(irVersion, opsetImports, name, version, domain, modelVersion, docString,
        graph, metadata);
  }

  /**
   * A copy with a documentation string.
   *
   * @param doc the doc string
   * @return the model
   */
  public OnnxModel withDocString(String doc) {
    return new OnnxModel(irVersion, opsetImports, producerName, producerVersion, domain,
        modelVersion, doc, graph, metadata);
  }

  /**
   * A copy with one metadata entry set, replacing any earlier value of the key.
   *
   * <pre>{@code
   * model.withMetadata("hone.form", "quantized");
   * }</pre>
   *
   * @param key the key
   * @param value the value
   * @return the model
   */
  public OnnxModel withMetadata(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(metadata);
    more.put(key, value);
    return new OnnxModel(irVersion, opsetImports, producerName, producerVersion, domain,
        modelVersion, docString, graph, more);
  }

  /**
   * The protobuf bytes of this model, as an {@code .onnx} file holds them.
   *
   * @return the encoded model
   * @throws IllegalStateException when the model exceeds protobuf's 2 GiB limit
   */
  public byte[] toBytes() {
    return OnnxCodec.encode(this);
  }

  /**
   * Decodes the bytes of an ONNX model. Fields outside the subset Hone writes are skipped.
   *
   * <pre>{@code
   * OnnxModel.parse(model.toBytes()).equals(model);   // true
   * OnnxModel.parse(new byte[0]);                     // throws OnnxFormatException
   * }</pre>
   *
   * @param bytes the protobuf bytes
   * @return the model
   * @throws OnnxFormatException naming what is malformed and where, when the bytes are not a
   *     model this codec can read
   */
  public static OnnxModel parse(byte[] bytes) {
    return OnnxCodec.decode(bytes);
  }

  /**
   * Reads an {@code .onnx} file.
   *
   * @param file the file
   * @return the model
   * @throws UncheckedIOException naming the file when it cannot be read
   * @throws OnnxFormatException naming the file and the fault when it is not a readable model
   */
  public static OnnxModel read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read ONNX model " + file + ": " + e, e);
    }
    try {
      return parse(bytes);
    } catch (OnnxFormatException e) {
      throw new OnnxFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the model to a file atomically: the bytes go to a temporary file in the same
   * directory, which then replaces the target, so a failed write leaves nothing half-written.
   *
   * <pre>{@code
   * long size = model.write(Path.of("mlp.onnx"));
   * }</pre>
   *
   * @param file the target; its directory must exist
   * @return the number of bytes written
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public long write(Path file) {
    return AtomicFiles.write(toBytes(), file, "ONNX model");
  }

}
