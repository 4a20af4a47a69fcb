// Image decoding, resizing and PNG writing (the io C ABI). stb_image (Debian libstb-dev: the headers from
// /usr/include/stb, the implementation from libstb.so) decodes and encodes; libtorch resizes.
//
// Decoding: stbi_load_from_memory with the requested channel count, so colors convert as stb_image converts them:
//   gray -> RGB(A) replicates the gray value; RGB(A) -> gray is (77 R + 150 G + 29 B) >> 8; a missing alpha is 255; an
//   alpha that is not asked for is dropped (not composited); palettes are expanded; 16-bit PNGs keep the high byte;
//   GIFs give their first frame. Only PNG, JPEG, BMP and GIF are accepted (checked by their signatures), because
//   stb_image's loose TGA detection would otherwise "decode" arbitrary bytes.
//
// What a decode refuses beyond stb_image's own failures (every failure is one error naming the format, size and reason):
//   PNG   every chunk's CRC-32 is checked up to IEND, which must be there: truncation and any change to the compressed
//         pixel data (or other chunks) are detected, short of a CRC collision (2^-32).
//   JPEG  stb_image requires the markers up to end-of-image ("expected marker"): truncation is detected. Damaged
//         entropy-coded data is detected only when it breaks Huffman decoding; otherwise it decodes as damaged blocks
//         (JPEG has no checksum), so garbage after a valid header can pass.
//   BMP   the file header's size must not exceed the file's: truncation is detected. Uncompressed pixel bytes have no
//         redundancy, so garbage in them decodes as (wrong) pixels and cannot be detected.
//   GIF   the blocks up to the end of the first frame must be there: truncation is detected. Damaged LZW data is detected
//         only when its codes are invalid.
//   Images larger than stb_image decodes (over 2^24 pixels per side, or pixels over 2 GiB) are reported as too large.
//
// Resizing of the decoded CHW image to height x width (nothing happens when the size already matches):
//   BILINEAR  torch::nn::functional::interpolate on float values, mode bilinear, align_corners = false (pixel centers at
//             i + 0.5, as PIL and torchvision), antialias = true (a triangle filter widened by the scale when shrinking,
//             which is PIL's Image.BILINEAR and torchvision's Resize(antialias=True); identical to plain bilinear when
//             enlarging), then rounded half to even and clamped to [0, 255].
//   NEAREST   output pixel (i, j) is source pixel (floor((i + 0.5) * h / H), floor((j + 0.5) * w / W)), computed exactly
//             in integers (torch's "nearest-exact").
//   CROP      BILINEAR to (H, floor(w * H / h)) when H / h >= W / w, else to (floor(h * W / w), W) -- the scale that
//             makes the image cover the target, aspect ratio kept -- then the H x W window at
//             top = (rh - H) / 2, left = (rw - W) / 2 (rounded down).
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "internal.h"

#ifdef MLCNN_HAVE_STB
#include <stb_image.h>
#include <stb_image_write.h>
#endif

