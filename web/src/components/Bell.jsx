// The bell in the intranet header: a link to /app/thong-bao with the caller's unread count, which
// every page that marks notifications read refreshes through refreshUnread().
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Link } from './Link.jsx';

let unread = null;
const listeners = new Set();

/** Reloads the unread count and tells every bell; resolves to the count (the old one on error). */
export function refreshUnread() {
  return api.get('/notifications', { per_page: 1 }).then(
    (r) => {
      unread = r.unread;
      listeners.forEach((f) => f(unread));
      return unread;
    },
    () => unread,
  );
}

export function NotificationBell({ path }) {
  const [n, setN] = useState(unread);
  useEffect(() => {
    listeners.add(setN);
    return () => listeners.delete(setN);
  }, []);
  // Again on each navigation: new notifications arrive while the user works.
  useEffect(() => {
    refreshUnread();
  }, [path]);
  const label = `Thông báo: ${n ?? 0} chưa đọc`;
  return (
    <Link href="/app/thong-bao" class={`bell ${n ? 'bell--unread' : ''}`} aria-label={label} title={label} aria-current={path === '/app/thong-bao' ? 'page' : undefined}>
      <svg class="bell__icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"
        />
      </svg>
      {n ? (
        <span class="bell__badge" aria-hidden="true">
          {n > 99 ? '99+' : n}
        </span>
      ) : null}
    </Link>
  );
}
