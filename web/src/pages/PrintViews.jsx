// The print views (issue 15), A4 with the official heading as pages/ReportPrint.jsx has it (the unit
// and its parent, Quốc hiệu and tiêu ngữ, the date), from the existing GET APIs:
//   /app/ke-hoach/:id/in  a plan: its sections and tasks, each task's assignees and their progress;
//   /app/nhiem-vu/:id/in  a task: its assignments and every progress update the caller may see;
//   /app/phan-anh/:id/in  a feedback item: its content, handling history and answer (staff only).
// Reports.css holds the print rules (@page A4, no header, menu or buttons) and the heading styles.
import { useMemo } from 'preact/hooks';
import { Link } from '../components/Link.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { indexById, loadUnitTree } from '../units.js';
import { ROLE_LABELS, STATES, deriveState, groupLabel, kindLabel, showDate } from './PlanCommon.jsx';
import { ACTOR_LABELS, EVENT_LABELS } from './FeedbackItem.jsx';
import './Reports.css';
import './PrintViews.css';

/** "ngày 05 tháng 10 năm 2026" for today (the day the document is printed). */
function today() {
  const [dd, mm, yy] = formatDate(new Date()).split('/');
  return `ngày ${dd} tháng ${mm} năm ${yy}`;
}

/** The official heading: the unit under its parent on the left, Quốc hiệu and tiêu ngữ right. */
function OfficialHeading({ unitId, unitName }) {
  const tree = useAsync(() => loadUnitTree(), []);
  const byId = useMemo(() => indexById(tree.data || []), [tree.data]);
  const unit = unitId ? byId.get(unitId) : null;
  const parent = unit?.parent_id ? byId.get(unit.parent_id) : null;
  // Until the tree is in, the heading would lack the parent line: show nothing rather than a heading
  // that changes under the reader (or under a test reading it).
  if (tree.loading) return <p class="loading" role="status">Đang tải…</p>;
  return (
    <header class="rep-doc-head">
      <div class="rep-doc-head__unit">
        {parent ? <p class="rep-doc-head__parent">{parent.name.toUpperCase()}</p> : null}
        <p class="rep-doc-head__name">{(unitName || unit?.name || '').toUpperCase()}</p>
        <p class="rep-doc-head__rule" aria-hidden="true" />
      </div>
      <div class="rep-doc-head__nation">
        <p class="rep-doc-head__country">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
        <p class="rep-doc-head__motto">Độc lập - Tự do - Hạnh phúc</p>
        <p class="rep-doc-head__rule" aria-hidden="true" />
        <p class="rep-doc-head__date">{today()}</p>
      </div>
    </header>
  );
}

/** The tools above the document (not printed): back to the page, and print. */
function Tools({ back, backText }) {
  return (
    <div class="rep-print__tools no-print">
      <Link href={back}>← {backText}</Link>
      <button type="button" class="btn btn--primary" onClick={() => window.print()}>
        In
      </button>
      <p class="muted small">Khổ giấy A4, hướng dọc.</p>
    </div>
  );
}

function Waiting({ state }) {
  return (
    <>
      <ProblemAlert error={state.error} onRetry={state.reload} />
      {state.loading ? (
        <p class="loading" role="status">
          Đang tải…
        </p>
      ) : null}
    </>
  );
}

const unitsText = (list) => (list || []).map((u) => u.text || groupLabel(u.group)).filter(Boolean).join('; ');
const stateLabel = (a) => STATES[a.state]?.label || a.state || '—';
const pct = (p) => (p === null || p === undefined ? '—' : `${p}%`);

