// Session state. The server keeps the tokens in HttpOnly cookies; the SPA
// only knows who is signed in (GET /auth/me) and never stores a token.
import { useEffect, useState } from 'preact/hooks';
import { api, setSessionLostHandler } from './api.js';
import { navigate, withQuery } from './router.js';

/** status: 'unknown' (not asked yet) | 'loading' | 'anon' | 'user' */
let state = { status: 'unknown', user: null, expiresAt: null };
const listeners = new Set();
let loading = null;

function set(next) {
  state = { ...state, ...next };
  for (const fn of listeners) fn(state);
}

export function getSession() {
  return state;
}

export function useSession() {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    return () => listeners.delete(setS);
  }, []);
  return s;
}

/** Ask the server who we are (refreshing once if the access token expired). */
export function loadSession({ force = false } = {}) {
  if (!force && (state.status === 'user' || state.status === 'anon')) return Promise.resolve(state);
  if (loading) return loading;
  set({ status: 'loading' });
  loading = api
    .get('/auth/me', undefined, { redirect: false })
    .then((body) => set({ status: 'user', user: body?.user || body }))
    .catch((err) => {
      if (err.status === 401 || err.status === 403) set({ status: 'anon', user: null });
      else set({ status: 'error', user: null, error: err });
    })
    .then(() => state)
    .finally(() => {
      loading = null;
    });
  return loading;
}

export async function login(username, password) {
  const body = await api.post('/auth/login', { username, password }, { auth: false });
  // The token in the body is for API clients; cookies carry our session.
  set({ status: 'user', user: body?.user || null, expiresAt: body?.expires_at || null });
  if (!state.user || !state.user.role) await loadSession({ force: true });
  return state.user;
}

export async function logout() {
  // A session opened through an identity provider also ends there (RP-initiated logout): ask for
  // its address before this session ends, then go to it.
  let providerLogout = null;
  try {
    providerLogout = (await api.get('/auth/oidc/logout', undefined, { redirect: false }))?.logout_url || null;
  } catch {
    /* no session or no provider: sign out here only */
  }
  try {
    await api.post('/auth/logout', undefined, { auth: false });
  } catch {
    /* the session ends on this side anyway */
  }
  if (providerLogout) {
    // The page unloads: no state change, or the intranet's guard would navigate first.
    window.location.assign(providerLogout);
    return;
  }
  // Leave the intranet first, so that its guard does not ask to come back.
  navigate('/dang-nhap', { replace: true });
  set({ status: 'anon', user: null, expiresAt: null });
}

export function loginUrl(next) {
  return withQuery('/dang-nhap', { next });
}

/** Send the user to the login page, coming back to where they were. */
export function redirectToLogin({ expired = false } = {}) {
  const here = window.location.pathname + window.location.search;
  set({ status: 'anon', user: null, expiresAt: null });
  if (window.location.pathname === '/dang-nhap') return;
  navigate(withQuery('/dang-nhap', { next: here, het_han: expired ? 1 : '' }), { replace: true });
}

setSessionLostHandler(() => redirectToLogin({ expired: true }));

// ---- what the user may do (menus and buttons; the server decides for real)

export function hasPermission(user, perm) {
  return Array.isArray(user?.permissions) && user.permissions.includes(perm);
}

export function isAdmin(user) {
  return user?.role === 'admin';
}

export function canManageUnits(user) {
  return isAdmin(user) || hasPermission(user, 'units.write');
}

export function canManageUsers(user) {
  return isAdmin(user) || hasPermission(user, 'users.write');
}

export function canReadAudit(user) {
  return isAdmin(user) || hasPermission(user, 'audit.read');
}

export function canManageHolidays(user) {
  return isAdmin(user) || hasPermission(user, 'holidays.write');
}
