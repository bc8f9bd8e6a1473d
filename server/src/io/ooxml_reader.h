// Reading Office Open XML packages (XLSX, DOCX) defensively: a zip opened with libzip whose
// entry table is checked against zip bombs before anything is inflated, and XML parts streamed
// through expat in chunks. Shared by io/xlsx.cpp and io/docx_text.cpp.
//
// Failures of the package itself (not a zip, bad deflate data, a bomb, an encrypted entry, XML
// that is not well formed or has a DTD) raise PackageError; each reader turns it into its own
// Vietnamese message. Exceptions thrown by a handler pass through unchanged.
#pragma once

#include <expat.h>
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sotay::io::detail {

enum class PackageProblem { corrupt, too_large, encrypted };

class PackageError : public std::runtime_error {
 public:
  explicit PackageError(PackageProblem problem);
  PackageProblem problem() const { return problem_; }

 private:
  PackageProblem problem_;
};

// ---- XML --------------------------------------------------------------------------------------

// Expat reports namespaced names as "uri|local"; only the local part matters to us, which also
// makes the readers accept Strict OOXML, whose namespace URIs differ.
constexpr char kNamespaceSeparator = '|';

std::string_view local_name(const XML_Char* name);
// The value of the attribute with this local name, whatever its namespace prefix.
const XML_Char* find_attribute(const XML_Char** attributes, std::string_view name);

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void on_start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void on_end(std::string_view name) = 0;
  virtual void on_text(std::string_view text) {}
};

// Expat callbacks never let an exception cross the C code: they park it and stop the parser, and
// it is rethrown once XML_Parse returns. A document type declaration is refused outright (no
// OOXML part has one), which rules out entity-expansion attacks ("billion laughs").
class XmlParser {
 public:
  explicit XmlParser(XmlHandler& handler);
  void feed(const char* data, std::size_t size, bool last);

 private:
  struct ParserFree {
    void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
  };
  template <typename Callback>
  static void guarded(void* user_data, Callback&& callback);
  static void start(void* user_data, const XML_Char* name, const XML_Char** attributes);
  static void end(void* user_data, const XML_Char* name);
  static void text(void* user_data, const XML_Char* s, int length);
  static void doctype(void* user_data, const XML_Char*, const XML_Char*, const XML_Char*, int);

  XmlHandler& handler_;
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree> parser_;
  std::exception_ptr failure_;
};

// ---- The zip ----------------------------------------------------------------------------------

struct PackageLimits {
  // A document has a dozen parts, a rich one a few hundred; ten thousand is only ever an attack
  // on the entry table.
  std::size_t max_entries = 10'000;
  // Sum of the sizes the entry table declares, over every entry, read or not.
  std::uint64_t max_total_uncompressed = 256u << 20;
  // XML compresses about 10-30:1; a big entry far beyond that is a bomb. Small entries are
  // exempt because tiny repetitive parts legitimately reach high ratios and cost nothing.
  std::uint64_t ratio_check_min_bytes = 1u << 20;
  std::uint64_t max_compression_ratio = 200;
};

class ZipPackage {
 public:
  // The bytes must outlive the package.
  static ZipPackage from_buffer(std::string_view data, const PackageLimits& limits);
  static ZipPackage from_file(const std::string& path, const PackageLimits& limits);

  // Case-insensitive, like Office, which treats part names that way.
  std::optional<zip_uint64_t> find(const std::string& name) const;
  zip_uint64_t declared_size(zip_uint64_t index) const { return declared_sizes_[index]; }

  // Streams one entry through an XML handler. Never inflates more than the entry table declared
  // (which may lie) nor more than max_bytes: beyond either, PackageError(too_large).
  // between_chunks, when set, runs after each chunk (it may throw, e.g. to cancel).
  void parse(zip_uint64_t index, XmlHandler& handler,
             std::uint64_t max_bytes = std::numeric_limits<std::uint64_t>::max(),
             const std::function<void()>& between_chunks = {});

 private:
  struct ArchiveDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
  };
  ZipPackage(zip_t* archive, const PackageLimits& limits);
  void check_entries(const PackageLimits& limits);

  std::unique_ptr<zip_t, ArchiveDiscard> zip_;
  std::vector<zip_uint64_t> declared_sizes_;
};

}  // namespace sotay::io::detail
