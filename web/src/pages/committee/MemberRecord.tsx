// The member record: view; edit with the server's field-level messages next to each input; status
// changes with their date; transfer to another cell; an account for the member (the temporary
// password shown once); the committee positions the member holds or held.
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { MemberDetail, MemberInput, Unit } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { Field, FormError } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../i18n/vi';
import { STATUS_LABELS, confirmText, ddmmyyyy, vc } from '../../i18n/vi-committee';
import { flash } from '../../lib/flash';
import { Link } from '../../lib/router';
import { hasAnyRole, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { checkDate, todayIso, toInput } from './dates';
import { MemberFields, bodyOf, valuesOf, type MemberValues } from './member-form';
import { StatusBadge } from './unit-panels';
import { DateField, Frame, OtherErrors, useFocusOnError, SelectField, TempPassword, UnitPicker, WillChange, holdsMembers, unitHref, useSubmit } from './ui';
import { suggestLogin } from './rules';

const m = vc.member;
const dateMessages = { requiredMessage: vc.dateRequired, invalidMessage: vc.dateInvalid };

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div class="row">
      <dt>{label}</dt>
      <dd>{value || vc.none}</dd>
    </div>
  );
}

function sexLabel(sex: string | null): string {
  return sex === 'nam' ? m.sexNam : sex === 'nu' ? m.sexNu : '';
}

function RecordCard({ member, onEdit }: { member: MemberDetail; onEdit: () => void }) {
  return (
    <section class="card" aria-labelledby="c-record-title">
      <div class="c-card-headline">
        <h2 id="c-record-title">{m.record}</h2>
        <button type="button" class="btn btn-secondary" onClick={onEdit}>
          {m.edit}
        </button>
      </div>
      <dl class="details">
        <Row label={m.fullName} value={member.full_name} />
        <Row label={m.birthDate} value={ddmmyyyy(member.birth_date)} />
        <Row label={m.sex} value={sexLabel(member.sex)} />
        <Row label={m.admittedOn} value={ddmmyyyy(member.admitted_on)} />
        <Row label={m.officialOn} value={ddmmyyyy(member.official_on)} />
        <Row label={m.cardNumber} value={member.card_number} />
        <Row label={m.citizenId} value={member.citizen_id} />
        <Row label={m.phone} value={member.phone} />
        <Row label={m.email} value={member.email} />
        <Row label={m.unit} value={`${member.unit_name} (${member.unit_code})`} />
        <Row label={m.status} value={member.status_label + (member.status_date ? ` — ${ddmmyyyy(member.status_date)}` : '')} />
        <Row label={m.updatedAt} value={formatDateTime(member.updated_at)} />
      </dl>
    </section>
  );
}

function EditCard({ member, onClose, onSaved }: { member: MemberDetail; onClose: () => void; onSaved: () => void }) {
  const initial = valuesOf(member);
  const [values, setValues] = useState<MemberValues>(initial);
  const s = useSubmit();
  const ref = useRef<HTMLFormElement>(null);
  useFocusOnError(ref, s.failures);
  async function submit(e: Event) {
    e.preventDefault();
    const body = bodyOf(values, { withStatus: false, since: initial });
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    const r = await s.run(() => api.patch('/members/{id}', { path: { id: member.id }, body }));
    if (r.ok) {
      flash(m.saved, 'success');
      onSaved();
    }
  }
  return (
    <form class="card form" ref={ref} onSubmit={submit} noValidate aria-labelledby="c-edit-title">
      <h2 id="c-edit-title">{m.editTitle}</h2>
      <FormError message={s.error} />
      <OtherErrors fields={s.fields} shown={Object.keys(initial)} />
      <MemberFields values={values} onChange={setValues} errors={s.fieldErrors(values)} withStatus={false} />
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={s.pending}>
          {s.pending ? vc.working : m.save}
        </button>
        <button type="button" class="btn btn-secondary" onClick={onClose}>
          {vc.cancel}
        </button>
      </div>
    </form>
  );
}

const STATUSES = ['official', 'probationary', 'left', 'transferred', 'deceased'] as const;

