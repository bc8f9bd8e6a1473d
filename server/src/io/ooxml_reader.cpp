#include "io/ooxml_reader.h"

#include <algorithm>
#include <new>

namespace sotay::io::detail {
namespace {

constexpr std::size_t kReadChunkBytes = 64 * 1024;

[[noreturn]] void fail(PackageProblem problem) { throw PackageError(problem); }

const char* describe(PackageProblem problem) {
  switch (problem) {
    case PackageProblem::corrupt: return "package is corrupt";
    case PackageProblem::too_large: return "package is too large";
    case PackageProblem::encrypted: return "package is encrypted";
  }
  return "package error";
}

}  // namespace

PackageError::PackageError(PackageProblem problem)
    : std::runtime_error(describe(problem)), problem_(problem) {}

std::string_view local_name(const XML_Char* name) {
  const std::string_view full(name);
  const std::size_t separator = full.rfind(kNamespaceSeparator);
  return separator == std::string_view::npos ? full : full.substr(separator + 1);
}

const XML_Char* find_attribute(const XML_Char** attributes, std::string_view name) {
  for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
    if (local_name(attributes[i]) == name) return attributes[i + 1];
  }
  return nullptr;
}

// ---- XmlParser --------------------------------------------------------------------------------

XmlParser::XmlParser(XmlHandler& handler)
    : handler_(handler), parser_(XML_ParserCreateNS(nullptr, kNamespaceSeparator)) {
  if (parser_ == nullptr) throw std::bad_alloc();
  XML_SetUserData(parser_.get(), this);
  XML_SetElementHandler(parser_.get(), &XmlParser::start, &XmlParser::end);
  XML_SetCharacterDataHandler(parser_.get(), &XmlParser::text);
  XML_SetStartDoctypeDeclHandler(parser_.get(), &XmlParser::doctype);
}

void XmlParser::feed(const char* data, std::size_t size, bool last) {
  if (XML_Parse(parser_.get(), data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE) !=
      XML_STATUS_OK) {
    if (failure_) std::rethrow_exception(failure_);
    fail(PackageProblem::corrupt);
  }
}

// Runs a handler callback; an exception is kept for feed() because unwinding through expat's C
// frames is not allowed.
template <typename Callback>
void XmlParser::guarded(void* user_data, Callback&& callback) {
  auto* self = static_cast<XmlParser*>(user_data);
  if (self->failure_) return;  // expat may still deliver a few events after a stop
  try {
    callback(self->handler_);
  } catch (...) {
    self->failure_ = std::current_exception();
    XML_StopParser(self->parser_.get(), XML_FALSE);
  }
}

void XmlParser::start(void* user_data, const XML_Char* name, const XML_Char** attributes) {
  guarded(user_data, [&](XmlHandler& h) { h.on_start(local_name(name), attributes); });
}

void XmlParser::end(void* user_data, const XML_Char* name) {
  guarded(user_data, [&](XmlHandler& h) { h.on_end(local_name(name)); });
}

void XmlParser::text(void* user_data, const XML_Char* s, int length) {
  guarded(user_data, [&](XmlHandler& h) {
    h.on_text(std::string_view(s, static_cast<std::size_t>(length)));
  });
}

void XmlParser::doctype(void* user_data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  guarded(user_data, [](XmlHandler&) { fail(PackageProblem::corrupt); });
}

// ---- ZipPackage -------------------------------------------------------------------------------

ZipPackage ZipPackage::from_buffer(std::string_view data, const PackageLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(data.data(), data.size(), 0, &error);
  zip_error_fini(&error);
  if (source == nullptr) throw std::bad_alloc();
  zip_error_init(&error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);  // a failed open does not take the source over
    fail(PackageProblem::corrupt);
  }
  return ZipPackage(archive, limits);
}

ZipPackage ZipPackage::from_file(const std::string& path, const PackageLimits& limits) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    // A file we cannot open at all is the server's problem, not the uploader's.
    if (code == ZIP_ER_OPEN || code == ZIP_ER_NOENT || code == ZIP_ER_MEMORY) {
      throw std::runtime_error("cannot open " + path);
    }
    fail(PackageProblem::corrupt);
  }
  return ZipPackage(archive, limits);
}

ZipPackage::ZipPackage(zip_t* archive, const PackageLimits& limits) : zip_(archive) {
  check_entries(limits);
}

std::optional<zip_uint64_t> ZipPackage::find(const std::string& name) const {
  const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  return static_cast<zip_uint64_t>(index);
}

void ZipPackage::parse(zip_uint64_t index, XmlHandler& handler, std::uint64_t max_bytes,
                       const std::function<void()>& between_chunks) {
  const zip_uint64_t limit = std::min<zip_uint64_t>(declared_sizes_.at(index), max_bytes);
  if (declared_sizes_[index] > max_bytes) fail(PackageProblem::too_large);
  zip_file_t* raw_file = zip_fopen_index(zip_.get(), index, 0);
  if (raw_file == nullptr) {
    const int code = zip_error_code_zip(zip_get_error(zip_.get()));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
      fail(PackageProblem::encrypted);
    }
    fail(PackageProblem::corrupt);
  }
  struct FileClose {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
  };
  const std::unique_ptr<zip_file_t, FileClose> file(raw_file);
  XmlParser parser(handler);
  std::vector<char> buffer(kReadChunkBytes);
  zip_uint64_t total = 0;
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) fail(PackageProblem::corrupt);  // bad deflate data, CRC mismatch, truncation
    if (n == 0) break;
    total += static_cast<zip_uint64_t>(n);
    // The entry table may lie about sizes; the checks made on it only hold if we never inflate
    // more than it declared.
    if (total > limit) fail(PackageProblem::too_large);
    parser.feed(buffer.data(), static_cast<std::size_t>(n), false);
    if (between_chunks) between_chunks();
  }
  parser.feed(nullptr, 0, true);
}

// Every entry counts, including ones never read: the limit is on what the archive claims to
// hold. Embedded archives are never opened, so a zip nested inside cannot expand; only its
// compressed size counts here.
void ZipPackage::check_entries(const PackageLimits& limits) {
  const zip_int64_t count = zip_get_num_entries(zip_.get(), 0);
  if (count < 0) fail(PackageProblem::corrupt);
  if (static_cast<zip_uint64_t>(count) > limits.max_entries) fail(PackageProblem::too_large);
  declared_sizes_.reserve(static_cast<std::size_t>(count));
  zip_uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) {
      fail(PackageProblem::corrupt);
    }
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || (stat.valid & ZIP_STAT_COMP_SIZE) == 0) {
      fail(PackageProblem::corrupt);
    }
    if (stat.size > limits.max_total_uncompressed ||
        stat.size > limits.max_total_uncompressed - total) {
      fail(PackageProblem::too_large);
    }
    total += stat.size;
    if (stat.size >= limits.ratio_check_min_bytes &&
        stat.size / limits.max_compression_ratio > stat.comp_size) {
      fail(PackageProblem::too_large);
    }
    declared_sizes_.push_back(stat.size);
  }
}

}  // namespace sotay::io::detail
