import { afterEach, beforeEach, describe, expect, it, vi as mock } from 'vitest';
import { vi } from '../i18n/vi';
import * as outbox from '../lib/offline-queue';
import {
  ApiError,
  api,
  buildUrl,
  onAccessChanged,
  onUnauthenticated,
  openedApiUrls,
  sendOrQueue,
  setAccountId,
  setCsrfToken,
} from './client';

type FetchArgs = [input: string, init: RequestInit];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

let fetchMock: ReturnType<typeof mock.fn>;

beforeEach(async () => {
  fetchMock = mock.fn();
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  setCsrfToken(null);
  setAccountId(null);
  outbox.resetForTests();
  await outbox.clear();
});

afterEach(() => {
  mock.restoreAllMocks();
});

function lastCall(): FetchArgs {
  return fetchMock.mock.calls.at(-1) as FetchArgs;
}

describe('buildUrl', () => {
  it('fills path parameters from the spec template and encodes them', () => {
    expect(buildUrl('/units/{id}/members', { id: 12 })).toBe('/api/v1/units/12/members');
    expect(buildUrl('/units/{id}', { id: 'a/b' })).toBe('/api/v1/units/a%2Fb');
  });

  it('adds query parameters, skipping empty ones and joining lists', () => {
    expect(buildUrl('/units/search', undefined, { q: 'nghi quyet', empty: '', none: undefined })).toBe(
      '/api/v1/units/search?q=nghi+quyet',
    );
    expect(buildUrl('/units/{id}/members', { id: 3 }, { status: ['official', 'probationary'] })).toBe(
      '/api/v1/units/3/members?status=official%2Cprobationary',
    );
  });

  it('refuses a missing path parameter instead of calling /units/undefined', () => {
    expect(() => buildUrl('/units/{id}', {})).toThrow(/id/);
  });
});

describe('requests', () => {
  it('sends the CSRF token on state-changing requests only', async () => {
    setCsrfToken('tok-123');
    fetchMock.mockResolvedValue(json(200, { changed: true }));
    await api.post('/me/password', { body: { current_password: 'a', new_password: 'b1234567' } });
    let [url, init] = lastCall();
    expect(url).toBe('/api/v1/me/password');
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-123');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe(JSON.stringify({ current_password: 'a', new_password: 'b1234567' }));

    fetchMock.mockResolvedValue(json(200, { sessions: [] }));
    await api.get('/sessions');
    [, init] = lastCall();
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect(init.method).toBe('GET');
  });

  it('returns the parsed success body', async () => {
    fetchMock.mockResolvedValue(json(200, { revoked: true }));
    const r = await api.delete('/sessions/{id}', { path: { id: 7 } });
    expect(r.revoked).toBe(true);
    expect(lastCall()[0]).toBe('/api/v1/sessions/7');
  });

  it('notes a GET for the service worker while it is still on its way, never a change', async () => {
    // A first visit: the worker may take control between the question and the answer.
    let answer: (r: Response) => void = () => undefined;
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    const pending = api.get('/me');
    expect(openedApiUrls()).toContain('/api/v1/me');
    answer(json(200, { member: null }));
    await pending;
    fetchMock.mockResolvedValue(json(200, { revoked: true }));
    await api.delete('/sessions/{id}', { path: { id: 8 } });
    expect(openedApiUrls()).not.toContain('/api/v1/sessions/8');
  });
});

