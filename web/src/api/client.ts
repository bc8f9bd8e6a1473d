// The one place that talks HTTP to the sotay API. Typed by the generated OpenAPI types, so a
// caller cannot send a field the server does not know nor read one it does not send.
//
// What it takes care of, so screens do not:
//  - the CSRF token on every state-changing request (X-CSRF-Token, from sign-in or GET /me);
//  - turning the error envelope into an ApiError with the server's Vietnamese message, the
//    per-field messages and the wait after too many attempts — never a raw code for people;
//  - a lost connection becomes an ApiError with `network` set and a Vietnamese message;
//  - requests that may wait (sendOrQueue) go to the offline outbox instead of failing;
//  - telling the session layer when the session has ended or needs a password change / 2FA.
import { vi } from '../i18n/vi';
import { enqueue } from '../lib/offline-queue';
import type {
  ErrorEnvelope,
  Method,
  Operation,
  PathParams,
  PathsWith,
  QueryParams,
  RequestBody,
  SuccessBody,
} from './types';

export const API_BASE = '/api/v1';
// The service worker marks answers it served from its cache with this header.
export const FROM_CACHE_HEADER = 'X-Sotay-From-Cache';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  // field name → Vietnamese message, for showing next to the input.
  readonly fields: Record<string, string>;
  readonly retryAfterSeconds: number | undefined;
  // True when the server could not be reached at all (offline, DNS, connection reset).
  readonly network: boolean;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string>;
    retryAfterSeconds?: number | undefined;
    network?: boolean;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.network = init.network ?? false;
  }

  // 403 and 404 both mean "not for you" to a person: the API answers 404 for anything outside
  // one's scope so as not to reveal it exists.
  get notAllowed(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

let csrfToken: string | null = null;
let accountId: number | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
// The signed-in account, stamped on queued changes so they are never sent as someone else.
export function setAccountId(id: number | null): void {
  accountId = id;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}

// Hooks for the session layer; kept as plain callbacks so this module does not import it.
type Listener<T> = (value: T) => void;
const listeners = {
  unauthenticated: new Set<Listener<ApiError>>(),
  accessChanged: new Set<Listener<ApiError>>(),
  reached: new Set<Listener<{ fromCache: boolean }>>(),
  unreachable: new Set<Listener<void>>(),
};
export function onUnauthenticated(fn: Listener<ApiError>): () => void {
  listeners.unauthenticated.add(fn);
  return () => listeners.unauthenticated.delete(fn);
}
// password_change_required / totp_setup_required: the session must finish a step first.
export function onAccessChanged(fn: Listener<ApiError>): () => void {
  listeners.accessChanged.add(fn);
  return () => listeners.accessChanged.delete(fn);
}
// Every answer (from the server, or from the service worker's cache when offline) and every
// failure to reach anything: the offline banner follows these rather than navigator.onLine alone.
export function onReached(fn: Listener<{ fromCache: boolean }>): () => void {
  listeners.reached.add(fn);
  return () => listeners.reached.delete(fn);
}
export function onUnreachable(fn: Listener<void>): () => void {
  listeners.unreachable.add(fn);
  return () => listeners.unreachable.delete(fn);
}

// GET URLs the person has opened in this page's life: the service worker is asked to keep them
// once it takes control (the first visit happens before it does).
const openedUrls = new Set<string>();
export function openedApiUrls(): string[] {
  return [...openedUrls];
}

export type CallArgs<O> = (PathParams<O> extends undefined ? { path?: undefined } : { path: PathParams<O> }) &
  (RequestBody<O> extends undefined ? { body?: undefined } : { body: RequestBody<O> }) & {
    query?: QueryParams<O>;
    signal?: AbortSignal;
  };

// Builds "/api/v1/units/12/members?status=official" from the spec's path template.
export function buildUrl(template: string, path?: Record<string, unknown>, query?: Record<string, unknown>): string {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = search.toString();
  return API_BASE + filled + (qs ? `?${qs}` : '');
}

// Reads the error envelope; tolerates bodies that are not ours (a proxy's HTML 502 page).
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let envelope: ErrorEnvelope | null = null;
  try {
    const data: unknown = await res.json();
    if (data && typeof data === 'object' && 'error' in data) envelope = data as ErrorEnvelope;
  } catch {
    envelope = null;
  }
  const header = Number(res.headers.get('Retry-After'));
  const retryAfterSeconds = envelope?.error.retry_after_seconds ?? (header > 0 ? header : undefined);
  const fields: Record<string, string> = {};
  for (const f of envelope?.error.fields ?? []) {
    // Keep the first message per field: that is the one to fix first.
    if (!(f.field in fields)) fields[f.field] = f.message;
  }
  const fallback = res.status >= 500 ? vi.errors.server : vi.errors.generic;
  return new ApiError({
    status: res.status,
    code: envelope?.error.code ?? (res.status >= 500 ? 'internal' : 'unknown'),
    message: envelope?.error.message || fallback,
    fields,
    retryAfterSeconds,
  });
}

