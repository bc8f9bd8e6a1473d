import { afterEach, beforeEach, describe, expect, it, vi as vitest } from 'vitest';
import { setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import {
  acknowledge,
  addSeconds,
  flushReading,
  keyOf,
  mergeEvent,
  pendingBatches,
  prune,
  recordEnd,
  recordOpen,
  type ReadState,
} from './reading';
import { session } from './session';

describe('reading records on the device', () => {
  it('keeps a running total per item and the latest opening', () => {
    let s: ReadState = {};
    s = recordOpen(s, 'document', 7, 1000);
    s = addSeconds(s, 'document', 7, 12, 1010);
    s = addSeconds(s, 'document', 7, 5, 1020);
    s = recordOpen(s, 'document', 7, 2000);
    s = addSeconds(s, 'document', 7, 3, 2003);
    expect(s[keyOf('document', 7)]).toMatchObject({ opened_at: 2000, seconds: 20, reached_end: false });
    s = recordEnd(s, 'document', 7, 2004);
    expect(s[keyOf('document', 7)]!.reached_end).toBe(true);
    // Reaching the end again changes nothing (no new event to send).
    expect(recordEnd(s, 'document', 7, 2005)).toBe(s);
    expect(addSeconds(s, 'document', 7, 0, 2005)).toBe(s);
  });

  it('sends each changed item once, with its total, and only changes made since the last send', () => {
    let s: ReadState = {};
    s = recordOpen(s, 'document', 1, 100);
    s = recordOpen(s, 'news', 2, 50);
    s = addSeconds(s, 'document', 1, 30, 130);
    const [batch] = pendingBatches(s);
    expect(batch!.events).toEqual([
      { item_kind: 'news', item_id: 2, opened_at: 50, seconds: 0, reached_end: false },
      { item_kind: 'document', item_id: 1, opened_at: 100, seconds: 30, reached_end: false },
    ]);
    // More reading while the batch was in flight stays pending after the acknowledgement.
    s = addSeconds(s, 'document', 1, 10, 140);
    s = acknowledge(s, batch!.revs);
    const again = pendingBatches(s);
    expect(again).toHaveLength(1);
    expect(again[0]!.events).toEqual([{ item_kind: 'document', item_id: 1, opened_at: 100, seconds: 40, reached_end: false }]);
    s = acknowledge(s, again[0]!.revs);
    expect(pendingBatches(s)).toEqual([]);
  });

  it('splits into batches of at most 500 events', () => {
    let s: ReadState = {};
    for (let i = 1; i <= 1203; i++) s = recordOpen(s, 'document', i, i);
    const batches = pendingBatches(s);
    expect(batches.map((b) => b.events.length)).toEqual([500, 500, 203]);
    expect(pendingBatches(s, 2)).toHaveLength(602);
  });

  it('merges events the way the server does: MAX of seconds and opening, OR of the end', () => {
    let s: ReadState = {};
    s = mergeEvent(s, { item_kind: 'document', item_id: 3, opened_at: 500, seconds: 40, reached_end: false });
    s = mergeEvent(s, { item_kind: 'document', item_id: 3, opened_at: 400, seconds: 60, reached_end: true });
    s = mergeEvent(s, { item_kind: 'document', item_id: 3, opened_at: 450, seconds: 10, reached_end: false });
    expect(pendingBatches(s)[0]!.events).toEqual([{ item_kind: 'document', item_id: 3, opened_at: 500, seconds: 60, reached_end: true }]);
    const same = mergeEvent(s, { item_kind: 'document', item_id: 3, opened_at: 1, seconds: 1, reached_end: false });
    expect(same).toBe(s);
  });

  it('prunes the oldest items the server already has, never unsent ones', () => {
    let s: ReadState = {};
    for (let i = 1; i <= 10; i++) s = recordOpen(s, 'news', i, i * 10);
    s = acknowledge(s, Object.fromEntries(Object.values(s).filter((e) => e.item_id !== 1).map((e) => [keyOf(e.item_kind, e.item_id), e.rev])));
    const kept = prune(s, 3);
    expect(Object.values(kept).map((e) => e.item_id).sort((a, b) => a - b)).toEqual([1, 8, 9, 10]);
  });
});

describe('sending read records', () => {
  const me = { account: { id: 42 }, csrf_token: 't' } as unknown as Me;
  const fetchMock = vitest.fn();

  beforeEach(() => {
    localStorage.clear();
    session.set({ status: 'signed_in', me });
    setCsrfToken('t');
    vitest.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vitest.unstubAllGlobals();
    session.set({ status: 'signed_out' });
  });

  function store(s: ReadState) {
    localStorage.setItem('sotay-reading:42', JSON.stringify(s));
  }
  function stored(): ReadState {
    return JSON.parse(localStorage.getItem('sotay-reading:42') ?? '{}') as ReadState;
  }

  it('posts pending events and marks them sent', async () => {
    store(addSeconds(recordOpen({}, 'document', 5, 100), 'document', 5, 25, 125));
    fetchMock.mockResolvedValue(new Response('{"accepted":1}', { status: 200 }));
    await flushReading();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/reading/events');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('t');
    expect(JSON.parse(init.body as string)).toEqual({
      events: [{ item_kind: 'document', item_id: 5, opened_at: 100, seconds: 25, reached_end: false }],
    });
    expect(pendingBatches(stored())).toEqual([]);
    // Nothing left: no second request.
    await flushReading();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('keeps events when offline or when the server is in trouble, drops them when refused for good', async () => {
    store(recordOpen({}, 'news', 9, 100));
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await flushReading();
    expect(pendingBatches(stored())).toHaveLength(1);
    fetchMock.mockResolvedValueOnce(new Response('', { status: 503 }));
    await flushReading();
    expect(pendingBatches(stored())).toHaveLength(1);
    fetchMock.mockResolvedValueOnce(new Response('{"error":{"code":"invalid","message":"x"}}', { status: 422 }));
    await flushReading();
    expect(pendingBatches(stored())).toEqual([]);
  });

  it('sends nothing while nobody is signed in', async () => {
    store(recordOpen({}, 'news', 9, 100));
    session.set({ status: 'signed_out' });
    await flushReading();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
