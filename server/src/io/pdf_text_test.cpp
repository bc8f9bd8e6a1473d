#include "io/pdf_text.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "io/ocr.h"
#include "search/normalizer.h"

namespace sotay::io {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCorrupt = "Tệp PDF bị hỏng, không đọc được.";
constexpr const char* kEncrypted =
    "Tệp PDF có mật khẩu, không đọc được. Hãy gỡ mật khẩu rồi tải lên lại.";
constexpr const char* kNotPdf = "Tệp này không phải là tệp PDF.";
constexpr const char* kFont = "DejaVu Sans";  // Debian's fonts-dejavu-core; has Vietnamese

const std::vector<std::string> kPageOne = {
    "Điều 1. Đảng viên có nhiệm vụ tuyệt đối trung thành với",
    "mục đích lý tưởng cách mạng của Đảng.",
};
const std::vector<std::string> kPageTwo = {"Điều 2. Đảng viên có quyền được thông tin."};

// Folded (no marks, đ→d, lower case) with whitespace squeezed: OCR may get a mark or a line
// break wrong, and the test asks only that the words are recognisable.
std::string folded(const std::string& text) { return search::squeeze_spaces(search::fold(text)); }

void draw_lines(cairo_t* cr, const std::vector<std::string>& lines, double size, double x,
                double y) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const std::string& line : lines) {
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, line.c_str());
    y += size * 1.5;
  }
}

// Text drawn into pixels, as a scanner would deliver it.
struct Raster {
  cairo_surface_t* surface = nullptr;
  explicit Raster(const std::vector<std::string>& lines, int width, int height, double size) {
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    draw_lines(cr, lines, size, size, size * 1.5);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
  }
  ~Raster() { cairo_surface_destroy(surface); }
  Raster(const Raster&) = delete;
  Raster& operator=(const Raster&) = delete;

  // One gray byte per pixel (black text on white: any channel will do).
  std::vector<unsigned char> gray() const {
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    std::vector<unsigned char> out(static_cast<std::size_t>(width) * height);
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) out[y * width + x] = data[y * stride + x * 4 + 1];
    }
    return out;
  }
};

// cairo keeps the fonts it looked up, and fontconfig its configuration, for the life of the
// process; both are released at the end (FcFini, looked up because only cairo links fontconfig)
// so the leak checker of the sanitizer build sees only real leaks.
class CairoCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    cairo_debug_reset_static_data();
    using Fini = void (*)();
    if (auto* fini = reinterpret_cast<Fini>(dlsym(RTLD_DEFAULT, "FcFini"))) fini();
  }
};
const auto* const kCairoCleanup = ::testing::AddGlobalTestEnvironment(new CairoCleanup);

class PdfTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("sotay_pdf_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // One A4 page per entry, 12 pt text.
  std::string text_pdf(const std::vector<std::vector<std::string>>& pages,
                       const std::string& name = "van-ban.pdf") {
    const std::string out = path(name);
    cairo_surface_t* surface = cairo_pdf_surface_create(out.c_str(), 595, 842);
    cairo_t* cr = cairo_create(surface);
    for (const auto& lines : pages) {
      draw_lines(cr, lines, 12, 72, 100);
      cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    EXPECT_EQ(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surface);
    return out;
  }

  // A page that is only a picture of text: 40 px letters in a 150 dpi image.
  std::string scanned_pdf(const std::vector<std::string>& lines) {
    const Raster raster(lines, 1240, 360, 40);
    const std::string out = path("ban-quet.pdf");
    const double scale = 72.0 / 150.0;
    cairo_surface_t* surface = cairo_pdf_surface_create(out.c_str(), 1240 * scale, 360 * scale);
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, raster.surface, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return out;
  }

  std::string write(const std::string& name, const std::string& bytes) {
    const std::string out = path(name);
    std::ofstream(out, std::ios::binary) << bytes;
    return out;
  }
  static std::string read(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  static std::string error_of(const std::string& file, const ExtractOptions& options = {}) {
    try {
      extract_pdf_text(file, options);
    } catch (const ExtractError& e) {
      return e.what();
    }
    return "(no error)";
  }

  fs::path dir_;
};

// The pages are short, so they are also tried with OCR, whose text must not replace the layer's.
TEST_F(PdfTextTest, ReadsTheTextLayerWithDiacritics) {
  const std::string file = text_pdf({kPageOne, kPageTwo});
  std::vector<ExtractProgress> progress;
  ExtractOptions options;
  options.on_progress = [&](ExtractProgress p) { progress.push_back(p); };
  const ExtractedText result = extract_pdf_text(file, options);
  EXPECT_EQ(result.text,
            "Điều 1. Đảng viên có nhiệm vụ tuyệt đối trung thành với\n"
            "mục đích lý tưởng cách mạng của Đảng.\n"
            "Điều 2. Đảng viên có quyền được thông tin.");
  EXPECT_EQ(result.pages, 2);
  EXPECT_EQ(result.ocr_pages, 0);
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].done, 1);
  EXPECT_EQ(progress[0].total, 2);
  EXPECT_EQ(progress[1].done, 2);
  EXPECT_EQ(progress[1].total, 2);
}

