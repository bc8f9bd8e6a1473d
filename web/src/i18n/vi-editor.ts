// Vietnamese strings of the editor screens (documents, news, required reading and reading
// statistics under pages/committee/Editor*, DocumentEditor*, NewsEditor*, ReadingStats*). Kept
// apart from vi.ts so they travel in the committee chunks only. Sentences that take values are
// functions, so the wording of every confirmation is reviewed here and tested.

const n = (x: number) => x.toLocaleString('vi-VN');

export const DOCUMENT_KINDS = [
  ['nghi_quyet', 'Nghị quyết'],
  ['quy_dinh', 'Quy định'],
  ['chi_thi', 'Chỉ thị'],
  ['ket_luan', 'Kết luận'],
  ['huong_dan', 'Hướng dẫn'],
  ['ke_hoach', 'Kế hoạch'],
  ['quyet_dinh', 'Quyết định'],
  ['thong_bao', 'Thông báo'],
  ['cong_van', 'Công văn'],
  ['tai_lieu_hoc_tap', 'Tài liệu học tập'],
  ['khac', 'Khác'],
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number][0];

export const DOCUMENT_LEVELS = [
  ['central', 'Trung ương'],
  ['province', 'Tỉnh'],
  ['base', 'Cơ sở'],
  ['cell', 'Chi bộ'],
] as const;
export type DocumentLevel = (typeof DOCUMENT_LEVELS)[number][0];

export const LEGAL_STATUSES = [
  ['in_force', 'Còn hiệu lực'],
  ['superseded', 'Đã được thay thế'],
  ['expired', 'Hết hiệu lực'],
] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number][0];

export const RELATIONS = [
  ['replaces', 'Thay thế'],
  ['amends', 'Sửa đổi, bổ sung'],
  ['implements', 'Thực hiện'],
] as const;
export type RelationKind = (typeof RELATIONS)[number][0];

// The server keeps the category as its Vietnamese name (domain/news.h: kCategories).
export const NEWS_CATEGORIES = [
  ['Thời sự', 'Thời sự'],
  ['Xây dựng Đảng', 'Xây dựng Đảng'],
  ['Học tập và làm theo Bác', 'Học tập và làm theo Bác'],
  ['Địa phương', 'Địa phương'],
  ['Gương sáng', 'Gương sáng'],
  ['Chuyển đổi số', 'Chuyển đổi số'],
] as const;
export type NewsCategory = (typeof NEWS_CATEGORIES)[number][0];

export const ITEM_STATES = [
  ['draft', 'Nháp'],
  ['submitted', 'Chờ duyệt'],
  ['published', 'Đã đăng'],
  ['withdrawn', 'Đã thu hồi'],
] as const;
export type ItemState = (typeof ITEM_STATES)[number][0];

// The label of a code from one of the lists above; the code itself when the server sends a new one.
export function labelOf(list: readonly (readonly [string, string])[], code: string | null | undefined): string {
  if (!code) return '';
  return list.find(([c]) => c === code)?.[1] ?? code;
}

