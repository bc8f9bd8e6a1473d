// Unit operations (committees and admins): create a child unit, rename, move under another parent,
// merge into another unit, close. Each is a dialog whose fields include the effective date
// (today unless changed) and which says in plain words what will change before anything does.
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Unit, UnitDetail } from '../../api/types';
import { Field, FormError } from '../../components/Field';
import { KIND_LABELS, confirmText, vc } from '../../i18n/vi-committee';
import { flash } from '../../lib/flash';
import { navigate } from '../../lib/router';
import { checkDate, todayIso, toInput } from './dates';
import { mayMerge } from './rules';
import { DateField, Dialog, DialogButtons, SelectField, UnitPicker, WillChange, mayContain, unitHref, useSubmit } from './ui';

export type OpKind = 'create' | 'rename' | 'move' | 'merge' | 'close';

const dateMessages = { requiredMessage: vc.dateRequired, invalidMessage: vc.dateInvalid };

function useEffectiveDate() {
  const [text, setText] = useState(toInput(todayIso()));
  const checked = checkDate(text, { required: true, ...dateMessages });
  return { text, setText, iso: checked.iso, error: checked.error };
}

// Members and units that go with a unit when it moves or merges (the whole subtree).
function load(unit: UnitDetail) {
  const memberCount = unit.subtree?.member_count ?? unit.member_count;
  const unitsBelow = Math.max(0, (unit.subtree?.unit_count ?? 1) - 1);
  return { memberCount, unitsBelow };
}

interface Props {
  unit: UnitDetail;
  onClose: () => void;
  onDone: () => void;
}

function MoveDialog({ unit, onClose, onDone }: Props) {
  const [parent, setParent] = useState<Unit | null>(null);
  const date = useEffectiveDate();
  const s = useSubmit();
  const [tried, setTried] = useState(false);
  const { memberCount, unitsBelow } = load(unit);
  const from = unit.ancestors[unit.ancestors.length - 1]?.name ?? null;
  const text = parent && date.iso ? confirmText.move(unit.name, memberCount, unitsBelow, from, parent.name, date.iso) : null;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!parent || !date.iso) {
      s.fail();
      return;
    }
    const r = await s.run(() => api.post('/units/{id}/move', { path: { id: unit.id }, body: { parent_id: parent.id, date: date.iso! } }));
    if (r.ok) {
      flash(vc.ops.moved, 'success');
      onDone();
    }
  }
  return (
    <Dialog failures={s.failures} title={`${vc.ops.move}: ${unit.name}`} onClose={onClose} footer={<DialogButtons form="c-op-form" pending={s.pending} label={vc.ops.confirmMove} onCancel={onClose} />}>
      <form id="c-op-form" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        <UnitPicker
          label={vc.ops.newParent}
          value={parent}
          onChange={setParent}
          error={s.fieldError('parent_id', parent) ?? (tried && !parent ? vc.picker.required : undefined)}
          reject={(u) =>
            u.id === unit.id
              ? 'Đây là chính đơn vị đang chuyển.'
              : u.id === unit.parent_id
                ? 'Đơn vị đang trực thuộc đơn vị này.'
                : u.closed
                  ? 'Đơn vị này đã thôi hoạt động.'
                  : !mayContain(u.kind, unit.kind)
                    ? `${unit.kind_label} không thể trực thuộc ${u.kind_label}.`
                    : null
          }
        />
        <DateField label={vc.effectiveDate} name="date" value={date.text} onValue={date.setText} error={s.fieldError('date', date.text) ?? (tried ? date.error : undefined)} />
        <WillChange text={text} />
      </form>
    </Dialog>
  );
}

function MergeDialog({ unit, onClose }: Props) {
  const [into, setInto] = useState<Unit | null>(null);
  const date = useEffectiveDate();
  const s = useSubmit();
  const [tried, setTried] = useState(false);
  const { memberCount, unitsBelow } = load(unit);
  const text = into && date.iso ? confirmText.merge(unit.name, memberCount, unit.member_count, unitsBelow, into.name, date.iso) : null;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!into || !date.iso) {
      s.fail();
      return;
    }
    const r = await s.run(() => api.post('/units/{id}/merge', { path: { id: unit.id }, body: { into_id: into.id, date: date.iso! } }));
    if (r.ok) {
      flash(vc.ops.merged, 'success');
      onClose();
      navigate(unitHref(into.id));
    }
  }
  return (
    <Dialog failures={s.failures} title={`${vc.ops.merge}: ${unit.name}`} onClose={onClose} footer={<DialogButtons form="c-op-form" pending={s.pending} danger label={vc.ops.confirmMerge} onCancel={onClose} />}>
      <form id="c-op-form" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        <UnitPicker
          label={vc.ops.mergeInto}
          value={into}
          onChange={setInto}
          error={s.fieldError('into_id', into) ?? (tried && !into ? vc.picker.required : undefined)}
          reject={(u) =>
            u.id === unit.id
              ? 'Đây là chính đơn vị đang hợp nhất.'
              : u.closed
                ? 'Đơn vị này đã thôi hoạt động.'
                : !mayMerge(unit.kind, u.kind)
                  ? `Không thể hợp nhất ${unit.kind_label} vào ${u.kind_label}.`
                  : null
          }
        />
        <DateField label={vc.effectiveDate} name="date" value={date.text} onValue={date.setText} error={s.fieldError('date', date.text) ?? (tried ? date.error : undefined)} />
        <WillChange text={text} />
      </form>
    </Dialog>
  );
}

