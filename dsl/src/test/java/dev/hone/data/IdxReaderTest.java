package dev.hone.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.data.internal.IdxFile;
import dev.hone.data.internal.IdxReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir Path dir;

  private static final int[] DIMS = {3, 2, 4};
  private static final byte[] DATA = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, (byte) 255
  };

  private static void assertNames(String file, Exception e, String... fragments) {
    assertTrue(e.getMessage().contains(file), () -> "message should name " + file + ": " + e);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "message should say '" + f + "': " + e);
    }
  }

  @Test
  void raw_file_round_trips() {
    Path file = IdxTestFiles.write(dir.resolve("a-idx3-ubyte"), IdxTestFiles.idx(DIMS, DATA));
    IdxFile idx = IdxReader.read(file);
    assertArrayEquals(DIMS, idx.dims());
    assertEquals(3, idx.count());
    assertEquals(8, idx.itemSize());
    assertEquals(255, idx.unsignedInts()[23]);
    assertEquals(file.toString(), idx.name());
  }

  @Test
  void gzip_file_round_trips_to_the_same_values() {
    byte[] raw = IdxTestFiles.idx(DIMS, DATA);
    Path gz = IdxTestFiles.write(dir.resolve("a.gz"), IdxTestFiles.gzip(raw));
    Path plain = IdxTestFiles.write(dir.resolve("a"), raw);
    assertArrayEquals(IdxReader.read(plain).unsignedInts(), IdxReader.read(gz).unsignedInts());
    assertArrayEquals(DIMS, IdxReader.read(gz).dims());
  }

  @Test
  void gzip_is_recognised_by_content_not_by_name() {
    byte[] raw = IdxTestFiles.idx(DIMS, DATA);
    Path gzipWithoutSuffix = IdxTestFiles.write(dir.resolve("plain-name"), IdxTestFiles.gzip(raw));
    Path rawWithGzSuffix = IdxTestFiles.write(dir.resolve("lying-name.gz"), raw);
    assertArrayEquals(DIMS, IdxReader.read(gzipWithoutSuffix).dims());
    assertArrayEquals(DIMS, IdxReader.read(rawWithGzSuffix).dims());
  }

  @Test
  void a_stream_is_read_under_its_display_name() {
    byte[] gz = IdxTestFiles.gzip(IdxTestFiles.idx(DIMS, DATA));
    IdxFile idx = IdxReader.read(new ByteArrayInputStream(gz), "memory:digits");
    assertEquals("memory:digits", idx.name());
    float[] f = idx.unitFloats();
    assertEquals(1f, f[23]);
    assertEquals(1f / 255f, f[1]);
  }

  @Test
  void truncated_file_error_names_the_file_and_both_byte_counts() {
    byte[] raw = IdxTestFiles.idx(DIMS, DATA);
    Path file = IdxTestFiles.write(dir.resolve("short-idx3"), Arrays.copyOf(raw, raw.length - 5));
    var e = assertThrows(DataFileException.class, () -> IdxReader.read(file));
    assertNames(file.toString(), e, "truncated", "40 bytes", "has 35");
    assertEquals(file.toString(), e.file());
  }

  @Test
  void truncated_header_is_an_error_naming_the_file() {
    byte[] raw = IdxTestFiles.idx(DIMS, DATA);
    Path file = IdxTestFiles.write(dir.resolve("stub"), Arrays.copyOf(raw, 9));
    assertNames(file.toString(), assertThrows(DataFileException.class, () -> IdxReader.read(file)),
        "header");
  }

  @Test
  void trailing_bytes_are_an_error_naming_the_file() {
    byte[] raw = IdxTestFiles.idx(DIMS, DATA);
    Path file = IdxTestFiles.write(dir.resolve("long"), Arrays.copyOf(raw, raw.length + 3));
    assertNames(file.toString(), assertThrows(DataFileException.class, () -> IdxReader.read(file)),
        "43 bytes", "3 more");
  }

  @Test
  void cut_off_gzip_is_an_error_naming_the_file() {
    byte[] gz = IdxTestFiles.gzip(IdxTestFiles.idx(DIMS, DATA));
    Path file = IdxTestFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertNames(file.toString(), assertThrows(DataFileException.class, () -> IdxReader.read(file)),
        "gzip");
  }

  @Test
  void gzip_with_a_wrong_checksum_is_an_error_naming_the_file() {
    byte[] gz = IdxTestFiles.gzip(IdxTestFiles.idx(DIMS, DATA));
    gz[gz.length - 8] ^= 0x5a; // first byte of the CRC-32 in the gzip trailer
    Path file = IdxTestFiles.write(dir.resolve("crc.gz"), gz);
    assertNames(file.toString(), assertThrows(DataFileException.class, () -> IdxReader.read(file)),
        "gzip");
  }

  @Test
  void wrong_magic_is_an_error_naming_the_file_and_the_expected_bytes() {
    byte[] raw = IdxTestFiles.idx(DIMS, DATA);
    raw[0] = 'P';
    raw[1] = 'K';
    Path file = IdxTestFiles.write(dir.resolve("zip-not-idx"), raw);
    assertNames(file.toString(), assertThrows(DataFileException.class, () -> IdxReader.read(file)),
        "50 4b", "00 00 08");
  }

  @Test
  void value_types_other_than_unsigned_byte_are_refused_by_name() {
    byte[] raw = IdxTestFiles.idx(DIMS, DATA);
    raw[2] = 0x0D; // float
    Path file = IdxTestFiles.write(dir.resolve("floats"), raw);
    assertNames(file.toString(), assertThrows(DataFileException.class, () -> IdxReader.read(file)),
        "0x0D", "0x08");
  }

  @Test
  void a_zero_or_negative_dimension_is_an_error() {
    Path zero = IdxTestFiles.write(dir.resolve("zero"), IdxTestFiles.idx(new int[] {0}, new byte[0]));
    assertNames(zero.toString(), assertThrows(DataFileException.class, () -> IdxReader.read(zero)),
        "dimension 0 is 0");
    Path negative = IdxTestFiles.write(
        dir.resolve("negative"), IdxTestFiles.idx(new int[] {2, -3}, new byte[0]));
    assertNames(negative.toString(),
        assertThrows(DataFileException.class, () -> IdxReader.read(negative)),
        "dimension 1 is -3");
  }

  @Test
  void a_missing_file_is_an_error_naming_it() {
    Path file = dir.resolve("nowhere-idx3-ubyte.gz");
    assertNames(file.toString(), assertThrows(DataFileException.class, () -> IdxReader.read(file)),
        "no such file");
  }
}
