// The committee's start page: the screens the person's roles open, and the units they are in
// charge of (the roots of their scope) with member counts and quick links.
import { api } from '../../api/client';
import type { Unit } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { EmptyState } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { members, vc } from '../../i18n/vi-committee';
import { ve } from '../../i18n/vi-editor';
import { Link } from '../../lib/router';
import { hasAnyRole, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { useApi } from '../../lib/use-api';
import { committeeRoutes, COMMITTEE_PATHS } from './routes';
import { holdsMembers, importHref, unitHref } from './ui';

const ENTRIES = [
  { path: COMMITTEE_PATHS.notices, title: vc.notices.title, hint: vc.notices.hint },
  { path: COMMITTEE_PATHS.documents, title: ve.nav.documents, hint: ve.nav.documentsHint },
  { path: COMMITTEE_PATHS.newsList, title: ve.nav.news, hint: ve.nav.newsHint },
  { path: COMMITTEE_PATHS.readingList, title: ve.nav.reading, hint: ve.nav.readingHint },
  { path: COMMITTEE_PATHS.tree, title: vi.committee.orgTree, hint: vi.committee.orgTreeHint },
  { path: COMMITTEE_PATHS.accounts, title: vi.committee.accounts, hint: vi.committee.accountsHint },
  { path: COMMITTEE_PATHS.audit, title: vi.committee.audit, hint: vi.committee.auditHint },
];

// One scope root: its name, what it is and how many members it has in all (GET /units/{id} has
// the subtree counts; a unit in a list only counts its own members).
function RootCard({ unit }: { unit: Unit }) {
  const detail = useApi((signal) => api.get('/units/{id}', { path: { id: unit.id }, signal }), [unit.id]);
  const total = detail.data?.subtree?.member_count;
  const below = detail.data?.subtree ? detail.data.subtree.unit_count - 1 : null;
  return (
    <li class="c-card c-root">
      <div class="c-card-main">
        <p class="c-card-title">
          <Link href={unitHref(unit.id)}>{unit.name}</Link>
        </p>
        <p class="muted small">
          {unit.kind_label} · <span class="mono">{unit.code}</span>
        </p>
        <p class="c-root-count">
          {total !== undefined ? (
            <>
              <strong>{members(total)}</strong>
              {below ? ` · ${vc.dashboard.unitsBelow(below)}` : ''}
            </>
          ) : detail.error ? (
            <span class="muted">{vc.none}</span>
          ) : (
            <span class="muted">{vi.app.loading}</span>
          )}
        </p>
      </div>
      {detail.data?.can_edit_members && holdsMembers(unit.kind) && (
        <div class="c-card-actions">
          <Link class="btn btn-secondary" href={importHref(unit.id)}>
            {vc.dashboard.import}
          </Link>
        </div>
      )}
    </li>
  );
}

export default function CommitteeHome() {
  const state = useStore(session);
  const roots = useApi((signal) => api.get('/units', { signal }), []);
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
      <h2 class="section-title">{vc.dashboard.scopeTitle}</h2>
      <ApiState result={roots}>
        {(d) =>
          d.units.length === 0 ? (
            <EmptyState title={vc.dashboard.scopeEmpty} />
          ) : (
            <ul class="c-cards">
              {d.units.map((u) => (
                <RootCard key={u.id} unit={u} />
              ))}
            </ul>
          )
        }
      </ApiState>
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
