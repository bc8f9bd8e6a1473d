#include "cli/commands.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/app.h"
#include "api/live_notices.h"
#include "cli/options.h"
#include "db/migrations.h"
#include "db/pg_listener.h"
#include "db/sqlite_database.h"
#include "demo/demo.h"
#include "domain/auth.h"
#include "domain/background_worker.h"
#include "domain/document_import.h"
#include "domain/errors.h"
#include "domain/import_jobs.h"
#include "domain/member_import.h"
#include "domain/org_tree.h"
#include "domain/push_delivery.h"
#include "http/push_client.h"
#include "http/server.h"
#include "io/table.h"
#include "store/notices_store.h"
#include "util/crypto.h"
#include "util/time.h"

#ifndef SOTAY_VERSION
#define SOTAY_VERSION "dev"
#endif

namespace sotay::cli {

namespace {

const OptionSpec kDbOption{"db", "URL", "SQLite file path or postgres://user@host:port/dbname", "./data/sotay.db"};

// The CLI acts for the system administrator on the whole tree.
Actor system_actor() {
  Actor a;
  a.grants.push_back({Role::admin, std::nullopt, ""});
  a.ip = "cli";
  return a;
}

// Attachments (and news covers) live in a folder: --files, else `files` beside the SQLite
// database, else ./sotay-files for PostgreSQL.
const OptionSpec kFilesOption{"files", "DIR",
                              "folder for uploaded files (default: files/ beside the SQLite database, "
                              "./sotay-files for PostgreSQL)",
                              ""};

std::filesystem::path files_dir(const Options& o) {
  if (!o.get("files").empty()) return o.get("files");
  auto url = o.get("db");
  if (db::is_postgres_url(url)) return "sotay-files";
  return std::filesystem::path(url).parent_path() / "files";
}

std::unique_ptr<db::Database> open_migrated(const std::string& url, int pool = 4) {
  auto d = db::open(url, {.pool_size = pool});
  db::migrate(*d);
  return d;
}

std::string default_web_root() {
  std::error_code ec;
  if (std::filesystem::exists("web/dist/index.html", ec)) return "web/dist";
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
      if (std::filesystem::exists(dir / "web/dist/index.html", ec)) return (dir / "web/dist").string();
  }
  return "";
}

int cmd_serve(int argc, char** argv) {
  Options o("sotay serve [options]", "Serves the API and the web app.",
            {{"port", "N", "TCP port", "8080"},
             {"bind", "ADDR", "address to listen on", "0.0.0.0"},
             kDbOption,
             {"web", "DIR", "folder of the built web app (default: web/dist if present)", ""},
             {"threads", "N", "I/O threads (0 = one per core)", "0"},
             {"blocking-threads", "N", "threads for database work", "4"},
             {"db-pool", "N", "database connections (PostgreSQL) or readers (SQLite)", "8"},
             {"max-connections", "N", "open connections before new ones get 503", "20000"},
             {"tls-cert", "FILE", "PEM certificate: serve HTTPS directly (small deployments)", ""},
             {"tls-key", "FILE", "PEM private key for --tls-cert", ""},
             {"trust-proxy", "", "take the client address from X-Forwarded-For / X-Real-IP (behind nginx)", ""},
             {"push-subject", "URI", "contact for Web Push services (VAPID sub)", "mailto:quantri@sotay.invalid"},
             {"push-ca", "FILE", "PEM certificates to trust for push services instead of the system store", ""},
             kFilesOption});
  if (!o.parse(argc, argv, 2)) return 0;
  auto url = o.get("db");
  auto started = std::chrono::steady_clock::now();
  auto database = db::open(url, {.pool_size = o.integer("db-pool")});
  try {
    int applied = db::migrate(*database);
    if (applied) std::fprintf(stderr, "sotay: applied %d migration(s)\n", applied);
  } catch (const db::SchemaTooNew& e) {
    std::fprintf(stderr, "sotay: refusing to start: %s\n", e.what());
    return 3;
  }
  members::ImportJobs imports(*database);
  // Notice events are delivered to this server's open apps by `live` (made once the server and its
  // WebSocket hub exist). SQLite: the process that commits an event delivers it. PostgreSQL: every
  // server hears every event through LISTEN (the sender too), so the commit path does nothing.
  const bool postgres = database->dialect() == db::Dialect::postgres;
  std::atomic<api::LiveNotices*> live{nullptr};
  notices::EventSink sink;
  if (!postgres)
    sink = [&live](std::int64_t event_id) {
      if (auto* l = live.load()) l->deliver(event_id);
    };
  // The background thread: text extraction of attachments, scheduled publishing and notices.
  background::WorkerOptions wo;
  wo.files_dir = files_dir(o);
  wo.notice_events = sink;
  std::filesystem::create_directories(wo.files_dir);
  background::Worker worker(*database, wo);
  api::App app{.db = *database, .policy = {}, .imports = imports, .files_dir = wo.files_dir,
               .jobs_queued = [&worker] { worker.wake(); }, .notice_events = sink};
  http::Router router;
  api::register_routes(router, app);

  http::ServerOptions so;
  so.bind = o.get("bind");
  so.port = static_cast<std::uint16_t>(o.integer("port"));
  so.io_threads = o.integer("threads");
  so.blocking_threads = o.integer("blocking-threads");
  so.max_connections = static_cast<std::size_t>(o.integer("max-connections"));
  so.web_root = o.has("web") ? o.get("web") : default_web_root();
  so.tls_cert = o.get("tls-cert");
  so.tls_key = o.get("tls-key");
  so.trust_proxy_headers = o.flag("trust-proxy");
  so.ready = [&database] { return database->ping(); };
  so.ws_authenticate = [&app](const http::Request& req) -> std::optional<std::int64_t> {
    std::string token(req.cookie("sotay_session"));
    if (token.empty()) return std::nullopt;
    auto s = auth::authenticate(app.db, app.policy, token, req.remote_ip);
    if (!s) return std::nullopt;
    return s->actor.account_id;
  };
  http::Server server(so, router);
  server.handle_signals(true);
  api::LiveNotices live_notices(*database, server.hub());
  live = &live_notices;
  std::unique_ptr<db::PgListener> listener;
  if (postgres) {
    db::PgListener::Options lo;
    lo.url = url;
    lo.channel = store::kNoticeChannel;
    lo.on_notify = [&live_notices](const std::string& payload) {
      char* end = nullptr;
      auto id = std::strtoll(payload.c_str(), &end, 10);
      if (end && *end == '\0' && id > 0) live_notices.deliver(id);
    };
    // Nothing from before this process served is replayed: its sockets were not open then.
    const std::int64_t served_after = notices::last_event_id(*database);
    lo.on_resume = [&live_notices, &database, served_after](std::int64_t lost_at) {
      // A margin for transactions that committed around the moment the connection was lost.
      for (auto id : notices::event_ids_since(*database, lost_at - 60, served_after)) live_notices.deliver(id);
    };
    listener = std::make_unique<db::PgListener>(lo);
    listener->start();
    if (!listener->wait_connected(std::chrono::seconds(5)))
      std::fprintf(stderr, "sotay: not listening for notices yet (will keep trying)\n");
  }
  // Web Push to closed apps.
  http::PushClient push_client({.timeout = std::chrono::milliseconds(10000), .ca_file = o.get("push-ca"), .allow_http = false});
  push::SenderOptions po;
  po.subject = o.get("push-subject");
  push::Sender push_sender(
      *database,
      [&push_client](const push::TransportRequest& r) {
        auto res = push_client.send({.endpoint = r.endpoint, .body = r.body, .authorization = r.authorization,
                                     .ttl_seconds = r.ttl_seconds, .urgency = r.urgency, .topic = ""});
        return push::TransportResult{res.status, res.error, res.retry_after_seconds};
      },
      po);
  push::public_key_base64url(*database);  // the VAPID keys exist from the first start
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "sotay %s: listening on %s://%s:%u (database %s, web %s) — ready in %.0f ms\n", SOTAY_VERSION,
               so.tls_cert.empty() ? "http" : "https", so.bind.c_str(), server.port(), redact_url(url).c_str(),
               so.web_root.empty() ? "(not built)" : so.web_root.c_str(), ms);
  worker.start();
  push_sender.start();
  server.run();
  push_sender.stop();
  if (listener) listener->stop();
  worker.stop();  // a running extraction stops at its next page and resumes at the next start
  live = nullptr;
  imports.wait_idle();
  std::fprintf(stderr, "sotay: stopped\n");
  return 0;
}

