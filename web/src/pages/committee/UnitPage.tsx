// TODO(committee screens): the unit page — members with filters by status and position
// (GET /units/{id}/members), committee positions with terms, history, unit operations
// (create, rename, move, merge, close) with a confirmation that says what will change, export.
// For now: the unit's name and counts, so the route, its guard and NotAllowed are exercised.
import { api } from '../../api/client';
import { ApiState } from '../../components/ApiState';
import { vi } from '../../i18n/vi';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { Placeholder } from './Placeholder';
import { COMMITTEE_PATHS, committeePath } from './routes';

export default function UnitPage({ params }: RouteProps) {
  const id = Number(params.id);
  const result = useApi((signal) => api.get('/units/{id}', { path: { id }, signal }), [id]);
  return (
    <Placeholder title={vi.committee.unit}>
      <ApiState result={result}>
        {(unit) => (
          <div class="card">
            <h2>{unit.name}</h2>
            <p>
              {unit.kind_label} · {unit.member_count}
            </p>
            <Link class="btn btn-secondary" href={committeePath(COMMITTEE_PATHS.import, { id })}>
              {vi.committee.import}
            </Link>
          </div>
        )}
      </ApiState>
    </Placeholder>
  );
}
