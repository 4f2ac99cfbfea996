// API client, the only place that calls fetch(): JSON in and out (or a FormData / Blob body sent
// as it is), cookies (same origin), the CSRF header on every non-GET request, RFC 9457 problems
// turned into ApiError (shown by components/ProblemAlert), and one silent refresh of the session
// on 401 before giving up.

const BASE = '/api/v1';
const CSRF_HEADER = 'X-Requested-With';
const CSRF_VALUE = 'kstt';

export const NETWORK_MESSAGE = 'Không kết nối được máy chủ';

const STATUS_TITLES = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn',
  403: 'Bạn không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy dữ liệu',
  405: 'Thao tác không được hỗ trợ',
  409: 'Dữ liệu đã bị thay đổi hoặc bị trùng',
  413: 'Dữ liệu gửi lên quá lớn',
  422: 'Dữ liệu chưa hợp lệ',
  429: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
  500: 'Lỗi máy chủ',
  502: 'Máy chủ tạm thời không phản hồi',
  503: 'Hệ thống tạm thời không sẵn sàng',
  504: 'Máy chủ phản hồi quá chậm',
};

export class ApiError extends Error {
  constructor({ status = 0, title, detail = '', type = 'about:blank', fieldErrors = {}, requestId = null, retryAfter = null, problem = null }) {
    const t = title || STATUS_TITLES[status] || (status ? `Lỗi ${status}` : NETWORK_MESSAGE);
    super(detail || t);
    this.name = 'ApiError';
    this.status = status;
    this.title = t;
    this.detail = detail;
    this.type = type;
    this.fieldErrors = fieldErrors;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    // The whole problem body, for members a page needs (a 409's existing_id).
    this.problem = problem;
  }
}

let onSessionLost = () => {};
/** auth.js registers what to do when a session cannot be refreshed. */
export function setSessionLostHandler(fn) {
  onSessionLost = fn;
}

function queryString(query) {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

function send(method, path, body, query) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (method !== 'GET' && method !== 'HEAD') headers[CSRF_HEADER] = CSRF_VALUE;
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    // Multipart (public feedback with attachments): the browser writes the type and its boundary.
    init.body = body;
  } else if (typeof Blob !== 'undefined' && body instanceof Blob) {
    // A file or CSV part sent as it is (imports, dossier ingest): its own type, no JSON.
    headers['Content-Type'] = body.type || 'application/octet-stream';
    init.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(BASE + path + queryString(query), init);
}

let refreshing = null;
/** POST /auth/refresh once for all concurrent callers; resolves to the body or null. */
export function refreshSession() {
  if (!refreshing) {
    refreshing = send('POST', '/auth/refresh')
      .then((r) => (r.ok ? r.json().catch(() => ({})) : null))
      .catch(() => null)
      .finally(() => {
        setTimeout(() => {
          refreshing = null;
        }, 0);
      });
  }
  return refreshing;
}

function toFieldErrors(errors) {
  const out = {};
  if (!Array.isArray(errors)) return out;
  for (const e of errors) {
    if (!e || typeof e !== 'object') continue;
    const field = e.field || e.name || e.pointer || '';
    const msg = e.message || e.detail || '';
    if (!msg) continue;
    out[field] = out[field] ? `${out[field]} ${msg}` : msg;
  }
  return out;
}

async function readBody(res) {
  if (res.status === 204 || res.status === 205) return null;
  const type = res.headers.get('Content-Type') || '';
  const text = await res.text();
  if (!text) return null;
  if (/json/i.test(type)) {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
  return null;
}

async function toError(res) {
  const body = await readBody(res).catch(() => null);
  const p = body && typeof body === 'object' ? body : {};
  const ra = res.headers.get('Retry-After');
  let retryAfter = null;
  if (ra) {
    const n = Number(ra);
    retryAfter = Number.isFinite(n) ? n : Math.max(0, (Date.parse(ra) - Date.now()) / 1000) || null;
  }
  return new ApiError({
    status: res.status,
    title: typeof p.title === 'string' ? p.title : undefined,
    detail: typeof p.detail === 'string' ? p.detail : '',
    type: p.type,
    fieldErrors: toFieldErrors(p.errors),
    requestId: p.request_id || res.headers.get('X-Request-Id'),
    retryAfter,
    problem: body && typeof body === 'object' ? body : null,
  });
}

/**
 * request('GET', '/units', { query }) → parsed JSON (null for 204).
 * Options: body, query; auth (default true): on 401 refresh the session once
 * and retry; redirect (default true): when that fails, hand over to the
 * session-lost handler (login page keeping the current page).
 */
export async function request(method, path, { body, query, auth = true, redirect = true } = {}) {
  let res;
  try {
    res = await send(method, path, body, query);
    if (res.status === 401 && auth) {
      const refreshed = await refreshSession();
      if (refreshed) res = await send(method, path, body, query);
    }
  } catch {
    throw new ApiError({ status: 0, title: NETWORK_MESSAGE, detail: 'Vui lòng kiểm tra kết nối mạng và thử lại.' });
  }
  if (res.ok) return readBody(res);
  const err = await toError(res);
  if (res.status === 401 && auth && redirect) onSessionLost(err);
  throw err;
}

export const api = {
  get: (path, query, opts) => request('GET', path, { ...opts, query }),
  post: (path, body, opts) => request('POST', path, { ...opts, body }),
  put: (path, body, opts) => request('PUT', path, { ...opts, body }),
  patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
  del: (path, opts) => request('DELETE', path, opts),
};
