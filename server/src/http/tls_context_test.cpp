// Both sides of our TLS (the HTTPS listener and the push client) get TLS 1.2 as the floor.
#include "http/tls_context.h"

#include <gtest/gtest.h>
#include <openssl/ssl.h>

namespace sotay::http {
namespace {

namespace ssl = boost::asio::ssl;

TEST(TlsContext, ServerAndClientRefuseEverythingOlderThanTls12) {
  for (auto method : {ssl::context::tls_server, ssl::context::tls_client}) {
    auto context = tls_context(method);
    // (SSL 2 has no option bit left to check: OpenSSL 3 cannot speak it at all.)
    const auto options = SSL_CTX_get_options(context.native_handle());
    EXPECT_TRUE(options & SSL_OP_NO_SSLv3);
    EXPECT_TRUE(options & SSL_OP_NO_TLSv1);
    EXPECT_TRUE(options & SSL_OP_NO_TLSv1_1);
    EXPECT_FALSE(options & SSL_OP_NO_TLSv1_2);
    EXPECT_FALSE(options & SSL_OP_NO_TLSv1_3);
  }
}

}  // namespace
}  // namespace sotay::http
