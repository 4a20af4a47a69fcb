"""Writes the first N Fashion-MNIST training images as a class-folder tree of PNG files plus images.tsv (path, label).

Usage: /usr/bin/python3 bench/mlnet/make_pngs.py --idx data/fashion-mnist --out artifacts/bench/fashion-png --limit 10000
Idempotent: an existing tree with the same count is kept.
"""
import argparse
import gzip
import os
import struct
import zlib


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def find(folder, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    raise SystemExit(f"make_pngs: {name} not found in {folder}; run bash scripts/fetch-fashion-mnist.sh")


def png(width, height, pixels):
    raw = b"".join(b"\x00" + pixels[r * width:(r + 1) * width] for r in range(height))
    chunk = lambda kind, body: struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--idx", default="data/fashion-mnist")
    parser.add_argument("--out", default="artifacts/bench/fashion-png")
    parser.add_argument("--limit", type=int, default=10000)
    args = parser.parse_args()
    table = os.path.join(args.out, "images.tsv")
    if os.path.exists(table) and sum(1 for _ in open(table)) == args.limit + 1:
        return
    (count, height, width), pixels = read_idx(find(args.idx, "train-images-idx3-ubyte"))
    _, labels = read_idx(find(args.idx, "train-labels-idx1-ubyte"))
    size = height * width
    lines = ["ImagePath\tLabel"]
    for i in range(min(args.limit, count)):
        folder = os.path.join(args.out, str(labels[i]))
        os.makedirs(folder, exist_ok=True)
        path = os.path.abspath(os.path.join(folder, f"{i:05d}.png"))
        with open(path, "wb") as f:
            f.write(png(width, height, pixels[i * size:(i + 1) * size]))
        lines.append(f"{path}\t{labels[i]}")
    with open(table, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
