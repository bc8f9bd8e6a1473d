// The committee's start page: the screens the person's roles open.
import { vi } from '../../i18n/vi';
import { Link } from '../../lib/router';
import { hasAnyRole, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { committeeRoutes, COMMITTEE_PATHS } from './routes';

const ENTRIES = [
  { path: COMMITTEE_PATHS.tree, title: vi.committee.orgTree, hint: vi.committee.orgTreeHint },
  { path: COMMITTEE_PATHS.accounts, title: vi.committee.accounts, hint: vi.committee.accountsHint },
  { path: COMMITTEE_PATHS.audit, title: vi.committee.audit, hint: vi.committee.auditHint },
];

export default function CommitteeHome() {
  const state = useStore(session);
  if (state.status !== 'signed_in') return null;
  const me = state.me;
  // Only entries whose route the person's roles open, so nobody is shown a door that is locked.
  const visible = ENTRIES.filter((e) => {
    const route = committeeRoutes.find((r) => r.path === e.path);
    return !route?.roles || hasAnyRole(me, route.roles);
  });
  return (
    <section class="page committee-page" aria-labelledby="committee-title">
      <h1 id="committee-title" tabIndex={-1}>
        {vi.committee.title}
      </h1>
      <p>{vi.committee.intro}</p>
      <ul class="tiles">
        {visible.map((e) => (
          <li key={e.path}>
            <Link class="tile" href={e.path}>
              <span class="tile-title">{e.title}</span>
              <span class="tile-desc">{e.hint}</span>
            </Link>
          </li>
        ))}
      </ul>
      <h2 class="section-title">{vi.profile.roles}</h2>
      <ul class="role-list">
        {me.roles.map((g) => (
          <li key={g.id}>
            {g.role_label} — {g.unit_name}
          </li>
        ))}
      </ul>
    </section>
  );
}
