// What a screen shows while its data loads or when loading failed. A 403 or 404 from the API
// means "not for you" (the API hides what lies outside one's scope), so it shows the same
// friendly page as a route the person's roles do not open.
import type { ComponentChildren } from 'preact';
import type { ApiResult } from '../lib/use-api';
import { vi } from '../i18n/vi';
import NotAllowed from '../pages/NotAllowed';
import { Loading } from './Loading';

interface Props<T> {
  result: ApiResult<T>;
  children: (data: T) => ComponentChildren;
}

export function ApiState<T>({ result, children }: Props<T>) {
  const { data, error, loading, reload } = result;
  if (error?.notAllowed) return <NotAllowed />;
  if (error && data === undefined) {
    return (
      <div class="alert alert-error" role="alert">
        <p>{error.message}</p>
        <button type="button" class="btn btn-secondary" onClick={reload}>
          {vi.app.retry}
        </button>
      </div>
    );
  }
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <Loading />;
  return <>{children(data)}</>;
}
