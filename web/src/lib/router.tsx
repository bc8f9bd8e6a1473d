// A small History-API router. The app needs path patterns with :params, links that do not reload,
// lazy screens and guards that depend on the session; that is ~80 lines, and owning them keeps the
// guard logic plain functions that unit tests call directly.
import type { ComponentChildren, TargetedMouseEvent } from 'preact';
import { createStore, useStore } from './store';

export interface Location {
  path: string; // "/committee/units/12"
  query: URLSearchParams;
}

function current(): Location {
  if (typeof window === 'undefined') return { path: '/', query: new URLSearchParams() };
  return { path: normalize(window.location.pathname), query: new URLSearchParams(window.location.search) };
}

// "/profile/" and "/profile" are the same screen.
export function normalize(path: string): string {
  if (path.length > 1 && path.endsWith('/')) return path.replace(/\/+$/, '') || '/';
  return path || '/';
}

export const location = createStore<Location>(current());

export function useLocation(): Location {
  return useStore(location);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const here = window.location.pathname + window.location.search;
  if (to !== here) {
    if (opts.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
  }
  location.set(current());
  // A new screen starts at the top, as a page load would.
  if (!opts.replace) window.scrollTo(0, 0);
}

export function startRouter(): void {
  window.addEventListener('popstate', () => location.set(current()));
}

// Matches "/units/:id" against "/units/12" → { id: "12" }; null when it does not match.
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = normalize(pattern).split('/');
  const s = normalize(path).split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    const value = s[i]!;
    if (seg.startsWith(':')) {
      if (!value) return null;
      try {
        params[seg.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (seg !== value) {
      return null;
    }
  }
  return params;
}

interface LinkProps {
  href: string;
  class?: string;
  id?: string;
  onClick?: (e: TargetedMouseEvent<HTMLAnchorElement>) => void;
  'aria-current'?: 'page' | undefined;
  'aria-label'?: string;
  children?: ComponentChildren;
}

// A real <a href>, so it works with the keyboard, middle-click and "open in new tab"; a plain
// left click is turned into a client-side navigation.
export function Link({ href, onClick, children, ...rest }: LinkProps) {
  const handle = (e: TargetedMouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
