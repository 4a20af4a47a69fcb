"""Writes the first N training and M test images of Fashion-MNIST (IDX files) into a folder, for the sweep benchmark."""
import argparse
import gzip
import os
import struct

parser = argparse.ArgumentParser()
parser.add_argument("--idx", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--train", type=int, required=True)
parser.add_argument("--test", type=int, required=True)
args = parser.parse_args()


def read(name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(args.idx, candidate)
        if os.path.exists(path):
            with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
                return f.read()
    raise SystemExit(f"slice: {name} not found in {args.idx}")


os.makedirs(args.out, exist_ok=True)
for split, count in (("train", args.train), ("t10k", args.test)):
    images = read(f"{split}-images-idx3-ubyte")
    labels = read(f"{split}-labels-idx1-ubyte")
    _, _, rows, cols = struct.unpack(">IIII", images[:16])
    with open(os.path.join(args.out, f"{split}-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, count, rows, cols) + images[16:16 + count * rows * cols])
    with open(os.path.join(args.out, f"{split}-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 2049, count) + labels[8:8 + count])
