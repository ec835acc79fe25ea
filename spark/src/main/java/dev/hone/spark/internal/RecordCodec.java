package dev.hone.spark.internal;

import dev.hone.train.TrainingListener;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Hone's immutable config records (a {@code TrainConfig} with its optimizer, schedule,
 * device, pruning schedule and augmentation) into a serializable tree and back, so a config
 * made on the driver reaches Spark executors unchanged without Hone's records having to
 * implement {@link Serializable}. Components may be records, enums, strings, boxed primitives,
 * primitive arrays, lists of those, or null; a training listener becomes
 * {@link TrainingListener#NONE} (it lives on the driver; callers also silence a null one, which
 * means the default); anything else is refused with its name.
 */
public final class RecordCodec {

  private RecordCodec() {}

  /** A record: its class and its encoded components, in declaration order. */
  private record Node(String type, ArrayList<Object> values) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A training listener: it lives on the driver, so executors train silently. */
  private enum Quiet { LISTENER }

  /** A list, encoded element by element. */
  private record Items(ArrayList<Object> values) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Encodes a record.
   *
   * @param value a record whose components are all encodable
   * @return a serializable tree
   * @throws IllegalArgumentException naming the component that cannot travel
   */
  public static Serializable encode(Object value) {
    return (Serializable) encodeValue(value, value == null ? "null" : value.getClass().getName());
  }

  private static Object encodeValue(Object v, String path) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean
        || v instanceof Character || v instanceof Enum<?>
        || (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive())) {
      return v;
    }
    if (v instanceof TrainingListener) {
      return Quiet.LISTENER;
    }
    if (v instanceof List<?> list) {
      ArrayList<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(encodeValue(list.get(i), path + "[" + i + "]"));
      }
      return new Items(out);
    }
    if (v instanceof Record r) {
      ArrayList<Object> out = new ArrayList<>();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          out.add(encodeValue(c.getAccessor().invoke(r), path + "." + c.getName()));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalArgumentException("cannot read " + path + "." + c.getName(), e);
        }
      }
      return new Node(r.getClass().getName(), out);
    }
    throw new IllegalArgumentException(path + " is a " + v.getClass().getName()
        + ", which cannot be sent to Spark executors; expected records, enums, strings,"
        + " numbers or lists of them");
  }

  /**
   * Decodes what {@link #encode} made.
   *
   * @param tree the encoded form
   * @param type the expected record class
   * @param <T> the record type
   * @return an equal record
   */
  public static <T> T decode(Serializable tree, Class<T> type) {
    return type.cast(decodeValue(tree));
  }

  private static Object decodeValue(Object v) {
    if (v instanceof Items items) {
      List<Object> out = new ArrayList<>();
      for (Object o : items.values()) {
        out.add(decodeValue(o));
      }
      return List.copyOf(out);
    }
    if (v == Quiet.LISTENER) {
      return TrainingListener.NONE;
    }
    if (!(v instanceof Node node)) {
      return v;
    }
    try {
      Class<?> c = Class.forName(node.type(), true, RecordCodec.class.getClassLoader());
      RecordComponent[] parts = c.getRecordComponents();
      Class<?>[] types = new Class<?>[parts.length];
      Object[] args = new Object[parts.length];
      for (int i = 0; i < parts.length; i++) {
        types[i] = parts[i].getType();
        args[i] = decodeValue(node.values().get(i));
      }
      Constructor<?> k = c.getDeclaredConstructor(types);
      k.setAccessible(true);
      return k.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild a " + node.type() + " on this executor: "
          + e, e);
    }
  }
}
