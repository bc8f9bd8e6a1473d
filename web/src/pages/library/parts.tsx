// Pieces shared by the library and news screens: the search box, filter chips, the document card,
// the favourite star, the snippet, the end-of-text block with "Đánh dấu đã đọc", and the hooks for
// read tracking and paged lists.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import type { Paged } from '../../lib/use-paged';
import { dayOf, ddmmyyyy, KIND_LABELS, STATUS_LABELS, vl } from '../../i18n/vi-library';
import { flash } from '../../lib/flash';
import { setFavourite } from '../../lib/offline-library';
import { localRead, trackReading, type ReadingTracker } from '../../lib/reading';
import { Link, navigate } from '../../lib/router';
import { documentHref, PATHS } from '../../paths';
import { vi } from '../../i18n/vi';
import { splitSnippet } from './snippet';
import { toggleHref } from './filters';
import type { DocumentSummary, Facet, ItemKind } from './types';
import '../../styles-library.css';

// ---------- Small inline icons (24-unit grid, 2 px stroke, like components/Icon) ----------

const PATHS_SVG = {
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  device: 'M8 3h8a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zM11 18h2',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
} as const;

export function Glyph({ name, filled = false }: { name: keyof typeof PATHS_SVG; filled?: boolean }) {
  return (
    <svg
      class="glyph"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS_SVG[name]} />
    </svg>
  );
}

// ---------- Search box ----------

export interface SearchFormText {
  label: string;
  placeholder: string;
  // A line of help under the field; left out where the screen is short of room.
  hint?: string;
  button: string;
}

// A labelled search field with its button and a line of help under it. `allowEmpty`: searching
// for nothing is meaningful (it clears a filter) rather than a slip to correct.
export function SearchForm({
  id,
  text,
  onSearch,
  initial = '',
  autoFocus = false,
  allowEmpty = false,
}: {
  id: string;
  text: SearchFormText;
  onSearch: (words: string) => void;
  initial?: string;
  autoFocus?: boolean;
  allowEmpty?: boolean;
}) {
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setValue(initial), [initial]);
  useEffect(() => {
    if (autoFocus && !initial) input.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <form
      class="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const words = value.trim();
        if (!words && !allowEmpty) {
          input.current?.focus();
          return;
        }
        onSearch(words);
      }}
    >
      <label for={id}>{text.label}</label>
      <div class="search-row">
        <input
          id={id}
          ref={input}
          name="q"
          type="search"
          inputMode="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder={text.placeholder}
          aria-describedby={text.hint ? `${id}-hint` : undefined}
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-primary">
          <Glyph name="search" />
          <span>{text.button}</span>
        </button>
      </div>
      {text.hint && (
        <p id={`${id}-hint`} class="hint">
          {text.hint}
        </p>
      )}
    </form>
  );
}

const LIBRARY_SEARCH: SearchFormText = {
  label: vl.library.searchLabel,
  placeholder: vl.library.searchPlaceholder,
  hint: vl.library.searchHint,
  button: vl.library.searchButton,
};

export function SearchBox({ initial = '', autoFocus = false }: { initial?: string; autoFocus?: boolean }) {
  return (
    <SearchForm
      id="library-q"
      text={LIBRARY_SEARCH}
      initial={initial}
      autoFocus={autoFocus}
      onSearch={(q) => navigate(`${PATHS.documentSearch}?q=${encodeURIComponent(q)}`)}
    />
  );
}

// ---------- Filter chips ----------

