"""Golden values for the augmentation plan (native/src/augment.cpp, MLCNN_AUG_* in native/include/mlcnn.h).

Each case is a small uint8 NCHW batch, a list of ops with per-row parameters, and the float result in [0, 1] computed
here with PyTorch 1.13 (CPU, float32) before the final *255 / round / clamp to uint8. AugmentationPlanTests applies the
same ops through mlcnn_augment_apply_u8 and allows 1 of difference per byte (rounding).

Semantics (as documented in mlcnn.h and AugmentationPlan):
  affine   theta [n, 2, 3] -> affine_grid(align_corners=False) -> grid_sample; constant fill samples (x - value) with
           zero padding and adds value back; nearest = border padding; reflect = reflection padding; wrap = grid wrapped
           into [-1, 1) with period 2, then border padding.
  color    brightness x*b, contrast blend with the per-image mean of the grayscale, saturation blend with grayscale, hue
           shift through HSV (torchvision's adjust_* semantics), clamped to [0, 1] after each; gray = .299 R + .587 G + .114 B.
  channel  x + shift[c], clamped.
  erase    half-open box [x0, x1) x [y0, y1) set to the value.
  mix      empty box: lambda x_i + (1 - lambda) x_j; else the box pasted from x_j and lambda = 1 - area / (H W); targets
           mix with that lambda.
Rerun (rewrites golden_augment.json; deterministic): /usr/bin/python3 tests/reference/golden_augment.py
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

FILLS = {"constant": 0, "nearest": 1, "reflect": 2, "wrap": 3}
INTERPS = {"bilinear": 0, "nearest": 1}


def affine(x, theta, fill, interp, value):
    grid = F.affine_grid(theta.view(-1, 2, 3), list(x.shape), align_corners=False)
    if fill == "constant":
        return F.grid_sample(x - value, grid, mode=interp, padding_mode="zeros", align_corners=False) + value
    if fill == "nearest":
        return F.grid_sample(x, grid, mode=interp, padding_mode="border", align_corners=False)
    if fill == "reflect":
        return F.grid_sample(x, grid, mode=interp, padding_mode="reflection", align_corners=False)
    wrapped = torch.remainder(grid + 1.0, 2.0) - 1.0
    return F.grid_sample(x, wrapped, mode=interp, padding_mode="border", align_corners=False)


def gray(x):
    if x.shape[1] == 1:
        return x
    return 0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3]


def blend(x, other, factor):
    return (factor * x + (1.0 - factor) * other).clamp(0.0, 1.0)


def rgb_to_hsv(x):
    r, g, b = x[:, 0], x[:, 1], x[:, 2]
    v = x.max(dim=1).values
    c = v - x.min(dim=1).values
    flat = c == 0
    s = torch.where(flat, torch.zeros_like(v), c / torch.where(flat, torch.ones_like(v), v))
    cd = torch.where(flat, torch.ones_like(c), c)
    h = torch.where(v == r, ((g - b) / cd) % 6.0, torch.where(v == g, (b - r) / cd + 2.0, (r - g) / cd + 4.0))
    h = torch.where(flat, torch.zeros_like(h), h) / 6.0
    return h, s, v


def hsv_to_rgb(h, s, v):
    # The sextant form: i = floor(6h), f = 6h - i, and the (p, q, t) table per sextant.
    i = torch.floor(h * 6.0)
    f = h * 6.0 - i
    i = i.long() % 6
    p = v * (1.0 - s)
    q = v * (1.0 - s * f)
    t = v * (1.0 - s * (1.0 - f))
    table = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)]
    out = torch.zeros(h.shape[0], 3, *h.shape[1:], dtype=h.dtype)
    for k, (rr, gg, bb) in enumerate(table):
        m = i == k
        out[:, 0][m] = rr[m]
        out[:, 1][m] = gg[m]
        out[:, 2][m] = bb[m]
    return out


def color(x, p):
    col = lambda j: p[:, j].view(-1, 1, 1, 1)
    y = (x * col(0)).clamp(0.0, 1.0)
    y = blend(y, gray(y).mean(dim=(1, 2, 3), keepdim=True), col(1))
    if x.shape[1] == 1:
        return y
    y = blend(y, gray(y), col(2))
    if bool((p[:, 3] != 0).any()):
        h, s, v = rgb_to_hsv(y)
        h = torch.remainder(h + p[:, 3].view(-1, 1, 1), 1.0)
        y = hsv_to_rgb(h, s, v).clamp(0.0, 1.0)
    return y


def box_mask(p, first, h, w):
    cols = torch.arange(w, dtype=torch.float32).view(1, 1, 1, w)
    rows = torch.arange(h, dtype=torch.float32).view(1, 1, h, 1)
    col = lambda j: p[:, j].view(-1, 1, 1, 1)
    return (cols >= col(first)) & (cols < col(first + 2)) & (rows >= col(first + 1)) & (rows < col(first + 3))


def mix(x, p, targets):
    h, w = x.shape[2], x.shape[3]
    partner = p[:, 0].long()
    other = x[partner]
    lam = p[:, 1].view(-1, 1, 1, 1)
    has_box = (p[:, 4] > p[:, 2]) & (p[:, 5] > p[:, 3])
    mask = box_mask(p, 2, h, w)
    out = torch.where(has_box.view(-1, 1, 1, 1), torch.where(mask, other, x), lam * x + (1.0 - lam) * other)
    if targets is not None:
        area = mask.float().sum(dim=(1, 2, 3)) / (h * w)
        tl = torch.where(has_box, 1.0 - area, p[:, 1]).view(-1, 1)
        targets = tl * targets + (1.0 - tl) * targets[partner]
    return out, targets


def run(x, ops, targets):
    for op in ops:
        p = torch.tensor(op["params"], dtype=torch.float32).view(op["rows"], op["columns"])
        kind = op["kind"]
        if kind == "affine":
            x = affine(x, p, op["fillName"], op["interpolationName"], op["value"])
        elif kind == "color":
            x = color(x, p)
        elif kind == "channel":
            x = (x + p.view(p.shape[0], p.shape[1], 1, 1)).clamp(0.0, 1.0)
        elif kind == "erase":
            x = torch.where(box_mask(p, 0, x.shape[2], x.shape[3]), p[:, 4].view(-1, 1, 1, 1), x)
        else:
            x, targets = mix(x, p, targets)
    return x, targets


def op(kind, rows_of_params, fill="constant", interp="bilinear", value=0.0):
    flat = [float(np.float32(v)) for row in rows_of_params for v in row]
    return {"kind": kind, "rows": len(rows_of_params), "columns": len(rows_of_params[0]), "params": flat,
            "fillName": fill, "interpolationName": interp, "fill": FILLS[fill], "interpolation": INTERPS[interp],
            "value": float(np.float32(value))}


def rotation(degrees, scale, tx, ty, aspect):
    a = math.radians(degrees)
    return [scale * math.cos(a), -scale * math.sin(a) * aspect, tx, scale * math.sin(a) / aspect, scale * math.cos(a), ty]


def main():
    rng = np.random.default_rng(20240611)
    n, c, h, w = 2, 3, 5, 6
    pixels = rng.integers(0, 256, size=(n, c, h, w), dtype=np.uint8)
    gray_pixels = rng.integers(0, 256, size=(n, 1, h, w), dtype=np.uint8)
    thetas = [rotation(30, 0.9, 0.3, -0.2, h / w), rotation(-75, 1.2, -0.5, 0.4, h / w)]
    cases = []

    def add(name, batch, ops, targets=None):
        x = torch.from_numpy(batch.astype(np.float32)) / 255.0
        t = None if targets is None else torch.tensor(targets, dtype=torch.float32)
        y, t2 = run(x, ops, t)
        cases.append({
            "name": name, "shape": list(batch.shape), "input": batch.reshape(-1).tolist(),
            "ops": [{k: v for k, v in o.items() if not k.endswith("Name")} for o in ops],
            "expected": [float(v) for v in y.reshape(-1).tolist()],
            "targetColumns": 0 if t is None else t.shape[1],
            "targets": [] if t is None else [float(v) for v in t.reshape(-1).tolist()],
            "expectedTargets": [] if t2 is None else [float(v) for v in t2.reshape(-1).tolist()],
        })

    for fill in FILLS:
        for interp in INTERPS:
            add(f"affine/{fill}/{interp}", pixels, [op("affine", thetas, fill, interp, 0.25)])
    add("affine/gray/reflect/bilinear", gray_pixels, [op("affine", thetas, "reflect", "bilinear")])
    add("color/brightness_contrast", pixels, [op("color", [[1.3, 0.6, 1, 0], [0.7, 1.5, 1, 0]])])
    add("color/saturation", pixels, [op("color", [[1, 1, 0.3, 0], [1, 1, 1.8, 0]])])
    add("color/hue", pixels, [op("color", [[1, 1, 1, 0.2], [1, 1, 1, -0.45]])])
    add("color/all", pixels, [op("color", [[1.1, 0.8, 1.4, 0.1], [0.9, 1.2, 0.5, -0.3]])])
    add("color/gray", gray_pixels, [op("color", [[1.2, 0.5, 1, 0], [0.8, 1.7, 1, 0]])])
    add("channel", pixels, [op("channel", [[0.1, -0.2, 0.05], [-0.3, 0.4, 0.0]])])
    add("erase", pixels, [op("erase", [[1, 2, 4, 5, 0.5], [3, 0, 6, 2, 0.0]])])
    add("mix/mixup", pixels, [op("mix", [[1, 0.3, 0, 0, 0, 0], [1, 0.8, 0, 0, 0, 0]])], [[1, 0, 0], [0, 0.5, 0.5]])
    add("mix/cutmix", pixels, [op("mix", [[1, 0.9, 2, 1, 5, 4], [0, 0.5, 0, 0, 0, 0]])], [[1, 0, 0], [0, 1, 0]])
    add("chain", pixels, [op("affine", thetas, "reflect", "bilinear"), op("color", [[1.1, 0.9, 1.2, 0.05], [1, 1, 1, 0]]),
                          op("erase", [[0, 0, 2, 2, 1.0], [0, 0, 0, 0, 0]]),
                          op("mix", [[1, 0.6, 0, 0, 0, 0], [0, 0.6, 3, 1, 6, 3]])], [[1, 0], [0, 1]])

    out = {"torch": torch.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden_augment.json")
    with open(path, "w") as f:
        f.write('{"torch": %s, "cases": [\n' % json.dumps(out["torch"]))
        f.write(",\n".join(json.dumps(case) for case in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    torch.manual_seed(0)
    main()
