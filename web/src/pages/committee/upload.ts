// Sending a file as the raw request body (member import). The shared API client only sends JSON,
// so this is the one non-JSON request of the app; it reuses the client's CSRF token and its error
// handling so a failed upload reads like any other error (Vietnamese message, field messages).
import { ApiError, buildUrl, errorFromResponse, getCsrfToken, networkError } from '../../api/client';
import type { ImportJob, ImportReport } from '../../api/types';
import { vi } from '../../i18n/vi';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

// The Content-Type to send for a chosen file, by its name (phones often report no type for CSV).
export function contentTypeFor(fileName: string): string | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  return null;
}

export { fileSize } from '../../lib/file-size';

async function postRaw(url: string, body: Blob, contentType: string, signal?: AbortSignal): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, credentials: 'same-origin', ...(signal ? { signal } : {}) });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  if (!res.ok) throw await errorFromResponse(res);
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

// POST /units/{id}/imports?dry_run=1 → the report of what would happen.
export async function dryRunImport(unitId: number, file: Blob, contentType: string, signal?: AbortSignal): Promise<ImportReport> {
  const url = buildUrl('/units/{id}/imports', { id: unitId }, { dry_run: 1 });
  return (await postRaw(url, file, contentType, signal)) as ImportReport;
}

// POST /units/{id}/imports → 202 {job_id}; the job is then polled with GET /imports/{id}.
export async function startImport(unitId: number, file: Blob, contentType: string): Promise<number> {
  const url = buildUrl('/units/{id}/imports', { id: unitId });
  const answer = (await postRaw(url, file, contentType)) as { job_id: number };
  if (typeof answer?.job_id !== 'number') throw new ApiError({ status: 500, code: 'internal', message: vi.errors.server });
  return answer.job_id;
}

// Percentage for the progress bar: the check phase is the first half, writing the second.
export function importPercent(job: Pick<ImportJob, 'state' | 'phase' | 'processed' | 'total'>): number {
  if (job.state === 'done') return 100;
  const part = job.total > 0 ? Math.min(1, job.processed / job.total) : 0;
  const pct = job.phase === 'write' ? 50 + part * 50 : part * 50;
  return Math.max(0, Math.min(99, Math.round(pct)));
}
