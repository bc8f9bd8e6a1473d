// Attachments of a document: choose a file (checked on the device: type and 50 MB), watch it go up
// with a progress bar, then watch the server read its text page by page ("Đang đọc chữ trong tệp:
// trang 3/12") until it is done or says why it failed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ve } from '../../i18n/vi-editor';
import { flash } from '../../lib/flash';
import { editorApi, type Attachment } from './EditorApi';
import { extractionBusy, extractionText, fileSize, uploadAttachment } from './EditorUpload';
import { Section } from './EditorUi';
import { ATTACHMENT_ACCEPT, UploadProgress, useFileUpload } from './FileUpload';
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
  const [list, setList] = useState<Attachment[]>(initial);
  const { upload, error: fileError, inputRef, choose } = useFileUpload(
    (file, type, onProgress) => uploadAttachment(documentId, file, file.name, type, onProgress),
    {
      done: (a, file) => {
        setList((prev) => [...prev.filter((x) => x.id !== a.id), a]);
        flash(t.uploaded(file.name), 'success');
      },
      aborted: () => flash(t.cancelled, 'info'),
    },
  );
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
        accept={ATTACHMENT_ACCEPT}
        disabled={!!upload}
        onChange={(e) => void choose(e)}
      />
      {upload && <UploadProgress upload={upload} />}
    </Section>
  );
}
