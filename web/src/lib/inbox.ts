// The member's inbox as the whole app sees it: the number of unread notices (the badge in the
// navigation and on the home tile) and of those waiting for "Đã nhận" (the home screen's reminder,
// the inbox's view), kept right while notices arrive live, and the short messages ("Thông báo
// mới: …") shown when they do.
//
// Counting each notice once: the server's count (InboxPage.unread) is the truth when it is read;
// after that, a live notice changes it only by what that notice's own read state changed, known
// per id. A notice never seen before that may already be in the server's count (an older one,
// corrected or reminded) is not guessed at: the count is read again instead.
import { api } from '../api/client';
import type { InboxItem, InboxPage } from '../api/types';
import { live, type LiveEvent, type NoticeEventKind } from './live';
import { session } from './session';
import { createStore } from './store';

export interface InboxCount {
  // null until the server has been asked.
  unread: number | null;
  // Notices asking for an acknowledgement not given yet (InboxPage.to_ack); null until asked.
  toAck: number | null;
  // id → unread, for every notice seen since the count was read.
  known: ReadonlyMap<number, boolean>;
  // The newest sent_at the count is known to cover: a notice sent later cannot be in it.
  newest: number;
}

export const EMPTY_COUNT: InboxCount = { unread: null, toAck: null, known: new Map(), newest: 0 };

export const isUnread = (item: Pick<InboxItem, 'read_at'>) => item.read_at === null;
export const waitsForAck = (item: Pick<InboxItem, 'require_ack' | 'acked_at' | 'recalled_at'>) =>
  item.require_ack && item.acked_at === null && item.recalled_at === null;

// A page of GET /inbox: its count is the server's, its items are now known.
export function fromPage(state: InboxCount, page: Pick<InboxPage, 'unread' | 'to_ack' | 'items'>): InboxCount {
  const known = new Map(state.known);
  let newest = state.newest;
  for (const item of page.items) {
    known.set(item.id, isUnread(item));
    newest = Math.max(newest, item.sent_at);
  }
  return { unread: page.unread, toAck: page.to_ack, known, newest };
}

// What a live notice does to the number waiting for "Đã nhận": one sent after the count was read
// is new to it; one recalled while waiting no longer waits (counted either by the server or by
// its own 'sent' heard here; after a gap in the connection the count is read again anyway).
function toAckAfter(state: InboxCount, item: InboxItem, event: NoticeEventKind, isNew: boolean): number | null {
  if (state.toAck === null || !item.require_ack || item.acked_at !== null) return state.toAck;
  if (event === 'sent' && isNew) return state.toAck + 1;
  if (event === 'recalled') return Math.max(0, state.toAck - 1);
  return state.toAck;
}

// A notice heard live. `refresh`: the count cannot be worked out here; read it from the server.
export function applyNotice(state: InboxCount, item: InboxItem, event: NoticeEventKind): { state: InboxCount; refresh: boolean } {
  const now = isUnread(item);
  const before = state.known.get(item.id);
  const known = new Map(state.known).set(item.id, now);
  if (state.unread === null) return { state: { ...state, known }, refresh: true };
  const isNew = before === undefined && event === 'sent' && item.sent_at > state.newest;
  const toAck = toAckAfter(state, item, event, isNew);
  if (before === undefined) {
    if (isNew) return { state: { unread: state.unread + (now ? 1 : 0), toAck, known, newest: item.sent_at }, refresh: false };
    return { state: { ...state, toAck, known }, refresh: true };
  }
  const delta = (now ? 1 : 0) - (before ? 1 : 0);
  return { state: { ...state, toAck, known, unread: Math.max(0, state.unread + delta) }, refresh: false };
}

// The member pressed "Đã nhận" (sent, or queued to be sent when back online).
export function markAcked(state: InboxCount): InboxCount {
  return state.toAck === null ? state : { ...state, toAck: Math.max(0, state.toAck - 1) };
}

