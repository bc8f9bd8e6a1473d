// The reading view of a document: header (number, title, issuer, dates, status and what replaced
// it), a collapsible table of contents, the text section by section with each section's anchor as
// its id (so /tai-lieu/12#dieu-4 opens at Điều 4), links to copy, attachments, and at the end a
// large "Đánh dấu đã đọc". Opened once, it reads offline (the service worker keeps the answer).
import { useEffect, useMemo } from 'preact/hooks';
import { api } from '../../api/client';
import { FileLinks } from '../../components/FileLinks';
import { ddmmyyyy, KIND_LABELS, LEVEL_LABELS, RELATION_LABELS, STATUS_LABELS, vl } from '../../i18n/vi-library';
import { flash } from '../../lib/flash';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { documentHref, PATHS } from '../../paths';
import type { RouteProps } from '../../routes';
import { FavouriteButton, Glyph, isOverdue, useReading } from './parts';
import { ReadingEnd, ReadingPage } from './ReadingPage';
import { buildToc, countNodes, indentOf, isInline, sectionMarker, sectionTitle, type TocNode } from './toc';
import type { Attachment, DocumentFull, Section } from './types';

export function paragraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

function Toc({ nodes }: { nodes: TocNode[] }) {
  return (
    <ol>
      {nodes.map((n) => (
        <li key={n.section.ord}>
          <a href={`#${n.section.anchor}`}>{sectionTitle(n.section)}</a>
          {n.children.length > 0 && <Toc nodes={n.children} />}
        </li>
      ))}
    </ol>
  );
}

function SectionBlock({ s, docId }: { s: Section; docId: number }) {
  const inline = isInline(s);
  const Heading = (`h${Math.min(2 + Math.max(0, s.depth), 4)}` as 'h2' | 'h3' | 'h4');
  const copy = async () => {
    const ok = await copyText(window.location.origin + documentHref(docId, s.anchor));
    flash(ok ? vl.doc.copied(s.label) : vl.doc.copyFailed, ok ? 'success' : 'error', 4000);
  };
  const paras = paragraphs(s.body);
  const marker = inline ? sectionMarker(s) : '';
  const indent = inline ? indentOf(s) : 0;
  const depthClass = indent ? ` doc-indent-${indent}` : '';
  return (
    <section id={s.anchor || undefined} class={`doc-sec doc-sec-${s.kind}${inline ? ' doc-sec-inline' : ''}${depthClass}`} tabIndex={-1}>
      {!inline && (s.label || s.heading) && (
        <div class="doc-sec-head">
          <Heading>{sectionTitle(s)}</Heading>
          {s.anchor && s.label && (
            <button type="button" class="icon-btn" aria-label={vl.doc.copyLinkTo(s.label)} title={vl.doc.copyLink} onClick={() => void copy()}>
              <Glyph name="link" />
            </button>
          )}
        </div>
      )}
      {inline && s.heading && (
        <p class="doc-sec-inline-head">
          {marker && <strong class="doc-marker">{marker} </strong>}
          {s.heading}
        </p>
      )}
      {paras.map((p, i) => (
        <p key={i}>
          {i === 0 && marker && !s.heading && <strong class="doc-marker">{marker} </strong>}
          {p}
        </p>
      ))}
      {paras.length === 0 && marker && !s.heading && (
        <p>
          <strong class="doc-marker">{marker}</strong>
        </p>
      )}
    </section>
  );
}

function Attachments({ list }: { list: Attachment[] }) {
  if (list.length === 0) return null;
  return (
    <section class="card doc-attachments" aria-labelledby="att-title">
      <h2 id="att-title">{vl.doc.attachments}</h2>
      <FileLinks
        files={list}
        label={vl.doc.download}
        note={(a) => (a.extract_state === 'pending' || a.extract_state === 'running') && <p class="muted small">{vl.doc.extracting}</p>}
      />
    </section>
  );
}

function scrollToHash(): void {
  let id = '';
  try {
    id = decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return;
  }
  if (!id) return;
  const el = document.getElementById(id);
  if (!el) return;
  document.querySelectorAll('.doc-sec.is-target').forEach((n) => n.classList.remove('is-target'));
  el.classList.add('is-target');
  el.scrollIntoView({ block: 'start' });
}

