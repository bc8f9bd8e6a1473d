// Settings: large text (this device, applied at once) and notifications. The notification
// choices are kept on the device first (they work offline and at once) and saved to the account
// (PUT /me/notification-prefs, through the outbox when offline); on opening, the account's
// choices made on another device come back here unless a change of this device still waits to
// be sent. Web Push for this device is a switch of its own, shown only where the browser can.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, api, sendOrQueue } from '../api/client';
import { vi } from '../i18n/vi';
import { flash } from '../lib/flash';
import { list as outboxList } from '../lib/offline-queue';
import { PushRefused, disablePush, enablePush, pushState, type PushState } from '../lib/push';
import { signOut } from '../lib/session';
import {
  NOTICE_LEVELS,
  fromServerPrefs,
  largeText,
  readNotificationPrefs,
  saveNotificationPrefs,
  setLargeText,
  toServerPrefs,
  withLevel,
  withNotices,
  type NotificationPrefs,
} from '../lib/settings';
import { useStore } from '../lib/store';

const PREFS_URL = '/api/v1/me/notification-prefs';

async function prefsChangeWaiting(): Promise<boolean> {
  try {
    return (await outboxList()).some((item) => item.url === PREFS_URL);
  } catch {
    return false;
  }
}

function Switch({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (on: boolean) => void; hint?: string }) {
  const hintId = useId();
  return (
    <>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          onChange={(e) => onChange(e.currentTarget.checked)}
          aria-describedby={hint ? hintId : undefined}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p class="hint switch-hint" id={hintId}>
          {hint}
        </p>
      )}
    </>
  );
}

// Web Push on this device: on / off, or why it cannot be turned on.
function PushSwitch() {
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void pushState().then(setState);
  }, []);
  if (!state || state === 'unsupported') return null;
  if (state === 'denied') return <p class="alert alert-warning">{vi.push.blocked}</p>;

  async function change(on: boolean) {
    setBusy(true);
    try {
      if (on) await enablePush();
      else await disablePush();
      flash(on ? vi.push.enabled : vi.push.disabled, 'success', 2500);
    } catch (e) {
      flash(e instanceof PushRefused ? vi.push.refused : e instanceof ApiError ? e.message : vi.push.failed, 'error');
    } finally {
      setState(await pushState());
      setBusy(false);
    }
  }

  return (
    <div class="push-switch">
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={state === 'on'}
          disabled={busy}
          onChange={(e) => void change(e.currentTarget.checked)}
          aria-describedby="push-hint"
        />
        <span>{vi.push.switchLabel}</span>
      </label>
      <p class="hint switch-hint" id="push-hint">
        {vi.push.switchHint}
      </p>
    </div>
  );
}

function Notifications() {
  const [prefs, setPrefs] = useState<NotificationPrefs>(readNotificationPrefs);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; prefs: NotificationPrefs } | null>(null);
  const s = vi.settings;

  // The account's choices, unless this device still has a change of its own waiting.
  useEffect(() => {
    let alive = true;
    void Promise.all([api.get('/me/notification-prefs'), prefsChangeWaiting()]).then(
      ([server, waiting]) => {
        if (!alive || waiting || pending.current) return;
        const next = fromServerPrefs(server.items, readNotificationPrefs());
        saveNotificationPrefs(next);
        setPrefs(next);
      },
      () => undefined,
    );
    return () => {
      alive = false;
      // Leaving the page right after a change: send it now.
      const p = pending.current;
      if (p) {
        clearTimeout(p.timer);
        void sync(p.prefs);
      }
    };
  }, []);

  async function sync(next: NotificationPrefs) {
    pending.current = null;
    try {
      const r = await sendOrQueue('put', '/me/notification-prefs', { body: { items: toServerPrefs(next) } }, s.syncLabel);
      flash(r.queued ? vi.network.queued : s.saved, r.queued ? 'info' : 'success', 2500);
    } catch (e) {
      flash(e instanceof ApiError ? e.message : vi.errors.generic, 'error');
    }
  }

  function change(next: NotificationPrefs) {
    const before = prefs;
    setPrefs(next);
    saveNotificationPrefs(next);
    if (JSON.stringify(toServerPrefs(before)) === JSON.stringify(toServerPrefs(next)) && !pending.current) {
      flash(s.saved, 'success', 2500);
      return;
    }
    // Several quick taps become one request.
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = { prefs: next, timer: setTimeout(() => void sync(next), 600) };
  }

  return (
    <fieldset class="card">
      <legend>{s.notifications}</legend>
      <p class="hint">{s.notificationsHint}</p>
      <PushSwitch />
      <Switch label={s.notifyNotices} checked={prefs.notices} onChange={(on) => change(withNotices(prefs, on))} />
      <fieldset class="levels">
        <legend>{s.notifyLevels}</legend>
        {NOTICE_LEVELS.map((level) => (
          <label class="check" key={level}>
            <input type="checkbox" checked={prefs.notices && prefs.levels[level]} onChange={(e) => change(withLevel(prefs, level, e.currentTarget.checked))} />
            <span>{s.levels[level]}</span>
          </label>
        ))}
        <p class="hint">{s.urgentAlways}</p>
      </fieldset>
      <Switch label={s.notifyNews} checked={prefs.news} onChange={(on) => change({ ...prefs, news: on })} />
      <Switch label={s.notifyReading} checked={prefs.reading} onChange={(on) => change({ ...prefs, reading: on })} />
      <Switch label={s.notifyMeetings} checked={prefs.meetings} onChange={(on) => change({ ...prefs, meetings: on })} hint={s.deviceOnly} />
      <Switch label={s.notifyStudy} checked={prefs.study} onChange={(on) => change({ ...prefs, study: on })} hint={s.deviceOnly} />
    </fieldset>
  );
}

export default function Settings() {
  const large = useStore(largeText);
  const [signingOut, setSigningOut] = useState(false);

  return (
    <section class="page narrow" aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        {vi.settings.title}
      </h1>
      <fieldset class="card">
        <legend>{vi.settings.display}</legend>
        <Switch label={vi.settings.largeText} checked={large} onChange={setLargeText} hint={vi.settings.largeTextHint} />
      </fieldset>
      <Notifications />
      <div class="card">
        <button
          type="button"
          class="btn btn-secondary btn-block"
          disabled={signingOut}
          onClick={() => {
            setSigningOut(true);
            void signOut();
          }}
        >
          {signingOut ? vi.nav.signingOut : vi.nav.signOut}
        </button>
        <p class="muted small center">{vi.settings.version(__APP_VERSION__)}</p>
      </div>
    </section>
  );
}
