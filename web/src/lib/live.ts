// The live connection: one WebSocket to /api/v1/live while someone is signed in (decision 0006).
// The server sends {"type":"hello"}, {"type":"heartbeat"} every ~25 s, and
// {"type":"notice","event":"sent"|"corrected"|"recalled"|"reminded","notice":InboxItem}.
//
// What this module does, so screens only subscribe:
//  - reconnects when the socket closes, after 1 s, 2 s, 4 s … up to 30 s, each with jitter, so a
//    restarted server is not hit by every phone in the same second;
//  - treats a socket that has said nothing for three heartbeats as dead (a phone that changed
//    network often never sees the close) and reconnects;
//  - tells subscribers when it is (re)connected: what was sent meanwhile has to be read again.
// The constructor of the socket is a parameter so the unit tests drive a fake one.
import type { InboxItem } from '../api/types';

export type NoticeEventKind = 'sent' | 'corrected' | 'recalled' | 'reminded';

export interface NoticeMessage {
  type: 'notice';
  event: NoticeEventKind;
  notice: InboxItem;
}

// What subscribers hear: notices, and the connection opening (again).
export type LiveEvent = NoticeMessage | { type: 'open'; reconnect: boolean };

// The part of the browser's WebSocket this module uses.
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

const MAX_DELAY_MS = 30_000;
const DEFAULT_HEARTBEAT_MS = 25_000;
const NOTICE_EVENTS: readonly string[] = ['sent', 'corrected', 'recalled', 'reminded'];

// Delay before reconnect number `attempt` (0 for the first): 1 s doubling up to 30 s, of which
// the second half is random ("equal jitter").
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.max(0, Math.min(attempt, 10)));
  return Math.round(base / 2 + (random() * base) / 2);
}

type Parsed = NoticeMessage | { type: 'hello'; heartbeatMs: number | null } | { type: 'heartbeat' } | null;

// One frame from the server; anything unexpected is ignored (null), never thrown.
export function parseMessage(data: unknown): Parsed {
  if (typeof data !== 'string') return null;
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as Record<string, unknown>;
  if (m.type === 'heartbeat') return { type: 'heartbeat' };
  if (m.type === 'hello') return { type: 'hello', heartbeatMs: typeof m.heartbeat_ms === 'number' && m.heartbeat_ms > 0 ? m.heartbeat_ms : null };
  if (m.type === 'notice' && typeof m.event === 'string' && NOTICE_EVENTS.includes(m.event)) {
    const n = m.notice as Partial<InboxItem> | null | undefined;
    if (n && typeof n === 'object' && typeof n.id === 'number' && typeof n.title === 'string')
      return { type: 'notice', event: m.event as NoticeEventKind, notice: n as InboxItem };
  }
  return null;
}

export function liveUrl(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/v1/live`;
}

export interface Live {
  start(): void;
  stop(): void;
  // Connect at once if waiting to reconnect (the device is back online, the app is shown again).
  nudge(): void;
  subscribe(fn: (event: LiveEvent) => void): () => void;
}

export function createLive(opts: { socket?: SocketConstructor | undefined; url?: () => string; random?: () => number } = {}): Live {
  const listeners = new Set<(event: LiveEvent) => void>();
  let running = false;
  let socket: SocketLike | null = null;
  let attempt = 0;
  let everOpen = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let heartbeatMs = DEFAULT_HEARTBEAT_MS;

  const emit = (event: LiveEvent) => listeners.forEach((fn) => fn(event));

  function ctor(): SocketConstructor | null {
    if (opts.socket) return opts.socket;
    return typeof WebSocket === 'undefined' ? null : (WebSocket as unknown as SocketConstructor);
  }

  function detach(s: SocketLike) {
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
  }

  function armWatchdog() {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => drop(), heartbeatMs * 3);
  }

  // The socket is gone (closed, failed, or silent too long): forget it and try again later.
  function drop() {
    clearTimeout(watchdog);
    if (socket) {
      const s = socket;
      socket = null;
      detach(s);
      try {
        s.close();
      } catch {
        // already closed
      }
    }
    if (!running) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, backoffDelay(attempt++, opts.random));
  }

  function connect() {
    retryTimer = undefined;
    if (!running || socket) return;
    const Ctor = ctor();
    if (!Ctor) return;
    let s: SocketLike;
    try {
      s = new Ctor(opts.url ? opts.url() : liveUrl());
    } catch {
      drop();
      return;
    }
    socket = s;
    s.onopen = () => armWatchdog();
    s.onmessage = (ev) => {
      armWatchdog();
      const msg = parseMessage(ev.data);
      if (!msg) return;
      if (msg.type === 'hello') {
        // Connected once the server says hello: from then on every notice reaches this socket,
        // so what was sent before is read again now (not at onopen, which comes earlier).
        if (msg.heartbeatMs) {
          heartbeatMs = msg.heartbeatMs;
          armWatchdog();
        }
        attempt = 0;
        const reconnect = everOpen;
        everOpen = true;
        emit({ type: 'open', reconnect });
      } else if (msg.type === 'notice') {
        emit(msg);
      }
    };
    s.onclose = () => drop();
    // An error is followed by a close; nothing to do here.
    s.onerror = () => undefined;
  }

  return {
    start() {
      if (running) return;
      running = true;
      attempt = 0;
      connect();
    },
    stop() {
      running = false;
      everOpen = false;
      attempt = 0;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      drop();
    },
    nudge() {
      if (!running || socket || retryTimer === undefined) return;
      clearTimeout(retryTimer);
      connect();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    },
  };
}

// The app's one connection.
export const live = createLive();
