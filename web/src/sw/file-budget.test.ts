import { describe, expect, it } from 'vitest';
import { FILE_KEEP_MAX_BYTES, FILES_BUDGET_BYTES, filesToEvict, isFileDownload, keepsFile } from './file-budget';

const MB = 1024 * 1024;

describe('file downloads kept offline', () => {
  it('knows the two kinds of file download and nothing else', () => {
    expect(isFileDownload('/api/v1/attachments/12/file')).toBe(true);
    expect(isFileDownload('/api/v1/notice-files/7/file')).toBe(true);
    expect(isFileDownload('/api/v1/attachments/12')).toBe(false);
    expect(isFileDownload('/api/v1/notices/7')).toBe(false);
    expect(isFileDownload('/api/v1/notice-files/7/file/extra')).toBe(false);
  });

  it('keeps whole files of a known, small enough size', () => {
    expect(keepsFile(200, String(2 * MB))).toBe(true);
    expect(keepsFile(200, String(FILE_KEEP_MAX_BYTES))).toBe(true);
    expect(keepsFile(200, String(FILE_KEEP_MAX_BYTES + 1))).toBe(false);
    // A range of a file cannot be stored (the Cache API refuses 206), nor an unknown size.
    expect(keepsFile(206, String(MB))).toBe(false);
    expect(keepsFile(200, null)).toBe(false);
    expect(keepsFile(200, 'abc')).toBe(false);
    expect(keepsFile(404, '10')).toBe(false);
  });

  it('evicts the files stored longest ago until the rest fit', () => {
    const kept = [
      { url: 'a', size: 8 * MB },
      { url: 'b', size: 9 * MB },
      { url: 'c', size: 10 * MB },
      { url: 'd', size: 10 * MB },
      { url: 'e', size: 12 * MB },
    ];
    expect(filesToEvict(kept)).toEqual(['a', 'b']);
    expect(filesToEvict(kept.slice(1))).toEqual(['b']);
    expect(filesToEvict(kept.slice(2))).toEqual([]);
    expect(filesToEvict([], FILES_BUDGET_BYTES)).toEqual([]);
    expect(filesToEvict(kept, 0)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
