// The organization tree's state, without the DOM: which rows are visible (roots and the children
// of expanded nodes, depth first) and what a key press does — the WAI-ARIA tree view pattern:
//   ↓ / ↑        next / previous visible row
//   →            closed node: open it; open node: go to its first child
//   ←            open node: close it; otherwise go to the parent
//   Home / End   first / last visible row
//   Enter        open the unit's page
//   *            open every sibling of the focused row
//   a letter     next row whose name starts with it (without diacritics: "d" finds "Đông")

export interface Row {
  id: number;
  level: number; // 1 for roots (aria-level)
  parent: number | null;
  posInSet: number; // 1-based
  setSize: number;
  hasChildren: boolean;
  expanded: boolean;
}

export interface TreeSource {
  roots: readonly number[];
  // The loaded children of a node; undefined while not loaded.
  childrenOf: (id: number) => readonly number[] | undefined;
  hasChildren: (id: number) => boolean;
  expanded: ReadonlySet<number>;
}

export function visibleRows(src: TreeSource): Row[] {
  const out: Row[] = [];
  const walk = (ids: readonly number[], level: number, parent: number | null) => {
    ids.forEach((id, i) => {
      const hasChildren = src.hasChildren(id);
      const expanded = hasChildren && src.expanded.has(id);
      out.push({ id, level, parent, posInSet: i + 1, setSize: ids.length, hasChildren, expanded });
      if (expanded) {
        const kids = src.childrenOf(id);
        if (kids) walk(kids, level + 1, id);
      }
    });
  };
  walk(src.roots, 1, null);
  return out;
}

export interface TreeAction {
  focus?: number;
  expand?: number[];
  collapse?: number;
  activate?: number;
}

// Folds Vietnamese letters to plain ASCII for type-ahead ("Đ" → "d", "Ư" → "u").
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

// The name a type-ahead letter is matched against: "Chi bộ thôn Đông" is found by "d" (for Đông)
// as well as "c", since every unit's name starts with its kind.
function words(name: string): string[] {
  return fold(name).split(/\s+/).filter(Boolean);
}

export function treeKey(
  key: string,
  rows: readonly Row[],
  focused: number | null,
  nameOf: (id: number) => string = () => '',
): TreeAction | null {
  if (rows.length === 0) return null;
  const i = Math.max(
    0,
    rows.findIndex((r) => r.id === focused),
  );
  const row = rows[i]!;
  switch (key) {
    case 'ArrowDown':
      return i + 1 < rows.length ? { focus: rows[i + 1]!.id } : null;
    case 'ArrowUp':
      return i > 0 ? { focus: rows[i - 1]!.id } : null;
    case 'Home':
      return { focus: rows[0]!.id };
    case 'End':
      return { focus: rows[rows.length - 1]!.id };
    case 'ArrowRight':
      if (!row.hasChildren) return null;
      if (!row.expanded) return { expand: [row.id] };
      {
        const next = rows[i + 1];
        return next && next.parent === row.id ? { focus: next.id } : null;
      }
    case 'ArrowLeft':
      if (row.expanded) return { collapse: row.id };
      return row.parent !== null ? { focus: row.parent } : null;
    case 'Enter':
      return { activate: row.id };
    case '*': {
      const siblings = rows.filter((r) => r.parent === row.parent && r.hasChildren && !r.expanded).map((r) => r.id);
      return siblings.length ? { expand: siblings } : null;
    }
    default: {
      if (key.length !== 1 || !/\S/.test(key)) return null;
      const ch = fold(key);
      // Search forward from the row after the focused one, wrapping around.
      for (let k = 1; k < rows.length; k++) {
        const r = rows[(i + k) % rows.length]!;
        const w = words(nameOf(r.id));
        // The distinctive word first (the last one: "Đông" in "Chi bộ thôn Đông"), then any word.
        if (w.length && w[w.length - 1]!.startsWith(ch)) return { focus: r.id };
      }
      for (let k = 1; k <= rows.length; k++) {
        const r = rows[(i + k) % rows.length]!;
        if (words(nameOf(r.id)).some((x) => x.startsWith(ch))) return { focus: r.id };
      }
      return null;
    }
  }
}