TEST_F(PdfTextTest, ManyPagesAreQuick) {
  std::vector<std::vector<std::string>> pages;
  for (int i = 1; i <= 40; ++i) {
    std::vector<std::string> lines;
    for (int j = 0; j < 40; ++j) {
      lines.push_back("Trang " + std::to_string(i) + ", dòng " + std::to_string(j) +
                      ": chi bộ sinh hoạt định kỳ mỗi tháng một lần theo quy định.");
    }
    pages.push_back(std::move(lines));
  }
  const std::string file = text_pdf(pages);
  int calls = 0;
  ExtractOptions options;
  options.on_progress = [&](ExtractProgress) { ++calls; };
  const auto start = std::chrono::steady_clock::now();
  const ExtractedText result = extract_pdf_text(file, options);
  const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  EXPECT_EQ(result.pages, 40);
  EXPECT_EQ(result.ocr_pages, 0);
  EXPECT_EQ(calls, 40);
  EXPECT_NE(result.text.find("Trang 40, dòng 39: chi bộ sinh hoạt"), std::string::npos);
  std::printf("[ timing ] text layer: %.1f ms per page\n", elapsed.count() * 1000 / 40);
}

TEST_F(PdfTextTest, ScannedPageGoesThroughOcr) {
  const std::string file = scanned_pdf({"Điều 1. Đảng viên có nhiệm vụ", "chấp hành Cương lĩnh chính trị"});
  const auto start = std::chrono::steady_clock::now();
  const ExtractedText result = extract_pdf_text(file);
  const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  EXPECT_EQ(result.pages, 1);
  EXPECT_EQ(result.ocr_pages, 1);
  const std::string words = folded(result.text);
  EXPECT_NE(words.find("dang vien"), std::string::npos) << result.text;
  EXPECT_NE(words.find("nhiem vu"), std::string::npos) << result.text;
  EXPECT_NE(words.find("cuong linh"), std::string::npos) << result.text;
  std::printf("[ timing ] OCR page (%.1f × %.1f in at 300 dpi): %.2f s\n", 1240 / 150.0,
              360 / 150.0, elapsed.count());

  ExtractOptions no_ocr;
  no_ocr.ocr_when_no_text = false;
  const ExtractedText without = extract_pdf_text(file, no_ocr);
  EXPECT_EQ(without.text, "");
  EXPECT_EQ(without.ocr_pages, 0);
}

