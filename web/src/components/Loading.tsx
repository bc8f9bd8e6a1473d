import type { ComponentChildren } from 'preact';
import { vi } from '../i18n/vi';

// A visible, announced loading state: on 3G a screen can wait seconds and must not look broken.
export function Loading({ label = vi.app.loading }: { label?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children}
    </div>
  );
}
