// /app: the landing page by role (issue 15). One request (GET /workspace) brings every queue the
// caller acts on, each row one click from acting on it: an assignment opens its update form, a
// feedback item, a report or a notification its page. A leader also gets the headline figures of
// the last complete month from the existing indicator APIs, with their change on the month before.
import { api } from '../api.js';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { refreshUnread } from '../components/Bell.jsx';
import { formatDate, formatDateTime, formatNumber, lastCompleteMonth, levelLabel, roleLabel } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';

// ---- small pieces

function days(row) {
  if (row.days_overdue !== undefined) return <Badge tone="danger">Quá hạn {formatNumber(row.days_overdue)} ngày làm việc</Badge>;
  if (row.days_left === undefined) return null;
  if (row.days_left === 0) return <Badge tone="warning">Đến hạn hôm nay</Badge>;
  return <Badge tone={row.days_left <= 3 ? 'warning' : 'info'}>Còn {formatNumber(row.days_left)} ngày làm việc</Badge>;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "2026-Q4" → "quý IV/2026", "2026-H1" → "6 tháng đầu năm 2026", "2026" → "năm 2026". */
function periodText(key) {
  const s = String(key || '');
  let m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) return `quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}`;
  m = /^(\d{4})-H([12])$/.exec(s);
  if (m) return `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`;
  if (/^\d{4}$/.test(s)) return `năm ${s}`;
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s);
  if (m) return `đột xuất ${formatDate(m[1])}–${formatDate(m[2])}`;
  return s;
}

const REPORT_STATUS = {
  missing: ['Chưa lập', 'danger'],
  draft: ['Đang soạn, chưa gửi', 'warning'],
  returned: ['Bị trả lại', 'danger'],
};

/** A queue: a heading with its count, up to ten rows, an empty sentence, a link to the rest. */
function Queue({ id, title, list, empty, more, children }) {
  const items = list ? list.items : [];
  const total = list ? list.total : 0;
  return (
    <section class="card ws-queue" aria-labelledby={id} data-queue={id}>
      <h2 id={id} class="card__title ws-queue__title">
        {title} <span class="ws-count">({formatNumber(total)})</span>
      </h2>
      {items.length ? <ul class="ws-list">{items.map(children)}</ul> : <p class="ws-empty">{empty}</p>}
      {more && total > items.length ? (
        <p class="ws-more">
          <Link href={more}>Xem tất cả {formatNumber(total)}</Link>
        </p>
      ) : null}
    </section>
  );
}

function Row({ href, title, onClick, children }) {
  return (
    <li class="ws-item">
      <Link href={href} class="ws-item__link" onClick={onClick}>
        {title}
      </Link>
      <span class="ws-item__meta">{children}</span>
    </li>
  );
}

// ---- rows of each kind

const assignmentRow = (a) => (
  <Row key={a.assignment_id} href={a.link} title={`${a.task_number ? `${a.task_number}. ` : ''}${a.task_title}`}>
    <span>Hạn {formatDate(a.due_date)}</span> {days(a)} <span class="muted">· Tiến độ {formatNumber(a.progress)}% · {a.plan_title}</span>
    <span class="sr-only"> — mở để cập nhật tiến độ</span>
  </Row>
);

const feedbackRow = (f) => (
  <Row key={f.id} href={f.link} title={f.title}>
    <span>{f.status_label}</span>
    {f.assigned_unit_name ? <span class="muted"> · {f.assigned_unit_name}</span> : null}
    {f.clock && f.clock.due ? <span> · Hạn {formatDate(f.clock.due)}</span> : null} {days(f)}
  </Row>
);

const reportRow = (r, withUnit) => {
  const [label, tone] = REPORT_STATUS[r.status] || [r.status, 'neutral'];
  return (
    <Row key={`${r.unit.id}-${r.period}`} href={r.link} title={`${withUnit ? `${r.unit.name}: b` : 'B'}áo cáo ${periodText(r.period)}`}>
      <Badge tone={tone}>{label}</Badge> <span>Hạn gửi {formatDate(r.due_date)}</span> {days(r)}
    </Row>
  );
};

const behindRow = (b) => (
  <Row key={b.unit.id} href={`/app/viec-cua-toi?don_vi=${b.unit.id}&qua_han=1`} title={b.unit.name}>
    <Badge tone="danger">{formatNumber(b.overdue)} việc quá hạn</Badge> <span class="muted">· {levelLabel(b.unit.level)} · chậm nhất {formatNumber(b.worst_days)} ngày làm việc</span>
  </Row>
);

function readAndGo(n) {
  // Marked read for this user, then the bell is told; the link navigates meanwhile.
  api.post(`/notifications/${n.id}/read`).then(refreshUnread, () => {});
}

const noticeRow = (n) => (
  <Row key={n.id} href={n.link || '/app/thong-bao'} title={n.title} onClick={() => readAndGo(n)}>
    <span class="muted">{formatDateTime(n.created_at)}</span>
  </Row>
);

// ---- parts by role

