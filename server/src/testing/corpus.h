// The test corpus beside the repository (../shared/corpus): real public texts that tests and
// benchmarks read at run time, never copied into the repository. Absent → tests skip.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace sotay::testing {

// SOTAY_CORPUS_DIR, else "shared/corpus" found walking up from the current folder (tests run
// from the repository root or from a build folder inside it).
inline std::optional<std::filesystem::path> corpus_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("SOTAY_CORPUS_DIR"); env != nullptr && *env != '\0') {
    if (fs::is_directory(env)) return fs::path(env);
  }
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (ec) return std::nullopt;
  for (int up = 0; up < 5; ++up) {
    fs::path candidate = dir / "shared" / "corpus";
    std::error_code missing;  // a missing folder is an error code, not a reason to stop
    if (fs::is_directory(candidate, missing)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A corpus text without its SOURCE line and the blank line after it.
inline std::string read_corpus_text(const std::filesystem::path& file) {
  std::string text = read_file(file);
  for (int i = 0; i < 2; ++i) {
    auto nl = text.find('\n');
    text = nl == std::string::npos ? std::string() : text.substr(nl + 1);
  }
  return text;
}

}  // namespace sotay::testing