int cmd_migrate(int argc, char** argv) {
  Options o("sotay migrate [options]", "Applies pending database migrations.",
            {kDbOption, {"status", "", "only print the current and latest schema versions", ""}});
  if (!o.parse(argc, argv, 2)) return 0;
  auto d = db::open(o.get("db"), {.pool_size = 1});
  auto st = db::migration_status(*d);
  if (o.flag("status")) {
    std::printf("schema version %d, latest known %d\n", st.current, st.latest);
    return st.current > st.latest ? 3 : 0;
  }
  try {
    int n = db::migrate(*d);
    std::printf("applied %d migration(s); schema version %d\n", n, db::migration_status(*d).current);
  } catch (const db::SchemaTooNew& e) {
    std::fprintf(stderr, "sotay migrate: %s\n", e.what());
    return 3;
  }
  return 0;
}

int cmd_demo(int argc, char** argv) {
  Options o("sotay demo [options]", "Loads demo data into an empty database and prints the demo logins.",
            {kDbOption, {"scale", "SIZE", "small | province (108,600 members) | national (5.5 million, PostgreSQL)", "small"}});
  if (!o.parse(argc, argv, 2)) return 0;
  auto scale = demo::parse_scale(o.get("scale"));
  if (!scale) throw std::runtime_error("--scale must be small, province or national");
  auto d = open_migrated(o.get("db"));
  auto summary = demo::load_demo(*d, *scale, [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); });
  if (summary.already_loaded)
    std::printf("Cơ sở dữ liệu đã có dữ liệu mẫu.\n");
  else
    std::printf("Đã nạp %lld tổ chức đảng và %lld đảng viên trong %.1f giây.\n", static_cast<long long>(summary.units),
                static_cast<long long>(summary.members), summary.seconds);
  std::printf("\nTài khoản dùng thử (mật khẩu chung: %s):\n",
              summary.logins.empty() ? "" : summary.logins.front().password.c_str());
  for (const auto& l : summary.logins)
    std::printf("  %-10s %-16s %s\n", l.login.c_str(), l.role.c_str(), l.description_vi.c_str());
  return 0;
}

