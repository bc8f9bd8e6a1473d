// Devices and sessions: where this account is signed in, sign out one device, or all of them.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { SessionInfo } from '../api/types';
import { ApiState } from '../components/ApiState';
import { FormError } from '../components/Field';
import { EmptyState } from '../components/Loading';
import { formatDateTime, vi } from '../i18n/vi';
import { flash } from '../lib/flash';
import { signedOutElsewhere } from '../lib/session';
import { useApi } from '../lib/use-api';

// A readable device name from the User-Agent: "Chrome trên Android". Rough on purpose; the IP
// and the times are there for anyone who needs more.
export function describeDevice(ua: string): string {
  if (!ua) return vi.sessions.unknownDevice;
  const os = /Android/i.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/i.test(ua)
      ? 'iPhone/iPad'
      : /Windows/i.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/i.test(ua)
          ? 'macOS'
          : /CrOS/i.test(ua)
            ? 'ChromeOS'
            : /Linux/i.test(ua)
              ? 'Linux'
              : null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\/|Opera/.test(ua)
      ? 'Opera'
      : /CocCoc|coc_coc/i.test(ua)
        ? 'Cốc Cốc'
        : /SamsungBrowser/.test(ua)
          ? 'Samsung Internet'
          : /Firefox\//.test(ua)
            ? 'Firefox'
            : /Chrome\/|Chromium\//.test(ua)
              ? 'Chrome'
              : /Safari\//.test(ua)
                ? 'Safari'
                : /curl\//i.test(ua)
                  ? 'curl'
                  : null;
  if (browser && os) return vi.sessions.deviceOn(browser, os);
  return browser ?? os ?? vi.sessions.unknownDevice;
}

function SessionRow({ s, onRevoke, busy }: { s: SessionInfo; onRevoke: (id: number) => void; busy: boolean }) {
  return (
    <li class={s.current ? 'session current' : 'session'}>
      <div class="session-main">
        <strong>{describeDevice(s.user_agent)}</strong>
        {s.current && <span class="badge badge-current">{vi.sessions.current}</span>}
      </div>
      <dl class="session-meta">
        <div>
          <dt>{vi.sessions.lastSeen}</dt>
          <dd>{formatDateTime(s.last_seen_at)}</dd>
        </div>
        <div>
          <dt>{vi.sessions.createdAt}</dt>
          <dd>{formatDateTime(s.created_at)}</dd>
        </div>
        <div>
          <dt>{vi.sessions.ip}</dt>
          <dd class="mono">{s.ip || vi.app.notSet}</dd>
        </div>
      </dl>
      {!s.current && (
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => onRevoke(s.id)}>
          {vi.sessions.revoke}
        </button>
      )}
    </li>
  );
}

export default function Sessions() {
  const result = useApi((signal) => api.get('/sessions', { signal }), []);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function failed(err: unknown) {
    setError(err instanceof ApiError ? (err.network ? vi.network.needsNetwork : err.message) : vi.errors.generic);
  }

  async function revoke(id: number) {
    setBusy(true);
    setError(null);
    try {
      await api.delete('/sessions/{id}', { path: { id } });
      flash(vi.sessions.revoked, 'success');
      result.reload();
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  }

  async function everywhere() {
    setBusy(true);
    setError(null);
    try {
      await api.delete('/sessions');
      signedOutElsewhere();
    } catch (err) {
      failed(err);
      setBusy(false);
    }
  }

  return (
    <section class="page" aria-labelledby="sessions-title">
      <h1 id="sessions-title" tabIndex={-1}>
        {vi.sessions.title}
      </h1>
      <p>{vi.sessions.intro}</p>
      <FormError message={error} />
      <ApiState result={result}>
        {(data) =>
          data.sessions.length === 0 ? (
            <EmptyState title={vi.sessions.empty} />
          ) : (
            <ul class="sessions">
              {data.sessions.map((s) => (
                <SessionRow key={s.id} s={s} onRevoke={revoke} busy={busy} />
              ))}
            </ul>
          )
        }
      </ApiState>
      <div class="card danger-zone">
        {!confirming ? (
          <button type="button" class="btn btn-danger" onClick={() => setConfirming(true)} disabled={busy}>
            {vi.sessions.everywhere}
          </button>
        ) : (
          <div role="alertdialog" aria-labelledby="everywhere-q">
            <p id="everywhere-q">{vi.sessions.everywhereConfirm}</p>
            <div class="actions">
              <button type="button" class="btn btn-danger" onClick={everywhere} disabled={busy}>
                {vi.sessions.everywhere}
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => setConfirming(false)} disabled={busy}>
                {vi.app.cancel}
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
