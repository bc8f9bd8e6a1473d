// Whether the device is online, for the offline banner. navigator.onLine can say "online" on a
// dead Wi-Fi, so a failed request also marks us offline until the next success or `online` event.
import { createStore } from './store';

export const online = createStore<boolean>(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
// True while a screen shows answers the service worker served from its cache.
export const showingCached = createStore<boolean>(false);

export function startNetworkWatch(onBackOnline: () => void): void {
  window.addEventListener('online', () => {
    online.set(true);
    onBackOnline();
  });
  window.addEventListener('offline', () => online.set(false));
}

export function noteRequestFailed(): void {
  online.set(false);
}

export function noteRequestSucceeded(fromCache: boolean): void {
  if (!fromCache) {
    online.set(true);
    showingCached.set(false);
  } else {
    showingCached.set(true);
  }
}
