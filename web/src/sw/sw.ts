// The service worker: what makes Sổ tay open on a phone with no signal.
//
//  - install: precache the app shell (index.html, the entry and member-screen chunks, CSS,
//    manifest, icons). The list and the version are injected at build time (scripts/postbuild.mjs),
//    so every deploy yields a byte-different sw.js and the browser installs it as an update.
//  - navigations (app routes): the cached shell, so the app starts offline and instantly on 3G;
//    the network only when the shell is not cached yet.
//  - /assets/* (content-hashed, immutable): cache first. Committee chunks (assets/c-*) are not
//    precached — members never need them — and are cached the first time they are loaded.
//  - GET /api/v1/*: network first, cached copy when the network fails or is too slow; answers
//    from the cache carry X-Sotay-From-Cache so the app can say it shows saved data. Downloaded
//    files (attachments, notices' files) are kept only within a size budget (file-budget.ts).
//  - everything else (POST/PATCH/DELETE, the live socket, exports): straight to the network.
//    Changes made offline are queued by the page (src/lib/offline-queue.ts), which holds the CSRF
//    token; when connectivity returns this worker tells open pages to replay their outbox.
//  - a new version waits until the person presses "Tải lại" (message SKIP_WAITING).
//  - push: a notice for a closed app (decision 0006) becomes a system notification, one per notice
//    (tag notice-<id>, so a correction replaces it); urgent ones stay until touched. Open windows
//    are then told (PUSHED) so a sleeping live connection catches up. Touching the notification
//    brings an open Sổ tay window to the notice, or opens one.
/// <reference lib="webworker" />
import { filesToEvict, isFileDownload, keepsFile, type KeptFile } from './file-budget';

declare const __PRECACHE__: string[];
declare const __ALL_ASSETS__: string[];
declare const __VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL_CACHE = `sotay-shell-${__VERSION__}`;
const ASSET_CACHE = 'sotay-assets';
// Shared with the page (src/lib/session.ts), which deletes it on sign-out.
const API_CACHE = 'sotay-api';
const API_PREFIX = '/api/v1/';
// With a cached copy in hand, do not keep an older member waiting on a crawling connection.
const API_TIMEOUT_MS = 6000;
// Downloads and live connections are never cached.
const API_NO_CACHE = [/^\/api\/v1\/live/, /\/export(\?|$)/, /^\/api\/v1\/imports\//];

const FROM_CACHE_HEADER = 'X-Sotay-From-Cache';

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // Files without a content hash (index.html, the manifest, icons) are fetched past the HTTP
      // cache so the shell stored is this version's; hashed assets may come from the HTTP cache,
      // where the first visit just put them — no second download on a slow connection.
      await cache.addAll(
        __PRECACHE__.map((url) => new Request(url, url.startsWith('/assets/') ? {} : { cache: 'reload' })),
      );
      // The first install has no old version to wait for; updates wait for the person.
      if (!(await hasOtherVersion())) await sw.skipWaiting();
    })(),
  );
});

async function hasOtherVersion(): Promise<boolean> {
  const names = await caches.keys();
  return names.some((n) => n.startsWith('sotay-shell-') && n !== SHELL_CACHE);
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith('sotay-shell-') && n !== SHELL_CACHE).map((n) => caches.delete(n)),
      );
      // Runtime-cached chunks of older versions are dead weight on a small phone.
      const assets = await caches.open(ASSET_CACHE);
      const keep = new Set(__ALL_ASSETS__);
      for (const req of await assets.keys()) {
        if (!keep.has(new URL(req.url).pathname)) await assets.delete(req);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; urls?: unknown } | null;
  if (data?.type === 'SKIP_WAITING') {
    void sw.skipWaiting();
  } else if (data?.type === 'WARM' && Array.isArray(data.urls)) {
    event.waitUntil(warm(data.urls.filter((u): u is string => typeof u === 'string')));
  }
});

// Fetch again, now through this worker, what the page loaded before the worker controlled it.
async function warm(urls: string[]): Promise<void> {
  const cache = await caches.open(API_CACHE);
  await Promise.all(
    urls
      .filter((u) => u.startsWith(API_PREFIX) && cacheableApi(u))
      .map(async (u) => {
        try {
          const res = await fetch(u, { credentials: 'same-origin' });
          if (res.ok) await cache.put(u, res);
        } catch {
          // Offline again already: nothing to keep.
        }
      }),
  );
}

function cacheableApi(pathAndQuery: string): boolean {
  return !API_NO_CACHE.some((re) => re.test(pathAndQuery));
}

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin) return;
  if (req.method !== 'GET') return;

  if (url.pathname.startsWith(API_PREFIX)) {
    if (!cacheableApi(url.pathname + url.search)) return;
    event.respondWith(networkFirst(req, event));
    return;
  }
  if (req.mode === 'navigate') {
    event.respondWith(shell(req));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(req, true));
    return;
  }
  // The manifest, icons, favicon: precached; anything else goes to the network.
  event.respondWith(cacheFirst(req, false));
});

async function shell(req: Request): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match('/index.html');
  if (cached) return cached;
  try {
    return await fetch(req);
  } catch {
    return offlinePage();
  }
}

async function cacheFirst(req: Request, store: boolean): Promise<Response> {
  const hit = await caches.match(req, { ignoreVary: true });
  if (hit) return hit;
  try {
    const res = await fetch(req);
    if (store && res.ok) {
      const copy = res.clone();
      void caches.open(ASSET_CACHE).then((c) => c.put(req, copy));
    }
    return res;
  } catch {
    return Response.error();
  }
}

