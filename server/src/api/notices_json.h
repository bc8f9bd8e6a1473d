// The JSON of notices (InboxItem, NoticeDetail, …): one encoding for the API responses and the
// live messages of /api/v1/live.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/notices.h"

namespace sotay::api {

// {"id","file_name","content_type","size","url"} of a file attached to a notice.
nlohmann::json notice_file_json(const store::NoticeFileRow& f);
nlohmann::json inbox_item_json(const store::InboxRow& item, const notices::Attached& attached);
nlohmann::json notice_version_json(const store::NoticeVersionRow& v);
nlohmann::json notice_summary_json(const store::NoticeRow& n, const store::NoticeCountsRow& counts);
nlohmann::json notice_detail_json(const notices::NoticeDetail& d);
// {"type":"notice","event":…,"notice":InboxItem}
std::string live_notice_message(const std::string& event, const store::InboxRow& item,
                                const notices::Attached& attached);

}  // namespace sotay::api
