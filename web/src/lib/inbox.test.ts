import { describe, expect, it } from 'vitest';
import { EMPTY_COUNT, addToast, applyNotice, badgeText, fromPage, markAcked, markRead, upsertItem, type InboxCount } from './inbox';
import { inboxItem as item } from './notice-fixture';

const T = 1_700_000_000;

function counted(unread: number, items = [item(1, { sent_at: T + 10 }), item(2, { sent_at: T + 5, read_at: T + 6 })], toAck = 0): InboxCount {
  return fromPage(EMPTY_COUNT, { unread, to_ack: toAck, items });
}

describe('the unread count', () => {
  it('takes the server count and remembers the items of the page', () => {
    const s = counted(4);
    expect(s.unread).toBe(4);
    expect(s.known.get(1)).toBe(true);
    expect(s.known.get(2)).toBe(false);
    expect(s.newest).toBe(T + 10);
  });

  it('counts a new notice once, however many times it arrives', () => {
    let s = counted(4);
    const fresh = item(9, { sent_at: T + 20 });
    let r = applyNotice(s, fresh, 'sent');
    expect(r).toMatchObject({ refresh: false });
    s = r.state;
    expect(s.unread).toBe(5);
    r = applyNotice(s, fresh, 'sent');
    expect(r.state.unread).toBe(5);
    r = applyNotice(r.state, fresh, 'reminded');
    expect(r.state.unread).toBe(5);
  });

  it('a correction makes a read notice unread again; opening it reads it', () => {
    let s = counted(4);
    let r = applyNotice(s, item(2, { sent_at: T + 5, read_at: null, version: 2 }), 'corrected');
    expect(r.state.unread).toBe(5);
    s = markRead(r.state, 2).state;
    expect(s.unread).toBe(4);
    // Opening it again changes nothing.
    r = markRead(s, 2);
    expect(r).toMatchObject({ refresh: false });
    expect(r.state.unread).toBe(4);
  });

  it('does not guess about notices it has not seen that may already be counted', () => {
    const s = counted(4);
    // An older notice, not on the loaded page, corrected: was it unread already? Ask the server.
    expect(applyNotice(s, item(7, { sent_at: T + 1 }), 'corrected')).toMatchObject({ refresh: true, state: { unread: 4 } });
    expect(applyNotice(s, item(7, { sent_at: T + 1 }), 'reminded')).toMatchObject({ refresh: true });
    // "sent" but not newer than what the count covers (sent while the count was being read).
    expect(applyNotice(s, item(8, { sent_at: T + 10 }), 'sent')).toMatchObject({ refresh: true, state: { unread: 4 } });
    // Opened from a link, never listed.
    expect(markRead(s, 99)).toMatchObject({ refresh: true, state: { unread: 4 } });
  });

  it('waits for the server when there is no count yet', () => {
    const r = applyNotice(EMPTY_COUNT, item(1), 'sent');
    expect(r.refresh).toBe(true);
    expect(r.state.unread).toBeNull();
    // The count read afterwards already includes it; hearing it again adds nothing.
    const s = fromPage(r.state, { unread: 1, to_ack: 0, items: [item(1)] });
    expect(applyNotice(s, item(1), 'sent').state.unread).toBe(1);
  });

  it('a recall of an unread notice keeps it counted until it is opened', () => {
    const s = counted(4);
    const r = applyNotice(s, item(1, { sent_at: T + 10, recalled_at: T + 30, recall_reason: 'Gửi nhầm' }), 'recalled');
    expect(r.state.unread).toBe(4);
    expect(markRead(r.state, 1).state.unread).toBe(3);
  });

  it('never goes below zero', () => {
    const s = fromPage(EMPTY_COUNT, { unread: 0, to_ack: 0, items: [item(1)] });
    expect(markRead(s, 1).state.unread).toBe(0);
  });
});

describe('the number waiting for "Đã nhận"', () => {
  const asks = (id: number, extra = {}) => item(id, { sent_at: T + 20 + id, require_ack: true, ...extra });

  it('takes the server count, adds a new notice that asks once, and leaves the others', () => {
    let s = counted(4, undefined, 2);
    expect(s.toAck).toBe(2);
    s = applyNotice(s, asks(9), 'sent').state;
    expect(s.toAck).toBe(3);
    s = applyNotice(s, asks(9), 'sent').state;
    s = applyNotice(s, asks(9), 'reminded').state;
    s = applyNotice(s, asks(9, { version: 2 }), 'corrected').state;
    expect(s.toAck).toBe(3);
    s = applyNotice(s, item(10, { sent_at: T + 40 }), 'sent').state;
    expect(s.toAck).toBe(3);
  });

  it('goes down when the member acknowledges or the committee recalls one still waiting', () => {
    let s = counted(4, undefined, 2);
    s = markAcked(s);
    expect(s.toAck).toBe(1);
    s = applyNotice(s, asks(1, { sent_at: T + 10, recalled_at: T + 30 }), 'recalled').state;
    expect(s.toAck).toBe(0);
    s = applyNotice(s, asks(2, { sent_at: T + 5, recalled_at: T + 31, acked_at: T + 7 }), 'recalled').state;
    expect(markAcked(s).toAck).toBe(0);
    expect(markAcked(EMPTY_COUNT).toAck).toBeNull();
  });
});

describe('the badge', () => {
  it('says the number, nothing for zero, 99+ past two digits', () => {
    expect(badgeText(null)).toBe('');
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('the list', () => {
  const list = [item(5, { sent_at: T + 50 }), item(4, { sent_at: T + 40 }), item(2, { sent_at: T + 20 })];

  it('puts a new notice in its place, newest first', () => {
    expect(upsertItem(list, item(6, { sent_at: T + 60 })).map((x) => x.id)).toEqual([6, 5, 4, 2]);
    expect(upsertItem(list, item(3, { sent_at: T + 30 })).map((x) => x.id)).toEqual([5, 4, 3, 2]);
    expect(upsertItem(list, item(1, { sent_at: T + 10 })).map((x) => x.id)).toEqual([5, 4, 2, 1]);
    expect(upsertItem([], item(1)).map((x) => x.id)).toEqual([1]);
  });

  it('replaces a notice it already shows, in place', () => {
    const out = upsertItem(list, item(4, { sent_at: T + 40, title: 'Đã sửa', version: 2 }));
    expect(out.map((x) => x.id)).toEqual([5, 4, 2]);
    expect(out[1]!.title).toBe('Đã sửa');
  });
});

describe('messages for people', () => {
  it('one per notice, the latest event, three at most', () => {
    let list = addToast([], 'sent', item(1));
    list = addToast(list, 'corrected', item(1, { version: 2 }));
    expect(list).toHaveLength(1);
    expect(list[0]!.event).toBe('corrected');
    for (const id of [2, 3, 4]) list = addToast(list, 'sent', item(id));
    expect(list.map((t) => t.notice.id)).toEqual([2, 3, 4]);
  });
});
