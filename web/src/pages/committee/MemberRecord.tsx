// TODO(committee screens): the member record — view, edit with field-level messages
// (PATCH /members/{id}; `fields` of a 422 go next to their inputs via <Field error=…>),
// status changes with dates, transfer (POST /members/{id}/transfer), account creation.
import { api } from '../../api/client';
import { ApiState } from '../../components/ApiState';
import { vi } from '../../i18n/vi';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { Placeholder } from './Placeholder';

export default function MemberRecord({ params }: RouteProps) {
  const id = Number(params.id);
  const result = useApi((signal) => api.get('/members/{id}', { path: { id }, signal }), [id]);
  return (
    <Placeholder title={vi.committee.member}>
      <ApiState result={result}>
        {(m) => (
          <div class="card">
            <h2>{m.full_name}</h2>
            <p>
              {m.unit_name} · {m.status_label}
            </p>
          </div>
        )}
      </ApiState>
    </Placeholder>
  );
}
