#include "http/tls_context.h"

namespace sotay::http {

namespace ssl = boost::asio::ssl;

ssl::context tls_context(ssl::context::method method) {
  ssl::context context(method);
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  return context;
}

}  // namespace sotay::http
