// Renders a route whose screen is a lazy chunk. Loaded modules are remembered, so coming back
// to a screen does not flash "Đang tải…". Offline with the chunk not yet cached, say so plainly.
import { useEffect, useState } from 'preact/hooks';
import { vi } from '../i18n/vi';
import type { PageModule, RouteProps } from '../routes';
import { Loading } from './Loading';

const loaded = new Map<() => Promise<PageModule>, PageModule>();

export function LazyPage({ load, props }: { load: () => Promise<PageModule>; props: RouteProps }) {
  const [mod, setMod] = useState<PageModule | undefined>(() => loaded.get(load));
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const known = loaded.get(load);
    if (known) {
      setMod(() => known);
      return;
    }
    let alive = true;
    setMod(undefined);
    setFailed(false);
    load().then(
      (m) => {
        loaded.set(load, m);
        if (alive) setMod(() => m);
      },
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [load, attempt]);

  if (failed) {
    return (
      <div class="page">
        <div class="alert alert-error" role="alert">
          <p>{navigator.onLine === false ? vi.network.pageUnavailableOffline : vi.network.failed}</p>
          <button type="button" class="btn btn-secondary" onClick={() => setAttempt((a) => a + 1)}>
            {vi.app.retry}
          </button>
        </div>
      </div>
    );
  }
  if (!mod) return <Loading />;
  const Page = mod.default;
  return <Page {...props} />;
}
