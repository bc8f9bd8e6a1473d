import { describe, expect, it } from 'vitest';
import type { Me, Role } from './api/types';
import type { SessionState } from './lib/session';
import { decide, findRoute, safeNext, showsCommittee } from './routes';

function me(roles: Role[], account: Partial<Me['account']> = {}): Me {
  return {
    account: {
      id: 1,
      login: 'dangvien',
      phone: null,
      must_change_password: false,
      totp_enabled: false,
      totp_setup_required: false,
      session_expires_at: 0,
      ...account,
    },
    member: null,
    unit: null,
    roles: roles.map((role, i) => ({
      id: i + 1,
      role,
      role_label: role,
      unit_id: 1,
      unit_name: 'Chi bộ thôn Đông',
      granted_at: '2026-01-01T00:00:00Z',
    })),
    csrf_token: 't',
  };
}

const signedIn = (roles: Role[], account: Partial<Me['account']> = {}): SessionState => ({
  status: 'signed_in',
  me: me(roles, account),
});
const q = (s = '') => new URLSearchParams(s);

describe('route guard', () => {
  it('waits while the session is being loaded', () => {
    expect(decide('/', q(), { status: 'loading' })).toEqual({ kind: 'wait' });
  });

  it('sends a signed-out person to sign-in, remembering where they were going', () => {
    expect(decide('/profile', q(), { status: 'signed_out' })).toEqual({ kind: 'redirect', to: '/login?next=%2Fprofile' });
    expect(decide('/', q(), { status: 'signed_out' })).toEqual({ kind: 'redirect', to: '/login' });
    expect(decide('/committee/units/5', q('tab=members'), { status: 'signed_out' })).toEqual({
      kind: 'redirect',
      to: '/login?next=%2Fcommittee%2Funits%2F5%3Ftab%3Dmembers',
    });
  });

  it('shows sign-in when signed out, and leaves it once signed in', () => {
    expect(decide('/login', q(), { status: 'signed_out' }).kind).toBe('render');
    expect(decide('/login', q('next=/profile'), signedIn(['member']))).toEqual({ kind: 'redirect', to: '/profile' });
    expect(decide('/login', q(), signedIn(['member']))).toEqual({ kind: 'redirect', to: '/' });
  });

  it('lets a member open member screens', () => {
    for (const path of ['/', '/profile', '/password', '/security/two-factor', '/security/sessions', '/settings', '/news'])
      expect(decide(path, q(), signedIn(['member'])).kind).toBe('render');
  });

  it('gives a member typing a committee address the "not allowed" page', () => {
    for (const path of ['/committee', '/committee/units', '/committee/units/3', '/committee/members/9', '/committee/audit'])
      expect(decide(path, q(), signedIn(['member']))).toEqual({ kind: 'forbidden' });
  });

  it('opens committee screens by role, as the server scopes them', () => {
    expect(decide('/committee/units', q(), signedIn(['member', 'cell_committee'])).kind).toBe('render');
    expect(decide('/committee/units/3/import', q(), signedIn(['cell_committee'])).kind).toBe('render');
    // Accounts need a committee or an admin; the audit log only an admin.
    expect(decide('/committee/accounts', q(), signedIn(['cell_committee']))).toEqual({ kind: 'forbidden' });
    expect(decide('/committee/accounts', q(), signedIn(['committee'])).kind).toBe('render');
    expect(decide('/committee/audit', q(), signedIn(['committee']))).toEqual({ kind: 'forbidden' });
    expect(decide('/committee/audit', q(), signedIn(['admin'])).kind).toBe('render');
    // Editors are not committees: they open the committee home for the library entries, and the
    // document and news editors, but not the members, units, accounts or audit screens.
    expect(decide('/committee', q(), signedIn(['editor'])).kind).toBe('render');
    expect(decide('/committee/units', q(), signedIn(['editor']))).toEqual({ kind: 'forbidden' });
    expect(decide('/committee/members/4', q(), signedIn(['editor']))).toEqual({ kind: 'forbidden' });
  });

  it('opens the library editors to editors, committees and admins, reading statistics also to cell committees', () => {
    for (const path of ['/committee/documents', '/committee/documents/new', '/committee/documents/7', '/committee/news', '/committee/news/new', '/committee/news/3']) {
      expect(decide(path, q(), signedIn(['member']))).toEqual({ kind: 'forbidden' });
      expect(decide(path, q(), signedIn(['cell_committee']))).toEqual({ kind: 'forbidden' });
      for (const role of ['editor', 'committee', 'admin'] as Role[]) expect(decide(path, q(), signedIn([role])).kind).toBe('render');
    }
    for (const path of ['/committee/reading', '/committee/documents/7/reading']) {
      expect(decide(path, q(), signedIn(['member']))).toEqual({ kind: 'forbidden' });
      for (const role of ['cell_committee', 'committee', 'editor', 'admin'] as Role[]) expect(decide(path, q(), signedIn([role])).kind).toBe('render');
    }
    // "new" is the new-document form, not a document numbered "new".
    const found = findRoute('/committee/documents/new');
    expect(found?.route.path).toBe('/committee/documents/new');
    expect(findRoute('/committee/documents/12')?.params).toEqual({ id: '12' });
  });

  it('opens the inbox to every member and the notice screens to committees of any level', () => {
    for (const path of ['/thong-bao', '/thong-bao/12', '/notices']) expect(decide(path, q(), signedIn(['member'])).kind).toBe('render');
    expect(findRoute('/thong-bao/12')?.params).toEqual({ id: '12' });
    for (const path of ['/committee/notices', '/committee/notices/new', '/committee/notices/5']) {
      expect(decide(path, q(), signedIn(['member']))).toEqual({ kind: 'forbidden' });
      expect(decide(path, q(), signedIn(['editor']))).toEqual({ kind: 'forbidden' });
      for (const role of ['cell_committee', 'committee', 'admin'] as Role[]) expect(decide(path, q(), signedIn([role])).kind).toBe('render');
    }
    expect(findRoute('/committee/notices/new')?.route.path).toBe('/committee/notices/new');
    expect(findRoute('/committee/notices/5')?.params).toEqual({ id: '5' });
  });

  it('passes route parameters', () => {
    const d = decide('/committee/members/42', q(), signedIn(['committee']));
    expect(d.kind === 'render' && d.params).toEqual({ id: '42' });
  });

  it('forces the password change before anything else', () => {
    const s = signedIn(['committee'], { must_change_password: true, totp_setup_required: true });
    expect(decide('/', q(), s)).toEqual({ kind: 'redirect', to: '/password' });
    // …remembering where the person was going, to continue there afterwards.
    expect(decide('/committee/units', q(), s)).toEqual({ kind: 'redirect', to: '/password?next=%2Fcommittee%2Funits' });
    expect(decide('/security/two-factor', q('next=/profile'), s)).toEqual({
      kind: 'redirect',
      to: '/password?next=%2Fprofile',
    });
    expect(decide('/password', q(), s).kind).toBe('render');
  });

  it('then forces two-factor setup for roles that require it', () => {
    const s = signedIn(['committee'], { totp_setup_required: true });
    expect(decide('/', q(), s)).toEqual({ kind: 'redirect', to: '/security/two-factor' });
    // After the forced password change, the destination carries over to the two-factor step.
    expect(decide('/password', q('next=/committee'), s)).toEqual({
      kind: 'redirect',
      to: '/security/two-factor?next=%2Fcommittee',
    });
    expect(decide('/security/two-factor', q(), s).kind).toBe('render');
  });

  it('says "not found" for unknown addresses, signed in or not', () => {
    expect(decide('/khong-co', q(), signedIn(['member']))).toEqual({ kind: 'not_found' });
    expect(decide('/khong-co', q(), { status: 'signed_out' })).toEqual({ kind: 'not_found' });
  });

  it('offers sign-in but not member screens when the server and cache are both out of reach', () => {
    expect(decide('/', q(), { status: 'unreachable' })).toEqual({ kind: 'unreachable' });
    expect(decide('/login', q(), { status: 'unreachable' }).kind).toBe('render');
  });

  it('does not match a committee unit page for a missing id', () => {
    expect(findRoute('/committee/units/')?.route.path).toBe('/committee/units');
  });
});

describe('safeNext', () => {
  it('only follows paths on this site', () => {
    expect(safeNext('/profile')).toBe('/profile');
    expect(safeNext('/committee/units/3?tab=1')).toBe('/committee/units/3?tab=1');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
  });
});

describe('navigation', () => {
  it('shows the committee entry only to cell committees, committees, editors and admins', () => {
    expect(showsCommittee(signedIn(['member']))).toBe(false);
    expect(showsCommittee(signedIn(['editor']))).toBe(true);
    expect(showsCommittee(signedIn(['member', 'cell_committee']))).toBe(true);
    expect(showsCommittee(signedIn(['committee']))).toBe(true);
    expect(showsCommittee(signedIn(['admin']))).toBe(true);
    expect(showsCommittee({ status: 'signed_out' })).toBe(false);
  });
});
