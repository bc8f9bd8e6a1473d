// "Gửi thông báo": title, text, Thường / Khẩn, who receives it (NoticeAudience.tsx) with the
// number of recipients before sending, "Yêu cầu xác nhận đã nhận" with a deadline, send now or
// at a time (Vietnam time), linked documents and attached files; then a confirmation in plain words ("Gửi thông báo
// khẩn tới 1.234 đảng viên?"), POST /notices, and on to the notice's follow-up page. Messages of
// the server about a field are shown next to that field.
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client';
import type { Unit } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { Field, FormError } from '../../components/Field';
import { EmptyState } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { vc } from '../../i18n/vi-committee';
import { vnWords } from '../../i18n/vi-notices';
import { ve } from '../../i18n/vi-editor';
import { flash } from '../../lib/flash';
import { navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { vnDateTimeText, vnToUnix } from '../../lib/vn-time';
import { DocPicker, Section, TextArea, keepEnterInSearch, useLeaveGuard } from './EditorUi';
import { NoticeComposerFiles } from './NoticeComposerFiles';
import { AudiencePicker, RecipientCount, useRecipientCount } from './NoticeAudience';
import { addDocument, audienceText, emptyNoticeForm, groupFieldErrors, validateNotice, type NoticeForm } from './notice-form';
import { noticeStatsHref } from './notice-ui';
import { COMMITTEE_PATHS } from './routes';
import { Check, Dialog, DialogButtons, Frame, OtherErrors, useFocusOnError } from './ui';

const t = vc.notices;
// Fields with a place of their own on the form; the server's messages about others are listed
// under the summary.
const SHOWN_FIELDS = ['title', 'body', 'audience', 'send_at', 'ack_deadline', 'require_ack', 'documents', 'files'] as const;

// One option of a small choice (Thường / Khẩn, Gửi ngay / Hẹn giờ gửi): a radio button spread
// over its whole box, so the box is the tap target.
function Choice({ name, label, checked, onChange, urgent }: { name: string; label: string; checked: boolean; onChange: () => void; urgent?: boolean }) {
  return (
    <label class={urgent ? 'n-choice is-urgent' : 'n-choice'}>
      <input type="radio" name={name} checked={checked} onChange={onChange} />
      <span class="n-choice-dot" aria-hidden="true" />
      <span class="n-choice-text">{label}</span>
    </label>
  );
}

// A date and a time side by side, in Vietnam time, with one message for both.
function DateTimeFields({
  label,
  date,
  time,
  onDate,
  onTime,
  error,
  name,
}: {
  label: string;
  date: string;
  time: string;
  onDate: (v: string) => void;
  onTime: (v: string) => void;
  error?: string | undefined;
  name: string;
}) {
  const at = vnToUnix(date, time);
  return (
    <fieldset class={error ? 'e-fieldset n-datetime has-error' : 'e-fieldset n-datetime'}>
      <legend>{label}</legend>
      <p class="hint">{t.vnTime}</p>
      <div class="n-datetime-row">
        <Field label={t.date} type="date" name={`${name}_date`} value={date} onValue={onDate} error={undefined} />
        <Field label={t.time} type="time" name={`${name}_time`} value={time} onValue={onTime} error={undefined} />
      </div>
      {/* The browser may show the date in another order (12/10 for 10 December): say it in words. */}
      {at !== null && !error && <p class="n-datetime-said">{t.saidAt(vnWords(at))}</p>}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Composer({ roots }: { roots: Unit[] }) {
  const [form, setForm] = useState<NoticeForm>(() => emptyNoticeForm());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ReturnType<typeof validateNotice> | null>(null);
  const [docError, setDocError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [sent, setSent] = useState(false);
  const [pending, setPending] = useState(false);
  const [uploading, setUploading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const preview = useRecipientCount(form.audience);
  useFocusOnError(formRef, failures);
  useLeaveGuard(!sent && (form.title.trim() !== '' || form.body.trim() !== '' || form.files.length > 0 || uploading));

  const set = <K extends keyof NoticeForm>(key: K, value: NoticeForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    // A field being fixed loses its message; so does the summary once nothing is left to fix.
    const field = key === 'schedule' || key === 'sendDate' || key === 'sendTime' ? 'send_at' : key === 'ackDate' || key === 'ackTime' || key === 'requireAck' ? 'ack_deadline' : (key as string);
    if (errors[field]) {
      const rest = { ...errors, [field]: '' };
      setErrors(rest);
      if (!Object.values(rest).some(Boolean)) setSummary(null);
    }
  };

  function check(e: Event) {
    e.preventDefault();
    if (uploading) {
      setSummary(t.filesUploading);
      setFailures((x) => x + 1);
      return;
    }
    const r = validateNotice(form);
    if (!r.ok) {
      setErrors(r.errors);
      setSummary(t.fixErrors);
      setFailures((x) => x + 1);
      return;
    }
    setErrors({});
    setSummary(null);
    setConfirming(r);
  }

  async function send() {
    if (!confirming?.ok) return;
    setPending(true);
    try {
      const d = await api.post('/notices', { body: confirming.input });
      setSent(true);
      setConfirming(null);
      flash(d.state === 'scheduled' ? t.scheduled(vnDateTimeText(d.send_at)) : t.sent(d.counts.recipients), 'success');
      navigate(noticeStatsHref(d.id));
    } catch (e) {
      // Refused: the dialog closes, the server's messages go next to their fields.
      setErrors(e instanceof ApiError ? groupFieldErrors(e.fields) : {});
      setSummary(e instanceof ApiError ? e.message : vi.errors.generic);
      setConfirming(null);
      setFailures((x) => x + 1);
    } finally {
      setPending(false);
    }
  }

  const input = confirming?.ok ? confirming.input : null;
  const at = input?.send_at ? vnDateTimeText(input.send_at) : null;
  const deadline = input?.ack_deadline ? vnDateTimeText(input.ack_deadline) : null;

  return (
    <form class="e-form n-compose" ref={formRef} onSubmit={check} onKeyDown={keepEnterInSearch} noValidate>
      <FormError message={summary} />
      <OtherErrors fields={Object.fromEntries(Object.entries(errors).filter(([, v]) => v))} shown={SHOWN_FIELDS} />
      <div class="n-compose-grid">
        <div class="n-compose-main">
          <Section title={t.content} id="n-content">
            <Field label={t.fieldTitle} name="title" value={form.title} onValue={(v) => set('title', v)} hint={t.titleHint} error={errors.title} maxLength={300} />
            <TextArea label={t.fieldBody} name="body" value={form.body} onValue={(v) => set('body', v)} hint={t.bodyHint} error={errors.body} rows={7} />
            <fieldset class="e-fieldset n-priority" aria-describedby="n-priority-hint">
              <legend>{t.priority}</legend>
              <div class="n-choices">
                {(['normal', 'urgent'] as const).map((p) => (
                  <Choice
                    key={p}
                    name="priority"
                    label={p === 'urgent' ? t.urgentLabel : t.normal}
                    checked={form.priority === p}
                    onChange={() => set('priority', p)}
                    urgent={p === 'urgent'}
                  />
                ))}
              </div>
              <p class="hint" id="n-priority-hint">
                {t.urgentHint}
              </p>
            </fieldset>
          </Section>
          <Section title={t.when} id="n-when">
            <div class="n-choices" role="radiogroup" aria-label={t.when}>
              <Choice name="when" label={t.sendNow} checked={!form.schedule} onChange={() => set('schedule', false)} />
              <Choice name="when" label={t.sendLater} checked={form.schedule} onChange={() => set('schedule', true)} />
            </div>
            {form.schedule && (
              <DateTimeFields
                label={t.sendAt}
                name="send"
                date={form.sendDate}
                time={form.sendTime}
                onDate={(v) => set('sendDate', v)}
                onTime={(v) => set('sendTime', v)}
                error={errors.send_at}
              />
            )}
            <Check label={t.requireAck} checked={form.requireAck} onChange={(v) => set('requireAck', v)} />
            <p class="hint">{t.requireAckHint}</p>
            {form.requireAck && (
              <DateTimeFields
                label={t.ackDeadline}
                name="ack"
                date={form.ackDate}
                time={form.ackTime}
                onDate={(v) => set('ackDate', v)}
                onTime={(v) => set('ackTime', v)}
                error={errors.ack_deadline}
              />
            )}
            {errors.require_ack && <p class="field-error">{errors.require_ack}</p>}
          </Section>
          <Section title={t.documents} id="n-docs" hint={t.documentsHint}>
            {form.documents.length > 0 && (
              <ul class="e-chips" aria-label={t.documents}>
                {form.documents.map((d) => (
                  <li key={d.id} class="e-chip">
                    <span>{d.number ? `${d.number} — ${d.title}` : d.title}</span>
                    <button
                      type="button"
                      class="e-chip-x"
                      aria-label={ve.common.removeLabel(d.title)}
                      onClick={() => set('documents', form.documents.filter((x) => x.id !== d.id))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <DocPicker
              label={t.documentsAdd}
              error={docError ?? errors.documents}
              onPick={(d) => {
                const r = addDocument(form.documents, d);
                setDocError(r.error ?? null);
                set('documents', r.documents);
              }}
            />
          </Section>
          <NoticeComposerFiles files={form.files} onChange={(f) => set('files', f)} onBusy={setUploading} error={errors.files} />
        </div>
        <div class="n-compose-side">
          <Section title={t.audience} id="n-audience">
            <AudiencePicker roots={roots} audience={form.audience} onChange={(a) => set('audience', a)} error={errors.audience} />
          </Section>
          <div class="card n-send">
            <RecipientCount audience={form.audience} preview={preview} />
            <button type="submit" class={form.priority === 'urgent' ? 'btn btn-primary btn-block n-send-urgent' : 'btn btn-primary btn-block'}>
              {t.send}
            </button>
          </div>
        </div>
      </div>
      {confirming?.ok && input && (
        <Dialog
          title={t.confirmTitle}
          onClose={() => setConfirming(null)}
          footer={
            <DialogButtons
              pending={pending}
              label={at ? t.confirmSchedule : t.confirmSend}
              danger={input.priority === 'urgent'}
              onConfirm={() => void send()}
              onCancel={() => setConfirming(null)}
            />
          }
        >
          <p class="n-confirm-question">{t.confirm(input.priority === 'urgent', preview.count, at)}</p>
          <dl class="n-confirm-facts">
            <div>
              <dt>{t.fieldTitle}</dt>
              <dd>{input.title}</dd>
            </div>
            <div>
              <dt>{t.audience}</dt>
              <dd>{audienceText(form.audience)}</dd>
            </div>
            <div>
              <dt>{t.when}</dt>
              <dd>{at ?? t.sendNow}</dd>
            </div>
            {form.files.length > 0 && (
              <div>
                <dt>{t.files}</dt>
                <dd>{form.files.map((f) => f.file_name).join(', ')}</dd>
              </div>
            )}
            {input.require_ack && (
              <div>
                <dt>{t.requireAck}</dt>
                <dd>{t.confirmAck(deadline)}</dd>
              </div>
            )}
          </dl>
          {input.priority === 'urgent' && <p class="alert alert-warning">{t.confirmUrgent}</p>}
        </Dialog>
      )}
    </form>
  );
}

export default function NoticeComposer() {
  const roots = useApi((signal) => api.get('/units', { signal }), []);
  return (
    <Frame title={t.composeTitle} crumbs={[{ href: COMMITTEE_PATHS.notices, label: t.title }]} lead={<p class="c-lead">{t.composeIntro}</p>} wide>
      <ApiState result={roots}>
        {(d) => (d.units.length === 0 ? <EmptyState title={vc.dashboard.scopeEmpty} /> : <Composer roots={d.units} />)}
      </ApiState>
    </Frame>
  );
}
