// The route table and the guard. Routes are data; `decide` is a pure function of (path, session)
// so the unit tests check every guard rule without a browser.
//
// Screens a member needs on the first visit (sign-in, home) are bundled in the entry; the rest
// are lazy chunks. Committee screens live in pages/committee/ and have their own table there.
import { h, type ComponentType } from 'preact';
import type { Role } from './api/types';
import { vi } from './i18n/vi';
import { matchPath } from './lib/router';
import { COMMITTEE_ROLES, hasAnyRole, type SessionState } from './lib/session';
import { committeeRoutes } from './pages/committee/routes';
import { PATHS } from './paths';

export { PATHS };
import Home from './pages/Home';
import Login from './pages/Login';

export interface RouteProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export type PageModule = { default: ComponentType<RouteProps> };

export interface RouteDef {
  path: string;
  title: string;
  // public: only for people signed out (sign-in); signed_in: any account; roles: any of them.
  access: 'public' | 'signed_in';
  roles?: readonly Role[];
  // Reachable while the account must first change its password / set up two-factor.
  step?: 'password' | 'totp';
  component?: ComponentType<RouteProps>;
  load?: () => Promise<PageModule>;
}


const section = (key: 'study' | 'calendar'): RouteDef => ({
  path: PATHS[key],
  title: vi.sections[key].title,
  access: 'signed_in',
  load: () =>
    import('./pages/Section').then((m) => ({
      default: (props: RouteProps) => h(m.default, { ...props, section: key }),
    })),
});

export const routes: RouteDef[] = [
  { path: PATHS.login, title: vi.signIn.title, access: 'public', component: Login },
  { path: PATHS.home, title: vi.nav.home, access: 'signed_in', component: Home },
  { path: PATHS.profile, title: vi.profile.title, access: 'signed_in', load: () => import('./pages/Profile') },
  {
    path: PATHS.password,
    title: vi.password.title,
    access: 'signed_in',
    step: 'password',
    load: () => import('./pages/ChangePassword'),
  },
  { path: PATHS.totp, title: vi.totp.title, access: 'signed_in', step: 'totp', load: () => import('./pages/TotpSetup') },
  { path: PATHS.sessions, title: vi.sessions.title, access: 'signed_in', load: () => import('./pages/Sessions') },
  { path: PATHS.settings, title: vi.settings.title, access: 'signed_in', load: () => import('./pages/Settings') },
  // The library and the news (pages/library, pages/news): lazy chunks, precached for members.
  { path: PATHS.news, title: vi.sections.news.title, access: 'signed_in', load: () => import('./pages/news/NewsFeed') },
  { path: PATHS.newsArticle, title: vi.sections.news.title, access: 'signed_in', load: () => import('./pages/news/NewsArticle') },
  { path: PATHS.documents, title: vi.sections.documents.title, access: 'signed_in', load: () => import('./pages/library/Library') },
  // Before /tai-lieu/:id, which would otherwise take "tim-kiem" for an id.
  { path: PATHS.documentSearch, title: vi.sections.documents.title, access: 'signed_in', load: () => import('./pages/library/Search') },
  { path: PATHS.document, title: vi.sections.documents.title, access: 'signed_in', load: () => import('./pages/library/DocumentView') },
  // Earlier addresses of the two sections, kept so saved links still open them.
  { path: '/news', title: vi.sections.news.title, access: 'signed_in', load: () => import('./pages/news/NewsFeed') },
  { path: '/documents', title: vi.sections.documents.title, access: 'signed_in', load: () => import('./pages/library/Library') },
  // Notices (pages/notices): the inbox and one notice; /notices was the placeholder's address.
  { path: PATHS.notices, title: vi.sections.notices.title, access: 'signed_in', load: () => import('./pages/notices/Inbox') },
  { path: PATHS.notice, title: vi.sections.notices.title, access: 'signed_in', load: () => import('./pages/notices/NoticeView') },
  { path: '/notices', title: vi.sections.notices.title, access: 'signed_in', load: () => import('./pages/notices/Inbox') },
  section('study'),
  section('calendar'),
  ...committeeRoutes,
];

export type Decision =
  | { kind: 'wait' }
  | { kind: 'render'; route: RouteDef; params: Record<string, string> }
  | { kind: 'redirect'; to: string }
  | { kind: 'forbidden' }
  | { kind: 'not_found' }
  | { kind: 'unreachable' };

export function findRoute(path: string, table: RouteDef[] = routes): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of table) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

// Only same-site paths: "?next=https://evil.example" or "//evil.example" must not redirect away.
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return PATHS.home;
  if (next === PATHS.login || next.startsWith(`${PATHS.login}?`)) return PATHS.home;
  return next;
}

// "?next=/committee/units%3Fq%3D…" for where the person was going; nothing for the home page.
function nextParam(path: string, query: URLSearchParams): string {
  const here = path + (query.toString() ? `?${query.toString()}` : '');
  if (here === PATHS.home || path === PATHS.login) return '';
  // Moving from one step to the next keeps the original destination.
  if (path === PATHS.password || path === PATHS.totp) return query.get('next') ? `?next=${encodeURIComponent(query.get('next')!)}` : '';
  return `?next=${encodeURIComponent(here)}`;
}

export function decide(path: string, query: URLSearchParams, state: SessionState, table: RouteDef[] = routes): Decision {
  const found = findRoute(path, table);
  if (!found) return { kind: 'not_found' };
  const { route, params } = found;

  switch (state.status) {
    case 'loading':
      return { kind: 'wait' };
    case 'unreachable':
      return route.access === 'public' ? { kind: 'render', route, params } : { kind: 'unreachable' };
    case 'signed_out':
      if (route.access === 'public') return { kind: 'render', route, params };
      return { kind: 'redirect', to: PATHS.login + nextParam(path, query) };
    case 'signed_in': {
      const { me } = state;
      if (route.access === 'public') return { kind: 'redirect', to: safeNext(query.get('next')) };
      // Steps the server insists on come before anything else, in the server's order; the step's
      // screen continues to where the person was going once done.
      if (me.account.must_change_password)
        return route.step === 'password'
          ? { kind: 'render', route, params }
          : { kind: 'redirect', to: PATHS.password + nextParam(path, query) };
      if (me.account.totp_setup_required)
        return route.step === 'totp'
          ? { kind: 'render', route, params }
          : { kind: 'redirect', to: PATHS.totp + nextParam(path, query) };
      if (route.roles && !hasAnyRole(me, route.roles)) return { kind: 'forbidden' };
      return { kind: 'render', route, params };
    }
  }
}

// Whether the navigation shows the committee entry.
export function showsCommittee(state: SessionState): boolean {
  return state.status === 'signed_in' && hasAnyRole(state.me, COMMITTEE_ROLES);
}
