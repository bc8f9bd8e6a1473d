import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inboxItem as item } from './notice-fixture';
import { backoffDelay, createLive, liveUrl, parseMessage, type LiveEvent, type SocketLike } from './live';

// A WebSocket stand-in: the test opens, speaks and closes it.
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  say(msg: unknown) {
    this.onmessage?.({ data: typeof msg === 'string' ? msg : JSON.stringify(msg) });
  }
  drop() {
    this.closed = true;
    this.onclose?.({});
  }
}
const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function started(random = () => 0.5) {
  const events: LiveEvent[] = [];
  const live = createLive({ socket: FakeSocket, url: () => 'ws://sotay.test/api/v1/live', random });
  live.subscribe((e) => events.push(e));
  live.start();
  return { live, events };
}

describe('backoff', () => {
  it('doubles from 1 s to 30 s, the second half random', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(1, () => 1)).toBe(2000);
    expect(backoffDelay(4, () => 1)).toBe(16000);
    expect(backoffDelay(5, () => 1)).toBe(30000);
    expect(backoffDelay(50, () => 1)).toBe(30000);
    expect(backoffDelay(50, () => 0)).toBe(15000);
  });
});

describe('messages', () => {
  it('reads notices, hello and heartbeats; ignores anything else', () => {
    expect(parseMessage('{"type":"heartbeat","server_time":"x"}')).toEqual({ type: 'heartbeat' });
    expect(parseMessage('{"type":"hello","heartbeat_ms":20000}')).toEqual({ type: 'hello', heartbeatMs: 20000 });
    expect(parseMessage('{"type":"hello"}')).toEqual({ type: 'hello', heartbeatMs: null });
    const n = item(3);
    expect(parseMessage(JSON.stringify({ type: 'notice', event: 'sent', notice: n }))).toEqual({ type: 'notice', event: 'sent', notice: n });
    expect(parseMessage(JSON.stringify({ type: 'notice', event: 'deleted', notice: n }))).toBeNull();
    expect(parseMessage(JSON.stringify({ type: 'notice', event: 'sent', notice: { title: 'x' } }))).toBeNull();
    expect(parseMessage('not json')).toBeNull();
    expect(parseMessage('null')).toBeNull();
    expect(parseMessage(new ArrayBuffer(2))).toBeNull();
  });

  it('uses the page protocol for the address', () => {
    expect(liveUrl({ protocol: 'https:', host: 'sotay.vn' })).toBe('wss://sotay.vn/api/v1/live');
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/api/v1/live');
  });
});

describe('the connection', () => {
  it('counts as connected only once the server says hello (then every notice reaches it)', () => {
    const { events } = started();
    last().open();
    expect(events).toEqual([]);
    last().say({ type: 'hello' });
    expect(events).toEqual([{ type: 'open', reconnect: false }]);
  });

  it('opens one socket and passes notices to subscribers', () => {
    const { events } = started();
    expect(FakeSocket.all).toHaveLength(1);
    last().open();
    last().say({ type: 'hello' });
    last().say({ type: 'heartbeat' });
    last().say({ type: 'notice', event: 'sent', notice: item(1) });
    expect(events).toEqual([
      { type: 'open', reconnect: false },
      { type: 'notice', event: 'sent', notice: item(1) },
    ]);
  });

  it('reconnects with growing delays, then says it is a reconnection', () => {
    const { events } = started(() => 1);
    last().drop();
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(1999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    last().open();
    last().say({ type: 'hello' }); // the server's first message
    expect(events).toEqual([{ type: 'open', reconnect: false }]);
    // After a successful open the delay starts again from 1 s.
    last().drop();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(4);
    last().open();
    last().say({ type: 'hello' }); // the server's first message
    expect(events).toEqual([
      { type: 'open', reconnect: false },
      { type: 'open', reconnect: true },
    ]);
  });

  it('never waits more than 30 s', () => {
    started(() => 1);
    for (let i = 0; i < 12; i++) {
      last().drop();
      vi.advanceTimersByTime(30_000);
    }
    expect(FakeSocket.all).toHaveLength(13);
  });

  it('drops a socket that stays silent for three heartbeats', () => {
    started(() => 1);
    last().open();
    last().say({ type: 'hello', heartbeat_ms: 1000 });
    vi.advanceTimersByTime(2500);
    last().say({ type: 'heartbeat' });
    vi.advanceTimersByTime(2999);
    expect(last().closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all[0]!.closed).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('stops: the socket closes and nothing reconnects', () => {
    const { live } = started();
    last().open();
    last().say({ type: 'hello' }); // the server's first message
    const s = last();
    live.stop();
    expect(s.closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    // A late close event from the old socket changes nothing.
    s.onclose?.({});
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('connects at once when nudged while waiting', () => {
    const { live } = started(() => 1);
    last().drop();
    live.nudge();
    expect(FakeSocket.all).toHaveLength(2);
    // Connected (or connecting): a nudge does not open a second socket.
    live.nudge();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('survives a constructor that throws', () => {
    let fail = true;
    class Flaky extends FakeSocket {
      constructor(url: string) {
        if (fail) throw new Error('blocked');
        super(url);
      }
    }
    const live = createLive({ socket: Flaky, url: () => 'ws://x', random: () => 1 });
    live.start();
    expect(FakeSocket.all).toHaveLength(0);
    fail = false;
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('unsubscribes', () => {
    const events: LiveEvent[] = [];
    const live = createLive({ socket: FakeSocket, url: () => 'ws://x' });
    const off = live.subscribe((e) => events.push(e));
    live.start();
    off();
    last().open();
    last().say({ type: 'hello' }); // the server's first message
    expect(events).toEqual([]);
  });
});
