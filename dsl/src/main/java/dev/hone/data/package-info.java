/**
 * Data: datasets and splits, the bundled MNIST digits, IDX readers, and (in later steps) Tablesaw
 * preprocessing, augmentation and filtering.
 */
package dev.hone.data;
