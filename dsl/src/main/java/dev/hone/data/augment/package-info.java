/**
 * Image augmentation on the fly: random crop with padding, horizontal flip, rotation and
 * translation, drawn fresh each epoch from the training seed, one batch at a time.
 *
 * <pre>{@code
 * Augmentation aug = Augmentation.images(28, 28).crop(2).rotate(10);
 * Model.mlp(784, 128, 10).train(mnist.train(), Train.epochs(20).augment(aug));
 * }</pre>
 */
package dev.hone.data.augment;
