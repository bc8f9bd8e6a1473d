#include "domain/auth.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "domain/audit.h"
#include "domain/errors.h"
#include "domain/member_record.h"
#include "domain/members.h"
#include "search/normalizer.h"
#include "store/members_store.h"
#include "store/units_store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::auth {

namespace {

// A hash to verify against when the login is unknown, so a wrong login takes as long as a
// wrong password and does not reveal which logins exist.
const std::string& dummy_hash(bool fast) {
  static const std::string slow = crypto::hash_password("sotay-dummy-password", false);
  static const std::string quick = crypto::hash_password("sotay-dummy-password", true);
  return fast ? quick : slow;
}

std::string normalize_login(const std::string& raw) {
  std::string s = search::squeeze_spaces(raw);
  if (auto phone = members::normalize_phone(s)) return *phone;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

std::string minutes_vi(std::int64_t seconds) {
  auto minutes = std::max<std::int64_t>(1, (seconds + 59) / 60);
  return std::to_string(minutes) + " phút";
}

[[noreturn]] void throw_locked(std::int64_t wait) {
  throw Error(ErrorCode::rate_limited,
              "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau " + minutes_vi(wait) + ".")
      .with_retry_after(static_cast<int>(wait));
}

void check_lock(db::Connection& c, const std::string& key, std::int64_t now) {
  if (auto t = store::find_throttle(c, key); t && t->locked_until > now) throw_locked(t->locked_until - now);
}

void count_failure(db::Connection& c, const Policy& p, const std::string& key, int limit, std::int64_t now) {
  auto t = store::find_throttle(c, key).value_or(store::ThrottleRow{0, now, 0});
  if (now - t.window_start > p.window_seconds) t = {0, now, 0};
  ++t.failures;
  if (t.failures >= limit) t.locked_until = now + p.lock_seconds;
  store::save_throttle(c, key, t);
}

std::string generate_temporary_password() {
  // Easy to read aloud or type on a phone: no 0/O or 1/l/I.
  static const char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  auto raw = crypto::random_bytes(10);
  std::string out;
  for (unsigned char b : raw) out.push_back(kAlphabet[b % (sizeof(kAlphabet) - 1)]);
  return out.substr(0, 5) + "-" + out.substr(5);
}

nlohmann::json grant_json(const store::GrantRow& g) {
  return {{"account_id", g.account_id},
          {"role", g.role},
          {"unit_id", g.unit_id ? nlohmann::json(*g.unit_id) : nlohmann::json()}};
}

// The member's unit path for an account (scope of the account for committees).
std::optional<std::string> account_unit_path(db::Connection& c, const store::AccountRow& a) {
  if (!a.member_id) return std::nullopt;
  auto m = store::find_member(c, *a.member_id);
  if (!m) return std::nullopt;
  return m->unit_path;
}

store::AccountRow managed_account(db::Connection& c, const Actor& actor, std::int64_t account_id) {
  auto a = store::find_account(c, account_id);
  if (!a) throw not_found("Không tìm thấy tài khoản này.");
  auto path = account_unit_path(c, *a);
  if (!path || !actor.can_view_members(*path)) throw not_found("Không tìm thấy tài khoản này.");
  if (!actor.can_manage_accounts(*path))
    throw Error(ErrorCode::forbidden, "Bạn không có quyền quản lý tài khoản này.");
  // Nobody below an admin may act on an admin account.
  for (const auto& g : store::grants_of(c, account_id))
    if (g.role == "admin" && !actor.covers(g.unit_path, {Role::admin}))
      throw Error(ErrorCode::forbidden, "Chỉ quản trị hệ thống mới quản lý được tài khoản quản trị.");
  return *a;
}

}  // namespace

Actor actor_from(const store::AccountRow& account, std::optional<std::int64_t> member_unit_id,
                 const std::string& member_unit_path, const std::vector<store::GrantRow>& grants) {
  Actor a;
  a.account_id = account.id;
  a.member_id = account.member_id;
  a.member_unit_id = member_unit_id;
  a.member_unit_path = member_unit_path;
  for (const auto& g : grants)
    if (auto role = parse_role(g.role)) a.grants.push_back({*role, g.unit_id, g.unit_path});
  return a;
}

Actor load_actor(db::Connection& c, const store::AccountRow& account) {
  std::optional<std::int64_t> unit_id;
  std::string unit_path;
  if (account.member_id)
    if (auto m = store::find_member(c, *account.member_id)) {
      unit_id = m->unit_id;
      unit_path = m->unit_path;
    }
  return actor_from(account, unit_id, unit_path, store::grants_of(c, account.id));
}

SignInResult sign_in(db::Database& db, const Policy& policy, const SignInRequest& req) {
  const std::int64_t now = timeutil::now_unix();
  const std::string login = normalize_login(req.login);
  const std::string ip_key = "ip:" + req.ip;
  if (login.empty() || req.password.empty() || login.size() > 100 || req.password.size() > 200)
    throw Error(ErrorCode::unauthenticated, "Tên đăng nhập hoặc mật khẩu không đúng.");

  // Lock checks and the account read happen before the (slow) hash, outside any write lock.
  auto account = db.read_value([&](db::Connection& c) {
    check_lock(c, ip_key, now);
    auto a = store::find_account_by_login(c, login);
    if (a) check_lock(c, "account:" + std::to_string(a->id), now);
    return a;
  });

  bool password_ok = crypto::verify_password(account ? account->password_hash : dummy_hash(policy.fast_hashing),
                                             req.password);
  if (!account || !password_ok || account->disabled) {
    db.write([&](db::Connection& c) {
      count_failure(c, policy, ip_key, policy.address_failures, now);
      if (account) count_failure(c, policy, "account:" + std::to_string(account->id), policy.account_failures, now);
    });
    if (account && password_ok && account->disabled)
      throw Error(ErrorCode::unauthenticated, "Tài khoản này đã bị khóa. Vui lòng liên hệ cấp ủy.");
    throw Error(ErrorCode::unauthenticated, "Tên đăng nhập hoặc mật khẩu không đúng.");
  }

  enum class Outcome { ok, totp_missing, totp_wrong };
  Outcome outcome = Outcome::ok;
  SignInResult out;
  db.write([&](db::Connection& c) {
    const std::string account_key = "account:" + std::to_string(account->id);
    auto actor = load_actor(c, *account);
    bool mfa = false;
    if (account->totp_enabled && account->totp_secret) {
      auto raw_secret = crypto::base32_decode(*account->totp_secret);
      if (!req.totp || req.totp->empty()) {
        outcome = Outcome::totp_missing;
        return;
      }
      auto step = raw_secret ? crypto::totp_verify(*raw_secret, *req.totp, now) : std::nullopt;
      if (!step || !store::advance_totp_step(c, account->id, *step)) {
        count_failure(c, policy, account_key, policy.account_failures, now);
        count_failure(c, policy, ip_key, policy.address_failures, now);
        outcome = Outcome::totp_wrong;  // commit the counted failure, then refuse
        return;
      }
      mfa = true;
    }
    store::clear_throttle(c, account_key);
    out.token = crypto::random_token(32);
    out.csrf_token = crypto::random_token(24);
    out.account_id = account->id;
    bool privileged = actor.needs_second_factor();
    out.expires_at = now + (privileged ? policy.privileged_session_seconds : policy.member_session_seconds);
    store::SessionRow s;
    s.account_id = account->id;
    s.csrf_token = out.csrf_token;
    s.created_at = now;
    s.expires_at = out.expires_at;
    s.user_agent = req.user_agent.substr(0, 300);
    s.ip = req.ip;
    s.mfa = mfa;
    store::insert_session(c, crypto::sha256_hex(out.token), s);
    if (privileged) {
      actor.ip = req.ip;
      audit::record(c, actor, "session.sign_in", "account", account->id, actor.member_unit_id, nullptr,
                    {{"mfa", mfa}, {"user_agent", s.user_agent}});
    }
  });
  if (outcome == Outcome::totp_missing)
    throw Error(ErrorCode::totp_required, "Vui lòng nhập mã xác thực 6 chữ số từ ứng dụng xác thực.");
  if (outcome == Outcome::totp_wrong)
    throw Error(ErrorCode::totp_required, "Mã xác thực không đúng hoặc đã hết hạn. Vui lòng thử lại.");
  return out;
}

std::optional<Session> authenticate(db::Database& db, const Policy& policy, const std::string& token,
                                    const std::string& ip) {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;
  const std::int64_t now = timeutil::now_unix();
  const std::string hash = crypto::sha256_hex(token);
  std::optional<Session> out;
  bool touch = false;
  db.read([&](db::Connection& c) {
    auto found = store::find_session_with_account(c, hash);
    if (!found || found->session.expires_at <= now || found->account.disabled) return;
    const auto* s = &found->session;
    const auto* a = &found->account;
    Session session;
    session.grants = store::grants_of(c, a->id);
    session.actor = actor_from(*a, found->member_unit_id, found->member_unit_path, session.grants);
    session.phone = a->phone;
    session.actor.ip = ip;
    session.session_id = s->id;
    session.csrf_token = s->csrf_token;
    session.expires_at = s->expires_at;
    session.login = a->login;
    session.must_change_password = a->must_change_password;
    session.totp_enabled = a->totp_enabled;
    bool needs = session.actor.needs_second_factor() && !a->twofactor_waived;
    if (needs && a->totp_enabled && !s->mfa) return;  // a role was granted after this sign-in: sign in again
    session.totp_setup_required = needs && !a->totp_enabled;
    // Sliding expiry for members; only written once every few minutes to spare the writer.
    touch = now - s->last_seen_at > 300;
    out = std::move(session);
  });
  if (out && touch) {
    bool privileged = out->actor.needs_second_factor();
    std::int64_t expires = privileged ? out->expires_at : now + policy.member_session_seconds;
    db.write([&](db::Connection& c) { store::touch_session(c, out->session_id, now, expires); });
    out->expires_at = expires;
  }
  return out;
}

void sign_out(db::Database& db, const std::string& token) {
  db.write([&](db::Connection& c) { store::delete_session(c, crypto::sha256_hex(token)); });
}

void sign_out_everywhere(db::Database& db, const Session& session) {
  db.write([&](db::Connection& c) {
    store::delete_sessions_of(c, session.actor.account_id);
    if (session.actor.is_privileged())
      audit::record(c, session.actor, "session.sign_out_everywhere", "account", session.actor.account_id,
                    session.actor.member_unit_id, nullptr, nullptr);
  });
}

std::vector<store::SessionRow> list_sessions(db::Database& db, const Session& session) {
  return db.read_value(
      [&](db::Connection& c) { return store::sessions_of(c, session.actor.account_id, timeutil::now_unix()); });
}

void revoke_session(db::Database& db, const Session& session, std::int64_t session_id) {
  db.write([&](db::Connection& c) { store::delete_session_by_id(c, session.actor.account_id, session_id); });
}

void check_password_strength(const std::string& password, const std::string& login) {
  auto fail = [](const std::string& why) {
    throw Error(ErrorCode::validation_failed, "Mật khẩu mới chưa đủ an toàn.", {{"new_password", why}});
  };
  if (password.size() < 8) fail("Mật khẩu phải có ít nhất 8 ký tự.");
  if (password.size() > 128) fail("Mật khẩu không được dài quá 128 ký tự.");
  bool letter = false, digit = false;
  for (unsigned char ch : password) {
    letter = letter || std::isalpha(ch) || ch >= 0x80;
    digit = digit || std::isdigit(ch);
  }
  if (!letter || !digit) fail("Mật khẩu phải có cả chữ và số.");
  std::string lower = password;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (!login.empty() && lower.find(login) != std::string::npos) fail("Mật khẩu không được chứa tên đăng nhập.");
  static const char* kCommon[] = {"12345678", "123456789", "password", "matkhau1", "abc12345", "11111111", "qwerty12"};
  for (const char* c : kCommon)
    if (lower == c) fail("Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác.");
}

void change_password(db::Database& db, const Policy& policy, const Session& session, const std::string& current,
                     const std::string& next) {
  auto account = db.read_value([&](db::Connection& c) { return store::find_account(c, session.actor.account_id); });
  if (!account) throw Error(ErrorCode::unauthenticated, "Phiên đăng nhập đã hết hạn.");
  if (!crypto::verify_password(account->password_hash, current))
    throw Error(ErrorCode::validation_failed, "Mật khẩu hiện tại không đúng.",
                {{"current_password", "Mật khẩu hiện tại không đúng."}});
  if (current == next)
    throw Error(ErrorCode::validation_failed, "Mật khẩu mới phải khác mật khẩu cũ.",
                {{"new_password", "Mật khẩu mới phải khác mật khẩu cũ."}});
  check_password_strength(next, account->login);
  auto hash = crypto::hash_password(next, policy.fast_hashing);
  db.write([&](db::Connection& c) {
    store::set_password(c, account->id, hash, false, timeutil::now_unix());
    // Other devices signed in with the old password are signed out; this one stays.
    store::delete_other_sessions(c, account->id, session.session_id);
    if (session.actor.is_privileged())
      audit::record(c, session.actor, "account.change_password", "account", account->id,
                    session.actor.member_unit_id, nullptr, nullptr);
  });
}

TotpEnrollment begin_totp(db::Database& db, const Session& session) {
  auto raw = crypto::random_bytes(20);
  TotpEnrollment e;
  e.secret_base32 = crypto::base32_encode(raw);
  e.otpauth_uri = crypto::totp_uri(raw, session.login, "Sổ tay đảng viên");
  db.write([&](db::Connection& c) {
    auto a = store::find_account(c, session.actor.account_id);
    if (a && a->totp_enabled)
      throw Error(ErrorCode::conflict, "Xác thực hai lớp đã được bật cho tài khoản này.");
    store::set_totp(c, session.actor.account_id, e.secret_base32, false);
  });
  return e;
}

void confirm_totp(db::Database& db, const Session& session, const std::string& code) {
  db.write([&](db::Connection& c) {
    auto a = store::find_account(c, session.actor.account_id);
    if (!a || !a->totp_secret)
      throw Error(ErrorCode::conflict, "Hãy bắt đầu thiết lập xác thực hai lớp trước.");
    if (a->totp_enabled) throw Error(ErrorCode::conflict, "Xác thực hai lớp đã được bật cho tài khoản này.");
    auto raw = crypto::base32_decode(*a->totp_secret);
    auto step = raw ? crypto::totp_verify(*raw, code, timeutil::now_unix()) : std::nullopt;
    if (!step)
      throw Error(ErrorCode::validation_failed, "Mã xác thực không đúng.",
                  {{"code", "Mã không đúng. Hãy kiểm tra giờ trên điện thoại và nhập mã mới nhất."}});
    store::set_totp(c, a->id, a->totp_secret, true);
    store::advance_totp_step(c, a->id, *step);
    // This session proved the second factor.
    store::mark_session_mfa(c, session.session_id);
    audit::record(c, session.actor, "account.totp_enabled", "account", a->id, session.actor.member_unit_id, nullptr,
                  nullptr);
  });
}

std::vector<AccountView> list_accounts(db::Database& db, const Actor& actor, std::int64_t unit_id,
                                       const std::optional<std::string>& query) {
  return db.read_value([&](db::Connection& c) {
    auto u = store::find_unit(c, unit_id);
    if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
    if (!actor.can_manage_accounts(u->path))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền quản lý tài khoản của tổ chức đảng này.");
    std::optional<std::string> q;
    if (query && !query->empty()) q = search::fold(*query);
    std::vector<AccountView> out;
    for (auto& item : store::list_accounts(c, u->path, q, 200))
      out.push_back({item.account, item.full_name, item.unit_name, item.unit_path, store::grants_of(c, item.account.id)});
    return out;
  });
}

std::string reset_password(db::Database& db, const Policy& policy, const Actor& actor, std::int64_t account_id) {
  std::string temporary = generate_temporary_password();
  auto hash = crypto::hash_password(temporary, policy.fast_hashing);
  db.write([&](db::Connection& c) {
    auto a = managed_account(c, actor, account_id);
    if (a.id == actor.account_id)
      throw Error(ErrorCode::forbidden, "Hãy dùng chức năng đổi mật khẩu cho tài khoản của chính bạn.");
    store::set_password(c, a.id, hash, true, timeutil::now_unix());
    store::delete_sessions_of(c, a.id);
    store::clear_throttle(c, "account:" + std::to_string(a.id));
    audit::record(c, actor, "account.reset_password", "account", a.id, std::nullopt, nullptr,
                  {{"must_change_password", true}});
  });
  return temporary;
}

std::pair<store::AccountRow, std::string> create_for_member(db::Database& db, const Policy& policy, const Actor& actor,
                                                            std::int64_t member_id, const std::string& login_raw) {
  std::string login = login_raw;
  std::transform(login.begin(), login.end(), login.begin(), [](unsigned char ch) { return std::tolower(ch); });
  static const std::regex login_re("^[a-z][a-z0-9._-]{2,39}$");
  if (!std::regex_match(login, login_re))
    throw Error(ErrorCode::validation_failed, "Tên đăng nhập không hợp lệ.",
                {{"login", "Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số, dấu chấm hoặc gạch, bắt đầu bằng chữ."}});
  std::string temporary = generate_temporary_password();
  auto hash = crypto::hash_password(temporary, policy.fast_hashing);
  auto account = db.write_value([&](db::Connection& c) {
    auto m = store::find_member(c, member_id);
    if (!m || !actor.can_view_members(m->unit_path)) throw not_found("Không tìm thấy đảng viên này.");
    if (!actor.can_manage_accounts(m->unit_path))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền tạo tài khoản cho đảng viên này.");
    if (store::find_account_by_member(c, member_id))
      throw Error(ErrorCode::conflict, "Đảng viên này đã có tài khoản.");
    if (store::find_account_by_login(c, login))
      throw Error(ErrorCode::conflict, "Tên đăng nhập đã được dùng.", {{"login", "Hãy chọn tên đăng nhập khác."}});
    store::AccountRow a;
    a.login = login;
    if (m->phone && !store::find_account_by_login(c, *m->phone)) a.phone = m->phone;
    a.member_id = member_id;
    a.password_hash = hash;
    a.must_change_password = true;
    a.created_at = timeutil::now_unix();
    a.id = store::insert_account(c, a);
    store::insert_grant(c, a.id, "member", m->unit_id, actor.account_id, a.created_at);
    audit::record(c, actor, "account.create", "account", a.id, m->unit_id, nullptr,
                  {{"login", login}, {"member_id", member_id}});
    a.password_hash.clear();
    return a;
  });
  return {account, temporary};
}

store::GrantRow grant_role(db::Database& db, const Actor& actor, std::int64_t account_id, Role role,
                           std::int64_t unit_id) {
  return db.write_value([&](db::Connection& c) {
    auto a = managed_account(c, actor, account_id);
    auto u = store::find_unit(c, unit_id);
    if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
    bool allowed = role == Role::admin ? actor.covers(u->path, {Role::admin}) : actor.can_manage_accounts(u->path);
    if (!allowed) throw Error(ErrorCode::forbidden, "Bạn không thể cấp vai trò này trên tổ chức đảng này.");
    if (u->valid_to) throw Error(ErrorCode::conflict, "Tổ chức đảng này đã giải thể hoặc hợp nhất.");
    for (const auto& g : store::grants_of(c, a.id))
      if (g.role == role_name(role) && g.unit_id && *g.unit_id == unit_id)
        throw Error(ErrorCode::conflict, "Tài khoản đã có vai trò này trên tổ chức đảng này.");
    auto id = store::insert_grant(c, a.id, role_name(role), unit_id, actor.account_id, timeutil::now_unix());
    // New powers need a fresh sign-in (with two-factor where the role requires it).
    if (role != Role::member) store::delete_sessions_of(c, a.id);
    auto g = *store::find_grant(c, id);
    audit::record(c, actor, "role.grant", "role_grant", id, unit_id, nullptr, grant_json(g));
    return g;
  });
}

void revoke_role(db::Database& db, const Actor& actor, std::int64_t grant_id) {
  db.write([&](db::Connection& c) {
    auto g = store::find_grant(c, grant_id);
    if (!g) throw not_found("Không tìm thấy vai trò này.");
    managed_account(c, actor, g->account_id);
    bool allowed = g->role == "admin" ? actor.covers(g->unit_path, {Role::admin})
                                      : (g->unit_id && actor.can_manage_accounts(g->unit_path));
    if (!allowed) throw Error(ErrorCode::forbidden, "Bạn không thể thu hồi vai trò này.");
    if (g->account_id == actor.account_id && g->role != "member")
      throw Error(ErrorCode::forbidden, "Bạn không thể tự thu hồi vai trò của chính mình.");
    store::delete_grant(c, grant_id);
    audit::record(c, actor, "role.revoke", "role_grant", grant_id, g->unit_id, grant_json(*g), nullptr);
  });
}

store::AccountRow create_ready_account(db::Database& db, const ReadyAccount& spec) {
  auto role = parse_role(spec.role);
  if (!role) throw bad_request("Vai trò không hợp lệ: " + spec.role);
  if (*role == Role::admin && !spec.allow_admin)
    throw Error(ErrorCode::forbidden, "Tạo tài khoản quản trị cần thêm --allow-admin.");
  if (*role != Role::admin && !spec.unit_code)
    throw bad_request("Cần --unit MÃ_ĐƠN_VỊ cho vai trò " + spec.role + ".");
  std::string login = normalize_login(spec.login);
  if (login.empty()) throw bad_request("Tên đăng nhập trống.");
  auto hash = crypto::hash_password(spec.password);
  return db.write_value([&](db::Connection& c) {
    if (store::find_account_by_login(c, login)) throw Error(ErrorCode::conflict, "Tên đăng nhập đã tồn tại: " + login);
    std::optional<store::UnitRow> unit;
    if (spec.unit_code) {
      unit = store::find_unit_by_code(c, *spec.unit_code);
      if (!unit) throw not_found("Không có đơn vị mã " + *spec.unit_code);
    }
    const std::int64_t now = timeutil::now_unix();
    store::AccountRow a;
    a.login = login;
    a.password_hash = hash;
    a.must_change_password = false;
    a.twofactor_waived = true;
    a.created_at = now;
    if (unit) {
      std::string name = search::title_case_name(spec.full_name.empty() ? login : spec.full_name);
      store::MemberFields f;
      f.full_name = name;
      f.name_fold = search::fold(name);
      f.sort_key = search::name_sort_key(name);
      f.unit_id = unit->id;
      f.status = "official";
      a.member_id = store::insert_member(c, f, now, timeutil::today());
    }
    if (auto phone = members::normalize_phone(login)) a.phone = phone;
    a.id = store::insert_account(c, a);
    store::insert_grant(c, a.id, role_name(*role), unit ? std::optional<std::int64_t>(unit->id) : std::nullopt,
                        std::nullopt, now);
    if (*role != Role::member && unit) store::insert_grant(c, a.id, "member", unit->id, std::nullopt, now);
    return a;
  });
}

}  // namespace sotay::auth
