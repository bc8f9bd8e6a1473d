import { beforeEach, describe, expect, it } from 'vitest';
import css from '../styles.css?raw';
import {
  DEFAULT_NOTIFICATIONS,
  LARGE_TEXT_CLASS,
  applyLargeText,
  largeText,
  readLargeText,
  readNotificationPrefs,
  readSignedInHint,
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
  it('start from the defaults', () => {
    expect(readNotificationPrefs()).toEqual(DEFAULT_NOTIFICATIONS);
  });

  it('round-trip through localStorage', () => {
    saveNotificationPrefs({ notices: false, meetings: true, news: true, study: false });
    expect(readNotificationPrefs()).toEqual({ notices: false, meetings: true, news: true, study: false });
  });

  it('survive a corrupted or partial value', () => {
    localStorage.setItem('sotay.notifications', '{not json');
    expect(readNotificationPrefs()).toEqual(DEFAULT_NOTIFICATIONS);
    localStorage.setItem('sotay.notifications', JSON.stringify({ news: true, notices: 'yes' }));
    expect(readNotificationPrefs()).toEqual({ ...DEFAULT_NOTIFICATIONS, news: true });
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
