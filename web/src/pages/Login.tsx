// Sign-in: phone number or username, password; a code field appears when the server says the
// account uses two-factor (totp_required). After too many failures the server answers 429 with
// the wait; the button stays disabled and counts down so nobody keeps trying and extends the lock.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { Field, FormError } from '../components/Field';
import { vi } from '../i18n/vi';
import { useFieldMessages } from '../lib/field-messages';
import { useStore } from '../lib/store';
import { session, signIn } from '../lib/session';

export default function Login() {
  const state = useStore(session);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const fieldErrors = useFieldMessages();
  const [formError, setFormError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [retryUntil, setRetryUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const totpRef = useRef<HTMLInputElement>(null);
  const loginRef = useRef<HTMLInputElement>(null);

  const waitSeconds = Math.max(0, Math.ceil((retryUntil - now) / 1000));

  // Count down the throttling wait once a second, only while there is one.
  useEffect(() => {
    if (retryUntil <= Date.now()) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= retryUntil) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [retryUntil]);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  const notice = state.status === 'signed_out' ? state.notice : undefined;

  async function submit(e: Event) {
    e.preventDefault();
    if (submitting || waitSeconds > 0) return;
    const errors: Record<string, string> = {};
    if (!login.trim()) errors.login = vi.signIn.loginRequired;
    if (!password) errors.password = vi.signIn.passwordRequired;
    if (needTotp && !totp.trim()) errors.totp = vi.signIn.totpRequired;
    fieldErrors.set(errors);
    setFormError(null);
    if (Object.keys(errors).length) {
      if (errors.login) loginRef.current?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await signIn(login.trim(), password, needTotp ? totp.trim() : undefined);
      // The route guard now moves on (home, the requested page, or a required step).
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setFormError(vi.errors.generic);
      } else if (err.code === 'totp_required') {
        // First time: ask for the code calmly. With a code already sent, it was wrong.
        if (needTotp && totp) setFormError(err.message);
        else setInfo(err.message || vi.signIn.totpHint);
        setNeedTotp(true);
        setTotp('');
      } else {
        if (err.retryAfterSeconds) {
          setRetryUntil(Date.now() + err.retryAfterSeconds * 1000);
          setNow(Date.now());
        }
        setFormError(err.message);
        fieldErrors.set(err.fields);
        if (err.code === 'unauthenticated') setPassword('');
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section class="page login-page" aria-labelledby="login-title">
      <div class="login-brand">
        <img src="/icons/icon-192.png" alt="" width={72} height={72} />
        <p class="login-app">{vi.signIn.intro}</p>
      </div>
      <form class="card form" onSubmit={submit} noValidate>
        <h1 id="login-title" tabIndex={-1}>
          {vi.signIn.title}
        </h1>
        {notice && (
          <div class="alert alert-info" role="status">
            {notice}
          </div>
        )}
        <FormError message={formError} />
        {waitSeconds > 0 && (
          <p class="alert alert-warning" role="status" aria-live="polite">
            {vi.signIn.retryIn(waitSeconds)}
          </p>
        )}
        <Field
          label={vi.signIn.login}
          name="login"
          value={login}
          onValue={setLogin}
          error={fieldErrors.message('login', login)}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          inputRef={loginRef}
          required
        />
        <Field
          label={vi.signIn.password}
          name="password"
          type={showPassword ? 'text' : 'password'}
          value={password}
          onValue={setPassword}
          error={fieldErrors.message('password', password)}
          autocomplete="current-password"
          required
        />
        <label class="check">
          <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.currentTarget.checked)} />
          <span>{vi.signIn.showPassword}</span>
        </label>
        {needTotp && (
          <>
            {info && (
              <div class="alert alert-info" role="status">
                {info}
              </div>
            )}
            <Field
              label={vi.signIn.totp}
              name="totp"
              value={totp}
              onValue={(v) => setTotp(v.replace(/\D/g, '').slice(0, 8))}
              error={fieldErrors.message('totp', totp)}
              hint={vi.signIn.totpHint}
              inputMode="numeric"
              autocomplete="one-time-code"
              inputRef={totpRef}
              required
            />
          </>
        )}
        <button type="submit" class="btn btn-primary btn-block" disabled={submitting || waitSeconds > 0}>
          {submitting ? vi.signIn.submitting : vi.signIn.submit}
        </button>
        <p class="muted small">{vi.signIn.help}</p>
      </form>
    </section>
  );
}
