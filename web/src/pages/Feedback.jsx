// /app/phan-anh — the feedback inboxes: the coordinator's (new items, returns,
// answers to approve) and the units' (forwarded to them), with the legal clock
// of each item, overdue and due-soon flags, filters, reminders and statistics.
import { useMemo, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { Pager } from '../components/Pager.jsx';
import { TextField, SelectField, CheckboxField, DateField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { refreshUnread } from '../components/Bell.jsx';
import { api } from '../api.js';
import { hasPermission } from '../auth.js';
import { formatDate, formatDateTime, formatNumber } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { STATUS, StatusBadge, loadMeta } from './PublicFeedbackCommon.jsx';

const PER_PAGE = 20;

export const canRoute = (u) => hasPermission(u, 'feedback.route') || u?.role === 'admin';
export const canReadFeedback = (u) => hasPermission(u, 'feedback.read');

/** The clock of an item: due date, working days left, overdue / due soon. */
export function Clock({ item }) {
  const c = item.clock || {};
  if (!c.due) {
    if (c.step === 'citizen') return <Badge tone="neutral">Chờ người gửi bổ sung</Badge>;
    return <span class="muted">—</span>;
  }
  return (
    <span>
      <strong>{formatDate(c.due)}</strong>
      <span class="fb-block small">
        {c.overdue ? (
          <Badge tone="danger">Quá hạn{c.days_left < 0 ? ` ${-c.days_left} ngày làm việc` : ''}</Badge>
        ) : c.due_soon ? (
          <Badge tone="warning">Sắp đến hạn: còn {c.days_left} ngày làm việc</Badge>
        ) : (
          <span class="muted">Còn {c.days_left} ngày làm việc</span>
        )}
      </span>
    </span>
  );
}

function Notifications() {
  const list = useAsync(() => api.get('/notifications', { unread: 1, per_page: 10 }), []);
  const [error, setError] = useState(null);
  const items = list.data?.items || [];
  if (!items.length) return null;
  const read = async (id) => {
    try {
      await api.post(`/notifications/${id}/read`);
      list.reload();
      refreshUnread();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details class="fb-box">
      <summary>
        <strong>Nhắc việc, thông báo</strong> <Badge tone="warning">{formatNumber(list.data.total)} chưa đọc</Badge>
      </summary>
      <ProblemAlert error={error} focus={false} />
      <ul class="fb-notes">
        {items.map((n) => (
          <li key={n.id}>
            <span>
              {n.link ? <Link href={n.link}>{n.title}</Link> : n.title}
              <span class="fb-block muted small">{formatDateTime(n.created_at)}</span>
            </span>
            <button type="button" class="btn btn--ghost btn--small" onClick={() => read(n.id)}>
              Đã đọc<span class="sr-only">: {n.title}</span>
            </button>
          </li>
        ))}
      </ul>
      {list.data.total > items.length ? <p class="muted small">và {formatNumber(list.data.total - items.length)} thông báo khác.</p> : null}
    </details>
  );
}

function Stats() {
  const [range, setRange] = useState({ from: '', to: '' });
  const stats = useAsync(() => api.get('/feedback/stats', { from: range.from || '', to: range.to || '' }), [range.from, range.to]);
  const s = stats.data;
  const pct = (x) => (x === null || x === undefined ? '—' : `${formatNumber(x * 100, 1)}%`);
  return (
    <details class="fb-box">
      <summary>
        <strong>Thống kê</strong>
      </summary>
      <div class="filters">
        <DateField id="fb-st-from" label="Từ ngày" value={range.from} onValue={(v) => v !== null && setRange({ ...range, from: v })} />
        <DateField id="fb-st-to" label="Đến ngày" value={range.to} onValue={(v) => v !== null && setRange({ ...range, to: v })} />
      </div>
      <ProblemAlert error={stats.error} focus={false} onRetry={stats.reload} />
      {s ? (
        <>
          <div class="fb-stats">
            {[
              ['Tiếp nhận', formatNumber(s.received)],
              ['Không tiếp nhận', formatNumber(s.rejected)],
              ['Đã trả lời', formatNumber(s.answered)],
              ['Trả lời đúng hạn', `${formatNumber(s.answered_on_time)} (${pct(s.on_time_rate)})`],
              ['Đang quá hạn', formatNumber(s.overdue_open)],
              ['Đã công khai', formatNumber(s.published)],
              ['Hài lòng', `${formatNumber(s.satisfied)}/${formatNumber(s.satisfied + s.unsatisfied)} (${pct(s.satisfaction_rate)})`],
            ].map(([k, v]) => (
              <div class="fb-stat" key={k}>
                <strong>{v}</strong>
                {k}
              </div>
            ))}
          </div>
          <div class="table-wrap" role="region" aria-label="Thống kê theo loại" tabIndex={0}>
            <table class="table">
              <caption class="sr-only">Số phản ánh, kiến nghị theo loại</caption>
              <thead>
                <tr>
                  <th scope="col">Loại</th>
                  <th scope="col">Số lượng</th>
                </tr>
              </thead>
              <tbody>
                {s.by_type.map((t) => (
                  <tr key={t.type}>
                    <td>{t.label}</td>
                    <td>{formatNumber(t.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-wrap" role="region" aria-label="Thống kê theo đơn vị" tabIndex={0}>
            <table class="table">
              <caption class="sr-only">Kết quả xử lý theo đơn vị</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị xử lý</th>
                  <th scope="col">Được chuyển</th>
                  <th scope="col">Đã trả lời</th>
                  <th scope="col">Đúng hạn</th>
                  <th scope="col">Đang quá hạn</th>
                  <th scope="col">Hài lòng</th>
                </tr>
              </thead>
              <tbody>
                {s.by_unit.map((u) => (
                  <tr key={u.unit_id}>
                    <td>{u.unit_name}</td>
                    <td>{formatNumber(u.received)}</td>
                    <td>{formatNumber(u.answered)}</td>
                    <td>{formatNumber(u.answered_on_time)}</td>
                    <td>{formatNumber(u.overdue_open)}</td>
                    <td>
                      {formatNumber(u.satisfied)}/{formatNumber(Number(u.satisfied) + Number(u.unsatisfied))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </details>
  );
}

export function Feedback({ user, search }) {
  usePageTitle('Phản ánh, kiến nghị');
  const router = canRoute(user);
  const q = queryOf(search);
  const page = Math.max(1, Number(q.trang) || 1);
  const f = {
    box: q.hop || (router ? 'coordinator' : 'unit'),
    status: q.trang_thai || '',
    type: q.loai || '',
    q: q.q || '',
    overdue: q.qua_han === '1',
    soon: q.sap_han === '1',
  };
  const [text, setText] = useState(f.q);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState(null);
  const meta = useAsync(() => loadMeta(), []);
  const query = {
    box: f.box,
    status: f.status,
    type: f.type,
    q: f.q,
    overdue: f.overdue ? 1 : '',
    due_soon: f.soon ? 1 : '',
    page,
    per_page: PER_PAGE,
  };
  const list = useAsync(() => api.get('/feedback', query), [JSON.stringify(query)]);
  const go = (next) =>
    navigate(
      withQuery('/app/phan-anh', {
        hop: f.box === (router ? 'coordinator' : 'unit') ? '' : f.box,
        trang_thai: f.status,
        loai: f.type,
        q: f.q,
        qua_han: f.overdue ? 1 : '',
        sap_han: f.soon ? 1 : '',
        ...next,
      }),
    );
  const typeOptions = useMemo(() => (meta.data?.types || []).map((t) => ({ value: String(t.id), label: `${t.id}. ${t.label}` })), [meta.data]);
  const statusOptions = Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }));
  const tabs = [
    ...(router ? [{ id: 'coordinator', label: 'Cần điều phối' }] : []),
    { id: 'unit', label: router ? 'Đang ở đơn vị xử lý' : 'Được chuyển đến đơn vị' },
    { id: 'all', label: 'Tất cả' },
  ];
  const items = list.data?.items || [];
  const remind = async () => {
    setError(null);
    try {
      const r = await api.post('/feedback/reminders');
      setNotice(`Đã gửi ${formatNumber(r.notifications)} nhắc việc.`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <PageHeader
        title="Phản ánh, kiến nghị"
        lead={
          router
            ? 'Tiếp nhận, phân loại, chuyển xử lý và công khai kết quả trả lời phản ánh, kiến nghị của người dân, doanh nghiệp.'
            : 'Phản ánh, kiến nghị được chuyển đến đơn vị: tiếp nhận, xử lý và gửi dự thảo trả lời.'
        }
        actions={
          router ? (
            <div class="button-row button-row--tight">
              <Link class="btn btn--primary" href="/app/phan-anh/tiep-nhan">
                Tiếp nhận phản ánh
              </Link>
              <button type="button" class="btn btn--secondary" onClick={remind}>
                Gửi nhắc việc hôm nay
              </button>
            </div>
          ) : null
        }
      />
      <Notice>{notice}</Notice>
      <ProblemAlert error={error} focus={false} />
      <Notifications />
      <div class="fb-tabs" role="tablist" aria-label="Hộp phản ánh">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={f.box === t.id ? 'true' : 'false'} onClick={() => go({ hop: t.id, trang: '' })}>
            {t.label}
          </button>
        ))}
      </div>
      {list.data ? (
        <p class="fb-summary" aria-live="polite">
          <span>{formatNumber(list.data.total)} phản ánh, kiến nghị</span>
          {list.data.overdue_count ? <Badge tone="danger">{formatNumber(list.data.overdue_count)} quá hạn</Badge> : <Badge tone="success">Không có mục quá hạn</Badge>}
          {list.data.due_soon_count ? <Badge tone="warning">{formatNumber(list.data.due_soon_count)} sắp đến hạn</Badge> : null}
        </p>
      ) : null}
      <form
        class="filters"
        role="search"
        aria-label="Lọc phản ánh"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: text.trim(), trang: '' });
        }}
      >
        <TextField id="fb-f-q" label="Mã tra cứu hoặc tiêu đề" type="search" value={text} onValue={setText} autoComplete="off" />
        <SelectField id="fb-f-status" label="Trạng thái" options={statusOptions} placeholder="Tất cả" value={f.status} onValue={(v) => go({ trang_thai: v, trang: '' })} />
        <SelectField id="fb-f-type" label="Loại" options={typeOptions} placeholder="Tất cả các loại" value={f.type} onValue={(v) => go({ loai: v, trang: '' })} />
        <div class="filters__checks">
          <CheckboxField id="fb-f-overdue" label="Chỉ mục quá hạn" value={f.overdue} onValue={(v) => go({ qua_han: v ? 1 : '', trang: '' })} />
          <CheckboxField id="fb-f-soon" label="Chỉ mục sắp đến hạn" value={f.soon} onValue={(v) => go({ sap_han: v ? 1 : '', trang: '' })} />
        </div>
        <div class="filters__actions">
          <button type="submit" class="btn btn--primary">
            Lọc
          </button>
        </div>
      </form>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <div class="table-wrap" role="region" aria-label="Danh sách phản ánh, kiến nghị" tabIndex={0}>
        <table class="table" aria-busy={list.loading ? 'true' : undefined}>
          <caption class="sr-only">Phản ánh, kiến nghị, sắp xếp theo hạn xử lý</caption>
          <thead>
            <tr>
              <th scope="col">Hạn xử lý</th>
              <th scope="col">Phản ánh, kiến nghị</th>
              <th scope="col">Đơn vị xử lý</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Ngày nhận</th>
            </tr>
          </thead>
          <tbody>
            {items.length ? (
              items.map((it) => (
                <tr key={it.id} class={it.overdue ? 'fb-row-overdue' : it.due_soon ? 'fb-row-soon' : ''}>
                  <td data-label="Hạn xử lý">
                    <Clock item={it} />
                  </td>
                  <td data-label="Phản ánh, kiến nghị">
                    <Link href={`/app/phan-anh/${it.id}`}>{it.title}</Link>
                    <span class="fb-block muted small">
                      {it.tracking_code} · Loại {it.type}
                    </span>
                  </td>
                  <td data-label="Đơn vị xử lý">{it.assigned_unit_name || <span class="muted">—</span>}</td>
                  <td data-label="Trạng thái">
                    <StatusBadge status={it.status} />
                  </td>
                  <td data-label="Ngày nhận">{formatDate(it.received_at)}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={5} class="table__empty">
                  {list.loading ? 'Đang tải dữ liệu…' : 'Không có phản ánh, kiến nghị nào.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.data && list.data.total > PER_PAGE ? <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={(p) => go({ trang: p })} /> : null}
      <Stats />
    </>
  );
}
