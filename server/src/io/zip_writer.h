// Builds a zip archive in memory with libzip. Used by write_xlsx, and by the XLSX tests and fuzz
// target to assemble packages from hand-written XML parts.
#pragma once

#include <string>
#include <vector>

namespace sotay::io::detail {

struct ZipEntry {
  std::string name;  // path inside the archive, '/'-separated
  std::string data;
};

// Entries are deflated (fast level) and stored in the given order. Throws std::runtime_error if libzip fails
// (it only does on allocation failure here, as nothing touches the file system).
std::string build_zip(const std::vector<ZipEntry>& entries);

}  // namespace sotay::io::detail
