// The one way to include Asio and Beast: Boost 1.74's Asio needs <utility> first, and keeping
// every Beast include behind this header keeps them inside http/.
#pragma once
#include <utility>
// clang-format off
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
// clang-format on
