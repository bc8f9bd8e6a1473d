// The organization tree: starts at the roots of the caller's scope (GET /units), opens nodes on
// demand (GET /units/{id}/children; the data is in unit-tree.ts, shared with the audience picker of
// notices), shows member counts per node, and searches units by name or
// code with or without diacritics (GET /units/search). A WAI-ARIA tree: one tab stop, arrow keys
// move and open (see tree-state.ts), Enter opens the unit's page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Unit } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { Field } from '../../components/Field';
import { EmptyState, Loading } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { members, vc } from '../../i18n/vi-committee';
import { Link, navigate } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { treeKey, visibleRows } from './tree-state';
import { Frame, describeUnit, unitHref, useDebounced } from './ui';
import { useUnitTree } from './unit-tree';

function Tree({ roots }: { roots: Unit[] }) {
  const { rootIds, byId, children, loading, failed, expanded, load, expand, collapse, hasChildren, memberTotal } = useUnitTree(roots);
  const [focused, setFocused] = useState<number | null>(rootIds[0] ?? null);
  const items = useRef(new Map<number, HTMLLIElement>());
  const focusNext = useRef<number | null>(null);

  useEffect(() => {
    if (focusNext.current === null) return;
    items.current.get(focusNext.current)?.focus();
    focusNext.current = null;
  });

  function toggle(id: number) {
    if (expanded.has(id)) {
      collapse(id);
      setFocused(id);
    } else {
      expand([id]);
    }
  }
  function moveFocus(id: number) {
    setFocused(id);
    focusNext.current = id;
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const rows = visibleRows({ roots: rootIds, childrenOf: (id) => children[id], hasChildren, expanded });
    const action = treeKey(e.key, rows, focused, (id) => byId.get(id)?.name ?? '');
    if (!action) return;
    e.preventDefault();
    if (action.expand) expand(action.expand);
    if (action.collapse !== undefined) collapse(action.collapse);
    if (action.focus !== undefined) moveFocus(action.focus);
    if (action.activate !== undefined) navigate(unitHref(action.activate));
  }

  function meta(u: Unit): string {
    const parts: string[] = [u.code];
    const total = memberTotal(u);
    if (total !== undefined) parts.push(members(total));
    const kids = children[u.id]?.length ?? u.child_count;
    if (kids > 0) parts.push(vc.tree.childCount(kids));
    return parts.join(' · ');
  }

  function level(ids: number[], depth: number) {
    return ids.map((id, i) => {
      const u = byId.get(id);
      if (!u) return null;
      const has = hasChildren(id);
      const open = has && expanded.has(id);
      const kids = children[id];
      return (
        <li
          key={id}
          role="treeitem"
          class="c-tree-item"
          aria-level={depth}
          aria-setsize={ids.length}
          aria-posinset={i + 1}
          aria-expanded={has ? (open ? 'true' : 'false') : undefined}
          tabIndex={focused === id ? 0 : -1}
          ref={(el) => {
            if (el) items.current.set(id, el);
            else items.current.delete(id);
          }}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocused(id);
          }}
        >
          <div
            class="c-tree-row"
            style={{ paddingLeft: `${(depth - 1) * 1.25}rem` }}
            onClick={() => setFocused(id)}
            // The link inside is reached with Enter on the row, not with Tab: the tree is one tab stop.
            ref={(el) => el?.querySelector('a')?.setAttribute('tabindex', '-1')}
          >
            {has ? (
              <span
                class="c-tree-toggle"
                aria-hidden="true"
                title={open ? vc.tree.collapse(u.name) : vc.tree.expand(u.name)}
                onClick={(e) => {
                  e.stopPropagation();
                  setFocused(id);
                  toggle(id);
                }}
              >
                {open ? '▾' : '▸'}
              </span>
            ) : (
              <span class="c-tree-toggle c-tree-leaf" aria-hidden="true" />
            )}
            <span class="c-tree-text">
              <Link href={unitHref(id)} class="c-tree-link">
                {u.name}
              </Link>
              <span class="c-tree-meta">{meta(u)}</span>
            </span>
          </div>
          {open && (
            <ul role="group" class="c-tree-group">
              {loading.has(id) && !kids && (
                <li role="none" class="c-tree-note" style={{ paddingLeft: `${depth * 1.25 + 2.75}rem` }}>
                  {vi.app.loading}
                </li>
              )}
              {failed[id] && (
                <li role="none" class="c-tree-note c-tree-error" style={{ paddingLeft: `${depth * 1.25 + 2.75}rem` }}>
                  {failed[id]}{' '}
                  <button type="button" class="btn btn-link" onClick={() => void load(id, true)}>
                    {vi.app.retry}
                  </button>
                </li>
              )}
              {kids && kids.length === 0 && (
                <li role="none" class="c-tree-note" style={{ paddingLeft: `${depth * 1.25 + 2.75}rem` }}>
                  {vc.tree.noChildren}
                </li>
              )}
              {kids && level(kids, depth + 1)}
            </ul>
          )}
        </li>
      );
    });
  }

  return (
    <ul role="tree" aria-label={vc.tree.label} class="c-tree card" onKeyDown={onKeyDown}>
      {level(rootIds, 1)}
    </ul>
  );
}

function SearchResults({ q }: { q: string }) {
  const result = useApi((signal) => api.get('/units/search', { query: { q, limit: 50 }, signal }), [q]);
  return (
    <div class="c-search-results" aria-live="polite">
      {result.loading ? (
        <Loading label={vc.tree.searching} />
      ) : (
        <ApiState result={result}>
          {(d) =>
            d.units.length === 0 ? (
              <EmptyState title={vc.tree.noResults(q)} />
            ) : (
              <>
                <p class="muted">{vc.tree.results(d.units.length)}</p>
                <ul class="c-results">
                  {d.units.map((u) => (
                    <li key={u.id}>
                      <Link href={unitHref(u.id)} class="c-result">
                        <span class="c-result-title">{u.name}</span>
                        <span class="c-result-desc">{describeUnit(u)}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </ApiState>
      )}
    </div>
  );
}

export default function OrgTree() {
  const roots = useApi((signal) => api.get('/units', { signal }), []);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const searching = query.length >= 2;
  return (
    <Frame title={vi.committee.orgTree}>
      <form class="c-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field
          label={vc.tree.searchLabel}
          type="search"
          name="q"
          value={q}
          onValue={setQ}
          placeholder={vc.tree.searchPlaceholder}
          hint={vc.tree.searchHint}
          autocomplete="off"
          spellcheck={false}
        />
        {q && (
          <button type="button" class="btn btn-secondary" onClick={() => setQ('')}>
            {vc.tree.clear}
          </button>
        )}
      </form>
      {searching ? (
        <SearchResults q={query} />
      ) : (
        <ApiState result={roots}>
          {(d) =>
            d.units.length === 0 ? (
              <EmptyState title={vc.tree.empty} />
            ) : (
              <>
                <p class="muted small">{vc.tree.intro}</p>
                <Tree roots={d.units} />
              </>
            )
          }
        </ApiState>
      )}
    </Frame>
  );
}
