import { afterEach, beforeEach, describe, expect, it, vi as mock } from 'vitest';
import { ApiError, setCsrfToken } from '../../api/client';
import { XLSX_TYPE, contentTypeFor, dryRunImport, fileSize, importPercent, startImport } from './upload';

describe('contentTypeFor', () => {
  it('goes by the file name, since phones often give CSV no type', () => {
    expect(contentTypeFor('Danh sach.CSV')).toBe('text/csv');
    expect(contentTypeFor('mau-nhap.xlsx')).toBe(XLSX_TYPE);
    expect(contentTypeFor('cu.xls')).toBeNull();
    expect(contentTypeFor('anh.jpg')).toBeNull();
  });
});

describe('fileSize', () => {
  it('reads like people say it', () => {
    expect(fileSize(900)).toBe('900 byte');
    expect(fileSize(2048)).toBe('2 KB');
    expect(fileSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
  });
});

describe('importPercent', () => {
  it('checking fills the first half, writing the second; done is 100', () => {
    expect(importPercent({ state: 'running', phase: 'check', processed: 0, total: 0 })).toBe(0);
    expect(importPercent({ state: 'running', phase: 'check', processed: 50, total: 100 })).toBe(25);
    expect(importPercent({ state: 'running', phase: 'write', processed: 100, total: 100 })).toBe(99);
    expect(importPercent({ state: 'running', phase: 'write', processed: 0, total: 10 })).toBe(50);
    expect(importPercent({ state: 'done', phase: 'write', processed: 3, total: 3 })).toBe(100);
  });
});

describe('raw uploads', () => {
  let fetchMock: ReturnType<typeof mock.fn>;
  beforeEach(() => {
    fetchMock = mock.fn();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    setCsrfToken('tok-1');
  });
  afterEach(() => {
    mock.restoreAllMocks();
    setCsrfToken(null);
  });

  it('sends the file as the body with its type and the CSRF token', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ total_rows: 2, valid_rows: 2, errors: [] }), { status: 200 }),
    );
    const file = new Blob(['Họ và tên\nTrần Văn Bình\n']);
    const report = await dryRunImport(7, file, 'text/csv');
    expect(report.total_rows).toBe(2);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/units/7/imports?dry_run=1');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect(init.headers).toMatchObject({ 'Content-Type': 'text/csv', 'X-CSRF-Token': 'tok-1' });
  });

  it('returns the job id of a real run', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ job_id: 42, state: 'running' }), { status: 202 }));
    await expect(startImport(7, new Blob(['x']), XLSX_TYPE)).resolves.toBe(42);
    expect((fetchMock.mock.calls[0] as [string])[0]).toBe('/api/v1/units/7/imports');
  });

  it('turns an error answer into an ApiError with the Vietnamese message and field messages', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          error: { code: 'validation_failed', message: 'Tệp trống.', fields: [{ field: 'file', message: 'Tệp không có dòng nào.' }] },
        }),
        { status: 422 },
      ),
    );
    const err = await dryRunImport(7, new Blob(['']), 'text/csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('Tệp trống.');
    expect((err as ApiError).fields.file).toBe('Tệp không có dòng nào.');
  });

  it('a lost connection is a network error, not a crash', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const err = await dryRunImport(7, new Blob(['x']), 'text/csv').catch((e: unknown) => e);
    expect((err as ApiError).network).toBe(true);
  });
});
