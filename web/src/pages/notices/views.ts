// The inbox's views and what belongs in each, apart from the screen so unit tests read them.
import type { InboxItem } from '../../api/types';
import { isUnread, waitsForAck } from '../../lib/inbox';

// GET /inbox?show=…
export type Show = 'all' | 'unread' | 'to_ack';
// In the address: /thong-bao?xem=chua-doc, /thong-bao?xem=can-xac-nhan.
const SLUGS: Record<string, Show> = { 'chua-doc': 'unread', 'can-xac-nhan': 'to_ack' };
export const SLUG_OF: Record<Show, string | null> = { all: null, unread: 'chua-doc', to_ack: 'can-xac-nhan' };

export function showOf(query: URLSearchParams): Show {
  return SLUGS[query.get('xem') ?? ''] ?? 'all';
}

// The words searched for: /thong-bao?tim=họp+chi+bộ (GET /inbox?q=…).
export function wordsOf(query: URLSearchParams): string {
  return (query.get('tim') ?? '').trim();
}

// Whether a notice (as last heard) belongs in the view; the server's rule for the same filter.
export function belongs(show: Show, item: InboxItem): boolean {
  if (show === 'unread') return isUnread(item);
  if (show === 'to_ack') return waitsForAck(item);
  return true;
}
