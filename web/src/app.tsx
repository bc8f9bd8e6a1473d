// The app: session + location → the guard's decision → a screen inside the layout.
import { useEffect, useRef } from 'preact/hooks';
import { Layout } from './components/Layout';
import { LazyPage } from './components/LazyPage';
import { Loading } from './components/Loading';
import { vi } from './i18n/vi';
import { navigate, useLocation } from './lib/router';
import { loadMe, session } from './lib/session';
import { useStore } from './lib/store';
import NotAllowed from './pages/NotAllowed';
import NotFound from './pages/NotFound';
import { decide, showsCommittee, type Decision } from './routes';

function Unreachable() {
  return (
    <section class="page notice-page" aria-labelledby="unreachable-title">
      <h1 id="unreachable-title" tabIndex={-1}>
        {vi.app.name}
      </h1>
      <p class="alert alert-warning">{vi.network.failed}</p>
      <button type="button" class="btn btn-primary" onClick={() => void loadMe()}>
        {vi.app.retry}
      </button>
    </section>
  );
}

function titleOf(d: Decision): string {
  switch (d.kind) {
    case 'render':
      return d.route.title;
    case 'forbidden':
      return vi.forbidden.title;
    case 'not_found':
      return vi.notFound.title;
    default:
      return vi.app.name;
  }
}

export function App() {
  const state = useStore(session);
  const loc = useLocation();
  const decision = decide(loc.path, loc.query, state);
  const redirectTo = decision.kind === 'redirect' ? decision.to : null;

  useEffect(() => {
    if (redirectTo) navigate(redirectTo, { replace: true });
  }, [redirectTo]);

  const title = titleOf(decision);
  useEffect(() => {
    document.title = title === vi.app.name ? vi.app.name : `${title} · ${vi.app.shortName}`;
  }, [title]);

  // After a client-side navigation, move focus to the new screen's heading, as a page load
  // would, so keyboard and screen-reader users start at the top of what changed. Not on the first
  // screen: there the browser's own order (skip link first) applies.
  const lastPath = useRef<string | null>(null);
  useEffect(() => {
    if (decision.kind === 'wait' || decision.kind === 'redirect') return;
    const previous = lastPath.current;
    lastPath.current = loc.path;
    if (previous === null || previous === loc.path) return;
    const t = setTimeout(() => {
      const main = document.getElementById('main');
      const heading = main?.querySelector<HTMLElement>('h1');
      (heading ?? main)?.focus({ preventScroll: true });
    }, 50);
    return () => clearTimeout(t);
  }, [loc.path, decision.kind]);

  let content;
  switch (decision.kind) {
    case 'render': {
      const { route, params } = decision;
      const props = { params, query: loc.query };
      if (route.component) {
        const Page = route.component;
        content = <Page {...props} />;
      } else if (route.load) {
        content = <LazyPage key={route.path} load={route.load} props={props} />;
      }
      break;
    }
    case 'forbidden':
      content = <NotAllowed />;
      break;
    case 'not_found':
      content = <NotFound />;
      break;
    case 'unreachable':
      content = <Unreachable />;
      break;
    default:
      content = <Loading />;
  }

  const signedIn = state.status === 'signed_in';
  const stepPending = signedIn && (state.me.account.must_change_password || state.me.account.totp_setup_required);
  return (
    <Layout chrome={signedIn && !stepPending} committee={showsCommittee(state)} path={loc.path}>
      {content}
    </Layout>
  );
}
