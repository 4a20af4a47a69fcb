"""Writes the small reference images under images/ and their decoded and resized pixels in images/expected.json.

Run with: /usr/bin/python3 tests/reference/golden_images.py  (PIL 9.4, numpy, torch 1.13; the output is deterministic)
ImageCodecTests compares libmlcnn's decoder (stb_image) and resizer (libtorch) against these values.

Images (width x height):
  gray7x5.png      8-bit grayscale PNG, random pixels
  rgb7x5.png       RGB PNG, random pixels
  rgba7x5.png      RGBA PNG, random pixels and alpha
  palette7x5.png   paletted PNG (8 colors)
  rgb16x12.bmp     24-bit BMP, random pixels
  anim7x5.gif      GIF with two different frames (decoders read the first)
  photo16x12.jpg   RGB JPEG (quality 90, 4:2:0) of smooth gradients and a disc
  gray16x12.jpg    grayscale JPEG (quality 90) of the same scene
  border16x12.png  RGB PNG whose first and last columns have R = 255 and whose interior has R = 0

expected.json, every pixel list in CHW order (channel planes, then rows, then columns), uint8:
  images[name]: width, height, fileChannels (what the file stores: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA, as stb_image
    reports it; 4 for every GIF), and PIL's decode in each mode where PIL's conversion equals stb_image's: "L" (gray
    files), "RGB" (gray replicated; alpha dropped; palette expanded), "RGBA" (alpha 255 for files without alpha).
    For the GIF, "secondFrameRGB" is the other frame. For JPEGs the values are PIL's (libjpeg) decode, which differs
    from stb_image's IDCT by a few levels. Gray from color is not listed: stb_image's (77 R + 150 G + 29 B) >> 8
    differs from PIL's ITU-R 601 weights, and the tests compute it from "RGB".
  resize: cases {source, mode, channels, height, width, expected, pil} where "expected" is libtorch's
    interpolate on the float CHW image rounded half to even and clamped to [0, 255]:
      bilinear    mode="bilinear", align_corners=False, antialias=True (PIL's Image.BILINEAR within 1 level: "pil")
      nearest     source pixel floor((dst + 0.5) * src / dst) per axis in exact integer arithmetic (torch's
                  "nearest-exact"; PIL's Image.NEAREST computes it in floats and can pick the pixel before an exact
                  tie, so there is no "pil" list)
      centercrop  bilinear as above to (H, floor(w * H / h)) when H / h >= W / w, else (floor(h * W / w), W), then the
                  window at top = (rh - H) // 2, left = (rw - W) // 2 ("pil": PIL's resize of the same size, cropped)
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "images")
rng = np.random.default_rng(20261124)


def chw(image, mode):
    a = np.asarray(image.convert(mode), dtype=np.uint8)
    if a.ndim == 2:
        a = a[None]
    else:
        a = a.transpose(2, 0, 1)
    return [int(v) for v in a.reshape(-1)]


def scene(width, height):
    """Smooth RGB content (gradients and a disc) that compresses well as JPEG."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    r = 40 + 180 * x / (width - 1)
    g = 30 + 170 * y / (height - 1)
    b = 120 + 60 * np.sin(x / 3.0) * np.cos(y / 4.0)
    disc = (x - width * 0.6) ** 2 + (y - height * 0.45) ** 2 < (height * 0.3) ** 2
    r[disc], g[disc], b[disc] = 230, 210, 40
    return np.clip(np.stack([r, g, b], axis=-1).round(), 0, 255).astype(np.uint8)


def save(name, image, **options):
    image.save(os.path.join(OUT, name), **options)
    return name


def file_channels(image):
    if image.format == "GIF":
        return 4  # stb_image reports 4 for every GIF (it cannot tell before decoding whether one is transparent)
    if image.mode == "P":
        return 4 if "transparency" in image.info else 3
    return {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}[image.mode]


def describe(name, modes, image=None):
    image = image or Image.open(os.path.join(OUT, name))
    entry = {"width": image.width, "height": image.height, "fileChannels": file_channels(image)}
    for mode in modes:
        entry[mode] = chw(image, mode)
    return entry


def torch_resize(pixels, height, width, mode):
    t = torch.from_numpy(pixels.transpose(2, 0, 1).copy())[None].float()
    if mode == "nearest":
        t = F.interpolate(t, size=(height, width), mode="nearest-exact")
    else:
        t = F.interpolate(t, size=(height, width), mode="bilinear", align_corners=False, antialias=True)
    return t.round().clamp(0, 255).to(torch.uint8)[0]