function UnitQueues({ d }) {
  return (
    <>
      <Queue id="ws-overdue" title="Việc quá hạn của đơn vị" list={d.overdue} empty="Không có nhiệm vụ quá hạn." more="/app/viec-cua-toi?qua_han=1">
        {assignmentRow}
      </Queue>
      <Queue id="ws-due" title={`Việc đến hạn trong ${d.ahead_working_days} ngày làm việc`} list={d.due} empty="Không có nhiệm vụ sắp đến hạn." more="/app/viec-cua-toi">
        {assignmentRow}
      </Queue>
      <Queue id="ws-feedback" title="Phản ánh, kiến nghị chờ đơn vị xử lý" list={d.feedback} empty="Không có phản ánh, kiến nghị nào chờ đơn vị xử lý." more="/app/phan-anh">
        {feedbackRow}
      </Queue>
      <Queue id="ws-reports" title="Báo cáo đơn vị cần gửi" list={d.reports_due} empty="Không có báo cáo nào đến hạn chưa gửi." more="/app/bao-cao">
        {(r) => reportRow(r, false)}
      </Queue>
      <Queue
        id="ws-notifications"
        title="Thông báo chưa đọc"
        list={{ total: d.notifications.unread, items: d.notifications.items }}
        empty="Không có thông báo chưa đọc."
        more="/app/thong-bao"
      >
        {noticeRow}
      </Queue>
    </>
  );
}

function CoordinatorQueues({ c }) {
  return (
    <>
      <Queue id="ws-route" title="Phản ánh mới chờ phân loại, chuyển xử lý" list={c.feedback_to_route} empty="Không có phản ánh mới chờ xử lý." more="/app/phan-anh">
        {feedbackRow}
      </Queue>
      <Queue id="ws-returned" title="Phản ánh đơn vị trả lại" list={c.returned} empty="Không có phản ánh nào bị đơn vị trả lại." more="/app/phan-anh">
        {feedbackRow}
      </Queue>
      <Queue id="ws-publish" title="Dự thảo trả lời chờ duyệt, công khai" list={c.to_publish} empty="Không có dự thảo trả lời nào chờ duyệt." more="/app/phan-anh">
        {feedbackRow}
      </Queue>
      <Queue id="ws-behind" title="Đơn vị chậm tiến độ nhiệm vụ" list={c.behind} empty="Không có đơn vị nào có nhiệm vụ quá hạn.">
        {behindRow}
      </Queue>
      <Queue id="ws-missing" title="Báo cáo định kỳ các đơn vị chưa gửi" list={c.reports_missing} empty="Các đơn vị đã gửi đủ báo cáo đến hạn." more="/app/bao-cao">
        {(r) => reportRow(r, true)}
      </Queue>
    </>
  );
}

const CARDS = [
  ['received', 'Hồ sơ tiếp nhận', 'count'],
  ['ontime_rate', 'Tỷ lệ giải quyết đúng hạn', 'rate'],
  ['online_rate', 'Tỷ lệ hồ sơ trực tuyến', 'rate'],
  ['feedback_ontime', 'Phản ánh, kiến nghị trả lời đúng hạn', 'rate'],
];

const pct = (v) => (v === null || v === undefined ? '—' : `${formatNumber(Number(v) * 100, 1)} %`);

function Delta({ cur, prev, kind, label }) {
  if (cur === null || cur === undefined || prev === null || prev === undefined || (kind === 'count' && !prev)) {
    return <p class="ws-kpi__delta muted">Chưa so sánh được với {label}</p>;
  }
  const v = kind === 'rate' ? (cur - prev) * 100 : ((cur - prev) / prev) * 100;
  const unit = kind === 'rate' ? ' điểm %' : ' %';
  const sign = v > 0 ? '▲ +' : v < 0 ? '▼ −' : '';
  return (
    <p class="ws-kpi__delta">
      {sign}
      {formatNumber(Math.abs(v), 1)}
      {unit} so với {label}
    </p>
  );
}

/** The four headline cards of the last complete month, each with its change on the month before. */
function KpiCards() {
  const m = lastCompleteMonth();
  const get = (p) =>
    Promise.all([
      api.get('/kpi/summary', { from: p.from, to: p.to }),
      api.get('/feedback/stats', { from: p.from, to: p.to }).catch(() => null),
    ]).then(([k, f]) => ({ ...k, feedback_ontime: f ? f.on_time_rate : null }));
  const figures = useAsync(() => Promise.all([get(m), get(m.prev)]), [m.from]);
  const [cur, prev] = figures.data || [];
  return (
    <section class="card ws-wide" aria-labelledby="ws-kpi">
      <h2 id="ws-kpi" class="card__title">
        Chỉ số chính — {m.label}
      </h2>
      <ProblemAlert error={figures.error} focus={false} onRetry={figures.reload} />
      {cur ? (
        <ul class="ws-kpis" aria-label={`Chỉ số chính ${m.label}`}>
          {CARDS.map(([key, label, kind]) => (
            <li class="ws-kpi" key={key} data-key={key}>
              <p class="ws-kpi__label">{label}</p>
              <p class="ws-kpi__value">{kind === 'rate' ? pct(cur[key]) : formatNumber(cur[key] ?? 0)}</p>
              <Delta cur={cur[key]} prev={prev ? prev[key] : null} kind={kind} label={m.prev.label} />
            </li>
          ))}
        </ul>
      ) : figures.loading ? (
        <p class="loading" role="status">
          Đang tải chỉ số…
        </p>
      ) : null}
      <p class="ws-more">
        <Link href="/app/chi-so">Xem bảng chỉ số đầy đủ</Link>
      </p>
    </section>
  );
}

