// What the reading views of a document and of a news article share: the page around the item
// (address check, crumb back, loading), and the end of the text (the reading sentinel and "Đánh
// dấu đã đọc") with the way back to the list.
import type { ComponentChildren } from 'preact';
import { ApiState } from '../../components/ApiState';
import { vi } from '../../i18n/vi';
import { Link } from '../../lib/router';
import type { ApiResult } from '../../lib/use-api';
import { ReadEnd, useReading } from './parts';

// The page for item {id}: "not found" for an address that cannot name one, else the crumb back
// and the item once loaded.
export function ReadingPage<T>({
  id,
  result,
  pageClass,
  back,
  backLabel,
  children,
}: {
  id: number;
  result: ApiResult<T>;
  pageClass: string;
  back: string;
  backLabel: string;
  children: (item: T) => ComponentChildren;
}) {
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <section class="page">
        <p class="alert alert-error">{vi.notFound.body}</p>
      </section>
    );
  }
  return (
    <section class={`page ${pageClass} reading`}>
      <p class="crumbs">
        <Link href={back}>← {backLabel}</Link>
      </p>
      <ApiState result={result}>{children}</ApiState>
    </section>
  );
}

// The end of the text: the reading sentinel, "Đánh dấu đã đọc", and back to the list.
export function ReadingEnd({
  reading,
  labels,
  back,
  backLabel,
}: {
  reading: ReturnType<typeof useReading>;
  labels: { markRead: string; isRead: string; markedRead: string };
  back: string;
  backLabel: string;
}) {
  return (
    <>
      <ReadEnd read={reading.read} onMark={reading.markRead} sentinel={reading.sentinel} labels={labels} />
      <p class="center">
        <Link class="btn btn-secondary" href={back}>
          {backLabel}
        </Link>
      </p>
    </>
  );
}
