// Short messages for the whole app ("Đã lưu", "Đã gửi 2 thay đổi…"), read out by screen readers
// through one aria-live region in the layout.
import { createStore } from './store';

export interface Flash {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}

export const flashes = createStore<Flash[]>([]);
let nextId = 1;

export function flash(text: string, kind: Flash['kind'] = 'info', ms = 6000): void {
  const item = { id: nextId++, kind, text };
  flashes.set((list) => [...list.slice(-2), item]);
  if (ms > 0) setTimeout(() => dismiss(item.id), ms);
}

export function dismiss(id: number): void {
  flashes.set((list) => list.filter((f) => f.id !== id));
}
