/**
 * Stops cell code that ignores interrupts, on every JDK: cell classes are rewritten as JShell
 * loads them so that each loop back-edge and each method entry asks {@link
 * dev.hone.kernel.eval.stop.StopPoints#check()} whether the kernel wants the cell to stop.
 *
 * <p>{@code Thread.stop} did this on Java 17 and is gone from Java 20 on. Only code compiled from
 * cells is rewritten: a long call into a library (a jar, the JDK) that ignores interrupts is still
 * stopped only by {@code Thread.stop}, where the JDK has it.
 */
package dev.hone.kernel.eval.stop;
