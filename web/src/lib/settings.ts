// Settings kept on this device (localStorage): they are about this phone and its reader, not the
// account, and must apply before the first paint, before any network answer.
import { createStore } from './store';

const LARGE_TEXT_KEY = 'sotay.largeText';
const NOTIFY_KEY = 'sotay.notifications';

export const LARGE_TEXT_CLASS = 'large-text';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Private modes and locked-down WebViews can throw on access: settings then last a session.
    return null;
  }
}

export function readLargeText(): boolean {
  return storage()?.getItem(LARGE_TEXT_KEY) === '1';
}

// Large text scales the root font size by a percentage, never to a fixed px value, so it
// multiplies the phone's own font-size setting instead of replacing it; everything is in rem.
export function applyLargeText(on: boolean, root: HTMLElement = document.documentElement): void {
  root.classList.toggle(LARGE_TEXT_CLASS, on);
}

export const largeText = createStore<boolean>(readLargeText());

export function setLargeText(on: boolean): void {
  const s = storage();
  if (s) {
    if (on) s.setItem(LARGE_TEXT_KEY, '1');
    else s.removeItem(LARGE_TEXT_KEY);
  }
  applyLargeText(on);
  largeText.set(on);
}

export interface NotificationPrefs {
  notices: boolean;
  meetings: boolean;
  news: boolean;
  study: boolean;
}

// Notices and meeting reminders matter most to a member: on unless turned off.
export const DEFAULT_NOTIFICATIONS: NotificationPrefs = { notices: true, meetings: true, news: false, study: false };

export function readNotificationPrefs(): NotificationPrefs {
  const raw = storage()?.getItem(NOTIFY_KEY);
  if (!raw) return { ...DEFAULT_NOTIFICATIONS };
  try {
    const parsed = JSON.parse(raw) as Partial<Record<keyof NotificationPrefs, unknown>>;
    const out = { ...DEFAULT_NOTIFICATIONS };
    for (const key of Object.keys(out) as (keyof NotificationPrefs)[]) {
      if (typeof parsed[key] === 'boolean') out[key] = parsed[key];
    }
    return out;
  } catch {
    return { ...DEFAULT_NOTIFICATIONS };
  }
}

export function saveNotificationPrefs(prefs: NotificationPrefs): void {
  storage()?.setItem(NOTIFY_KEY, JSON.stringify(prefs));
}

// A hint, not a credential: whether this device had a session last time. Without it the app
// shows the sign-in screen at once instead of waiting a round trip on GET /me (seconds on 3G).
const SIGNED_IN_KEY = 'sotay.signedIn';
export function readSignedInHint(): boolean {
  return storage()?.getItem(SIGNED_IN_KEY) === '1';
}
export function writeSignedInHint(on: boolean): void {
  const s = storage();
  if (!s) return;
  if (on) s.setItem(SIGNED_IN_KEY, '1');
  else s.removeItem(SIGNED_IN_KEY);
}