function StatusCard({ member, onDone }: { member: MemberDetail; onDone: () => void }) {
  const [status, setStatus] = useState<string>(member.status);
  const [date, setDate] = useState(toInput(todayIso()));
  const [tried, setTried] = useState(false);
  const s = useSubmit();
  const ref = useRef<HTMLFormElement>(null);
  useFocusOnError(ref, s.failures);
  const same = status === member.status;
  // A date only for a change (the current status keeps its own date).
  const needsDate = !same && status !== 'probationary';
  const checked = checkDate(date, { required: needsDate, ...dateMessages });
  const label = STATUS_LABELS[status] ?? status;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (same || (needsDate && !checked.iso)) {
      s.fail();
      return;
    }
    let body: MemberInput;
    if (status === 'official') body = { status, official_on: checked.iso };
    else if (status === 'probationary') body = { status, official_on: null };
    else body = { status, status_date: checked.iso };
    const r = await s.run(() => api.patch('/members/{id}', { path: { id: member.id }, body }));
    if (r.ok) {
      flash(m.statusChanged, 'success');
      setTried(false);
      onDone();
    }
  }
  const dateError = s.fieldError('status_date', date) ?? s.fieldError('official_on', date) ?? (tried ? checked.error : undefined);
  return (
    <form class="card form" ref={ref} onSubmit={submit} noValidate aria-labelledby="c-status-title">
      <h2 id="c-status-title">{m.statusTitle}</h2>
      <p>
        {m.status}: <StatusBadge status={member.status} label={member.status_label} />
        {member.status_date && <span class="muted"> {ddmmyyyy(member.status_date)}</span>}
      </p>
      <FormError message={s.error} />
      <OtherErrors fields={s.fields} shown={['status', 'status_date', 'official_on']} />
      <SelectField
        label={m.statusNew}
        name="status"
        value={status}
        onValue={setStatus}
        error={s.fieldError('status', status) ?? (tried && same ? m.statusSame : undefined)}
        options={STATUSES.map((x) => ({ value: x, label: STATUS_LABELS[x]! }))}
      />
      {needsDate && <DateField label={m.statusDateFor(status)} name="status_date" value={date} onValue={setDate} error={dateError} />}
      <WillChange text={!same && (!needsDate || checked.iso) ? confirmText.status(member.full_name, label, needsDate ? checked.iso : null) : null} />
      <button type="submit" class="btn btn-primary" disabled={s.pending}>
        {s.pending ? vc.working : m.statusConfirm}
      </button>
    </form>
  );
}

function TransferCard({ member, onDone }: { member: MemberDetail; onDone: () => void }) {
  const [unit, setUnit] = useState<Unit | null>(null);
  const [date, setDate] = useState(toInput(todayIso()));
  const [tried, setTried] = useState(false);
  const s = useSubmit();
  const ref = useRef<HTMLFormElement>(null);
  useFocusOnError(ref, s.failures);
  const checked = checkDate(date, { required: true, ...dateMessages });
  const active = member.status === 'official' || member.status === 'probationary';

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!unit || !checked.iso) {
      s.fail();
      return;
    }
    const r = await s.run(() => api.post('/members/{id}/transfer', { path: { id: member.id }, body: { unit_id: unit.id, date: checked.iso! } }));
    if (r.ok) {
      flash(m.transferred, 'success');
      setUnit(null);
      setTried(false);
      onDone();
    }
  }
  return (
    <form class="card form" ref={ref} onSubmit={submit} noValidate aria-labelledby="c-transfer-title">
      <h2 id="c-transfer-title">{m.transferTitle}</h2>
      {!active ? (
        <p class="muted">{m.transferNotActive}</p>
      ) : (
        <>
          <p class="muted small">{m.transferHint}</p>
          <FormError message={s.error} />
          <UnitPicker
            label={m.transferTo}
            value={unit}
            onChange={setUnit}
            error={s.fieldError('unit_id', unit) ?? (tried && !unit ? vc.picker.required : undefined)}
            reject={(u) =>
              u.id === member.unit_id
                ? m.alreadyHere
                : u.closed
                  ? 'Đơn vị này đã thôi hoạt động.'
                  : !holdsMembers(u.kind)
                    ? m.notACell
                    : null
            }
          />
          <DateField label={m.transferDate} name="date" value={date} onValue={setDate} error={s.fieldError('date', date) ?? (tried ? checked.error : undefined)} />
          <WillChange text={unit && checked.iso ? confirmText.transfer(member.full_name, member.unit_name, unit.name, checked.iso) : null} />
          <button type="submit" class="btn btn-primary" disabled={s.pending}>
            {s.pending ? vc.working : m.transferConfirm}
          </button>
        </>
      )}
    </form>
  );
}

