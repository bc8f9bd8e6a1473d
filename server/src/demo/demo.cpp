#include "demo/demo.h"

#include "demo/demo_library.h"
#include "demo/demo_notices.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "demo/demo_names.h"
#include "search/normalizer.h"
#include "store/bulk_store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::demo {

namespace {

constexpr std::string_view kValidFrom = "2020-01-01";
// The 2025–2030 term is the current one; the 2020–2025 term gives positions some history.
constexpr std::string_view kTermFrom = "2025-09-01";
constexpr std::string_view kPreviousTermFrom = "2020-09-01";

// Rows per write transaction: big enough to amortize the commit, small enough that a national
// load shows progress and never holds one huge transaction.
constexpr std::size_t kUnitsPerTransaction = 20'000;
constexpr std::size_t kMembersPerTransaction = 20'000;
constexpr std::size_t kPositionsPerTransaction = 50'000;
constexpr std::int64_t kProgressEveryMembers = 100'000;
constexpr std::int64_t kBulkCountsAbove = 50'000;

// Officers a unit passes up for the committees above it to choose from.
constexpr std::size_t kCandidatesPassedUp = 8;

// ---------------------------------------------------------------------------------------------
// The tree

// How the children of a unit are named and how big they tend to be.
enum class Flavor {
  none,
  rural,        // commune: base committees by area, cells by village
  urban,        // ward: cells by residential group
  institution,  // a school, health station… (base cell under a commune or ward)
  agency,       // provincial department: cells by office
  hospital,
  school,
  enterprise,
  police,
  military,
};

struct Node {
  std::int64_t id = 0;
  std::int64_t parent = 0;  // 0 for the root
  std::string code, kind, name, path;
  int depth = 0;
  int province = 0;        // index into Tree::provinces
  int members = 0;         // members whose unit is this one
  int forced_plain = 0;    // ordinary members demo accounts will sign in as
  double size_weight = 1;  // relative size when members are spread over units
  Flavor flavor = Flavor::none;
};

struct Tree {
  std::vector<Node> nodes;  // nodes[id - 1]: ids are assigned in preorder, parents first
  std::vector<ProvinceIds> provinces;
  std::int64_t central_root = 0;
  std::int64_t province_root = 0;  // Sông Hồng, where the demo accounts live
  std::int64_t demo_base = 0, demo_cell = 0, editor_leaf = 0, admin_leaf = 0;

  Node& at(std::int64_t id) { return nodes[static_cast<std::size_t>(id - 1)]; }
  const Node& at(std::int64_t id) const { return nodes[static_cast<std::size_t>(id - 1)]; }

  std::int64_t add(std::int64_t parent, std::string kind, std::string code, std::string name, int province,
                   Flavor flavor = Flavor::none, double size_weight = 1) {
    Node n;
    n.id = static_cast<std::int64_t>(nodes.size()) + 1;
    n.parent = parent;
    n.kind = std::move(kind);
    n.code = std::move(code);
    n.name = std::move(name);
    n.province = province;
    n.flavor = flavor;
    n.size_weight = size_weight;
    if (parent) {
      const Node& p = at(parent);
      n.path = p.path + std::to_string(n.id) + "/";
      n.depth = p.depth + 1;
    } else {
      n.path = "/" + std::to_string(n.id) + "/";
    }
    nodes.push_back(std::move(n));
    return nodes.back().id;
  }
};

bool holds_members(std::string_view kind) { return kind == "cell" || kind == "base_cell" || kind == "group"; }

std::string numbered(std::string_view prefix, int n, int width = 2) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, n);
  return std::string(prefix) + buf;
}

// "SH-TP-01" + "-C03"
std::string cell_code(const std::string& parent_code, int n) { return parent_code + numbered("-C", n); }

// ---- small: the hand-made Sông Hồng --------------------------------------------------------

void add_cells(Tree& t, std::int64_t base, std::initializer_list<std::string_view> names, Flavor flavor,
               double weight = 1) {
  int n = 0;
  for (auto name : names) t.add(base, "cell", cell_code(t.at(base).code, ++n), std::string(name), 0, flavor, weight);
}

void add_groups(Tree& t, std::int64_t cell, int count) {
  for (int i = 1; i <= count; ++i)
    t.add(cell, "group", t.at(cell).code + "-T" + std::to_string(i), "Tổ đảng " + std::to_string(i), 0);
}

