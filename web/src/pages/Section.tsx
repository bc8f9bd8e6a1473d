// Placeholder for a capability still to come (news, documents, notices, study, calendar): the
// route and its tile exist so members learn where things will be; the screen says it is coming.
import { EmptyState } from '../components/Loading';
import { vi } from '../i18n/vi';
import { Link } from '../lib/router';
import type { RouteProps } from '../routes';

type Key = 'news' | 'documents' | 'notices' | 'study' | 'calendar';

export default function Section({ section }: RouteProps & { section: Key }) {
  const s = vi.sections[section];
  return (
    <section class="page" aria-labelledby="section-title">
      <h1 id="section-title" tabIndex={-1}>
        {s.title}
      </h1>
      <p class="muted">{s.description}</p>
      <EmptyState title={vi.app.comingSoon}>
        <p>{vi.sections.placeholder}</p>
        <Link class="btn btn-secondary" href="/">
          {vi.forbidden.home}
        </Link>
      </EmptyState>
    </section>
  );
}
