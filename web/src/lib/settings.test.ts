import { beforeEach, describe, expect, it } from 'vitest';
import css from '../styles.css?raw';
import {
  DEFAULT_NOTIFICATIONS,
  LARGE_TEXT_CLASS,
  applyLargeText,
  largeText,
  readLargeText,
  fromServerPrefs,
  readNotificationPrefs,
  readSignedInHint,
  toServerPrefs,
  withLevel,
  withNotices,
  saveNotificationPrefs,
  setLargeText,
  writeSignedInHint,
} from './settings';

// Just enough of an element for applyLargeText (the tests run without a DOM).
function fakeRoot() {
  const classes = new Set<string>();
  return {
    classes,
    classList: {
      toggle: (name: string, on?: boolean) => {
        if (on ?? !classes.has(name)) classes.add(name);
        else classes.delete(name);
        return classes.has(name);
      },
    },
  } as unknown as HTMLElement & { classes: Set<string> };
}

beforeEach(() => {
  localStorage.clear();
  (globalThis as { document?: unknown }).document = { documentElement: fakeRoot() };
});

describe('large text', () => {
  it('is off by default', () => {
    expect(readLargeText()).toBe(false);
  });

  it('is remembered on the device and applied as a class on <html>', () => {
    setLargeText(true);
    expect(readLargeText()).toBe(true);
    expect(largeText.get()).toBe(true);
    const root = document.documentElement as HTMLElement & { classes: Set<string> };
    expect(root.classes.has(LARGE_TEXT_CLASS)).toBe(true);

    setLargeText(false);
    expect(readLargeText()).toBe(false);
    expect(localStorage.getItem('sotay.largeText')).toBeNull();
    expect(root.classes.has(LARGE_TEXT_CLASS)).toBe(false);
  });

  it('applies to a given root before the first paint', () => {
    const root = fakeRoot();
    applyLargeText(true, root);
    expect(root.classes.has(LARGE_TEXT_CLASS)).toBe(true);
  });

  it('scales with the phone font size: the stylesheet never fixes the root size in px', () => {
    const rootRules = [...css.matchAll(/(^|\n)\s*(html[^{]*)\{([^}]*)\}/g)].map((m) => m[3]);
    for (const body of rootRules) expect(body).not.toMatch(/font-size:\s*[\d.]+px/);
    expect(css).toMatch(/html\.large-text\s*\{\s*font-size:\s*125%/);
  });
});

describe('notification preferences', () => {
  const all = { central: true, province: true, base: true, cell: true };

  it('start from the defaults', () => {
    expect(readNotificationPrefs()).toEqual(DEFAULT_NOTIFICATIONS);
  });

  it('round-trip through localStorage', () => {
    const p = { notices: false, levels: { ...all, base: false }, news: true, reading: false, meetings: true, study: false };
    saveNotificationPrefs(p);
    expect(readNotificationPrefs()).toEqual(p);
  });

  it('survive a corrupted, partial or older value', () => {
    localStorage.setItem('sotay.notifications', '{not json');
    expect(readNotificationPrefs()).toEqual(DEFAULT_NOTIFICATIONS);
    localStorage.setItem('sotay.notifications', JSON.stringify({ news: true, notices: 'yes', levels: { cell: false, base: 1 } }));
    expect(readNotificationPrefs()).toEqual({ ...DEFAULT_NOTIFICATIONS, news: true, levels: { ...all, cell: false } });
    // Saved by the earlier version, without levels nor reading reminders.
    localStorage.setItem('sotay.notifications', JSON.stringify({ notices: true, meetings: false, news: true, study: true }));
    expect(readNotificationPrefs()).toEqual({ ...DEFAULT_NOTIFICATIONS, meetings: false, news: true, study: true });
  });

  it('become the server items: one per topic and level', () => {
    const items = toServerPrefs({ ...DEFAULT_NOTIFICATIONS, levels: { ...all, central: false }, news: true, reading: false });
    expect(items).toHaveLength(12);
    expect(items.filter((i) => i.topic === 'notices')).toEqual([
      { topic: 'notices', level: 'central', push: false },
      { topic: 'notices', level: 'province', push: true },
      { topic: 'notices', level: 'base', push: true },
      { topic: 'notices', level: 'cell', push: true },
    ]);
    expect(items.filter((i) => i.topic === 'news').every((i) => i.push)).toBe(true);
    expect(items.filter((i) => i.topic === 'reading').every((i) => !i.push)).toBe(true);
    // Notices off: no level pushes, whatever is ticked.
    expect(toServerPrefs({ ...DEFAULT_NOTIFICATIONS, notices: false }).filter((i) => i.topic === 'notices' && i.push)).toEqual([]);
  });

  it('come back from the server items, the device filling what the server does not say', () => {
    const base = { ...DEFAULT_NOTIFICATIONS, meetings: false };
    expect(fromServerPrefs(toServerPrefs(base), base)).toEqual(base);
    const mixed = { ...base, levels: { ...all, province: false, cell: false }, news: true };
    expect(fromServerPrefs(toServerPrefs(mixed), base)).toEqual(mixed);
    // Notices off on the server: the levels chosen before stay for when they come back on.
    const off = fromServerPrefs(toServerPrefs({ ...mixed, notices: false }), mixed);
    expect(off.notices).toBe(false);
    expect(off.levels).toEqual(mixed.levels);
    // Nothing from the server (a new account): the device's choices.
    expect(fromServerPrefs([], mixed)).toEqual(mixed);
    // Only some items: the rest keeps the device's value.
    expect(fromServerPrefs([{ topic: 'news', level: 'base', push: true }], base)).toEqual({ ...base, news: true });
  });

  it('a switch and its levels stay consistent', () => {
    const none = { ...DEFAULT_NOTIFICATIONS, notices: false, levels: { central: false, province: false, base: false, cell: false } };
    expect(withNotices(none, true).levels).toEqual(all);
    expect(withNotices(DEFAULT_NOTIFICATIONS, false)).toEqual({ ...DEFAULT_NOTIFICATIONS, notices: false });
    let p = withLevel(DEFAULT_NOTIFICATIONS, 'central', false);
    expect(p).toMatchObject({ notices: true, levels: { central: false } });
    for (const l of ['province', 'base', 'cell'] as const) p = withLevel(p, l, false);
    expect(p.notices).toBe(false);
    expect(withLevel(p, 'cell', true)).toMatchObject({ notices: true, levels: { cell: true, base: false } });
    // Off with levels remembered: ticking one box turns on that level only, as the screen showed.
    expect(withLevel({ ...DEFAULT_NOTIFICATIONS, notices: false }, 'base', true)).toMatchObject({
      notices: true,
      levels: { central: false, province: false, base: true, cell: false },
    });
  });
});

describe('signed-in hint', () => {
  it('is a flag, set and cleared', () => {
    expect(readSignedInHint()).toBe(false);
    writeSignedInHint(true);
    expect(readSignedInHint()).toBe(true);
    writeSignedInHint(false);
    expect(readSignedInHint()).toBe(false);
  });
});
