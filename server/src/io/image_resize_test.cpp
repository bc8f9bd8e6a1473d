#include "io/image_resize.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace sotay::io {
namespace {

constexpr const char* kCorrupt = "Ảnh bị hỏng hoặc không đầy đủ, không đọc được.";
constexpr const char* kUnsupported = "Ảnh phải ở định dạng JPEG, PNG hoặc WebP.";
constexpr const char* kTooManyPixels = "Ảnh quá lớn (tối đa 50 triệu điểm ảnh).";

struct Unref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

class ImageResizeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_EQ(VIPS_INIT("sotay-test"), 0); }

  // A smooth picture (so JPEG has something to compress), bands 3 or 4 (with alpha).
  static Image picture(int width, int height, int bands = 3) {
    VipsImage* xyz = nullptr;
    EXPECT_EQ(vips_xyz(&xyz, width, height, nullptr), 0);
    Image coordinates(xyz);
    VipsImage* x = nullptr;
    VipsImage* y = nullptr;
    EXPECT_EQ(vips_extract_band(coordinates.get(), &x, 0, nullptr), 0);
    EXPECT_EQ(vips_extract_band(coordinates.get(), &y, 1, nullptr), 0);
    Image xs(x), ys(y);
    VipsImage* red = nullptr;
    VipsImage* green = nullptr;
    VipsImage* blue = nullptr;
    EXPECT_EQ(vips_linear1(xs.get(), &red, 255.0 / width, 0, "uchar", TRUE, nullptr), 0);
    EXPECT_EQ(vips_linear1(ys.get(), &green, 255.0 / height, 0, "uchar", TRUE, nullptr), 0);
    EXPECT_EQ(vips_linear1(xs.get(), &blue, 0, 128, "uchar", TRUE, nullptr), 0);
    Image r(red), g(green), b(blue);
    VipsImage* joined = nullptr;
    if (bands == 4) {
      VipsImage* alpha = nullptr;
      EXPECT_EQ(vips_linear1(ys.get(), &alpha, 0, 100, "uchar", TRUE, nullptr), 0);
      Image a(alpha);
      VipsImage* in[] = {r.get(), g.get(), b.get(), a.get()};
      EXPECT_EQ(vips_bandjoin(in, &joined, 4, nullptr), 0);
    } else {
      VipsImage* in[] = {r.get(), g.get(), b.get()};
      EXPECT_EQ(vips_bandjoin(in, &joined, 3, nullptr), 0);
    }
    VipsImage* typed = nullptr;
    EXPECT_EQ(vips_copy(joined, &typed, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr), 0);
    g_object_unref(joined);
    return Image(typed);
  }

  static std::string take(void* buffer, std::size_t length) {
    std::string out(static_cast<const char*>(buffer), length);
    g_free(buffer);
    return out;
  }
  static std::string jpeg(VipsImage* image) {
    void* buffer = nullptr;
    std::size_t length = 0;
    EXPECT_EQ(vips_jpegsave_buffer(image, &buffer, &length, "Q", 90, nullptr), 0);
    return take(buffer, length);
  }
  static std::string png(VipsImage* image) {
    void* buffer = nullptr;
    std::size_t length = 0;
    EXPECT_EQ(vips_pngsave_buffer(image, &buffer, &length, "compression", 1, nullptr), 0);
    return take(buffer, length);
  }
  static std::string webp(VipsImage* image) {
    void* buffer = nullptr;
    std::size_t length = 0;
    EXPECT_EQ(vips_webpsave_buffer(image, &buffer, &length, nullptr), 0);
    return take(buffer, length);
  }

  static Image decode(const std::string& bytes) {
    VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    EXPECT_NE(image, nullptr);
    return Image(image);
  }

  static std::string error_of(const std::string& bytes) {
    try {
      resize_cover(bytes);
    } catch (const ExtractError& e) {
      return e.what();
    }
    return "(no error)";
  }
};

TEST_F(ImageResizeTest, ShrinksAJpegToNineHundredSixtyWide) {
  const Image source = picture(3000, 2000);
  const auto start = std::chrono::steady_clock::now();
  const ResizedImage result = resize_cover(jpeg(source.get()));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.width, 960);
  EXPECT_EQ(result.height, 640);
  EXPECT_EQ(result.content_type, "image/jpeg");
  ASSERT_GE(result.bytes.size(), 3u);
  EXPECT_EQ(result.bytes.substr(0, 3), "\xFF\xD8\xFF");
  const Image decoded = decode(result.bytes);
  EXPECT_EQ(vips_image_get_width(decoded.get()), 960);
  EXPECT_EQ(vips_image_get_height(decoded.get()), 640);
  EXPECT_EQ(vips_image_get_bands(decoded.get()), 3);
  EXPECT_LT(result.bytes.size(), 200'000u);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST_F(ImageResizeTest, PngWithTransparencyBecomesJpegOnWhite) {
  const Image source = picture(2000, 1000, 4);
  const ResizedImage result = resize_cover(png(source.get()), 500);
  EXPECT_EQ(result.width, 500);
  EXPECT_EQ(result.height, 250);
  const Image decoded = decode(result.bytes);
  EXPECT_EQ(vips_image_get_bands(decoded.get()), 3);
  // Alpha 100 of 255 over white: every pixel is lighter than the picture itself.
  double minimum = 0;
  ASSERT_EQ(vips_min(decoded.get(), &minimum, nullptr), 0);
  EXPECT_GT(minimum, 120);
}

