package dev.hone.kernel.magic;

import dev.hone.kernel.eval.CellResult;

/** A {@code %%name args} magic over the whole cell. */
@FunctionalInterface
public interface CellMagic {

  /**
   * Runs the magic.
   *
   * @param args the text after the name
   * @param body the rest of the cell
   * @param bodyLine the cell line the body starts on
   * @param context what the magic may use
   * @return the result, as for Java code
   */
  CellResult run(String args, String body, int bodyLine, MagicContext context);
}
