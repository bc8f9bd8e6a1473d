// The frame around every screen. One <nav>, styled as a bottom bar on phones (thumb reach) and
// as a bar in the header on wide screens; the committee entry only for committee roles. The
// notices entry carries the number of unread notices, kept current by lib/inbox.ts.
import type { ComponentChildren } from 'preact';
import { vi } from '../i18n/vi';
import { badgeText, inboxCount } from '../lib/inbox';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';
import { PATHS } from '../paths';
import { Banners } from './Banners';
import { Flashes } from './Flashes';
import { Icon, type IconName } from './Icon';
import { NoticeToasts } from './NoticeToasts';

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
  const unread = useStore(inboxCount).unread;
  const badge = badgeText(unread);
  const items: { href: string; label: string; icon: IconName; badge?: string }[] = [
    { href: PATHS.home, label: vi.nav.home, icon: 'home' },
    { href: PATHS.notices, label: vi.nav.notices, icon: 'notices', badge },
    { href: PATHS.profile, label: vi.nav.profile, icon: 'profile' },
    ...(committee ? [{ href: PATHS.committee, label: vi.nav.committee, icon: 'committee' as const }] : []),
    { href: PATHS.settings, label: vi.nav.settings, icon: 'settings' },
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
            <nav class={items.length > 4 ? 'nav nav-crowded' : 'nav'} aria-label={vi.app.mainNav}>
              <ul>
                {items.map((it) => (
                  <li key={it.href}>
                    <Link href={it.href} aria-current={isActive(path, it.href) ? 'page' : undefined}>
                      <Icon name={it.icon} class="nav-icon" />
                      <span>{it.label}</span>
                      {it.badge && (
                        <span class="nav-badge" data-testid="unread-badge">
                          <span aria-hidden="true">{it.badge}</span>
                          <span class="visually-hidden">{`, ${vi.live.unread(unread ?? 0)}`}</span>
                        </span>
                      )}
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
      {chrome && <NoticeToasts />}
    </div>
  );
}
