// Test data: an inbox item with plain defaults (used by the unit tests only).
import type { InboxItem } from '../api/types';

export function inboxItem(id: number, extra: Partial<InboxItem> = {}): InboxItem {
  return {
    id,
    title: `Thông báo ${id}`,
    body: 'Nội dung',
    priority: 'normal',
    sender: { id: 5, name: 'Đảng ủy khu vực Tân Lập' },
    sent_at: 1_700_000_000 + id,
    require_ack: false,
    ack_deadline: null,
    read_at: null,
    acked_at: null,
    version: 1,
    recalled_at: null,
    recall_reason: null,
    documents: [],
    files: [],
    ...extra,
  };
}
