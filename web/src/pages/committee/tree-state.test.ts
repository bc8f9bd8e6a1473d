import { describe, expect, it } from 'vitest';
import { fold, treeKey, visibleRows, type TreeSource } from './tree-state';

// 1 Tỉnh ─┬─ 2 Xã Tân Phong ─┬─ 4 Chi bộ thôn Đông
//         │                  └─ 5 Chi bộ thôn Tây
//         └─ 3 Phường Hoà Bình (children not loaded)
const names: Record<number, string> = {
  1: 'Đảng bộ tỉnh Sông Hồng',
  2: 'Đảng bộ xã Tân Phong',
  3: 'Đảng bộ phường Hoà Bình',
  4: 'Chi bộ thôn Đông',
  5: 'Chi bộ thôn Tây',
};
const kids: Record<number, number[]> = { 1: [2, 3], 2: [4, 5], 4: [], 5: [] };

function source(expanded: number[]): TreeSource {
  return {
    roots: [1],
    childrenOf: (id) => kids[id],
    hasChildren: (id) => (kids[id] ? kids[id]!.length > 0 : id === 3),
    expanded: new Set(expanded),
  };
}
const nameOf = (id: number) => names[id] ?? '';

describe('visibleRows', () => {
  it('lists roots and the children of open nodes, depth first, with ARIA positions', () => {
    const rows = visibleRows(source([1, 2]));
    expect(rows.map((r) => r.id)).toEqual([1, 2, 4, 5, 3]);
    expect(rows.map((r) => r.level)).toEqual([1, 2, 3, 3, 2]);
    expect(rows.find((r) => r.id === 5)).toMatchObject({ parent: 2, posInSet: 2, setSize: 2, hasChildren: false });
    expect(rows.find((r) => r.id === 3)).toMatchObject({ hasChildren: true, expanded: false });
  });

  it('hides what is under a closed node, even if it was loaded', () => {
    expect(visibleRows(source([1])).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(visibleRows(source([2])).map((r) => r.id)).toEqual([1]);
  });

  it('shows an open node whose children are still loading without rows under it', () => {
    expect(visibleRows(source([1, 3])).map((r) => r.id)).toEqual([1, 2, 3]);
  });
});

describe('treeKey', () => {
  const rows = visibleRows(source([1, 2]));

  it('moves up and down through visible rows, stopping at the ends', () => {
    expect(treeKey('ArrowDown', rows, 1)).toEqual({ focus: 2 });
    expect(treeKey('ArrowDown', rows, 5)).toEqual({ focus: 3 });
    expect(treeKey('ArrowDown', rows, 3)).toBeNull();
    expect(treeKey('ArrowUp', rows, 4)).toEqual({ focus: 2 });
    expect(treeKey('ArrowUp', rows, 1)).toBeNull();
    expect(treeKey('Home', rows, 5)).toEqual({ focus: 1 });
    expect(treeKey('End', rows, 1)).toEqual({ focus: 3 });
  });

  it('→ opens a closed node, then goes to its first child; nothing on a leaf', () => {
    expect(treeKey('ArrowRight', rows, 3)).toEqual({ expand: [3] });
    expect(treeKey('ArrowRight', rows, 2)).toEqual({ focus: 4 });
    expect(treeKey('ArrowRight', rows, 4)).toBeNull();
  });

  it('→ on an open node whose children are still loading waits', () => {
    const loading = visibleRows(source([1, 3]));
    expect(treeKey('ArrowRight', loading, 3)).toBeNull();
  });

  it('← closes an open node, or goes to the parent', () => {
    expect(treeKey('ArrowLeft', rows, 2)).toEqual({ collapse: 2 });
    expect(treeKey('ArrowLeft', rows, 5)).toEqual({ focus: 2 });
    expect(treeKey('ArrowLeft', visibleRows(source([])), 1)).toBeNull();
  });

  it('Enter opens the unit; * opens every closed sibling that has children', () => {
    expect(treeKey('Enter', rows, 4)).toEqual({ activate: 4 });
    expect(treeKey('*', visibleRows(source([1])), 2)).toEqual({ expand: [2, 3] });
    expect(treeKey('*', rows, 4)).toBeNull();
  });

  it('a letter jumps to the next unit whose name has a word starting with it, diacritics ignored', () => {
    expect(treeKey('d', rows, 1, nameOf)).toEqual({ focus: 4 }); // Đông
    expect(treeKey('t', rows, 4, nameOf)).toEqual({ focus: 5 }); // Tây
    expect(treeKey('b', rows, 5, nameOf)).toEqual({ focus: 3 }); // Hoà Bình
    expect(treeKey('h', rows, 5, nameOf)).toEqual({ focus: 1 }); // wraps: Sông Hồng (last word first)
    expect(treeKey('h', rows, 1, nameOf)).toEqual({ focus: 3 }); // then any word: Hoà
    expect(treeKey('x', rows, 1, nameOf)).toEqual({ focus: 2 }); // "xã" is not the last word
    expect(treeKey('q', rows, 1, nameOf)).toBeNull();
    expect(treeKey(' ', rows, 1, nameOf)).toBeNull();
    expect(treeKey('Tab', rows, 1, nameOf)).toBeNull();
  });

  it('with no focused row yet, acts from the first one', () => {
    expect(treeKey('ArrowDown', rows, null)).toEqual({ focus: 2 });
    expect(treeKey('ArrowDown', [], null)).toBeNull();
  });
});

describe('fold', () => {
  it('drops diacritics, đ included', () => {
    expect(fold('Đảng bộ phường Hoà Bình')).toBe('dang bo phuong hoa binh');
    expect(fold('NGUYỄN')).toBe('nguyen');
  });
});