function CloseDialog({ unit, onClose, onDone }: Props) {
  const date = useEffectiveDate();
  const s = useSubmit();
  const [tried, setTried] = useState(false);
  const { memberCount, unitsBelow } = load(unit);
  const blocked = memberCount > 0 || unitsBelow > 0;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (blocked || !date.iso) {
      s.fail();
      return;
    }
    const r = await s.run(() => api.post('/units/{id}/close', { path: { id: unit.id }, body: { date: date.iso! } }));
    if (r.ok) {
      flash(vc.ops.closed, 'success');
      onDone();
    }
  }
  return (
    <Dialog
      failures={s.failures}
      title={`${vc.ops.close}: ${unit.name}`}
      onClose={onClose}
      footer={<DialogButtons form="c-op-form" pending={s.pending} danger disabled={blocked} label={vc.ops.confirmClose} onCancel={onClose} />}
    >
      <form id="c-op-form" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        {blocked ? (
          <p class="alert alert-warning">{vc.ops.closeBlocked(memberCount, unitsBelow)}</p>
        ) : (
          <>
            <DateField label={vc.effectiveDate} name="date" value={date.text} onValue={date.setText} error={s.fieldError('date', date.text) ?? (tried ? date.error : undefined)} />
            <WillChange text={date.iso ? confirmText.close(unit.name, date.iso) : null} />
          </>
        )}
      </form>
    </Dialog>
  );
}

function RenameDialog({ unit, onClose, onDone }: Props) {
  const [name, setName] = useState(unit.name);
  const date = useEffectiveDate();
  const s = useSubmit();
  const [tried, setTried] = useState(false);
  const clean = name.replace(/\s+/g, ' ').trim();
  const nameError = !clean ? vc.ops.nameRequired : clean === unit.name ? vc.ops.sameName : undefined;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (nameError || !date.iso) {
      s.fail();
      return;
    }
    const r = await s.run(() => api.patch('/units/{id}', { path: { id: unit.id }, body: { name: clean, date: date.iso! } }));
    if (r.ok) {
      flash(vc.ops.renamed, 'success');
      onDone();
    }
  }
  return (
    <Dialog failures={s.failures} title={`${vc.ops.rename}: ${unit.name}`} onClose={onClose} footer={<DialogButtons form="c-op-form" pending={s.pending} label={vc.ops.confirmRename} onCancel={onClose} />}>
      <form id="c-op-form" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        <Field label={vc.ops.newName} name="name" value={name} onValue={setName} error={s.fieldError('name', name) ?? (tried ? nameError : undefined)} autocomplete="off" />
        <DateField label={vc.effectiveDate} name="date" value={date.text} onValue={date.setText} error={s.fieldError('date', date.text) ?? (tried ? date.error : undefined)} />
        <WillChange text={!nameError && date.iso ? confirmText.rename(unit.name, clean, date.iso) : null} />
      </form>
    </Dialog>
  );
}

function CreateDialog({ unit, onClose }: Props) {
  const kinds = Object.keys(KIND_LABELS).filter((k) => mayContain(unit.kind, k));
  const [kind, setKind] = useState(kinds.includes('cell') ? 'cell' : (kinds[0] ?? ''));
  const [name, setName] = useState('');
  const [code, setCode] = useState(`${unit.code}-`);
  const date = useEffectiveDate();
  const s = useSubmit();
  const [tried, setTried] = useState(false);
  const clean = name.replace(/\s+/g, ' ').trim();
  const cleanCode = code.trim().toUpperCase();
  const codeOk = cleanCode.length > 0 && !cleanCode.endsWith('-');
  const kindLabel = KIND_LABELS[kind] ?? kind;
  const text = clean && codeOk && date.iso ? confirmText.create(clean, cleanCode, kindLabel, unit.name, date.iso) : null;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!clean || !codeOk || !date.iso) {
      s.fail();
      return;
    }
    const r = await s.run(() =>
      api.post('/units', { body: { code: cleanCode, kind, name: clean, parent_id: unit.id, valid_from: date.iso! } }),
    );
    if (r.ok) {
      flash(vc.ops.created(r.value.name), 'success');
      onClose();
      navigate(unitHref(r.value.id));
    }
  }
  return (
    <Dialog failures={s.failures} title={`${vc.ops.create}: ${unit.name}`} onClose={onClose} footer={<DialogButtons form="c-op-form" pending={s.pending} label={vc.ops.confirmCreate} onCancel={onClose} />}>
      <form id="c-op-form" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        <SelectField
          label={vc.ops.kind}
          name="kind"
          value={kind}
          onValue={setKind}
          error={s.fieldError('kind', kind)}
          options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k]! }))}
        />
        <Field
          label={vc.ops.name}
          name="name"
          value={name}
          onValue={setName}
          placeholder={vc.ops.namePlaceholder}
          error={s.fieldError('name', name) ?? (tried && !clean ? vc.ops.nameRequired : undefined)}
          autocomplete="off"
        />
        <Field
          label={vc.ops.code}
          name="code"
          value={code}
          onValue={setCode}
          hint={vc.ops.codeHint}
          error={s.fieldError('code', code) ?? (tried && !codeOk ? vc.ops.codeRequired : undefined)}
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
        />
        <DateField
          label={vc.ops.foundedOn}
          name="valid_from"
          value={date.text}
          onValue={date.setText}
          error={s.fieldError('valid_from', date.text) ?? (tried ? date.error : undefined)}
        />
        <WillChange text={text} />
      </form>
    </Dialog>
  );
}

export function UnitOpDialog({ op, ...props }: Props & { op: OpKind }) {
  switch (op) {
    case 'move':
      return <MoveDialog {...props} />;
    case 'merge':
      return <MergeDialog {...props} />;
    case 'close':
      return <CloseDialog {...props} />;
    case 'rename':
      return <RenameDialog {...props} />;
    case 'create':
      return <CreateDialog {...props} />;
  }
}
