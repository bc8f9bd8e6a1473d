// Read tracking (capability 13): which documents and news a member opened, for how long, and
// whether they reached the end. Kept on the device (localStorage, per account) and sent in
// batches to POST /api/v1/reading/events every ~20 s, when the page is hidden and when the
// network comes back.
//
// Each event carries the running total of seconds for that item on this device, not an
// increment: the server keeps the MAX (and MIN/MAX of the opening times), so a batch sent twice,
// late or out of order changes nothing, and no event ids are needed. Seconds count only while
// the page is visible — a phone left on the table with the screen off does not "read".
//
// The pure functions (record*, pendingBatches, acknowledge, prune) hold the rules and are unit
// tested; trackReading/flushReading wire them to timers, the page's visibility and fetch.
import { API_BASE, getCsrfToken } from '../api/client';
import type { components } from '../api/schema';
import { session } from './session';

type ItemKind = components['schemas']['ItemKind'];
export type ReadingEvent = components['schemas']['ReadingEvent'];

export interface ReadEntry {
  item_kind: ItemKind;
  item_id: number;
  opened_at: number; // the latest opening, unix seconds
  seconds: number; // running total on this device
  reached_end: boolean;
  rev: number; // bumped by every change
  sent: number; // the rev the server has acknowledged
}
export type ReadState = Record<string, ReadEntry>;

export const MAX_BATCH = 500;
const KEEP_ENTRIES = 400;
const FLUSH_EVERY_MS = 20_000;
const COMMIT_EVERY_S = 5;

export function keyOf(kind: ItemKind, id: number): string {
  return `${kind}:${id}`;
}

function entry(state: ReadState, kind: ItemKind, id: number, now: number): ReadEntry {
  return (
    state[keyOf(kind, id)] ?? { item_kind: kind, item_id: id, opened_at: now, seconds: 0, reached_end: false, rev: 0, sent: 0 }
  );
}

function put(state: ReadState, e: ReadEntry): ReadState {
  return { ...state, [keyOf(e.item_kind, e.item_id)]: e };
}

export function recordOpen(state: ReadState, kind: ItemKind, id: number, now: number): ReadState {
  const e = entry(state, kind, id, now);
  return put(state, { ...e, opened_at: Math.max(e.opened_at, now), rev: e.rev + 1 });
}

export function addSeconds(state: ReadState, kind: ItemKind, id: number, seconds: number, now: number): ReadState {
  if (seconds <= 0) return state;
  const e = entry(state, kind, id, now);
  return put(state, { ...e, seconds: e.seconds + Math.round(seconds), rev: e.rev + 1 });
}

export function recordEnd(state: ReadState, kind: ItemKind, id: number, now: number): ReadState {
  const e = entry(state, kind, id, now);
  if (e.reached_end) return state;
  return put(state, { ...e, reached_end: true, rev: e.rev + 1 });
}

// Events from elsewhere (another tab wrote the same storage) merge the way the server merges.
export function mergeEvent(state: ReadState, ev: ReadingEvent): ReadState {
  const e = entry(state, ev.item_kind, ev.item_id, ev.opened_at);
  const merged: ReadEntry = {
    ...e,
    opened_at: Math.max(e.opened_at, ev.opened_at),
    seconds: Math.max(e.seconds, ev.seconds),
    reached_end: e.reached_end || ev.reached_end,
  };
  const changed = merged.opened_at !== e.opened_at || merged.seconds !== e.seconds || merged.reached_end !== e.reached_end;
  return changed || !state[keyOf(ev.item_kind, ev.item_id)] ? put(state, { ...merged, rev: e.rev + 1 }) : state;
}

export interface Batch {
  events: ReadingEvent[];
  // The rev of each entry as sent: acknowledging it leaves later changes pending.
  revs: Record<string, number>;
}

export function pendingBatches(state: ReadState, max = MAX_BATCH): Batch[] {
  const pending = Object.values(state)
    .filter((e) => e.rev > e.sent)
    .sort((a, b) => a.opened_at - b.opened_at);
  const batches: Batch[] = [];
  for (let i = 0; i < pending.length; i += max) {
    const slice = pending.slice(i, i + max);
    batches.push({
      events: slice.map((e) => ({
        item_kind: e.item_kind,
        item_id: e.item_id,
        opened_at: e.opened_at,
        seconds: e.seconds,
        reached_end: e.reached_end,
      })),
      revs: Object.fromEntries(slice.map((e) => [keyOf(e.item_kind, e.item_id), e.rev])),
    });
  }
  return batches;
}

export function acknowledge(state: ReadState, revs: Record<string, number>): ReadState {
  let next = state;
  for (const [key, rev] of Object.entries(revs)) {
    const e = next[key];
    if (e && rev > e.sent) next = { ...next, [key]: { ...e, sent: Math.min(rev, e.rev) } };
  }
  return next;
}

