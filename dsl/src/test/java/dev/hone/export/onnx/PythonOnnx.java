package dev.hone.export.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ONNX Python package of the machine (Debian's python3-onnx 1.12, installed by
 * {@code .ci/prerequisites.sh}): its checker, the reference for what a valid model is, and its
 * writer, the source of foreign files.
 */
public final class PythonOnnx {

  public static final String PYTHON = "/usr/bin/python3";

  static final String CHECK = "import onnx,sys; m=onnx.load(sys.argv[1]);"
      + " onnx.checker.check_model(m, full_check=True)";

  /** How a Python run ended. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Returns the exit code and both streams, for an assertion message. */
    public String describe() {
      return "exit code " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private PythonOnnx() {}

  /** Runs the full ONNX checker on a file. */
  public static Result check(Path model) {
    return run(CHECK, model.toString());
  }

  /** Writes the model to a file in {@code dir} and runs the full ONNX checker on it. */
  static Result check(OnnxModel model, Path dir, String fileName) {
    Path file = dir.resolve(fileName);
    model.write(file);
    return check(file);
  }

  static Result run(String script, String... args) {
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
    command.addAll(List.of(args));
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("python-onnx", ".out");
      err = Files.createTempFile("python-onnx", ".err");
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("python did not finish in 120 s: " + command);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + PYTHON + " (run .ci/prerequisites.sh to"
          + " install python3-onnx): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running python", e);
    } finally {
      for (Path f : new Path[] {out, err}) {
        if (f != null) {
          try {
            Files.deleteIfExists(f);
          } catch (IOException ignored) {
            // a leftover temporary file does not change the result
          }
        }
      }
    }
  }
}
