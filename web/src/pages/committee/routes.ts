// Committee screens: the route table the colleague building them fills in. Every page here is a
// lazy chunk (named assets/c-*.js by vite.config.ts), so members never download them and the
// service worker does not precache them; they are cached the first time a committee opens them.
//
// To add a screen: write the page in this folder (default export, props: RouteProps), add a row
// here with the roles that may open it (the server still checks scope on every request: a page
// must show <NotAllowed/> when the API answers 403/404 — see components/ApiState.tsx).
import type { Role } from '../../api/types';
import { vi } from '../../i18n/vi';
import type { RouteDef } from '../../routes';

// Who may open what mirrors domain/actor.h: cell committees and above see and edit members;
// committees and admins manage units and accounts; only admins read the audit log.
const VIEW_MEMBERS: readonly Role[] = ['cell_committee', 'committee', 'admin'];
const MANAGE: readonly Role[] = ['committee', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
// The library (decision 0005): editors, committees and admins write and publish; cell
// committees and above follow who has read what. Editors see the committee home for their entries.
const EDIT_LIBRARY: readonly Role[] = ['editor', 'committee', 'admin'];
const FOLLOW_READING: readonly Role[] = ['cell_committee', 'committee', 'editor', 'admin'];
const HOME: readonly Role[] = ['cell_committee', 'committee', 'editor', 'admin'];
// Notices (decision 0006): committees of any level send within their scope and follow them up.
const SEND_NOTICES: readonly Role[] = ['cell_committee', 'committee', 'admin'];

// Titles of the editor screens. The route table is in the entry bundle, so these few words stay
// here rather than pulling the editor strings (i18n/vi-editor.ts) into it.
const EDITOR_TITLES = {
  documents: 'Tài liệu',
  document: 'Soạn tài liệu',
  news: 'Tin tức',
  newsItem: 'Soạn tin',
  reading: 'Thống kê đọc tài liệu',
  readingList: 'Theo dõi việc đọc',
} as const;

const NOTICE_TITLES = {
  list: 'Thông báo',
  compose: 'Gửi thông báo',
  notice: 'Theo dõi thông báo',
} as const;

export const COMMITTEE_PATHS = {
  home: '/committee',
  tree: '/committee/units',
  unit: '/committee/units/:id',
  member: '/committee/members/:id',
  import: '/committee/units/:id/import',
  accounts: '/committee/accounts',
  audit: '/committee/audit',
  documents: '/committee/documents',
  documentNew: '/committee/documents/new',
  document: '/committee/documents/:id',
  reading: '/committee/documents/:id/reading',
  readingList: '/committee/reading',
  newsList: '/committee/news',
  newsNew: '/committee/news/new',
  newsItem: '/committee/news/:id',
  notices: '/committee/notices',
  noticeNew: '/committee/notices/new',
  notice: '/committee/notices/:id',
} as const;

export const committeeRoutes: RouteDef[] = [
  {
    path: COMMITTEE_PATHS.home,
    title: vi.committee.title,
    access: 'signed_in',
    roles: HOME,
    load: () => import('./CommitteeHome'),
  },
  {
    path: COMMITTEE_PATHS.tree,
    title: vi.committee.orgTree,
    access: 'signed_in',
    roles: VIEW_MEMBERS,
    load: () => import('./OrgTree'),
  },
  {
    path: COMMITTEE_PATHS.unit,
    title: vi.committee.unit,
    access: 'signed_in',
    roles: VIEW_MEMBERS,
    load: () => import('./UnitPage'),
  },
  {
    path: COMMITTEE_PATHS.import,
    title: vi.committee.import,
    access: 'signed_in',
    roles: VIEW_MEMBERS,
    load: () => import('./ImportMembers'),
  },
  {
    path: COMMITTEE_PATHS.member,
    title: vi.committee.member,
    access: 'signed_in',
    roles: VIEW_MEMBERS,
    load: () => import('./MemberRecord'),
  },
  {
    path: COMMITTEE_PATHS.accounts,
    title: vi.committee.accounts,
    access: 'signed_in',
    roles: MANAGE,
    load: () => import('./Accounts'),
  },
  {
    path: COMMITTEE_PATHS.audit,
    title: vi.committee.audit,
    access: 'signed_in',
    roles: ADMIN,
    load: () => import('./AuditLog'),
  },
  {
    path: COMMITTEE_PATHS.documents,
    title: EDITOR_TITLES.documents,
    access: 'signed_in',
    roles: EDIT_LIBRARY,
    load: () => import('./DocumentEditorList'),
  },
  // "new" before ":id", so it is not read as a document number.
  {
    path: COMMITTEE_PATHS.documentNew,
    title: EDITOR_TITLES.document,
    access: 'signed_in',
    roles: EDIT_LIBRARY,
    load: () => import('./DocumentEditor'),
  },
  {
    path: COMMITTEE_PATHS.document,
    title: EDITOR_TITLES.document,
    access: 'signed_in',
    roles: EDIT_LIBRARY,
    load: () => import('./DocumentEditor'),
  },
  {
    path: COMMITTEE_PATHS.reading,
    title: EDITOR_TITLES.reading,
    access: 'signed_in',
    roles: FOLLOW_READING,
    load: () => import('./ReadingStats'),
  },
  {
    path: COMMITTEE_PATHS.readingList,
    title: EDITOR_TITLES.readingList,
    access: 'signed_in',
    roles: FOLLOW_READING,
    load: () => import('./ReadingStatsIndex'),
  },
  {
    path: COMMITTEE_PATHS.newsList,
    title: EDITOR_TITLES.news,
    access: 'signed_in',
    roles: EDIT_LIBRARY,
    load: () => import('./NewsEditorList'),
  },
  {
    path: COMMITTEE_PATHS.newsNew,
    title: EDITOR_TITLES.newsItem,
    access: 'signed_in',
    roles: EDIT_LIBRARY,
    load: () => import('./NewsEditor'),
  },
  {
    path: COMMITTEE_PATHS.newsItem,
    title: EDITOR_TITLES.newsItem,
    access: 'signed_in',
    roles: EDIT_LIBRARY,
    load: () => import('./NewsEditor'),
  },
  {
    path: COMMITTEE_PATHS.notices,
    title: NOTICE_TITLES.list,
    access: 'signed_in',
    roles: SEND_NOTICES,
    load: () => import('./NoticeList'),
  },
  // "new" before ":id".
  {
    path: COMMITTEE_PATHS.noticeNew,
    title: NOTICE_TITLES.compose,
    access: 'signed_in',
    roles: SEND_NOTICES,
    load: () => import('./NoticeComposer'),
  },
  {
    path: COMMITTEE_PATHS.notice,
    title: NOTICE_TITLES.notice,
    access: 'signed_in',
    roles: SEND_NOTICES,
    load: () => import('./NoticeStats'),
  },
];

// Fills a pattern's :params: committeePath(COMMITTEE_PATHS.unit, { id: 12 }) → "/committee/units/12".
export function committeePath(pattern: string, params: Record<string, string | number>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
}