void build_small(Tree& t) {
  t.provinces.push_back({34, "sh"});
  const auto root = t.add(0, "province", "SH", "Đảng bộ tỉnh Sông Hồng", 0);
  t.province_root = root;

  const auto tp = t.add(root, "subordinate_committee", "SH-TP", "Đảng bộ xã Tân Phong", 0, Flavor::rural);
  const auto tan_lap = t.add(tp, "base_committee", "SH-TP-01", "Đảng bộ khu vực Tân Lập", 0, Flavor::rural);
  add_cells(t, tan_lap, {"Chi bộ thôn Đông", "Chi bộ thôn Tây", "Chi bộ thôn Nam"}, Flavor::rural);
  add_groups(t, tan_lap + 3, 2);  // Chi bộ thôn Nam is large enough to meet in party groups
  const auto phong_thinh = t.add(tp, "base_committee", "SH-TP-02", "Đảng bộ khu vực Phong Thịnh", 0, Flavor::rural);
  add_cells(t, phong_thinh, {"Chi bộ thôn Thượng", "Chi bộ thôn Hạ"}, Flavor::rural);
  const auto schools = t.add(tp, "base_committee", "SH-TP-03", "Đảng bộ Khối giáo dục xã Tân Phong", 0, Flavor::school);
  add_cells(t, schools, {"Chi bộ Trường THCS Tân Phong", "Chi bộ Trường Tiểu học Tân Phong", "Chi bộ Trường Mầm non Tân Phong"},
            Flavor::school, 0.7);
  t.add(tp, "base_cell", "SH-TP-04", "Chi bộ Trạm Y tế xã Tân Phong", 0, Flavor::institution, 0.6);

  const auto hb = t.add(root, "subordinate_committee", "SH-HB", "Đảng bộ phường Hoà Bình", 0, Flavor::urban);
  const auto binh_minh = t.add(hb, "base_committee", "SH-HB-01", "Đảng bộ khu vực Bình Minh", 0, Flavor::urban);
  add_cells(t, binh_minh, {"Chi bộ tổ dân phố 1", "Chi bộ tổ dân phố 2", "Chi bộ tổ dân phố 3", "Chi bộ tổ dân phố 4"},
            Flavor::urban);
  add_groups(t, binh_minh + 1, 2);
  const auto hoa_thuan = t.add(hb, "base_committee", "SH-HB-02", "Đảng bộ khu vực Hòa Thuận", 0, Flavor::urban);
  add_cells(t, hoa_thuan, {"Chi bộ khu phố 5", "Chi bộ khu phố 6", "Chi bộ khu phố 7"}, Flavor::urban);
  t.add(hb, "base_cell", "SH-HB-03", "Chi bộ Công an phường Hoà Bình", 0, Flavor::police);

  const auto kcq = t.add(root, "subordinate_committee", "SH-KCQ", "Đảng bộ Khối các cơ quan tỉnh", 0, Flavor::agency);
  const auto edu = t.add(kcq, "base_committee", "SH-KCQ-01", "Đảng bộ Sở Giáo dục và Đào tạo", 0, Flavor::agency);
  add_cells(t, edu, {"Chi bộ Văn phòng Sở", "Chi bộ Phòng Giáo dục Trung học", "Chi bộ Phòng Tổ chức cán bộ"},
            Flavor::agency, 0.6);
  const auto hospital = t.add(kcq, "base_committee", "SH-KCQ-02", "Đảng bộ Bệnh viện Đa khoa tỉnh", 0, Flavor::hospital);
  add_cells(t, hospital, {"Chi bộ Khoa Nội", "Chi bộ Khoa Ngoại", "Chi bộ Khoa Sản – Nhi", "Chi bộ Phòng Kế hoạch tổng hợp"},
            Flavor::hospital, 0.8);
  const auto science = t.add(kcq, "base_cell", "SH-KCQ-03", "Chi bộ Sở Khoa học và Công nghệ", 0, Flavor::agency, 0.8);
  const auto paper = t.add(kcq, "base_cell", "SH-KCQ-04", "Chi bộ Báo Sông Hồng", 0, Flavor::agency, 0.8);

  t.demo_base = tan_lap;
  t.demo_cell = tan_lap + 1;  // Chi bộ thôn Đông
  t.editor_leaf = paper;      // the newspaper's staff edit the handbook's news
  t.admin_leaf = science;     // the department that runs the province's IT
}

// ---- province and national: generated ------------------------------------------------------

struct ProvincePlan {
  int subs = 13;
  int bases = 700;
  int cells = 4300;
  int members = 108'600;
};

// Hands out names unique within one parent: candidates first, then "<fallback> N".
class NamePicker {
 public:
  explicit NamePicker(std::vector<std::string> candidates) : candidates_(std::move(candidates)) {}
  std::string next(std::string_view fallback_prefix) {
    while (next_ < candidates_.size()) {
      std::string c = candidates_[next_++];
      if (used_.insert(c).second) return c;
    }
    for (;;) {
      std::string c = std::string(fallback_prefix) + " " + std::to_string(++counter_);
      if (used_.insert(c).second) return c;
    }
  }
  bool take(const std::string& name) { return used_.insert(name).second; }

 private:
  std::vector<std::string> candidates_;
  std::size_t next_ = 0;
  int counter_ = 0;
  std::unordered_set<std::string> used_;
};

template <class T>
void shuffle(Rng& rng, std::vector<T>& v) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

std::vector<std::string> prefixed(std::string_view prefix, const std::vector<std::string_view>& names) {
  std::vector<std::string> out;
  for (auto n : names) out.push_back(std::string(prefix) + std::string(n));
  return out;
}

// Two uppercase ASCII initials of a place: "Tân Phong" → "TP".
std::string initials(std::string_view place) {
  std::string folded = search::fold(place), out;
  for (std::size_t i = 0; i < folded.size(); ++i)
    if ((i == 0 || folded[i - 1] == ' ') && folded[i] >= 'a' && folded[i] <= 'z')
      out.push_back(static_cast<char>(folded[i] - 'a' + 'A'));
  return out;
}

// The names of the cells of one base committee, by its flavor.
std::vector<std::string> cell_names(Rng& rng, Flavor flavor, int count) {
  std::vector<std::string> candidates;
  std::string fallback;
  switch (flavor) {
    case Flavor::rural: {
      std::vector<std::string_view> villages = village_names();
      shuffle(rng, villages);
      candidates = prefixed("Chi bộ thôn ", villages);
      fallback = rng.chance(0.5) ? "Chi bộ xóm" : "Chi bộ thôn";
      // Many communes number their villages instead of naming them.
      if (rng.chance(0.3)) candidates.clear();
      break;
    }
    case Flavor::urban:
      fallback = rng.chance(0.6) ? "Chi bộ tổ dân phố" : "Chi bộ khu phố";
      break;
    case Flavor::hospital:
      candidates = prefixed("Chi bộ ", hospital_department_names());
      fallback = "Chi bộ Khoa Khám bệnh";
      break;
    case Flavor::school:
      candidates = {"Chi bộ Tổ Toán – Tin", "Chi bộ Tổ Ngữ văn", "Chi bộ Tổ Ngoại ngữ", "Chi bộ Tổ Khoa học tự nhiên",
                    "Chi bộ Tổ Khoa học xã hội", "Chi bộ Tổ Văn phòng"};
      fallback = "Chi bộ Tổ chuyên môn";
      break;
    case Flavor::enterprise:
      candidates = {"Chi bộ Văn phòng Công ty", "Chi bộ Phòng Kỹ thuật", "Chi bộ Phòng Kinh doanh"};
      fallback = rng.chance(0.5) ? "Chi bộ Phân xưởng" : "Chi bộ Xí nghiệp";
      break;
    case Flavor::police:
      candidates = {"Chi bộ Đội Tham mưu tổng hợp"};
      fallback = "Chi bộ Đội";
      break;
    case Flavor::military:
      candidates = {"Chi bộ Ban Tham mưu", "Chi bộ Ban Chính trị", "Chi bộ Ban Hậu cần – Kỹ thuật"};
      fallback = "Chi bộ Đại đội";
      break;
    default:
      candidates = prefixed("Chi bộ ", office_names());
      fallback = "Chi bộ Phòng chuyên môn";
      break;
  }
  NamePicker picker(std::move(candidates));
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.push_back(picker.next(fallback));
  return out;
}

