// Registers the service worker and runs the update flow: a new deploy installs in the background
// and waits; the app shows "Đã có phiên bản mới — Tải lại"; on the person's click the waiting
// worker takes over and the page reloads once. Never reload by surprise: someone may be typing.
import { openedApiUrls } from '../api/client';
import { navigate } from './router';
import { createStore } from './store';

export const updateReady = createStore<ServiceWorker | null>(null);

let userAskedReload = false;

export interface WorkerCues {
  // Connectivity is back: replay what was queued offline.
  onBackOnline: () => void;
  // A push was just shown as a notification while this window is open.
  onPushed: () => void;
}

export function registerServiceWorker({ onBackOnline, onPushed }: WorkerCues): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  const hadController = !!sw.controller;
  let reloading = false;

  sw.addEventListener('controllerchange', () => {
    if (hadController || userAskedReload) {
      if (!reloading) {
        reloading = true;
        window.location.reload();
      }
      return;
    }
    // First visit: the worker has just taken control of this page. What the person opened so far
    // (GET /me and the like) came before it, so ask it to keep those for offline use.
    // (TypeScript narrows `controller` to null from `hadController` above; it has changed since.)
    const controller = sw.controller as ServiceWorker | null;
    controller?.postMessage({ type: 'WARM', urls: openedApiUrls() });
  });

  sw.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string; url?: unknown } | null;
    if (data?.type === 'ONLINE') onBackOnline();
    else if (data?.type === 'PUSHED') onPushed();
    // A notification was touched while the app was open (src/sw/sw.ts): go to its notice.
    else if (data?.type === 'NAVIGATE' && typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//'))
      navigate(data.url);
  });

  const register = () => {
    sw.register('/sw.js', { scope: '/' }).then(
      (reg) => {
        if (reg.waiting && sw.controller) updateReady.set(reg.waiting);
        reg.addEventListener('updatefound', () => {
          const installing = reg.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed' && sw.controller) updateReady.set(installing);
          });
        });
        // An installed app may stay open for days: look for a new version now and then.
        const check = () => void reg.update().catch(() => undefined);
        setInterval(check, 60 * 60 * 1000);
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') check();
        });
      },
      () => undefined,
    );
  };
  // After the load event, so the worker's precaching never competes with the first screen.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

export function applyUpdate(): void {
  const waiting = updateReady.get();
  userAskedReload = true;
  if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
  else window.location.reload();
}
