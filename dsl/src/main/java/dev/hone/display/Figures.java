package dev.hone.display;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * How Hone writes numbers for people: counts with thousands separators, and small or large
 * figures such as learning rates with a few significant digits instead of a raw double
 * ({@code 1.15e-9}, not {@code 0.0000000011450632203535705}).
 *
 * <pre>{@code
 * Figures.count(101_770);          // "101,770"
 * Figures.significant(1.1450632e-9); // "1.15e-9"
 * Figures.significant(0.001);      // "0.001"
 * }</pre>
 */
public final class Figures {

  /** Digits kept by {@link #significant(double)}. */
  public static final int SIGNIFICANT_DIGITS = 3;

  private Figures() {}

  /**
   * Writes a count with thousands separators.
   *
   * <pre>{@code
   * Figures.count(1234567);   // "1,234,567"
   * }</pre>
   *
   * @param n any count
   * @return the count, grouped by thousands
   */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * Writes a figure with {@value #SIGNIFICANT_DIGITS} significant digits: plainly between 0.001
   * and one million, in e-notation outside, without trailing zeros.
   *
   * <pre>{@code
   * Figures.significant(3.0e-4);   // "3e-4"
   * Figures.significant(0.0125);   // "0.0125"
   * }</pre>
   *
   * @param value any double; NaN and infinities are written as Java writes them
   * @return the short form
   */
  public static String significant(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS));
    double abs = Math.abs(rounded.doubleValue());
    if (abs >= 1e-3 && abs < 1e6) {
      return rounded.stripTrailingZeros().toPlainString();
    }
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
    return mantissa.toPlainString() + "e" + exponent;
  }

  /**
   * Returns a {@link NumberFormat} that writes {@link #significant(double)}, for Tablesaw's
   * column formatters.
   *
   * <pre>{@code
   * lr.setPrintFormatter(new NumberColumnFormatter(Figures.significantFormat()));
   * }</pre>
   *
   * @return a new format
   */
  public static NumberFormat significantFormat() {
    return new Significant();
  }

  /** Formats with {@link #significant(double)}; it only writes, as Tablesaw needs. */
  private static final class Significant extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
      return to.append(significant(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
      return to.append(count(number));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      int start = pos.getIndex();
      try {
        double v = Double.parseDouble(source.substring(start).strip());
        pos.setIndex(source.length());
        return v;
      } catch (NumberFormatException e) {
        pos.setErrorIndex(start);
        return null;
      }
    }
  }
}