double cell_weight(Flavor f) {
  switch (f) {
    case Flavor::rural: return 1.35;  // village cells: many members, many of them retired
    case Flavor::urban: return 1.15;
    case Flavor::hospital: return 0.9;
    case Flavor::enterprise: return 0.8;
    case Flavor::police: return 0.9;
    case Flavor::military: return 0.8;
    case Flavor::school: return 0.7;
    default: return 0.6;
  }
}

struct BaseSpec {
  bool is_cell = false;
  Flavor flavor = Flavor::none;
  std::string name;
  int cells = 0;
};

struct SubSpec {
  Flavor flavor;
  std::string name, code;
  std::string place;  // the commune or ward name for territorial committees
  std::vector<BaseSpec> bases;
};

// A place name not yet used in `used`; when the combinations run out (thousands of areas in a
// big province) a repeat is returned and the caller numbers the full name.
std::string fresh_place(Rng& rng, NamePicker& used) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::string place = make_place_name(rng);
    if (used.take(place)) return place;
  }
  return make_place_name(rng);
}

// Names one base organization of a subordinate committee.
void name_base(Rng& rng, const SubSpec& sub, BaseSpec& b, NamePicker& places, NamePicker& names, std::size_t index) {
  const char* head = b.is_cell ? "Chi bộ " : "Đảng bộ ";
  auto pick = [&](std::string tail) {
    std::string candidate = head + tail;
    for (int attempt = 2; !names.take(candidate); ++attempt) candidate = head + tail + " " + std::to_string(attempt);
    b.name = candidate;
  };
  switch (sub.flavor) {
    case Flavor::rural:
    case Flavor::urban:
      if (!b.is_cell) {
        b.flavor = sub.flavor;
        pick("khu vực " + fresh_place(rng, places));
      } else {
        b.flavor = Flavor::institution;
        static constexpr std::string_view kInstitutions[] = {"Trường THCS", "Trường Tiểu học", "Trường Mầm non",
                                                             "Trạm Y tế", "Quân sự", "Công an", "Hợp tác xã Nông nghiệp"};
        std::string_view what = kInstitutions[index % std::size(kInstitutions)];
        const bool whole_commune = what == "Trạm Y tế" || what == "Quân sự" || what == "Công an";
        std::string where = whole_commune ? std::string(sub.flavor == Flavor::rural ? "xã " : "phường ") + sub.place
                                          : (rng.chance(0.5) ? sub.place : make_place_name(rng));
        pick(std::string(what) + " " + where);
      }
      break;
    case Flavor::agency: {
      static const std::vector<std::string_view>& agencies = agency_names();
      std::string tail = index < agencies.size() ? std::string(agencies[index]) : "Trường THPT " + make_place_name(rng);
      b.flavor = tail.rfind("Bệnh viện", 0) == 0 ? Flavor::hospital
                 : tail.rfind("Trường", 0) == 0  ? Flavor::school
                                                 : Flavor::agency;
      pick(tail);
      break;
    }
    case Flavor::enterprise: {
      const auto& kinds = enterprise_kinds();
      b.flavor = Flavor::enterprise;
      pick(std::string(kinds[rng.below(kinds.size())]) + " " + make_place_name(rng));
      break;
    }
    case Flavor::police: {
      static constexpr std::string_view kDepartments[] = {
          "Phòng Cảnh sát giao thông", "Phòng Cảnh sát hình sự", "Phòng An ninh kinh tế", "Phòng An ninh mạng",
          "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Phòng Cảnh sát quản lý hành chính",
          "Phòng Tham mưu", "Phòng Hồ sơ nghiệp vụ", "Phòng Cảnh sát cơ động", "Phòng Cảnh sát kinh tế",
          "Phòng Cảnh sát môi trường", "Phòng Công tác đảng và công tác chính trị"};
      b.flavor = Flavor::police;
      pick(index < std::size(kDepartments) ? std::string(kDepartments[index])
                                           : "Công an " + std::string(rng.chance(0.7) ? "xã " : "phường ") +
                                                 make_place_name(rng));
      break;
    }
    case Flavor::military: {
      static constexpr std::string_view kUnits[] = {"Cơ quan Bộ Chỉ huy Quân sự tỉnh", "Trường Quân sự tỉnh",
                                                    "Tiểu đoàn Huấn luyện – Cơ động", "Đại đội Trinh sát",
                                                    "Đại đội Thông tin", "Đại đội Công binh", "Kho Kỹ thuật"};
      b.flavor = Flavor::military;
      pick(index < std::size(kUnits) ? std::string(kUnits[index])
                                     : "Ban Chỉ huy Phòng thủ khu vực " + std::to_string(index - std::size(kUnits) + 1));
      break;
    }
    default:
      b.flavor = Flavor::agency;
      pick("Cơ quan " + std::to_string(index + 1));
  }
}