TEST_F(PdfTextTest, RefusesCorruptFiles) {
  const std::string good = read(text_pdf({kPageOne, kPageTwo}));
  ASSERT_GT(good.size(), 1000u);
  // An interrupted upload.
  EXPECT_EQ(error_of(write("cut.pdf", good.substr(0, good.size() / 2))), kCorrupt);
  EXPECT_EQ(error_of(write("cut-early.pdf", good.substr(0, 40))), kCorrupt);
  // Garbage behind a PDF header, with and without an end marker.
  std::mt19937 random(7);
  std::string noise(20'000, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  EXPECT_EQ(error_of(write("noise.pdf", "%PDF-1.7\n" + noise)), kCorrupt);
  EXPECT_EQ(error_of(write("noise-eof.pdf", "%PDF-1.7\n" + noise + "\n%%EOF\n")), kCorrupt);
  EXPECT_EQ(error_of(write("header.pdf", "%PDF-")), kCorrupt);
}

TEST_F(PdfTextTest, RefusesFilesThatAreNotPdf) {
  EXPECT_EQ(error_of(write("thu.pdf", "Kính gửi các đồng chí")), kNotPdf);
  EXPECT_EQ(error_of(write("anh.pdf", std::string("\x89PNG\r\n\x1A\n", 8))), kNotPdf);
  EXPECT_EQ(error_of(write("empty.pdf", "")), kNotPdf);
}

TEST_F(PdfTextTest, RefusesPasswordProtectedFiles) {
  if (std::system("command -v qpdf >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "qpdf is not installed (scripts/setup.sh installs it)";
  }
  const std::string plain = text_pdf({kPageOne});
  const std::string locked = path("mat-khau.pdf");
  ASSERT_EQ(std::system(("qpdf --encrypt mat-khau chu-so-huu 256 -- '" + plain + "' '" + locked +
                         "'").c_str()),
            0);
  EXPECT_EQ(error_of(locked), kEncrypted);

  // Encrypted with only an owner password (printing/copying restrictions): anyone can open it,
  // so its text is read.
  const std::string restricted = path("han-che.pdf");
  ASSERT_EQ(std::system(("qpdf --encrypt '' chu-so-huu 256 --extract=n -- '" + plain + "' '" +
                         restricted + "'").c_str()),
            0);
  EXPECT_TRUE(extract_pdf_text(restricted).text.starts_with("Điều 1. Đảng viên"));
}

TEST_F(PdfTextTest, RefusesTooManyPages) {
  const std::string file = text_pdf({kPageOne, kPageTwo, kPageTwo});
  ExtractOptions options;
  options.max_pages = 2;
  int calls = 0;
  options.on_progress = [&](ExtractProgress) { ++calls; };
  EXPECT_EQ(error_of(file, options), "Tệp PDF có quá nhiều trang (3 trang, tối đa 2).");
  EXPECT_EQ(calls, 0);
}

TEST_F(PdfTextTest, CancelsBetweenPages) {
  const std::string file = text_pdf({kPageOne, kPageTwo, kPageTwo});
  ExtractOptions options;
  options.ocr_when_no_text = false;  // short pages: spare the OCR attempt
  int calls = 0;
  options.on_progress = [&](ExtractProgress) { ++calls; };
  options.cancelled = [&] { return calls >= 1; };
  EXPECT_THROW(extract_pdf_text(file, options), ExtractCancelled);
  EXPECT_EQ(calls, 1);
}

TEST_F(PdfTextTest, CancelsDuringOcr) {
  const std::string file = scanned_pdf({"Điều 1. Đảng viên có nhiệm vụ"});
  ExtractOptions options;
  int asked = 0;
  // Not yet when the page starts; during recognition.
  options.cancelled = [&] { return ++asked > 2; };
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(extract_pdf_text(file, options), ExtractCancelled);
  EXPECT_GT(asked, 2);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(OcrTest, ReadsVietnameseFromPixels) {
  const Raster raster({"Chi bộ họp thường kỳ mỗi tháng một lần.", "Đảng viên phải dự họp đầy đủ."},
                      1400, 240, 40);
  const std::vector<unsigned char> gray = raster.gray();
  ImageView view;
  view.width = 1400;
  view.height = 240;
  view.bytes_per_pixel = 1;
  view.bytes_per_line = 1400;
  view.pixels = gray.data();
  view.dpi = 150;
  const std::string text = ocr_image_vie(view);
  const std::string words = folded(text);
  EXPECT_NE(words.find("chi bo hop"), std::string::npos) << text;
  EXPECT_NE(words.find("dang vien"), std::string::npos) << text;
  // Marks kept on at least the common words.
  EXPECT_NE(text.find("Đảng viên"), std::string::npos) << text;
}

TEST(OcrTest, RefusesInvalidImages) {
  const unsigned char pixel = 255;
  ImageView view;
  EXPECT_THROW(ocr_image_vie(view), ExtractError);
  view.width = 1;
  view.height = 1;
  view.pixels = &pixel;
  view.bytes_per_pixel = 2;
  view.bytes_per_line = 2;
  EXPECT_THROW(ocr_image_vie(view), ExtractError);
  view.bytes_per_pixel = 1;
  view.bytes_per_line = 0;
  EXPECT_THROW(ocr_image_vie(view), ExtractError);
}

TEST(OcrTest, BlankImageGivesNoText) {
  const std::vector<unsigned char> white(400 * 300, 255);
  ImageView view;
  view.width = 400;
  view.height = 300;
  view.bytes_per_line = 400;
  view.pixels = white.data();
  EXPECT_EQ(search::squeeze_spaces(ocr_image_vie(view)), "");
}

}  // namespace
}  // namespace sotay::io
