/**
 * Implementation: the engine bridge, the training loop, optimizers' update rules and the model
 * file format. Users never import this package; its classes may change without notice.
 */
package dev.hone.internal;
