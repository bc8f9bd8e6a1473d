// How many downloaded files the service worker keeps for offline reading. A notice's or a
// document's file may be up to 50 MB; a cheap phone has little storage and the browser may wipe
// the whole origin (the shell and the card with it) when it runs short. So files are kept only
// up to a size, and only up to a total, the oldest kept going first.

// Files downloaded through the app: a document's attachment and a notice's file.
const FILE_URL = /^\/api\/v1\/(attachments|notice-files)\/\d+\/file$/;

// One file larger than this is not kept: it would push out everything else.
export const FILE_KEEP_MAX_BYTES = 10 * 1024 * 1024;
// All kept files together.
export const FILES_BUDGET_BYTES = 40 * 1024 * 1024;

export function isFileDownload(pathname: string): boolean {
  return FILE_URL.test(pathname);
}

// Whether an answer to a file download is worth keeping: a whole file (not a range) whose size
// is known and small enough.
export function keepsFile(status: number, contentLength: string | null): boolean {
  if (status !== 200 || contentLength === null) return false;
  const size = Number(contentLength);
  return Number.isFinite(size) && size >= 0 && size <= FILE_KEEP_MAX_BYTES;
}

export interface KeptFile {
  url: string;
  size: number;
}

// The files to delete so the rest fit the budget: `kept` is in the order they were stored (the
// Cache API keeps insertion order, and a file fetched again is stored again at the end), so the
// ones at the front have gone longest without being downloaded.
export function filesToEvict(kept: readonly KeptFile[], budget = FILES_BUDGET_BYTES): string[] {
  let total = kept.reduce((sum, f) => sum + f.size, 0);
  const evict: string[] = [];
  for (const f of kept) {
    if (total <= budget) break;
    evict.push(f.url);
    total -= f.size;
  }
  return evict;
}
