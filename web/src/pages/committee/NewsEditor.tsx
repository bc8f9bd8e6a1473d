// Writing a news article: title, lead, category, the body in Markdown with a preview, a cover
// image, pinned, who may read it, and the same workflow as documents.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { Field, FormError } from '../../components/Field';
import { NEWS_CATEGORIES, ve } from '../../i18n/vi-editor';
import { flash } from '../../lib/flash';
import { Link, navigate } from '../../lib/router';
import type { RouteProps } from '../../routes';
import { editorApi, type NewsDetail } from './EditorApi';
import { emptyNewsForm, newsFormOf, validateNews, type NewsForm } from './EditorForm';
import {
  Section,
  TextArea,
  VersionHistory,
  WorkflowPanel,
  audienceSentence,
  keepEnterInSearch,
  newsHref,
} from './EditorUi';
import { AudienceFieldset, EditorAlerts, EditorLead, EditorLoader, SaveBar, useEditorForm, useEditorSave } from './EditorWorkflow';
import { checkCover, uploadCover } from './EditorUpload';
import { UploadProgress, useFileUpload } from './FileUpload';
import { parseInline, parseMarkdown, type Block, type Inline } from './NewsEditorMarkdown';
import { COMMITTEE_PATHS } from './routes';
import { Check, FileField, Frame, OtherErrors, SelectField, TabPanel, Tabs } from './ui';

const t = ve.news;
const SHOWN = ['title', 'summary', 'category', 'body', 'pinned', 'owner_unit_id', 'audience_unit_ids'];

function renderInline(list: Inline[]): ComponentChildren[] {
  return list.map((x, i) => {
    switch (x.t) {
      case 'text':
        return x.v;
      case 'b':
        return <strong key={i}>{renderInline(x.c)}</strong>;
      case 'i':
        return <em key={i}>{renderInline(x.c)}</em>;
      case 'a':
        return (
          <a key={i} href={x.href} rel="noopener noreferrer" target="_blank">
            {renderInline(x.c)}
          </a>
        );
      case 'br':
        return <br key={i} />;
    }
  });
}

function renderBlock(b: Block, i: number) {
  switch (b.t) {
    case 'h': {
      const H = `h${b.level + 1}` as 'h3' | 'h4' | 'h5';
      return <H key={i}>{renderInline(b.c)}</H>;
    }
    case 'p':
      return <p key={i}>{renderInline(b.c)}</p>;
    case 'quote':
      return <blockquote key={i}>{renderInline(b.c)}</blockquote>;
    case 'ul':
      return (
        <ul key={i}>
          {b.items.map((it, j) => (
            <li key={j}>{renderInline(it)}</li>
          ))}
        </ul>
      );
    case 'ol':
      return (
        <ol key={i}>
          {b.items.map((it, j) => (
            <li key={j}>{renderInline(it)}</li>
          ))}
        </ol>
      );
  }
}

function Preview({ form }: { form: NewsForm }) {
  const blocks = useMemo(() => parseMarkdown(form.body), [form.body]);
  return (
    <div class="e-preview">
      <p class="hint">{t.previewHint}</p>
      <article class="e-preview-article">
        {/* h2 here: the page's h1 is the editor's title. */}
        <h2>{form.title || t.newsTitle}</h2>
        {form.summary && <p class="e-preview-lead">{renderInline(parseInline(form.summary))}</p>}
        {blocks.length === 0 ? <p class="muted">{t.previewEmpty}</p> : blocks.map(renderBlock)}
      </article>
    </div>
  );
}

function Cover({ news, onChanged }: { news: NewsDetail; onChanged: () => void }) {
  const { upload, error, inputRef, choose } = useFileUpload(
    (file, type, onProgress) => uploadCover(news.id, file, file.name, type, onProgress),
    {
      check: checkCover,
      done: () => {
        flash(t.coverDone, 'success');
        onChanged();
      },
    },
  );
  return (
    <Section title={t.cover} id="e-cover-title">
      {news.cover_url ? <img class="e-cover" src={news.cover_url} alt={t.coverAlt} /> : <p class="muted">{t.coverNone}</p>}
      <FileField
        label={t.cover}
        hint={t.coverHint}
        button={t.coverChoose}
        fileName={upload ? upload.name : ''}
        error={error}
        errorAlert
        inputRef={inputRef}
        accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"
        disabled={!!upload}
        onChange={(e) => void choose(e)}
      />
      {upload && <UploadProgress upload={upload} />}
    </Section>
  );
}

