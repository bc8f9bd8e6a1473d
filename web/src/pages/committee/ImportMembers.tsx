// TODO(committee screens): import members from CSV/XLSX into unit :id — template download
// (GET /imports/template?format=csv|xlsx), upload with dry run (POST /units/{id}/imports?dry_run=1:
// a table of bad rows with reasons), then the real import (202 + job id) with a progress bar
// polling GET /imports/{job_id}, and a summary at the end. Uploads are not JSON: send the file
// with fetch and the X-CSRF-Token from getCsrfToken() (api/client.ts).
import { vi } from '../../i18n/vi';
import type { RouteProps } from '../../routes';
import { Placeholder } from './Placeholder';

export default function ImportMembers(_props: RouteProps) {
  return <Placeholder title={vi.committee.import} />;
}
