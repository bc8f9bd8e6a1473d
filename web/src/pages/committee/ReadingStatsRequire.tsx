// "Yêu cầu đọc": a unit within the person's scope (their own committee's unit by default), a
// deadline and a note; the sentence under the fields says who will have to read what by when.
import { useRef, useState } from 'preact/hooks';
import type { Unit } from '../../api/types';
import { FormError } from '../../components/Field';
import { ddmmyyyy, vc } from '../../i18n/vi-committee';
import { ve } from '../../i18n/vi-editor';
import { flash } from '../../lib/flash';
import { session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { editorApi, type UnitRef } from './EditorApi';
import { validateRequired } from './EditorForm';
import { TextArea } from './EditorUi';
import { parseDate, todayIso, toInput } from './dates';
import { DateField, Dialog, DialogButtons, SelectField, UnitPicker, WillChange, useSubmit } from './ui';

const t = ve.required;
const OTHER = 'other';
// Required reading is a committee's decision (domain/reading.h: committee, cell committee or
// admin over the unit); editors follow the statistics only.
const SCOPE_ROLES = new Set(['cell_committee', 'committee', 'admin']);

export function useMayRequire(): boolean {
  const s = useStore(session);
  return s.status === 'signed_in' && s.me.roles.some((g) => SCOPE_ROLES.has(g.role));
}

// The units the person's grants cover, to choose from at once.
function scopeUnits(roles: readonly { role: string; unit_id: number | null; unit_name: string }[]): UnitRef[] {
  const seen = new Set<number>();
  return roles
    .filter((g) => SCOPE_ROLES.has(g.role) && g.unit_id !== null && !seen.has(g.unit_id) && (seen.add(g.unit_id), true))
    .map((g) => ({ id: g.unit_id!, name: g.unit_name }));
}

// A week from today, the usual time given before a cell meeting.
function inAWeek(): string {
  const d = new Date();
  d.setDate(d.getDate() + 7);
  return todayIso(d);
}

export function RequireDialog({
  document,
  initialUnit,
  onClose,
  onDone,
}: {
  document: { id: number; title: string };
  initialUnit?: UnitRef | null;
  onClose: () => void;
  onDone: (unitId: number) => void;
}) {
  const s = useStore(session);
  const units = s.status === 'signed_in' ? scopeUnits(s.me.roles) : [];
  const first = initialUnit ?? units[0] ?? null;
  const [choice, setChoice] = useState<string>(first && units.some((u) => u.id === first.id) ? String(first.id) : first ? 'initial' : OTHER);
  const [other, setOther] = useState<Unit | null>(null);
  const [deadline, setDeadline] = useState(toInput(inAWeek()));
  const [note, setNote] = useState('');
  const sub = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);

  const unit: UnitRef | null =
    choice === OTHER ? (other ? { id: other.id, name: other.name } : null) : choice === 'initial' ? (initialUnit ?? null) : (units.find((u) => String(u.id) === choice) ?? null);
  const deadlineIso = parseDate(deadline);
  const sentence = unit && deadlineIso ? t.confirm(document.title, unit.name, ddmmyyyy(deadlineIso)) : null;

  async function submit(e: Event) {
    e.preventDefault();
    const checked = validateRequired(unit, deadline, note, todayIso());
    if (!checked.ok) {
      sub.fail(checked.errors);
      return;
    }
    const r = await sub.run(() => editorApi.require(document.id, checked.body));
    if (r.ok) {
      flash(t.done(unit!.name), 'success');
      onDone(checked.body.unit_id);
    }
  }

  const options = [
    ...(initialUnit && !units.some((u) => u.id === initialUnit.id) ? [{ value: 'initial', label: initialUnit.name }] : []),
    ...units.map((u) => ({ value: String(u.id), label: u.name })),
    { value: OTHER, label: vc.picker.change },
  ];

  return (
    <Dialog
      title={t.title}
      onClose={onClose}
      failures={sub.failures}
      footer={<DialogButtons pending={sub.pending} label={t.send} form="e-require" onCancel={onClose} />}
    >
      <form id="e-require" ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <FormError message={sub.error} />
        <p class="c-lead">{document.title}</p>
        {options.length > 1 && (
          <SelectField label={t.unit} hint={t.unitHint} value={choice} onValue={setChoice} options={options} error={choice !== OTHER ? sub.fieldError('unit_id', choice) : undefined} />
        )}
        {choice === OTHER && <UnitPicker label={t.unit} hint={t.unitHint} value={other} onChange={setOther} error={sub.fieldError('unit_id', other)} />}
        <DateField label={t.deadline} value={deadline} onValue={setDeadline} error={sub.fieldError('deadline', deadline)} required />
        <TextArea label={t.note} hint={t.noteHint} value={note} onValue={setNote} error={sub.fieldError('note', note)} rows={3} />
        <WillChange text={sentence} />
      </form>
    </Dialog>
  );
}
