// What a screen shows while its data loads or when loading failed. A 403 or 404 from the API
// means "not for you" (the API hides what lies outside one's scope), so it shows the same
// friendly page as a route the person's roles do not open.
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import type { ApiResult } from '../lib/use-api';
import { vi } from '../i18n/vi';
import NotAllowed from '../pages/NotAllowed';
import { Loading } from './Loading';

interface Props<T> {
  // A useApi result, or anything loading the same way (usePolling of the statistics screens).
  result: Pick<ApiResult<T>, 'data' | 'error' | 'loading' | 'reload'>;
  children: (data: T) => ComponentChildren;
}

// The server's message and "Thử lại".
export function LoadError({ error, onRetry, children }: { error: ApiError; onRetry: () => void; children?: ComponentChildren }) {
  return (
    <div class="alert alert-error" role="alert">
      <p>{error.message}</p>
      {children}
      <button type="button" class="btn btn-secondary" onClick={onRetry}>
        {vi.app.retry}
      </button>
    </div>
  );
}

export function ApiState<T>({ result, children }: Props<T>) {
  const { data, error, loading, reload } = result;
  if (error?.notAllowed) return <NotAllowed />;
  if (error && data === undefined) return <LoadError error={error} onRetry={reload} />;
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <Loading />;
  return <>{children(data)}</>;
}
