package dev.hone.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Split;
import dev.hone.model.Fixtures;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.train.Train;
import dev.hone.train.TrainingListener;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ChartsTest {

  @Test
  void a_chart_has_a_white_background_and_no_plot_border() {
    XYChart c = Charts.xy("t", "x", "y", 300, 200);
    assertEquals(Color.WHITE, c.getStyler().getChartBackgroundColor());
    assertEquals(Color.WHITE, c.getStyler().getPlotBackgroundColor());
    assertFalse(c.getStyler().isPlotBorderVisible());
    assertEquals(300, c.getWidth());
    assertEquals("t", c.getTitle());
  }

  @Test
  void sensitivity_and_history_charts_render_in_the_shared_style() throws Exception {
    Split s = Fixtures.blobs(200, 8, 3, 0.6, 7).split(0.25, 1);
    TrainedModel m = Model.mlp(8, 8, 3).train(s.train(),
        Train.epochs(2).batchSize(32).listener(TrainingListener.NONE));
    for (XYChart c : new XYChart[] {m.history().chart(), m.sensitivity(s.test(), 0, 0.5)
        .chart()}) {
      assertFalse(c.getStyler().isPlotBorderVisible(), c.getTitle());
      assertTrue(Images.pngBase64(c).length() > 100);
    }
  }

  @Test
  void charts_side_by_side_make_one_image_as_wide_as_both() throws Exception {
    String png = Images.sideBySidePngBase64(Charts.xy("a", "x", "y", 300, 200),
        Charts.xy("b", "x", "y", 200, 250));
    var img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
    assertEquals(500, img.getWidth());
    assertEquals(250, img.getHeight());
  }
}
