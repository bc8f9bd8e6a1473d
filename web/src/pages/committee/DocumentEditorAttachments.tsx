// Attachments of a document: choose a file (checked on the device: type and 50 MB), watch it go up
// with a progress bar, then watch the server read its text page by page ("Đang đọc chữ trong tệp:
// trang 3/12") until it is done or says why it failed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { vi } from '../../i18n/vi';
import { ve } from '../../i18n/vi-editor';
import { flash } from '../../lib/flash';
import { editorApi, type Attachment } from './EditorApi';
import {
  UploadAborted,
  checkAttachment,
  extractionBusy,
  extractionText,
  fileSize,
  uploadAttachment,
  type UploadHandle,
} from './EditorUpload';
import { Section } from './EditorUi';
import { FileField, ProgressBar } from './ui';

const t = ve.attach;
const POLL_MS = 1500;

function AttachmentRow({ a }: { a: Attachment }) {
  const busy = extractionBusy(a);
  const pagePercent = a.extract_total > 0 ? Math.round((a.extract_done / a.extract_total) * 100) : 0;
  return (
    <li class={`e-attachment e-extract-${a.extract_state}`}>
      <div class="e-attachment-head">
        <a href={a.url} download={a.file_name} class="e-attachment-name" aria-label={t.download(a.file_name)}>
          {a.file_name}
        </a>
        <span class="muted small">{fileSize(a.size)}</span>
      </div>
      <p class={a.extract_state === 'failed' ? 'e-extract-text field-error' : 'e-extract-text'} aria-live="polite">
        {extractionText(a)}
      </p>
      {busy && a.extract_total > 0 && <ProgressBar percent={pagePercent} label={extractionText(a)} />}
    </li>
  );
}

export function DocumentEditorAttachments({
  documentId,
  initial,
  onExtracted,
}: {
  documentId: number;
  initial: Attachment[];
  onExtracted: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [list, setList] = useState<Attachment[]>(initial);
  const [fileError, setFileError] = useState<string | null>(null);
  const [upload, setUpload] = useState<{ name: string; percent: number; handle: UploadHandle<Attachment> } | null>(null);
  const listRef = useRef(list);
  listRef.current = list;
  const extractedRef = useRef(onExtracted);
  extractedRef.current = onExtracted;

  // Poll the attachments being read until each is done or failed.
  const busyIds = list.filter(extractionBusy).map((a) => a.id);
  const busyKey = busyIds.join(',');
  useEffect(() => {
    if (!busyKey) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ids = busyKey.split(',').map(Number);
    async function tick() {
      const answers = await Promise.all(ids.map((id) => editorApi.attachment(id).catch(() => null)));
      if (stopped) return;
      const finished = listRef.current.some(
        (a) => extractionBusy(a) && answers.some((x) => x && x.id === a.id && x.extract_state === 'done'),
      );
      setList((prev) => prev.map((a) => answers.find((x) => x && x.id === a.id) ?? a));
      if (finished) extractedRef.current();
      timer = setTimeout(() => void tick(), POLL_MS);
    }
    timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [busyKey]);

  // Leaving the page stops an upload that is still going.
  const uploadRef = useRef(upload);
  uploadRef.current = upload;
  useEffect(() => () => uploadRef.current?.handle.abort(), []);

  async function choose(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    setFileError(null);
    if (!file) return;
    const check = checkAttachment(file.name, file.size, file.type);
    if (!check.ok) {
      setFileError(check.error);
      input.value = '';
      return;
    }
    const handle = uploadAttachment(documentId, file, file.name, check.contentType, (percent) =>
      setUpload((u) => (u ? { ...u, percent } : u)),
    );
    setUpload({ name: file.name, percent: 0, handle });
    try {
      const a = await handle.done;
      setList((prev) => [...prev.filter((x) => x.id !== a.id), a]);
      flash(t.uploaded(file.name), 'success');
    } catch (err) {
      if (err instanceof UploadAborted) flash(t.cancelled, 'info');
      else if (err instanceof ApiError) setFileError(err.fields.file ?? err.message);
      else setFileError(vi.errors.generic);
    } finally {
      setUpload(null);
      input.value = '';
    }
  }

  return (
    <Section title={t.title} id="e-attach-title">
      {list.length === 0 ? (
        <p class="muted">{t.none}</p>
      ) : (
        <ul class="c-plain-list e-attachments">
          {list.map((a) => (
            <AttachmentRow key={a.id} a={a} />
          ))}
        </ul>
      )}
      <FileField
        label={t.label}
        hint={t.hint}
        button={t.choose}
        fileName={upload ? upload.name : ''}
        error={fileError}
        errorAlert
        inputRef={inputRef}
        name="file"
        accept=".pdf,.docx,.jpg,.jpeg,.png,.webp,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png,image/webp"
        disabled={!!upload}
        onChange={(e) => void choose(e)}
      />
      {upload && (
        <div class="c-progress-box" aria-live="polite">
          <p class="c-progress-text">
            <strong>{t.uploading(upload.name)}</strong> — {t.percent(upload.percent)}
          </p>
          <ProgressBar percent={upload.percent} label={t.progressLabel} />
          <button type="button" class="btn btn-secondary e-cancel" onClick={() => upload.handle.abort()}>
            {t.cancel}
          </button>
        </div>
      )}
    </Section>
  );
}