// Builds one province; returns the ids of its units that hold members.
std::vector<std::int64_t> build_province(Tree& t, Rng& rng, std::int64_t parent, const ProvinceName& pn,
                                         int province_index, const ProvincePlan& plan) {
  const std::string pcode(pn.code);
  const auto root = t.add(parent, "province", pcode, "Đảng bộ tỉnh " + std::string(pn.name), province_index);

  // Subordinate committees: communes and wards first (the demo cell is a village cell), then
  // the four blocs every province has.
  std::vector<SubSpec> subs;
  const int territorial = std::max(1, plan.subs - 4);
  std::unordered_set<std::string> sub_codes = {"KCQ", "KDN", "CA", "QS"};
  NamePicker sub_places({});
  for (int i = 0; i < territorial; ++i) {
    SubSpec s;
    s.flavor = i == 0 || rng.chance(0.7) ? Flavor::rural : Flavor::urban;
    const std::string place = fresh_place(rng, sub_places);
    s.place = place;
    s.name = std::string(s.flavor == Flavor::rural ? "Đảng bộ xã " : "Đảng bộ phường ") + place;
    std::string code = initials(place);
    for (int n = 2; !sub_codes.insert(code).second; ++n) code = initials(place) + std::to_string(n);
    s.code = pcode + "-" + code;
    subs.push_back(std::move(s));
  }
  const std::pair<Flavor, std::pair<const char*, const char*>> blocs[] = {
      {Flavor::agency, {"Đảng bộ Khối các cơ quan tỉnh", "KCQ"}},
      {Flavor::enterprise, {"Đảng bộ Khối doanh nghiệp tỉnh", "KDN"}},
      {Flavor::police, {"Đảng bộ Công an tỉnh", "CA"}},
      {Flavor::military, {"Đảng bộ Quân sự tỉnh", "QS"}},
  };
  for (int i = 0; i < plan.subs - territorial && i < 4; ++i)
    subs.push_back({blocs[i].first, blocs[i].second.first, pcode + "-" + blocs[i].second.second, "", {}});

  // Base organizations per subordinate committee, uneven by kind.
  std::vector<double> weights;
  for (const auto& s : subs) {
    switch (s.flavor) {
      case Flavor::agency: weights.push_back(1.1); break;
      case Flavor::enterprise: weights.push_back(0.5); break;
      case Flavor::police: weights.push_back(0.45); break;
      case Flavor::military: weights.push_back(0.35); break;
      default: weights.push_back(1.0);
    }
  }
  const auto base_counts = split_total(rng, plan.bases, weights, 2, plan.bases);
  std::vector<double> cell_weights;
  for (std::size_t si = 0; si < subs.size(); ++si) {
    auto& s = subs[si];
    double cell_share = s.flavor == Flavor::rural || s.flavor == Flavor::urban ? 0.2
                        : s.flavor == Flavor::agency                            ? 0.45
                        : s.flavor == Flavor::enterprise                        ? 0.5
                        : s.flavor == Flavor::police                            ? 0.15
                                                                                : 0.1;
    NamePicker names({}), area_places({});
    for (int bi = 0; bi < base_counts[si]; ++bi) {
      BaseSpec b;
      b.is_cell = bi > 0 && rng.chance(cell_share);  // the first is a committee: it has cells
      name_base(rng, s, b, area_places, names, static_cast<std::size_t>(bi));
      if (!b.is_cell) cell_weights.push_back(cell_weight(b.flavor));
      s.bases.push_back(std::move(b));
    }
  }
  // Cells per base committee: at least two (a base committee has cells), at most sixty.
  const auto cell_counts = split_total(rng, plan.cells, cell_weights, 2, 60);
  std::size_t next_cells = 0;
  for (auto& s : subs)
    for (auto& b : s.bases)
      if (!b.is_cell) b.cells = cell_counts[next_cells++];

  // Create the units in preorder so every parent has a smaller id than its children.
  std::vector<std::int64_t> leaves;
  for (auto& s : subs) {
    const auto sub = t.add(root, "subordinate_committee", s.code, s.name, province_index, s.flavor);
    int serial = 0;
    for (auto& b : s.bases) {
      const std::string code = s.code + numbered("-", ++serial);
      if (b.is_cell) {
        double w = b.flavor == Flavor::institution ? 0.6 : 1.0;
        leaves.push_back(t.add(sub, "base_cell", code, b.name, province_index, b.flavor, w));
        continue;
      }
      const auto base = t.add(sub, "base_committee", code, b.name, province_index, b.flavor);
      int c = 0;
      for (auto& name : cell_names(rng, b.flavor, b.cells))
        leaves.push_back(t.add(base, "cell", cell_code(code, ++c), name, province_index, b.flavor, cell_weight(b.flavor)));
    }
  }
  return leaves;
}

// Spreads `total` members over the member-holding units; each gets 8 to 60.
void spread_members(Tree& t, Rng& rng, const std::vector<std::int64_t>& leaves, int total, int lo, int hi) {
  std::vector<double> weights;
  for (auto id : leaves) weights.push_back(t.at(id).size_weight);
  auto counts = split_total(rng, total, weights, lo, hi);
  for (std::size_t i = 0; i < leaves.size(); ++i) t.at(leaves[i]).members = counts[i];
}

// The demo cell should look like a real one: give it at least 14 members, taken from the
// biggest unit so the totals stay exact.
void enlarge_demo_cell(Tree& t, const std::vector<std::int64_t>& leaves) {
  Node& cell = t.at(t.demo_cell);
  if (cell.members >= 14) return;
  auto biggest = *std::max_element(leaves.begin(), leaves.end(),
                                   [&](auto a, auto b) { return t.at(a).members < t.at(b).members; });
  int moved = std::min(14 - cell.members, t.at(biggest).members - 8);
  t.at(biggest).members -= moved;
  cell.members += moved;
}

