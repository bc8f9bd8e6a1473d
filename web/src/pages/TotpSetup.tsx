// Two-factor setup: POST /me/totp/setup gives a secret and an otpauth:// URI, shown as a QR code
// (and as text for phones that cannot scan); the person confirms with a first code. It is also
// the forced step for roles that require two-factor (totp_setup_required).
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import { Field, FormError, FormSuccess } from '../components/Field';
import { QrCode } from '../components/QrCode';
import { vi } from '../i18n/vi';
import { useFieldMessages } from '../lib/field-messages';
import { flash } from '../lib/flash';
import { loadMe, session, signOut } from '../lib/session';
import { navigate } from '../lib/router';
import { useStore } from '../lib/store';
import { safeNext, type RouteProps } from '../routes';

// "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to copy by hand.
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

export default function TotpSetup({ query }: RouteProps) {
  const state = useStore(session);
  const me = state.status === 'signed_in' ? state.me : null;
  const forced = !!me?.account.totp_setup_required;
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauth_uri: string } | null>(null);
  const [code, setCode] = useState('');
  const errors = useFieldMessages();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function fail(err: unknown) {
    if (err instanceof ApiError) {
      errors.set(err.fields);
      setFormError(err.network ? vi.network.needsNetwork : err.message);
    } else setFormError(vi.errors.generic);
  }

  async function start() {
    setBusy(true);
    setFormError(null);
    setDone(null);
    try {
      setEnrolment(await api.post('/me/totp/setup'));
      setCode('');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: Event) {
    e.preventDefault();
    if (!code.trim()) {
      errors.set({ code: vi.totp.codeRequired });
      return;
    }
    setBusy(true);
    errors.set({});
    setFormError(null);
    try {
      await api.post('/me/totp/confirm', { body: { code: code.trim() } });
      setEnrolment(null);
      setDone(vi.totp.done);
      flash(vi.totp.done, 'success');
      await loadMe();
      if (forced) navigate(safeNext(query.get('next')), { replace: true });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="page narrow" aria-labelledby="totp-title">
      <h1 id="totp-title" tabIndex={-1}>
        {vi.totp.title}
      </h1>
      {forced && <p class="alert alert-info">{vi.totp.forcedIntro}</p>}
      <p>{vi.totp.intro}</p>
      <FormSuccess message={done} />
      {!enrolment && (
        <div class="card">
          <p>{me?.account.totp_enabled ? vi.totp.enabled : vi.totp.disabledNote}</p>
          <FormError message={formError} />
          <button type="button" class="btn btn-primary" onClick={start} disabled={busy}>
            {busy ? vi.totp.starting : me?.account.totp_enabled ? vi.totp.restart : vi.totp.start}
          </button>
        </div>
      )}
      {enrolment && (
        <form class="card form" onSubmit={confirm} noValidate>
          <p>{vi.totp.step1}</p>
          <div class="qr-box">
            <QrCode value={enrolment.otpauth_uri} label={vi.totp.qrLabel} sizeRem={13} ecc="M" />
          </div>
          <p class="small">{vi.totp.manual}</p>
          <p class="secret mono" data-testid="totp-secret">
            {groupSecret(enrolment.secret)}
          </p>
          <p>{vi.totp.step2}</p>
          <FormError message={formError} />
          <Field
            label={vi.totp.code}
            name="code"
            inputMode="numeric"
            autocomplete="one-time-code"
            value={code}
            onValue={(v) => setCode(v.replace(/\D/g, '').slice(0, 8))}
            error={errors.message('code', code)}
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? vi.totp.confirming : vi.totp.confirm}
          </button>
        </form>
      )}
      {forced && (
        <button type="button" class="btn btn-link" onClick={() => void signOut()}>
          {vi.nav.signOut}
        </button>
      )}
    </section>
  );
}
