// Command-line options with one precedence everywhere: flag > SOTAY_* environment variable >
// configuration file (--config FILE or SOTAY_CONFIG; lines "name = value") > default.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sotay::cli {

struct OptionSpec {
  std::string name;        // "port" → --port, SOTAY_PORT, "port = …" in the file
  std::string value_name;  // "N"; empty for on/off flags
  std::string help;        // Vietnamese/English one-liner shown by --help
  std::string default_value;
};

class Options {
 public:
  Options(std::string usage, std::string summary, std::vector<OptionSpec> specs);

  // Parses argv[first..]. Returns false when --help was printed. Throws std::runtime_error with a
  // clear message for unknown options or a missing value. Positional arguments are collected.
  bool parse(int argc, char** argv, int first);

  std::string get(const std::string& name) const;  // "" when unset and no default
  bool has(const std::string& name) const;         // set by flag, env or file (not by default)
  bool flag(const std::string& name) const;        // on/off options: "1", "true", "yes", "on"
  int integer(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  void print_help() const;

 private:
  std::string usage_, summary_;
  std::vector<OptionSpec> specs_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

// The database URL with any password replaced by "***", for logs.
std::string redact_url(const std::string& url);

}  // namespace sotay::cli
