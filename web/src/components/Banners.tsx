// The strips under the header: offline, showing saved data, changes waiting to be sent, and a
// new version. Polite live regions, so a screen reader hears them without losing its place.
import { useEffect, useState } from 'preact/hooks';
import { vi } from '../i18n/vi';
import { online, showingCached } from '../lib/network';
import { count as outboxCount, onOutboxChange } from '../lib/offline-queue';
import { applyUpdate, updateReady } from '../lib/sw-register';
import { useStore } from '../lib/store';

function usePending(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    outboxCount().then(setN, () => undefined);
    return onOutboxChange(setN);
  }, []);
  return n;
}

export function Banners() {
  const isOnline = useStore(online);
  const cached = useStore(showingCached);
  const update = useStore(updateReady);
  const pending = usePending();
  return (
    <div class="banners" aria-live="polite">
      {!isOnline && (
        <div class="banner banner-offline" role="status" data-testid="offline-banner">
          <svg viewBox="0 0 24 24" aria-hidden="true" class="banner-icon">
            <path
              fill="currentColor"
              d="M2.3 3.7 3.7 2.3l18 18-1.4 1.4-5.1-5.1A4 4 0 0 0 12 16a2 2 0 1 0 2 2l-3.7-3.7A6 6 0 0 0 7 16l-1.4-1.4a8 8 0 0 1 3.1-2L6.3 10.2a11 11 0 0 0-3 2.2L1.9 11a13 13 0 0 1 2.9-2.3L2.3 3.7zM12 7a13 13 0 0 1 10.1 4l-1.4 1.4a11 11 0 0 0-6-3.2L12 7z"
            />
          </svg>
          <span>{vi.network.offline}</span>
        </div>
      )}
      {isOnline && cached && (
        <div class="banner banner-info" role="status">
          {vi.network.fromCache}
        </div>
      )}
      {pending > 0 && (
        <div class="banner banner-info" role="status">
          {vi.network.pending(pending)}
        </div>
      )}
      {update && (
        <div class="banner banner-update" role="status">
          <span>{vi.update.available}</span>
          <button type="button" class="btn btn-small" onClick={applyUpdate}>
            {vi.update.reload}
          </button>
        </div>
      )}
    </div>
  );
}
