package dev.hone.kernel.eval.stop;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a cell's class so that every loop back-edge and every method entry calls {@link
 * StopPoints#check()}.
 *
 * <pre>{@code
 * byte[] stoppable = BackEdgeWeaver.weave(classBytes);   // then define it as usual
 * }</pre>
 *
 * <p>A back-edge is a jump (or switch case) to a label that has already been visited: javac lays
 * out a loop's body before the jump that repeats it, so every {@code while}, {@code for} and
 * {@code do} loop has one. The call goes just before the jump; it takes and leaves nothing on the
 * operand stack, so the stack map frames stay valid and only max_stack could grow (it cannot: the
 * call needs no slots). Method entries are checked too, so that a lambda called over and over by
 * library code (a stream over a huge range) also stops; constructors are left alone, since code
 * before their super call is restricted.
 */
public final class BackEdgeWeaver {

  private static final String OWNER = StopPoints.class.getName().replace('.', '/');

  private BackEdgeWeaver() {}

  /**
   * Returns the class file with stop points added.
   *
   * @param classFile a class file, of any version this JDK's javac writes
   * @return the rewritten class file
   * @throws IllegalArgumentException if ASM cannot read the class file (a newer version)
   */
  public static byte[] weave(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    // Passing the reader lets ASM copy the constant pool; nothing needs recomputing (see above).
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return new StopPointMethod(next, !name.equals("<init>"));
          }
        },
        0);
    return writer.toByteArray();
  }

  private static final class StopPointMethod extends MethodVisitor {
    private final Set<Label> seen = new HashSet<>();
    private final boolean checkOnEntry;

    StopPointMethod(MethodVisitor next, boolean checkOnEntry) {
      super(Opcodes.ASM9, next);
      this.checkOnEntry = checkOnEntry;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      if (checkOnEntry) {
        check();
      }
    }

    @Override
    public void visitLabel(Label label) {
      seen.add(label);
      super.visitLabel(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      if (seen.contains(label)) {
        check();
      }
      super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      if (seen.contains(dflt) || anySeen(labels)) {
        check();
      }
      super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      if (seen.contains(dflt) || anySeen(labels)) {
        check();
      }
      super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    private boolean anySeen(Label[] labels) {
      for (Label l : labels) {
        if (seen.contains(l)) {
          return true;
        }
      }
      return false;
    }

    private void check() {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
    }
  }
}
