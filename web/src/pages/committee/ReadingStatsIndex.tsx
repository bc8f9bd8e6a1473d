// "Theo dõi việc đọc": the published documents the person can see, newest first, each with its
// required-reading deadline when there is one, leading to the statistics page; or find one by
// number or title.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { EmptyState, Loading } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { ddmmyyyy } from '../../i18n/vi-committee';
import { DOCUMENT_KINDS, labelOf, unixText, ve } from '../../i18n/vi-editor';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { editorApi, type DocumentSummary } from './EditorApi';
import { DocPicker, readingHref } from './EditorUi';
import { Frame, MoreButton } from './ui';

const t = ve.stats;

function Row({ d }: { d: DocumentSummary }) {
  return (
    <li class="c-card e-item">
      <div class="c-card-main">
        <p class="c-card-title">
          <Link href={readingHref(d.id)}>{d.title}</Link>
        </p>
        <p class="muted small">
          {labelOf(DOCUMENT_KINDS, d.kind)} · <span class="mono">{d.number || ve.documents.noNumber}</span>
          {d.published_at ? ` · ${ve.common.publishedAt(unixText(d.published_at))}` : ''}
        </p>
        {d.required && <p class="small"><span class="badge e-badge-required">{t.requiredBadge(ddmmyyyy(d.required.deadline))}</span></p>}
      </div>
    </li>
  );
}

export default function ReadingStatsIndex() {
  const first = useApi((signal) => editorApi.publishedDocuments({}, signal), []);
  const [more, setMore] = useState<DocumentSummary[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const next = cursor === undefined ? first.data?.next_cursor ?? null : cursor;

  async function loadMore() {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await editorApi.publishedDocuments({ cursor: next });
      setMore((m) => [...m, ...page.documents]);
      setCursor(page.next_cursor);
    } catch (e) {
      setMoreError(e instanceof ApiError ? e.message : vi.errors.generic);
    } finally {
      setLoadingMore(false);
    }
  }

  const list = [...(first.data?.documents ?? []), ...more];
  return (
    <Frame title={t.listTitle} lead={<p>{t.listIntro}</p>} wide>
      <DocPicker label={t.search} onPick={(d) => navigate(readingHref(d.id))} />
      {first.error && !first.data ? (
        <div class="alert alert-error" role="alert">
          <p>{first.error.message}</p>
          <button type="button" class="btn btn-secondary" onClick={first.reload}>
            {vi.app.retry}
          </button>
        </div>
      ) : !first.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <EmptyState title={t.listEmpty} />
      ) : (
        <>
          <ul class="c-cards e-items">
            {list.map((d) => (
              <Row key={d.id} d={d} />
            ))}
          </ul>
          {moreError && <p class="alert alert-error">{moreError}</p>}
          {next && <MoreButton loading={loadingMore} onClick={() => void loadMore()} />}
        </>
      )}
    </Frame>
  );
}
