import { vi } from '../i18n/vi';
import { Link } from '../lib/router';

export default function NotFound() {
  return (
    <section class="page notice-page" aria-labelledby="not-found-title">
      <h1 id="not-found-title" tabIndex={-1}>
        {vi.notFound.title}
      </h1>
      <p>{vi.notFound.body}</p>
      <Link class="btn btn-primary" href="/">
        {vi.forbidden.home}
      </Link>
    </section>
  );
}
