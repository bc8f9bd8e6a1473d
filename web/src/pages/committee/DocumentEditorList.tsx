// Documents in the editor's scope, one tab per state (Nháp, Chờ duyệt, Đã đăng, Đã thu hồi), and
// "Soạn tài liệu mới". The tab is in the address (?state=submitted), so Back and a shared link
// return to the same list.
import { ApiState } from '../../components/ApiState';
import { EmptyState } from '../../components/Loading';
import { formatDate } from '../../i18n/vi';
import { DOCUMENT_KINDS, labelOf, unixText, ve } from '../../i18n/vi-editor';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { editorApi, type EditorDocumentSummary } from './EditorApi';
import { STATE_TABS, StateBadge, documentHref, readingHref, stateFromQuery } from './EditorUi';
import { COMMITTEE_PATHS } from './routes';
import { Frame, TabPanel, Tabs } from './ui';


function When({ d }: { d: EditorDocumentSummary }) {
  if (d.state === 'published' && d.published_at) return <>{ve.common.publishedAt(unixText(d.published_at))}</>;
  if (d.state === 'submitted' && d.publish_at) return <>{ve.common.scheduledAt(unixText(d.publish_at))}</>;
  if (d.updated_at) return <>{ve.common.updated(unixText(d.updated_at))}</>;
  if (d.issued_on) return <>{formatDate(d.issued_on)}</>;
  return null;
}

function DocumentRow({ d, showStats }: { d: EditorDocumentSummary; showStats?: boolean }) {
  return (
    <li class="c-card e-item">
      <div class="c-card-main">
        <p class="c-card-title">
          <Link href={documentHref(d.id)}>{d.title}</Link>
        </p>
        <p class="muted small">
          {labelOf(DOCUMENT_KINDS, d.kind)}
          {' · '}
          <span class="mono">{d.number || ve.documents.noNumber}</span>
        </p>
        <p class="small e-item-meta">
          <StateBadge state={d.state} publishAt={d.publish_at} /> <When d={d} />
        </p>
      </div>
      {showStats && (
        <div class="c-card-actions">
          <Link class="btn btn-secondary" href={readingHref(d.id)}>
            {ve.documents.stats}
          </Link>
        </div>
      )}
    </li>
  );
}

export default function DocumentEditorList({ query }: RouteProps) {
  const state = stateFromQuery(query);
  const result = useApi((signal) => editorApi.listDocuments(state, signal), [state]);
  return (
    <Frame
      title={ve.documents.title}
      lead={<p>{ve.documents.intro}</p>}
      wide
    >
      <div class="actions e-top-actions">
        <Link class="btn btn-primary" href={COMMITTEE_PATHS.documentNew}>
          {ve.nav.newDocument}
        </Link>
      </div>
      <Tabs
        label={ve.documents.tabs}
        prefix="e-docs"
        tabs={STATE_TABS}
        current={state}
        onChange={(s) => navigate(`${COMMITTEE_PATHS.documents}?state=${s}`, { replace: true })}
      />
      <TabPanel prefix="e-docs" id={state}>
        <ApiState result={result}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={ve.documents.empty[state] ?? ve.common.empty} />
            ) : (
              <ul class="c-cards e-items">
                {list.map((d) => (
                  <DocumentRow key={d.id} d={d} showStats={state === 'published'} />
                ))}
              </ul>
            )
          }
        </ApiState>
      </TabPanel>
    </Frame>
  );
}