int cmd_user(int argc, char** argv) {
  if (argc < 3 || std::strcmp(argv[2], "create") != 0) {
    if (argc >= 3 && (std::strcmp(argv[2], "--help") == 0 || std::strcmp(argv[2], "-h") == 0)) {
      std::printf("Usage: sotay user create --login L --password P --role ROLE [--name \"Họ và tên\"] [--unit CODE]\n"
                  "                         [--allow-admin] [--db URL]\n");
      return 0;
    }
    throw std::runtime_error("usage: sotay user create --login L --password P --role ROLE ... (see sotay user --help)");
  }
  Options o("sotay user create [options]",
            "Creates a ready account (no forced password change, no two-factor) with a member record of that name\n"
            "in that unit. Meant for tests and scripting; people get accounts from their committee.",
            {{"login", "L", "username or phone number", ""},
             {"password", "P", "password", ""},
             {"role", "ROLE", "member | cell_committee | committee | editor | admin", "member"},
             {"name", "NAME", "full name of the member record", ""},
             {"unit", "CODE", "unit code the role is granted on (and where the member record sits)", ""},
             {"allow-admin", "", "allow creating an admin account", ""},
             kDbOption});
  if (!o.parse(argc, argv, 3)) return 0;
  if (o.get("login").empty() || o.get("password").empty()) throw std::runtime_error("--login and --password are required");
  auto d = open_migrated(o.get("db"), 1);
  auth::ReadyAccount spec;
  spec.login = o.get("login");
  spec.password = o.get("password");
  spec.role = o.get("role");
  spec.full_name = o.get("name");
  if (!o.get("unit").empty()) spec.unit_code = o.get("unit");
  spec.allow_admin = o.flag("allow-admin");
  auto a = auth::create_ready_account(*d, spec);
  std::printf("created account %s (id %lld, role %s)\n", a.login.c_str(), static_cast<long long>(a.id),
              spec.role.c_str());
  return 0;
}

