// What every API handler needs, and the one place routes are registered.
#pragma once

#include <filesystem>
#include <functional>

#include "db/database.h"
#include "domain/auth.h"
#include "domain/import_jobs.h"
#include "domain/notices.h"
#include "http/router.h"

namespace sotay::api {

struct App {
  db::Database& db;
  auth::Policy policy;
  members::ImportJobs& imports;  // background member imports of this process
  std::filesystem::path files_dir = "data/files";  // attachments and covers (sotay serve --files)
  std::function<void()> jobs_queued;  // a job was queued: wakes the background worker (may be empty)
  // A notice event was committed: deliver it live (SQLite: to this server's sockets; PostgreSQL:
  // empty, the LISTEN connection hears every server's events). May be empty.
  notices::EventSink notice_events;
};

void register_routes(http::Router& router, App& app);

// One file per resource registers its routes.
void register_session_routes(http::Router& router, App& app);
void register_me_routes(http::Router& router, App& app);
void register_unit_routes(http::Router& router, App& app);
void register_member_routes(http::Router& router, App& app);
void register_account_routes(http::Router& router, App& app);
void register_audit_routes(http::Router& router, App& app);
void register_import_routes(http::Router& router, App& app);
void register_attachment_routes(http::Router& router, App& app);
void register_document_routes(http::Router& router, App& app);
void register_news_routes(http::Router& router, App& app);
void register_reading_routes(http::Router& router, App& app);
void register_notice_routes(http::Router& router, App& app);
void register_notice_file_routes(http::Router& router, App& app);

}  // namespace sotay::api
