package dev.hone.provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a model's history: a name, positional arguments and named parameters, rendered as
 * {@code name(arg, ..., key=value, ...)}.
 *
 * <pre>{@code
 * Step s = Step.of("prune").with("sparsity", 0.5).with("scope", "layer");
 * s.toString();          // prune(sparsity=0.5, scope=layer)
 * s.param("sparsity");   // Optional[0.5]
 * }</pre>
 *
 * @param name what was done, such as {@code train} or {@code prune}
 * @param items the arguments in order: named ones under their name, positional ones (such as
 *     the widths of {@code mlp(784,128,10)}) under keys {@code #0}, {@code #1}, ...
 */
public record Step(String name, Map<String, String> items) {

  /** Checks the name and copies the items, keeping their order. */
  public Step {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a step needs a name, was blank");
    }
    items = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
  }

  /** Starts a step with no arguments. */
  public static Step of(String name) {
    return new Step(name, Map.of());
  }

  /**
   * Returns a copy with one more positional argument.
   *
   * @param arg the argument, rendered with {@code String.valueOf}
   * @return the longer step
   */
  public Step arg(Object arg) {
    Map<String, String> more = new LinkedHashMap<>(items);
    more.put("#" + args().size(), String.valueOf(arg));
    return new Step(name, more);
  }

  /** Returns the positional arguments, in order. */
  public List<String> args() {
    List<String> a = new ArrayList<>();
    items.forEach((k, v) -> {
      if (k.startsWith("#")) {
        a.add(v);
      }
    });
    return a;
  }

  /** Returns the named parameters, in order. */
  public Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    items.forEach((k, v) -> {
      if (!k.startsWith("#")) {
        p.put(k, v);
      }
    });
    return p;
  }

  /**
   * Returns a copy with one more named parameter (replacing one of the same name).
   *
   * @param key the name
   * @param value the value, rendered with {@code String.valueOf}
   * @return the changed step
   */
  public Step with(String key, Object value) {
    if (key.isBlank() || key.startsWith("#")) {
      throw new IllegalArgumentException("a parameter name must not be blank or start with #,"
          + " was '" + key + "'");
    }
    Map<String, String> more = new LinkedHashMap<>(items);
    more.put(key, String.valueOf(value));
    return new Step(name, more);
  }

  /**
   * Returns a named parameter.
   *
   * @param key the name
   * @return its value, or empty
   */
  public Optional<String> param(String key) {
    return key.startsWith("#") ? Optional.empty() : Optional.ofNullable(items.get(key));
  }

  /**
   * Reads a step from its text form, {@code name(a, b, k=v, f(x=1))}: items at the top level
   * with an {@code =} become parameters, the others arguments. Older model files stored steps
   * as text; this gives them structure.
   *
   * @param text such as {@code train(epochs=5, batch=128, adam(lr=0.001), seed=42)}
   * @return the step
   */
  public static Step parse(String text) {
    String t = text.strip();
    int open = t.indexOf('(');
    if (open <= 0 || !t.endsWith(")")) {
      return of(t);
    }
    Step step = of(t.substring(0, open));
    String inner = t.substring(open + 1, t.length() - 1);
    int depth = 0;
    int start = 0;
    List<String> items = new ArrayList<>();
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(inner.substring(start, i));
        start = i + 1;
      }
    }
    items.add(inner.substring(start));
    for (String item : items) {
      String s = item.strip();
      if (s.isEmpty()) {
        continue;
      }
      int eq = s.indexOf('=');
      int paren = s.indexOf('(');
      if (eq > 0 && (paren < 0 || eq < paren)) {
        step = step.with(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
      } else {
        step = step.arg(s);
      }
    }
    return step;
  }

  @Override
  public String toString() {
    if (items.isEmpty()) {
      return name;
    }
    List<String> parts = new ArrayList<>();
    items.forEach((k, v) -> parts.add(k.startsWith("#") ? v : k + "=" + v));
    // Architecture steps read as mlp(784,128,10), the rest with spaces.
    String sep = params().isEmpty() ? "," : ", ";
    return name + "(" + String.join(sep, parts) + ")";
  }
}
