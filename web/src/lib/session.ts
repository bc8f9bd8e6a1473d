// Who is signed in on this device, and the transitions: start-up, sign in, sign out, session
// ended elsewhere. Screens read `session` through useStore; guards read it through routes.ts.
import {
  ApiError,
  api,
  onAccessChanged,
  onUnauthenticated,
  rawRequest,
  setAccountId,
  setCsrfToken,
} from '../api/client';
import type { Me, Role, SignInResult } from '../api/types';
import { vi } from '../i18n/vi';
import { flash } from './flash';
import { navigate } from './router';
import * as outbox from './offline-queue';
import { readSignedInHint, writeSignedInHint } from './settings';
import { createStore } from './store';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed_out'; notice?: string }
  // The device had a session but neither the server nor the cache can answer GET /me.
  | { status: 'unreachable' }
  | { status: 'signed_in'; me: Me };

export const session = createStore<SessionState>({ status: 'loading' });

// Must match the service worker's cache for API answers (src/sw/sw.ts).
export const API_CACHE = 'sotay-api';

// Who gets the "Quản lý" entry: committees, and editors for the document and news editors.
export const COMMITTEE_ROLES: readonly Role[] = ['cell_committee', 'committee', 'editor', 'admin'];

export function rolesOf(me: Me): Set<Role> {
  return new Set(me.roles.map((g) => g.role));
}

export function hasAnyRole(me: Me, roles: readonly Role[]): boolean {
  const mine = rolesOf(me);
  return roles.some((r) => mine.has(r));
}

function setMe(me: Me): void {
  setCsrfToken(me.csrf_token);
  setAccountId(me.account.id);
  writeSignedInHint(true);
  session.set({ status: 'signed_in', me });
}

// Answers cached for one person must never be shown to the next one on a shared phone.
async function forgetCachedAnswers(): Promise<void> {
  try {
    if (typeof caches !== 'undefined') await caches.delete(API_CACHE);
  } catch {
    // No Cache Storage (old WebView, private mode): nothing was cached either.
  }
}

function endLocally(notice?: string): void {
  setCsrfToken(null);
  setAccountId(null);
  writeSignedInHint(false);
  void forgetCachedAnswers();
  session.set(notice ? { status: 'signed_out', notice } : { status: 'signed_out' });
}

export async function loadMe(): Promise<void> {
  try {
    setMe(await api.get('/me'));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) endLocally();
    else if (e instanceof ApiError && e.network) session.set({ status: 'unreachable' });
    else session.set({ status: 'unreachable' });
  }
}

// Start-up: without the hint there is nothing to ask the server, so sign-in shows at once.
export async function bootstrap(): Promise<void> {
  onUnauthenticated(() => {
    if (session.get().status === 'signed_in') endLocally(vi.errors.sessionExpired);
  });
  // The server says a step is due (forced password change, 2FA setup): reload /me and the
  // route guard sends the person to that step.
  onAccessChanged(() => void loadMe());
  if (!readSignedInHint()) {
    session.set({ status: 'signed_out' });
    return;
  }
  session.set({ status: 'loading' });
  await loadMe();
}

export async function signIn(login: string, password: string, totp?: string): Promise<SignInResult> {
  const body = totp ? { login, password, totp } : { login, password };
  const result = await api.post('/session', { body });
  setCsrfToken(result.csrf_token);
  await forgetCachedAnswers();
  const me = await api.get('/me');
  setMe(me);
  return result;
}

// Pushes to this device stop with a deliberate sign-out (a shared phone must not show the next
// person someone else's notices); asked while the session is still valid, never for long.
async function stopPushHere(): Promise<void> {
  const stop = import('./push').then((m) => m.disablePush()).catch(() => undefined);
  await Promise.race([stop, new Promise((r) => setTimeout(r, 3000))]);
}

export async function signOut(): Promise<void> {
  await stopPushHere();
  try {
    await api.delete('/session');
  } catch {
    // Offline or already expired: the device forgets the session either way; the server's
    // session ends by itself or from "Đăng xuất khỏi mọi thiết bị" on another device.
  }
  await outbox.clear().catch(() => undefined);
  endLocally();
  // A deliberate sign-out starts over at sign-in, not "come back to Settings afterwards".
  navigate('/login', { replace: true });
}

// After "sign out everywhere" the server has already cleared the cookie.
export function signedOutElsewhere(): void {
  void outbox.clear().catch(() => undefined);
  endLocally();
  navigate('/login', { replace: true });
}

// Sends what was queued offline. Called at start-up, on `online` and when the SW says so.
export async function replayOutbox(): Promise<void> {
  const s = session.get();
  if (s.status !== 'signed_in') return;
  // A fresh CSRF token: the one in memory may be from before a reload or a new sign-in.
  try {
    setMe(await api.get('/me'));
  } catch {
    return;
  }
  const current = session.get();
  if (current.status !== 'signed_in') return;
  const accountId = current.me.account.id;
  const report = await outbox.replay(async (item) => {
    if (item.accountId !== accountId) return { kind: 'drop', message: '' };
    try {
      await rawRequest(item.method, item.url, item.body);
      return { kind: 'sent' };
    } catch (e) {
      if (!(e instanceof ApiError)) return { kind: 'stop' };
      if (e.network || e.status === 401 || e.status === 403 || e.status === 429 || e.status >= 500)
        return { kind: 'stop' };
      return { kind: 'drop', message: `${item.label}: ${e.message}` };
    }
  });
  if (report.sent) flash(vi.network.replayed(report.sent), 'success');
  for (const d of report.dropped) if (d.message) flash(vi.network.replayFailed(d.message), 'error', 0);
  if (report.sent) await loadMe();
}
