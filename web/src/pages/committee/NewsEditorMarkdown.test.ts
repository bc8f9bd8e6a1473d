import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './NewsEditorMarkdown';
import { tocEntries } from './DocumentEditorToc';
import { parseTrail } from './ReadingStats';

describe('news preview Markdown', () => {
  it('reads paragraphs, headings, lists and quotes', () => {
    const blocks = parseMarkdown('# Tiêu đề\n\nĐoạn một\ndòng hai\n\n## Mục\n- Một\n- Hai\n\n1. A\n2) B\n\n> Trích dẫn\n> tiếp');
    expect(blocks.map((b) => b.t)).toEqual(['h', 'p', 'h', 'ul', 'ol', 'quote']);
    expect(blocks[0]).toEqual({ t: 'h', level: 2, c: [{ t: 'text', v: 'Tiêu đề' }] });
    expect(blocks[1]).toEqual({ t: 'p', c: [{ t: 'text', v: 'Đoạn một' }, { t: 'br' }, { t: 'text', v: 'dòng hai' }] });
    expect(blocks[3]).toEqual({ t: 'ul', items: [[{ t: 'text', v: 'Một' }], [{ t: 'text', v: 'Hai' }]] });
  });

  it('reads bold, italic and safe links only', () => {
    expect(parseInline('a **đậm** và *nghiêng*')).toEqual([
      { t: 'text', v: 'a ' },
      { t: 'b', c: [{ t: 'text', v: 'đậm' }] },
      { t: 'text', v: ' và ' },
      { t: 'i', c: [{ t: 'text', v: 'nghiêng' }] },
    ]);
    expect(parseInline('[Báo](https://dangcongsan.vn)')).toEqual([{ t: 'a', href: 'https://dangcongsan.vn', c: [{ t: 'text', v: 'Báo' }] }]);
    // A javascript: link keeps its text and loses the link.
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ t: 'text', v: 'x' }, { t: 'text', v: ')' }]);
    // Markup typed as text stays text (the preview renders elements, never HTML).
    expect(parseInline('<b>hi</b>')).toEqual([{ t: 'text', v: '<b>hi</b>' }]);
  });
});

describe('table of contents', () => {
  const s = (ord: number, kind: string, depth: number, label: string) => ({ id: ord, ord, parent_ord: null, depth, kind, label, anchor: '', heading: '', body: '' });
  it('keeps the levels a reader navigates by, in reading order', () => {
    const entries = tocEntries([s(3, 'khoan', 2, 'Điều 1 khoản 1'), s(2, 'dieu', 1, 'Điều 1'), s(1, 'chuong', 0, 'Chương I'), s(0, 'preamble', 0, '')]);
    expect(entries.map((e) => e.label)).toEqual(['Chương I', 'Điều 1']);
  });
});

describe('drill-down trail', () => {
  it('reads unit ids from the address, ignoring anything else', () => {
    expect(parseTrail('1,5,x,-2,7')).toEqual([1, 5, 7]);
    expect(parseTrail(null)).toEqual([]);
  });
});