std::vector<std::int64_t> unit_ids_of_codes(db::Database& d, const std::string& codes, const char* option) {
  std::vector<std::int64_t> ids;
  std::stringstream in(codes);
  std::string code;
  while (std::getline(in, code, ',')) {
    while (!code.empty() && code.front() == ' ') code.erase(0, 1);
    while (!code.empty() && code.back() == ' ') code.pop_back();
    if (code.empty()) continue;
    auto unit = org::find_by_code(d, code);
    if (!unit) throw std::runtime_error("unknown unit code \"" + code + "\" (" + option + ")");
    ids.push_back(unit->id);
  }
  return ids;
}

const char* action_vi(const std::string& action) {
  if (action == "created") return "thêm mới";
  if (action == "updated") return "cập nhật";
  if (action == "unchanged") return "không đổi";
  if (action == "create") return "sẽ thêm mới";
  if (action == "update") return "sẽ cập nhật";
  return "LỖI";
}

int cmd_import_documents(int argc, char** argv) {
  Options o("sotay import documents DIR [options]",
            "Imports every .txt, .pdf and .docx file of a folder (not its subfolders) as documents of the library.\n"
            "Metadata comes from DIR/metadata.csv when present (columns: file, number, title, kind, level, issued;\n"
            "optional issuer, summary; UTF-8 with a header row), otherwise it is guessed from the text: title from\n"
            "the first lines, number from \"Số 294-QĐ/TW\", kind from the title, level central for /TW numbers.\n"
            "A file imported before (same file name) updates its document instead of adding another. Documents are\n"
            "published unless --draft is given. Each file is imported on its own: exit code 1 when some failed.",
            {{"owner", "UNIT_CODE", "unit whose editors own the documents (default: the root of the tree)", ""},
             {"audience", "CODES", "comma-separated unit codes whose subtrees may read them (default: the owner's)", ""},
             {"publish", "", "publish the documents (the default)", ""},
             {"draft", "", "leave new documents as drafts (re-imported ones keep their state)", ""},
             {"no-ocr", "", "do not OCR PDF pages that have no text layer", ""},
             {"dry-run", "", "only read the files and show what would be imported", ""},
             kDbOption});
  if (!o.parse(argc, argv, 3)) return 0;
  const auto& pos = o.positional();
  if (pos.size() != 1) throw std::runtime_error("usage: sotay import documents DIR [options]");
  if (o.flag("publish") && o.flag("draft")) throw std::runtime_error("--publish and --draft exclude each other");
  auto d = open_migrated(o.get("db"));
  document_import::Options opts;
  if (!o.get("owner").empty()) {
    auto unit = org::find_by_code(*d, o.get("owner"));
    if (!unit) throw std::runtime_error("unknown unit code \"" + o.get("owner") + "\" (--owner)");
    opts.owner_unit_id = unit->id;
  } else if (org::scope_roots(*d, system_actor()).empty()) {
    throw std::runtime_error("chưa có tổ chức đảng nào: hãy tạo cây tổ chức trước (trong ứng dụng, hoặc sotay demo)");
  }
  opts.audience_unit_ids = unit_ids_of_codes(*d, o.get("audience"), "--audience");
  opts.publish = !o.flag("draft");
  opts.dry_run = o.flag("dry-run");
  opts.ocr = !o.flag("no-ocr");
  auto started = std::chrono::steady_clock::now();
  auto report = document_import::import_directory(
      *d, system_actor(), pos[0], opts, [](std::size_t i, std::size_t n, const document_import::FileResult& f) {
        if (f.action == "failed")
          std::printf("[%zu/%zu] %s: LỖI — %s\n", i, n, f.file.c_str(), f.error.c_str());
        else
          std::printf("[%zu/%zu] %s: %s, %zu mục — %s%s%s\n", i, n, f.file.c_str(), action_vi(f.action), f.sections,
                      f.metadata.number.empty() ? "" : (f.metadata.number + " ").c_str(), f.metadata.title.c_str(),
                      f.state == "published" || f.state.empty() ? "" : (" [" + f.state + "]").c_str());
        std::fflush(stdout);
      });
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& w : report.warnings) std::printf("lưu ý: %s\n", w.c_str());
  if (!report.skipped.empty()) {
    std::string names;
    for (const auto& s : report.skipped) names += (names.empty() ? "" : ", ") + s;
    std::printf("bỏ qua %zu mục không phải tệp .txt/.pdf/.docx: %s\n", report.skipped.size(), names.c_str());
  }
  std::size_t failed = report.count("failed");
  if (opts.dry_run)
    std::printf("%zu tệp: %zu sẽ thêm mới, %zu sẽ cập nhật, %zu lỗi — chạy thử, chưa ghi (%.1f s)\n",
                report.files.size(), report.count("create"), report.count("update"), failed, secs);
  else
    std::printf("%zu tệp: %zu thêm mới, %zu cập nhật, %zu không đổi, %zu lỗi (%.1f s)\n", report.files.size(),
                report.count("created"), report.count("updated"), report.count("unchanged"), failed, secs);
  if (failed) {
    std::printf("Các tệp lỗi:\n");
    for (const auto& f : report.files)
      if (f.action == "failed") std::printf("  %s: %s\n", f.file.c_str(), f.error.c_str());
  }
  return failed ? 1 : 0;
}

