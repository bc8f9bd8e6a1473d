// Vietnamese strings of the library (pages/library/) and the news (pages/news/). Kept apart from
// vi.ts so they travel in those chunks only, not in the first screen. Plain words for an older
// member: "Đánh dấu đã đọc", "Lưu để đọc sau", no jargon such as "bookmark" or "offline".
import type { DocumentKind, DocumentLevel, DocumentRelation, LegalStatus } from '../pages/library/types';

export const KIND_LABELS: Record<DocumentKind, string> = {
  nghi_quyet: 'Nghị quyết',
  quy_dinh: 'Quy định',
  chi_thi: 'Chỉ thị',
  ket_luan: 'Kết luận',
  huong_dan: 'Hướng dẫn',
  ke_hoach: 'Kế hoạch',
  quyet_dinh: 'Quyết định',
  thong_bao: 'Thông báo',
  cong_van: 'Công văn',
  tai_lieu_hoc_tap: 'Tài liệu học tập',
  khac: 'Văn bản khác',
};

export const LEVEL_LABELS: Record<DocumentLevel, string> = {
  central: 'Trung ương',
  province: 'Tỉnh ủy',
  base: 'Đảng ủy cơ sở',
  cell: 'Chi bộ',
};

export const STATUS_LABELS: Record<LegalStatus, string> = {
  in_force: 'Còn hiệu lực',
  superseded: 'Đã được thay thế',
  expired: 'Hết hiệu lực',
};

export const RELATION_LABELS: Record<DocumentRelation, string> = {
  replaces: 'Thay thế văn bản',
  amends: 'Sửa đổi, bổ sung văn bản',
  implements: 'Triển khai thực hiện văn bản',
};

// "1,2 MB", "350 KB": sizes of attachments.
export { fileSize } from '../lib/file-size';

// "16/06/2025" from unix seconds, in Vietnam time whatever the phone's zone.
const dayFormat = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Asia/Ho_Chi_Minh',
});
export function dayOf(unixSeconds: number | null | undefined): string {
  return unixSeconds ? dayFormat.format(new Date(unixSeconds * 1000)) : '';
}

