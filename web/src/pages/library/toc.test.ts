import { describe, expect, it } from 'vitest';
import { buildToc, countNodes, indentOf, isInline, sectionMarker, sectionTitle } from './toc';
import type { Section } from './types';

let nextId = 1;
function sec(ord: number, parent: number | null, depth: number, kind: string, label: string, heading = ''): Section {
  return { id: nextId++, ord, parent_ord: parent, depth, kind, label, anchor: label.toLowerCase().replace(/\s+/g, '-'), heading, body: '' };
}

describe('table of contents', () => {
  const sections = [
    sec(0, null, 0, 'preamble', '', ''),
    sec(1, null, 0, 'chuong', 'Chương I', 'Quy định chung'),
    sec(2, 1, 1, 'dieu', 'Điều 1', 'Phạm vi điều chỉnh'),
    sec(3, 2, 2, 'khoan', 'Điều 1 khoản 1'),
    sec(4, 3, 3, 'diem', 'Điều 1 khoản 1 điểm a'),
    sec(5, 1, 1, 'dieu', 'Điều 2', 'Mục đích'),
    sec(6, null, 0, 'chuong', 'Chương II', 'Tổ chức thực hiện'),
    sec(7, 6, 1, 'dieu', 'Điều 3', ''),
  ];

  it('nests articles under chapters and leaves out preamble, khoản and điểm', () => {
    const toc = buildToc(sections);
    expect(toc.map((n) => n.section.label)).toEqual(['Chương I', 'Chương II']);
    expect(toc[0]!.children.map((n) => n.section.label)).toEqual(['Điều 1', 'Điều 2']);
    expect(toc[0]!.children[0]!.children).toEqual([]);
    expect(toc[1]!.children.map((n) => n.section.label)).toEqual(['Điều 3']);
    expect(countNodes(toc)).toBe(5);
  });

  it('follows reading order whatever order the sections come in', () => {
    const toc = buildToc([...sections].reverse());
    expect(toc.map((n) => n.section.label)).toEqual(['Chương I', 'Chương II']);
  });

  it('numbered points nest by parent and stop at the depth limit', () => {
    const points = [
      sec(1, null, 0, 'point', '1', 'Mục tiêu'),
      sec(2, 1, 1, 'point', '1.1', 'Mục tiêu chung'),
      sec(3, 2, 2, 'point', '1.1.1', 'Chi tiết'),
      sec(4, 3, 3, 'point', '1.1.1.1', 'Quá sâu'),
      sec(5, null, 0, 'point', '2', 'Nhiệm vụ'),
    ];
    const toc = buildToc(points);
    expect(toc.map((n) => n.section.label)).toEqual(['1', '2']);
    expect(toc[0]!.children[0]!.children[0]!.section.label).toBe('1.1.1');
    expect(toc[0]!.children[0]!.children[0]!.children).toEqual([]);
    expect(countNodes(buildToc(points, 2))).toBe(3);
  });

  it('an orphan (parent missing) becomes a top entry', () => {
    expect(buildToc([sec(9, 42, 1, 'dieu', 'Điều 9', 'Lẻ')]).map((n) => n.section.label)).toEqual(['Điều 9']);
  });

  it('titles read "Điều 4. Heading", or just the label or heading', () => {
    expect(sectionTitle({ label: 'Điều 4', heading: 'Nhiệm vụ' })).toBe('Điều 4. Nhiệm vụ');
    expect(sectionTitle({ label: 'Điều 4', heading: '  ' })).toBe('Điều 4');
    expect(sectionTitle({ label: '', heading: 'Lời nói đầu' })).toBe('Lời nói đầu');
  });
});

describe('running text of khoản, điểm and points', () => {
  it('shows the number kept in the label', () => {
    expect(sectionMarker({ kind: 'khoan', label: 'Điều 2 khoản 3' })).toBe('3.');
    expect(sectionMarker({ kind: 'diem', label: 'Điều 2 khoản 3 điểm a' })).toBe('a)');
    expect(sectionMarker({ kind: 'diem', label: '3 điểm đ' })).toBe('đ)');
    expect(sectionMarker({ kind: 'point', label: '1.2' })).toBe('1.2.');
    expect(sectionMarker({ kind: 'point', label: 'a)' })).toBe('a)');
    expect(sectionMarker({ kind: 'point', label: 'III.2' })).toBe('III.2.');
    expect(sectionMarker({ kind: 'preamble', label: 'Phần mở đầu' })).toBe('');
    expect(sectionMarker({ kind: 'dieu', label: 'Điều 4' })).toBe('');
  });

  it('treats khoản, điểm, the preamble and points without a heading as running text', () => {
    expect(isInline({ kind: 'khoan', heading: '' })).toBe(true);
    expect(isInline({ kind: 'point', heading: '' })).toBe(true);
    expect(isInline({ kind: 'point', heading: 'Quan điểm' })).toBe(false);
    expect(isInline({ kind: 'dieu', heading: '' })).toBe(false);
  });

  it('steps điểm and deeper points in', () => {
    expect(indentOf({ kind: 'khoan', label: 'Điều 1 khoản 1' })).toBe(0);
    expect(indentOf({ kind: 'diem', label: '3 điểm a' })).toBe(1);
    expect(indentOf({ kind: 'point', label: '1.1' })).toBe(0);
    expect(indentOf({ kind: 'point', label: '1.1.1' })).toBe(1);
    expect(indentOf({ kind: 'point', label: 'a)' })).toBe(1);
    expect(indentOf({ kind: 'point', label: '2' })).toBe(0);
  });

  it('leaves points without a heading out of the contents', () => {
    const toc = buildToc([sec(1, null, 0, 'point', '1', 'Quan điểm'), sec(2, 1, 1, 'point', '1.1', '')]);
    expect(countNodes(toc)).toBe(1);
  });
});