int cmd_import(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[2], "documents") == 0) return cmd_import_documents(argc, argv);
  Options o("sotay import members FILE --unit CODE [options]  |  sotay import documents DIR [options]",
            "Imports members from a CSV or XLSX file made from the template (sotay export --template).\n"
            "All rows or none: a file with bad rows changes nothing and lists every bad row.",
            {{"unit", "CODE", "default unit (cell) for rows without \"Mã chi bộ\"", ""},
             {"dry-run", "", "only check the file and report", ""},
             kDbOption});
  if (!o.parse(argc, argv, 2)) return 0;
  const auto& pos = o.positional();
  if (pos.size() != 2 || pos[0] != "members")
    throw std::runtime_error("usage: sotay import members FILE --unit CODE  |  sotay import documents DIR");
  std::ifstream in(pos[1], std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + pos[1]);
  std::stringstream buf;
  buf << in.rdbuf();
  auto d = open_migrated(o.get("db"));
  auto unit = org::find_by_code(*d, o.get("unit"));
  if (!unit) throw std::runtime_error("unknown unit code \"" + o.get("unit") + "\" (--unit)");
  auto started = std::chrono::steady_clock::now();
  bool tty = ::isatty(2);
  auto report = members::import_members(*d, system_actor(), unit->id, buf.str(), o.flag("dry-run"),
                                        [&](std::string_view phase, std::size_t done, std::size_t total) {
                                          const char* label = phase == "write" ? "ghi" : "kiểm tra";
                                          std::fprintf(stderr, tty ? "\r  %s %zu / %zu   " : "  %s %zu / %zu\n", label,
                                                       done, total);
                                        });
  if (tty) std::fprintf(stderr, "\n");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& e : report.errors)
    std::printf("dòng %zu%s%s: %s\n", e.row, e.column.empty() ? "" : ", cột ", e.column.c_str(), e.message.c_str());
  std::printf("%zu dòng, %zu hợp lệ, %zu thêm mới, %zu cập nhật%s (%.1f s)\n", report.total_rows, report.valid_rows,
              report.to_insert, report.to_update,
              report.applied ? ", đã ghi" : (o.flag("dry-run") ? ", chạy thử: chưa ghi" : ", CHƯA GHI vì có dòng lỗi"),
              secs);
  return report.applied || (o.flag("dry-run") && report.errors.empty()) ? 0 : 1;
}

int cmd_export(int argc, char** argv) {
  Options o("sotay export members --unit CODE --out FILE [options]  |  sotay export template --out FILE",
            "Exports the members of a unit's subtree, or the empty import template, as CSV or XLSX.",
            {{"unit", "CODE", "unit whose subtree is exported", ""},
             {"format", "csv|xlsx", "file format (default from the --out extension)", ""},
             {"out", "FILE", "output file ('-' for standard output)", "-"},
             kDbOption});
  if (!o.parse(argc, argv, 2)) return 0;
  const auto& pos = o.positional();
  if (pos.size() != 1 || (pos[0] != "members" && pos[0] != "template"))
    throw std::runtime_error("usage: sotay export members|template ...");
  auto out = o.get("out");
  auto format = o.get("format");
  if (format.empty()) format = out.size() > 5 && out.substr(out.size() - 5) == ".xlsx" ? "xlsx" : "csv";
  if (format != "csv" && format != "xlsx") throw std::runtime_error("--format must be csv or xlsx");
  io::Table table;
  if (pos[0] == "template") {
    table = members::template_table();
  } else {
    auto d = open_migrated(o.get("db"));
    auto unit = org::find_by_code(*d, o.get("unit"));
    if (!unit) throw std::runtime_error("unknown unit code \"" + o.get("unit") + "\" (--unit)");
    table = members::export_members(*d, system_actor(), unit->id);
  }
  std::string bytes = format == "xlsx" ? io::write_xlsx(table, "Dang vien") : io::write_csv(table);
  if (out == "-") {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
  } else {
    std::ofstream f(out, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + out);
    std::fprintf(stderr, "wrote %zu rows to %s\n", table.size() - 1, out.c_str());
  }
  return 0;
}

