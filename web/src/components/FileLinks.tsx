// Files to download (a document's attachments, a notice's files): one row per file, the whole row
// a large tap target, with the file's name and size so a member on a slow connection knows what
// the tap will cost.
import type { ComponentChildren } from 'preact';
import { fileSize } from '../lib/file-size';
import './file-links.css';
import { Icon } from './Icon';

export interface FileLink {
  id: number;
  file_name: string;
  size: number;
  url: string;
}

export function FileLinks<T extends FileLink>({
  files,
  label,
  note,
}: {
  files: T[];
  // The spoken name of the link ("Tải về tệp …").
  label: (fileName: string) => string;
  // A line under a file (e.g. "Đang đọc chữ trong tệp…").
  note?: (file: T) => ComponentChildren;
}) {
  return (
    <ul class="att-list">
      {files.map((f) => (
        <li key={f.id}>
          <a class="att-link" href={f.url} download={f.file_name} aria-label={label(f.file_name)}>
            <Icon name="download" class="glyph" />
            <span class="att-name">{f.file_name}</span>
            <span class="att-size">{fileSize(f.size)}</span>
          </a>
          {note?.(f)}
        </li>
      ))}
    </ul>
  );
}