function Reader({ doc }: { doc: DocumentFull }) {
  const sections = useMemo(() => [...doc.sections].sort((a, b) => a.ord - b.ord), [doc.sections]);
  const toc = useMemo(() => buildToc(sections), [sections]);
  const tocCount = countNodes(toc);
  const reading = useReading('document', doc.id, true, doc.read.reached_end);
  const read = reading.read;

  useEffect(() => {
    const before = document.title;
    document.title = `${doc.number ? `${doc.number} · ` : ''}${doc.title} · Sổ tay`;
    // After the text is in the page: a deep link (#dieu-4) lands on its passage.
    const t = setTimeout(scrollToHash, 0);
    window.addEventListener('hashchange', scrollToHash);
    return () => {
      document.title = before;
      clearTimeout(t);
      window.removeEventListener('hashchange', scrollToHash);
    };
  }, [doc.id]);

  const wide = typeof matchMedia !== 'undefined' && matchMedia('(min-width: 60rem)').matches;
  const due = doc.required?.deadline;
  return (
    <article class={tocCount > 1 ? 'doc with-toc' : 'doc'} aria-labelledby="doc-title">
      <header class="doc-head">
        <p class="doc-kind">
          {KIND_LABELS[doc.kind]}
          {doc.number && <span class="doc-number"> · {doc.number}</span>}
        </p>
        <div class="doc-title-row">
          <h1 id="doc-title" tabIndex={-1}>
            {doc.title}
          </h1>
          <FavouriteButton kind="document" id={doc.id} initial={doc.favourite} title={doc.title} />
        </div>
        {doc.superseded_by && (
          <p class="alert alert-warning doc-superseded">
            {vl.doc.supersededBy}{' '}
            <Link href={documentHref(doc.superseded_by.id)}>
              {[doc.superseded_by.number, doc.superseded_by.title].filter(Boolean).join(' — ')}
            </Link>
          </p>
        )}
        {due && !read && (
          <p class={isOverdue(due) ? 'alert alert-error' : 'alert alert-info'}>{vl.doc.required(ddmmyyyy(due))}</p>
        )}
        <dl class="doc-facts">
          {doc.issuer && (
            <div>
              <dt>{vl.doc.issuer}</dt>
              <dd>{doc.issuer}</dd>
            </div>
          )}
          <div>
            <dt>{vl.doc.level}</dt>
            <dd>{LEVEL_LABELS[doc.level]}</dd>
          </div>
          {doc.issued_on && (
            <div>
              <dt>{vl.doc.issuedOn}</dt>
              <dd>{ddmmyyyy(doc.issued_on)}</dd>
            </div>
          )}
          {doc.effective_on && (
            <div>
              <dt>{vl.doc.effectiveOn}</dt>
              <dd>{ddmmyyyy(doc.effective_on)}</dd>
            </div>
          )}
          <div>
            <dt>{vl.doc.status}</dt>
            <dd>
              <span class={doc.legal_status === 'in_force' ? 'badge badge-read' : 'badge badge-status'}>{STATUS_LABELS[doc.legal_status]}</span>
            </dd>
          </div>
          {doc.topics.length > 0 && (
            <div>
              <dt>{vl.doc.topics}</dt>
              <dd>{doc.topics.join(', ')}</dd>
            </div>
          )}
        </dl>
        {doc.summary && (
          <div class="doc-summary">
            <h2 class="visually-hidden">{vl.doc.summary}</h2>
            <p>{doc.summary}</p>
          </div>
        )}
      </header>

      {tocCount > 1 && (
        <details class="toc card" open={wide}>
          <summary>{vl.doc.tocShow(tocCount)}</summary>
          <nav aria-label={vl.doc.toc}>
            <Toc nodes={toc} />
          </nav>
        </details>
      )}

      <div class="doc-text">
        {sections.length > 0 ? (
          sections.map((s) => <SectionBlock key={s.ord} s={s} docId={doc.id} />)
        ) : doc.body.trim() ? (
          paragraphs(doc.body).map((p, i) => <p key={i}>{p}</p>)
        ) : (
          <p class="alert alert-info">{vl.doc.noText}</p>
        )}
      </div>

      <Attachments list={doc.attachments} />

      {doc.relations.length > 0 && (
        <section class="card" aria-labelledby="rel-title">
          <h2 id="rel-title">{vl.doc.related}</h2>
          <ul class="link-list">
            {doc.relations.map((r) => (
              <li key={`${r.relation}-${r.document.id}`}>
                <Link href={documentHref(r.document.id)}>
                  {RELATION_LABELS[r.relation]}: {[r.document.number, r.document.title].filter(Boolean).join(' — ')}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <ReadingEnd reading={reading} labels={vl.doc} back={PATHS.documents} backLabel={vl.doc.backToLibrary} />
    </article>
  );
}

export default function DocumentView({ params }: RouteProps) {
  const id = Number(params.id);
  const result = useApi((signal) => api.get('/documents/{id}', { path: { id }, signal }), [id]);
  return (
    <ReadingPage id={id} result={result} pageClass="library" back={PATHS.documents} backLabel={vl.library.title}>
      {(doc) => <Reader key={doc.id} doc={doc} />}
    </ReadingPage>
  );
}
