import { beforeEach, describe, expect, it } from 'vitest';
import * as outbox from './offline-queue';

const item = (n: number, accountId = 1): outbox.OutboxItem => ({
  method: 'PATCH',
  url: `/api/v1/x/${n}`,
  body: { n },
  label: `change ${n}`,
  createdAt: n,
  accountId,
});

beforeEach(async () => {
  outbox.resetForTests();
  await outbox.clear();
});

describe('offline outbox', () => {
  it('keeps items in the order they were made', async () => {
    await outbox.enqueue(item(1));
    await outbox.enqueue(item(2));
    await outbox.enqueue(item(3));
    const all = await outbox.list();
    expect(all.map((i) => i.url)).toEqual(['/api/v1/x/1', '/api/v1/x/2', '/api/v1/x/3']);
    expect(await outbox.count()).toBe(3);
  });

  it('replays oldest first and removes what was sent', async () => {
    await outbox.enqueue(item(1));
    await outbox.enqueue(item(2));
    const seen: string[] = [];
    const report = await outbox.replay(async (i) => {
      seen.push(i.url);
      return { kind: 'sent' };
    });
    expect(seen).toEqual(['/api/v1/x/1', '/api/v1/x/2']);
    expect(report).toEqual({ sent: 2, dropped: [], remaining: 0 });
    expect(await outbox.count()).toBe(0);
  });

  it('stops at the first item that must wait, keeping it and everything after it', async () => {
    await outbox.enqueue(item(1));
    await outbox.enqueue(item(2));
    await outbox.enqueue(item(3));
    const report = await outbox.replay(async (i) => (i.url.endsWith('/2') ? { kind: 'stop' } : { kind: 'sent' }));
    expect(report.sent).toBe(1);
    expect(report.remaining).toBe(2);
    expect((await outbox.list()).map((i) => i.url)).toEqual(['/api/v1/x/2', '/api/v1/x/3']);
  });

  it('drops what the server refused for good and reports why', async () => {
    await outbox.enqueue(item(1));
    await outbox.enqueue(item(2));
    const report = await outbox.replay(async (i) =>
      i.url.endsWith('/1') ? { kind: 'drop', message: 'Số điện thoại không hợp lệ.' } : { kind: 'sent' },
    );
    expect(report.sent).toBe(1);
    expect(report.dropped).toHaveLength(1);
    expect(report.dropped[0]!.message).toBe('Số điện thoại không hợp lệ.');
    expect(await outbox.count()).toBe(0);
  });

  it('runs one replay at a time: concurrent triggers share it (no double sending)', async () => {
    await outbox.enqueue(item(1));
    let calls = 0;
    const send = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      return { kind: 'sent' } as const;
    };
    const [a, b] = await Promise.all([outbox.replay(send), outbox.replay(send)]);
    expect(calls).toBe(1);
    expect(a).toBe(b);
  });

  it('tells listeners how many items wait', async () => {
    const counts: number[] = [];
    const off = outbox.onOutboxChange((n) => counts.push(n));
    await outbox.enqueue(item(1));
    await outbox.enqueue(item(2));
    await outbox.clear();
    off();
    expect(counts).toEqual([1, 2, 0]);
  });
});
