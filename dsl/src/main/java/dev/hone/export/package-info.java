/**
 * Model files: Hone's versioned {@code .hone} format (dense, sparse and shared-weight layers,
 * entropy coded; version 1 files still load), described in {@code docs/model-format.md}.
 */
package dev.hone.export;
