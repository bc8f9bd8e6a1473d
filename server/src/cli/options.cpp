#include "cli/options.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace sotay::cli {

namespace {
std::string env_name(const std::string& name) {
  std::string out = "SOTAY_";
  for (char c : name) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}
std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}
}  // namespace

Options::Options(std::string usage, std::string summary, std::vector<OptionSpec> specs)
    : usage_(std::move(usage)), summary_(std::move(summary)), specs_(std::move(specs)) {
  specs_.push_back({"config", "FILE", "configuration file of \"name = value\" lines (also SOTAY_CONFIG)", ""});
}

bool Options::parse(int argc, char** argv, int first) {
  std::map<std::string, std::string> flags;
  auto find = [&](const std::string& name) -> const OptionSpec* {
    for (const auto& s : specs_)
      if (s.name == name) return &s;
    return nullptr;
  };
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      print_help();
      return false;
    }
    if (arg.rfind("--", 0) != 0) {
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const auto* spec = find(name);
    if (!spec) throw std::runtime_error("unknown option --" + name + " (see --help)");
    if (spec->value_name.empty()) {
      flags[name] = inline_value ? value : "1";
    } else {
      if (!inline_value) {
        if (i + 1 >= argc) throw std::runtime_error("option --" + name + " needs a value " + spec->value_name);
        value = argv[++i];
      }
      flags[name] = value;
    }
  }
  // Configuration file, then environment, then flags.
  std::string config = flags.count("config") ? flags["config"] : "";
  if (config.empty())
    if (const char* e = std::getenv("SOTAY_CONFIG")) config = e;
  if (!config.empty()) {
    std::ifstream in(config);
    if (!in) throw std::runtime_error("cannot read configuration file " + config);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      auto eq = line.find('=');
      if (eq == std::string::npos) throw std::runtime_error(config + ":" + std::to_string(n) + ": expected name = value");
      auto name = trim(line.substr(0, eq));
      if (!find(name)) throw std::runtime_error(config + ":" + std::to_string(n) + ": unknown option " + name);
      values_[name] = trim(line.substr(eq + 1));
    }
  }
  for (const auto& s : specs_)
    if (const char* e = std::getenv(env_name(s.name).c_str())) values_[s.name] = e;
  for (auto& [k, v] : flags) values_[k] = v;
  return true;
}

std::string Options::get(const std::string& name) const {
  if (auto it = values_.find(name); it != values_.end()) return it->second;
  for (const auto& s : specs_)
    if (s.name == name) return s.default_value;
  return "";
}

bool Options::has(const std::string& name) const { return values_.count(name) > 0; }

bool Options::flag(const std::string& name) const {
  auto v = get(name);
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

int Options::integer(const std::string& name) const {
  auto v = get(name);
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end) throw std::runtime_error("option --" + name + " must be a number, got \"" + v + "\"");
  return static_cast<int>(n);
}

void Options::print_help() const {
  std::printf("Usage: %s\n\n%s\n\nOptions (flag > SOTAY_* environment variable > config file > default):\n",
              usage_.c_str(), summary_.c_str());
  for (const auto& s : specs_) {
    std::string left = "  --" + s.name + (s.value_name.empty() ? "" : " " + s.value_name);
    std::printf("%-28s %s", left.c_str(), s.help.c_str());
    if (!s.default_value.empty()) std::printf(" [default: %s]", s.default_value.c_str());
    std::printf("\n%-28s env %s\n", "", env_name(s.name).c_str());
  }
  std::printf("  --help                     show this help\n");
}

std::string redact_url(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace sotay::cli
