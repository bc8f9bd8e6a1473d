// Member screen addresses, in one place so links and the route table agree.
export const PATHS = {
  login: '/login',
  home: '/',
  profile: '/profile',
  password: '/password',
  totp: '/security/two-factor',
  sessions: '/security/sessions',
  settings: '/settings',
  news: '/news',
  documents: '/documents',
  notices: '/notices',
  study: '/study',
  calendar: '/calendar',
  committee: '/committee',
} as const;
