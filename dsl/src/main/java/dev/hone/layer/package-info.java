/**
 * What a network is made of: activations, and fully connected layers as weight encodings
 * ({@link dev.hone.layer.Dense}, {@link dev.hone.layer.SparseLayer},
 * {@link dev.hone.layer.CodebookLayer}) that each report their own bytes. Plain values on the
 * Java heap; nothing here touches an engine.
 */
package dev.hone.layer;
