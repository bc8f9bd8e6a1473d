// TODO(committee screens): the audit log with filters (actor, action, entity, since, until),
// paged with `before` (GET /audit → {entries, next_before}); before/after shown as a diff.
import { vi } from '../../i18n/vi';
import { Placeholder } from './Placeholder';

export default function AuditLog() {
  return <Placeholder title={vi.committee.audit} />;
}
