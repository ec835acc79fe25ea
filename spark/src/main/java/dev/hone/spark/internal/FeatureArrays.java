package dev.hone.spark.internal;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads a feature column (array of float or double) into a row-major float buffer. */
public final class FeatureArrays {

  private FeatureArrays() {}

  /**
   * Checks the column exists and holds numbers in arrays.
   *
   * @return the column's index in the schema
   * @throws IllegalArgumentException naming the column and its type otherwise
   */
  public static int checkColumn(StructType schema, String column) {
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(column)) {
        StructField f = schema.fields()[i];
        DataType t = f.dataType();
        if (!(t instanceof ArrayType a) || !(a.elementType().equals(DataTypes.FloatType)
            || a.elementType().equals(DataTypes.DoubleType))) {
          throw new IllegalArgumentException("feature column '" + column + "' is "
              + t.simpleString() + "; expected array<float> or array<double>");
        }
        return i;
      }
    }
    throw new IllegalArgumentException("the DataFrame has no column '" + column + "'; its"
        + " columns are " + String.join(", ", names));
  }

  /**
   * Copies one row's features into {@code into} at {@code offset}.
   *
   * @throws IllegalArgumentException naming the column and both widths when the row has another
   *     number of features than the model takes
   */
  public static void copy(Row row, int column, String name, int width, float[] into,
      int offset) {
    Object v = row.get(column);
    if (v == null) {
      throw new IllegalArgumentException("a row's feature column '" + name + "' is null;"
          + " expected " + width + " features");
    }
    // Arrays of non-null primitives arrive as Scala ArraySeqs over a primitive array: read it
    // without boxing. Anything else goes element by element.
    if (v instanceof scala.collection.mutable.ArraySeq.ofFloat f) {
      checkWidth(f.length(), width, name);
      System.arraycopy(f.array(), 0, into, offset, width);
      return;
    }
    if (v instanceof scala.collection.immutable.ArraySeq.ofFloat f) {
      checkWidth(f.length(), width, name);
      System.arraycopy(f.unsafeArray(), 0, into, offset, width);
      return;
    }
    scala.collection.Seq<?> seq = (scala.collection.Seq<?>) v;
    checkWidth(seq.length(), width, name);
    for (int i = 0; i < width; i++) {
      Object e = seq.apply(i);
      if (e == null) {
        throw new IllegalArgumentException("feature " + i + " of column '" + name
            + "' is null; expected a number");
      }
      into[offset + i] = ((Number) e).floatValue();
    }
  }

  private static void checkWidth(int got, int width, String name) {
    if (got != width) {
      throw new IllegalArgumentException("feature column '" + name + "' has a row of " + got
          + " values, but the model takes " + width + " features per row");
    }
  }
}
