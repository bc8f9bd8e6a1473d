// The editor screens' calls to the library API (decision 0005): documents, news, attachments,
// required reading and reading statistics, typed by the generated OpenAPI types so a field renamed
// on the server fails `tsc` here. Calls go through the shared client (CSRF token, the Vietnamese
// error envelope, the end of a session). Uploads are in EditorUpload.ts (they need progress).
import { api, buildUrl } from '../../api/client';
import type { components } from '../../api/schema';

type S = components['schemas'];

export type DocRef = S['DocumentRef'];
export type UnitRef = S['UnitRef'];
export type Attachment = S['Attachment'];
export type Section = S['Section'];
export type DocumentSummary = S['DocumentSummary'];
export type EditorDocumentSummary = S['EditorDocumentSummary'];
export type DocumentDetail = S['Document'];
export type DocumentInput = S['DocumentInput'];
export type VersionEntry = S['Version'];
export type NewsSummary = S['NewsSummary'];
export type EditorNewsSummary = S['EditorNewsSummary'];
export type NewsDetail = S['NewsArticle'];
export type NewsInput = S['NewsInput'];
export type ReadingStats = S['ReadingStats'];
export type StatsRow = Pick<ReadingStats, 'members' | 'opened' | 'reached_end' | 'rate'>;
export type RequiredAssignment = S['RequiredAssignment'];
export type ItemStateCode = S['ItemState'];

export type Workflow = 'submit' | 'publish' | 'withdraw' | 'return';
export type ItemKind = 'documents' | 'news';

// The API's timestamps are unix seconds.
export const fromUnix = (s: number) => new Date(s * 1000);

export const editorApi = {
  listDocuments: (state: ItemStateCode, signal?: AbortSignal) =>
    api.get('/editor/documents', { query: { state, limit: 100 }, ...(signal ? { signal } : {}) }).then((d) => d.documents),
  listNews: (state: ItemStateCode, signal?: AbortSignal) =>
    api.get('/editor/news', { query: { state, limit: 100 }, ...(signal ? { signal } : {}) }).then((d) => d.items),
  // The member-side list (published, visible to the person): what a committee follows.
  publishedDocuments: (opts: { cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
    api.get('/documents', {
      query: { ...(opts.cursor ? { cursor: opts.cursor } : {}), limit: opts.limit ?? 30 },
      ...(signal ? { signal } : {}),
    }),
  document: (id: number, signal?: AbortSignal) => api.get('/documents/{id}', { path: { id }, ...(signal ? { signal } : {}) }),
  createDocument: (input: DocumentInput) => api.post('/documents', { body: input }),
  updateDocument: (id: number, input: DocumentInput & { version: number }) => api.put('/documents/{id}', { path: { id }, body: input }),
  documentVersions: (id: number, signal?: AbortSignal) =>
    api.get('/documents/{id}/versions', { path: { id }, ...(signal ? { signal } : {}) }).then((d) => d.versions),
  news: (id: number, signal?: AbortSignal) => api.get('/news/{id}', { path: { id }, ...(signal ? { signal } : {}) }),
  createNews: (input: NewsInput) => api.post('/news', { body: input }),
  updateNews: (id: number, input: NewsInput & { version: number }) => api.put('/news/{id}', { path: { id }, body: input }),
  newsVersions: (id: number, signal?: AbortSignal) =>
    api.get('/news/{id}/versions', { path: { id }, ...(signal ? { signal } : {}) }).then((d) => d.versions),
  // `note` goes with "Trả lại" (to the writer, through the audit log).
  documentStep: (id: number, step: Workflow, publishAt?: number, note?: string) => {
    const path = { id };
    switch (step) {
      case 'submit':
        return api.post('/documents/{id}/submit', { path });
      case 'publish':
        return api.post('/documents/{id}/publish', { path, body: publishAt ? { publish_at: publishAt } : {} });
      case 'withdraw':
        return api.post('/documents/{id}/withdraw', { path });
      case 'return':
        return api.post('/documents/{id}/return', { path, body: note ? { note } : {} });
    }
  },
  newsStep: (id: number, step: Workflow, publishAt?: number, note?: string) => {
    const path = { id };
    switch (step) {
      case 'submit':
        return api.post('/news/{id}/submit', { path });
      case 'publish':
        return api.post('/news/{id}/publish', { path, body: publishAt ? { publish_at: publishAt } : {} });
      case 'withdraw':
        return api.post('/news/{id}/withdraw', { path });
      case 'return':
        return api.post('/news/{id}/return', { path, body: note ? { note } : {} });
    }
  },
  attachment: (id: number, signal?: AbortSignal) => api.get('/attachments/{id}', { path: { id }, ...(signal ? { signal } : {}) }),
  // Documents found by number ("qd 294") or words of the title, each once.
  searchDocuments: (q: string, signal?: AbortSignal) =>
    api.get('/search', { query: { q, limit: 20 }, ...(signal ? { signal } : {}) }).then((d) => {
      const seen = new Set<number>();
      const out: DocRef[] = [];
      for (const r of d.results) {
        if (r.document && !seen.has(r.document.id)) {
          seen.add(r.document.id);
          out.push({ id: r.document.id, number: r.document.number, title: r.document.title });
        }
      }
      return out;
    }),
  topics: (signal?: AbortSignal) =>
    api.get('/documents/facets', signal ? { signal } : {}).then((d) => d.topics.map((t) => t.label || t.value)),
  require: (id: number, body: { unit_id: number; deadline: string; note: string }) =>
    api.post('/documents/{id}/required', { path: { id }, body }),
  readingStats: (id: number, unit: number | null, signal?: AbortSignal) =>
    api.get('/documents/{id}/reading-stats', {
      path: { id },
      query: unit ? { unit } : {},
      ...(signal ? { signal } : {}),
    }),
  readingStatsXlsxUrl: (id: number, unit: number | null) =>
    buildUrl('/documents/{id}/reading-stats.xlsx', { id }, unit ? { unit } : undefined),
  remind: (requiredId: number) => api.post('/required-readings/{id}/remind', { path: { id: requiredId } }),
};
