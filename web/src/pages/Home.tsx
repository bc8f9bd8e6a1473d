// The member's home: their card first (what they open the app for at a meeting), then the
// sections later capabilities fill in.
import { vi } from '../i18n/vi';
import { Link } from '../lib/router';
import { useStore } from '../lib/store';
import { COMMITTEE_ROLES, hasAnyRole, session } from '../lib/session';
import { MemberCard } from '../components/MemberCard';
import { PATHS } from '../paths';

const SECTIONS = [
  { key: 'news', icon: 'M4 5h13v14H6a2 2 0 0 1-2-2V5zm13 4h3v8a2 2 0 0 1-2 2h-1V9zM7 8h7v2H7V8zm0 4h7v1.5H7V12zm0 3h5v1.5H7V15z' },
  { key: 'documents', icon: 'M6 3h8l5 5v13H6V3zm7 1.5V9h4.5L13 4.5zM8.5 12h8v1.5h-8V12zm0 3h8v1.5h-8V15zm0 3h5v1.5h-5V18z' },
  { key: 'notices', icon: 'M12 3a6 6 0 0 0-6 6v4l-2 3v1h16v-1l-2-3V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0h-4z' },
  { key: 'study', icon: 'M12 4 2 9l10 5 8-4v6h2V9L12 4zM6 13.2V17c0 1.7 2.7 3 6 3s6-1.3 6-3v-3.8l-6 3-6-3z' },
  { key: 'calendar', icon: 'M7 2h2v2h6V2h2v2h3v17H4V4h3V2zm-1 7v10h12V9H6zm2 2h3v3H8v-3z' },
] as const;

export default function Home() {
  const state = useStore(session);
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
      <h2 class="section-title">{vi.home.sections}</h2>
      <ul class="tiles">
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <Link class="tile" href={PATHS[s.key]}>
              <svg class="tile-icon" viewBox="0 0 24 24" aria-hidden="true">
                <path fill="currentColor" d={s.icon} />
              </svg>
              <span class="tile-title">{vi.sections[s.key].title}</span>
              <span class="tile-desc">{vi.sections[s.key].description}</span>
            </Link>
          </li>
        ))}
        {hasAnyRole(me, COMMITTEE_ROLES) && (
          <li>
            <Link class="tile tile-committee" href={PATHS.committee}>
              <svg class="tile-icon" viewBox="0 0 24 24" aria-hidden="true">
                <path fill="currentColor" d="M11 2h2v3h5v5h-2V7H8v3H6V5h5V2zM3 12h8v4H9v2h6v-2h-2v-4h8v9H3v-9z" />
              </svg>
              <span class="tile-title">{vi.committee.title}</span>
              <span class="tile-desc">{vi.committee.intro}</span>
            </Link>
          </li>
        )}
      </ul>
    </section>
  );
}
