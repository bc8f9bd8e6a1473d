import { describe, expect, it } from 'vitest';
import { DOCX_TYPE, MAX_UPLOAD_BYTES, checkAttachment, checkCover, encodeFileName, extractionBusy, extractionText, uploadPercent } from './EditorUpload';

describe('attachment checks on the device', () => {
  it('takes PDF, DOCX and images by their name, whatever the phone says', () => {
    expect(checkAttachment('Quy định 294.PDF', 1000)).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(checkAttachment('huong-dan.docx', 1000, '')).toEqual({ ok: true, contentType: DOCX_TYPE });
    expect(checkAttachment('anh-chup.jpeg', 1000, 'application/octet-stream')).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(checkAttachment('scan', 1000, 'image/png')).toEqual({ ok: true, contentType: 'image/png' });
  });

  it('refuses other types with a plain message', () => {
    const r = checkAttachment('cu.doc', 1000, 'application/msword');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('PDF, Word (.docx) hoặc ảnh');
    expect(checkAttachment('virus.exe', 10).ok).toBe(false);
  });

  it('refuses files over 50 MB before sending, saying how big the file is', () => {
    expect(checkAttachment('a.pdf', MAX_UPLOAD_BYTES).ok).toBe(true);
    const r = checkAttachment('a.pdf', MAX_UPLOAD_BYTES + 1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe('Tệp nặng 50 MB, quá giới hạn 50 MB. Hãy nén hoặc chia nhỏ tệp rồi chọn lại.');
    const big = checkAttachment('a.pdf', 73 * 1024 * 1024);
    expect(!big.ok && big.error).toContain('73 MB');
    expect(checkAttachment('a.pdf', 0)).toEqual({ ok: false, error: 'Tệp rỗng (0 byte). Hãy chọn tệp khác.' });
  });

  it('takes only images as a cover', () => {
    expect(checkCover('bia.png', 10)).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkCover('bia.pdf', 10).ok).toBe(false);
    expect(checkCover('logo.svg', 10, 'image/svg+xml').ok).toBe(false);
  });
});

describe('upload details', () => {
  it('percent-encodes the Vietnamese file name for the header', () => {
    expect(encodeFileName('Quy định số 1.pdf')).toBe('Quy%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%201.pdf');
    // Decomposed input (macOS) is sent composed.
    expect(encodeFileName('Quy đi\u0323nh.pdf')).toBe(encodeFileName('Quy định.pdf'));
  });

  it('stops the bar at 99% until the server answers', () => {
    expect(uploadPercent(0, 0)).toBe(0);
    expect(uploadPercent(50, 200)).toBe(25);
    expect(uploadPercent(200, 200)).toBe(99);
    expect(uploadPercent(200, 200, true)).toBe(100);
  });

  it('says what extraction is doing, page by page', () => {
    const a = { extract_state: 'running' as const, extract_done: 2, extract_total: 12, extract_error: null };
    expect(extractionText(a)).toBe('Đang đọc chữ trong tệp: trang 3/12');
    expect(extractionText({ ...a, extract_done: 12 })).toBe('Đang đọc chữ trong tệp: trang 12/12');
    expect(extractionText({ ...a, extract_total: 0 })).toBe('Đang đọc chữ trong tệp…');
    expect(extractionText({ ...a, extract_state: 'pending' })).toBe('Đang chờ đọc chữ trong tệp…');
    expect(extractionText({ ...a, extract_state: 'done', extract_done: 12 })).toBe('Đã đọc xong chữ trong tệp (12 trang).');
    expect(extractionText({ ...a, extract_state: 'failed', extract_error: 'Tệp PDF bị hỏng.' })).toBe(
      'Không đọc được chữ trong tệp. Tệp PDF bị hỏng.',
    );
    expect(extractionBusy(a)).toBe(true);
    expect(extractionBusy({ extract_state: 'done' })).toBe(false);
  });
});
