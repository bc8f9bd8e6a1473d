// Member screen addresses, in one place so links and the route table agree.
export const PATHS = {
  login: '/login',
  home: '/',
  profile: '/profile',
  password: '/password',
  totp: '/security/two-factor',
  sessions: '/security/sessions',
  settings: '/settings',
  // The library and the news, under Vietnamese addresses: links to a passage of a document
  // (/tai-lieu/12#dieu-4-khoan-2) are shared between members, in messages and notices.
  news: '/tin-tuc',
  newsArticle: '/tin-tuc/:id',
  documents: '/tai-lieu',
  documentSearch: '/tai-lieu/tim-kiem',
  document: '/tai-lieu/:id',
  // Notices (decision 0006): the inbox and one notice, linked from pushes and live messages.
  notices: '/thong-bao',
  notice: '/thong-bao/:id',
  study: '/study',
  calendar: '/calendar',
  committee: '/committee',
} as const;

// "/tai-lieu/12#dieu-4": the reading view of a document, at a passage when given.
export function documentHref(id: number, anchor?: string | null): string {
  return `/tai-lieu/${id}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}
export function noticeHref(id: number): string {
  return `/thong-bao/${id}`;
}
export function newsHref(id: number): string {
  return `/tin-tuc/${id}`;
}
