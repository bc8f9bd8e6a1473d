// Attachments and cover images: which files are taken (checked on the device first, so nobody
// waits for 50 MB to go up only to be refused), and the upload itself through XMLHttpRequest,
// whose upload.onprogress gives the progress bar (fetch cannot report upload progress).
// The request carries the same CSRF token as every other change, and a refusal is read from the
// same error envelope, so the person sees the server's Vietnamese message.
import { ApiError, buildUrl, errorFromResponse, getCsrfToken, networkError } from '../../api/client';
import { ve } from '../../i18n/vi-editor';
import type { NoticeFile } from '../../api/types';
import type { Attachment } from './EditorApi';
import { MAX_UPLOAD_BYTES, fileSize } from './upload';

export { MAX_UPLOAD_BYTES, fileSize };

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const ATTACHMENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: DOCX_TYPE,
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
const IMAGE_EXTS = new Set(['jpg', 'jpeg', 'png', 'webp']);

function extOf(name: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(name.trim());
  return m ? m[1]!.toLowerCase() : '';
}

export type FileCheck = { ok: true; contentType: string } | { ok: false; error: string };

// A document attachment: PDF, DOCX or an image, 1 byte to 50 MB. The type comes from the name
// (phones often report none), the browser's type only when the name has no extension.
export function checkAttachment(name: string, size: number, browserType = ''): FileCheck {
  const type = ATTACHMENT_TYPES[extOf(name)] ?? (Object.values(ATTACHMENT_TYPES).includes(browserType) ? browserType : null);
  if (!type) return { ok: false, error: ve.attach.badType };
  return checkSize(size, type);
}

export function checkCover(name: string, size: number, browserType = ''): FileCheck {
  const ext = extOf(name);
  const type = IMAGE_EXTS.has(ext) ? ATTACHMENT_TYPES[ext]! : browserType.startsWith('image/') && browserType !== 'image/svg+xml' ? browserType : null;
  if (!type) return { ok: false, error: ve.news.coverBadType };
  return checkSize(size, type);
}

function checkSize(size: number, contentType: string): FileCheck {
  if (size <= 0) return { ok: false, error: ve.attach.empty };
  if (size > MAX_UPLOAD_BYTES) return { ok: false, error: ve.attach.tooLarge(fileSize(size)) };
  return { ok: true, contentType };
}

// The X-File-Name header: UTF-8, percent-encoded (headers are Latin-1 only).
export function encodeFileName(name: string): string {
  return encodeURIComponent(name.normalize('NFC'));
}

// 0–100 for the bar; 99 until the server has answered (the bytes are sent but not yet stored).
export function uploadPercent(loaded: number, total: number, answered = false): number {
  if (answered) return 100;
  if (total <= 0) return 0;
  return Math.max(0, Math.min(99, Math.floor((loaded / total) * 100)));
}

// The line under an attachment: what extraction is doing, in words.
export function extractionText(a: Pick<Attachment, 'extract_state' | 'extract_done' | 'extract_total' | 'extract_error'>): string {
  const t = ve.attach.state;
  switch (a.extract_state) {
    case 'pending':
      return t.pending;
    case 'running':
      return a.extract_total > 0 ? t.runningPages(Math.min(a.extract_done + 1, a.extract_total), a.extract_total) : t.running;
    case 'done':
      return a.extract_total > 0 ? t.donePages(a.extract_total) : t.done;
    case 'failed':
      return a.extract_error ? `${t.failed} ${a.extract_error}` : t.failed;
    default:
      return t.none;
  }
}

export const extractionBusy = (a: Pick<Attachment, 'extract_state'>) => a.extract_state === 'pending' || a.extract_state === 'running';

export interface UploadHandle<T> {
  done: Promise<T>;
  abort: () => void;
}

export class UploadAborted extends Error {
  constructor() {
    super(ve.attach.cancelled);
    this.name = 'UploadAborted';
  }
}

// POSTs `file` as the raw body to `path` (an API path template, with {id} when `id` is given),
// reporting progress.
export function uploadRaw<T>(
  path: string,
  id: number | undefined,
  file: Blob,
  fileName: string,
  contentType: string,
  onProgress: (percent: number) => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', buildUrl(path, id === undefined ? {} : { id }));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('X-File-Name', encodeFileName(fileName));
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(uploadPercent(e.loaded, e.total));
    };
    xhr.onerror = () => reject(networkError());
    xhr.ontimeout = () => reject(networkError());
    xhr.onabort = () => reject(new UploadAborted());
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(new ApiError({ status: 500, code: 'internal', message: ve.common.loadFailed }));
        }
        return;
      }
      // The same reading of the error envelope as every other request.
      const headers = new Headers();
      const retry = xhr.getResponseHeader('Retry-After');
      if (retry) headers.set('Retry-After', retry);
      const status = xhr.status >= 200 && xhr.status <= 599 ? xhr.status : 500;
      errorFromResponse(new Response(xhr.responseText || null, { status, headers })).then(reject, () => reject(networkError()));
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

export const uploadAttachment = (documentId: number, file: Blob, name: string, type: string, onProgress: (p: number) => void) =>
  uploadRaw<Attachment>('/documents/{id}/attachments', documentId, file, name, type, onProgress);

export const uploadCover = (newsId: number, file: Blob, name: string, type: string, onProgress: (p: number) => void) =>
  uploadRaw<unknown>('/news/{id}/cover', newsId, file, name, type, onProgress);

// A file for a notice being written: stored unsent until the notice carrying it goes out.
export const uploadNoticeFile = (file: Blob, name: string, type: string, onProgress: (p: number) => void) =>
  uploadRaw<NoticeFile>('/notice-files', undefined, file, name, type, onProgress);