// Picks the demo base and cell, and the leaves of the editor and the administrator, in a
// generated province.
void designate_demo_units(Tree& t, std::int64_t province_root, const std::vector<std::int64_t>& leaves) {
  t.province_root = province_root;
  for (auto id : leaves) {
    const Node& n = t.at(id);
    if (n.kind == "cell" && t.at(n.parent).kind == "base_committee") {
      t.demo_cell = id;
      t.demo_base = n.parent;
      break;
    }
  }
  std::int64_t kcq = 0;
  for (auto& n : t.nodes)
    if (n.parent == province_root && n.code == t.at(province_root).code + "-KCQ") kcq = n.id;
  std::vector<std::int64_t> agency_leaves;
  for (auto id : leaves)
    if (kcq && t.at(id).path.rfind(t.at(kcq).path, 0) == 0) agency_leaves.push_back(id);
  if (agency_leaves.empty()) agency_leaves.push_back(leaves.back());
  t.editor_leaf = agency_leaves.front();
  t.admin_leaf = agency_leaves.size() > 1 ? agency_leaves[1] : agency_leaves.front();
  enlarge_demo_cell(t, leaves);
}

Tree build_tree(Scale scale, std::uint64_t seed) {
  Tree t;
  Rng rng(seed ^ 0x7472656531ULL);  // a stream of its own: tree shape does not shift member names
  if (scale == Scale::small) {
    build_small(t);
    std::vector<std::int64_t> leaves;
    int fixed = 0;
    for (auto& n : t.nodes) {
      if (!holds_members(n.kind)) continue;
      bool has_groups = false;
      for (auto& m : t.nodes) has_groups = has_groups || (m.parent == n.id && m.kind == "group");
      if (has_groups) {
        n.members = 4;  // the cell committee; everyone else meets in the groups
        fixed += 4;
      } else {
        leaves.push_back(n.id);
      }
    }
    spread_members(t, rng, leaves, 350 - fixed, 8, 24);
    enlarge_demo_cell(t, leaves);
    return t;
  }

  const auto& names = province_names();
  if (scale == Scale::province) {
    t.provinces.push_back({names[0].number, "sh"});
    ProvincePlan plan;  // Thái Bình: 13 subordinate committees, 700 bases, 4,300 cells, 108,600 members
    auto leaves = build_province(t, rng, 0, names[0], 0, plan);
    spread_members(t, rng, leaves, plan.members, 8, 60);
    designate_demo_units(t, 1, leaves);
    return t;
  }

  // national: the whole Party, about 5.5 million members in 34 provinces, ~300,000 units.
  constexpr int kNationalMembers = 5'500'000;
  t.central_root = t.add(0, "central", "TW", "Trung ương", 0);
  std::vector<double> sizes;
  for (std::size_t i = 0; i < names.size(); ++i) sizes.push_back(1.0);
  auto members = split_total(rng, kNationalMembers, sizes, 60'000, 400'000);
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string tag = search::fold(names[i].code);
    t.provinces.push_back({names[i].number, tag});
    ProvincePlan plan;
    plan.members = members[i];
    plan.subs = std::clamp(static_cast<int>(std::lround(members[i] / 8400.0)), 6, 30);
    plan.bases = static_cast<int>(std::lround(members[i] / 125.0));
    plan.cells = static_cast<int>(std::lround(members[i] / 21.5));
    const auto root_id = static_cast<std::int64_t>(t.nodes.size()) + 1;
    auto leaves = build_province(t, rng, t.central_root, names[i], static_cast<int>(i), plan);
    spread_members(t, rng, leaves, plan.members, 8, 60);
    if (i == 0) designate_demo_units(t, root_id, leaves);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Positions

struct PositionPlan {
  int secretaries = 0, deputies = 0, committee_members = 0;
};

PositionPlan position_plan(std::string_view kind, std::int64_t subtree_members) {
  if (kind == "cell" || kind == "base_cell")
    return {1, subtree_members >= 15 ? 1 : 0, subtree_members >= 30 ? (kind == "base_cell" ? 2 : 1) : 0};
  if (kind == "base_committee")
    return {1, 1 + (subtree_members >= 400),
            2 + (subtree_members >= 150) + (subtree_members >= 400) + (subtree_members >= 800)};
  if (kind == "subordinate_committee") return {1, 2, 6 + 2 * (subtree_members >= 5000)};
  if (kind == "province") return {1, 3, 10};
  // No invented central leadership; party groups have no elected officers.
  return {};
}

struct AccountHolders {
  std::int64_t cell_secretary = 0, base_secretary = 0, province_committee_member = 0;
};

// Chooses every unit's officers bottom-up: a cell picks its own members; a committee picks among
// the candidates its children passed up, so officers of a committee are members of its subtree.
std::vector<store::BulkPosition> choose_positions(const Tree& t, std::vector<std::vector<std::int64_t>>& own,
                                                  std::uint64_t seed, AccountHolders& holders) {
  Rng rng(seed ^ 0x706F73ULL);
  const std::size_t n = t.nodes.size();
  std::vector<std::vector<std::int64_t>> incoming(n);
  std::vector<std::int64_t> subtree(n, 0);
  for (std::size_t i = 0; i < n; ++i) subtree[i] = t.nodes[i].members;
  for (std::size_t i = n; i-- > 0;)
    if (t.nodes[i].parent) subtree[static_cast<std::size_t>(t.nodes[i].parent - 1)] += subtree[i];

  std::vector<store::BulkPosition> out;
  auto add = [&](std::int64_t member, std::int64_t unit, const char* position, std::string_view from,
                 std::optional<std::string_view> to) {
    store::BulkPosition p;
    p.member_id = member;
    p.unit_id = unit;
    p.position = position;
    p.term_from = std::string(from);
    if (to) p.term_to = std::string(*to);
    out.push_back(std::move(p));
  };

  for (std::size_t i = n; i-- > 0;) {
    const Node& node = t.nodes[i];
    std::vector<std::int64_t> candidates = std::move(own[i]);
    std::vector<std::int64_t> from_below = std::move(incoming[i]);
    shuffle(rng, from_below);
    candidates.insert(candidates.end(), from_below.begin(), from_below.end());
    own[i].clear();
    own[i].shrink_to_fit();

    const PositionPlan plan = position_plan(node.kind, subtree[i]);
    std::size_t k = 0;
    auto take = [&]() -> std::int64_t { return k < candidates.size() ? candidates[k++] : 0; };
    std::int64_t secretary = 0, first_member = 0, first_deputy = 0;
    for (int s = 0; s < plan.secretaries; ++s)
      if (auto m = take()) {
        add(m, node.id, "secretary", kTermFrom, std::nullopt);
        secretary = m;
      }
    for (int d = 0; d < plan.deputies; ++d)
      if (auto m = take()) {
        add(m, node.id, "deputy_secretary", kTermFrom, std::nullopt);
        if (!first_deputy) first_deputy = m;
      }
    for (int c = 0; c < plan.committee_members; ++c)
      if (auto m = take()) {
        add(m, node.id, "committee_member", kTermFrom, std::nullopt);
        if (!first_member) first_member = m;
      }
    // History from the 2020–2025 term: some secretaries were re-elected, some were deputies then,
    // some units had another secretary.
    if (secretary && rng.chance(0.4)) {
      std::int64_t previous = secretary;
      if (rng.chance(0.5) && k < candidates.size()) previous = candidates[k];
      add(previous, node.id, "secretary", kPreviousTermFrom, kTermFrom);
      if (previous != secretary && plan.deputies > 0 && rng.chance(0.5))
        add(secretary, node.id, "deputy_secretary", kPreviousTermFrom, kTermFrom);
    }

    if (node.id == t.demo_cell) holders.cell_secretary = secretary;
    if (node.id == t.demo_base) holders.base_secretary = secretary;
    if (node.id == t.province_root) holders.province_committee_member = first_member ? first_member : first_deputy;

    if (node.parent) {
      auto& up = incoming[static_cast<std::size_t>(node.parent - 1)];
      for (std::size_t j = k; j < candidates.size() && j < k + kCandidatesPassedUp; ++j) up.push_back(candidates[j]);
    }
  }
  std::reverse(out.begin(), out.end());  // parents first, like the units
  return out;
}

// ---------------------------------------------------------------------------------------------
// Demo accounts

struct AccountSpec {
  std::string_view login;
  std::string_view role;
  std::string_view description;  // followed by ", <unit name>"
};

constexpr AccountSpec kAccounts[] = {
    {"dangvien", "member", "Đảng viên"},
    {"bithu", "cell_committee", "Bí thư chi bộ"},
    {"danguy", "committee", "Bí thư đảng ủy cơ sở"},
    {"tinhuy", "committee", "Tỉnh ủy viên"},
    {"bientap", "editor", "Ban biên tập"},
    {"quantri", "admin", "Quản trị hệ thống"},
    // National scale only: a committee over the whole tree for benchmarks.
    {"trunguong", "committee", "Cấp ủy Trung ương (tài khoản thử tải)"},
};

std::vector<std::string> all_demo_logins() {
  std::vector<std::string> out;
  for (const auto& a : kAccounts) out.emplace_back(a.login);
  return out;
}

std::string describe(std::string_view login, const std::string& unit_name) {
  for (const auto& a : kAccounts)
    if (a.login == login) return std::string(a.description) + (unit_name.empty() ? "" : ", " + unit_name);
  return unit_name;
}

// ---------------------------------------------------------------------------------------------
// Loading

std::string thousands(std::int64_t v) {
  std::string digits = std::to_string(v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += '.';  // Vietnamese groups thousands with dots
    out += digits[i];
  }
  return out;
}

std::string seconds_vi(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", s);
  std::string out = buf;
  std::replace(out.begin(), out.end(), '.', ',');
  return out + " giây";
}

// Folding and the sort key cost more than the rest of a member; names repeat a lot (a few
// hundred thousand distinct ones in 5.5 million), so remember them.
class NameKeys {
 public:
  const std::pair<std::string, std::string>& get(const std::string& full_name) {
    if (auto it = cache_.find(full_name); it != cache_.end()) return it->second;
    std::pair<std::string, std::string> keys{search::fold(full_name), search::name_sort_key(full_name)};
    if (cache_.size() >= kMaxEntries) {
      scratch_ = std::move(keys);
      return scratch_;
    }
    return cache_.emplace(full_name, std::move(keys)).first->second;
  }

 private:
  static constexpr std::size_t kMaxEntries = 600'000;
  std::unordered_map<std::string, std::pair<std::string, std::string>> cache_;
  std::pair<std::string, std::string> scratch_;
};

// Collects rows and writes them in transactions of a few thousand rows, parents first.
class Loader {
 public:
  Loader(db::Database& db, std::int64_t now) : db_(db), now_(now) {}

  std::vector<store::BulkUnit> units;
  std::vector<store::BulkMember> members;
  std::vector<store::BulkMembership> memberships;
  std::vector<store::BulkPosition> positions;

  bool big() const {
    return units.size() >= kUnitsPerTransaction || members.size() >= kMembersPerTransaction ||
           positions.size() >= kPositionsPerTransaction;
  }

  // One transaction: everything pending, then `also` (so the last batch and the finishing
  // touches commit together; a small demo loads in exactly one transaction).
  void flush(const std::function<void(db::Connection&)>& also = {}) {
    db_.write([&](db::Connection& c) {
      if (!units.empty()) {
        store::insert_units(c, units);
        store::insert_unit_versions(c, units, "created", now_);
      }
      if (!members.empty()) {
        store::insert_members(c, members);
        store::insert_memberships(c, memberships);
      }
      if (!positions.empty()) store::insert_positions(c, positions);
      if (also) also(c);
    });
    units.clear();
    members.clear();
    memberships.clear();
    positions.clear();
  }

 private:
  db::Database& db_;
  std::int64_t now_;
};

std::vector<DemoLogin> read_demo_logins(db::Connection& c) {
  std::vector<DemoLogin> out;
  for (const auto& g : store::account_grants(c, all_demo_logins())) {
    DemoLogin l;
    l.login = g.login;
    l.phone = g.phone.value_or("");
    // The printed password is the demo one; an account whose password was changed since will
    // simply not accept it.
    l.password = std::string(kDemoPassword);
    l.role = g.role;
    l.full_name = g.full_name;
    l.unit_name = g.unit_name;
    l.description_vi = describe(g.login, g.unit_name);
    out.push_back(std::move(l));
  }
  return out;
}

void repair_member_counts_if_needed(db::Database& db) {
  if (db.dialect() != db::Dialect::postgres) return;
  bool suspended = db.read_value([](db::Connection& c) { return store::member_count_trigger_suspended(c); });
  if (suspended)
    db.write([](db::Connection& c) {
      if (store::member_count_trigger_suspended(c)) store::rebuild_member_counts_and_resume_trigger(c);
    });
}

}  // namespace

