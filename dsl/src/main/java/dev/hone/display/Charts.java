package dev.hone.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Hone's one chart style, so that every chart a notebook shows looks the same: white
 * background, no plot border, a light grid, the Tableau 10 palette and a legend without a box.
 *
 * <pre>{@code
 * XYChart c = Charts.xy("Loss", "epoch", "loss", 520, 300);
 * c.addSeries("train", x, y);
 * }</pre>
 */
public final class Charts {

  /** The Tableau 10 palette: distinct, readable on white, and kind to common colour blindness. */
  private static final Color[] PALETTE = {
      new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
      new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
      new Color(0x9C755F), new Color(0xBAB0AC)};

  private static final Color TEXT = new Color(0x333333);
  private static final Color GRID = new Color(0xE6E6E6);
  private static final Color AXIS = new Color(0xBBBBBB);

  private Charts() {}

  /**
   * Returns an empty XY chart in Hone's style, with the legend inside at the top right.
   *
   * @param title the chart title
   * @param xTitle the x axis title
   * @param yTitle the y axis title
   * @param width pixels
   * @param height pixels
   * @return the chart, ready for series
   */
  public static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    XYStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setPlotGridLinesVisible(true);
    s.setPlotGridLinesColor(GRID);
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setAxisTickMarksColor(AXIS);
    s.setAxisTickLabelsColor(TEXT);
    s.setChartFontColor(TEXT);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setLegendPosition(LegendPosition.InsideNE);
    s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
    s.setLegendBorderColor(new Color(255, 255, 255, 0));
    s.setSeriesColors(PALETTE);
    s.setSeriesMarkers(new Marker[] {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
        SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN});
    s.setMarkerSize(7);
    s.setAntiAlias(true);
    return chart;
  }

  /**
   * Returns the palette colour for the i-th series, cycling.
   *
   * @param i a series index, >= 0
   * @return its colour
   */
  public static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /**
   * Returns the i-th palette colour, lightened, for a busy series drawn under the main ones (the
   * batch losses under the epoch means).
   *
   * <pre>{@code
   * series.setLineColor(Charts.light(0));
   * }</pre>
   *
   * @param i a series index, >= 0
   * @return its colour, 45 % opaque
   */
  public static Color light(int i) {
    Color c = color(i);
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), 115);
  }

  /**
   * Sets an x axis that counts epochs from 0 to {@code epochs}, with labels far enough apart to
   * read: a short run gets fractions ("0.2", "0.4"), a long one whole epochs, and labels never
   * run together ("0 0.30.60.9").
   *
   * <pre>{@code
   * Charts.epochAxis(chart, 0.9, 420);
   * }</pre>
   *
   * @param chart the chart to set up
   * @param epochs where the axis ends (the last epoch position drawn); at least 1 is shown
   * @param width the chart's width in pixels
   */
  public static void epochAxis(XYChart chart, double epochs, int width) {
    double span = Math.max(1, Math.ceil(epochs * 10) / 10);
    XYStyler s = chart.getStyler();
    s.setXAxisMin(0.0);
    s.setXAxisMax(span);
    // Labels are written as they are (no rounding to whole epochs, which would put "1" where
    // 0.5 is); XChart chooses a round step at least this many pixels wide, so they fit.
    s.setXAxisDecimalPattern("0.##");
    s.setXAxisTickMarkSpacingHint(Math.max(MIN_LABEL_PIXELS, width / 8));
  }

  /** The fewest pixels between two labels of an axis that {@link #epochAxis} sets. */
  public static final int MIN_LABEL_PIXELS = 70;
}