namespace {

// The largest output side: keeps channels * height * width far from overflowing and within what stb_image decodes.
constexpr int kMaxSide = 1 << 20;

void check_channels(int channels) {
  if (channels != 1 && channels != 3 && channels != 4)
    throw std::invalid_argument("channels must be 1 (gray), 3 (RGB) or 4 (RGBA), got " + std::to_string(channels));
}

void check_encoded(const uint8_t* data, int64_t size) {
  if (size <= 0) throw std::invalid_argument("the encoded image is empty (" + std::to_string(size) + " bytes)");
  mlcnn::require(data, "data");
  if (size > INT_MAX)
    throw std::invalid_argument("the encoded image has " + std::to_string(size) +
                                " bytes; stb_image reads at most 2 GiB");
}

#ifdef MLCNN_HAVE_STB

// The format named by the file's signature; throws for anything else.
const char* format_of(const uint8_t* data, int64_t size) {
  static const uint8_t png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (size >= 8 && std::memcmp(data, png, 8) == 0) return "PNG";
  if (size >= 2 && data[0] == 0xFF && data[1] == 0xD8) return "JPEG";
  if (size >= 2 && data[0] == 'B' && data[1] == 'M') return "BMP";
  if (size >= 6 && (std::memcmp(data, "GIF87a", 6) == 0 || std::memcmp(data, "GIF89a", 6) == 0)) return "GIF";
  std::string first;
  char hex[4];
  for (int64_t i = 0; i < size && i < 8; i++) {
    std::snprintf(hex, sizeof hex, i ? " %02x" : "%02x", data[i]);
    first += hex;
  }
  throw std::invalid_argument("not a PNG, JPEG, BMP or GIF image (" + std::to_string(size) +
                              " bytes starting with " + first + ")");
}

// stb_image's terse reason, with what it means for the file. stb_image tries every format it knows when the one the
// signature names fails its header test, so such failures leave the reason of another format's test.
std::string explain_failure() {
  const char* raw = stbi_failure_reason();
  const std::string reason = raw != nullptr ? raw : "";
  std::string meaning = "the data is corrupt, truncated or uses an unsupported feature";
  if (reason == "outofdata")
    meaning = "the data ends too early (the file is truncated)";
  else if (reason == "expected marker")
    meaning = "the data ends too early or is damaged (a JPEG marker is missing where one must be)";
  else if (reason == "too large")
    meaning = "the image is too large to decode (its pixels would need more than 2 GiB)";
  else if (reason == "0-pixel image")
    meaning = "the image has no pixels (0 wide or high)";
  else if (reason == "unknown image type" || reason == "bad png sig" || reason == "not BMP" || reason == "not GIF")
    meaning = "its header is damaged or truncated";
  return meaning + (reason.empty() ? " (stb_image gives no reason)" : " (stb_image: " + reason + ")");
}

[[noreturn]] void fail_decode(const char* format, int64_t size, const char* what) {
  throw std::runtime_error(std::string("cannot ") + what + " the " + format + " image (" + std::to_string(size) +
                           " bytes): " + explain_failure());
}

[[noreturn]] void fail_truncated(const char* format, int64_t size, const std::string& detail) {
  throw std::runtime_error(std::string("cannot decode the ") + format + " image (" + std::to_string(size) +
                           " bytes): the file is truncated (" + detail + ")");
}

// stb_image reads missing BMP pixel rows as zeros; the file header's size field tells a truncated file.
void check_bmp_complete(const uint8_t* data, int64_t size) {
  if (size < 14) return;
  const int64_t declared = static_cast<int64_t>(data[2]) | static_cast<int64_t>(data[3]) << 8 |
                           static_cast<int64_t>(data[4]) << 16 | static_cast<int64_t>(data[5]) << 24;
  if (declared > size) fail_truncated("BMP", size, "its header says " + std::to_string(declared) + " bytes");
}

// stb_image decodes a GIF whose first frame is cut short without complaint; walk the blocks up to that frame's end.
void check_gif_complete(const uint8_t* data, int64_t size) {
  const char* cut = "its first frame is incomplete";
  int64_t p = 13;  // signature and logical screen descriptor
  if (size < p) fail_truncated("GIF", size, cut);
  if (data[10] & 0x80) p += 3 * (int64_t{2} << (data[10] & 7));  // global color table
  auto skip_sub_blocks = [&] {
    for (;;) {
      if (p >= size) fail_truncated("GIF", size, cut);
      const int length = data[p++];
      if (length == 0) return;
      p += length;
    }
  };
  for (;;) {
    if (p >= size) fail_truncated("GIF", size, cut);
    const uint8_t block = data[p++];
    if (block == 0x21) {  // extension: label, then sub-blocks
      p++;
      skip_sub_blocks();
    } else if (block == 0x2C) {  // image descriptor, local color table, LZW code size, image data sub-blocks
      if (p + 9 > size) fail_truncated("GIF", size, cut);
      const uint8_t flags = data[p + 8];
      p += 9;
      if (flags & 0x80) p += 3 * (int64_t{2} << (flags & 7));
      p++;
      skip_sub_blocks();
      return;
    } else {
      return;  // the trailer or a damaged block: stb_image reports it
    }
  }
}

// stb_image skips PNG chunk CRCs, so garbage in the compressed pixel data can decode as an image; check every chunk's
// CRC-32 (ISO 3309, as zlib's crc32) up to IEND, and that IEND is there.
uint32_t crc32(const uint8_t* data, int64_t size) {
  static const auto table = [] {
    std::vector<uint32_t> t(256);
    for (uint32_t n = 0; n < 256; n++) {
      uint32_t c = n;
      for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (int64_t i = 0; i < size; i++) c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

uint32_t big_endian32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 | static_cast<uint32_t>(p[2]) << 8 | p[3];
}

void check_png_chunks(const uint8_t* data, int64_t size) {
  int64_t p = 8;
  for (;;) {
    if (p + 12 > size) fail_truncated("PNG", size, "it ends before its IEND chunk");
    const int64_t length = big_endian32(data + p);
    if (length > size - p - 12) fail_truncated("PNG", size, "a chunk runs past the end of the file");
    const uint8_t* type = data + p + 4;
    if (crc32(type, length + 4) != big_endian32(type + 4 + length))
      throw std::runtime_error("cannot decode the PNG image (" + std::to_string(size) + " bytes): the data is corrupt (CRC mismatch in its " +
                               std::string(reinterpret_cast<const char*>(type), 4) + " chunk at byte " + std::to_string(p) + ")");
    if (std::memcmp(type, "IEND", 4) == 0) return;
    p += 12 + length;
  }
}

// When stbi_info fails, stb_image has tried every format and left the last one's reason; for a PNG, GIF or BMP whose
// header declares more pixels than stb_image accepts, say so instead of calling the header damaged.
void check_not_too_large(const char* format, const uint8_t* data, int64_t size) {
  int64_t width = 0, height = 0;
  // Only headers that are otherwise intact count: a PNG's IHDR with its CRC, a BMP's known info-header sizes.
  if (std::strcmp(format, "PNG") == 0 && size >= 33 && std::memcmp(data + 12, "IHDR", 4) == 0 &&
      crc32(data + 12, 17) == big_endian32(data + 29)) {
    width = big_endian32(data + 16);
    height = big_endian32(data + 20);
  } else if (std::strcmp(format, "GIF") == 0 && size >= 10) {
    width = data[6] | data[7] << 8;
    height = data[8] | data[9] << 8;
  } else if (std::strcmp(format, "BMP") == 0 && size >= 26 &&
             (data[14] == 40 || data[14] == 52 || data[14] == 56 || data[14] == 108 || data[14] == 124) && data[15] == 0) {
    width = static_cast<int32_t>(data[18] | data[19] << 8 | data[20] << 16 | static_cast<uint32_t>(data[21]) << 24);
    height = static_cast<int32_t>(data[22] | data[23] << 8 | data[24] << 16 | static_cast<uint32_t>(data[25]) << 24);
    width = width < 0 ? -width : width;
    height = height < 0 ? -height : height;
  }
  constexpr int64_t kStbMaxSide = 1 << 24;
  if (width > kStbMaxSide || height > kStbMaxSide || width * height > (int64_t{1} << 31) / 4)
    throw std::runtime_error(std::string("cannot read the ") + format + " image (" + std::to_string(size) + " bytes): it is " +
                             std::to_string(width) + "x" + std::to_string(height) +
                             " pixels, too large to decode (at most 16777216 per side and 2 GiB of pixels)");
}

void check_size(const char* format, int width, int height) {
  if (width <= 0 || height <= 0)
    throw std::runtime_error(std::string("the ") + format + " image is " + std::to_string(width) + "x" +
                             std::to_string(height) + " pixels");
}

torch::Tensor bilinear(const torch::Tensor& chw, int64_t height, int64_t width) {
  namespace F = torch::nn::functional;
  auto options = F::InterpolateFuncOptions()
                     .size(std::vector<int64_t>{height, width})
                     .mode(torch::kBilinear)
                     .align_corners(false)
                     .antialias(true);
  auto resized = F::interpolate(chw.unsqueeze(0).to(torch::kFloat32), options).squeeze(0);
  return resized.round().clamp(0, 255).to(torch::kUInt8);
}

// Source index floor((i + 0.5) * from / to) of each of `to` destination indices.
torch::Tensor nearest_indices(int64_t from, int64_t to) {
  auto index = torch::empty({to}, torch::kInt64);
  auto* p = index.data_ptr<int64_t>();
  for (int64_t i = 0; i < to; i++) p[i] = std::min(from - 1, (2 * i + 1) * from / (2 * to));
  return index;
}

torch::Tensor resize(const torch::Tensor& chw, int64_t height, int64_t width, int mode) {
  const int64_t h = chw.size(1), w = chw.size(2);
  if (h == height && w == width) return chw;
  if (mode == MLCNN_RESIZE_NEAREST)
    return chw.index_select(1, nearest_indices(h, height)).index_select(2, nearest_indices(w, width));
  if (mode == MLCNN_RESIZE_BILINEAR) return bilinear(chw, height, width);
  // CROP: cover the target with the aspect ratio kept, then take the centered window.
  int64_t rh = height, rw = width;
  if (height * w >= width * h)
    rw = w * height / h;
  else
    rh = h * width / w;
  auto covered = bilinear(chw, rh, rw);
  return covered.narrow(1, (rh - height) / 2, height).narrow(2, (rw - width) / 2, width);
}

void info(const uint8_t* data, int64_t size, int* width, int* height, int* channels) {
  const char* format = format_of(data, size);
  int w = 0, h = 0, c = 0;
  if (stbi_info_from_memory(data, static_cast<int>(size), &w, &h, &c) == 0) {
    check_not_too_large(format, data, size);
    fail_decode(format, size, "read the header of");
  }
  check_size(format, w, h);
  *width = w;
  *height = h;
  *channels = c;
}

void decode(const uint8_t* data, int64_t size, int channels, int height, int width, int resize_mode, uint8_t* out,
            int64_t out_count) {
  const char* format = format_of(data, size);
  if (std::strcmp(format, "BMP") == 0) check_bmp_complete(data, size);
  if (std::strcmp(format, "GIF") == 0) check_gif_complete(data, size);
  int w = 0, h = 0, file_channels = 0;
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(data, static_cast<int>(size), &w, &h, &file_channels, channels), stbi_image_free);
  if (!pixels) fail_decode(format, size, "decode");
  // After stb_image's own checks, so its reasons come first; this catches what it lets through.
  if (std::strcmp(format, "PNG") == 0) check_png_chunks(data, size);
  check_size(format, w, h);
  const int64_t out_h = height == 0 ? h : height, out_w = width == 0 ? w : width;
  const int64_t needed = channels * out_h * out_w;
  if (out_count != needed)
    throw std::invalid_argument("the output buffer holds " + std::to_string(out_count) + " bytes but a " +
                                std::to_string(channels) + "x" + std::to_string(out_h) + "x" + std::to_string(out_w) +
                                " (CHW) image needs " + std::to_string(needed));
  auto chw = torch::from_blob(pixels.get(), {h, w, channels}, torch::kUInt8).permute({2, 0, 1});
  torch::from_blob(out, {channels, out_h, out_w}, torch::kUInt8).copy_(resize(chw, out_h, out_w, resize_mode));
}

void append_bytes(void* context, void* data, int size) {
  auto* bytes = static_cast<std::vector<uint8_t>*>(context);
  bytes->insert(bytes->end(), static_cast<const uint8_t*>(data), static_cast<const uint8_t*>(data) + size);
}

// Encodes a CHW uint8 image as PNG bytes.
std::vector<uint8_t> encode_png(const uint8_t* chw, int channels, int height, int width) {
  auto hwc = torch::from_blob(const_cast<uint8_t*>(chw), {channels, height, width}, torch::kUInt8)
                 .permute({1, 2, 0})
                 .contiguous();
  std::vector<uint8_t> png;
  if (stbi_write_png_to_func(append_bytes, &png, width, height, channels, hwc.data_ptr<uint8_t>(), width * channels) == 0)
    throw std::runtime_error("stb_image_write could not encode the " + std::to_string(width) + "x" + std::to_string(height) +
                             " PNG");
  return png;
}

#else

const char* const kNoStb = "MlCnn was built without stb_image (install libstb-dev and rebuild)";

void info(const uint8_t*, int64_t, int*, int*, int*) { throw std::runtime_error(kNoStb); }
void decode(const uint8_t*, int64_t, int, int, int, int, uint8_t*, int64_t) { throw std::runtime_error(kNoStb); }
std::vector<uint8_t> encode_png(const uint8_t*, int, int, int) { throw std::runtime_error(kNoStb); }

#endif

}  // namespace

extern "C" int mlcnn_io_available(int* out) noexcept {
  MLCNN_TRY
  mlcnn::require(out, "out");
#ifdef MLCNN_HAVE_STB
  *out = 1;
#else
  *out = 0;
#endif
  MLCNN_CATCH
}

extern "C" int mlcnn_io_info(const uint8_t* data, int64_t size, int* width, int* height, int* channels) noexcept {
  MLCNN_TRY
  mlcnn::require(width, "width");
  mlcnn::require(height, "height");
  mlcnn::require(channels, "channels");
  check_encoded(data, size);
  info(data, size, width, height, channels);
  MLCNN_CATCH
}

extern "C" int mlcnn_io_decode(const uint8_t* data, int64_t size, int channels, int height, int width, int resize,
                               uint8_t* out, int64_t out_count) noexcept {
  MLCNN_TRY
  mlcnn::require(out, "out");
  check_encoded(data, size);
  check_channels(channels);
  if (resize != MLCNN_RESIZE_BILINEAR && resize != MLCNN_RESIZE_NEAREST && resize != MLCNN_RESIZE_CROP)
    throw std::invalid_argument("resize must be 0 (bilinear), 1 (nearest) or 2 (center crop), got " +
                                std::to_string(resize));
  if (!((height == 0 && width == 0) || (height > 0 && width > 0)))
    throw std::invalid_argument("height and width must both be positive, or both 0 to keep the image's size; got " +
                                std::to_string(height) + "x" + std::to_string(width));
  if (height > kMaxSide || width > kMaxSide)
    throw std::invalid_argument("height and width must be at most " + std::to_string(kMaxSide) + ", got " +
                                std::to_string(height) + "x" + std::to_string(width));
  decode(data, size, channels, height, width, resize, out, out_count);
  MLCNN_CATCH
}

extern "C" int mlcnn_io_encode_png(const uint8_t* chw, int channels, int height, int width, uint8_t* out,
                                   int64_t capacity, int64_t* size) noexcept {
  MLCNN_TRY
  mlcnn::require(chw, "chw");
  mlcnn::require(size, "size");
  check_channels(channels);
  if (height <= 0 || width <= 0 || height > kMaxSide || width > kMaxSide)
    throw std::invalid_argument("a PNG needs a height and width in 1.." + std::to_string(kMaxSide) + ", got " +
                                std::to_string(height) + "x" + std::to_string(width));
  const auto png = encode_png(chw, channels, height, width);
  *size = static_cast<int64_t>(png.size());
  if (out != nullptr && capacity >= *size) std::memcpy(out, png.data(), png.size());
  MLCNN_CATCH
}
