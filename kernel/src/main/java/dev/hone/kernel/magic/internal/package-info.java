/**
 * Magics' implementations that are loaded apart from the kernel: Maven's resolver for {@code
 * %maven}, in its own class loader (see {@link dev.hone.kernel.magic.MavenResolver}).
 */
package dev.hone.kernel.magic.internal;
