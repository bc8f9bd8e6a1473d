// Web Push: notices reach a phone whose app is closed (decision 0006). The service worker shows
// them (src/sw/sw.ts); this module asks for permission, subscribes with the server's VAPID key and
// tells the server where to push.
//
// Asked at a sensible moment only, never on the first visit: after the member acknowledges a
// notice or opens the inbox a second time, as a card with "Đồng ý" / "Để sau". "Để sau" is
// remembered for 30 days on the device. Where the browser cannot do push, nothing is offered.
import { api } from '../api/client';

const LATER_KEY = 'sotay.pushLater';
const VISITS_KEY = 'sotay.inboxVisits';
export const LATER_DAYS = 30;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

// "BEl62i…" (base64url, no padding) → the bytes pushManager.subscribe wants.
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.trim().replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const raw = atob(padded);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

export async function pushState(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  try {
    const reg = await navigator.serviceWorker.getRegistration();
    const sub = await reg?.pushManager.getSubscription();
    return sub && Notification.permission === 'granted' ? 'on' : 'off';
  } catch {
    return 'off';
  }
}

// ---- when to offer ----

export function laterUntil(now = Date.now()): number {
  return now + LATER_DAYS * 24 * 3600 * 1000;
}

export function rememberLater(now = Date.now()): void {
  storage()?.setItem(LATER_KEY, String(laterUntil(now)));
}

// Counts opening the inbox; returns how many times it has been opened on this device.
export function countInboxVisit(): number {
  const s = storage();
  const n = Number(s?.getItem(VISITS_KEY) ?? '0') + 1;
  s?.setItem(VISITS_KEY, String(n));
  return n;
}

// Whether to show the card: the moment is right, push is possible, not refused, not on already,
// and "Để sau" was not pressed in the last 30 days.
export function shouldOffer(state: PushState, momentIsRight: boolean, now = Date.now()): boolean {
  if (!momentIsRight || state !== 'off') return false;
  const later = Number(storage()?.getItem(LATER_KEY) ?? '0');
  return !(later > now);
}

// ---- turning it on and off ----

export class PushRefused extends Error {}

async function registration(): Promise<ServiceWorkerRegistration> {
  // The worker is registered after the page loads; wait for it rather than fail.
  return navigator.serviceWorker.ready;
}

// Asks the browser (a prompt the first time), subscribes, and tells the server.
// Throws PushRefused when the person said no in the browser's own prompt.
export async function enablePush(): Promise<void> {
  if (!pushSupported()) throw new PushRefused('unsupported');
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') throw new PushRefused(permission);
  const reg = await registration();
  let sub = await reg.pushManager.getSubscription();
  if (!sub) {
    const { public_key } = await api.get('/push/key');
    sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(public_key) });
  }
  await sendSubscription(sub);
}

async function sendSubscription(sub: PushSubscription): Promise<void> {
  const json = sub.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new Error('incomplete subscription');
  await api.post('/push/subscriptions', {
    body: { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } },
  });
}

// Stops pushes to this device, on the server first (while the session is still valid).
export async function disablePush(): Promise<void> {
  if (!pushSupported()) return;
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = await reg?.pushManager.getSubscription();
  if (!sub) return;
  try {
    await api.delete('/push/subscriptions', { body: { endpoint: sub.endpoint } });
  } finally {
    await sub.unsubscribe().catch(() => false);
  }
}

// At start-up, once a day: a subscription the browser renewed by itself, or one the server
// dropped, is sent again so pushes keep arriving.
const SYNCED_KEY = 'sotay.pushSynced';
export async function resyncPush(now = Date.now()): Promise<void> {
  if (!pushSupported() || Notification.permission !== 'granted') return;
  const s = storage();
  if (Number(s?.getItem(SYNCED_KEY) ?? '0') > now - 24 * 3600 * 1000) return;
  const reg = await navigator.serviceWorker.getRegistration();
  const sub = await reg?.pushManager.getSubscription();
  if (!sub) return;
  await sendSubscription(sub);
  s?.setItem(SYNCED_KEY, String(now));
}
