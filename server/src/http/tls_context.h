// The OpenSSL context settings the server's HTTPS listener and the Web Push client share, kept in
// one place so the two cannot drift apart on which protocol versions they accept.
#pragma once

#include "http/asio.h"

namespace sotay::http {

// A context for `method` (tls_server or tls_client) that refuses SSL 2 and 3, TLS 1.0 and 1.1
// (TLS 1.2 is the floor) and keeps OpenSSL's workarounds for known peer bugs. Certificates, keys
// and verification stay with the caller: they differ between the two sides.
boost::asio::ssl::context tls_context(boost::asio::ssl::context::method method);

}  // namespace sotay::http
