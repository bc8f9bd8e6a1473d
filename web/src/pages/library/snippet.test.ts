import { describe, expect, it } from 'vitest';
import { decodeEntities, splitSnippet } from './snippet';

describe('search snippets', () => {
  it('splits on <mark> into marked and plain parts', () => {
    expect(splitSnippet('Đảng viên <mark>dự bị</mark> có quyền…')).toEqual([
      { text: 'Đảng viên ', mark: false },
      { text: 'dự bị', mark: true },
      { text: ' có quyền…', mark: false },
    ]);
  });

  it('decodes the escaper’s entities into plain text, which is then never HTML', () => {
    const parts = splitSnippet('&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>&quot;Sổ tay&quot;</mark> &#39;x&#39;');
    expect(parts).toEqual([
      { text: '<script>alert(1)</script> & ', mark: false },
      { text: '"Sổ tay"', mark: true },
      { text: " 'x'", mark: false },
    ]);
  });

  it('leaves any other tag as literal text (rendered as text nodes, not markup)', () => {
    expect(splitSnippet('<b>x</b> <mark>y</mark>')).toEqual([
      { text: '<b>x</b> ', mark: false },
      { text: 'y', mark: true },
    ]);
  });

  it('tolerates unbalanced, adjacent and upper-case marks and empty input', () => {
    expect(splitSnippet('')).toEqual([]);
    expect(splitSnippet('<mark>a</mark><mark>b</mark>')).toEqual([{ text: 'ab', mark: true }]);
    expect(splitSnippet('a <MARK>b')).toEqual([
      { text: 'a ', mark: false },
      { text: 'b', mark: true },
    ]);
    expect(splitSnippet('a</mark> b')).toEqual([{ text: 'a b', mark: false }]);
  });

  it('decodes numeric entities and leaves unknown or invalid ones as written', () => {
    expect(decodeEntities('&#7843;&#x1EA3;')).toBe('ảả');
    expect(decodeEntities('&bogus; &#0; &#xD800;')).toBe('&bogus; &#0; &#xD800;');
    // Decoding is single-pass: "&amp;lt;" is the text "&lt;", not "<".
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });
});
