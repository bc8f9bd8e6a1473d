import { vi } from '../i18n/vi';
import { dismiss, flashes } from '../lib/flash';
import { useStore } from '../lib/store';

export function Flashes() {
  const list = useStore(flashes);
  return (
    <div class="flashes" role="status" aria-live="polite">
      {list.map((f) => (
        <div key={f.id} class={`flash flash-${f.kind}`}>
          <span>{f.text}</span>
          <button type="button" class="flash-close" aria-label={vi.app.close} onClick={() => dismiss(f.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