// The device keeps the most recently opened items (their totals must keep growing from where
// they were); older ones are dropped once the server has them.
export function prune(state: ReadState, keep = KEEP_ENTRIES): ReadState {
  const all = Object.values(state);
  if (all.length <= keep) return state;
  const sorted = all.sort((a, b) => b.opened_at - a.opened_at);
  const next: ReadState = {};
  sorted.forEach((e, i) => {
    if (i < keep || e.rev > e.sent) next[keyOf(e.item_kind, e.item_id)] = e;
  });
  return next;
}

// ---------------------------------------------------------------------------------------------
// Storage and sending.

function accountId(): number | null {
  const s = session.get();
  return s.status === 'signed_in' ? s.me.account.id : null;
}

function storageKey(account: number): string {
  return `sotay-reading:${account}`;
}

function load(account: number): ReadState {
  try {
    const raw = localStorage.getItem(storageKey(account));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as ReadState) : {};
  } catch {
    return {};
  }
}

function save(account: number, state: ReadState): void {
  try {
    localStorage.setItem(storageKey(account), JSON.stringify(prune(state)));
  } catch {
    // Storage full or disabled: the server still gets what is sent while the page is open.
  }
}

// Read-modify-write on every change, so two tabs do not overwrite each other's totals.
function update(fn: (s: ReadState) => ReadState): void {
  const account = accountId();
  if (account === null) return;
  save(account, fn(load(account)));
}

export function localRead(kind: ItemKind, id: number): { opened: boolean; reached_end: boolean } {
  const account = accountId();
  const e = account === null ? undefined : load(account)[keyOf(kind, id)];
  return { opened: !!e, reached_end: !!e?.reached_end };
}

type SendResult = 'sent' | 'drop' | 'stop';

async function send(batch: Batch): Promise<SendResult> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  try {
    const res = await fetch(`${API_BASE}/reading/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ events: batch.events }),
      credentials: 'same-origin',
      // Lets the last batch go out while the page is being hidden or closed.
      keepalive: true,
    });
    if (res.ok) return 'sent';
    // Signed out, refused for now, or the server in trouble: keep the events for later.
    if (res.status === 401 || res.status === 403 || res.status === 408 || res.status === 429 || res.status >= 500) return 'stop';
    // Refused for good (an item since deleted): sending it again would fail again.
    return 'drop';
  } catch {
    return 'stop';
  }
}

let flushing: Promise<void> | null = null;
// Open trackers' seconds not yet written to storage: written before every flush.
const committers = new Set<() => void>();

export function flushReading(): Promise<void> {
  committers.forEach((commit) => commit());
  if (flushing) return flushing;
  const run = (async () => {
    const account = accountId();
    if (account === null) return;
    for (const batch of pendingBatches(load(account))) {
      const result = await send(batch);
      if (result === 'stop') break;
      save(account, acknowledge(load(account), batch.revs));
    }
  })();
  // Cleared once done (not inside the run: with nothing to send it ends before being assigned).
  flushing = run.finally(() => {
    flushing = null;
  });
  return flushing;
}

let flusherStarted = false;
function startFlusher(): void {
  if (flusherStarted || typeof window === 'undefined') return;
  flusherStarted = true;
  setInterval(() => void flushReading(), FLUSH_EVERY_MS);
  window.addEventListener('online', () => void flushReading());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushReading();
  });
}

export interface ReadingTracker {
  // The end of the text was reached (the end marker came into view, or "Đánh dấu đã đọc").
  markEnd(): void;
  stop(): void;
}

export function trackReading(kind: ItemKind, id: number): ReadingTracker {
  const now = () => Math.floor(Date.now() / 1000);
  update((s) => recordOpen(s, kind, id, now()));
  startFlusher();
  let uncommitted = 0;
  const commit = () => {
    if (uncommitted > 0) {
      const n = uncommitted;
      uncommitted = 0;
      update((s) => addSeconds(s, kind, id, n, now()));
    }
  };
  const tick = setInterval(() => {
    if (document.visibilityState !== 'visible') return;
    uncommitted++;
    if (uncommitted >= COMMIT_EVERY_S) commit();
  }, 1000);
  committers.add(commit);
  const onPageHide = () => void flushReading();
  window.addEventListener('pagehide', onPageHide);
  let stopped = false;
  return {
    markEnd() {
      commit();
      update((s) => recordEnd(s, kind, id, now()));
      void flushReading();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(tick);
      committers.delete(commit);
      window.removeEventListener('pagehide', onPageHide);
      commit();
      void flushReading();
    },
  };
}
