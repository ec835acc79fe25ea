package dev.hone.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.Dataset;
import dev.hone.model.Model;
import dev.hone.model.TrainedModel;
import dev.hone.runtime.Device;
import dev.hone.train.Train;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Augmentation transforms, their checks, and their use in training. */
class AugmentationTest {

  private static float[] numbered(int w, int h) {
    float[] img = new float[w * h];
    for (int i = 0; i < img.length; i++) {
      img[i] = i + 1;
    }
    return img;
  }

  @Test
  void parameters_out_of_range_are_errors_naming_the_value() {
    var a = assertThrows(IllegalArgumentException.class,
        () -> Augmentation.images(28, 28).rotate(200));
    assertTrue(a.getMessage().contains("was 200.0"), a.getMessage());
    var c = assertThrows(IllegalArgumentException.class,
        () -> Augmentation.images(28, 28).crop(15));
    assertTrue(c.getMessage().contains("[0, 14]") && c.getMessage().contains("was 15"));
    assertThrows(IllegalArgumentException.class, () -> Augmentation.images(28, 28).crop(-1));
    assertThrows(IllegalArgumentException.class, () -> Augmentation.images(28, 28).translate(20));
    assertThrows(IllegalArgumentException.class, () -> Augmentation.images(1, 28));
    assertThrows(IllegalArgumentException.class,
        () -> Augmentation.images(28, 28).rotate(Double.NaN));
  }

  @Test
  void a_flip_mirrors_each_row() {
    Augmentation flip = Augmentation.images(3, 2).flip();
    float[] src = numbered(3, 2);
    float[] out = new float[6];
    boolean flipped = false;
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10; i++) {
      flip.apply(src, 0, out, 0, r);
      if (!Arrays.equals(src, out)) {
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4}, out);
        flipped = true;
      }
    }
    assertTrue(flipped, "about half the draws flip");
  }

  @Property(tries = 100)
  void shifts_move_pixels_without_changing_them(@ForAll @IntRange(min = 0, max = 4) int pad,
      @ForAll long seed) {
    Augmentation crop = Augmentation.images(10, 10).crop(pad).translate(1);
    float[] src = numbered(10, 10);
    float[] out = new float[100];
    crop.apply(src, 0, out, 0, new SplittableRandom(seed));
    for (float v : out) {
      assertTrue(v >= 1 && v <= 100 && v == Math.rint(v), "a pixel of the original: " + v);
    }
  }

  @Test
  void a_rotation_keeps_the_centre_and_the_same_seed_draws_the_same() {
    Augmentation rot = Augmentation.images(5, 5).rotate(30);
    float[] src = numbered(5, 5);
    float[] a = new float[25];
    float[] b = new float[25];
    rot.apply(src, 0, a, 0, new SplittableRandom(9));
    rot.apply(src, 0, b, 0, new SplittableRandom(9));
    assertArrayEquals(a, b);
    assertEquals(src[12], a[12], 1e-5, "the centre pixel stays");
    assertFalse(Arrays.equals(src, a));
    assertNotEquals(Augmentation.epochRandom(1, 0).nextLong(),
        Augmentation.epochRandom(1, 1).nextLong(), "each epoch draws afresh");
  }

  @Test
  void the_sample_grid_holds_originals_and_draws_and_renders_a_png() {
    Dataset d = Dataset.ofFlat("imgs", new float[2 * 16], 16, new int[] {0, 1}, 2);
    AugmentedSamples g = Augmentation.images(4, 4).crop(1).samples(d, 2, 3);
    assertEquals(16, g.size());
    byte[] png = g.png();
    assertEquals((byte) 0x89, png[0]);
    assertTrue(g.toMimeBundle().containsKey("image/png"));
  }

  @Test
  void training_augments_on_the_fly_deterministically_and_checks_the_image_size() {
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[64 * 16];
    int[] y = new int[64];
    for (int i = 0; i < 64; i++) {
      y[i] = i % 2;
      for (int p = 0; p < 16; p++) {
        x[i * 16 + p] = (float) (r.nextDouble() + (y[i] == 1 && p % 4 < 2 ? 1 : 0));
      }
    }
    Dataset d = Dataset.ofFlat("toy", x, 16, y, 2);
    Augmentation aug = Augmentation.images(4, 4).crop(1).rotate(10);
    var config = Train.epochs(3).batchSize(16).seed(7).device(Device.cpu());
    TrainedModel a = Model.mlp(16, 8, 2).train(d, config.augment(aug));
    TrainedModel b = Model.mlp(16, 8, 2).train(d, config.augment(aug));
    TrainedModel plain = Model.mlp(16, 8, 2).train(d, config);
    assertArrayEquals(a.denseLayers().get(0).weights(), b.denseLayers().get(0).weights());
    assertFalse(Arrays.equals(a.denseLayers().get(0).weights(),
        plain.denseLayers().get(0).weights()));
    assertTrue(a.provenance().toString().contains("augment=crop(1) rotate(10)"),
        a.provenance().toString());
    var e = assertThrows(IllegalArgumentException.class, () -> Model.mlp(16, 8, 2)
        .train(d, config.augment(Augmentation.images(28, 28))
            .augment(Augmentation.images(28, 28).flip())));
    assertTrue(e.getMessage().contains("28 x 28") && e.getMessage().contains("16 features"),
        e.getMessage());
  }
}