function AccountCard({ member }: { member: MemberDetail }) {
  const [login, setLogin] = useState(suggestLogin(member.full_name));
  const [created, setCreated] = useState<{ login: string; password: string } | null>(null);
  const [finished, setFinished] = useState(false);
  const [tried, setTried] = useState(false);
  const s = useSubmit();
  const ref = useRef<HTMLFormElement>(null);
  useFocusOnError(ref, s.failures);
  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!login.trim()) {
      s.fail();
      return;
    }
    const r = await s.run(() => api.post('/members/{id}/account', { path: { id: member.id }, body: { login: login.trim() } }));
    if (r.ok) {
      setCreated({ login: r.value.login, password: r.value.temporary_password });
      flash(m.accountCreated, 'success');
    }
  }
  return (
    <section class="card" aria-labelledby="c-account-title">
      <h2 id="c-account-title">{m.accountTitle}</h2>
      {created ? (
        <TempPassword
          login={created.login}
          password={created.password}
          onDone={() => {
            setCreated(null);
            setFinished(true);
          }}
        />
      ) : finished ? (
        <p class="alert alert-success">{m.accountCreated}</p>
      ) : (
        <form class="form" ref={ref} onSubmit={submit} noValidate>
          <p class="muted small">{m.accountHint}</p>
          <FormError message={s.error} />
          <Field
            label={m.login}
            name="login"
            value={login}
            onValue={setLogin}
            hint={m.loginHint}
            error={s.fieldError('login', login) ?? (tried && !login.trim() ? m.loginRequired : undefined)}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
          />
          <button type="submit" class="btn btn-primary" disabled={s.pending}>
            {s.pending ? vc.working : m.createAccount}
          </button>
        </form>
      )}
    </section>
  );
}

function PositionsCard({ member }: { member: MemberDetail }) {
  return (
    <section class="card" aria-labelledby="c-positions-title">
      <h2 id="c-positions-title">{m.positions}</h2>
      {member.positions.length === 0 ? (
        <p class="muted">{m.noPositions}</p>
      ) : (
        <ul class="c-plain-list">
          {member.positions.map((p) => (
            <li key={p.id}>
              <strong>{p.position_label}</strong> — <Link href={unitHref(p.unit_id)}>{p.unit_name}</Link>
              <span class="muted small c-block">{vc.positions.term(ddmmyyyy(p.term_from), p.term_to ? ddmmyyyy(p.term_to) : null)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MemberView({ member, reload }: { member: MemberDetail; reload: () => void }) {
  const [editing, setEditing] = useState(false);
  const state = useStore(session);
  const canAccounts = state.status === 'signed_in' && hasAnyRole(state.me, ['committee', 'admin']);
  return (
    <Frame
      wide
      title={member.full_name}
      crumbs={[{ href: unitHref(member.unit_id), label: member.unit_name }]}
      lead={
        <p class="c-unit-kind">
          <StatusBadge status={member.status} label={member.status_label} />
          <span>{vc.member.unit}: </span>
          <Link href={unitHref(member.unit_id)}>{member.unit_name}</Link>
        </p>
      }
    >
      <div class="c-columns">
        <div>
          {editing ? (
            <EditCard
              member={member}
              onClose={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                reload();
              }}
            />
          ) : (
            <RecordCard member={member} onEdit={() => setEditing(true)} />
          )}
          <PositionsCard member={member} />
        </div>
        <div>
          <StatusCard key={`${member.status}-${member.updated_at}`} member={member} onDone={reload} />
          <TransferCard key={`t-${member.unit_id}-${member.status}`} member={member} onDone={reload} />
          {canAccounts && <AccountCard member={member} />}
        </div>
      </div>
    </Frame>
  );
}

export default function MemberRecord({ params }: RouteProps) {
  const id = Number(params.id);
  const result = useApi((signal) => api.get('/members/{id}', { path: { id }, signal }), [id]);
  return (
    <ApiState result={result}>
      {(member) => (member.id === id ? <MemberView member={member} reload={result.reload} /> : <Loading />)}
    </ApiState>
  );
}
