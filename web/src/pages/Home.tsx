// The member's home: their card first (what they open the app for at a meeting), then notices
// waiting for "Đã nhận", what to read (required documents, latest news: a lazy chunk,
// pages/news/HomeFeed), then the sections.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { vi } from '../i18n/vi';
import { badgeText, inboxCount } from '../lib/inbox';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';
import { COMMITTEE_ROLES, hasAnyRole, session } from '../lib/session';
import { Icon } from '../components/Icon';
import { MemberCard } from '../components/MemberCard';
import { PATHS } from '../paths';

const SECTIONS = ['news', 'documents', 'notices', 'study', 'calendar'] as const;

let feedModule: ComponentType | null = null;
function HomeFeed() {
  const [Feed, setFeed] = useState<ComponentType | null>(() => feedModule);
  useEffect(() => {
    if (Feed) return;
    import('./news/HomeFeed').then(
      (m) => {
        feedModule = m.default;
        setFeed(() => m.default);
      },
      () => undefined,
    );
  }, []);
  return Feed ? <Feed /> : null;
}

export default function Home() {
  const state = useStore(session);
  const { unread, toAck } = useStore(inboxCount);
  if (state.status !== 'signed_in') return null;
  const { me } = state;
  const name = me.member?.full_name;
  return (
    <section class="page home-page" aria-labelledby="home-title">
      <h1 id="home-title" tabIndex={-1}>
        {name ? vi.home.greeting(name) : vi.home.greetingNoName}
      </h1>
      {me.member ? (
        <MemberCard member={me.member} />
      ) : (
        <div class="card">
          <p>{vi.home.noMember}</p>
          <p class="muted">{vi.home.noMemberRoles}</p>
          <ul class="role-list">
            {me.roles.map((g) => (
              <li key={g.id}>
                {g.role_label} — {g.unit_name}
              </li>
            ))}
          </ul>
        </div>
      )}
      {me.member && !!toAck && (
        <Link class="alert alert-warning home-ack" href={`${PATHS.notices}?xem=can-xac-nhan`} data-testid="home-to-ack">
          <strong>{vi.home.toAck(toAck)}</strong> <span class="home-ack-go">{vi.home.toAckGo}</span>
        </Link>
      )}
      {me.member && <HomeFeed />}
      <h2 class="section-title">{vi.home.sections}</h2>
      <ul class="tiles">
        {SECTIONS.map((key) => (
          <li key={key}>
            <Link class="tile" href={PATHS[key]}>
              <Icon name={key} class="tile-icon" />
              <span class="tile-title">{vi.sections[key].title}</span>
              <span class="tile-desc">{vi.sections[key].description}</span>
              {key === 'notices' && badgeText(unread) && (
                <span class="tile-badge" data-testid="home-unread">
                  {vi.home.unreadNotices(unread ?? 0)}
                </span>
              )}
            </Link>
          </li>
        ))}
        {hasAnyRole(me, COMMITTEE_ROLES) && (
          <li>
            <Link class="tile tile-committee" href={PATHS.committee}>
              <Icon name="committee" class="tile-icon" />
              <span class="tile-title">{vi.committee.title}</span>
              <span class="tile-desc">{vi.committee.intro}</span>
            </Link>
          </li>
        )}
      </ul>
    </section>
  );
}
