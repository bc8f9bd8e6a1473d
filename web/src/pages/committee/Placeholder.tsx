// The frame every committee placeholder shares until its real screen is written: the title,
// a note that the screen is being built, and whatever the page already loads.
import type { ComponentChildren } from 'preact';
import { vi } from '../../i18n/vi';
import { Link } from '../../lib/router';
import { COMMITTEE_PATHS } from './routes';

export function Placeholder({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <section class="page committee-page" aria-labelledby="committee-page-title">
      <nav class="crumbs" aria-label={vi.app.back}>
        <Link href={COMMITTEE_PATHS.home}>{vi.committee.title}</Link>
      </nav>
      <h1 id="committee-page-title" tabIndex={-1}>
        {title}
      </h1>
      <p class="alert alert-info">{vi.committee.underConstruction}</p>
      {children}
    </section>
  );
}
