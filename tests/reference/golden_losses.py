"""Writes golden_losses.json: every loss x reduction x weighting x smoothing case, its value and its gradient with
respect to the network output, computed by PyTorch 1.13 in float32.

Run with: /usr/bin/python3 tests/reference/golden_losses.py

Where PyTorch has the loss built in (cross_entropy, multi_margin_loss, binary_cross_entropy_with_logits, mse_loss,
l1_loss, huber_loss, smooth_l1_loss, triplet_margin_loss) and the case has no example weights and reduction "mean" or
"sum", the golden value is the built-in's; the script asserts that the documented per-example formula agrees with it.
Other cases (example weights, Keras' "sum_over_batch", sigmoid focal as torchvision defines it, softmax focal, binary
hinge) use the documented formula:
  mean            = sum_i e_i l_i / sum_i e_i m_i   (0 when the denominator is 0)
  sum_over_batch  = sum_i e_i l_i / N               (Keras)
  sum             = sum_i e_i l_i
where l_i is the per-example loss (class weights included as PyTorch includes them; summed over the outputs for the
element-wise losses bce, sigmoid_focal, binary_hinge, mse, mae, huber, smoothl1), m_i its normalizer (the class weight
of the label for class-index cross-entropy, focal and triplet, as PyTorch's weighted mean; the interpolated
[negative, positive] class weight for single-output binary losses; the number of outputs K for the other element-wise
cases; 1 otherwise), e_i the example weight, and sum_over_batch divides by N*K for element-wise losses (Keras averages
over the last axis first).
A weighted sum of losses reduces each term on its own, then adds scale_k * term_k.
Every float is written as the exact double value of the float32 number.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20261123)
HERE = os.path.dirname(os.path.abspath(__file__))
ELEMENTWISE = {"bce", "sigmoid_focal", "binary_hinge", "mse", "mae", "huber", "smoothl1"}
REDUCTIONS = ["mean", "sum_over_batch", "sum"]


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).double().tolist()]


def reduce(l, m, e, reduction, k):
    e = torch.ones_like(l) if e is None else e
    num = (e * l).sum()
    if reduction == "sum":
        return num
    if reduction == "sum_over_batch":
        return num / (l.shape[0] * k)
    den = (e * m).sum()
    return num / den if float(den) != 0 else num * 0


# ---- per-example formulas: return (l, m) ----

def ce_terms(x, t, cw, smoothing):
    n, c = x.shape
    w = torch.ones(c) if cw is None else cw
    logp = F.log_softmax(x, 1)
    if t.shape[1] == 1:
        y = t[:, 0].long()
        nll = -logp.gather(1, y[:, None])[:, 0] * w[y]
        smooth = -(logp * w).sum(1)
        return (1 - smoothing) * nll + smoothing / c * smooth, w[y]
    q = t * (1 - smoothing) + smoothing / c
    return -(logp * w * q).sum(1), torch.ones(n)


def focal_terms(x, t, cw, gamma, alpha):
    n, c = x.shape
    w = torch.ones(c) if cw is None else cw
    a = torch.ones(c) if alpha is None else (alpha if alpha.dim() == 1 else alpha.expand(c))
    logp = F.log_softmax(x, 1)
    mod = (1 - logp.exp()).clamp_min(1e-12).pow(gamma) if gamma != 0 else torch.ones_like(logp)
    per_class = -w * a * mod * logp
    if t.shape[1] == 1:
        y = t[:, 0].long()
        return per_class.gather(1, y[:, None])[:, 0], w[y]
    return (per_class * t).sum(1), torch.ones(n)


def hinge_terms(x, t, cw, p, margin):
    n, c = x.shape
    w = torch.ones(c) if cw is None else cw
    y = t[:, 0].long()
    xy = x.gather(1, y[:, None])
    z = F.relu(margin - xy + x).pow(p)
    mask = torch.ones_like(x).scatter(1, y[:, None], 0)
    return (z * mask).sum(1) * w[y] / c, torch.ones(n)


def elementwise_weights(x, t, cw):
    """Binary (one output): per-example weight interpolated from [negative, positive]; several outputs: per output."""
    n, k = x.shape
    if cw is None:
        return torch.ones(n, k), torch.full((n,), float(k))
    if k == 1:
        we = cw[0] * (1 - t[:, 0]) + cw[1] * t[:, 0]
        return we[:, None], we
    return cw.expand(n, k), torch.full((n,), float(k))


def bce_terms(x, t, cw, pos_weight, smoothing):
    ts = t * (1 - smoothing) + 0.5 * smoothing
    el = F.binary_cross_entropy_with_logits(x, ts, pos_weight=pos_weight, reduction="none")
    we, m = elementwise_weights(x, t, cw)
    return (el * we).sum(1), m


def sigmoid_focal_terms(x, t, cw, gamma, alpha):
    p = torch.sigmoid(x)
    ce = F.binary_cross_entropy_with_logits(x, t, reduction="none")
    p_t = p * t + (1 - p) * (1 - t)
    el = ce * ((1 - p_t).pow(gamma) if gamma != 0 else 1)
    if alpha >= 0:
        el = (alpha * t + (1 - alpha) * (1 - t)) * el
    we, m = elementwise_weights(x, t, cw)
    return (el * we).sum(1), m


def binary_hinge_terms(x, t, cw, margin):
    el = F.relu(margin - (2 * t - 1) * x)
    we, m = elementwise_weights(x, t, cw)
    return (el * we).sum(1), m


def regression_terms(kind, x, t, cw, param):
    if kind == "mse":
        el = (x - t) ** 2
    elif kind == "mae":
        el = (x - t).abs()
    elif kind == "huber":
        el = F.huber_loss(x, t, reduction="none", delta=param)
    else:
        el = F.smooth_l1_loss(x, t, reduction="none", beta=param)
    w = torch.ones(x.shape[1]) if cw is None else cw
    return (el * w).sum(1), torch.full((x.shape[0],), float(x.shape[1]))


def triplet_terms(x, t, cw, margin, p, swap):
    n = x.shape[0]
    e = F.normalize(x, dim=1)
    y = t[:, 0].long()
    d = torch.cdist(e.detach(), e.detach(), p=p)
    same = y[:, None] == y[None, :]
    eye = torch.eye(n, dtype=torch.bool)
    pos_d = torch.where(same & ~eye, d, torch.full_like(d, -1.0))
    neg_d = torch.where(~same, d, torch.full_like(d, float("inf")))
    valid = (pos_d.max(1).values >= 0) & (neg_d.min(1).values < float("inf"))
    pi, ni = pos_d.argmax(1), neg_d.argmin(1)
    l = F.triplet_margin_loss(e, e[pi], e[ni], margin=margin, p=p, swap=swap, reduction="none")
    w = torch.ones(int(y.max()) + 1) if cw is None else cw
    vf = valid.float()
    return l * w[y] * vf, w[y] * vf


# ---- PyTorch built-ins, for the cases they cover ----

def builtin(kind, x, t, cw, params, reduction):
    if reduction not in ("mean", "sum"):
        return None
    if kind == "ce":
        target = t[:, 0].long() if t.shape[1] == 1 else t
        return F.cross_entropy(x, target, weight=cw, label_smoothing=params.get("smoothing", 0.0), reduction=reduction)
    if kind == "hinge":
        return F.multi_margin_loss(x, t[:, 0].long(), p=params["p"], margin=params["margin"], weight=cw, reduction=reduction)
    if kind == "bce" and params.get("smoothing", 0.0) == 0 and (cw is None or x.shape[1] > 1):
        return F.binary_cross_entropy_with_logits(x, t, weight=cw, pos_weight=params.get("pos_weight"), reduction=reduction)
    if cw is None and kind in ("mse", "mae", "huber", "smoothl1"):
        fn = {"mse": lambda: F.mse_loss(x, t, reduction=reduction), "mae": lambda: F.l1_loss(x, t, reduction=reduction),
              "huber": lambda: F.huber_loss(x, t, reduction=reduction, delta=params["delta"]),
              "smoothl1": lambda: F.smooth_l1_loss(x, t, reduction=reduction, beta=params["beta"])}[kind]
        return fn()
    return None


def terms(kind, x, t, cw, params):
    if kind == "ce":
        return ce_terms(x, t, cw, params.get("smoothing", 0.0))
    if kind == "focal":
        return focal_terms(x, t, cw, params["gamma"], params.get("alpha"))
    if kind == "hinge":
        return hinge_terms(x, t, cw, params["p"], params["margin"])
    if kind == "bce":
        return bce_terms(x, t, cw, params.get("pos_weight"), params.get("smoothing", 0.0))
    if kind == "sigmoid_focal":
        return sigmoid_focal_terms(x, t, cw, params["gamma"], params["alpha"])
    if kind == "binary_hinge":
        return binary_hinge_terms(x, t, cw, params["margin"])
    if kind == "triplet":
        return triplet_terms(x, t, cw, params["margin"], params["p"], params["swap"])
    return regression_terms(kind, x, t, cw, params.get("delta", params.get("beta")))


def spec_line(kind, params, scale=None):
    parts = [kind]
    for key, value in params.items():
        if isinstance(value, torch.Tensor):
            value = ",".join(repr(float(v)) for v in value.reshape(-1).tolist())
        elif isinstance(value, bool):
            value = "1" if value else "0"
        parts.append(f"{key}={value}")
    if scale is not None:
        parts.append(f"scale={scale}")
    return " ".join(parts)


CASES = []


def add(name, components, x, t, cw, e, reduction):
    """components: list of (kind, params, scale)."""
    xg = x.clone().requires_grad_(True)
    total = 0
    for kind, params, scale in components:
        l, m = terms(kind, xg, t, cw, params)
        value = reduce(l, m, e, reduction, x.shape[1] if kind in ELEMENTWISE else 1)
        ref = builtin(kind, xg, t, cw, params, reduction) if e is None else None
        if ref is not None:
            assert torch.allclose(value, ref, rtol=1e-5, atol=1e-6), (name, float(value), float(ref))
            value = ref
        total = total + scale * value
    total.backward()
    assert torch.isfinite(total) and torch.isfinite(xg.grad).all(), name
    CASES.append({
        "name": name,
        "spec": "\n".join(spec_line(k, p, s if len(components) > 1 else None) for k, p, s in components),
        "reduction": reduction,
        "classWeights": None if cw is None else floats(cw),
        "rows": x.shape[0], "outputs": x.shape[1],
        "output": floats(x),
        "targetColumns": t.shape[1], "target": floats(t),
        "exampleWeights": None if e is None else floats(e),
        "loss": float(total.double()),
        "grad": floats(xg.grad),
    })


def example_weight_options(n):
    return {"none": None, "given": torch.rand(n) * 2, "zeros": torch.zeros(n)}


N, C = 6, 4
logits = torch.randn(N, C) * 2
extreme = torch.tensor([[80.0, -80.0, 0.0, 1.0], [-80.0, 80.0, 2.0, -3.0], [0.5, -0.5, 80.0, -80.0],
                        [-80.0, -80.0, -80.0, 80.0], [1.0, 2.0, 3.0, 4.0], [80.0, 80.0, -80.0, 0.0]])
labels = torch.tensor([[0.0], [1.0], [2.0], [3.0], [1.0], [0.0]])
one_class = torch.full((N, 1), 2.0)
soft = torch.softmax(torch.randn(N, C), 1)
class_w = torch.tensor([0.5, 2.0, 1.0, 3.0])

for xn, x in {"random": logits, "extreme": extreme}.items():
    for tn, t in {"labels": labels, "soft": soft, "oneclass": one_class}.items():
        for cwn, cw in {"nocw": None, "cw": class_w}.items():
            for en, e in example_weight_options(N).items():
                for red in REDUCTIONS:
                    for smoothing in (0.0, 0.1):
                        add(f"ce/{xn}/{tn}/{cwn}/{en}/{red}/s{smoothing}", [("ce", {"smoothing": smoothing}, 1)], x, t, cw, e, red)
                    for gamma, alpha in ((0.0, None), (2.0, torch.tensor(0.25)), (0.5, torch.tensor([0.1, 0.2, 0.3, 0.4]))):
                        params = {"gamma": gamma} if alpha is None else {"gamma": gamma, "alpha": alpha}
                        add(f"focal/{xn}/{tn}/{cwn}/{en}/{red}/g{gamma}", [("focal", params, 1)], x, t, cw, e, red)
                    if tn != "soft":
                        for p, margin in ((1, 1.0), (2, 0.5)):
                            add(f"hinge/{xn}/{tn}/{cwn}/{en}/{red}/p{p}", [("hinge", {"p": p, "margin": margin}, 1)], x, t, cw, e, red)

binary_x = torch.cat([torch.randn(N - 2, 1) * 3, torch.tensor([[80.0], [-80.0]])])
binary_t = torch.tensor([[1.0], [0.0], [1.0], [1.0], [0.0], [1.0]])
multi_x = torch.cat([torch.randn(N - 1, 3) * 2, torch.tensor([[80.0, -80.0, 0.0]])])
multi_t = torch.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [1.0, 0.0, 1.0]])
for tn, x, t, cw, pw in (("binary", binary_x, binary_t, torch.tensor([1.0, 3.0]), torch.tensor([2.5])),
                         ("multilabel", multi_x, multi_t, torch.tensor([1.0, 0.5, 2.0]), torch.tensor([1.0, 2.0, 0.5]))):
    for cwn, w in {"nocw": None, "cw": cw}.items():
        for en, e in example_weight_options(N).items():
            for red in REDUCTIONS:
                for smoothing in (0.0, 0.1):
                    add(f"bce/{tn}/{cwn}/{en}/{red}/s{smoothing}", [("bce", {"smoothing": smoothing}, 1)], x, t, w, e, red)
                add(f"bce/{tn}/{cwn}/{en}/{red}/posweight", [("bce", {"pos_weight": pw}, 1)], x, t, w, e, red)
                for gamma, alpha in ((2.0, 0.25), (0.0, -1.0), (1.5, 0.75)):
                    add(f"sigmoid_focal/{tn}/{cwn}/{en}/{red}/g{gamma}a{alpha}",
                        [("sigmoid_focal", {"gamma": gamma, "alpha": alpha}, 1)], x, t, w, e, red)
                add(f"binary_hinge/{tn}/{cwn}/{en}/{red}", [("binary_hinge", {"margin": 1.0}, 1)], x, t, w, e, red)

reg_x = torch.randn(N, 2) * 2
reg_t = reg_x.detach() + torch.tensor([[0.1, -3.0], [2.5, 0.2], [-0.4, 0.9], [0.0, 0.0], [1.7, -1.2], [-5.0, 0.3]])
for cwn, cw in {"nocw": None, "cw": torch.tensor([1.0, 4.0])}.items():
    for en, e in example_weight_options(N).items():
        for red in REDUCTIONS:
            for kind, params in (("mse", {}), ("mae", {}), ("huber", {"delta": 1.0}), ("huber", {"delta": 0.5}),
                                 ("smoothl1", {"beta": 1.0}), ("smoothl1", {"beta": 2.0})):
                add(f"{kind}/{cwn}/{en}/{red}/{params}", [(kind, params, 1)], reg_x, reg_t, cw, e, red)

emb_x = torch.randn(8, 5)
emb_t = torch.tensor([[0.0], [1.0], [0.0], [2.0], [1.0], [0.0], [2.0], [3.0]])
for cwn, cw in {"nocw": None, "cw": torch.tensor([1.0, 2.0, 0.5, 1.0])}.items():
    for en, e in example_weight_options(8).items():
        for red in REDUCTIONS:
            for margin, p, swap in ((1.0, 2, False), (0.2, 1, True), (0.5, 2, True)):
                add(f"triplet/{cwn}/{en}/{red}/m{margin}p{p}s{swap}",
                    [("triplet", {"margin": margin, "p": p, "swap": swap}, 1)], emb_x, emb_t, cw, e, red)

for red in REDUCTIONS:
    for en, e in example_weight_options(N).items():
        add(f"sum/ce+focal/{en}/{red}", [("ce", {"smoothing": 0.1}, 0.7), ("focal", {"gamma": 2.0}, 0.3)],
            logits, labels, class_w, e, red)
        add(f"sum/mse+mae/{en}/{red}", [("mse", {}, 1.0), ("mae", {}, 0.5)], reg_x, reg_t, None, e, red)

with open(os.path.join(HERE, "golden_losses.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES}, f, separators=(",", ":"))
print(f"{len(CASES)} cases")
