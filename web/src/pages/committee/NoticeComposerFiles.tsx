// The files of a notice being written: each chosen file is checked on the device (type, 50 MB),
// goes up at once with a progress bar, and joins the list with its size and a button to take it
// off again. The notice carries the files' ids when it is sent; the server links them then, so a
// file is never seen by members before its notice. While a file is going up the composer waits
// (onBusy) rather than send a notice without it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import type { NoticeFile } from '../../api/types';
import { vi } from '../../i18n/vi';
import { vc } from '../../i18n/vi-committee';
import { ve } from '../../i18n/vi-editor';
import { fileSize } from '../../lib/file-size';
import { UploadAborted, checkAttachment, uploadNoticeFile, type UploadHandle } from './EditorUpload';
import { Section } from './EditorUi';
import { FileField, ProgressBar } from './ui';

const t = vc.notices;
export const MAX_NOTICE_FILES = 10;

export function NoticeComposerFiles({
  files,
  onChange,
  onBusy,
  error,
}: {
  files: NoticeFile[];
  onChange: (files: NoticeFile[]) => void;
  onBusy: (busy: boolean) => void;
  error?: string | undefined;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [upload, setUpload] = useState<{ name: string; percent: number; handle: UploadHandle<NoticeFile> } | null>(null);
  // The latest list, for an upload that finishes after other changes.
  const filesRef = useRef(files);
  filesRef.current = files;

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
    const handle = uploadNoticeFile(file, file.name, check.contentType, (percent) => setUpload((u) => (u ? { ...u, percent } : u)));
    setUpload({ name: file.name, percent: 0, handle });
    onBusy(true);
    try {
      const f = await handle.done;
      onChange([...filesRef.current.filter((x) => x.id !== f.id), f]);
    } catch (err) {
      if (!(err instanceof UploadAborted)) setFileError(err instanceof ApiError ? (err.fields.file ?? err.message) : vi.errors.generic);
    } finally {
      setUpload(null);
      onBusy(false);
      input.value = '';
    }
  }

  const full = files.length >= MAX_NOTICE_FILES;
  return (
    <Section title={t.files} id="n-files">
      {files.length > 0 && (
        <ul class="e-chips n-files" aria-label={t.files}>
          {files.map((f) => (
            <li key={f.id} class="e-chip">
              <span>
                {f.file_name} <span class="muted small">({fileSize(f.size)})</span>
              </span>
              <button type="button" class="e-chip-x" aria-label={t.fileRemove(f.file_name)} onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p class="hint">{t.filesFull}</p>
      ) : (
        <FileField
          label={t.filesLabel}
          hint={t.filesHint}
          button={t.filesChoose}
          fileName={upload ? upload.name : ''}
          error={fileError ?? error ?? null}
          errorAlert
          inputRef={inputRef}
          name="files"
          accept=".pdf,.docx,.jpg,.jpeg,.png,.webp,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png,image/webp"
          disabled={!!upload}
          onChange={(e) => void choose(e)}
        />
      )}
      {upload && (
        <div class="c-progress-box" aria-live="polite">
          <p class="c-progress-text">
            <strong>{ve.attach.uploading(upload.name)}</strong> — {ve.attach.percent(upload.percent)}
          </p>
          <ProgressBar percent={upload.percent} label={ve.attach.progressLabel} />
          <button type="button" class="btn btn-secondary" onClick={() => upload.handle.abort()}>
            {ve.attach.cancel}
          </button>
        </div>
      )}
    </Section>
  );
}
