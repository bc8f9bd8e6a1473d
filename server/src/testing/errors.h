// The error a domain call throws, for unit tests: its code (and a failure when it throws none or
// says nothing a person could read).
#pragma once

#include <gtest/gtest.h>

#include <functional>

#include "domain/errors.h"

namespace sotay::testing {

inline ErrorCode code_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_FALSE(e.message().empty());
    return e.code();
  }
  ADD_FAILURE() << "no error thrown";
  return ErrorCode::internal;
}

}  // namespace sotay::testing
