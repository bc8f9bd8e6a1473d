// The member record's fields as a form, shared by "add a member" (unit page) and "edit" (member
// record). The server checks every rule and answers with one Vietnamese message per field; the
// form puts each next to its input. Dates are typed dd/mm/yyyy and sent as YYYY-MM-DD when they
// parse (the server also accepts what people type, and explains what it cannot read).
import type { Member, MemberInput } from '../../api/types';
import { Field } from '../../components/Field';
import { STATUS_LABELS, vc } from '../../i18n/vi-committee';
import { parseDate, toInput } from './dates';
import { DateField, SelectField } from './ui';

export interface MemberValues {
  full_name: string;
  birth_date: string;
  sex: string;
  admitted_on: string;
  official_on: string;
  card_number: string;
  citizen_id: string;
  phone: string;
  email: string;
  status: string;
}

export const EMPTY_MEMBER: MemberValues = {
  full_name: '',
  birth_date: '',
  sex: '',
  admitted_on: '',
  official_on: '',
  card_number: '',
  citizen_id: '',
  phone: '',
  email: '',
  status: 'official',
};

export function valuesOf(m: Member): MemberValues {
  return {
    full_name: m.full_name,
    birth_date: toInput(m.birth_date),
    sex: m.sex ?? '',
    admitted_on: toInput(m.admitted_on),
    official_on: toInput(m.official_on),
    card_number: m.card_number ?? '',
    citizen_id: m.citizen_id ?? '',
    phone: m.phone ?? '',
    email: m.email ?? '',
    status: m.status,
  };
}

const DATE_KEYS = ['birth_date', 'admitted_on', 'official_on'] as const;
const TEXT_KEYS = ['full_name', 'sex', 'card_number', 'citizen_id', 'phone', 'email'] as const;

// The request body: blanks become null (clears the field), dates are normalized when they parse.
// With `since`, only what changed is sent (PATCH), so a status change elsewhere is not undone.
export function bodyOf(v: MemberValues, opts: { withStatus: boolean; since?: MemberValues }): MemberInput {
  const body: MemberInput = {};
  const put = (key: keyof MemberValues, value: string | null) => {
    if (opts.since && (opts.since[key].trim() || null) === (v[key].trim() || null)) return;
    (body as Record<string, string | null>)[key] = value;
  };
  for (const k of TEXT_KEYS) put(k, v[k].trim() || null);
  for (const k of DATE_KEYS) {
    const t = v[k].trim();
    put(k, t ? (parseDate(t) ?? t) : null);
  }
  if (opts.withStatus) put('status', v.status || null);
  return body;
}

export function MemberFields({
  values,
  onChange,
  errors,
  withStatus,
}: {
  values: MemberValues;
  onChange: (v: MemberValues) => void;
  errors: Record<string, string>;
  withStatus: boolean;
}) {
  const set = (key: keyof MemberValues) => (value: string) => onChange({ ...values, [key]: value });
  const m = vc.member;
  return (
    <div class="c-form-grid">
      <div class="c-span-2">
        <Field
          label={m.fullName}
          name="full_name"
          value={values.full_name}
          onValue={set('full_name')}
          error={errors.full_name}
          autocomplete="off"
          autocapitalize="words"
          required
        />
      </div>
      <DateField label={m.birthDate} name="birth_date" value={values.birth_date} onValue={set('birth_date')} error={errors.birth_date} />
      <SelectField
        label={m.sex}
        name="sex"
        value={values.sex}
        onValue={set('sex')}
        error={errors.sex}
        options={[
          { value: '', label: m.sexUnset },
          { value: 'nam', label: m.sexNam },
          { value: 'nu', label: m.sexNu },
        ]}
      />
      <DateField label={m.admittedOn} name="admitted_on" value={values.admitted_on} onValue={set('admitted_on')} error={errors.admitted_on} />
      <DateField
        label={m.officialOn}
        name="official_on"
        value={values.official_on}
        onValue={set('official_on')}
        error={errors.official_on}
        hint={m.officialOnHint}
      />
      {withStatus && (
        <SelectField
          label={m.status}
          name="status"
          value={values.status}
          onValue={set('status')}
          error={errors.status}
          options={[
            { value: 'official', label: STATUS_LABELS.official! },
            { value: 'probationary', label: STATUS_LABELS.probationary! },
          ]}
        />
      )}
      <Field
        label={m.cardNumber}
        name="card_number"
        value={values.card_number}
        onValue={set('card_number')}
        error={errors.card_number}
        inputMode="numeric"
        autocomplete="off"
      />
      <Field
        label={m.citizenId}
        name="citizen_id"
        value={values.citizen_id}
        onValue={set('citizen_id')}
        error={errors.citizen_id}
        inputMode="numeric"
        autocomplete="off"
      />
      <Field
        label={m.phone}
        name="phone"
        type="tel"
        inputMode="tel"
        value={values.phone}
        onValue={set('phone')}
        error={errors.phone}
        autocomplete="off"
      />
      <Field
        label={m.email}
        name="email"
        type="email"
        inputMode="email"
        value={values.email}
        onValue={set('email')}
        error={errors.email}
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
      />
    </div>
  );
}
