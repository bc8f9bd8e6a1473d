// The files of a notice being written: each chosen file is checked on the device (type, 50 MB),
// goes up at once with a progress bar, and joins the list with its size and a button to take it
// off again. The notice carries the files' ids when it is sent; the server links them then, so a
// file is never seen by members before its notice. While a file is going up the composer waits
// (onBusy) rather than send a notice without it.
import { useRef } from 'preact/hooks';
import type { NoticeFile } from '../../api/types';
import { vc } from '../../i18n/vi-committee';
import { fileSize } from '../../lib/file-size';
import { uploadNoticeFile } from './EditorUpload';
import { Section } from './EditorUi';
import { ATTACHMENT_ACCEPT, UploadProgress, useFileUpload } from './FileUpload';
import { FileField } from './ui';

const t = vc.notices;
export const MAX_NOTICE_FILES = 10;

export function NoticeComposerFiles({
  files,
  onChange,
  onBusy,
  error,
  title = t.files,
  max = MAX_NOTICE_FILES,
}: {
  files: NoticeFile[];
  onChange: (files: NoticeFile[]) => void;
  onBusy: (busy: boolean) => void;
  error?: string | undefined;
  // A correction adds to the files already sent: its own heading, and the room that is left.
  title?: string;
  max?: number;
}) {
  // The latest list, for an upload that finishes after other changes.
  const filesRef = useRef(files);
  filesRef.current = files;
  const { upload, error: fileError, inputRef, choose } = useFileUpload(
    (file, type, onProgress) => uploadNoticeFile(file, file.name, type, onProgress),
    { done: (f) => onChange([...filesRef.current.filter((x) => x.id !== f.id), f]), busy: onBusy },
  );

  const full = files.length >= max;
  return (
    <Section title={title} id="n-files">
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
          accept={ATTACHMENT_ACCEPT}
          disabled={!!upload}
          onChange={(e) => void choose(e)}
        />
      )}
      {upload && <UploadProgress upload={upload} />}
    </Section>
  );
}