/** One row per assignment: unit, role, due date, state, progress. */
function AssignmentRows({ task }) {
  const list = (task.assignments || []).map((a) => deriveState(a, task));
  if (!list.length) return <p class="muted">Chưa giao đơn vị.</p>;
  return (
    <table class="table print-table print-table--assignments">
      <caption class="sr-only">Đơn vị được giao nhiệm vụ {task.number || ''}</caption>
      <thead>
        <tr>
          <th scope="col">Đơn vị</th>
          <th scope="col">Vai trò</th>
          <th scope="col">Hạn</th>
          <th scope="col">Tình trạng</th>
          <th scope="col">Tiến độ</th>
        </tr>
      </thead>
      <tbody>
        {list.map((a) => (
          <tr key={a.id}>
            <td>{a.unit_name}</td>
            <td>{ROLE_LABELS[a.role] || a.role}</td>
            <td>{showDate(a.due_date || task.due_date)}</td>
            <td>
              {stateLabel(a)}
              {a.done_date ? ` (${formatDate(a.done_date)})` : ''}
            </td>
            <td class="num">{pct(a.progress)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TaskBlock({ task, depth }) {
  return (
    <div class={`print-task print-task--d${Math.min(depth, 2)}`}>
      <p class="print-task__title">
        <strong>{task.number ? `${task.number}. ` : ''}</strong>
        {task.title}
      </p>
      <p class="print-task__meta">
        {task.output ? <>Sản phẩm: {task.output}. </> : null}
        {unitsText(task.lead) ? <>Chủ trì: {unitsText(task.lead)}. </> : null}
        {unitsText(task.coop) ? <>Phối hợp: {unitsText(task.coop)}. </> : null}
        {task.timeline_text ? <>Thời gian: {task.timeline_text}.</> : null}
      </p>
      <AssignmentRows task={task} />
      {(task.children || []).map((c) => (
        <TaskBlock key={c.id} task={c} depth={depth + 1} />
      ))}
    </div>
  );
}

export function PlanPrint({ params }) {
  const plan = useAsync(() => api.get(`/plans/${params.id}`), [params.id]);
  const p = plan.data;
  const published = p && p.status !== 'draft';
  const progress = useAsync(() => (published ? api.get(`/plans/${params.id}/progress`) : Promise.resolve(null)), [params.id, published]);
  usePageTitle(p ? `Bản in — ${p.title}` : 'Bản in kế hoạch');
  if (!p) return <Waiting state={plan} />;
  const pr = progress.data;
  const sections = [...(p.sections || [])];
  if ((p.unsectioned_tasks || []).length) sections.push({ id: 'none', number: '', title: 'Nhiệm vụ khác', tasks: p.unsectioned_tasks });
  return (
    <article class="rep-print print-doc" aria-label="Bản in kế hoạch">
      <Tools back={`/app/ke-hoach/${p.id}`} backText="Về kế hoạch" />
      <OfficialHeading unitId={p.unit_id} unitName={p.unit_name} />
      <h1 class="rep-doc-title">
        <span class="rep-doc-title__kind">KẾ HOẠCH</span>
        <span class="rep-doc-title__subject">{p.title}</span>
      </h1>
      <p class="rep-doc-window">
        {kindLabel(p.kind)} · năm {p.year}
        {p.decision_no ? ` · ban hành kèm Quyết định số ${p.decision_no}` : ''}
        {p.decision_date ? ` ngày ${formatDate(p.decision_date)}` : ''}
      </p>
      {pr ? (
        <p class="print-summary">
          Tiến độ chung: <strong>{pct(pr.progress)}</strong> · {pr.assignments} lượt giao · {pr.done} hoàn thành · {pr.overdue} quá hạn (tính đến{' '}
          {formatDate(new Date())}).
        </p>
      ) : (
        <p class="print-summary">Kế hoạch chưa ban hành: chưa có tiến độ.</p>
      )}
      {sections.map((s) => (
        <section key={s.id} class="print-section">
          <h2>
            {s.number ? `${s.number}. ` : ''}
            {s.title}
          </h2>
          {(s.tasks || []).length ? (s.tasks || []).map((t) => <TaskBlock key={t.id} task={t} depth={0} />) : <p class="muted">Không có nhiệm vụ.</p>}
        </section>
      ))}
    </article>
  );
}

export function TaskPrint({ params }) {
  const task = useAsync(() => api.get(`/tasks/${params.id}`), [params.id]);
  const t = task.data;
  usePageTitle(t ? `Bản in — nhiệm vụ ${t.number || ''}` : 'Bản in nhiệm vụ');
  if (!t) return <Waiting state={task} />;
  const plan = t.plan || {};
  const updates = [...(t.updates || [])].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
  return (
    <article class="rep-print print-doc" aria-label="Bản in nhiệm vụ">
      <Tools back={`/app/nhiem-vu/${t.id}`} backText="Về nhiệm vụ" />
      <OfficialHeading unitId={plan.unit_id} unitName={plan.unit_name} />
      <h1 class="rep-doc-title">
        <span class="rep-doc-title__kind">TÌNH HÌNH THỰC HIỆN NHIỆM VỤ</span>
        <span class="rep-doc-title__subject">
          {t.number ? `${t.number}. ` : ''}
          {t.title}
        </span>
      </h1>
      <p class="rep-doc-window">Thuộc {plan.title}</p>
      <dl class="print-facts">
        {t.output ? (
          <>
            <dt>Sản phẩm</dt>
            <dd>{t.output}</dd>
          </>
        ) : null}
        <dt>Chủ trì</dt>
        <dd>{unitsText(t.lead) || '—'}</dd>
        <dt>Phối hợp</dt>
        <dd>{unitsText(t.coop) || '—'}</dd>
        <dt>Thời gian</dt>
        <dd>{t.timeline_text || showDate(t.due_date)}</dd>
        {t.summary ? (
          <>
            <dt>Tiến độ chung</dt>
            <dd>
              {pct(t.summary.progress)} · {t.summary.assignee_count} đơn vị · {t.summary.done_count} hoàn thành · {t.summary.overdue_count} quá hạn
            </dd>
          </>
        ) : null}
      </dl>
      <h2>I. ĐƠN VỊ ĐƯỢC GIAO</h2>
      <AssignmentRows task={t} />
      <h2>II. CÁC LẦN CẬP NHẬT TIẾN ĐỘ</h2>
      {updates.length ? (
        <table class="table print-table">
          <caption class="sr-only">Các lần cập nhật tiến độ</caption>
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Tình trạng</th>
              <th scope="col">Tiến độ</th>
              <th scope="col">Nội dung, văn bản kèm theo</th>
            </tr>
          </thead>
          <tbody>
            {updates.map((u) => (
              <tr key={u.id}>
                <td>{formatDate(u.created_at)}</td>
                <td>{u.unit_name}</td>
                <td>{STATES[u.status]?.label || u.status}</td>
                <td class="num">{pct(u.progress)}</td>
                <td>
                  {u.period ? `Kỳ ${u.period}. ` : ''}
                  {u.note || ''}
                  {u.evidence_no ? ` Văn bản số ${u.evidence_no}${u.evidence_date ? ` ngày ${formatDate(u.evidence_date)}` : ''}.` : ''}
                  {u.attachment_name ? ` Tệp: ${u.attachment_name}.` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">Chưa có lần cập nhật nào.</p>
      )}
    </article>
  );
}

export function FeedbackPrint({ params, user }) {
  const data = useAsync(() => api.get(`/feedback/${params.id}`), [params.id]);
  const f = data.data;
  usePageTitle(f ? `Bản in — phản ánh ${f.tracking_code}` : 'Bản in phản ánh');
  if (!f) return <Waiting state={data} />;
  return (
    <article class="rep-print print-doc" aria-label="Bản in phản ánh, kiến nghị">
      <Tools back={`/app/phan-anh/${f.id}`} backText="Về phản ánh" />
      <OfficialHeading unitId={user?.unit_id} unitName={user?.unit_name} />
      <h1 class="rep-doc-title">
        <span class="rep-doc-title__kind">PHIẾU THEO DÕI XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ</span>
        <span class="rep-doc-title__subject">{f.title}</span>
      </h1>
      <p class="rep-doc-window">
        Mã tra cứu {f.tracking_code} · nhận ngày {formatDateTime(f.received_at)}
      </p>
      <dl class="print-facts">
        <dt>Người gửi</dt>
        <dd>
          {f.sender_name}
          {f.organization ? ` (${f.organization})` : ''}
          {f.address ? ` — ${f.address}` : ''}
        </dd>
        <dt>Loại</dt>
        <dd>{f.type_label || f.type}</dd>
        {f.field ? (
          <>
            <dt>Lĩnh vực</dt>
            <dd>{f.field}</dd>
          </>
        ) : null}
        {f.procedure_code ? (
          <>
            <dt>Thủ tục</dt>
            <dd>{f.procedure_code}</dd>
          </>
        ) : null}
        <dt>Đơn vị xử lý</dt>
        <dd>{f.assigned_unit_name || '—'}</dd>
        <dt>Trạng thái</dt>
        <dd>{f.status_label || f.status}</dd>
        <dt>Hạn trả lời</dt>
        <dd>{showDate(f.answer_due)}</dd>
      </dl>
      <h2>I. NỘI DUNG</h2>
      <p class="rep-pre">{f.content}</p>
      <h2>II. QUÁ TRÌNH XỬ LÝ</h2>
      <table class="table print-table">
        <caption class="sr-only">Quá trình xử lý</caption>
        <thead>
          <tr>
            <th scope="col">Thời điểm</th>
            <th scope="col">Bước</th>
            <th scope="col">Người, đơn vị thực hiện</th>
            <th scope="col">Ghi chú</th>
          </tr>
        </thead>
        <tbody>
          {(f.events || []).map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>{EVENT_LABELS[e.action] || e.action}</td>
              <td>{[ACTOR_LABELS[e.actor_kind], e.actor_name, e.actor_unit_name || e.unit_name].filter(Boolean).join(' — ')}</td>
              <td>{e.note || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>III. TRẢ LỜI</h2>
      {f.answer_text ? (
        <>
          <p class="rep-pre">{f.answer_text}</p>
          <p class="muted">
            {f.published_at ? `Công khai ngày ${formatDate(f.published_at)}.` : f.answered_at ? `Dự thảo gửi ngày ${formatDate(f.answered_at)}, chưa công khai.` : 'Dự thảo, chưa gửi.'}
          </p>
        </>
      ) : (
        <p class="muted">Chưa có trả lời.</p>
      )}
    </article>
  );
}
