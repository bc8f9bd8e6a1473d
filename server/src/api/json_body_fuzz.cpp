// libFuzzer: request bodies through the strict JSON decoder every handler uses. Only
// sotay::Error (a 4xx for the client) may come out; anything else is a finding.
#include <cstdint>
#include <string>

#include "api/json_body.h"
#include "domain/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sotay::http::Request req;
  req.method = "POST";
  req.headers["content-type"] = "application/json";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  try {
    auto body = sotay::api::JsonBody::parse(req);
    try {
      body.allow_only({"login", "password", "totp", "unit_id", "name"});
    } catch (const sotay::Error&) {
    }
    for (const char* key : {"login", "password", "totp", "name"}) {
      try {
        (void)body.opt_string(key, 200);
      } catch (const sotay::Error&) {
      }
    }
    try {
      (void)body.opt_integer("unit_id");
      (void)body.opt_bool("name");
    } catch (const sotay::Error&) {
    }
  } catch (const sotay::Error&) {
  }
  return 0;
}