function LeaderPart({ l }) {
  return (
    <>
      <KpiCards />
      <Queue id="ws-units-behind" title="Đơn vị chậm tiến độ nhiệm vụ" list={l.units_behind} empty="Không có đơn vị nào có nhiệm vụ quá hạn.">
        {behindRow}
      </Queue>
      <Queue id="ws-fb-overdue" title="Phản ánh, kiến nghị quá hạn xử lý" list={l.feedback_overdue} empty="Không có phản ánh, kiến nghị quá hạn." more="/app/phan-anh">
        {feedbackRow}
      </Queue>
    </>
  );
}

const JOB_STATUS = { ok: ['Bình thường', 'success'], failed: ['Lỗi', 'danger'], running: ['Đang chạy', 'info'] };

function SystemPart({ s }) {
  const mail = s.mail_outbox || {};
  return (
    <section class="card ws-wide" aria-labelledby="ws-system">
      <h2 id="ws-system" class="card__title">
        Tình trạng hệ thống
      </h2>
      <dl class="facts ws-facts">
        <dt>Tiến trình xử lý</dt>
        <dd>
          {formatNumber(s.workers.count)} tiến trình × {formatNumber(s.workers.threads)} luồng (máy chủ này)
        </dd>
        <dt>Cơ sở dữ liệu</dt>
        <dd>
          {s.database.ok ? <Badge tone="success">Kết nối tốt</Badge> : <Badge tone="danger">Lỗi</Badge>} <span class="muted">phiên bản {s.database.schema || '—'}</span>
        </dd>
        <dt>Hộp thư đi</dt>
        <dd>
          {formatNumber(mail.pending ?? 0)} chờ gửi · {mail.failed ? <Badge tone="danger">{formatNumber(mail.failed)} gửi lỗi</Badge> : '0 gửi lỗi'}
          {mail.oldest_pending_at ? <span class="muted"> · cũ nhất {formatDateTime(mail.oldest_pending_at)}</span> : null}
        </dd>
        <dt>Sao lưu gần nhất</dt>
        <dd>{s.last_backup ? formatDateTime(s.last_backup.at) : 'Chưa có thông tin sao lưu'}</dd>
      </dl>
      <h3 class="ws-subtitle">Tác vụ nền</h3>
      {s.jobs.length ? (
        <ul class="ws-list">
          {s.jobs.map((j) => {
            const [label, tone] = JOB_STATUS[j.last_status] || [j.last_status, 'neutral'];
            return (
              <li key={j.name} class="ws-item">
                <span class="ws-item__title">{j.name}</span>
                <span class="ws-item__meta">
                  <Badge tone={tone}>{label}</Badge> <span class="muted">lần chạy gần nhất {formatDateTime(j.last_run_at)}</span>
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="ws-empty">Chưa có tác vụ nền nào chạy.</p>
      )}
    </section>
  );
}

export function Dashboard({ user }) {
  usePageTitle('Trang làm việc');
  const ws = useAsync(() => api.get('/workspace'), []);
  const d = ws.data;
  return (
    <>
      <PageHeader title="Trang làm việc" lead={`Xin chào, ${user.full_name || user.username}.`} />
      <dl class="ws-me">
        <div>
          <dt>Đơn vị</dt>
          <dd>
            {user.unit_name || '—'}
            {user.unit_level ? <span class="muted"> ({levelLabel(user.unit_level)})</span> : null}
          </dd>
        </div>
        <div>
          <dt>Vai trò</dt>
          <dd>
            {roleLabel(user.role, user.focal_officer)}{' '}
            {user.coordinator ? <Badge tone="info">Đơn vị điều phối KSTT của tỉnh</Badge> : null}
          </dd>
        </div>
      </dl>
      {ws.error ? (
        <>
          <ProblemAlert error={ws.error} focus={false} />
          <button type="button" class="btn btn--secondary" onClick={ws.reload}>
            Thử lại
          </button>
        </>
      ) : null}
      {!d && ws.loading ? (
        <p class="loading" role="status">
          Đang tải công việc…
        </p>
      ) : null}
      {d ? (
        <div class="ws">
          {d.leader ? <LeaderPart l={d.leader} /> : null}
          {d.coordinator ? <CoordinatorQueues c={d.coordinator} /> : null}
          <UnitQueues d={d} />
          {d.system ? <SystemPart s={d.system} /> : null}
        </div>
      ) : null}
    </>
  );
}
