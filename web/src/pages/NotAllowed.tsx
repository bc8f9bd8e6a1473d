// Shown when a route needs roles the person does not have, or the API answers 403/404 for what
// a screen asked: say plainly that this is not theirs to open and where to go instead.
import { Icon } from '../components/Icon';
import { vi } from '../i18n/vi';
import { Link } from '../lib/router';

export default function NotAllowed() {
  return (
    <section class="page notice-page" aria-labelledby="not-allowed-title">
      <div class="notice-icon">
        <Icon name="lock" class="notice-svg" />
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
