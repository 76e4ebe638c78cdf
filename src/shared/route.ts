/**
 * Hash routes: the app is one static page served from any folder and from the service worker,
 * so the route lives after `#`. Shapes:
 *   #/                                  workspace list / create
 *   #/provinsi                          the province view (no workspace)
 *   #/w/<ws>                            Beranda (home)
 *   #/w/<ws>/instrumen[/<ind>[/<code>]] Instrumen
 *   #/w/<ws>/opd                        agencies
 *   #/w/<ws>/riwayat                    activity
 *   #/w/<ws>/pengaturan                 settings
 */
import { useSyncExternalStore } from 'react';

export const PAGES = ['home', 'instrumen', 'opd', 'riwayat', 'pengaturan', 'bukti', 'tanda', 'tinjauan', 'revisi', 'ringkasan', 'berkas'] as const;
export type Page = (typeof PAGES)[number];

export interface Route {
  ws: string | null;
  page: Page | 'workspaces' | 'provinsi';
  params: string[];
  query: URLSearchParams;
  /** A workspace address naming no screen (typed, or an old bookmark): Beranda says so. */
  missing?: string;
}

/** A part of the address as written: a broken escape ("100%") is kept as it is, never thrown. */
function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseHash(hash: string): Route {
  const [path, qs = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodePart);
  const query = new URLSearchParams(qs);
  if (parts[0] === 'provinsi') return { ws: null, page: 'provinsi', params: [], query };
  if (parts[0] !== 'w' || !parts[1]) return { ws: null, page: 'workspaces', params: [], query };
  const asked = parts[2] ?? 'home';
  const page = asked.toLowerCase();
  if (!(PAGES as readonly string[]).includes(page)) return { ws: parts[1], page: 'home', params: [], query, missing: asked };
  return { ws: parts[1], page: page as Page, params: parts.slice(3), query };
}

export function href(ws: string | null, page?: Page, ...params: string[]): string {
  if (!ws) return '#/';
  const tail = [page && page !== 'home' ? page : null, ...params].filter(Boolean).map((p) => encodeURIComponent(p!));
  return `#/w/${encodeURIComponent(ws)}${tail.length ? '/' + tail.join('/') : ''}`;
}

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseHash(hash);
}
