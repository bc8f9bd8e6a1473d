// Documents and news readable without a network. The service worker already keeps every API
// answer the app fetched (network first, cache as fallback: src/sw/sw.ts) in the "sotay-api"
// cache, so a document opened once reads offline on the next visit. This module adds:
//  - keeping a favourite at once, even before it was opened (it is fetched into that cache);
//  - knowing which items are on the device, for the "Có trên máy" mark in lists;
//  - listing the documents on the device when the library list itself cannot be loaded.
// The cache is per person: the session layer deletes it on sign-out (lib/session.ts).
import { API_BASE, sendOrQueue, type SendResult } from '../api/client';
import type { components } from '../api/schema';
import { useEffect, useState } from 'preact/hooks';
import { API_CACHE } from './session';

type DocumentSummary = components['schemas']['DocumentSummary'];
type ItemKind = components['schemas']['ItemKind'];

export function itemApiUrl(kind: ItemKind, id: number): string {
  return kind === 'document' ? `${API_BASE}/documents/${id}` : `${API_BASE}/news/${id}`;
}

function hasCaches(): boolean {
  return typeof caches !== 'undefined';
}

// Fetches an item into the offline cache (through the service worker when it controls the page,
// which stores it too; written here as well for the first visit, before it does).
export async function keepOffline(kind: ItemKind, id: number): Promise<boolean> {
  if (!hasCaches()) return false;
  const url = itemApiUrl(kind, id);
  try {
    const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) return false;
    const cache = await caches.open(API_CACHE);
    await cache.put(url, res);
    return true;
  } catch {
    return false;
  }
}

export async function offlineIds(kind: ItemKind, ids: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  if (!hasCaches() || ids.length === 0) return found;
  try {
    if (!(await caches.has(API_CACHE))) return found;
    const cache = await caches.open(API_CACHE);
    await Promise.all(
      ids.map(async (id) => {
        if (await cache.match(itemApiUrl(kind, id))) found.add(id);
      }),
    );
  } catch {
    // No Cache Storage: nothing is on the device.
  }
  return found;
}

// Which of these items are on the device; refreshed when the list changes.
export function useOfflineIds(kind: ItemKind, ids: readonly number[]): Set<number> {
  const [set, setSet] = useState<Set<number>>(new Set());
  const key = ids.join(',');
  useEffect(() => {
    let alive = true;
    void offlineIds(kind, ids).then((s) => alive && setSet(s));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, key]);
  return set;
}

const DOCUMENT_URL = /\/api\/v1\/documents\/(\d+)$/;

// The documents on this device, newest first, from their cached answers.
export async function offlineDocuments(): Promise<DocumentSummary[]> {
  if (!hasCaches()) return [];
  try {
    if (!(await caches.has(API_CACHE))) return [];
    const cache = await caches.open(API_CACHE);
    const docs: DocumentSummary[] = [];
    for (const req of await cache.keys()) {
      if (!DOCUMENT_URL.test(new URL(req.url).pathname)) continue;
      const res = await cache.match(req);
      try {
        const doc = (await res?.json()) as DocumentSummary | undefined;
        if (doc && typeof doc.id === 'number') docs.push(doc);
      } catch {
        // A damaged entry: skip it.
      }
    }
    return docs.sort((a, b) => (b.published_at ?? 0) - (a.published_at ?? 0));
  } catch {
    return [];
  }
}

// Star / unstar. A favourite made offline waits in the outbox like any other change; a new
// favourite is fetched for offline reading at once.
export async function setFavourite(kind: ItemKind, id: number, on: boolean): Promise<SendResult<unknown>> {
  const args = { path: { item_kind: kind, id } };
  const result = on
    ? await sendOrQueue('put', '/favourites/{item_kind}/{id}', args, 'Lưu để đọc sau')
    : await sendOrQueue('delete', '/favourites/{item_kind}/{id}', args, 'Bỏ lưu');
  if (on && !result.queued) void keepOffline(kind, id);
  return result;
}
