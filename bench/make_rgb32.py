"""Converts Fashion-MNIST to 32x32 RGB for the `resnet` training benchmark (bench/README.md, "Converted data").

Usage: /usr/bin/python3 bench/make_rgb32.py [--source DIR] [--out DIR]
  --source: the Fashion-MNIST IDX files (raw or .gz; default data/fashion-mnist)
  --out:    where to write the converted files (default data/fashion-mnist-rgb32)

Each 28x28 image is padded by 2 pixels of 0 on every side (32x32), then colored deterministically by its index i within
its split (0-based): channel c (0 red, 1 green, 2 blue) = round(pixel * tint[i][c]), rounding half to even, with
    tint[i][c] = 0.4 + 0.6 * (((i + 1) * (c + 3) * 7919) % 101) / 100   (in [0.4, 1.0], so values stay in 0..255).
Writes raw uint8 files without headers: train-images.u8 and t10k-images.u8 (N x 3 x 32 x 32, NCHW, image after image),
train-labels.u8 and t10k-labels.u8 (N bytes, class 0..9). Idempotent: does nothing when all four files exist with the
expected sizes. Needs only NumPy; bench/pytorch_train.py imports read_idx and read_rgb32 from here.
"""
import argparse
import gzip
import os
import sys

import numpy as np

SIZE = 32
CHANNELS = 3
PAD = 2
SPLITS = ("train", "t10k")


def read_idx(data_dir, name):
    """An IDX file (raw, or NAME.gz when the raw file is missing) as a NumPy uint8 array of its shape."""
    path = os.path.join(data_dir, name)
    if os.path.exists(path):
        with open(path, "rb") as f:
            raw = f.read()
    elif os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            raw = f.read()
    else:
        sys.exit(f"{path} (or .gz) not found; fetch Fashion-MNIST with: bash scripts/fetch-fashion-mnist.sh")
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def file_names(split):
    return f"{split}-images.u8", f"{split}-labels.u8"


def read_rgb32(data_dir, split):
    """The converted split: uint8 images of shape (N, 3, 32, 32) and uint8 labels of shape (N,)."""
    image_name, label_name = file_names(split)
    paths = [os.path.join(data_dir, image_name), os.path.join(data_dir, label_name)]
    for path in paths:
        if not os.path.exists(path):
            sys.exit(f"{path} not found; convert Fashion-MNIST first with: /usr/bin/python3 bench/make_rgb32.py --out {data_dir}")
    labels = np.fromfile(paths[1], dtype=np.uint8)
    images = np.fromfile(paths[0], dtype=np.uint8)
    if images.size != labels.size * CHANNELS * SIZE * SIZE:
        sys.exit(f"{paths[0]} holds {images.size} bytes, expected {labels.size} images of {CHANNELS}x{SIZE}x{SIZE}; "
                 f"delete {data_dir} and rerun bench/make_rgb32.py")
    return images.reshape(labels.size, CHANNELS, SIZE, SIZE), labels


def tints(count):
    """tint[i][c] for i in 0..count-1, c in 0..2, as float64 of shape (count, 3)."""
    i = np.arange(count, dtype=np.int64)[:, None]
    c = np.arange(CHANNELS, dtype=np.int64)[None, :]
    return 0.4 + 0.6 * (((i + 1) * (c + 3) * 7919) % 101) / 100


def convert(images):
    """(N, 28, 28) uint8 grayscale -> (N, 3, 32, 32) uint8 tinted RGB."""
    padded = np.pad(images, ((0, 0), (PAD, PAD), (PAD, PAD)))
    tint = tints(len(images))
    out = np.empty((len(images), CHANNELS, SIZE, SIZE), dtype=np.uint8)
    for begin in range(0, len(images), 5000):  # bounded float64 temporaries
        chunk = padded[begin:begin + 5000].astype(np.float64)[:, None, :, :]
        scaled = np.rint(chunk * tint[begin:begin + 5000, :, None, None])
        out[begin:begin + 5000] = np.clip(scaled, 0, 255).astype(np.uint8)
    return out


def complete(out_dir):
    """True when every output file exists, the images file holding 3x32x32 bytes per label byte."""
    for split in SPLITS:
        image_name, label_name = file_names(split)
        labels_path = os.path.join(out_dir, label_name)
        images_path = os.path.join(out_dir, image_name)
        if not (os.path.exists(labels_path) and os.path.exists(images_path)):
            return False
        count = os.path.getsize(labels_path)
        if count == 0 or os.path.getsize(images_path) != count * CHANNELS * SIZE * SIZE:
            return False
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="data/fashion-mnist")
    parser.add_argument("--out", default="data/fashion-mnist-rgb32")
    args = parser.parse_args()

    if complete(args.out):
        print(f"make_rgb32: {args.out} is complete; nothing to do", file=sys.stderr)
        return
    os.makedirs(args.out, exist_ok=True)
    for split in SPLITS:
        images = read_idx(args.source, f"{split}-images-idx3-ubyte")
        labels = read_idx(args.source, f"{split}-labels-idx1-ubyte")
        if images.shape[1:] != (28, 28) or len(images) != len(labels):
            sys.exit(f"make_rgb32: {args.source}/{split}: expected N 28x28 images and N labels, got {images.shape} and {labels.shape}")
        for name, array in zip(file_names(split), (convert(images), labels)):
            path = os.path.join(args.out, name)
            # Written under a temporary name and renamed, so an interrupted run never leaves a complete-looking file.
            with open(path + ".tmp", "wb") as f:
                f.write(np.ascontiguousarray(array).tobytes())
            os.replace(path + ".tmp", path)
        print(f"make_rgb32: {split}: {len(images)} images -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