// The member opened a notice (GET /inbox/{id} marks it read).
export function markRead(state: InboxCount, id: number): { state: InboxCount; refresh: boolean } {
  const before = state.known.get(id);
  const known = new Map(state.known).set(id, false);
  if (before === undefined || state.unread === null) return { state: { ...state, known }, refresh: true };
  return { state: { ...state, known, unread: before ? Math.max(0, state.unread - 1) : state.unread }, refresh: false };
}

// Adds or replaces a notice by id in a list shown newest first.
export function upsertItem(items: readonly InboxItem[], item: InboxItem): InboxItem[] {
  const rest = items.filter((x) => x.id !== item.id);
  const at = rest.findIndex((x) => x.sent_at < item.sent_at || (x.sent_at === item.sent_at && x.id < item.id));
  if (at < 0) return [...rest, item];
  return [...rest.slice(0, at), item, ...rest.slice(at)];
}

// "99+" past two digits, nothing when there is nothing to read.
export function badgeText(unread: number | null): string {
  if (!unread || unread < 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

// ---- the app's state ----

export const inboxCount = createStore<InboxCount>(EMPTY_COUNT);

let inFlight: Promise<void> | null = null;
export function refreshUnread(): Promise<void> {
  if (!inFlight) {
    inFlight = api
      .get('/inbox', { query: { limit: 1 } })
      .then(
        (page) => inboxCount.set((s) => fromPage(s, page)),
        () => undefined,
      )
      .finally(() => {
        inFlight = null;
      });
  }
  return inFlight;
}

// When many phones hear the same notice, they do not all ask the server in the same second.
let laterTimer: ReturnType<typeof setTimeout> | undefined;
function refreshSoon(): void {
  if (laterTimer) return;
  laterTimer = setTimeout(() => {
    laterTimer = undefined;
    void refreshUnread();
  }, 300 + Math.random() * 2500);
}

// Pages that load inbox items report them, so the count knows those notices.
export function noteInboxPage(page: Pick<InboxPage, 'unread' | 'to_ack' | 'items'>): void {
  inboxCount.set((s) => fromPage(s, page));
}
export function noteAcked(): void {
  inboxCount.set(markAcked);
}
export function noteOpened(id: number): void {
  const r = markRead(inboxCount.get(), id);
  inboxCount.set(r.state);
  if (r.refresh) refreshSoon();
}

// ---- live messages for people ----

export interface NoticeToast {
  key: string;
  event: NoticeEventKind;
  notice: InboxItem;
}
export const noticeToasts = createStore<NoticeToast[]>([]);

export function dismissToast(key: string): void {
  noticeToasts.set((list) => list.filter((t) => t.key !== key));
}

// One message per notice (a newer event replaces the older one), three at most.
export function addToast(list: readonly NoticeToast[], event: NoticeEventKind, notice: InboxItem): NoticeToast[] {
  const key = `${notice.id}`;
  return [...list.filter((t) => t.key !== key), { key, event, notice }].slice(-3);
}

function onLive(ev: LiveEvent): void {
  if (ev.type === 'open') {
    // First connection or back after a gap: what happened meanwhile is only on the server.
    void refreshUnread();
    return;
  }
  const r = applyNotice(inboxCount.get(), ev.notice, ev.event);
  inboxCount.set(r.state);
  if (r.refresh) refreshSoon();
  noticeToasts.set((list) => addToast(list, ev.event, ev.notice));
}

// A push reached this open app (src/sw/sw.ts): the live connection, if it is waiting to retry,
// reconnects now, and its reconnection reads the count again.
export function catchUpInbox(): void {
  live.nudge();
}

let started = false;
// Called once at start-up: the connection follows the session.
export function startInbox(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  live.subscribe(onLive);
  const follow = () => {
    const s = session.get();
    const ready = s.status === 'signed_in' && !s.me.account.must_change_password && !s.me.account.totp_setup_required;
    if (ready) {
      if (typeof WebSocket === 'undefined') void refreshUnread();
      live.start();
    } else {
      live.stop();
      if (s.status !== 'loading') {
        inboxCount.set(EMPTY_COUNT);
        noticeToasts.set([]);
      }
    }
  };
  session.subscribe(follow);
  follow();
  window.addEventListener('online', () => live.nudge());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') live.nudge();
  });
}
