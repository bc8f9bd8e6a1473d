// The table of contents the server found in the text (Phần, Chương, Mục, Điều, Khoản, Điểm or
// numbered points), shown beside the text so the editor sees at once whether each Điều starts a
// line as it should. Refreshed on every save; marked out of date while the text has unsaved edits.
import { ve } from '../../i18n/vi-editor';
import type { Section } from './EditorApi';

// Only the levels a reader navigates by: Khoản and Điểm would make the list as long as the text.
export function tocEntries(sections: Section[]): Section[] {
  return [...sections]
    .sort((a, b) => a.ord - b.ord)
    .filter((s) => s.kind !== 'preamble' && s.kind !== 'khoan' && s.kind !== 'diem' && s.depth <= 3);
}

export function DocumentToc({ sections, stale }: { sections: Section[] | null; stale: boolean }) {
  const t = ve.documents;
  const entries = sections ? tocEntries(sections) : [];
  return (
    <section class="card e-toc" aria-labelledby="e-toc-title">
      <h2 id="e-toc-title">{t.toc}</h2>
      <p class="hint">{t.tocHint}</p>
      {stale && sections !== null && (
        <p class="alert alert-warning e-toc-stale" role="status">
          {t.tocStale}
        </p>
      )}
      {sections === null ? (
        <p class="muted">{t.tocSaveFirst}</p>
      ) : entries.length === 0 ? (
        <p class="muted">{t.tocEmpty}</p>
      ) : (
        <>
          <p class="muted small">{t.tocCount(sections.filter((s) => s.kind !== 'preamble').length)}</p>
          <ol class="e-toc-list" aria-label={t.toc}>
            {entries.map((s) => (
              <li key={s.ord} class={`e-toc-item e-depth-${Math.min(s.depth, 3)}`}>
                <span class="e-toc-label">{s.label}</span>
                {s.heading && <span class="e-toc-heading">{s.heading}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