export const ve = {
  // ---- navigation ----
  nav: {
    documents: 'Tài liệu',
    documentsHint: 'Soạn, duyệt và đăng nghị quyết, quy định, hướng dẫn…',
    news: 'Tin tức',
    newsHint: 'Viết và đăng tin cho đảng viên.',
    reading: 'Theo dõi việc đọc',
    readingHint: 'Yêu cầu đọc tài liệu, xem ai đã đọc, nhắc người chưa đọc.',
    newDocument: 'Soạn tài liệu mới',
    newNews: 'Viết tin mới',
  },
  common: {
    save: 'Lưu nháp',
    saving: 'Đang lưu…',
    saved: 'Đã lưu.',
    unsaved: 'Có thay đổi chưa lưu.',
    noChanges: 'Không có thay đổi nào cần lưu.',
    required: 'Bắt buộc',
    optional: 'Có thể bỏ trống.',
    version: (v: number) => `Phiên bản ${v}`,
    updated: (at: string) => `Sửa lần cuối: ${at}`,
    publishedAt: (at: string) => `Đăng lúc ${at}`,
    scheduledAt: (at: string) => `Hẹn đăng lúc ${at}`,
    empty: 'Chưa có mục nào.',
    open: 'Mở',
    remove: 'Bỏ',
    removeLabel: (what: string) => `Bỏ ${what}`,
    conflict:
      'Người khác vừa sửa tài liệu này trong lúc bạn đang soạn, nên thay đổi của bạn chưa được lưu. Hãy sao chép những đoạn bạn cần giữ, rồi bấm “Tải bản mới nhất” và sửa lại.',
    conflictNews:
      'Người khác vừa sửa bài này trong lúc bạn đang soạn, nên thay đổi của bạn chưa được lưu. Hãy sao chép những đoạn bạn cần giữ, rồi bấm “Tải bản mới nhất” và sửa lại.',
    reload: 'Tải bản mới nhất',
    leaveUnsaved: 'Bạn có thay đổi chưa lưu. Rời trang này thì các thay đổi sẽ mất. Vẫn rời đi?',
    fixErrors: 'Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.',
    audience: 'Ai được đọc',
    audienceHint: (owner: string) =>
      owner
        ? `Để trống: mọi đảng viên thuộc ${owner}. Thêm đơn vị để chỉ đảng viên các đơn vị đó (kể cả cấp dưới) được đọc.`
        : 'Để trống: mọi đảng viên của đơn vị sở hữu. Thêm đơn vị để giới hạn người đọc.',
    audienceAdd: 'Thêm đơn vị được đọc',
    audienceNone: 'Chưa chọn đơn vị nào: áp dụng cho toàn bộ đơn vị sở hữu.',
    audienceAlready: 'Đơn vị này đã có trong danh sách.',
    owner: 'Đơn vị sở hữu (ban biên tập chịu trách nhiệm)',
    ownerHint: 'Biên tập viên và cấp ủy của đơn vị này được sửa bài.',
    ownerRequired: 'Vui lòng chọn đơn vị sở hữu.',
    state: 'Trạng thái',
    history: 'Lịch sử sửa đổi',
    historyEmpty: 'Chưa có phiên bản cũ nào.',
    historyItem: (v: number, at: string, who: string) => `Phiên bản ${v} — ${at} — ${who}`,
    historyCurrent: 'Phiên bản hiện tại',
    loadFailed: 'Không tải được. Hãy thử lại.',
    backToList: 'Về danh sách',
  },
  // ---- workflow ----
  workflow: {
    title: 'Xét duyệt và đăng',
    submit: 'Gửi duyệt',
    publish: 'Đăng ngay',
    schedule: 'Hẹn giờ đăng',
    withdraw: 'Thu hồi',
    return: 'Trả lại',
    republish: 'Đăng lại',
    saveFirst: 'Các thay đổi chưa lưu sẽ được lưu trước.',
    returnNote: 'Lời nhắn cho người soạn',
    scheduleAt: 'Thời điểm đăng',
    scheduleHint: 'Ngày và giờ theo giờ Việt Nam.',
    scheduleRequired: 'Vui lòng chọn ngày và giờ đăng.',
    schedulePast: 'Thời điểm đăng phải ở tương lai.',
    confirm: {
      submit: (title: string) =>
        `“${title}” sẽ được gửi cho người có quyền duyệt. Trong lúc chờ duyệt, đảng viên chưa thấy bài.`,
      publish: (title: string, audience: string) =>
        `“${title}” sẽ được đăng ngay. ${audience} sẽ thấy bài trong Sổ tay.`,
      schedule: (title: string, at: string, audience: string) =>
        `“${title}” sẽ tự động được đăng lúc ${at}. Từ lúc đó, ${audience.charAt(0).toLowerCase()}${audience.slice(1)} sẽ thấy bài.`,
      withdraw: (title: string) =>
        `“${title}” sẽ được thu hồi: đảng viên không còn thấy bài nữa. Bài vẫn được giữ lại và có thể đăng lại sau.`,
      return: (title: string) =>
        `“${title}” sẽ được trả lại cho người soạn để sửa tiếp (về trạng thái Nháp). Bài chưa được đăng.`,
    },
    audienceAll: (owner: string) => (owner ? `Mọi đảng viên thuộc ${owner}` : 'Mọi đảng viên của đơn vị sở hữu'),
    audienceUnits: (names: string[]) => `Đảng viên thuộc ${names.join(', ')}`,
    done: {
      submit: 'Đã gửi duyệt.',
      publish: 'Đã đăng.',
      schedule: (at: string) => `Đã hẹn đăng lúc ${at}.`,
      withdraw: 'Đã thu hồi.',
      return: 'Đã trả lại để sửa.',
    },
  },
  // ---- documents ----
  documents: {
    title: 'Tài liệu',
    intro: 'Văn bản của cấp ủy trong phạm vi bạn phụ trách, theo trạng thái.',
    tabs: 'Tài liệu theo trạng thái',
    empty: {
      draft: 'Không có tài liệu nháp nào.',
      submitted: 'Không có tài liệu nào đang chờ duyệt.',
      published: 'Chưa có tài liệu nào được đăng.',
      withdrawn: 'Không có tài liệu nào bị thu hồi.',
    } as Record<string, string>,
    colTitle: 'Tài liệu',
    colNumber: 'Số hiệu',
    colKind: 'Loại',
    colWhen: 'Ngày',
    noNumber: 'Chưa có số hiệu',
    newTitle: 'Soạn tài liệu mới',
    editTitle: 'Sửa tài liệu',
    cardTitle: 'Thông tin văn bản',
    created: 'Đã tạo bản nháp.',
    // fields
    kind: 'Loại văn bản',
    number: 'Số hiệu',
    numberHint: 'Ví dụ: 294-QĐ/TW. Có thể bỏ trống với tài liệu học tập.',
    docTitle: 'Tên (trích yếu)',
    docTitleHint: 'Ví dụ: Quy định về thi hành Điều lệ Đảng',
    summary: 'Tóm tắt',
    summaryHint: 'Một vài câu cho đảng viên biết tài liệu nói về gì.',
    issuer: 'Cơ quan ban hành',
    issuerHint: 'Ví dụ: Ban Chấp hành Trung ương, Tỉnh ủy Thái Bình',
    level: 'Cấp ban hành',
    issuedOn: 'Ngày ban hành',
    effectiveOn: 'Ngày có hiệu lực',
    legalStatus: 'Tình trạng hiệu lực',
    supersededBy: 'Được thay thế bởi',
    supersededByHint: 'Tìm văn bản mới theo số hiệu hoặc tên.',
    supersededRequired: 'Hãy chọn văn bản thay thế.',
    relations: 'Liên quan đến văn bản khác',
    relationsHint: 'Văn bản này thay thế, sửa đổi hoặc hướng dẫn thực hiện văn bản nào.',
    relationKind: 'Quan hệ',
    relationAdd: 'Thêm văn bản liên quan',
    relationNone: 'Chưa có văn bản liên quan.',
    relationSentence: (rel: string, number: string, title: string) =>
      `${rel} ${number ? `${number} — ` : ''}${title}`,
    relationAlready: 'Văn bản này đã có trong danh sách.',
    relationSelf: 'Không thể chọn chính tài liệu này.',
    topics: 'Chủ đề',
    topicsHint: 'Gõ chủ đề rồi bấm Enter hoặc nút “Thêm”. Ví dụ: Điều lệ Đảng, Công tác kiểm tra.',
    topicAdd: 'Thêm',
    topicNew: 'Chủ đề mới',
    topicTooLong: 'Chủ đề dài quá 60 ký tự.',
    body: 'Nội dung',
    bodyHint:
      'Dán hoặc gõ toàn văn. Mỗi Phần, Chương, Mục, Điều (ví dụ “Điều 1. Phạm vi điều chỉnh”) nên bắt đầu một dòng mới để Sổ tay tự chia mục lục. Để trống nếu sẽ đính kèm tệp PDF/Word: chữ trong tệp sẽ được đọc tự động.',
    toc: 'Mục lục (do máy chủ nhận diện)',
    tocHint: 'Mục lục được cập nhật mỗi lần lưu.',
    tocEmpty: 'Chưa nhận diện được mục nào. Hãy để mỗi Điều, Chương… ở đầu một dòng rồi lưu lại.',
    tocSaveFirst: 'Lưu nháp để xem mục lục Sổ tay nhận diện được.',
    tocStale: 'Nội dung đã thay đổi: lưu để cập nhật mục lục.',
    tocCount: (x: number) => `${n(x)} mục`,
    nearLimit: (chars: number) => `${n(chars)} ký tự`,
    // validation
    titleRequired: 'Vui lòng nhập tên tài liệu.',
    titleTooLong: 'Tên tài liệu dài quá 500 ký tự.',
    kindRequired: 'Vui lòng chọn loại văn bản.',
    levelRequired: 'Vui lòng chọn cấp ban hành.',
    numberTooLong: 'Số hiệu dài quá 60 ký tự.',
    effectiveBeforeIssued: 'Ngày có hiệu lực không được trước ngày ban hành.',
    saveBeforeAttach: 'Lưu nháp trước, rồi đính kèm tệp.',
    // required reading
    required: 'Yêu cầu đọc',
    requiredHint: 'Yêu cầu đảng viên một đơn vị (kể cả cấp dưới) đọc tài liệu này trước một ngày nhất định.',
    requiredOnlyPublished: 'Chỉ yêu cầu đọc được tài liệu đã đăng.',
    stats: 'Xem thống kê đọc',
  },
  // ---- attachments ----
  attach: {
    title: 'Tệp đính kèm',
    hint: 'PDF, Word (.docx) hoặc ảnh (JPG, PNG), tối đa 50 MB. Chữ trong tệp được đọc tự động để tìm kiếm.',
    choose: 'Chọn tệp…',
    label: 'Tệp đính kèm (PDF, Word hoặc ảnh)',
    none: 'Chưa có tệp đính kèm.',
    uploading: (name: string) => `Đang tải lên ${name}`,
    uploaded: (name: string) => `Đã tải lên ${name}.`,
    progressLabel: 'Tiến độ tải lên',
    percent: (p: number) => `${p}%`,
    cancel: 'Dừng tải lên',
    cancelled: 'Đã dừng tải lên.',
    tooLarge: (size: string) => `Tệp nặng ${size}, quá giới hạn 50 MB. Hãy nén hoặc chia nhỏ tệp rồi chọn lại.`,
    empty: 'Tệp rỗng (0 byte). Hãy chọn tệp khác.',
    badType: 'Chỉ nhận tệp PDF, Word (.docx) hoặc ảnh (JPG, PNG, WEBP). Tệp .doc cũ: hãy mở bằng Word và lưu lại dạng .docx.',
    state: {
      none: 'Không cần đọc chữ',
      pending: 'Đang chờ đọc chữ trong tệp…',
      running: 'Đang đọc chữ trong tệp…',
      runningPages: (done: number, total: number) => `Đang đọc chữ trong tệp: trang ${n(done)}/${n(total)}`,
      done: 'Đã đọc xong chữ trong tệp.',
      donePages: (total: number) => `Đã đọc xong chữ trong tệp (${n(total)} trang).`,
      failed: 'Không đọc được chữ trong tệp.',
    },
    bodyFilled: 'Nội dung và mục lục đã được lấy từ tệp.',
    bodyFilledDirty: 'Đã đọc xong chữ trong tệp. Hãy lưu thay đổi của bạn rồi tải lại trang để xem nội dung lấy từ tệp.',
    download: (name: string) => `Tải ${name}`,
  },
  // ---- news ----
  news: {
    title: 'Tin tức',
    intro: 'Tin bài trong phạm vi bạn phụ trách, theo trạng thái.',
    tabs: 'Tin theo trạng thái',
    empty: {
      draft: 'Không có tin nháp nào.',
      submitted: 'Không có tin nào đang chờ duyệt.',
      published: 'Chưa có tin nào được đăng.',
      withdrawn: 'Không có tin nào bị thu hồi.',
    } as Record<string, string>,
    newTitle: 'Viết tin mới',
    editTitle: 'Sửa tin',
    cardTitle: 'Thông tin bài',
    created: 'Đã tạo bản nháp.',
    newsTitle: 'Tiêu đề',
    summary: 'Tóm tắt',
    summaryHint: 'Một hai câu hiện ngay dưới tiêu đề, trong danh sách tin.',
    category: 'Chuyên mục',
    pinned: 'Ghim lên đầu trang tin',
    pinnedBadge: 'Đã ghim',
    body: 'Nội dung',
    bodyHint:
      'Viết từng đoạn, cách nhau một dòng trống. Tiêu đề nhỏ: bắt đầu dòng bằng “## ”. Chữ đậm: **chữ**. Danh sách: bắt đầu dòng bằng “- ”.',
    bodyTabs: 'Soạn hoặc xem trước nội dung',
    write: 'Soạn',
    preview: 'Xem trước',
    previewHint: 'Bản xem trước gần đúng; khi đăng, bài được trình bày theo mẫu chung của Sổ tay.',
    previewEmpty: 'Chưa có nội dung.',
    cover: 'Ảnh bìa',
    coverHint: 'Ảnh JPG hoặc PNG, ngang. Ảnh được thu nhỏ vừa màn hình điện thoại.',
    coverChoose: 'Chọn ảnh bìa…',
    coverNone: 'Chưa có ảnh bìa.',
    coverSaveFirst: 'Lưu nháp trước, rồi chọn ảnh bìa.',
    coverBadType: 'Ảnh bìa phải là tệp JPG, PNG hoặc WEBP.',
    coverDone: 'Đã cập nhật ảnh bìa.',
    coverAlt: 'Ảnh bìa hiện tại',
    titleRequired: 'Vui lòng nhập tiêu đề.',
    titleTooLong: 'Tiêu đề dài quá 300 ký tự.',
    categoryRequired: 'Vui lòng chọn chuyên mục.',
    bodyRequired: 'Vui lòng nhập nội dung tin.',
  },
  // ---- required reading ----
  required: {
    title: 'Yêu cầu đọc tài liệu',
    unit: 'Đơn vị phải đọc',
    unitHint: 'Mọi đảng viên của đơn vị này và các đơn vị cấp dưới.',
    deadline: 'Hạn đọc xong',
    deadlineRequired: 'Vui lòng nhập hạn đọc xong.',
    deadlinePast: 'Hạn đọc xong không được trước hôm nay.',
    note: 'Lời nhắn cho đảng viên',
    noteHint: 'Có thể bỏ trống. Ví dụ: Chuẩn bị cho buổi sinh hoạt chuyên đề tháng 5.',
    noteTooLong: 'Lời nhắn dài quá 500 ký tự.',
    confirm: (title: string, unit: string, deadline: string) =>
      `Mọi đảng viên thuộc ${unit} (kể cả các đơn vị cấp dưới) sẽ được yêu cầu đọc “${title}” trước hết ngày ${deadline}. Họ sẽ thấy tài liệu trong mục “Tài liệu cần đọc”.`,
    send: 'Yêu cầu đọc',
    done: (unit: string) => `Đã yêu cầu ${unit} đọc tài liệu.`,
  },
  // ---- reading statistics ----
  stats: {
    title: 'Thống kê đọc tài liệu',
    listTitle: 'Theo dõi việc đọc',
    listIntro:
      'Chọn một tài liệu đã đăng để yêu cầu đảng viên đọc và xem tỷ lệ đã đọc của từng đơn vị.',
    listEmpty: 'Chưa có tài liệu nào được đăng trong phạm vi của bạn.',
    requiredBadge: (deadline: string) => `Yêu cầu đọc, hạn ${deadline}`,
    search: 'Tìm tài liệu',
    searchPlaceholder: 'Số hiệu hoặc tên, ví dụ qd 294',
    unitLabel: 'Đơn vị',
    rateLabel: 'Đã đọc hết',
    rateOf: (read: number, total: number) => `${n(read)} / ${n(total)} đảng viên đã đọc hết`,
    opened: (x: number) => `${n(x)} đã mở xem`,
    notOpened: (x: number) => `${n(x)} chưa mở`,
    noMembers: 'Đơn vị chưa có đảng viên nào.',
    deadline: (d: string) => `Hạn đọc xong: ${d}`,
    overdue: 'Đã quá hạn',
    notRequired: 'Tài liệu này chưa được yêu cầu đọc ở đơn vị này.',
    children: 'Theo đơn vị trực thuộc',
    childrenHint: 'Bấm vào một đơn vị để xem chi tiết.',
    childrenEmpty: 'Đơn vị không có đơn vị trực thuộc.',
    barLabel: (name: string, pct: string, read: number, total: number) =>
      `${name}: ${pct} đã đọc hết (${n(read)}/${n(total)} đảng viên). Xem chi tiết`,
    notRead: 'Chưa đọc hết',
    notReadCount: (x: number) => `Chưa đọc hết (${n(x)})`,
    notReadEmpty: 'Tất cả đảng viên đã đọc hết tài liệu.',
    notReadHidden:
      'Danh sách từng người chỉ hiện ở cấp chi bộ và đảng bộ cơ sở thuộc phạm vi của bạn. Bấm vào đơn vị trực thuộc để xem.',
    colName: 'Họ và tên',
    colUnit: 'Chi bộ',
    remind: 'Nhắc người chưa đọc',
    remindTitle: 'Nhắc người chưa đọc',
    remindConfirm: (x: number | null, unit: string, title: string) =>
      x === null
        ? `Những đảng viên thuộc ${unit} chưa đọc hết “${title}” sẽ nhận được lời nhắc trong Sổ tay.`
        : `${n(x)} đảng viên thuộc ${unit} chưa đọc hết “${title}” sẽ nhận được lời nhắc trong Sổ tay.`,
    reminded: (x: number) => (x === 0 ? 'Không có ai cần nhắc.' : `Đã nhắc ${n(x)} đảng viên.`),
    excel: 'Tải Excel',
    refreshed: (at: string) => `Tự cập nhật mỗi 10 giây · lần cuối lúc ${at}`,
    refresh: 'Cập nhật ngay',
    up: (name: string) => `Về ${name}`,
    trail: 'Các cấp đã xem',
    openDocument: 'Mở tài liệu',
  },
};

// ---- pure wording helpers, tested in EditorForm.test.ts ----

// "05/03/2026 14:30" for a Date (the device's clock, Asia/Ho_Chi_Minh in practice).
export function dateTimeText(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// The API's timestamps (unix seconds) as "05/03/2026 14:30"; '' when there is none.
export function unixText(seconds: number | null | undefined): string {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? dateTimeText(new Date(seconds * 1000)) : '';
}

export function timeText(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