export function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'network', message: vi.network.failed, network: true });
}

function isStateChanging(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

// The untyped core; the typed wrappers below are what screens call.
export async function rawRequest(
  method: string,
  url: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  const upper = method.toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (isStateChanging(upper) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  // Noted when asked, not when answered: the worker may take control while this request is on
  // its way (a first visit's GET /me right after signing in), and it must still be kept.
  if (upper === 'GET' && openedUrls.size < 100) openedUrls.add(url);
  let res: Response;
  try {
    res = await fetch(url, {
      method: upper,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    listeners.unreachable.forEach((fn) => fn());
    throw networkError();
  }
  const fromCache = res.headers.get(FROM_CACHE_HEADER) !== null;
  listeners.reached.forEach((fn) => fn({ fromCache }));

  if (!res.ok) {
    const err = await errorFromResponse(res);
    // A wrong password on sign-in is also a 401, but it does not end a session.
    const signingIn = upper === 'POST' && url === `${API_BASE}/session`;
    if (err.status === 401 && !signingIn) listeners.unauthenticated.forEach((fn) => fn(err));
    if (err.code === 'password_change_required' || err.code === 'totp_setup_required')
      listeners.accessChanged.forEach((fn) => fn(err));
    throw err;
  }

  if (res.status === 204) return undefined;
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function call<M extends Method, P extends PathsWith<M>>(
  method: M,
  path: P,
  args?: CallArgs<Operation<P, M>>,
): Promise<SuccessBody<Operation<P, M>>> {
  const a = (args ?? {}) as { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown; signal?: AbortSignal };
  const url = buildUrl(path as string, a.path, a.query);
  return (await rawRequest(method, url, a.body, a.signal)) as SuccessBody<Operation<P, M>>;
}

// Optional-argument signatures when an operation needs neither path parameters nor a body.
type MaybeArgs<M extends Method, P extends PathsWith<M>> = {} extends CallArgs<Operation<P, M>>
  ? [args?: CallArgs<Operation<P, M>>]
  : [args: CallArgs<Operation<P, M>>];

export const api = {
  get: <P extends PathsWith<'get'>>(path: P, ...args: MaybeArgs<'get', P>) => call('get', path, args[0]),
  post: <P extends PathsWith<'post'>>(path: P, ...args: MaybeArgs<'post', P>) => call('post', path, args[0]),
  patch: <P extends PathsWith<'patch'>>(path: P, ...args: MaybeArgs<'patch', P>) => call('patch', path, args[0]),
  put: <P extends PathsWith<'put'>>(path: P, ...args: MaybeArgs<'put', P>) => call('put', path, args[0]),
  delete: <P extends PathsWith<'delete'>>(path: P, ...args: MaybeArgs<'delete', P>) => call('delete', path, args[0]),
};

export type SendResult<T> = { queued: false; data: T } | { queued: true };

// For changes that can wait for the network (contact details now; read marks, quiz answers
// later): when the server cannot be reached, the request goes to the outbox in IndexedDB and is
// replayed, with the CSRF token current at that time, once the device is back online.
// Security-sensitive actions (password, two-factor, sessions) must not use this.
export async function sendOrQueue<M extends 'post' | 'patch' | 'put' | 'delete', P extends PathsWith<M>>(
  method: M,
  path: P,
  args: CallArgs<Operation<P, M>>,
  label: string,
): Promise<SendResult<SuccessBody<Operation<P, M>>>> {
  const a = args as { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = buildUrl(path as string, a.path, a.query);
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (!offline) {
    try {
      return { queued: false, data: (await rawRequest(method, url, a.body)) as SuccessBody<Operation<P, M>> };
    } catch (e) {
      if (!(e instanceof ApiError) || !e.network) throw e;
    }
  }
  await enqueue({ method: method.toUpperCase(), url, body: a.body, label, createdAt: Date.now(), accountId });
  return { queued: true };
}
