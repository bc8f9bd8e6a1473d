// Demo notices written for the demo: what a new user of `make run` finds in the inbox of the demo
// member (a meeting notice and an urgent one asking for acknowledgement), sent through the same
// domain call a committee's "Gửi" goes through.
#pragma once

#include "db/database.h"

namespace sotay::demo {

// Sends the demo notices as the demo committee accounts. Idempotent: does nothing when the
// database already has notices or the demo accounts are missing. Returns how many were sent.
int load_demo_notices(db::Database& db);

}  // namespace sotay::demo
