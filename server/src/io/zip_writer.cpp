#include "io/zip_writer.h"

#include <zip.h>

#include <memory>
#include <stdexcept>

namespace sotay::io::detail {
namespace {

constexpr zip_uint32_t kDeflateLevel = 1;

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
struct ArchiveDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

[[noreturn]] void fail(const char* what) {
  throw std::runtime_error(std::string("build_zip: ") + what);
}

}  // namespace

std::string build_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* raw_buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (raw_buffer == nullptr) fail("cannot create buffer");

  zip_error_init(&error);
  zip_t* raw_archive = zip_open_from_source(raw_buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (raw_archive == nullptr) {
    zip_source_free(raw_buffer);  // not taken over by a failed open
    fail("cannot open archive");
  }
  std::unique_ptr<zip_t, ArchiveDiscard> archive(raw_archive);
  // The archive owns the buffer and would free it on close; an extra reference keeps the written
  // bytes readable afterwards.
  zip_source_keep(raw_buffer);
  std::unique_ptr<zip_source_t, SourceFree> buffer(raw_buffer);

  for (const ZipEntry& entry : entries) {
    // The data is only read by zip_close, and `entries` outlives it.
    zip_source_t* source =
        zip_source_buffer(archive.get(), entry.data.data(), entry.data.size(), 0);
    if (source == nullptr) fail("cannot create entry source");
    const zip_int64_t index =
        zip_file_add(archive.get(), entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      fail("cannot add entry");
    }
    // Exports are built while someone waits. On sheet XML, level 1 deflates several times faster
    // than the default 6 for a file only slightly larger.
    if (zip_set_file_compression(archive.get(), static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE,
                                 kDeflateLevel) != 0) {
      fail("cannot set compression");
    }
  }
  if (zip_close(archive.get()) != 0) fail("cannot write archive");
  archive.release();  // zip_close freed it

  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(buffer.get(), &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0) {
    fail("cannot stat archive");
  }
  std::string out(stat.size, '\0');
  if (zip_source_open(buffer.get()) != 0) fail("cannot reopen archive");
  const zip_int64_t read = zip_source_read(buffer.get(), out.data(), out.size());
  zip_source_close(buffer.get());
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) fail("cannot read archive");
  return out;
}

}  // namespace sotay::io::detail