TEST_F(ImageResizeTest, WebpIsAccepted) {
  const Image source = picture(1200, 800);
  const ResizedImage result = resize_cover(webp(source.get()));
  EXPECT_EQ(result.width, 960);
  EXPECT_EQ(result.height, 640);
}

TEST_F(ImageResizeTest, GrayAndSixteenBitPngs) {
  const Image source = picture(1920, 1080);
  VipsImage* gray = nullptr;
  ASSERT_EQ(vips_colourspace(source.get(), &gray, VIPS_INTERPRETATION_B_W, nullptr), 0);
  const Image gray_image(gray);
  ResizedImage result = resize_cover(png(gray_image.get()));
  EXPECT_EQ(result.width, 960);
  EXPECT_EQ(result.height, 540);
  EXPECT_NE(decode(result.bytes), nullptr);

  VipsImage* deep = nullptr;
  ASSERT_EQ(vips_colourspace(source.get(), &deep, VIPS_INTERPRETATION_RGB16, nullptr), 0);
  const Image deep_image(deep);
  result = resize_cover(png(deep_image.get()));
  EXPECT_EQ(result.width, 960);
  const Image decoded = decode(result.bytes);
  EXPECT_EQ(vips_image_get_format(decoded.get()), VIPS_FORMAT_UCHAR);
  // The picture's brightest red survives the conversion from 16 bits (not divided by 256).
  double maximum = 0;
  ASSERT_EQ(vips_max(decoded.get(), &maximum, nullptr), 0);
  EXPECT_GT(maximum, 200);
}

TEST_F(ImageResizeTest, SmallImagesAreNotEnlarged) {
  const Image source = picture(400, 300);
  const ResizedImage result = resize_cover(png(source.get()));
  EXPECT_EQ(result.width, 400);
  EXPECT_EQ(result.height, 300);
}

TEST_F(ImageResizeTest, AppliesExifOrientationAndStripsMetadata) {
  // A phone photo stored landscape with "rotate 90° clockwise" in its EXIF.
  const Image source = picture(1200, 600);
  VipsImage* copy = nullptr;
  ASSERT_EQ(vips_copy(source.get(), &copy, nullptr), 0);
  Image tagged(copy);
  vips_image_set_int(tagged.get(), VIPS_META_ORIENTATION, 6);
  vips_image_set_string(tagged.get(), "exif-ifd0-Artist", "Nguyen Van An");
  const std::string bytes = jpeg(tagged.get());
  ASSERT_NE(vips_image_get_typeof(decode(bytes).get(), VIPS_META_EXIF_NAME), 0u);

  const ResizedImage result = resize_cover(bytes);
  EXPECT_EQ(result.width, 600);
  EXPECT_EQ(result.height, 1200);
  const Image decoded = decode(result.bytes);
  EXPECT_EQ(vips_image_get_typeof(decoded.get(), VIPS_META_EXIF_NAME), 0u);
  EXPECT_EQ(vips_image_get_typeof(decoded.get(), VIPS_META_XMP_NAME), 0u);
  EXPECT_EQ(vips_image_get_typeof(decoded.get(), VIPS_META_ICC_NAME), 0u);
}

TEST_F(ImageResizeTest, VeryTallImagesAreBoundedInHeight) {
  const Image source = picture(1000, 8000);
  const ResizedImage result = resize_cover(jpeg(source.get()));
  EXPECT_EQ(result.height, 3840);
  EXPECT_EQ(result.width, 480);
}

TEST_F(ImageResizeTest, RefusesTruncatedImages) {
  const Image source = picture(1600, 1200);
  const std::string full_jpeg = jpeg(source.get());
  EXPECT_EQ(error_of(full_jpeg.substr(0, full_jpeg.size() / 2)), kCorrupt);
  EXPECT_EQ(error_of(full_jpeg.substr(0, 200)), kCorrupt);
  const std::string full_png = png(source.get());
  EXPECT_EQ(error_of(full_png.substr(0, full_png.size() / 2)), kCorrupt);
  EXPECT_EQ(error_of(full_png.substr(0, 40)), kCorrupt);
}

// A PNG that declares width × height pixels in a few dozen bytes.
std::string png_header_only(std::uint32_t width, std::uint32_t height) {
  const auto crc32 = [](const std::string& data) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const unsigned char byte : data) {
      crc ^= byte;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
  };
  const auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  const auto chunk = [&](const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
  };
  const std::string ihdr = be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5);
  // The start of a zlib stream and nothing more: the header is all there is.
  return std::string("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", ihdr) +
         chunk("IDAT", std::string("\x78\x01", 2)) + chunk("IEND", "");
}

TEST_F(ImageResizeTest, RefusesDecompressionBombsFromTheHeader) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error_of(png_header_only(10'000, 10'000)), kTooManyPixels);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
  EXPECT_EQ(error_of(png_header_only(100, 100)), kCorrupt);  // no pixel data at all
}

TEST_F(ImageResizeTest, RefusesOtherFormats) {
  EXPECT_EQ(error_of("GIF89a\x01\x00\x01\x00"), kUnsupported);
  EXPECT_EQ(error_of("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), kUnsupported);
  EXPECT_EQ(error_of("%PDF-1.4\n"), kUnsupported);
  EXPECT_EQ(error_of(""), kUnsupported);
  EXPECT_EQ(error_of(std::string("\xFF\xD8\xFF", 3) + "rác"), kCorrupt);
}

}  // namespace
}  // namespace sotay::io
