package dev.hone.kernel.magic;

import dev.hone.kernel.eval.CellResult;

/** A {@code %name args} magic. */
@FunctionalInterface
public interface LineMagic {

  /**
   * Runs the magic.
   *
   * @param args the text after the name
   * @param line the cell line it is on
   * @param context what the magic may use
   * @return the result, as for Java code
   */
  CellResult run(String args, int line, MagicContext context);
}
