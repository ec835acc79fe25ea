package dev.hone.kernel.eval;

import dev.hone.kernel.KernelLog;
import dev.hone.kernel.eval.stop.BackEdgeWeaver;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in the kernel's JVM, on the thread that calls {@code JShell.eval}.
 *
 * <p>JShell's own local engine runs each snippet on a fresh thread, which the kernel cannot name
 * when an interrupt arrives. Running on the caller's thread (the kernel's cell thread) makes the
 * interrupt target known, and keeps results as live objects: the last value is kept here so the
 * kernel can render a Tablesaw table or an XChart chart, not just its {@code toString}.
 *
 * <p>Every class a cell compiles to passes through {@link #load} here, and gets stop points at its
 * loop back-edges and method entries (see {@link BackEdgeWeaver}), so a loop that ignores
 * interrupts can still be stopped on JDKs without {@code Thread.stop}.
 */
final class CellExecutionControl extends DirectExecutionControl {

  private final UserCodeGate gate;
  private volatile Object lastValue;

  CellExecutionControl(UserCodeGate gate) {
    this.gate = gate;
  }

  @Override
  protected String invoke(Method doit) throws Exception {
    gate.enterUserCode();
    try {
      Object value = doit.invoke(null);
      lastValue = value;
      return valueString(value);
    } finally {
      gate.leaveUserCode();
    }
  }

  @Override
  public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
    ClassBytecodes[] woven = new ClassBytecodes[classes.length];
    for (int i = 0; i < classes.length; i++) {
      woven[i] = new ClassBytecodes(classes[i].name(), weave(classes[i]));
    }
    super.load(woven);
  }

  // A class ASM cannot read (a JDK newer than ASM knows) still loads, only without stop points.
  private static byte[] weave(ClassBytecodes c) {
    try {
      return BackEdgeWeaver.weave(c.bytecodes());
    } catch (RuntimeException e) {
      KernelLog.warn("no stop points in " + c.name() + " (" + e + "); a loop in it stops only by Thread.stop");
      return c.bytecodes();
    }
  }

  /** Returns the class of that binary name as cells see it, or null if there is none. */
  Class<?> classNamed(String name) {
    try {
      return findClass(name);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** Returns the value of the last snippet that produced one, and forgets it. */
  Object takeLastValue() {
    Object value = lastValue;
    lastValue = null;
    return value;
  }

  /** Hands this control to JShell's builder. */
  ExecutionControlProvider provider() {
    return new ExecutionControlProvider() {
      @Override
      public String name() {
        return "hone-cell";
      }

      @Override
      public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return CellExecutionControl.this;
      }
    };
  }
}
