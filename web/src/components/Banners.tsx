// The strips under the header: offline, showing saved data, changes waiting to be sent, and a
// new version. Polite live regions, so a screen reader hears them without losing its place.
import { useEffect, useState } from 'preact/hooks';
import { vi } from '../i18n/vi';
import { Icon } from './Icon';
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
          <Icon name="offline" class="banner-icon" />
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