export function ChipGroup({
  title,
  facets,
  param,
  path,
  query,
  labelOf,
}: {
  title: string;
  facets: readonly Facet[];
  param: string;
  path: string;
  query: URLSearchParams;
  labelOf?: (f: Facet) => string;
}) {
  const current = query.get(param);
  // A chosen value stays visible even when it has no count in this answer.
  if (facets.length === 0 && !current) return null;
  return (
    <div class="chip-group" role="group" aria-label={title}>
      <p class="chip-title">{title}</p>
      <ul class="chips">
        {facets.map((f) => {
          const on = current === f.value;
          return (
            <li key={f.value}>
              <Link
                class={on ? 'chip chip-on' : 'chip'}
                href={toggleHref(path, query, param, f.value)}
                aria-current={on ? 'page' : undefined}
              >
                {on && <Glyph name="check" />}
                {vl.library.chip(labelOf ? labelOf(f) : f.label || f.value, f.count)}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

// ---------- Snippet ----------

export function Snippet({ html }: { html: string }) {
  return (
    <>
      {splitSnippet(html).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}
    </>
  );
}

// ---------- Favourite star ----------

export function FavouriteButton({
  kind,
  id,
  initial,
  title,
  onChange,
}: {
  kind: ItemKind;
  id: number;
  initial: boolean;
  title: string;
  onChange?: (on: boolean) => void;
}) {
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  useEffect(() => setOn(initial), [initial, id]);
  const toggle = async () => {
    const next = !on;
    setBusy(true);
    setOn(next);
    try {
      const r = await setFavourite(kind, id, next);
      if (r.queued) flash(vi.network.queued, 'info');
      else if (next) flash(kind === 'document' ? vl.doc.favouriteAdded : vl.news.favouriteAdded, 'success', 4000);
      else flash(vl.doc.favouriteRemoved, 'info', 3000);
      onChange?.(next);
    } catch (e) {
      setOn(!next);
      flash(e instanceof ApiError ? e.message : vi.errors.generic, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      class={on ? 'star star-on' : 'star'}
      aria-pressed={on}
      aria-label={`${on ? vl.doc.unfavourite : vl.doc.favourite}: ${title}`}
      title={on ? vl.doc.unfavourite : vl.doc.favourite}
      disabled={busy}
      onClick={() => void toggle()}
    >
      <Glyph name="star" filled={on} />
    </button>
  );
}

// ---------- Document card ----------

export function isOverdue(deadline: string, today = new Date()): boolean {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(today);
  return deadline < iso;
}

export function DocumentCard({
  doc,
  onDevice,
  deadline,
  overdue,
}: {
  doc: DocumentSummary;
  onDevice: boolean;
  deadline?: string | null;
  overdue?: boolean;
}) {
  const due = deadline ?? doc.required?.deadline ?? null;
  const late = overdue ?? (due ? isOverdue(due) : false);
  const read = doc.read.reached_end || localRead('document', doc.id).reached_end;
  const meta = [KIND_LABELS[doc.kind], doc.number, doc.issued_on ? vl.library.issued(ddmmyyyy(doc.issued_on)) : dayOf(doc.published_at)]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class="doc-card">
      <div class="doc-card-main">
        <p class="doc-meta">{meta}</p>
        <Link class="doc-title" href={documentHref(doc.id)}>
          {doc.title}
        </Link>
        {doc.issuer && <p class="doc-issuer">{doc.issuer}</p>}
        <p class="badges">
          {doc.is_new && !read && <span class="badge badge-new">{vl.library.isNew}</span>}
          {due && !read && (
            <span class={late ? 'badge badge-late' : 'badge badge-due'}>
              {late ? vl.library.overdue(ddmmyyyy(due)) : vl.library.deadline(ddmmyyyy(due))}
            </span>
          )}
          {read && (
            <span class="badge badge-read">
              <Glyph name="check" />
              {vl.library.read}
            </span>
          )}
          {doc.legal_status !== 'in_force' && <span class="badge badge-status">{STATUS_LABELS[doc.legal_status]}</span>}
          {onDevice && (
            <span class="badge badge-device" title={vl.library.onDeviceHint}>
              <Glyph name="device" />
              {vl.library.onDevice}
            </span>
          )}
        </p>
      </div>
      <FavouriteButton kind="document" id={doc.id} initial={doc.favourite} title={doc.title} />
    </li>
  );
}

// ---------- Read tracking for a reading view ----------

// Starts tracking once the item is shown; the end marker (a sentinel after the text) counts as
// reaching the end when it scrolls into view. Returns the "read" state and the marker's ref.
export function useReading(kind: ItemKind, id: number, ready: boolean, readOnServer: boolean) {
  const tracker = useRef<ReadingTracker | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const [read, setRead] = useState(readOnServer || localRead(kind, id).reached_end);
  useEffect(() => setRead(readOnServer || localRead(kind, id).reached_end), [kind, id, readOnServer]);
  useEffect(() => {
    if (!ready) return;
    const t = trackReading(kind, id);
    tracker.current = t;
    let observer: IntersectionObserver | undefined;
    if (sentinel.current && typeof IntersectionObserver !== 'undefined') {
      observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          t.markEnd();
          observer?.disconnect();
        }
      });
      observer.observe(sentinel.current);
    }
    return () => {
      observer?.disconnect();
      t.stop();
      tracker.current = null;
    };
  }, [kind, id, ready]);
  const markRead = () => {
    tracker.current?.markEnd();
    setRead(true);
  };
  return { read, markRead, sentinel };
}

export function ReadEnd({
  read,
  onMark,
  sentinel,
  labels,
}: {
  read: boolean;
  onMark: () => void;
  sentinel: RefObject<HTMLDivElement | null>;
  labels: { markRead: string; isRead: string; markedRead: string };
}) {
  return (
    <div class="read-end">
      <div ref={sentinel} class="read-sentinel" aria-hidden="true" />
      <p class="read-end-rule" aria-hidden="true">
        ❦
      </p>
      {read ? (
        <p class="read-done" role="status">
          <Glyph name="check" />
          <span>{labels.isRead}</span>
        </p>
      ) : (
        <button
          type="button"
          class="btn btn-primary btn-block btn-large"
          onClick={() => {
            onMark();
            flash(labels.markedRead, 'success', 4000);
          }}
        >
          <Glyph name="check" />
          <span>{labels.markRead}</span>
        </button>
      )}
    </div>
  );
}

// ---------- Paged lists ("Xem thêm") ----------

export { usePaged, type Paged } from '../../lib/use-paged';

export function MoreButton({ paged, label }: { paged: Paged<unknown>; label: string }) {
  if (!paged.hasMore && !paged.loadingMore) return null;
  return (
    <div class="more">
      <button type="button" class="btn btn-secondary btn-block" disabled={paged.loadingMore} onClick={paged.more}>
        {paged.loadingMore ? vl.library.loadingMore : label}
      </button>
    </div>
  );
}

// The server's message and "Thử lại" (components/ApiState.tsx).
export { LoadError as ErrorBox } from '../../components/ApiState';
