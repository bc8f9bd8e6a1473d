// Writing a document: its card (kind, number, title, dates, legal status), relations to other
// documents, topics, who may read it, the full text with the table of contents the server found
// in it, attachments with text extraction, the workflow (submit, publish now or later, withdraw,
// return), required reading and the version history. /committee/documents/new creates a draft;
// the first save moves to /committee/documents/{id}.
import { useState } from 'preact/hooks';
import { Field, FormError } from '../../components/Field';
import { DOCUMENT_KINDS, DOCUMENT_LEVELS, LEGAL_STATUSES, RELATIONS, labelOf, ve, type RelationKind } from '../../i18n/vi-editor';
import { flash } from '../../lib/flash';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { DocumentEditorAttachments } from './DocumentEditorAttachments';
import { DocumentToc } from './DocumentEditorToc';
import { editorApi, type DocumentDetail } from './EditorApi';
import {
  addRelation,
  addTopic,
  documentFormOf,
  emptyDocumentForm,
  rebaseForm,
  validateDocument,
  type DocumentForm,
} from './EditorForm';
import {
  DocPicker,
  Section,
  TextArea,
  VersionHistory,
  WorkflowPanel,
  audienceSentence,
  documentHref,
  keepEnterInSearch,
  readingHref,
} from './EditorUi';
import { AudienceFieldset, EditorAlerts, EditorLead, EditorLoader, SaveBar, useEditorForm, useEditorSave } from './EditorWorkflow';
import { RequireDialog, useMayRequire } from './ReadingStatsRequire';
import { COMMITTEE_PATHS } from './routes';
import { DateField, Frame, OtherErrors, SelectField } from './ui';

const t = ve.documents;
const options = (list: readonly (readonly [string, string])[]) => list.map(([value, label]) => ({ value, label }));
const SHOWN_FIELDS = [
  'kind',
  'number',
  'title',
  'summary',
  'issuer',
  'level',
  'issued_on',
  'effective_on',
  'legal_status',
  'superseded_by',
  'relations',
  'topics',
  'owner_unit_id',
  'audience_unit_ids',
  'body',
];