int cmd_backup(int argc, char** argv) {
  Options o("sotay backup --out FILE [options]",
            "Takes a consistent copy of a live database: SQLite's online backup, or pg_dump (custom format) for\n"
            "PostgreSQL. Restore: see README (Backup and restore).",
            {kDbOption, {"out", "FILE", "backup file to write", ""}});
  if (!o.parse(argc, argv, 2)) return 0;
  auto out = o.get("out");
  if (out.empty()) throw std::runtime_error("--out FILE is required");
  auto url = o.get("db");
  if (db::is_postgres_url(url)) {
    // pg_dump takes its own consistent snapshot. The URL goes through the environment, not argv,
    // so a password in it never shows in the process list.
    ::setenv("SOTAY_PG_URL", url.c_str(), 1);
    std::string cmd = "pg_dump --format=custom --no-owner --file='" + out + "' \"$SOTAY_PG_URL\"";
    if (out.find('\'') != std::string::npos) throw std::runtime_error("--out must not contain quotes");
    int rc = std::system(cmd.c_str());
    if (rc != 0) throw std::runtime_error("pg_dump failed (exit " + std::to_string(rc) + ")");
  } else {
    if (!std::filesystem::exists(url)) throw std::runtime_error("no database at " + url);
    auto d = db::open(url, {.pool_size = 1});
    std::filesystem::remove(out);
    db::sqlite_backup(*d, out);
  }
  std::fprintf(stderr, "backup written to %s\n", out.c_str());
  return 0;
}

void print_usage() {
  std::printf(
      "sotay %s — Sổ tay đảng viên điện tử\n\n"
      "Usage: sotay COMMAND [options]   (sotay COMMAND --help for its options)\n\n"
      "Commands:\n"
      "  serve     serve the API and the web app (default: SQLite ./data/sotay.db on port 8080)\n"
      "  migrate   apply database migrations\n"
      "  demo      load demo data (--scale small|province|national)\n"
      "  user      create an account (sotay user create ...)\n"
      "  import    import members from CSV/XLSX (sotay import members FILE --unit CODE)\n"
      "            or documents from a folder of .txt/.pdf/.docx (sotay import documents DIR)\n"
      "  export    export members or the import template as CSV/XLSX\n"
      "  backup    consistent copy of a live database\n"
      "  version   print the version\n",
      SOTAY_VERSION);
}

}  // namespace

int main(int argc, char** argv) {
  crypto::init();
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    print_usage();
    return argc < 2 ? 2 : 0;
  }
  std::string cmd = argv[1];
  try {
    if (cmd == "serve") return cmd_serve(argc, argv);
    if (cmd == "migrate") return cmd_migrate(argc, argv);
    if (cmd == "demo") return cmd_demo(argc, argv);
    if (cmd == "user") return cmd_user(argc, argv);
    if (cmd == "import") return cmd_import(argc, argv);
    if (cmd == "export") return cmd_export(argc, argv);
    if (cmd == "backup") return cmd_backup(argc, argv);
    if (cmd == "version" || cmd == "--version") {
      std::printf("sotay %s\n", SOTAY_VERSION);
      return 0;
    }
    std::fprintf(stderr, "sotay: unknown command \"%s\"\n\n", cmd.c_str());
    print_usage();
    return 2;
  } catch (const Error& e) {
    std::fprintf(stderr, "sotay %s: %s\n", cmd.c_str(), e.message().c_str());
    for (const auto& f : e.fields()) std::fprintf(stderr, "  %s: %s\n", f.field.c_str(), f.message.c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sotay %s: %s\n", cmd.c_str(), e.what());
    return 1;
  }
}

}  // namespace sotay::cli
