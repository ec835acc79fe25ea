package dev.hone.data.table.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/** The pipeline steps: each a spec that fits, and a fitted form that applies and saves itself. */
public final class Steps {

  private Steps() {}

  // ---------------------------------------------------------------- helpers

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    String g = String.format(Locale.ROOT, "%.4g", v);
    if (g.contains("e") || g.contains("E") || !g.contains(".")) {
      return g;
    }
    g = g.replaceAll("0+$", "");
    return g.endsWith(".") ? g.substring(0, g.length() - 1) : g;
  }

  private static String shorten(String s) {
    return s.length() <= 140 ? s : s.substring(0, 137) + "...";
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(v -> a.add(v));
    return a;
  }

  private static JsonArray numbers(double[] values) {
    JsonArray a = new JsonArray();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  private static List<String> stringList(JsonObject o, String key) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray(key)) {
      out.add(e.isJsonNull() ? null : e.getAsString());
    }
    return out;
  }

  private static double[] doubles(JsonObject o, String key) {
    JsonArray a = o.getAsJsonArray(key);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }

  private static JsonObject json(String kind, List<String> columns) {
    JsonObject o = new JsonObject();
    o.addProperty("step", kind);
    o.add("columns", strings(columns));
    return o;
  }

  /** Resolves "all numeric columns except the excluded" when no columns were named. */
  static List<String> columnsOrNumeric(Frame f, List<String> named, Set<String> excluded) {
    if (!named.isEmpty()) {
      named.forEach(f::require);
      return List.copyOf(named);
    }
    List<String> out = new ArrayList<>();
    for (var e : f.kinds().entrySet()) {
      if (e.getValue() && !excluded.contains(e.getKey())) {
        out.add(e.getKey());
      }
    }
    return List.copyOf(out);
  }

  static double[] present(double[] v) {
    int n = 0;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        n++;
      }
    }
    double[] out = new double[n];
    int j = 0;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        out[j++] = d;
      }
    }
    return out;
  }

  static double[] presentOrFail(Frame f, String column, String step) {
    double[] p = present(f.numbers(column));
    if (p.length == 0) {
      throw new IllegalArgumentException("column '" + column + "' of '" + f.name() + "' is"
          + " entirely missing (" + f.rows() + " rows), so " + step + " has nothing to learn"
          + " from; drop the column or fill it with a constant");
    }
    return p;
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  static String mostFrequent(String[] values, String column, String table) {
    HashMap<String, Integer> counts = new HashMap<>();
    for (String s : values) {
      if (s != null) {
        counts.merge(s, 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("column '" + column + "' of '" + table + "' is entirely"
          + " missing (" + values.length + " rows); drop it or fill it with a constant");
    }
    return new TreeMap<>(counts).entrySet().stream()
        .max((a, b) -> Integer.compare(a.getValue(), b.getValue())).orElseThrow().getKey();
  }

  static List<String> categories(String[] values, String column, String table) {
    Set<String> seen = new HashSet<>();
    for (String s : values) {
      if (s != null) {
        seen.add(s);
      }
    }
    if (seen.isEmpty()) {
      throw new IllegalArgumentException("column '" + column + "' of '" + table + "' is entirely"
          + " missing (" + values.length + " rows); it has no categories to learn");
    }
    List<String> out = new ArrayList<>(seen);
    out.sort(null);
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- to numbers

  /** Parses text columns that hold numbers; unparseable cells become missing (and are counted). */
  public record ToNumbers(List<String> columns) implements StepSpec, FittedStep {
    @Override
    public String name() {
      return "to_numbers";
    }

    @Override
    public FittedStep fit(Frame train) {
      columns.forEach(train::require);
      return this;
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      long changed = 0;
      for (String c : columns) {
        if (f.isNumeric(c)) {
          continue;
        }
        String[] s = f.strings(c);
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
          if (s[i] == null || s[i].isBlank()) {
            d[i] = Double.NaN;
            continue;
          }
          try {
            d[i] = Double.parseDouble(s[i].trim());
          } catch (NumberFormatException e) {
            d[i] = Double.NaN;
            changed++;
          }
        }
        f.put(c, d, c);
      }
      return new Change(0, changed);
    }

    @Override
    public JsonObject toJson() {
      return json("to_numbers", columns);
    }
  }

  /** Turns a placeholder value (such as "." or "?") into a missing value. */
  public record MarkMissing(String token, List<String> columns) implements StepSpec, FittedStep {
    @Override
    public String name() {
      return "mark_missing(" + token + ")";
    }

    @Override
    public FittedStep fit(Frame train) {
      columns.forEach(train::require);
      return this;
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      long changed = 0;
      for (String c : columns) {
        if (f.isNumeric(c)) {
          double t;
          try {
            t = Double.parseDouble(token);
          } catch (NumberFormatException e) {
            continue;
          }
          double[] v = f.numbers(c);
          for (int i = 0; i < v.length; i++) {
            if (v[i] == t) {
              v[i] = Double.NaN;
              changed++;
            }
          }
        } else {
          String[] v = f.strings(c);
          for (int i = 0; i < v.length; i++) {
            if (token.equals(v[i])) {
              v[i] = null;
              changed++;
            }
          }
        }
      }
      return new Change(0, changed);
    }

    @Override
    public JsonObject toJson() {
      JsonObject o = json("mark_missing", columns);
      o.addProperty("token", token);
      return o;
    }
  }

  // ---------------------------------------------------------------- row filters

  /** Drops rows that repeat an earlier row in every column; training data only. */
  public record DropDuplicates() implements StepSpec, FittedStep {
    @Override
    public String name() {
      return "drop_duplicates";
    }

    @Override
    public FittedStep fit(Frame train) {
      return this;
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      if (mode != Mode.FIT) {
        return Change.NONE;
      }
      List<String> names = f.names();
      Set<List<String>> seen = new HashSet<>();
      boolean[] keep = new boolean[f.rows()];
      for (int r = 0; r < keep.length; r++) {
        List<String> key = new ArrayList<>(names.size());
        for (String c : names) {
          key.add(f.text(c, r));
        }
        keep[r] = seen.add(key);
      }
      return new Change(f.keep(keep), 0);
    }

    @Override
    public JsonObject toJson() {
      return json("drop_duplicates", List.of());
    }
  }

  /** Drops rows with a missing value in the given columns (all columns when none named). */
  public record DropMissing(List<String> columns) implements StepSpec, FittedStep {
    @Override
    public String name() {
      return "drop_missing";
    }

    @Override
    public FittedStep fit(Frame train) {
      columns.forEach(train::require);
      return this;
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      List<String> cols = columns.isEmpty() ? f.names() : columns;
      boolean[] keep = new boolean[f.rows()];
      Arrays.fill(keep, true);
      for (String c : cols) {
        for (int r = 0; r < keep.length; r++) {
          if (keep[r] && f.isMissing(c, r)) {
            if (mode == Mode.PREDICT) {
              throw new IllegalArgumentException("the row's '" + c + "' is missing; the"
                  + " pipeline drops such rows (drop_missing), so it cannot predict from it;"
                  + " give a value, or impute the column instead of dropping");
            }
            keep[r] = false;
          }
        }
      }
      return new Change(f.keep(keep), 0);
    }

    @Override
    public JsonObject toJson() {
      return json("drop_missing", columns);
    }
  }

  /** Drops training rows missing more than a share of their values. */
  public record DropSparseRows(double maxMissing) implements StepSpec, FittedStep {
    @Override
    public String name() {
      return String.format(Locale.ROOT, "drop_sparse_rows(>%.2f missing)", maxMissing);
    }

    @Override
    public FittedStep fit(Frame train) {
      return this;
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      if (mode != Mode.FIT) {
        return Change.NONE;
      }
      List<String> names = f.names();
      boolean[] keep = new boolean[f.rows()];
      for (int r = 0; r < keep.length; r++) {
        int missing = 0;
        for (String c : names) {
          missing += f.isMissing(c, r) ? 1 : 0;
        }
        keep[r] = missing <= maxMissing * names.size();
      }
      return new Change(f.keep(keep), 0);
    }

    @Override
    public JsonObject toJson() {
      JsonObject o = json("drop_sparse_rows", List.of());
      o.addProperty("max_missing", maxMissing);
      return o;
    }
  }

  // ---------------------------------------------------------------- imputation

  /**
   * Fills missing values; strategy {@code mean}, {@code median}, {@code most_frequent} or
   * {@code constant}.
   */
  public record Impute(String strategy, List<String> named, String constant,
      Set<String> excluded) implements StepSpec {
    @Override
    public String name() {
      return "impute(" + strategy + ")";
    }

    @Override
    public FittedStep fit(Frame f) {
      List<String> cols;
      if (named.isEmpty()) {
        cols = new ArrayList<>();
        for (var e : f.kinds().entrySet()) {
          boolean numericOnly = strategy.equals("mean") || strategy.equals("median");
          if ((!numericOnly || e.getValue()) && !excluded.contains(e.getKey())) {
            cols.add(e.getKey());
          }
        }
      } else {
        named.forEach(f::require);
        cols = named;
      }
      List<String> fills = new ArrayList<>();
      for (String c : cols) {
        boolean numeric = f.isNumeric(c);
        switch (strategy) {
          case "mean" -> {
            double[] p = presentOrFail(f, c, name());
            double sum = 0;
            for (double v : p) {
              sum += v;
            }
            fills.add(Double.toString(sum / p.length));
          }
          case "median" -> {
            double[] p = presentOrFail(f, c, name());
            Arrays.sort(p);
            fills.add(Double.toString(quantile(p, 0.5)));
          }
          case "most_frequent" -> {
            if (numeric) {
              double[] p = presentOrFail(f, c, name());
              String[] s = new String[p.length];
              for (int i = 0; i < p.length; i++) {
                s[i] = Double.toString(p[i]);
              }
              fills.add(mostFrequent(s, c, f.name()));
            } else {
              fills.add(mostFrequent(f.strings(c), c, f.name()));
            }
          }
          case "constant" -> {
            if (numeric) {
              try {
                Double.parseDouble(constant);
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column '" + c + "' holds numbers; the"
                    + " constant '" + constant + "' is not a number", e);
              }
            }
            fills.add(constant);
          }
          default -> throw new IllegalArgumentException("unknown strategy " + strategy);
        }
      }
      List<Boolean> kinds = new ArrayList<>();
      cols.forEach(c -> kinds.add(f.isNumeric(c)));
      return new FittedImpute(strategy, List.copyOf(cols), List.copyOf(fills), kinds);
    }
  }

  /** Fitted imputation: one fill value per column. */
  public record FittedImpute(String strategy, List<String> columns, List<String> fills,
      List<Boolean> numeric) implements FittedStep {
    @Override
    public String name() {
      return "impute(" + strategy + ")";
    }

    @Override
    public String learned() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=')
            .append(numeric.get(i) ? fmt(Double.parseDouble(fills.get(i))) : fills.get(i));
      }
      return shorten(b.toString());
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      long changed = 0;
      for (int k = 0; k < columns.size(); k++) {
        String c = columns.get(k);
        if (numeric.get(k)) {
          double[] v = f.numbers(c);
          double fill = Double.parseDouble(fills.get(k));
          for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
              v[i] = fill;
              changed++;
            }
          }
        } else {
          String[] v = f.strings(c);
          String fill = fills.get(k);
          for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
              v[i] = fill;
              changed++;
            }
          }
        }
      }
      return new Change(0, changed);
    }

    @Override
    public JsonObject toJson() {
      JsonObject o = json("impute", columns);
      o.addProperty("strategy", strategy);
      o.add("fills", strings(fills));
      JsonArray kinds = new JsonArray();
      numeric.forEach(kinds::add);
      o.add("numeric", kinds);
      return o;
    }
  }

  // ---------------------------------------------------------------- outliers

  /** Outliers by IQR ({@code k} IQRs beyond the quartiles) or z-score, clipped or dropped. */
  public record Outliers(String method, double k, boolean clip, List<String> named,
      Set<String> excluded) implements StepSpec {
    @Override
    public String name() {
      return "outliers(" + method + " " + fmt(k) + ", " + (clip ? "clip" : "drop") + ")";
    }

    @Override
    public FittedStep fit(Frame f) {
      List<String> cols = columnsOrNumeric(f, named, excluded);
      double[] lo = new double[cols.size()];
      double[] hi = new double[cols.size()];
      for (int i = 0; i < cols.size(); i++) {
        double[] p = presentOrFail(f, cols.get(i), name());
        if (method.equals("iqr")) {
          Arrays.sort(p);
          double q1 = quantile(p, 0.25);
          double q3 = quantile(p, 0.75);
          lo[i] = q1 - k * (q3 - q1);
          hi[i] = q3 + k * (q3 - q1);
        } else {
          double[] ms = meanStd(p);
          lo[i] = ms[0] - k * ms[1];
          hi[i] = ms[0] + k * ms[1];
        }
      }
      return new FittedOutliers(name(), clip, cols, lo, hi);
    }
  }

  static double[] meanStd(double[] p) {
    double sum = 0;
    for (double v : p) {
      sum += v;
    }
    double mean = sum / p.length;
    double sq = 0;
    for (double v : p) {
      sq += (v - mean) * (v - mean);
    }
    return new double[] {mean, Math.sqrt(sq / p.length)};
  }

  /** Fitted outlier bounds per column. */
  public record FittedOutliers(String name, boolean clip, List<String> columns, double[] lo,
      double[] hi) implements FittedStep {
    @Override
    public String learned() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" in [").append(fmt(lo[i]))
            .append(", ").append(fmt(hi[i])).append(']');
      }
      return shorten(b.toString());
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      if (clip) {
        long changed = 0;
        for (int k = 0; k < columns.size(); k++) {
          double[] v = f.numbers(columns.get(k));
          for (int i = 0; i < v.length; i++) {
            if (v[i] < lo[k]) {
              v[i] = lo[k];
              changed++;
            } else if (v[i] > hi[k]) {
              v[i] = hi[k];
              changed++;
            }
          }
        }
        return new Change(0, changed);
      }
      if (mode != Mode.FIT) {
        return Change.NONE;
      }
      boolean[] keep = new boolean[f.rows()];
      Arrays.fill(keep, true);
      for (int k = 0; k < columns.size(); k++) {
        double[] v = f.numbers(columns.get(k));
        for (int i = 0; i < v.length; i++) {
          if (v[i] < lo[k] || v[i] > hi[k]) {
            keep[i] = false;
          }
        }
      }
      return new Change(f.keep(keep), 0);
    }

    @Override
    public JsonObject toJson() {
      JsonObject o = json("outliers", columns);
      o.addProperty("name", name);
      o.addProperty("clip", clip);
      o.add("lo", numbers(lo));
      o.add("hi", numbers(hi));
      return o;
    }
  }

  // ---------------------------------------------------------------- categories

  /** One-hot or ordinal encoding of text columns; categories learned from training data. */
  public record Categorical(boolean oneHot, boolean unknownBucket, List<String> named,
      Set<String> excluded) implements StepSpec {
    @Override
    public String name() {
      return (oneHot ? "one_hot" : "ordinal") + (unknownBucket ? "(unknown bucket)" : "");
    }

    @Override
    public FittedStep fit(Frame f) {
      List<String> cols = new ArrayList<>();
      if (named.isEmpty()) {
        for (var e : f.kinds().entrySet()) {
          if (!e.getValue() && !excluded.contains(e.getKey())) {
            cols.add(e.getKey());
          }
        }
      } else {
        named.forEach(f::require);
        cols.addAll(named);
      }
      List<List<String>> cats = new ArrayList<>();
      for (String c : cols) {
        cats.add(categories(f.strings(c), c, f.name()));
      }
      return new FittedCategorical(oneHot, unknownBucket, List.copyOf(cols), List.copyOf(cats));
    }
  }

  /** The name of the bucket that unseen categories go to when asked for. */
  public static final String UNKNOWN = "(unknown)";

  /** Fitted categories per column. */
  public record FittedCategorical(boolean oneHot, boolean unknownBucket, List<String> columns,
      List<List<String>> categories) implements FittedStep {
    @Override
    public String name() {
      return (oneHot ? "one_hot" : "ordinal") + (unknownBucket ? "(unknown bucket)" : "");
    }

    @Override
    public String learned() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        b.append(i == 0 ? "" : "; ").append(columns.get(i)).append(": ")
            .append(String.join(", ", categories.get(i)));
      }
      return shorten(b.toString());
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      long changed = 0;
      for (int k = 0; k < columns.size(); k++) {
        String c = columns.get(k);
        List<String> cats = categories.get(k);
        HashMap<String, Integer> index = new HashMap<>();
        for (int j = 0; j < cats.size(); j++) {
          index.put(cats.get(j), j);
        }
        String[] v = f.strings(c);
        int width = cats.size() + (unknownBucket ? 1 : 0);
        int[] code = new int[v.length];
        for (int i = 0; i < v.length; i++) {
          if (v[i] == null) {
            throw new IllegalArgumentException("row " + i + " of '" + f.name() + "' has no '" + c
                + "'; " + name() + " needs a value: impute the column first (e.g."
                + " imputeMostFrequent(\"" + c + "\")) or drop such rows");
          }
          Integer j = index.get(v[i]);
          if (j == null) {
            if (!unknownBucket) {
              throw new IllegalArgumentException("'" + c + "' is '" + v[i] + "' in row " + i
                  + " of '" + f.name() + "', a category training never saw; known: " + cats
                  + ". Ask for an unknown bucket (oneHotWithUnknown / ordinalWithUnknown) to"
                  + " accept new categories");
            }
            j = cats.size();
            changed++;
          }
          code[i] = j;
        }
        if (oneHot) {
          LinkedHashMap<String, Object> out = new LinkedHashMap<>();
          for (int j = 0; j < width; j++) {
            double[] col = new double[v.length];
            for (int i = 0; i < v.length; i++) {
              col[i] = code[i] == j ? 1 : 0;
            }
            out.put(c + "=" + (j < cats.size() ? cats.get(j) : UNKNOWN), col);
          }
          f.replace(c, out);
        } else {
          double[] col = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            col[i] = code[i];
          }
          f.put(c, col, c);
        }
      }
      return new Change(0, changed);
    }

    @Override
    public JsonObject toJson() {
      JsonObject o = json("categorical", columns);
      o.addProperty("one_hot", oneHot);
      o.addProperty("unknown_bucket", unknownBucket);
      JsonArray cats = new JsonArray();
      categories.forEach(c -> cats.add(strings(c)));
      o.add("categories", cats);
      return o;
    }
  }

  // ---------------------------------------------------------------- transforms

  /** {@code log1p} ({@code power} NaN) or a signed power {@code sign(x)|x|^p}. */
  public record Transform(String kind, double power, List<String> columns)
      implements StepSpec, FittedStep {
    @Override
    public String name() {
      return kind.equals("log") ? "log1p" : "power(" + fmt(power) + ")";
    }

    @Override
    public FittedStep fit(Frame train) {
      columns.forEach(train::numbers);
      return this;
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      long changed = 0;
      for (String c : columns) {
        double[] v = f.numbers(c);
        for (int i = 0; i < v.length; i++) {
          if (Double.isNaN(v[i])) {
            continue;
          }
          if (kind.equals("log")) {
            if (v[i] <= -1) {
              throw new IllegalArgumentException("log1p needs values > -1 but '" + c + "' is "
                  + v[i] + " in row " + i + " of '" + f.name() + "'");
            }
            v[i] = Math.log1p(v[i]);
          } else {
            v[i] = Math.signum(v[i]) * Math.pow(Math.abs(v[i]), power);
          }
          changed++;
        }
      }
      return new Change(0, changed);
    }

    @Override
    public JsonObject toJson() {
      JsonObject o = json("transform", columns);
      o.addProperty("kind", kind);
      o.addProperty("power", kind.equals("log") ? 0 : power);
      return o;
    }
  }

  /** Bins numbers into {@code bins} bins of equal width or equal counts (quantiles). */
  public record Bin(int bins, boolean quantiles, List<String> columns) implements StepSpec {
    @Override
    public String name() {
      return "bin(" + bins + (quantiles ? ", quantiles" : ", equal width") + ")";
    }

    @Override
    public FittedStep fit(Frame f) {
      List<double[]> edges = new ArrayList<>();
      for (String c : columns) {
        double[] p = presentOrFail(f, c, name());
        Arrays.sort(p);
        double[] e = new double[bins - 1];
        for (int b = 1; b < bins; b++) {
          e[b - 1] = quantiles ? quantile(p, (double) b / bins)
              : p[0] + (p[p.length - 1] - p[0]) * b / bins;
        }
        edges.add(e);
      }
      return new FittedBin(name(), List.copyOf(columns), edges);
    }
  }

  /** Fitted bin edges per column; a value becomes the index of its bin. */
  public record FittedBin(String name, List<String> columns, List<double[]> edges)
      implements FittedStep {
    @Override
    public String learned() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        b.append(i == 0 ? "" : "; ").append(columns.get(i)).append(" edges ");
        double[] e = edges.get(i);
        for (int j = 0; j < e.length; j++) {
          b.append(j == 0 ? "" : ", ").append(fmt(e[j]));
        }
      }
      return shorten(b.toString());
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      long changed = 0;
      for (int k = 0; k < columns.size(); k++) {
        double[] v = f.numbers(columns.get(k));
        double[] e = edges.get(k);
        for (int i = 0; i < v.length; i++) {
          if (Double.isNaN(v[i])) {
            continue;
          }
          int bin = 0;
          while (bin < e.length && v[i] > e[bin]) {
            bin++;
          }
          v[i] = bin;
          changed++;
        }
      }
      return new Change(0, changed);
    }

    @Override
    public JsonObject toJson() {
      JsonObject o = json("bin", columns);
      o.addProperty("name", name);
      JsonArray a = new JsonArray();
      edges.forEach(e -> a.add(numbers(e)));
      o.add("edges", a);
      return o;
    }
  }

  // ---------------------------------------------------------------- scaling

  /** Scales numbers: {@code zscore}, {@code minmax}, or {@code global} (one mean and std). */
  public record Scale(String kind, List<String> named, Set<String> excluded)
      implements StepSpec {
    @Override
    public String name() {
      return switch (kind) {
        case "zscore" -> "standardize";
        case "minmax" -> "min_max";
        default -> "standardize(global)";
      };
    }

    @Override
    public FittedStep fit(Frame f) {
      List<String> cols = columnsOrNumeric(f, named, excluded);
      double[] shift = new double[cols.size()];
      double[] scale = new double[cols.size()];
      if (kind.equals("global")) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (String c : cols) {
          for (double v : presentOrFail(f, c, name())) {
            sum += v;
            sq += v * v;
            n++;
          }
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(sq / n - mean * mean, 0));
        Arrays.fill(shift, mean);
        Arrays.fill(scale, std > 0 ? std : 1);
      } else {
        for (int i = 0; i < cols.size(); i++) {
          double[] p = presentOrFail(f, cols.get(i), name());
          if (kind.equals("zscore")) {
            double[] ms = meanStd(p);
            shift[i] = ms[0];
            scale[i] = ms[1] > 0 ? ms[1] : 1;
          } else {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : p) {
              min = Math.min(min, v);
              max = Math.max(max, v);
            }
            shift[i] = min;
            scale[i] = max > min ? max - min : 1;
          }
        }
      }
      return new FittedScale(kind, name(), cols, shift, scale);
    }
  }

  /** Fitted scaling: {@code (x - shift) / scale} per column. */
  public record FittedScale(String kind, String name, List<String> columns, double[] shift,
      double[] scale) implements FittedStep {
    @Override
    public String learned() {
      if (kind.equals("global") && !columns.isEmpty()) {
        return "mean " + fmt(shift[0]) + ", std " + fmt(scale[0]) + " over " + columns.size()
            + " columns";
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(columns.get(i)).append(kind.equals("zscore")
            ? " (mean " : " (min ").append(fmt(shift[i])).append(kind.equals("zscore")
            ? ", std " : ", range ").append(fmt(scale[i])).append(')');
      }
      return shorten(b.toString());
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      long changed = 0;
      for (int k = 0; k < columns.size(); k++) {
        double[] v = f.numbers(columns.get(k));
        double s = shift[k];
        double inv = 1 / scale[k];
        for (int i = 0; i < v.length; i++) {
          v[i] = (v[i] - s) * inv;
        }
        changed += v.length;
      }
      return new Change(0, changed);
    }

    @Override
    public JsonObject toJson() {
      JsonObject o = json("scale", columns);
      o.addProperty("kind", kind);
      o.addProperty("name", name);
      o.add("shift", numbers(shift));
      o.add("scale", numbers(scale));
      return o;
    }
  }

  /** Removes columns. */
  public record DropColumns(List<String> columns) implements StepSpec, FittedStep {
    @Override
    public String name() {
      return "drop_columns";
    }

    @Override
    public FittedStep fit(Frame train) {
      columns.forEach(train::require);
      return this;
    }

    @Override
    public Change apply(Frame f, Mode mode) {
      columns.forEach(f::remove);
      return Change.NONE;
    }

    @Override
    public JsonObject toJson() {
      return json("drop_columns", columns);
    }
  }

  // ---------------------------------------------------------------- reading back

  /**
   * Reads a fitted step back from its JSON.
   *
   * @param o what {@link FittedStep#toJson()} wrote
   * @return the fitted step
   * @throws IllegalArgumentException for an unknown step kind
   */
  public static FittedStep fromJson(JsonObject o) {
    String kind = o.get("step").getAsString();
    List<String> cols = stringList(o, "columns");
    return switch (kind) {
      case "to_numbers" -> new ToNumbers(cols);
      case "mark_missing" -> new MarkMissing(o.get("token").getAsString(), cols);
      case "drop_duplicates" -> new DropDuplicates();
      case "drop_missing" -> new DropMissing(cols);
      case "drop_sparse_rows" -> new DropSparseRows(o.get("max_missing").getAsDouble());
      case "impute" -> {
        List<Boolean> numeric = new ArrayList<>();
        o.getAsJsonArray("numeric").forEach(e -> numeric.add(e.getAsBoolean()));
        yield new FittedImpute(o.get("strategy").getAsString(), cols, stringList(o, "fills"),
            numeric);
      }
      case "outliers" -> new FittedOutliers(o.get("name").getAsString(),
          o.get("clip").getAsBoolean(), cols, doubles(o, "lo"), doubles(o, "hi"));
      case "categorical" -> {
        List<List<String>> cats = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("categories")) {
          List<String> c = new ArrayList<>();
          e.getAsJsonArray().forEach(x -> c.add(x.getAsString()));
          cats.add(List.copyOf(c));
        }
        yield new FittedCategorical(o.get("one_hot").getAsBoolean(),
            o.get("unknown_bucket").getAsBoolean(), cols, cats);
      }
      case "transform" -> new Transform(o.get("kind").getAsString(),
          o.get("power").getAsDouble(), cols);
      case "bin" -> {
        List<double[]> edges = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("edges")) {
          JsonArray a = e.getAsJsonArray();
          double[] d = new double[a.size()];
          for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).getAsDouble();
          }
          edges.add(d);
        }
        yield new FittedBin(o.get("name").getAsString(), cols, edges);
      }
      case "scale" -> new FittedScale(o.get("kind").getAsString(), o.get("name").getAsString(),
          cols, doubles(o, "shift"), doubles(o, "scale"));
      case "drop_columns" -> new DropColumns(cols);
      default -> throw new IllegalArgumentException("unknown pipeline step '" + kind
          + "' in a saved pipeline; this file needs a newer Hone");
    };
  }
}
