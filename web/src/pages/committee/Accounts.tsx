// TODO(committee screens): accounts of a unit (GET /units/{id}/accounts?q=), reset password
// (POST /accounts/{id}/reset-password: show the temporary password once), grant and revoke roles
// within scope (POST /accounts/{id}/roles, DELETE /roles/{id}).
import { vi } from '../../i18n/vi';
import { Placeholder } from './Placeholder';

export default function Accounts() {
  return <Placeholder title={vi.committee.accounts} />;
}
