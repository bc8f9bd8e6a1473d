import { describe, expect, it } from 'vitest';
import { holdsMembers, mayContain, mayMerge, suggestLogin } from './rules';

describe('organization rules mirrored from the server', () => {
  it('members sit in cells, base cells and party groups', () => {
    expect(['cell', 'base_cell', 'group'].every(holdsMembers)).toBe(true);
    expect(holdsMembers('base_committee')).toBe(false);
  });

  it('a child ranks below its parent; a cell only holds party groups', () => {
    expect(mayContain('base_committee', 'cell')).toBe(true);
    expect(mayContain('subordinate_committee', 'base_cell')).toBe(true);
    expect(mayContain('cell', 'group')).toBe(true);
    expect(mayContain('cell', 'cell')).toBe(false);
    expect(mayContain('base_cell', 'cell')).toBe(false);
    expect(mayContain('base_committee', 'base_cell')).toBe(false);
    expect(mayContain('group', 'group')).toBe(false);
    expect(mayContain('nonsense', 'cell')).toBe(false);
  });

  it('merges within a level, plus the pairs of the 2025 reorganization', () => {
    expect(mayMerge('cell', 'cell')).toBe(true);
    expect(mayMerge('base_cell', 'base_committee')).toBe(true);
    expect(mayMerge('subordinate_committee', 'province')).toBe(true);
    expect(mayMerge('cell', 'base_committee')).toBe(false);
  });
});

describe('suggestLogin', () => {
  it('folds the name to plain lowercase letters', () => {
    expect(suggestLogin('Nguyễn Văn An')).toBe('nguyenvanan');
    expect(suggestLogin('Đặng Thị Ánh')).toBe('dangthianh');
  });
  it('suggests nothing it knows the server would refuse', () => {
    expect(suggestLogin('12 Ab')).toBe('');
    expect(suggestLogin('Lê')).toBe('');
    expect(suggestLogin('A'.repeat(60))).toHaveLength(40);
  });
});