// "05/03/2026" from "2026-03-05".
export function ddmmyyyy(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export const vl = {
  library: {
    title: 'Tài liệu',
    intro: 'Nghị quyết, quy định, chỉ thị, hướng dẫn và tài liệu học tập.',
    searchLabel: 'Tìm văn bản',
    searchPlaceholder: 'Ví dụ: nghị quyết 05, sinh hoạt chi bộ',
    searchHint: 'Gõ có dấu hoặc không dấu đều được, có thể gõ số văn bản.',
    searchButton: 'Tìm',
    all: 'Tất cả',
    favourites: 'Đã lưu',
    filters: 'Lọc văn bản',
    clearFilters: 'Bỏ lọc',
    facetKind: 'Loại văn bản',
    facetLevel: 'Cấp ban hành',
    facetTopic: 'Chủ đề',
    facetYear: 'Năm ban hành',
    facetStatus: 'Hiệu lực',
    facetUnit: 'Đơn vị ban hành',
    chip: (label: string, count: number) => `${label} (${count.toLocaleString('vi-VN')})`,
    empty: 'Chưa có văn bản nào.',
    emptyFiltered: 'Không có văn bản nào khớp bộ lọc đã chọn.',
    emptyFavourites: 'Bạn chưa lưu văn bản nào. Bấm ngôi sao ☆ ở văn bản để lưu lại đọc sau.',
    noSavedDocuments: 'Bạn chưa lưu văn bản nào.',
    savedNews: 'Tin đã lưu',
    more: 'Xem thêm',
    loadingMore: 'Đang tải thêm…',
    required: 'Văn bản cần đọc',
    requiredIntro: 'Cấp ủy yêu cầu đọc các văn bản này.',
    requiredCount: (n: number) => `Bạn có ${n} văn bản cần đọc`,
    deadline: (d: string) => `Hạn đọc: ${d}`,
    overdue: (d: string) => `Quá hạn đọc (${d})`,
    isNew: 'Mới',
    read: 'Đã đọc',
    opened: 'Đã mở',
    onDevice: 'Có trên máy',
    onDeviceHint: 'Đọc được cả khi không có mạng',
    offlineList: 'Văn bản đã lưu trên máy',
    offlineListIntro: 'Không có mạng: đây là các văn bản đã mở hoặc đã lưu trên máy này.',
    offlineNone: 'Chưa có văn bản nào lưu trên máy này. Khi có mạng, hãy mở văn bản để đọc lại được lúc không có mạng.',
    issued: (d: string) => `Ban hành ${d}`,
  },
  search: {
    title: 'Tìm văn bản',
    total: (n: number, q: string) => `Tìm thấy ${n.toLocaleString('vi-VN')} kết quả cho “${q}”`,
    none: (q: string) => `Không tìm thấy kết quả cho “${q}”.`,
    noneHint: 'Hãy thử từ khóa ngắn hơn, hoặc bỏ bớt bộ lọc.',
    empty: 'Nhập từ cần tìm, ví dụ: sinh hoạt chi bộ, nghị quyết 05.',
    at: (label: string) => `Tại ${label}`,
    news: 'Tin tức',
    titleCard: 'Thông tin văn bản',
    offline: 'Tìm kiếm cần có mạng. Bạn vẫn đọc được các văn bản đã lưu trên máy.',
  },
  doc: {
    number: 'Số, ký hiệu',
    issuer: 'Cơ quan ban hành',
    issuedOn: 'Ngày ban hành',
    effectiveOn: 'Ngày hiệu lực',
    status: 'Tình trạng',
    level: 'Cấp ban hành',
    topics: 'Chủ đề',
    supersededBy: 'Đã được thay thế bởi',
    toc: 'Mục lục',
    tocShow: (n: number) => `Mục lục (${n} mục)`,
    copyLink: 'Sao chép liên kết',
    copyLinkTo: (label: string) => `Sao chép liên kết đến ${label}`,
    copied: (label: string) => `Đã sao chép liên kết đến ${label}.`,
    copyFailed: 'Không sao chép được. Hãy giữ ngón tay trên địa chỉ trang để sao chép.',
    attachments: 'Tệp đính kèm',
    download: (name: string) => `Tải về ${name}`,
    related: 'Văn bản liên quan',
    summary: 'Tóm tắt',
    noText: 'Văn bản này chưa có nội dung để đọc trực tiếp. Hãy mở tệp đính kèm bên dưới.',
    extracting: 'Đang lấy nội dung từ tệp đính kèm…',
    end: 'Hết văn bản',
    markRead: 'Đánh dấu đã đọc',
    isRead: 'Đã đọc',
    markedRead: 'Đã ghi nhận bạn đã đọc văn bản này.',
    favourite: 'Lưu để đọc sau',
    unfavourite: 'Bỏ lưu',
    favouriteAdded: 'Đã lưu. Văn bản này đọc được cả khi không có mạng.',
    favouriteRemoved: 'Đã bỏ lưu.',
    backToLibrary: 'Về Tài liệu',
    required: (d: string) => `Cấp ủy yêu cầu đọc văn bản này trước ngày ${d}.`,
  },
  news: {
    title: 'Tin tức',
    intro: 'Thông tin chính thống của Đảng bộ tỉnh.',
    all: 'Tất cả',
    pinned: 'Tin nổi bật',
    empty: 'Chưa có tin nào.',
    more: 'Xem thêm tin',
    latest: 'Tin mới',
    seeAll: 'Xem tất cả tin tức',
    backToNews: 'Về Tin tức',
    markRead: 'Đánh dấu đã đọc',
    isRead: 'Đã đọc',
    markedRead: 'Đã ghi nhận bạn đã đọc bài này.',
    favouriteAdded: 'Đã lưu. Bài này đọc được cả khi không có mạng.',
    category: 'Chuyên mục',
  },
};