describe('errors', () => {
  it('turns the envelope into an ApiError with the Vietnamese message and field messages', async () => {
    fetchMock.mockResolvedValue(
      json(422, {
        error: {
          code: 'validation_failed',
          message: 'Thông tin liên hệ chưa hợp lệ.',
          fields: [
            { field: 'phone', message: 'Số điện thoại không hợp lệ.' },
            { field: 'phone', message: 'second message is ignored' },
            { field: 'email', message: 'Địa chỉ thư không hợp lệ.' },
          ],
        },
      }),
    );
    const err = await api.patch('/me/contact', { body: { phone: 'x' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(422);
    expect(e.message).toBe('Thông tin liên hệ chưa hợp lệ.');
    expect(e.fields).toEqual({ phone: 'Số điện thoại không hợp lệ.', email: 'Địa chỉ thư không hợp lệ.' });
    expect(e.network).toBe(false);
  });

  it('reads the throttling wait from the body, or from Retry-After', async () => {
    fetchMock.mockResolvedValueOnce(
      json(429, { error: { code: 'rate_limited', message: 'Quá nhiều lần thử.', retry_after_seconds: 840 } }),
    );
    const a = (await api.post('/session', { body: { login: 'x', password: 'y' } }).catch((e: unknown) => e)) as ApiError;
    expect(a.retryAfterSeconds).toBe(840);

    fetchMock.mockResolvedValueOnce(json(429, { error: { code: 'rate_limited', message: 'Chờ.' } }, { 'Retry-After': '60' }));
    const b = (await api.post('/session', { body: { login: 'x', password: 'y' } }).catch((e: unknown) => e)) as ApiError;
    expect(b.retryAfterSeconds).toBe(60);
  });

  it('never shows a proxy error page or a raw code: non-JSON 5xx gives the Vietnamese server message', async () => {
    fetchMock.mockResolvedValue(new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    const e = (await api.get('/me').catch((x: unknown) => x)) as ApiError;
    expect(e.message).toBe(vi.errors.server);
    expect(e.message).not.toMatch(/502|Bad Gateway/);
  });

  it('reports a connection failure as a network ApiError with a Vietnamese message', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const e = (await api.get('/me').catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.network).toBe(true);
    expect(e.message).toBe(vi.network.failed);
  });

  it('treats 403 and 404 as "not allowed"', () => {
    expect(new ApiError({ status: 404, code: 'not_found', message: '' }).notAllowed).toBe(true);
    expect(new ApiError({ status: 403, code: 'forbidden', message: '' }).notAllowed).toBe(true);
    expect(new ApiError({ status: 422, code: 'validation_failed', message: '' }).notAllowed).toBe(false);
  });

  it('announces an ended session, but not a wrong password at sign-in', async () => {
    const ended = mock.fn();
    const off = onUnauthenticated(ended);
    fetchMock.mockResolvedValue(json(401, { error: { code: 'unauthenticated', message: 'Sai mật khẩu.' } }));
    await api.post('/session', { body: { login: 'a', password: 'b' } }).catch(() => undefined);
    expect(ended).not.toHaveBeenCalled();
    await api.get('/me').catch(() => undefined);
    expect(ended).toHaveBeenCalledTimes(1);
    off();
  });

  it('announces a required step (password change, two-factor setup)', async () => {
    const step = mock.fn();
    const off = onAccessChanged(step);
    fetchMock.mockResolvedValue(
      json(403, { error: { code: 'password_change_required', message: 'Bạn cần đổi mật khẩu trước khi tiếp tục.' } }),
    );
    await api.patch('/me/contact', { body: { phone: '1' } }).catch(() => undefined);
    expect(step).toHaveBeenCalledTimes(1);
    off();
  });
});

describe('sendOrQueue', () => {
  it('sends at once when the server answers', async () => {
    fetchMock.mockResolvedValue(json(200, { id: 1, full_name: 'A' }));
    const r = await sendOrQueue('patch', '/me/contact', { body: { phone: '0912345678' } }, 'Sửa liên hệ');
    expect(r.queued).toBe(false);
    expect(await outbox.count()).toBe(0);
  });

  it('queues the change in IndexedDB when the server cannot be reached, stamped with the account', async () => {
    setAccountId(42);
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const r = await sendOrQueue('patch', '/me/contact', { body: { phone: '0912345678' } }, 'Sửa liên hệ');
    expect(r.queued).toBe(true);
    const items = await outbox.list();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      method: 'PATCH',
      url: '/api/v1/me/contact',
      body: { phone: '0912345678' },
      label: 'Sửa liên hệ',
      accountId: 42,
    });
  });

  it('does not queue what the server refused: the person must fix it now', async () => {
    fetchMock.mockResolvedValue(
      json(422, { error: { code: 'validation_failed', message: 'Sai.', fields: [{ field: 'phone', message: 'Sai số.' }] } }),
    );
    await expect(sendOrQueue('patch', '/me/contact', { body: { phone: 'x' } }, 'l')).rejects.toBeInstanceOf(ApiError);
    expect(await outbox.count()).toBe(0);
  });
});
