// Own profile: the record as the committee keeps it (read only) and the contact details the
// member may fix themselves. A contact change made offline waits in the outbox.
import { useState } from 'preact/hooks';
import { ApiError, sendOrQueue } from '../api/client';
import type { Me, Member } from '../api/types';
import { Field, FormError, FormSuccess } from '../components/Field';
import { formatDate, vi } from '../i18n/vi';
import { useFieldMessages } from '../lib/field-messages';
import { flash } from '../lib/flash';
import { Link } from '../lib/router';
import { loadMe, session } from '../lib/session';
import { useStore } from '../lib/store';
import { PATHS } from '../paths';

function sexLabel(sex: Member['sex']): string {
  if (sex === 'nam') return vi.profile.sexNam;
  if (sex === 'nu') return vi.profile.sexNu;
  return vi.app.notSet;
}

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div class="row">
      <dt>{label}</dt>
      <dd>{value || vi.app.notSet}</dd>
    </div>
  );
}

function ContactForm({ member }: { member: Member }) {
  const [phone, setPhone] = useState(member.phone ?? '');
  const [email, setEmail] = useState(member.email ?? '');
  const errors = useFieldMessages();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(e: Event) {
    e.preventDefault();
    setSaving(true);
    errors.set({});
    setFormError(null);
    setDone(null);
    try {
      const result = await sendOrQueue(
        'patch',
        '/me/contact',
        { body: { phone: phone.trim(), email: email.trim() } },
        vi.profile.editContact,
      );
      if (result.queued) {
        setDone(vi.network.queued);
        flash(vi.network.queued, 'info');
      } else {
        setDone(vi.profile.saved);
        await loadMe();
      }
    } catch (err) {
      if (err instanceof ApiError) {
        errors.set(err.fields);
        setFormError(err.message);
      } else {
        setFormError(vi.errors.generic);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="card form" onSubmit={save} noValidate aria-labelledby="contact-title">
      <h2 id="contact-title">{vi.profile.editContact}</h2>
      <FormError message={formError} />
      <FormSuccess message={done} />
      <Field
        label={vi.profile.phone}
        name="phone"
        type="tel"
        inputMode="tel"
        autocomplete="tel"
        value={phone}
        onValue={setPhone}
        error={errors.message('phone', phone)}
      />
      <Field
        label={vi.profile.email}
        name="email"
        type="email"
        inputMode="email"
        autocomplete="email"
        value={email}
        onValue={setEmail}
        error={errors.message('email', email)}
      />
      <button type="submit" class="btn btn-primary" disabled={saving}>
        {saving ? vi.app.saving : vi.app.save}
      </button>
    </form>
  );
}

function AccountLinks({ me }: { me: Me }) {
  return (
    <nav class="card link-list" aria-label={vi.profile.account}>
      <h2>{vi.profile.account}</h2>
      <p class="muted">
        {vi.profile.login}: <strong>{me.account.login}</strong>
      </p>
      <ul>
        <li>
          <Link href={PATHS.password}>{vi.password.title}</Link>
        </li>
        <li>
          <Link href={PATHS.totp}>{vi.totp.title}</Link>
        </li>
        <li>
          <Link href={PATHS.sessions}>{vi.sessions.title}</Link>
        </li>
        <li>
          <Link href={PATHS.settings}>{vi.settings.title}</Link>
        </li>
      </ul>
    </nav>
  );
}

export default function Profile() {
  const state = useStore(session);
  if (state.status !== 'signed_in') return null;
  const { me } = state;
  const m = me.member;
  return (
    <section class="page" aria-labelledby="profile-title">
      <h1 id="profile-title" tabIndex={-1}>
        {vi.profile.title}
      </h1>
      {m ? (
        <>
          <div class="card">
            <h2>{vi.profile.personal}</h2>
            <dl class="details">
              <Row label={vi.profile.fullName} value={m.full_name} />
              <Row label={vi.profile.birthDate} value={m.birth_date ? formatDate(m.birth_date) : null} />
              <Row label={vi.profile.sex} value={sexLabel(m.sex)} />
              <Row label={vi.profile.unit} value={m.unit_name} />
              <Row label={vi.profile.cardNumber} value={m.card_number} />
              <Row label={vi.profile.status} value={m.status_label} />
              <Row label={vi.profile.admittedOn} value={m.admitted_on ? formatDate(m.admitted_on) : null} />
              <Row label={vi.profile.officialOn} value={m.official_on ? formatDate(m.official_on) : null} />
            </dl>
            <p class="muted small">{vi.profile.contactHint}</p>
          </div>
          <ContactForm member={m} />
        </>
      ) : (
        <p class="card">{vi.profile.noMember}</p>
      )}
      {me.roles.length > 0 && (
        <div class="card">
          <h2>{vi.profile.roles}</h2>
          <ul class="role-list">
            {me.roles.map((g) => (
              <li key={g.id}>
                {g.role_label} — {g.unit_name}
              </li>
            ))}
          </ul>
        </div>
      )}
      <AccountLinks me={me} />
    </section>
  );
}
