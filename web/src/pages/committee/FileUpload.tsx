// One chosen file sent up with a progress bar, shared by a document's attachments, a notice's
// files and a news article's cover: the file is checked on the device first (type, size) so a
// wrong one costs no upload, the committee can cancel, and leaving the page stops an upload that
// is still going.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { ApiError } from '../../api/client';
import { vi } from '../../i18n/vi';
import { ve } from '../../i18n/vi-editor';
import { UploadAborted, checkAttachment, type FileCheck, type UploadHandle } from './EditorUpload';
import { ProgressBar } from './ui';

// What the file chooser offers: PDF, Word (.docx) and the image types the server accepts.
export const ATTACHMENT_ACCEPT =
  '.pdf,.docx,.jpg,.jpeg,.png,.webp,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/jpeg,image/png,image/webp';

export interface UploadInProgress<T> {
  name: string;
  percent: number;
  handle: UploadHandle<T>;
}

export interface FileUploadEvents<T> {
  done: (result: T, file: File) => void;
  aborted?: () => void;
  busy?: (busy: boolean) => void;
  // What the device checks before sending (default: an attachment — PDF, Word or image, 50 MB).
  check?: (name: string, size: number, browserType: string) => FileCheck;
}

export function useFileUpload<T>(
  start: (file: File, contentType: string, onProgress: (percent: number) => void) => UploadHandle<T>,
  events: FileUploadEvents<T>,
): {
  upload: UploadInProgress<T> | null;
  error: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
  choose: (e: Event) => Promise<void>;
} {
  const inputRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<UploadInProgress<T> | null>(null);

  const uploadRef = useRef(upload);
  uploadRef.current = upload;
  useEffect(() => () => uploadRef.current?.handle.abort(), []);

  async function choose(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    setError(null);
    if (!file) return;
    const check = (events.check ?? checkAttachment)(file.name, file.size, file.type);
    if (!check.ok) {
      setError(check.error);
      input.value = '';
      return;
    }
    const handle = start(file, check.contentType, (percent) => setUpload((u) => (u ? { ...u, percent } : u)));
    setUpload({ name: file.name, percent: 0, handle });
    events.busy?.(true);
    try {
      events.done(await handle.done, file);
    } catch (err) {
      if (err instanceof UploadAborted) events.aborted?.();
      else setError(err instanceof ApiError ? (err.fields.file ?? err.message) : vi.errors.generic);
    } finally {
      setUpload(null);
      events.busy?.(false);
      input.value = '';
    }
  }

  return { upload, error, inputRef, choose };
}

// The box under the chooser while a file goes up: its name, the percentage, a bar and "Hủy".
export function UploadProgress<T>({ upload }: { upload: UploadInProgress<T> }) {
  const t = ve.attach;
  return (
    <div class="c-progress-box" aria-live="polite">
      <p class="c-progress-text">
        <strong>{t.uploading(upload.name)}</strong> — {t.percent(upload.percent)}
      </p>
      <ProgressBar percent={upload.percent} label={t.progressLabel} />
      <button type="button" class="btn btn-secondary e-cancel" onClick={() => upload.handle.abort()}>
        {t.cancel}
      </button>
    </div>
  );
}
