// The demo library: documents and news written for the demo (server/src/demo/library/, embedded
// in the binary), loaded through the same domain calls an editor's actions go through.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "util/embedded_files.h"

namespace sotay::demo {

// One demo text: "key: value" lines, a line "---", then the body.
struct DemoText {
  std::map<std::string, std::string> fields;
  std::string body;
};
DemoText parse_demo_text(std::string_view text);

struct LibrarySummary {
  int documents = 0;
  int news = 0;
};
// Loads every embedded demo text whose units exist (codes such as SH, SH-TP-01). Idempotent:
// does nothing when the database already has documents.
LibrarySummary load_demo_library(db::Database& db, const std::vector<embedded::File>& files);

}  // namespace sotay::demo
