// Vietnamese strings of the member's notices (pages/notices/): the inbox and one notice. Kept
// apart from vi.ts so they travel in those chunks only. Plain words for an older member:
// "Đã nhận" rather than "acknowledge", "Khẩn", "Đã thu hồi".
import { vnDateTimeText, vnDaysAgo, vnFields } from '../lib/vn-time';

const p2 = (n: number) => String(n).padStart(2, '0');

// "Hôm nay, 14:30", "Hôm qua, 09:05", else "05/03/2026 14:30" — Vietnam time.
export function noticeWhen(unix: number, now: number = Date.now() / 1000): string {
  const f = vnFields(unix);
  const hm = `${p2(f.hour)}:${p2(f.minute)}`;
  const ago = vnDaysAgo(unix, now);
  if (ago === 0) return `Hôm nay, ${hm}`;
  if (ago === 1) return `Hôm qua, ${hm}`;
  return vnDateTimeText(unix);
}

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

// "17:00, thứ Năm, ngày 10/12/2026" — Vietnam time, the weekday so nobody misreads the date.
export function vnWords(unix: number): string {
  const f = vnFields(unix);
  const weekday = WEEKDAYS[new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay()];
  return `${p2(f.hour)}:${p2(f.minute)}, ${weekday}, ngày ${p2(f.day)}/${p2(f.month)}/${f.year}`;
}

export const vn = {
  inbox: {
    title: 'Thông báo',
    intro: 'Thông báo của cấp ủy gửi đến bạn, mới nhất ở trên.',
    empty: 'Chưa có thông báo nào.',
    emptyHint: 'Khi cấp ủy gửi thông báo, bạn sẽ thấy ở đây.',
    more: 'Xem thêm thông báo',
    unreadCount: (n: number) => (n > 0 ? `Bạn có ${n.toLocaleString('vi-VN')} thông báo chưa đọc.` : 'Bạn đã đọc hết thông báo.'),
    unreadMark: 'Chưa đọc',
    from: (sender: string) => `Từ ${sender}`,
    views: 'Lọc thông báo',
    all: 'Tất cả',
    unread: (n: number | null) => (n ? `Chưa đọc (${n.toLocaleString('vi-VN')})` : 'Chưa đọc'),
    toAck: (n: number | null) => (n ? `Cần xác nhận (${n.toLocaleString('vi-VN')})` : 'Cần xác nhận'),
    toAckCount: (n: number) =>
      n > 0 ? `${n.toLocaleString('vi-VN')} thông báo đang chờ bạn bấm “Đã nhận”.` : 'Bạn đã xác nhận hết các thông báo cần xác nhận.',
    emptyUnread: 'Không còn thông báo chưa đọc.',
    emptyToAck: 'Không có thông báo nào chờ bạn xác nhận.',
    // No line of help: the list matters more on a small screen, and marks may be typed or not.
    search: {
      label: 'Tìm thông báo',
      placeholder: 'Ví dụ: họp chi bộ',
      button: 'Tìm',
    },
    searchingFor: (words: string) => `Các thông báo có “${words}”.`,
    clearSearch: 'Bỏ tìm, xem lại tất cả',
    emptySearch: (words: string) => `Không tìm thấy thông báo nào có “${words}”.`,
    emptySearchHint: 'Thử gõ ít chữ hơn hoặc chữ khác.',
  },
  badge: {
    urgent: 'Khẩn',
    needsAck: 'Cần xác nhận',
    acked: 'Đã xác nhận',
    recalled: 'Đã thu hồi',
    corrected: 'Đã đính chính',
  },
  view: {
    back: 'Thông báo',
    sender: 'Gửi từ',
    sentAt: 'Gửi lúc',
    sentLine: (sender: string, at: string) => `${sender} · ${at}`,
    recalledTitle: 'Thông báo này đã bị thu hồi',
    recalledReason: (reason: string) => `Lý do: ${reason}`,
    recalledNoReason: 'Cấp ủy đã thu hồi thông báo này.',
    recalledAt: (at: string) => `Thu hồi lúc ${at}.`,
    correctedNote: 'Thông báo đã được đính chính. Nội dung dưới đây là bản mới nhất; bản cũ ở phần “Lịch sử thông báo”.',
    documents: 'Tài liệu kèm theo',
    files: 'Tệp đính kèm',
    download: (name: string) => `Tải về tệp ${name}`,
    deadline: (at: string) => `Hạn xác nhận: ${at}`,
    deadlinePassed: (at: string) => `Đã quá hạn xác nhận (${at}). Bạn vẫn có thể bấm “Đã nhận”.`,
    askAck: 'Cấp ủy đề nghị bạn xác nhận đã nhận thông báo này.',
    ack: 'Đã nhận',
    acking: 'Đang gửi…',
    ackLabel: 'Xác nhận đã nhận thông báo',
    acked: (at: string) => `Đã xác nhận lúc ${at}`,
    ackDone: 'Đã xác nhận. Cảm ơn bạn.',
    ackQueued: 'Đã ghi nhận trên máy. Xác nhận sẽ tự gửi khi có mạng.',
    history: 'Lịch sử thông báo',
    historyItem: {
      sent: 'Gửi đi',
      corrected: 'Đính chính',
      recalled: 'Thu hồi',
    } as Record<string, string>,
    historyNote: {
      corrected: (note: string) => `Nội dung đính chính: ${note}`,
      recalled: (note: string) => `Lý do thu hồi: ${note}`,
    },
    historyText: 'Nội dung lúc đó',
  },
};