function TopicsField({ topics, onChange }: { topics: string[]; onChange: (t: string[]) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const known = useApi((signal) => editorApi.topics(signal).catch(() => [] as string[]), []);
  function add() {
    const r = addTopic(topics, text);
    setError(r.error);
    if (!r.error) {
      onChange(r.topics);
      setText('');
    }
  }
  return (
    <fieldset class="e-fieldset">
      <legend>{t.topics}</legend>
      {topics.length > 0 && (
        <ul class="e-chips" aria-label={t.topics}>
          {topics.map((x) => (
            <li key={x} class="e-chip">
              <span>{x}</span>
              <button type="button" class="e-chip-x" aria-label={ve.common.removeLabel(x)} onClick={() => onChange(topics.filter((y) => y !== x))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Enter adds the topic instead of submitting the form. */}
      <div
        class="e-inline-add"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
            e.preventDefault();
            add();
          }
        }}
      >
        <Field label={t.topicNew} hint={t.topicsHint} value={text} onValue={setText} error={error} autocomplete="off" />
        <button type="button" class="btn btn-secondary" onClick={add}>
          {t.topicAdd}
        </button>
      </div>
      {known.data && known.data.length > 0 && (
        <div class="e-suggest">
          {known.data
            .filter((k) => !topics.some((x) => x.toLocaleLowerCase('vi') === k.toLocaleLowerCase('vi')))
            .slice(0, 12)
            .map((k) => (
              <button key={k} type="button" class="e-suggest-chip" onClick={() => onChange(addTopic(topics, k).topics)}>
                + {k}
              </button>
            ))}
        </div>
      )}
    </fieldset>
  );
}

function RelationsField({
  form,
  setForm,
  selfId,
  error,
}: {
  form: DocumentForm;
  setForm: (f: (prev: DocumentForm) => DocumentForm) => void;
  selfId: number | null;
  error?: string | undefined;
}) {
  const [relation, setRelation] = useState<RelationKind>('implements');
  const [message, setMessage] = useState<string | undefined>(undefined);
  return (
    <fieldset class={error ? 'e-fieldset has-error' : 'e-fieldset'}>
      <legend>{t.relations}</legend>
      <p class="hint">{t.relationsHint}</p>
      {form.relations.length === 0 ? (
        <p class="muted e-none">{t.relationNone}</p>
      ) : (
        <ul class="c-plain-list e-relations">
          {form.relations.map((r) => (
            <li key={`${r.relation}-${r.document.id}`} class="e-relation">
              <span>{t.relationSentence(labelOf(RELATIONS, r.relation), r.document.number, r.document.title)}</span>
              <button
                type="button"
                class="btn btn-secondary"
                aria-label={ve.common.removeLabel(r.document.number || r.document.title)}
                onClick={() =>
                  setForm((f) => ({ ...f, relations: f.relations.filter((x) => !(x.relation === r.relation && x.document.id === r.document.id)) }))
                }
              >
                {ve.common.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="e-relation-add">
        <SelectField label={t.relationKind} value={relation} onValue={(v) => setRelation(v as RelationKind)} options={options(RELATIONS)} />
        <DocPicker
          label={t.relationAdd}
          hint={t.supersededByHint}
          excludeId={selfId}
          error={message ?? error}
          onPick={(d) => {
            let msg: string | undefined;
            setForm((f) => {
              const r = addRelation(f.relations, relation, d, selfId);
              msg = r.error;
              return { ...f, relations: r.relations };
            });
            setMessage(msg);
          }}
        />
      </div>
    </fieldset>
  );
}

function Editor({ initial, onReplace }: { initial: DocumentDetail | null; onReplace?: () => void }) {
  const editor = useEditorForm(initial, documentFormOf, emptyDocumentForm);
  const { item: doc, setItem: setDoc, form, setForm, baseline, setBaseline, set, dirty, canEdit, ownerLabel, show } = editor;
  const { errors, failure, saving, conflict, formRef, invalid, run } = useEditorSave();
  const [notice, setNotice] = useState<string | null>(null);
  const [requireOpen, setRequireOpen] = useState(false);
  const mayRequire = useMayRequire();


  // Saves; true when saved. Used by the save button and before a workflow step.
  async function save(): Promise<boolean> {
    const checked = validateDocument(form, doc?.id ?? null);
    if (!checked.ok) return invalid(checked.errors);
    return run(async () => {
      if (!doc) {
        const created = await editorApi.createDocument(checked.input);
        setBaseline(form);
        flash(t.created, 'success');
        navigate(documentHref(created.id), { replace: true });
        return true;
      }
      const saved = await editorApi.updateDocument(doc.id, { ...checked.input, version: doc.version });
      show(saved, documentFormOf(saved));
      setNotice(null);
      flash(ve.common.saved, 'success');
      return true;
    });
  }

  // An attachment's text is in: take the server's body and structure unless the person changed them.
  async function onExtracted() {
    if (!doc) return;
    try {
      const fresh = await editorApi.document(doc.id);
      const serverForm = documentFormOf(fresh);
      const bodyChanged = fresh.body !== doc.body;
      setDoc(fresh);
      setForm((mine) => rebaseForm(baseline, mine, serverForm));
      setBaseline(serverForm);
      if (bodyChanged) setNotice(form.body !== baseline.body ? ve.attach.bodyFilledDirty : ve.attach.bodyFilled);
    } catch {
      // The list still shows "done"; the text arrives with the next reload.
    }
  }

  function afterStep(updated: DocumentDetail) {
    // The workflow answers with the document; keep what is on screen in step with it.
    show(updated, documentFormOf(updated));
  }

  const title = doc ? form.title || doc.title : t.newTitle;
  const published = doc?.state === 'published';
  const audience = audienceSentence(form.audience, ownerLabel);

  return (
    <Frame
      title={doc ? doc.title : t.newTitle}
      crumbs={[{ href: COMMITTEE_PATHS.documents + (doc ? `?state=${doc.state}` : ''), label: ve.documents.title }]}
      lead={<EditorLead item={doc} />}
      wide
    >
      <EditorAlerts item={doc} conflict={conflict} message={ve.common.conflict} onReplace={onReplace} />
      {notice && (
        <p class="alert alert-success" role="status">
          {notice}
        </p>
      )}

      <form ref={formRef} class="e-form" noValidate onKeyDown={keepEnterInSearch} onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}>
        <FormError message={failure} />
        <OtherErrors fields={errors} shown={SHOWN_FIELDS} />
        <fieldset class="card e-fieldset-card" disabled={!canEdit}>
          <legend>{t.cardTitle}</legend>
          <div class="c-form-grid">
            <SelectField label={t.kind} value={form.kind} onValue={set('kind')} options={options(DOCUMENT_KINDS)} error={errors.kind} />
            <Field label={t.number} hint={t.numberHint} value={form.number} onValue={set('number')} error={errors.number} autocomplete="off" maxLength={80} />
          </div>
          <Field label={t.docTitle} hint={t.docTitleHint} value={form.title} onValue={set('title')} error={errors.title} required maxLength={600} />
          <TextArea label={t.summary} hint={t.summaryHint} value={form.summary} onValue={set('summary')} error={errors.summary} rows={3} />
          <div class="c-form-grid">
            <Field label={t.issuer} hint={t.issuerHint} value={form.issuer} onValue={set('issuer')} error={errors.issuer} />
            <SelectField label={t.level} value={form.level} onValue={set('level')} options={options(DOCUMENT_LEVELS)} error={errors.level} />
            <DateField label={t.issuedOn} value={form.issued_on} onValue={set('issued_on')} error={errors.issued_on} />
            <DateField label={t.effectiveOn} value={form.effective_on} onValue={set('effective_on')} error={errors.effective_on} />
          </div>
          <SelectField
            label={t.legalStatus}
            value={form.legal_status}
            onValue={set('legal_status')}
            options={options(LEGAL_STATUSES)}
            error={errors.legal_status}
          />
          {form.legal_status === 'superseded' &&
            (form.superseded_by ? (
              <div class="field c-picked">
                <p class="c-picked-label">{t.supersededBy}</p>
                <div class="c-picked-box">
                  <div>
                    <strong>{form.superseded_by.number || t.noNumber}</strong>
                    <span class="muted small c-block">{form.superseded_by.title}</span>
                  </div>
                  <button type="button" class="btn btn-secondary" onClick={() => set('superseded_by')(null)}>
                    {ve.common.remove}
                  </button>
                </div>
              </div>
            ) : (
              <DocPicker label={t.supersededBy} hint={t.supersededByHint} excludeId={doc?.id ?? null} error={errors.superseded_by} onPick={(d) => set('superseded_by')(d)} />
            ))}
        </fieldset>

        <fieldset class="card e-fieldset-card" disabled={!canEdit}>
          <legend>{t.relations}</legend>
          <RelationsField form={form} setForm={setForm} selfId={doc?.id ?? null} error={errors.relations} />
          <TopicsField topics={form.topics} onChange={set('topics')} />
        </fieldset>

        <AudienceFieldset editor={editor} errors={errors} />

        <div class="e-body-grid">
          <div class="card e-body-card">
            <TextArea label={t.body} hint={t.bodyHint} value={form.body} onValue={set('body')} error={errors.body} rows={16} />
            <p class="muted small">{t.nearLimit(form.body.length)}</p>
          </div>
          <DocumentToc sections={doc?.sections ?? null} stale={form.body !== baseline.body} />
        </div>

        {canEdit && <SaveBar dirty={dirty} saved={!!doc} saving={saving} />}
      </form>

      {doc ? (
        canEdit && <DocumentEditorAttachments documentId={doc.id} initial={doc.attachments} onExtracted={() => void onExtracted()} />
      ) : (
        <Section title={ve.attach.title} id="e-attach-title">
          <p class="muted">{t.saveBeforeAttach}</p>
        </Section>
      )}

      {doc && canEdit && (
        <WorkflowPanel
          run={(step, at, note) => editorApi.documentStep(doc.id, step, at, note)}
          item={doc}
          title={title}
          audience={audience}
          dirty={dirty}
          save={save}
          onDone={afterStep}
        />
      )}

      {doc && published && (
        <Section title={mayRequire ? t.required : t.stats} id="e-required-title" hint={mayRequire ? t.requiredHint : undefined}>
          <div class="actions">
            {mayRequire && (
              <button type="button" class="btn btn-primary" onClick={() => setRequireOpen(true)}>
                {t.required}
              </button>
            )}
            <Link class="btn btn-secondary" href={readingHref(doc.id)}>
              {t.stats}
            </Link>
          </div>
        </Section>
      )}
      {requireOpen && doc && (
        <RequireDialog
          document={{ id: doc.id, title: doc.title }}
          onClose={() => setRequireOpen(false)}
          onDone={(unitId) => {
            setRequireOpen(false);
            navigate(readingHref(doc.id, unitId));
          }}
        />
      )}

      {doc && <VersionHistory kind="documents" id={doc.id} version={doc.version} />}
      <p>
        <Link href={COMMITTEE_PATHS.documents}>{ve.common.backToList}</Link>
      </p>
    </Frame>
  );
}

export default function DocumentEditor({ params }: RouteProps) {
  return <EditorLoader id={params.id ? Number(params.id) : null} load={(id, signal) => editorApi.document(id, signal)} Editor={Editor} />;
}
