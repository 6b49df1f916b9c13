import { useEffect, useState } from 'react';

// Hash routes (#/import, #/openings, #/openings/<id>, #/reembed): the server needs no route table and a
// reload keeps the page.
export type Route =
  | { page: 'import' }
  | { page: 'openings' }
  | { page: 'opening'; id: string }
  | { page: 'reembed' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'openings' && parts[1]) return { page: 'opening', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'openings') return { page: 'openings' };
  if (parts[0] === 'reembed') return { page: 'reembed' };
  return { page: 'import' };
}

export function hrefOf(route: Route): string {
  return route.page === 'opening' ? `#/openings/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
