// /app/thong-bao — the caller's notifications (to them or to their unit), unread first: opening
// one marks it read (for this user only) and goes to its object; "mark all read" empties the list
// of unread ones. The bell's count is refreshed after each.
import { useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Badge } from '../components/Badge.jsx';
import { Pager } from '../components/Pager.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { refreshUnread } from '../components/Bell.jsx';
import { api } from '../api.js';
import { formatDateTime, formatNumber, toId } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';

const PER_PAGE = 20;

// The kinds named in docs/openapi.yaml (tag notifications).
const KINDS = {
  'feedback.forwarded': 'Phản ánh được chuyển đến',
  'feedback.returned': 'Phản ánh bị trả lại',
  'feedback.answered': 'Phản ánh có dự thảo trả lời',
  'feedback.sent_back': 'Trả lời cần bổ sung',
  'feedback.info_reply': 'Người gửi bổ sung thông tin',
  'feedback.overdue': 'Phản ánh quá hạn',
  'feedback.due_soon': 'Phản ánh sắp đến hạn',
  'report.remind': 'Nhắc gửi báo cáo',
  'report.returned': 'Báo cáo bị trả lại',
  'report.accepted': 'Báo cáo được tiếp nhận',
  'review.submitted': 'Phiếu rà soát được gửi',
  'review.accepted': 'Phiếu rà soát được tiếp nhận',
  'review.returned': 'Phiếu rà soát bị trả lại',
  'index.submitted': 'Bản tự chấm Chỉ số CCHC được gửi',
  'index.returned': 'Bản tự chấm Chỉ số CCHC bị trả lại',
  'followup.overdue': 'Việc khắc phục quá hạn',
  'assignment.created': 'Nhiệm vụ được giao',
  'task.update': 'Cập nhật tiến độ',
};

export function Notifications({ search }) {
  usePageTitle('Thông báo');
  const page = toId(queryOf(search).trang) || 1;
  const list = useAsync(() => api.get('/notifications', { page, per_page: PER_PAGE }), [page]);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [busy, setBusy] = useState(false);
  const data = list.data;

  const markRead = async (n) => {
    setError(null);
    try {
      if (!n.read) await api.post(`/notifications/${n.id}/read`);
      await refreshUnread();
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
  const open = async (e, n) => {
    e.preventDefault();
    if ((await markRead(n)) && n.link) navigate(n.link);
    else list.reload();
  };
  const readOne = async (n) => {
    if (await markRead(n)) list.reload();
  };
  const readAll = async () => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      const r = await api.post('/notifications/read-all');
      await refreshUnread();
      setNotice(`Đã đánh dấu ${formatNumber(r.marked)} thông báo là đã đọc.`);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Thông báo"
        lead={data ? `${formatNumber(data.unread)} chưa đọc trong ${formatNumber(data.total)} thông báo của bạn và đơn vị.` : 'Thông báo của bạn và của đơn vị.'}
        actions={
          <button type="button" class="btn btn--primary" onClick={readAll} disabled={busy || !data?.unread}>
            Đánh dấu tất cả đã đọc
          </button>
        }
      />
      <Notice>{notice}</Notice>
      <ProblemAlert error={error || list.error} focus={false} onRetry={error ? undefined : list.reload} />
      {list.loading && !data ? (
        <p class="loading" role="status">
          Đang tải…
        </p>
      ) : null}
      {data && !data.items.length ? <p class="muted">Chưa có thông báo nào.</p> : null}
      {data?.items.length ? (
        <ul class="notif-list" aria-label="Danh sách thông báo">
          {data.items.map((n) => (
            <li key={n.id} class={`notif ${n.read ? 'notif--read' : 'notif--unread'}`} data-id={n.id}>
              <div class="notif__head">
                {n.read ? null : <Badge tone="warning">Chưa đọc</Badge>}
                <span class="muted small">{KINDS[n.kind] || n.kind}</span>
                <span class="muted small">{formatDateTime(n.created_at)}</span>
              </div>
              <p class="notif__title">
                {n.link ? (
                  <a href={n.link} onClick={(e) => open(e, n)}>
                    {n.title}
                  </a>
                ) : (
                  n.title
                )}
              </p>
              {n.body ? <p class="notif__body">{n.body}</p> : null}
              {n.read ? null : (
                <button type="button" class="btn btn--ghost btn--small" onClick={() => readOne(n)}>
                  Đánh dấu đã đọc<span class="sr-only">: {n.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {data && data.total > PER_PAGE ? <Pager page={page} perPage={PER_PAGE} total={data.total} onPage={(p) => navigate(withQuery('/app/thong-bao', { trang: p > 1 ? p : undefined }))} /> : null}
    </>
  );
}