function Editor({ initial, onReplace }: { initial: NewsDetail | null; onReplace?: () => void }) {
  const editor = useEditorForm(initial, newsFormOf, emptyNewsForm);
  const { item: news, setItem: setNews, form, setBaseline, set, canEdit, dirty, ownerLabel, show } = editor;
  const { errors, failure, saving, conflict, formRef, invalid, run } = useEditorSave();
  const [tab, setTab] = useState<'write' | 'preview'>('write');

  async function save(): Promise<boolean> {
    const checked = validateNews(form);
    if (!checked.ok) {
      if (checked.errors.body) setTab('write');
      return invalid(checked.errors);
    }
    return run(async () => {
      if (!news) {
        const created = await editorApi.createNews(checked.input);
        setBaseline(form);
        flash(t.created, 'success');
        navigate(newsHref(created.id), { replace: true });
        return true;
      }
      const saved = await editorApi.updateNews(news.id, { ...checked.input, version: news.version });
      // The answer may leave out the Markdown source; keep what was sent.
      const next = { ...newsFormOf(saved), body: saved.body ?? checked.input.body ?? '' };
      show({ ...saved, body: next.body }, next);
      flash(ve.common.saved, 'success');
      return true;
    });
  }

  async function reloadCover() {
    if (!news) return;
    try {
      const fresh = await editorApi.news(news.id);
      // Only the cover (and the version it bumped) are taken; the form keeps unsaved edits.
      setNews((n) => (n ? { ...n, cover_url: fresh.cover_url, version: fresh.version } : n));
    } catch {
      // The cover shows after the next reload.
    }
  }

  function afterStep(updated: NewsDetail) {
    const next = { ...newsFormOf(updated), body: updated.body ?? form.body };
    show({ ...updated, body: next.body }, next);
  }

  return (
    <Frame
      title={news ? news.title : t.newTitle}
      crumbs={[{ href: COMMITTEE_PATHS.newsList + (news ? `?state=${news.state}` : ''), label: t.title }]}
      lead={<EditorLead item={news} />}
      wide
    >
      <EditorAlerts item={news} conflict={conflict} message={ve.common.conflictNews} onReplace={onReplace} />
      <form
        ref={formRef}
        class="e-form"
        noValidate
        onKeyDown={keepEnterInSearch}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FormError message={failure} />
        <OtherErrors fields={errors} shown={SHOWN} />
        <fieldset class="card e-fieldset-card" disabled={!canEdit}>
          <legend>{t.cardTitle}</legend>
          <Field label={t.newsTitle} value={form.title} onValue={set('title')} error={errors.title} required maxLength={400} />
          <TextArea label={t.summary} hint={t.summaryHint} value={form.summary} onValue={set('summary')} error={errors.summary} rows={3} />
          <div class="c-form-grid">
            <SelectField
              label={t.category}
              value={form.category}
              onValue={set('category')}
              options={NEWS_CATEGORIES.map(([value, label]) => ({ value, label }))}
              error={errors.category}
            />
            <div class="field e-check-field">
              <Check label={t.pinned} checked={form.pinned} onChange={set('pinned')} />
            </div>
          </div>
        </fieldset>

        <div class="card">
          <Tabs
            label={t.bodyTabs}
            prefix="e-news-body"
            tabs={[
              { id: 'write', label: t.write },
              { id: 'preview', label: t.preview },
            ]}
            current={tab}
            onChange={setTab}
          />
          <TabPanel prefix="e-news-body" id={tab}>
            {tab === 'write' ? (
              <fieldset class="e-plain-fieldset" disabled={!canEdit}>
                <TextArea label={t.body} hint={t.bodyHint} value={form.body} onValue={set('body')} error={errors.body} rows={16} />
              </fieldset>
            ) : (
              <Preview form={form} />
            )}
          </TabPanel>
        </div>

        <AudienceFieldset editor={editor} errors={errors} />

        {canEdit && <SaveBar dirty={dirty} saved={!!news} saving={saving} />}
      </form>

      {news ? (
        canEdit && <Cover news={news} onChanged={() => void reloadCover()} />
      ) : (
        <Section title={t.cover} id="e-cover-title">
          <p class="muted">{t.coverSaveFirst}</p>
        </Section>
      )}
      {news && canEdit && (
        <WorkflowPanel
          run={(step, at, note) => editorApi.newsStep(news.id, step, at, note)}
          item={news}
          title={form.title || news.title}
          audience={audienceSentence(form.audience, ownerLabel)}
          dirty={dirty}
          save={save}
          onDone={afterStep}
        />
      )}
      {news && <VersionHistory kind="news" id={news.id} version={news.version} />}
      <p>
        <Link href={COMMITTEE_PATHS.newsList}>{ve.common.backToList}</Link>
      </p>
    </Frame>
  );
}

export default function NewsEditor({ params }: RouteProps) {
  return <EditorLoader id={params.id ? Number(params.id) : null} load={(id, signal) => editorApi.news(id, signal)} Editor={Editor} />;
}
