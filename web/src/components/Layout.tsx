// The frame around every screen. One <nav>, styled as a bottom bar on phones (thumb reach) and
// as a bar in the header on wide screens; the committee entry only for committee roles.
import type { ComponentChildren } from 'preact';
import { vi } from '../i18n/vi';
import { Link } from '../lib/router';
import { PATHS } from '../paths';
import { Banners } from './Banners';
import { Flashes } from './Flashes';

const ICONS = {
  home: 'M12 3 2 11h3v9h5v-6h4v6h5v-9h3L12 3z',
  profile: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5z',
  settings:
    'M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.8 1.7 1L11 21h4l.4-2.9c.6-.2 1.2-.6 1.7-1l2.5 1 2-3.5-2.2-1.6zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z',
  committee: 'M11 2h2v3h5v5h-2V7H8v3H6V5h5V2zM3 12h8v4H9v2h6v-2h-2v-4h8v9H3v-9z',
};

interface Props {
  chrome: boolean;
  committee: boolean;
  path: string;
  children: ComponentChildren;
}

function isActive(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

export function Layout({ chrome, committee, path, children }: Props) {
  const items = [
    { href: PATHS.home, label: vi.nav.home, icon: ICONS.home },
    { href: PATHS.profile, label: vi.nav.profile, icon: ICONS.profile },
    ...(committee ? [{ href: PATHS.committee, label: vi.nav.committee, icon: ICONS.committee }] : []),
    { href: PATHS.settings, label: vi.nav.settings, icon: ICONS.settings },
  ];
  return (
    <div class={chrome ? 'shell with-nav' : 'shell'}>
      <a class="skip-link" href="#main">
        {vi.app.skipToContent}
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <Link class="brand" href={PATHS.home}>
            <img src="/icons/icon-192.png" alt="" width={32} height={32} />
            <span>{vi.app.name}</span>
          </Link>
          {chrome && (
            <nav class="nav" aria-label={vi.app.mainNav}>
              <ul>
                {items.map((it) => (
                  <li key={it.href}>
                    <Link href={it.href} aria-current={isActive(path, it.href) ? 'page' : undefined}>
                      <svg viewBox="0 0 24 24" aria-hidden="true" class="nav-icon">
                        <path fill="currentColor" d={it.icon} />
                      </svg>
                      <span>{it.label}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
      </header>
      <Banners />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <Flashes />
    </div>
  );
}
