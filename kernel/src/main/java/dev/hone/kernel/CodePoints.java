package dev.hone.kernel;

/** Jupyter counts cursor positions in Unicode code points; Java strings index UTF-16 units. */
final class CodePoints {

  private CodePoints() {}

  /** Returns the UTF-16 index of code point {@code cursor}, clamped to the string. */
  static int toIndex(String code, int cursor) {
    int points = code.codePointCount(0, code.length());
    int clamped = Math.max(0, Math.min(cursor, points));
    return code.offsetByCodePoints(0, clamped);
  }
}
