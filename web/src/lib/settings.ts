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

// What the member wants to hear about. Kept on the device (it must work offline and before any
// answer) and, for the topics the server pushes (notices per sender level, news, reading
// reminders), saved to the account through PUT /me/notification-prefs. Meeting and study
// reminders have no server topic yet: device only. Urgent notices ignore all of this.
export type NoticeLevel = 'central' | 'province' | 'base' | 'cell';
export const NOTICE_LEVELS: readonly NoticeLevel[] = ['central', 'province', 'base', 'cell'];
export type ServerTopic = 'notices' | 'news' | 'reading';

export interface NotificationPrefs {
  notices: boolean;
  // Which levels of sender the notices may come from (when `notices` is on).
  levels: Record<NoticeLevel, boolean>;
  news: boolean;
  reading: boolean;
  meetings: boolean;
  study: boolean;
}

export interface ServerPref {
  topic: ServerTopic;
  level: NoticeLevel;
  push: boolean;
}

const allLevels = (on: boolean): Record<NoticeLevel, boolean> => ({ central: on, province: on, base: on, cell: on });

// Notices, reading reminders and meeting reminders matter most to a member: on unless turned off.
export const DEFAULT_NOTIFICATIONS: NotificationPrefs = {
  notices: true,
  levels: allLevels(true),
  news: false,
  reading: true,
  meetings: true,
  study: false,
};

const SWITCHES = ['notices', 'news', 'reading', 'meetings', 'study'] as const;

export function readNotificationPrefs(): NotificationPrefs {
  const raw = storage()?.getItem(NOTIFY_KEY);
  const out: NotificationPrefs = { ...DEFAULT_NOTIFICATIONS, levels: { ...DEFAULT_NOTIFICATIONS.levels } };
  if (!raw) return out;
  try {
    const parsed = JSON.parse(raw) as Partial<Record<keyof NotificationPrefs, unknown>>;
    for (const key of SWITCHES) {
      const v = parsed[key];
      if (typeof v === 'boolean') out[key] = v;
    }
    const levels = parsed.levels as Partial<Record<NoticeLevel, unknown>> | undefined;
    if (levels && typeof levels === 'object')
      for (const l of NOTICE_LEVELS) if (typeof levels[l] === 'boolean') out.levels[l] = levels[l];
    return out;
  } catch {
    return out;
  }
}

export function saveNotificationPrefs(prefs: NotificationPrefs): void {
  storage()?.setItem(NOTIFY_KEY, JSON.stringify(prefs));
}

// The device's choices as the server's items: one per topic and sender level.
export function toServerPrefs(p: NotificationPrefs): ServerPref[] {
  const out: ServerPref[] = [];
  for (const level of NOTICE_LEVELS) out.push({ topic: 'notices', level, push: p.notices && p.levels[level] });
  for (const level of NOTICE_LEVELS) out.push({ topic: 'news', level, push: p.news });
  for (const level of NOTICE_LEVELS) out.push({ topic: 'reading', level, push: p.reading });
  return out;
}

// The server's items over the device's choices: a topic the server says nothing about keeps the
// device's value; notices turned off keep the levels chosen before, for when they are turned on.
export function fromServerPrefs(items: readonly ServerPref[], base: NotificationPrefs): NotificationPrefs {
  const out: NotificationPrefs = { ...base, levels: { ...base.levels } };
  const of = (topic: ServerTopic) => items.filter((i) => i.topic === topic);
  const notices = of('notices');
  if (notices.length) {
    out.notices = notices.some((i) => i.push);
    if (out.notices) for (const l of NOTICE_LEVELS) out.levels[l] = notices.find((i) => i.level === l)?.push ?? base.levels[l];
  }
  for (const topic of ['news', 'reading'] as const) {
    const list = of(topic);
    if (list.length) out[topic] = list.some((i) => i.push);
  }
  return out;
}

// Turning notices on with no level chosen would change nothing: every level comes back on.
export function withNotices(p: NotificationPrefs, on: boolean): NotificationPrefs {
  const none = NOTICE_LEVELS.every((l) => !p.levels[l]);
  return { ...p, notices: on, levels: on && none ? allLevels(true) : { ...p.levels } };
}

export function withLevel(p: NotificationPrefs, level: NoticeLevel, on: boolean): NotificationPrefs {
  // Notices were off (every box shown empty): ticking one level means that level only.
  const levels = on && !p.notices ? { ...allLevels(false), [level]: true } : { ...p.levels, [level]: on };
  // The last level turned off turns notices off (and on again with a level).
  return { ...p, levels, notices: NOTICE_LEVELS.some((l) => levels[l]) };
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
