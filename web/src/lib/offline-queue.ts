// The outbox: changes made while offline, kept in IndexedDB so they survive closing the app,
// and sent in the order they were made once the network is back.
//
// The page replays, not the service worker: the page holds the current CSRF token (from GET
// /me), knows whether the session is still valid, and can tell the person what happened to a
// change the server refused. Replays start on the `online` event, at start-up and when the
// service worker says the network is back.

export interface OutboxItem {
  id?: number;
  method: string;
  url: string;
  body: unknown;
  // What the person did, in Vietnamese, for messages about this change.
  label: string;
  createdAt: number;
  // Whose change it is: replayed only while that account is signed in on this device.
  accountId: number | null;
}

const DB_NAME = 'sotay';
const DB_VERSION = 1;
const STORE = 'outbox';

let dbPromise: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        dbPromise = null;
        reject(req.error ?? new Error('indexedDB open failed'));
      };
    });
  }
  return dbPromise;
}

// Tests open a fresh database each time.
export function resetForTests(): void {
  dbPromise = null;
}

function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? req.error);
        tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
      }),
  );
}

const changeListeners = new Set<(count: number) => void>();
export function onOutboxChange(fn: (count: number) => void): () => void {
  changeListeners.add(fn);
  return () => changeListeners.delete(fn);
}
async function notify(): Promise<void> {
  if (!changeListeners.size) return;
  const n = await count();
  changeListeners.forEach((fn) => fn(n));
}

export async function enqueue(item: OutboxItem): Promise<number> {
  const { id: _ignored, ...rest } = item;
  const id = await run('readwrite', (s) => s.add(rest));
  await notify();
  return Number(id);
}

export function list(): Promise<OutboxItem[]> {
  // Keys are auto-increment, so getAll returns items in the order they were made.
  return run('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
}

export function count(): Promise<number> {
  return run('readonly', (s) => s.count());
}

export async function remove(id: number): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
  await notify();
}

export async function clear(): Promise<void> {
  await run('readwrite', (s) => s.clear());
  await notify();
}

// What sending one item came to:
//  sent  — the server accepted it: remove it;
//  drop  — the server refused it for good (validation, gone): remove it and tell the person why;
//  stop  — try again later (still offline, server down, signed out): keep it and everything after.
export type SendOutcome = { kind: 'sent' } | { kind: 'drop'; message: string } | { kind: 'stop' };

export interface ReplayReport {
  sent: number;
  dropped: { item: OutboxItem; message: string }[];
  remaining: number;
}

let running: Promise<ReplayReport> | null = null;

// Sends queued items oldest first. Order matters (two edits of the same field must land in the
// order made), so the first `stop` halts the replay. Concurrent calls share one run.
export function replay(send: (item: OutboxItem) => Promise<SendOutcome>): Promise<ReplayReport> {
  if (running) return running;
  running = (async () => {
    const report: ReplayReport = { sent: 0, dropped: [], remaining: 0 };
    try {
      const items = await list();
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        const outcome = await send(item);
        if (outcome.kind === 'stop') {
          report.remaining = items.length - i;
          break;
        }
        await remove(item.id!);
        if (outcome.kind === 'sent') report.sent++;
        else report.dropped.push({ item, message: outcome.message });
      }
      return report;
    } finally {
      running = null;
    }
  })();
  return running;
}
