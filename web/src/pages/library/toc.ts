// The table of contents of a document, built from its sections (domain/document_structure on the
// server): a tree by parent_ord, without the small parts (khoản, điểm, preamble) that would make
// it as long as the text itself.
import type { Section } from './types';

export interface TocNode {
  section: Section;
  children: TocNode[];
}

const SMALL_KINDS = new Set(['khoan', 'diem', 'preamble']);

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
    if (SMALL_KINDS.has(s.kind) || !s.anchor || (parent !== undefined && skipped.has(parent))) {
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
