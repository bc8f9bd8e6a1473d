// Settings kept on this device: large text (applied at once) and notification preferences
// (stored now, used when notices and Web Push arrive).
import { useState } from 'preact/hooks';
import { vi } from '../i18n/vi';
import { flash } from '../lib/flash';
import { signOut } from '../lib/session';
import {
  largeText,
  readNotificationPrefs,
  saveNotificationPrefs,
  setLargeText,
  type NotificationPrefs,
} from '../lib/settings';
import { useStore } from '../lib/store';

const NOTIFY_KEYS: { key: keyof NotificationPrefs; label: string }[] = [
  { key: 'notices', label: vi.settings.notifyNotices },
  { key: 'meetings', label: vi.settings.notifyMeetings },
  { key: 'news', label: vi.settings.notifyNews },
  { key: 'study', label: vi.settings.notifyStudy },
];

export default function Settings() {
  const large = useStore(largeText);
  const [prefs, setPrefs] = useState<NotificationPrefs>(readNotificationPrefs);
  const [signingOut, setSigningOut] = useState(false);

  function toggle(key: keyof NotificationPrefs, on: boolean) {
    const next = { ...prefs, [key]: on };
    setPrefs(next);
    saveNotificationPrefs(next);
    flash(vi.settings.saved, 'success', 2500);
  }

  return (
    <section class="page narrow" aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        {vi.settings.title}
      </h1>
      <fieldset class="card">
        <legend>{vi.settings.display}</legend>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={large}
            onChange={(e) => setLargeText(e.currentTarget.checked)}
            aria-describedby="large-text-hint"
          />
          <span>{vi.settings.largeText}</span>
        </label>
        <p class="hint" id="large-text-hint">
          {vi.settings.largeTextHint}
        </p>
      </fieldset>
      <fieldset class="card">
        <legend>{vi.settings.notifications}</legend>
        <p class="hint">{vi.settings.notificationsHint}</p>
        {NOTIFY_KEYS.map(({ key, label }) => (
          <label class="switch" key={key}>
            <input type="checkbox" role="switch" checked={prefs[key]} onChange={(e) => toggle(key, e.currentTarget.checked)} />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
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