def nearest_by_hand(pixels, height, width):
    h, w = pixels.shape[:2]
    rows = [min(h - 1, (2 * i + 1) * h // (2 * height)) for i in range(height)]
    cols = [min(w - 1, (2 * j + 1) * w // (2 * width)) for j in range(width)]
    return torch.from_numpy(pixels[rows][:, cols].transpose(2, 0, 1).copy())


def resize_case(source, height, width, mode):
    image = Image.open(os.path.join(OUT, source)).convert("RGB")
    pixels = np.asarray(image, dtype=np.uint8)
    h, w = pixels.shape[:2]
    if mode == "centercrop":
        if height * w >= width * h:
            rh, rw = height, w * height // h
        else:
            rh, rw = h * width // w, width
        top, left = (rh - height) // 2, (rw - width) // 2
        expected = torch_resize(pixels, rh, rw, "bilinear")[:, top:top + height, left:left + width]
        pil = image.resize((rw, rh), Image.BILINEAR).crop((left, top, left + width, top + height))
    else:
        expected = torch_resize(pixels, height, width, mode)
        pil = image.resize((width, height), Image.NEAREST if mode == "nearest" else Image.BILINEAR)
    pil_chw = torch.from_numpy(np.asarray(pil, dtype=np.uint8).transpose(2, 0, 1).copy())
    if mode == "nearest":
        assert torch.equal(expected, nearest_by_hand(pixels, height, width)), source
        pil_chw = None
    else:
        assert (expected.int() - pil_chw.int()).abs().max() <= 1, source
    case = {"source": source, "mode": mode, "channels": 3, "height": height, "width": width,
            "expected": [int(v) for v in expected.reshape(-1)]}
    if pil_chw is not None:
        case["pil"] = [int(v) for v in pil_chw.reshape(-1)]
    return case


def main():
    os.makedirs(OUT, exist_ok=True)
    gray = rng.integers(0, 256, (5, 7), dtype=np.uint8)
    save("gray7x5.png", Image.fromarray(gray, "L"))
    save("rgb7x5.png", Image.fromarray(rng.integers(0, 256, (5, 7, 3), dtype=np.uint8), "RGB"))
    save("rgba7x5.png", Image.fromarray(rng.integers(0, 256, (5, 7, 4), dtype=np.uint8), "RGBA"))

    palette = Image.fromarray(rng.integers(0, 8, (5, 7), dtype=np.uint8), "P")
    palette.putpalette([int(v) for v in rng.integers(0, 256, 8 * 3)])
    save("palette7x5.png", palette)

    save("rgb16x12.bmp", Image.fromarray(rng.integers(0, 256, (12, 16, 3), dtype=np.uint8), "RGB"))

    colors = [int(v) for v in rng.integers(0, 256, 16 * 3)]
    frames = []
    for _ in range(2):
        frame = Image.fromarray(rng.integers(0, 16, (5, 7), dtype=np.uint8), "P")
        frame.putpalette(colors)
        frames.append(frame)
    save("anim7x5.gif", frames[0], save_all=True, append_images=frames[1:], duration=100, loop=0, optimize=False)

    photo = scene(16, 12)
    save("photo16x12.jpg", Image.fromarray(photo, "RGB"), quality=90)
    save("gray16x12.jpg", Image.fromarray(photo, "RGB").convert("L"), quality=90)

    border = scene(16, 12)
    border[:, :, 0] = 0
    border[:, 0, 0] = 255
    border[:, -1, 0] = 255
    save("border16x12.png", Image.fromarray(border, "RGB"))

    modes = {
        "gray7x5.png": ["L", "RGB", "RGBA"],
        "rgb7x5.png": ["RGB", "RGBA"],
        "rgba7x5.png": ["RGBA", "RGB"],
        "palette7x5.png": ["RGB", "RGBA"],
        "rgb16x12.bmp": ["RGB", "RGBA"],
        "photo16x12.jpg": ["RGB"],
        "gray16x12.jpg": ["L"],
        "border16x12.png": ["RGB"],
    }
    entries = {name: describe(name, m) for name, m in modes.items()}
    gif = Image.open(os.path.join(OUT, "anim7x5.gif"))
    entries["anim7x5.gif"] = describe("anim7x5.gif", ["RGB"], gif)
    gif.seek(1)
    entries["anim7x5.gif"]["secondFrameRGB"] = chw(gif, "RGB")
    assert entries["anim7x5.gif"]["secondFrameRGB"] != entries["anim7x5.gif"]["RGB"]

    resize = [
        resize_case("rgb7x5.png", 12, 16, "bilinear"),
        resize_case("rgb16x12.bmp", 5, 7, "bilinear"),
        resize_case("rgb16x12.bmp", 9, 11, "bilinear"),
        resize_case("rgb7x5.png", 12, 16, "nearest"),
        resize_case("rgb16x12.bmp", 5, 7, "nearest"),
        resize_case("rgb16x12.bmp", 7, 23, "nearest"),
        resize_case("border16x12.png", 8, 8, "centercrop"),
        resize_case("border16x12.png", 3, 8, "centercrop"),
        resize_case("rgb7x5.png", 10, 6, "centercrop"),
    ]

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        f.write("{\n")
        f.write('"note": "Written by tests/reference/golden_images.py (PIL %s, torch %s); pixels are CHW uint8.",\n'
                % (Image.__version__, torch.__version__))
        f.write('"images": {\n')
        f.write(",\n".join("%s: %s" % (json.dumps(k), json.dumps(v, separators=(",", ":"))) for k, v in entries.items()))
        f.write("\n},\n")
        f.write('"resize": [\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in resize))
        f.write("\n]\n}\n")


if __name__ == "__main__":
    main()
