// What the document and news editors share around their forms: loading the item (and loading it
// again after "someone else saved first"), the save state with its version-conflict handling, the
// owner's name, the lead under the title, the alerts above the form and the save bar.
import type { ComponentType } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client';
import { ApiState } from '../../components/ApiState';
import { vi } from '../../i18n/vi';
import { ve } from '../../i18n/vi-editor';
import { useApi } from '../../lib/use-api';
import type { UnitRef } from './EditorApi';
import { sameForm, type Errors } from './EditorForm';
import { AudienceField, ConflictAlert, OwnerField, StateBadge, useLeaveGuard, useOwnerChoices } from './EditorUi';
import { useFocusOnError } from './ui';

interface Item {
  state: string;
  publish_at?: number | null | undefined;
  version: number;
  can_edit: boolean;
}

// Loads item {id} (none for a new one) and shows its editor. Each answer carries the round it was
// asked in, so "Tải bản mới nhất" remounts the editor only once the fresh copy has arrived.
export function EditorLoader<T>({
  id,
  load,
  Editor,
}: {
  id: number | null;
  load: (id: number, signal: AbortSignal) => Promise<T>;
  Editor: ComponentType<{ initial: T | null; onReplace?: () => void }>;
}) {
  const [round, setRound] = useState(0);
  const result = useApi(
    (signal) => (id ? load(id, signal).then((item) => ({ item, round })) : Promise.resolve(null)),
    [id, round],
  );
  if (id === null) return <Editor initial={null} />;
  return (
    <ApiState result={result}>
      {(d) => (d ? <Editor key={d.round} initial={d.item} onReplace={() => setRound((r) => r + 1)} /> : null)}
    </ApiState>
  );
}

interface OwnedForm {
  owner_unit_id: number | null;
  audience: UnitRef[];
}

// An editor's item and form: the form as last saved (baseline) to tell unsaved changes, whether
// the person may edit, a warning before leaving with unsaved changes, and the owner's name.
export function useEditorForm<I extends { can_edit: boolean }, F extends OwnedForm>(
  initial: I | null,
  formOf: (item: I) => F,
  emptyForm: (ownerUnitId: number | null) => F,
) {
  const owners = useOwnerChoices();
  const [item, setItem] = useState<I | null>(initial);
  const start = useMemo(() => (initial ? formOf(initial) : emptyForm(owners[0]?.id ?? null)), [initial]);
  const [form, setForm] = useState<F>(start);
  const [baseline, setBaseline] = useState<F>(start);
  const set =
    <K extends keyof F>(key: K) =>
    (value: F[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const dirty = !sameForm(form, baseline);
  const canEdit = item ? item.can_edit : true;
  useLeaveGuard(dirty && canEdit);
  const ownerLabel = useOwnerLabel(owners, form.owner_unit_id);
  // The server's answer (after a save or a workflow step) is what is on screen and saved.
  function show(next: I, nextForm: F) {
    setItem(next);
    setForm(nextForm);
    setBaseline(nextForm);
  }
  return { item, setItem, form, setForm, baseline, setBaseline, set, dirty, canEdit, ownerLabel, show };
}

// Who may read the item: the owner unit (fixed once saved) and the audience.
export function AudienceFieldset<F extends OwnedForm>({
  editor,
  errors,
}: {
  editor: { item: unknown; form: F; set: <K extends keyof F>(key: K) => (value: F[K]) => void; canEdit: boolean; ownerLabel: string };
  errors: Errors;
}) {
  const { item, form, set, canEdit, ownerLabel } = editor;
  return (
    <fieldset class="card e-fieldset-card" disabled={!canEdit}>
      <legend>{ve.common.audience}</legend>
      <OwnerField value={form.owner_unit_id} locked={!!item} knownName={ownerLabel} onChange={(id) => set('owner_unit_id')(id as F['owner_unit_id'])} error={errors.owner_unit_id} />
      <AudienceField audience={form.audience} onChange={(a) => set('audience')(a as F['audience'])} ownerName={ownerLabel} error={errors.audience_unit_ids} />
    </fieldset>
  );
}

// The save state of an editor's form: field errors, the summary message, saving, and whether
// someone else saved first (409). Focus moves to the first error after each refusal.
export function useEditorSave() {
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, failures);

  // The form found errors itself; nothing is sent.
  function invalid(found: Errors): false {
    setErrors(found);
    setFailure(ve.common.fixErrors);
    setFailures((n) => n + 1);
    return false;
  }

  // Sends; true when saved.
  async function run(send: () => Promise<boolean>): Promise<boolean> {
    setSaving(true);
    setErrors({});
    setFailure(null);
    setConflict(false);
    try {
      return await send();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(true);
      } else {
        setErrors(e instanceof ApiError ? e.fields : {});
        setFailure(e instanceof ApiError ? e.message : vi.errors.generic);
        setFailures((n) => n + 1);
      }
      return false;
    } finally {
      setSaving(false);
    }
  }

  return { errors, failure, saving, conflict, formRef, invalid, run };
}

// The owner unit's name: from the person's own grants, else asked of the server.
export function useOwnerLabel(owners: readonly UnitRef[], ownerId: number | null): string {
  const ownerUnit = useApi(
    (signal) =>
      ownerId !== null && !owners.some((o) => o.id === ownerId)
        ? api.get('/units/{id}', { path: { id: ownerId }, signal }).then((u) => u.name)
        : Promise.resolve(owners.find((o) => o.id === ownerId)?.name ?? ''),
    [ownerId],
  );
  return ownerUnit.data ?? '';
}

// Under the title: the state and the version.
export function EditorLead({ item }: { item: Item | null }) {
  return (
    item && (
      <p class="e-lead">
        <StateBadge state={item.state} publishAt={item.publish_at} /> <span class="muted">{ve.common.version(item.version)}</span>
      </p>
    )
  );
}

// Above the form: someone else saved first; the person may only read.
export function EditorAlerts({ item, conflict, message, onReplace }: { item: Item | null; conflict: boolean; message: string; onReplace?: (() => void) | undefined }) {
  return (
    <>
      {conflict && <ConflictAlert message={message} onReload={() => onReplace?.()} />}
      {item && !item.can_edit && <p class="alert alert-info">{vi.forbidden.body}</p>}
    </>
  );
}

// Below the form: unsaved or saved, and the save button.
export function SaveBar({ dirty, saved, saving }: { dirty: boolean; saved: boolean; saving: boolean }) {
  return (
    <div class="e-savebar">
      <span class={dirty ? 'e-dirty' : 'muted'} role="status">
        {dirty ? ve.common.unsaved : saved ? ve.common.saved : ''}
      </span>
      <button type="submit" class="btn btn-primary" disabled={saving}>
        {saving ? ve.common.saving : ve.common.save}
      </button>
    </div>
  );
}
