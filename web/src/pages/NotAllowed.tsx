// Shown when a route needs roles the person does not have, or the API answers 403/404 for what
// a screen asked: say plainly that this is not theirs to open and where to go instead.
import { vi } from '../i18n/vi';
import { Link } from '../lib/router';

export default function NotAllowed() {
  return (
    <section class="page notice-page" aria-labelledby="not-allowed-title">
      <div class="notice-icon" aria-hidden="true">
        {/* A simple padlock: recognisable without reading. */}
        <svg viewBox="0 0 24 24" width="64" height="64">
          <path
            fill="currentColor"
            d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5zm-3 8V7a3 3 0 0 1 6 0v3H9zm3 4a2 2 0 0 1 1 3.73V19h-2v-1.27A2 2 0 0 1 12 14z"
          />
        </svg>
      </div>
      <h1 id="not-allowed-title" tabIndex={-1}>
        {vi.forbidden.title}
      </h1>
      <p>{vi.forbidden.body}</p>
      <p class="muted">{vi.forbidden.hint}</p>
      <Link class="btn btn-primary" href="/">
        {vi.forbidden.home}
      </Link>
    </section>
  );
}
