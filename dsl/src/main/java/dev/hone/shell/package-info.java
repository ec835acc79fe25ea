/**
 * Runs JShell scripts the way a Java reader writes them, for {@code dsl/bin/hone-jshell}: a line
 * that starts with {@code .} continues the chain on the line before, and the script stops at its
 * first error instead of going on with half-configured values. Scripts run in the real JShell
 * tool ({@code jdk.jshell.tool}), in this JVM, with user code in JShell's usual remote JVM.
 */
package dev.hone.shell;