function markFromCache(res: Response): Response {
  const headers = new Headers(res.headers);
  headers.set(FROM_CACHE_HEADER, '1');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

async function networkFirst(req: Request, event: FetchEvent): Promise<Response> {
  const cache = await caches.open(API_CACHE);
  const cached = await cache.match(req);
  const network = fetch(req).then(async (res) => {
    if (isFileDownload(new URL(req.url).pathname)) {
      // A file goes to the person at once (not after it is stored) and is kept within a budget.
      if (keepsFile(res.status, res.headers.get('Content-Length'))) event.waitUntil(keepFile(cache, req, res.clone()));
      return res;
    }
    // Only successful answers are kept; a 401 means the session ended and the page will clear
    // the cache itself.
    if (res.ok) await cache.put(req, res.clone());
    return res;
  });
  // Keep updating the cache even if the page got the cached copy first.
  event.waitUntil(network.then(() => undefined, () => undefined));
  if (!cached) {
    try {
      return await network;
    } catch {
      notifyOffline();
      return Response.error();
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), API_TIMEOUT_MS);
  });
  try {
    const winner = await Promise.race([network, timeout]);
    if (winner !== 'timeout') return winner;
    return markFromCache(cached);
  } catch {
    notifyOffline();
    return markFromCache(cached);
  } finally {
    clearTimeout(timer);
  }
}

// Stores a downloaded file, then deletes the files stored longest ago until the rest fit the
// budget (src/sw/file-budget.ts). A phone out of storage simply does not keep it.
async function keepFile(cache: Cache, req: Request, res: Response): Promise<void> {
  try {
    await cache.put(req, res);
    const kept: KeptFile[] = [];
    for (const key of await cache.keys()) {
      if (!isFileDownload(new URL(key.url).pathname)) continue;
      const stored = await cache.match(key);
      kept.push({ url: key.url, size: Number(stored?.headers.get('Content-Length') ?? 0) || 0 });
    }
    for (const url of filesToEvict(kept)) await cache.delete(url);
  } catch {
    // QuotaExceededError and the like: the file stays only in the person's downloads.
  }
}

// A minimal page for a navigation before the shell was ever cached (first visit, offline).
function offlinePage(): Response {
  const html =
    '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Sổ tay</title><body style="font-family:system-ui,sans-serif;padding:1rem;line-height:1.5">' +
    '<h1>Sổ tay đảng viên</h1><p>Bạn đang ngoại tuyến và Sổ tay chưa được lưu trên máy này. Vui lòng mở lại khi có mạng.</p></body></html>';
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

// Pages listen for the `online` event themselves; this covers browsers where that event is
// unreliable: once a request fails, poll lightly and tell pages when the server answers again.
let probing = false;
function notifyOffline(): void {
  if (probing) return;
  probing = true;
  const probe = async () => {
    try {
      const res = await fetch('/api/v1/me', { method: 'GET', cache: 'no-store', credentials: 'same-origin' });
      // Any answer (even 401) means the server is reachable again.
      void res.body?.cancel();
      probing = false;
      const clients = await sw.clients.matchAll({ type: 'window' });
      clients.forEach((c) => c.postMessage({ type: 'ONLINE' }));
    } catch {
      setTimeout(probe, 15000);
    }
  };
  setTimeout(probe, 15000);
}

// ---- Web Push ----

// What the server pushes: {"type":"notice","id","title","body","priority","url"}.
interface PushPayload {
  type?: string;
  id?: number;
  title?: string;
  body?: string;
  priority?: string;
  url?: string;
}

// Only addresses of this app ("/thong-bao/5" or the same with this origin): a payload must not
// send anyone elsewhere.
function appPath(url: unknown, id: unknown): string {
  if (typeof url === 'string' && url) {
    try {
      const u = new URL(url, sw.location.origin);
      if (u.origin === sw.location.origin) return u.pathname + u.search + u.hash;
    } catch {
      // not an address: fall through
    }
  }
  return typeof id === 'number' ? `/thong-bao/${id}` : '/thong-bao';
}

sw.addEventListener('push', (event) => {
  let data: PushPayload = {};
  try {
    data = (event.data?.json() as PushPayload | null) ?? {};
  } catch {
    data = { body: event.data?.text() ?? '' };
  }
  const urgent = data.priority === 'urgent';
  const title = data.title || 'Sổ tay đảng viên';
  const options: NotificationOptions = {
    body: data.body ?? '',
    tag: typeof data.id === 'number' ? `notice-${data.id}` : 'notice',
    data: { url: appPath(data.url, data.id) },
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    lang: 'vi',
    requireInteraction: urgent,
  };
  event.waitUntil(
    (async () => {
      await sw.registration.showNotification(urgent ? `Khẩn: ${title}` : title, options);
      // An open Sổ tay whose live connection is down (the phone slept, the network came back)
      // takes this as its cue to reconnect and catch up at once rather than at its next retry.
      for (const client of await sw.clients.matchAll({ type: 'window' })) {
        client.postMessage({ type: 'PUSHED', id: typeof data.id === 'number' ? data.id : null });
      }
    })(),
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = appPath((event.notification.data as { url?: unknown } | null)?.url, undefined);
  const target = new URL(path, sw.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const same = windows.find((c) => c.url === target);
      if (same) {
        await same.focus();
        return;
      }
      // An open Sổ tay: bring it forward and let the app go to the notice without reloading.
      const open = windows.find((c) => new URL(c.url).origin === sw.location.origin);
      if (open) {
        const focused = await open.focus();
        focused.postMessage({ type: 'NAVIGATE', url: path });
        return;
      }
      await sw.clients.openWindow(path);
    })(),
  );
});
