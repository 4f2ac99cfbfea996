// A small history-API router: pushState navigation, path patterns with
// ":name" parameters, and a hook that re-renders on every location change.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set();

function current() {
  return { path: window.location.pathname, search: window.location.search };
}

function emit() {
  const loc = current();
  for (const fn of listeners) fn(loc);
}

window.addEventListener('popstate', emit);

/** Go to a same-origin URL ("/app?x=1"). */
export function navigate(to, { replace = false } = {}) {
  const before = window.location.pathname + window.location.search;
  if (to === before && !replace) return;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', to);
  emit();
}

export function useLocation() {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    listeners.add(setLoc);
    // The location may have changed between render and effect.
    setLoc(current());
    return () => listeners.delete(setLoc);
  }, []);
  return loc;
}

/** The query string as a plain object (first value of each key). */
export function queryOf(search) {
  const out = {};
  for (const [k, v] of new URLSearchParams(search)) if (!(k in out)) out[k] = v;
  return out;
}

/** Build "path?k=v" leaving out empty values; "/" stays readable. */
export function withQuery(path, params) {
  const parts = [];
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v)).replace(/%2F/gi, '/')}`);
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** Match "/app/users/:id" against a path; returns params or null. */
export function matchPath(pattern, path) {
  const trim = (s) => (s.length > 1 ? s.replace(/\/+$/, '') : s);
  const pp = trim(pattern).split('/');
  const ap = trim(path).split('/');
  if (pp.length !== ap.length) return null;
  const params = {};
  for (let i = 0; i < pp.length; i++) {
    if (pp[i].startsWith(':')) {
      if (!ap[i]) return null;
      try {
        params[pp[i].slice(1)] = decodeURIComponent(ap[i]);
      } catch {
        return null;
      }
    } else if (pp[i] !== ap[i]) {
      return null;
    }
  }
  return params;
}

/** A same-origin path safe to go to after login ("/app/..."), else null. */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return null;
  }
  return next;
}

/** The first of `routes` ({ path, ... }) whose pattern matches `path`, with its params; or null. */
export function findRoute(routes, path) {
  for (const r of routes) {
    const params = matchPath(r.path, path);
    if (params) return { route: r, params };
  }
  return null;
}
