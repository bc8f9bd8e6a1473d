// Change password; also the forced step after a first sign-in or a reset (must_change_password),
// when it is the only screen reachable besides signing out.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import { Field, FormError, FormSuccess } from '../components/Field';
import { vi } from '../i18n/vi';
import { useFieldMessages } from '../lib/field-messages';
import { flash } from '../lib/flash';
import { loadMe, session, signOut } from '../lib/session';
import { navigate } from '../lib/router';
import { useStore } from '../lib/store';
import { safeNext, type RouteProps } from '../routes';

export default function ChangePassword({ query }: RouteProps) {
  const state = useStore(session);
  const forced = state.status === 'signed_in' && state.me.account.must_change_password;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const errors = useFieldMessages();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!current) errs.current_password = vi.password.currentRequired;
    if (!next) errs.new_password = vi.password.nextRequired;
    else if (next !== repeat) errs.repeat = vi.password.mismatch;
    errors.set(errs);
    setFormError(null);
    setDone(null);
    if (Object.keys(errs).length) return;
    setSaving(true);
    try {
      await api.post('/me/password', { body: { current_password: current, new_password: next } });
      setCurrent('');
      setNext('');
      setRepeat('');
      flash(vi.password.done, 'success');
      setDone(vi.password.done);
      // Clears must_change_password; a forced change then continues where the person was going
      // (or to the next required step, which the guard decides).
      await loadMe();
      if (forced) navigate(safeNext(query.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        errors.set(err.fields);
        setFormError(err.network ? vi.network.needsNetwork : err.message);
      } else setFormError(vi.errors.generic);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="page narrow" aria-labelledby="password-title">
      <h1 id="password-title" tabIndex={-1}>
        {forced ? vi.password.forcedTitle : vi.password.title}
      </h1>
      {forced && <p class="alert alert-info">{vi.password.forcedIntro}</p>}
      <form class="card form" onSubmit={submit} noValidate>
        <FormError message={formError} />
        <FormSuccess message={done} />
        <Field
          label={forced ? vi.password.currentForced : vi.password.current}
          name="current_password"
          type="password"
          autocomplete="current-password"
          value={current}
          onValue={setCurrent}
          error={errors.message('current_password', current)}
        />
        <Field
          label={vi.password.next}
          name="new_password"
          type="password"
          autocomplete="new-password"
          hint={vi.password.rules}
          value={next}
          onValue={setNext}
          error={errors.message('new_password', next)}
        />
        <Field
          label={vi.password.repeat}
          name="repeat"
          type="password"
          autocomplete="new-password"
          value={repeat}
          onValue={setRepeat}
          error={errors.message('repeat', repeat)}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={saving}>
          {saving ? vi.password.submitting : vi.password.submit}
        </button>
      </form>
      {forced && (
        <button type="button" class="btn btn-link" onClick={() => void signOut()}>
          {vi.nav.signOut}
        </button>
      )}
    </section>
  );
}
