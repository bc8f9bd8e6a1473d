#include "io/ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <dlfcn.h>

#include <memory>

#include "io/extract.h"

namespace sotay::io {
namespace {

// A dense A4 page at 300 dpi takes a few seconds; a minute means something pathological
// (noise, a photograph) and the page is given up rather than holding a worker for ever.
constexpr int kDeadlineMilliseconds = 120'000;
// Tesseract needs some pixels, and no page is bigger than this (A0 at 300 dpi is ~140 MP).
constexpr long long kMaxPixels = 150'000'000;

constexpr const char* kModelMissing =
    "Máy chủ chưa cài bộ nhận dạng chữ tiếng Việt (gói tesseract-ocr-vie).";
constexpr const char* kFailed = "Không nhận dạng được chữ trên trang ảnh.";
constexpr const char* kTooSlow = "Trang ảnh quá phức tạp, không nhận dạng được chữ.";

// Debian's Tesseract runs parts of recognition in OpenMP threads, asking for a fixed number of
// them. On a server whose cores are already busy they wait for each other: on a loaded 2-core
// machine a page took 31 s with OpenMP against 6 s on one thread. Dynamic adjustment lets
// libgomp give a parallel region only the cores the load average leaves free (one, when busy).
// OMP_THREAD_LIMIT=1 in the service's environment caps it outright (libgomp reads it only at
// start). libgomp is loaded with Tesseract, so its setter is looked up rather than linked.
void adapt_openmp_to_load() {
  using SetDynamic = void (*)(int);
  if (auto* set = reinterpret_cast<SetDynamic>(dlsym(RTLD_DEFAULT, "omp_set_dynamic"))) set(1);
}

struct Engine {
  tesseract::TessBaseAPI api;
};

tesseract::TessBaseAPI& engine() {
  thread_local std::unique_ptr<Engine> cached;
  if (!cached) {
    adapt_openmp_to_load();
    auto created = std::make_unique<Engine>();
    // nullptr: the library's default tessdata folder, or TESSDATA_PREFIX when set.
    if (created->api.Init(nullptr, "vie", tesseract::OEM_LSTM_ONLY) != 0) {
      throw ExtractError(kModelMissing);
    }
    // Tesseract reports through tprintf to stderr; nothing of it is for a server log.
    created->api.SetVariable("debug_file", "/dev/null");
    created->api.SetPageSegMode(tesseract::PSM_AUTO);
    cached = std::move(created);
  }
  return cached->api;
}

bool poll_cancel(void* data, int /*words*/) {
  const auto* cancelled = static_cast<const std::function<bool()>*>(data);
  return (*cancelled)();
}

struct ClearOnExit {
  tesseract::TessBaseAPI& api;
  ~ClearOnExit() { api.Clear(); }  // frees the page, keeps the model
};

}  // namespace

std::string ocr_image_vie(const ImageView& image, const std::function<bool()>& cancelled) {
  if (image.pixels == nullptr || image.width <= 0 || image.height <= 0 ||
      (image.bytes_per_pixel != 1 && image.bytes_per_pixel != 3 && image.bytes_per_pixel != 4) ||
      image.bytes_per_line < image.width * image.bytes_per_pixel ||
      static_cast<long long>(image.width) * image.height > kMaxPixels) {
    throw ExtractError(kFailed);
  }
  if (cancelled && cancelled()) throw ExtractCancelled();

  tesseract::TessBaseAPI& api = engine();
  const ClearOnExit clear{api};
  api.SetImage(image.pixels, image.width, image.height, image.bytes_per_pixel,
               image.bytes_per_line);
  if (image.dpi > 0) api.SetSourceResolution(image.dpi);

  tesseract::ETEXT_DESC monitor;
  if (cancelled) {
    monitor.cancel = &poll_cancel;
    monitor.cancel_this = const_cast<std::function<bool()>*>(&cancelled);
  }
  monitor.set_deadline_msecs(kDeadlineMilliseconds);
  if (api.Recognize(&monitor) != 0) {
    if (cancelled && cancelled()) throw ExtractCancelled();
    throw ExtractError(monitor.deadline_exceeded() ? kTooSlow : kFailed);
  }
  const std::unique_ptr<char[]> text(api.GetUTF8Text());
  if (!text) throw ExtractError(kFailed);
  return std::string(text.get());
}

}  // namespace sotay::io
