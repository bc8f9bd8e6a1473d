// The organization tree's data, shared by the tree screen (OrgTree.tsx) and the audience picker of
// notices (NoticeAudienceTree.tsx): starts at the roots of the caller's scope, loads a node's
// children when it is opened (GET /units/{id}/children), and the subtree member counts of
// committee nodes (their own member_count is 0: members sit in cells), a few requests at a time.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client';
import type { Unit } from '../../api/types';
import { vc } from '../../i18n/vi-committee';
import { holdsMembers } from './rules';

export interface Totals {
  members: number;
  units: number; // below the unit, every level
}

export function useUnitTree(roots: Unit[]) {
  const rootIds = roots.map((u) => u.id);
  const [byId, setById] = useState<Map<number, Unit>>(() => new Map(roots.map((u) => [u.id, u])));
  const [children, setChildren] = useState<Record<number, number[]>>({});
  const [loading, setLoading] = useState<Set<number>>(new Set());
  const [failed, setFailed] = useState<Record<number, string>>({});
  // A single root starts open.
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set(rootIds.length === 1 ? rootIds : []));
  const [totals, setTotals] = useState<Record<number, Totals>>({});

  const totalsQueue = useRef<number[]>([]);
  const totalsBusy = useRef(0);
  const totalsAsked = useRef(new Set<number>());
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  function pumpTotals() {
    while (totalsBusy.current < 3 && totalsQueue.current.length) {
      const id = totalsQueue.current.shift()!;
      totalsBusy.current++;
      api
        .get('/units/{id}', { path: { id } })
        .then(
          (d) => {
            if (alive.current && d.subtree)
              setTotals((t) => ({ ...t, [id]: { members: d.subtree!.member_count, units: d.subtree!.unit_count - 1 } }));
          },
          () => undefined,
        )
        .finally(() => {
          totalsBusy.current--;
          if (alive.current) pumpTotals();
        });
    }
  }
  function askTotals(list: Unit[]) {
    for (const u of list) {
      if (holdsMembers(u.kind) || totalsAsked.current.has(u.id)) continue;
      totalsAsked.current.add(u.id);
      totalsQueue.current.push(u.id);
    }
    pumpTotals();
  }

  // Loaded or loading: refs, so two quick presses of → do not ask twice.
  const asked = useRef(new Set<number>());
  async function load(id: number, retry = false) {
    if (asked.current.has(id) && !retry) return;
    asked.current.add(id);
    setLoading((s) => new Set(s).add(id));
    setFailed((f) => {
      const next = { ...f };
      delete next[id];
      return next;
    });
    try {
      const d = await api.get('/units/{id}/children', { path: { id } });
      if (!alive.current) return;
      setById((m) => {
        const next = new Map(m);
        for (const u of d.units) next.set(u.id, u);
        return next;
      });
      setChildren((c) => ({ ...c, [id]: d.units.map((u) => u.id) }));
      askTotals(d.units);
    } catch (e) {
      asked.current.delete(id);
      if (alive.current) setFailed((f) => ({ ...f, [id]: e instanceof ApiError ? e.message : vc.tree.loadFailed }));
    } finally {
      if (alive.current)
        setLoading((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
    }
  }

  // Roots: their children are loaded at once (GET /units does not say whether they have any).
  useEffect(() => {
    askTotals(roots);
    for (const id of rootIds) void load(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const hasChildren = (id: number): boolean => {
    const kids = children[id];
    if (kids) return kids.length > 0;
    const u = byId.get(id);
    if (!u) return false;
    return u.child_count > 0 || (rootIds.includes(id) && u.kind !== 'group');
  };

  function expand(ids: number[]) {
    setExpanded((s) => {
      const next = new Set(s);
      ids.forEach((id) => next.add(id));
      return next;
    });
    ids.forEach((id) => void load(id));
  }
  function collapse(id: number) {
    setExpanded((s) => {
      const next = new Set(s);
      next.delete(id);
      return next;
    });
  }

  // Members of the unit and everything below it, when known.
  function memberTotal(u: Unit): number | undefined {
    return holdsMembers(u.kind) ? u.member_count : totals[u.id]?.members;
  }

  return { rootIds, byId, children, loading, failed, expanded, totals, load, expand, collapse, hasChildren, memberTotal };
}
