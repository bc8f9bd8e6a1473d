// The table of contents of a document, built from its sections (domain/document_structure on the
// server): a tree by parent_ord, without the small parts (khoản, điểm, preamble) that would make
// it as long as the text itself.
import type { Section } from './types';

export interface TocNode {
  section: Section;
  children: TocNode[];
}

const SMALL_KINDS = new Set(['khoan', 'diem', 'preamble']);

// Running text rather than a heading: khoản, điểm, the preamble, and numbered points without a
// heading of their own (1.1, 1.2 under "1. Quan điểm").
export function isInline(s: Pick<Section, 'kind' | 'heading'>): boolean {
  return SMALL_KINDS.has(s.kind) || (s.kind === 'point' && !s.heading.trim());
}

// "1", "2.1", "III.2": numbered points (Roman numerals for the first level in some documents).
const NUMBERED = /^(\d+|[IVXLC]+)(\.\d+)*$/;

// How far running text steps in: điểm under their khoản, "1.1.1" under "1.1".
export function indentOf(s: Pick<Section, 'kind' | 'label'>): number {
  if (s.kind === 'diem') return 1;
  if (s.kind !== 'point') return 0;
  const label = s.label.trim();
  if (!NUMBERED.test(label)) return 1; // a), b): one step in
  return Math.min(3, Math.max(0, label.split('.').length - 2));
}

// The number a reader sees before a running-text section, which the server keeps in the label
// only ("Điều 2 khoản 3" → "3.", "3 điểm a" → "a)", "1.2" → "1.2.").
export function sectionMarker(s: Pick<Section, 'kind' | 'label'>): string {
  const label = s.label.trim();
  if (s.kind === 'khoan') {
    const m = /khoản\s+(\S+)$/iu.exec(label);
    return m ? `${m[1]}.` : '';
  }
  if (s.kind === 'diem') {
    const m = /điểm\s+(\S+)$/iu.exec(label);
    return m ? `${m[1]})` : '';
  }
  if (s.kind === 'point') {
    if (NUMBERED.test(label)) return `${label}.`;
    return label;
  }
  return '';
}

export function sectionTitle(s: Pick<Section, 'label' | 'heading'>): string {
  const heading = s.heading.trim();
  if (!s.label) return heading;
  if (!heading) return s.label;
  return `${s.label}. ${heading}`;
}

export function buildToc(sections: readonly Section[], maxDepth = 3): TocNode[] {
  const byOrd = new Map<number, TocNode>();
  const skipped = new Set<number>();
  const roots: TocNode[] = [];
  const depthOf = new Map<number, number>();
  const ordered = [...sections].sort((a, b) => a.ord - b.ord);
  for (const s of ordered) {
    const parent = s.parent_ord === null ? undefined : s.parent_ord;
    // Under a part left out, everything is left out: a khoản's điểm are not headings either.
    if (isInline(s) || !s.anchor || (parent !== undefined && skipped.has(parent))) {
      skipped.add(s.ord);
      continue;
    }
    const parentNode = parent === undefined ? undefined : byOrd.get(parent);
    const depth = parentNode ? depthOf.get(parent!)! + 1 : 0;
    if (depth >= maxDepth) {
      skipped.add(s.ord);
      continue;
    }
    const node: TocNode = { section: s, children: [] };
    byOrd.set(s.ord, node);
    depthOf.set(s.ord, depth);
    if (parentNode) parentNode.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function countNodes(nodes: readonly TocNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
}
