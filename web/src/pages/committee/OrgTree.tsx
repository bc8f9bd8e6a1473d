// TODO(committee screens): the organization tree — expand/collapse (GET /units/{id}/children),
// member counts, search with or without diacritics (GET /units/search?q=).
// For now: the roots of the caller's scope, each linking to its unit page.
import { api } from '../../api/client';
import { ApiState } from '../../components/ApiState';
import { EmptyState } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { Placeholder } from './Placeholder';
import { COMMITTEE_PATHS, committeePath } from './routes';

export default function OrgTree() {
  const result = useApi((signal) => api.get('/units', { signal }), []);
  return (
    <Placeholder title={vi.committee.orgTree}>
      <ApiState result={result}>
        {(data) =>
          data.units.length === 0 ? (
            <EmptyState title={vi.committee.orgTree} />
          ) : (
            <ul class="link-list card">
              {data.units.map((u) => (
                <li key={u.id}>
                  <Link href={committeePath(COMMITTEE_PATHS.unit, { id: u.id })}>
                    {u.name} ({u.kind_label}, {u.member_count})
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </ApiState>
    </Placeholder>
  );
}