std::optional<Scale> parse_scale(std::string_view text) {
  if (text == "small") return Scale::small;
  if (text == "province") return Scale::province;
  if (text == "national") return Scale::national;
  return std::nullopt;
}

std::string_view scale_name(Scale scale) {
  switch (scale) {
    case Scale::small: return "small";
    case Scale::province: return "province";
    case Scale::national: return "national";
  }
  return "small";
}

DemoSummary load_demo(db::Database& db, Scale scale, const std::function<void(const std::string&)>& progress) {
  return load_demo(db, scale, LoadOptions{}, progress);
}

DemoSummary load_demo(db::Database& db, Scale scale, const LoadOptions& options,
                      const std::function<void(const std::string&)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  auto say = [&](const std::string& message) {
    if (progress) progress(message);
  };

  DemoSummary summary;
  // A bulk load that died half-way may have left the count trigger off: put it right first.
  repair_member_counts_if_needed(db);
  const bool loaded = db.read_value([](db::Connection& c) { return store::has_units(c); });
  if (loaded) {
    db.read([&](db::Connection& c) {
      summary.units = store::count_units(c);
      summary.members = store::count_members(c);
      summary.logins = read_demo_logins(c);
    });
    summary.already_loaded = true;
    // A database made before the library existed gets the demo library now (idempotent).
    const auto library = load_demo_library(db, embedded::kDemoLibrary);
    summary.documents = library.documents;
    summary.news = library.news;
    load_demo_notices(db);
    summary.seconds = elapsed();
    return summary;
  }
  const auto taken = db.read_value([](db::Connection& c) { return store::existing_logins(c, all_demo_logins()); });
  if (!taken.empty())
    throw std::runtime_error("demo: the database has no units but already has an account named \"" + taken.front() +
                             "\"; load the demo into an empty database");

  const std::string today = options.today.empty() ? timeutil::today() : options.today;
  const std::int64_t now = timeutil::now_unix();

  Tree tree = build_tree(scale, options.seed);
  std::int64_t total_members = 0;
  for (const auto& n : tree.nodes) total_members += n.members;
  say("Quy mô " + std::string(scale_name(scale)) + ": " + thousands(static_cast<std::int64_t>(tree.nodes.size())) +
      " tổ chức đảng, " + thousands(total_members) + " đảng viên");

  // One hash for all demo accounts: argon2id at interactive strength costs ~50 ms a time.
  const std::string password_hash = crypto::hash_password(kDemoPassword, !options.strong_password_hash);

  const bool bulk_counts = db.dialect() == db::Dialect::postgres &&
                           options.bulk_member_counts.value_or(total_members > kBulkCountsAbove);
  if (bulk_counts) db.write([](db::Connection& c) { store::suspend_member_count_trigger(c); });

  try {
    Loader loader(db, now);
    for (const auto& n : tree.nodes) {
      store::BulkUnit u;
      u.id = n.id;
      u.code = n.code;
      u.kind = n.kind;
      u.name = n.name;
      u.name_fold = search::fold(n.name);
      if (n.parent) u.parent_id = n.parent;
      u.path = n.path;
      u.depth = n.depth;
      u.valid_from = std::string(kValidFrom);
      u.created_at = now;
      loader.units.push_back(std::move(u));
      if (loader.big()) loader.flush();
    }
    // A big tree is written before its members start (and says so); a small one waits to commit
    // with everything else in one transaction.
    if (tree.nodes.size() >= kUnitsPerTransaction) {
      loader.flush();
      say("Đã ghi " + thousands(static_cast<std::int64_t>(tree.nodes.size())) + " tổ chức đảng (" +
          seconds_vi(elapsed()) + ")");
    }

    // Members, cell by cell. The first two of every unit are cadre-eligible (the unit always
    // has someone to be its secretary); demo accounts' ordinary members come next.
    MemberGenerator generator(options.seed, days_from_iso(today));
    NameKeys keys;
    std::vector<std::vector<std::int64_t>> own(tree.nodes.size());
    std::unordered_map<std::int64_t, std::vector<std::int64_t>> plain;  // unit → ordinary demo members
    tree.at(tree.demo_cell).forced_plain += 1;
    tree.at(tree.editor_leaf).forced_plain += 1;
    tree.at(tree.admin_leaf).forced_plain += 1;
    std::int64_t next_id = 1, next_report = kProgressEveryMembers;
    for (const auto& n : tree.nodes) {
      const ProvinceIds& province = tree.provinces[static_cast<std::size_t>(n.province)];
      auto& candidates = own[static_cast<std::size_t>(n.id - 1)];
      for (int i = 0; i < n.members; ++i) {
        const MemberRole role = i < 2                      ? MemberRole::cadre
                                : i < 2 + n.forced_plain   ? MemberRole::plain
                                                           : MemberRole::any;
        MemberDraft d = generator.next(province, role);
        store::BulkMember m;
        m.id = next_id++;
        const auto& k = keys.get(d.full_name);
        m.name_fold = k.first;
        m.sort_key = k.second;
        m.full_name = std::move(d.full_name);
        m.birth_date = std::move(d.birth_date);
        m.sex = std::move(d.sex);
        m.admitted_on = std::move(d.admitted_on);
        m.official_on = std::move(d.official_on);
        m.card_number = std::move(d.card_number);
        m.citizen_id = std::move(d.citizen_id);
        m.phone = std::move(d.phone);
        m.email = std::move(d.email);
        m.unit_id = n.id;
        m.status = std::move(d.status);
        m.status_date = d.status_date;
        m.created_at = now;

        store::BulkMembership ms;
        ms.member_id = m.id;
        ms.unit_id = n.id;
        // The units exist from kValidFrom: earlier admissions count from then.
        ms.valid_from = std::max(m.admitted_on, std::string(kValidFrom));
        ms.valid_to = d.status_date;  // left, transferred or deceased: the membership ended then

        if (role == MemberRole::plain)
          plain[n.id].push_back(m.id);
        else if (d.cadre && candidates.size() < kCandidatesPassedUp + 4)
          candidates.push_back(m.id);
        loader.members.push_back(std::move(m));
        loader.memberships.push_back(std::move(ms));
        if (loader.big()) loader.flush();
        if (next_id - 1 == next_report) {
          say("Đã nạp " + thousands(next_id - 1) + "/" + thousands(total_members) + " đảng viên (" +
              seconds_vi(elapsed()) + ")");
          next_report += kProgressEveryMembers;
        }
      }
    }

    AccountHolders holders;
    auto positions = choose_positions(tree, own, options.seed, holders);
    const auto position_count = static_cast<std::int64_t>(positions.size());
    for (auto& p : positions) {
      loader.positions.push_back(std::move(p));
      if (loader.big()) loader.flush();
    }
    positions.clear();

    // Who signs in as whom. Ordinary members were handed out to the leaves in this order.
    auto plain_of = [&](std::int64_t unit, std::size_t& used) -> std::int64_t {
      auto& v = plain[unit];
      return used < v.size() ? v[used++] : 0;
    };
    std::unordered_map<std::int64_t, std::size_t> used;
    const std::int64_t dangvien = plain_of(tree.demo_cell, used[tree.demo_cell]);
    const std::int64_t bientap = plain_of(tree.editor_leaf, used[tree.editor_leaf]);
    const std::int64_t quantri = plain_of(tree.admin_leaf, used[tree.admin_leaf]);
    struct Holder {
      std::int64_t member;
      std::int64_t unit;
    };
    std::vector<Holder> holder_of = {
        {dangvien, tree.demo_cell},
        {holders.cell_secretary, tree.demo_cell},
        {holders.base_secretary, tree.demo_base},
        {holders.province_committee_member, tree.province_root},
        {bientap, tree.province_root},
        {quantri, tree.province_root},
    };
    if (scale == Scale::national) holder_of.push_back({0, tree.central_root});

    loader.flush([&](db::Connection& c) {
      for (std::size_t i = 0; i < holder_of.size(); ++i) {
        const auto& spec = kAccounts[i];
        store::BulkAccount a;
        a.login = std::string(spec.login);
        a.password_hash = password_hash;
        a.must_change_password = false;
        // Demo accounts skip two-factor sign-in so a newcomer can try every screen at once.
        a.twofactor_waived = true;
        a.created_at = now;
        if (holder_of[i].member) {
          a.member_id = holder_of[i].member;
          if (auto contact = store::member_contact(c, holder_of[i].member)) a.phone = contact->phone;
        }
        auto account_id = store::insert_account(c, a);
        store::insert_role_grant(c, account_id, std::string(spec.role), holder_of[i].unit, now);
      }
      if (bulk_counts) store::rebuild_member_counts_and_resume_trigger(c);
      store::advance_identity_sequences(c);
      summary.logins = read_demo_logins(c);
    });
    say("Đã nạp " + thousands(position_count) + " chức vụ và " + std::to_string(holder_of.size()) + " tài khoản");
  } catch (...) {
    // Leave the counts right even when the load fails (the units already written stay).
    if (bulk_counts) {
      try {
        db.write([](db::Connection& c) { store::rebuild_member_counts_and_resume_trigger(c); });
      } catch (...) {
      }
    }
    throw;
  }

  summary.units = static_cast<std::int64_t>(tree.nodes.size());
  summary.members = total_members;
  const auto library = load_demo_library(db, embedded::kDemoLibrary);
  summary.documents = library.documents;
  summary.news = library.news;
  if (library.documents + library.news > 0)
    say("Đã nạp thư viện mẫu: " + std::to_string(library.documents) + " văn bản, " + std::to_string(library.news) +
        " tin");
  if (int n = load_demo_notices(db)) say("Đã gửi " + std::to_string(n) + " thông báo mẫu");
  summary.seconds = elapsed();
  say("Xong: " + thousands(summary.units) + " tổ chức đảng, " + thousands(summary.members) + " đảng viên trong " +
      seconds_vi(summary.seconds));
  return summary;
}

}  // namespace sotay::demo
