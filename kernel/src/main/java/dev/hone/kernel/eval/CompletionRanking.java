package dev.hone.kernel.eval;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Orders JShell's completions for a notebook: Hone's own names first, then the rest, then {@code
 * toString()} and {@code equals(}; {@code Object}'s plumbing ({@code wait}, {@code notify},
 * {@code notifyAll}, {@code getClass}, {@code hashCode}) is not offered at all.
 *
 * <pre>{@code
 * cfg.     ->  adam(, batchSize(, ... epochs(, ...   then toString(), equals(
 * St       ->  Standardizer, StopReason, ...         then Stack, String, ...
 * }</pre>
 *
 * <p>After a dot, the receiver's type comes from JShell ({@code analyzeType}), and a member counts
 * as Hone's when a class in a {@code dev.hone} package declares it. Without a dot, the session's
 * own variables, methods and types and Hone's public types come first. Within a rank, JShell's
 * (alphabetical) order stays.
 */
final class CompletionRanking {

  private static final Set<String> PLUMBING = Set.of("wait", "notify", "notifyAll", "getClass", "hashCode");
  private static final Set<String> LAST = Set.of("toString", "equals");
  private static final int HIDDEN = Integer.MAX_VALUE;

  private final JShell shell;
  private final Function<String, Class<?>> classes;

  /**
   * @param shell the session, for types of expressions and the names it defines
   * @param classes finds a class by binary name as cells see it, or returns null
   */
  CompletionRanking(JShell shell, Function<String, Class<?>> classes) {
    this.shell = shell;
    this.classes = classes;
  }

  /**
   * Returns the matches in rank order, without the hidden ones.
   *
   * @param code the cell's code
   * @param anchor where the completed name starts (a UTF-16 index)
   * @param matches JShell's continuations, such as {@code adam(} or {@code toString()}
   */
  List<String> rank(String code, int anchor, List<String> matches) {
    String before = code.substring(0, anchor).stripTrailing();
    Function<String, Integer> rankOf;
    if (before.endsWith(".")) {
      Class<?> type = receiverType(before.substring(0, before.length() - 1));
      rankOf = match -> memberRank(type, match);
    } else {
      Set<String> own = sessionNames();
      rankOf = match -> own.contains(name(match)) || isHone(match) ? 0 : 1;
    }
    List<String> ranked = new ArrayList<>();
    List<Integer> ranks = new ArrayList<>();
    for (String match : matches) {
      int rank = rankOf.apply(match);
      if (rank != HIDDEN) {
        ranked.add(match);
        ranks.add(rank);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(ranks::get)); // stable: JShell's order within a rank
    return order.stream().map(ranked::get).toList();
  }

  private static int memberRank(Class<?> type, String match) {
    String name = name(match);
    boolean method = match.endsWith("(") || match.endsWith(")");
    if (method && PLUMBING.contains(name)) {
      return HIDDEN;
    }
    if (method && LAST.contains(name)) {
      return 3;
    }
    return type != null && declaredByHone(type, name) ? 0 : 1;
  }

  private static boolean declaredByHone(Class<?> type, String name) {
    try {
      for (Method m : type.getMethods()) {
        if (m.getName().equals(name) && isHonePackage(m.getDeclaringClass())) {
          return true;
        }
      }
      for (Field f : type.getFields()) {
        if (f.getName().equals(name) && isHonePackage(f.getDeclaringClass())) {
          return true;
        }
      }
    } catch (LinkageError | SecurityException e) {
      // A class whose members cannot be listed ranks as not Hone's.
    }
    return false;
  }

  private static boolean isHonePackage(Class<?> c) {
    return c.getPackageName().startsWith("dev.hone.");
  }

  private boolean isHone(String match) {
    return HoneTypes.simpleNames().contains(name(match));
  }

  private Set<String> sessionNames() {
    Set<String> names = new HashSet<>();
    shell.snippets()
        .filter(s -> shell.status(s).isActive())
        .forEach(
            s -> {
              if (s instanceof jdk.jshell.PersistentSnippet p && s.kind() != Snippet.Kind.IMPORT) {
                names.add(p.name());
              }
            });
    return names;
  }

  private Class<?> receiverType(String before) {
    String receiver = receiver(before);
    if (receiver.isEmpty()) {
      return null;
    }
    var analysis = shell.sourceCodeAnalysis();
    Class<?> type = classOf(analysis.analyzeType(receiver, receiver.length()));
    if (type == null) {
      // A type name (Model.) is no expression; its class literal is.
      String literal = receiver + ".class";
      type = classOf(analysis.analyzeType(literal, literal.length()));
    }
    return type;
  }

  /**
   * Returns the expression that ends {@code before}: a chain of names, calls, indexes and string
   * literals, e.g. {@code Model.mlp(784, 10)} in {@code var m = Model.mlp(784, 10)}.
   */
  static String receiver(String before) {
    int i = before.length();
    int depth = 0;
    while (i > 0) {
      char c = before.charAt(i - 1);
      if (c == ')' || c == ']') {
        depth++;
      } else if (c == '(' || c == '[') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == '"' && depth == 0) {
        int open = i - 2;
        while (open >= 0 && (before.charAt(open) != '"' || (open > 0 && before.charAt(open - 1) == '\\'))) {
          open--;
        }
        if (open < 0) {
          break;
        }
        i = open;
        continue;
      } else if (depth == 0 && !Character.isJavaIdentifierPart(c) && c != '.') {
        break;
      }
      i--;
    }
    String expression = before.substring(i).strip();
    String rest = before.substring(0, i).stripTrailing();
    if (rest.endsWith("new") && (rest.length() == 3 || !Character.isJavaIdentifierPart(rest.charAt(rest.length() - 4)))) {
      expression = "new " + expression;
    }
    return expression;
  }

  // JShell names types canonically, with type arguments: java.util.Map.Entry<K, V>, Class<X>.
  private Class<?> classOf(String typeName) {
    if (typeName == null || typeName.isBlank() || typeName.endsWith("]")) {
      return null;
    }
    String name = typeName.strip();
    if (name.startsWith("java.lang.Class<") && name.endsWith(">")) {
      name = name.substring("java.lang.Class<".length(), name.length() - 1);
    }
    int generic = name.indexOf('<');
    if (generic >= 0) {
      name = name.substring(0, generic);
    }
    // A nested class: try a.b.Outer.Inner as a.b.Outer$Inner, and so on outwards.
    String candidate = name;
    while (true) {
      Class<?> found = classes.apply(candidate);
      if (found != null) {
        return found;
      }
      int dot = candidate.lastIndexOf('.');
      if (dot < 0) {
        return null;
      }
      candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
    }
  }

  private static String name(String match) {
    int paren = match.indexOf('(');
    return paren >= 0 ? match.substring(0, paren) : match;
  }
}
