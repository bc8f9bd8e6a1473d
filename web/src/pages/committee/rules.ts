// Rules of the organization tree the screens mirror so they can explain a refusal before asking
// the server (which checks them again): which kinds hold members, which may sit under which,
// which may merge. Kept in step with domain/org_tree.cpp and domain/members.cpp.
import { fold } from './tree-state';

// Kinds whose members sit directly in them (members.cpp may_hold_members).
export function holdsMembers(kind: string): boolean {
  return kind === 'cell' || kind === 'base_cell' || kind === 'group';
}

const KIND_RANK: Record<string, number> = {
  central: 0,
  province: 1,
  subordinate_committee: 2,
  base_committee: 3,
  base_cell: 3,
  cell: 4,
  group: 5,
};

// org_tree.cpp may_contain: a child ranks below its parent; cells only hold party groups.
export function mayContain(parentKind: string, childKind: string): boolean {
  const p = KIND_RANK[parentKind];
  const c = KIND_RANK[childKind];
  if (p === undefined || c === undefined || c <= p) return false;
  if (parentKind === 'base_cell' || parentKind === 'cell') return childKind === 'group';
  return true;
}

// org_tree.cpp merge(): same kind, or the pairs the 2025 reorganization needs.
export function mayMerge(fromKind: string, intoKind: string): boolean {
  return (
    fromKind === intoKind ||
    (fromKind === 'base_cell' && intoKind === 'base_committee') ||
    (fromKind === 'base_committee' && intoKind === 'base_cell') ||
    (fromKind === 'subordinate_committee' && intoKind === 'province')
  );
}

// "Nguyễn Văn An" → "nguyenvanan": a login suggestion the committee may change
// (auth.cpp: 3–40 of a-z 0-9 . _ -, starting with a letter).
export function suggestLogin(fullName: string): string {
  const base = fold(fullName).replace(/[^a-z0-9]/g, '');
  return /^[a-z]/.test(base) && base.length >= 3 ? base.slice(0, 40) : '';
}
