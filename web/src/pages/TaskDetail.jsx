// /app/nhiem-vu/:id — one task: what it asks, its units and timeline, every
// assignee's state (overdue first) and progress updates with their evidence,
// and the tasks derived from it in the units' own plans.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { Modal } from '../components/Modal.jsx';
import { DateField, SelectField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { Comments } from '../components/Comments.jsx';
import { api } from '../api.js';
import { queryOf } from '../router.js';
import { formatDate, formatNumber, levelLabel } from '../format.js';
import { ReviewTargets } from './ReviewTargets.jsx';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import {
  AssignmentBadges,
  PlanStatusBadge,
  ProgressBar,
  ROLE_LABELS,
  TimelineSummary,
  UnitList,
  byUrgency,
  can,
  deriveState,
  dueOf,
  showDate,
  validDate,
} from './PlanCommon.jsx';
import { UpdateForm, UpdateHistory } from './MyAssignmentsUpdate.jsx';

/** A task whose deadline counts from an event: its offset, or null. */
function eventOffset(t) {
  const tl = t?.timeline;
  if (!tl || (tl.kind || t.tl_kind) !== 'event') return null;
  return tl.offset && typeof tl.offset === 'object' ? tl.offset : {};
}

function offsetText(off) {
  const after = off.after || 'sự kiện xảy ra';
  if (off.days === undefined || off.days === null) return after;
  return `${after} (+${formatNumber(off.days)} ngày${off.working ? ' làm việc' : ''})`;
}

/**
 * Recording the day the event happened: POST /tasks/{id}/event, the server
 * recomputes the due date (working days skip weekends and holidays).
 */
function EventForm({ task, onDone }) {
  const form = useForm({ date: validDate(task.event_date) || '' });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        const updated = await api.post(`/tasks/${task.id}/event`, { date: v.date });
        onDone(updated);
      },
      (v) => ({ date: v.date === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : !v.date ? 'Hãy nhập ngày diễn ra sự kiện.' : '' }),
    );
  return (
    <form class="event-form" onSubmit={onSubmit} noValidate aria-labelledby="task-event-title">
      <h3 id="task-event-title" class="event-form__title">
        Ghi nhận ngày diễn ra sự kiện
      </h3>
      <ProblemAlert error={form.failure} fieldLabels={{ date: 'Ngày diễn ra sự kiện' }} idPrefix="ev-" />
      <div class="event-form__row">
        <DateField id="ev-date" label="Ngày diễn ra sự kiện" hint="dd/mm/yyyy; hạn hoàn thành được tính lại từ ngày này" required {...form.field('date')} />
        <button type="submit" class="btn btn--primary event-form__submit" disabled={form.submitting}>
          {form.submitting ? 'Đang lưu…' : 'Ghi nhận'}
        </button>
      </div>
    </form>
  );
}

/** The assignees' rows: unit, role, due date, state, progress, last report. */
function AssigneeTable({ rows, task, label, empty, onTalk }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table class="table stack-table">
        <caption class="sr-only">Trạng thái của từng đơn vị, đơn vị quá hạn trước</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col">Vai trò</th>
            <th scope="col">Hạn</th>
            <th scope="col">Tình trạng</th>
            <th scope="col">Tiến độ</th>
            <th scope="col">Báo cáo gần nhất</th>
            {onTalk ? <th scope="col">Trao đổi</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.length ? (
            rows.map((a) => (
              <tr key={a.id} class={a.overdue ? 'is-overdue' : ''}>
                <th scope="row" data-label="Đơn vị">
                  {a.unit_name}
                  <span class="block muted small">{levelLabel(a.unit_level)}</span>
                </th>
                <td data-label="Vai trò">{ROLE_LABELS[a.role] || a.role}</td>
                <td data-label="Hạn">{showDate(dueOf(a, task))}</td>
                <td data-label="Tình trạng">
                  <AssignmentBadges a={a} />
                </td>
                <td data-label="Tiến độ">
                  <ProgressBar value={a.progress} label={`Tiến độ của ${a.unit_name}`} />
                </td>
                <td data-label="Báo cáo gần nhất">{showDate(a.last_update_at, 'Chưa báo cáo')}</td>
                {onTalk ? (
                  <td data-label="Trao đổi">
                    <button type="button" class="btn btn--ghost btn--small" onClick={() => onTalk(a.id)} aria-label={`Trao đổi về phần việc của ${a.unit_name}`}>
                      Trao đổi
                    </button>
                  </td>
                ) : null}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={onTalk ? 7 : 6} class="table__empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function TaskDetail({ user, params, search }) {
  const task = useAsync(() => api.get(`/tasks/${params.id}`), [params.id]);
  const t = task.data;
  usePageTitle(t ? `Nhiệm vụ ${t.number || ''}`.trim() : 'Nhiệm vụ');
  const [unitFilter, setUnitFilter] = useState('');
  const [updating, setUpdating] = useState(null);
  const [notice, setNotice] = useState('');
  // An assignment's discussion in a dialog; a mention's link (?phan-cong=<id>) opens it.
  const [talking, setTalking] = useState(() => Number(queryOf(search)['phan-cong']) || null);
  useEffect(() => {
    const id = Number(queryOf(search)['phan-cong']);
    if (id) setTalking(id);
  }, [search]);
  const isEvent = !!eventOffset(t);
  const planId = t?.plan_id;
  const mayWritePlans = can(user, 'plans.write');
  // GET /tasks/{id} does not say whether the plan is editable; the plan does.
  const planInfo = useAsync(() => (isEvent && mayWritePlans && planId ? api.get(`/plans/${planId}`, { assignments: false }) : null), [isEvent, mayWritePlans, planId]);
  const canEditPlan = planInfo.data ? !!planInfo.data.can_edit : mayWritePlans && isEvent && !!planInfo.error;

  const assignments = useMemo(() => (t ? (t.assignments || []).map((a) => deriveState(a, t)).sort(byUrgency) : []), [t]);
  // ?cap_nhat=<assignment id> (the landing page's rows): the update form of that assignment opens
  // at once, when it is the user's unit's and the plan takes updates.
  const openId = Number(queryOf(search || '').cap_nhat) || 0;
  const opened = useRef(0);
  useEffect(() => {
    if (!openId || opened.current === openId || !t) return;
    const a = assignments.find((x) => x.id === openId && x.unit_id === user.unit_id);
    if (a && can(user, 'assignments.update') && t.plan && t.plan.status === 'published') {
      opened.current = openId;
      setUpdating(a);
    }
  }, [openId, t, assignments, user]);
  const stats = useMemo(() => {
    const n = assignments.length;
    const sum = assignments.reduce((s, a) => s + Number(a.progress || 0), 0);
    return {
      n,
      progress: n ? Math.round(sum / n) : null,
      done: assignments.filter((a) => a.state === 'done' || a.state === 'done_late').length,
      overdue: assignments.filter((a) => a.overdue).length,
    };
  }, [assignments]);
  const updates = useMemo(() => (t ? (t.updates || []).filter((u) => !unitFilter || String(u.unit_id) === unitFilter) : []), [t, unitFilter]);
  const updateUnits = useMemo(() => {
    const m = new Map();
    for (const u of t?.updates || []) m.set(String(u.unit_id), u.unit_name);
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  }, [t]);

  if (task.error && !t) {
    return (
      <>
        <PageHeader title="Nhiệm vụ" />
        <ProblemAlert error={task.error} focus={false} onRetry={task.reload} />
        <p>
          <Link href="/app/ke-hoach">Về danh sách kế hoạch</Link>
        </p>
      </>
    );
  }
  if (!t) return <p class="loading">Đang tải nhiệm vụ…</p>;
  const plan = t.plan || {};
  const offset = eventOffset(t);
  const mayUpdate = can(user, 'assignments.update') && plan.status === 'published';
  // My unit's share first; the other units' rows (66 communes for a province task) collapsed.
  const mine = assignments.filter((a) => a.unit_id === user.unit_id);
  const others = mine.length ? assignments.filter((a) => a.unit_id !== user.unit_id) : assignments;
  const othersDone = others.filter((a) => a.state === 'done' || a.state === 'done_late').length;
  const othersOverdue = others.filter((a) => a.overdue).length;
  const myUpdates = (t.updates || []).filter((u) => u.unit_id === user.unit_id);

  return (
    <>
      <nav aria-label="Vị trí" class="breadcrumb">
        <Link href="/app/ke-hoach">Kế hoạch</Link> <span aria-hidden="true">›</span>{' '}
        <Link href={`/app/ke-hoach/${t.plan_id}`}>{plan.title || 'Kế hoạch'}</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">Nhiệm vụ {t.number || ''}</span>
      </nav>
      <PageHeader
        title={`${t.number ? `${t.number}. ` : ''}${t.title}`}
        lead={
          <>
            {plan.unit_name} · Năm {plan.year} <PlanStatusBadge status={plan.status} />
          </>
        }
        actions={
          <div class="button-row button-row--tight">
            <Link class="btn btn--secondary" href={`/app/nhiem-vu/${t.id}/in`}>
              In
            </Link>
            {mayUpdate && mine.length
              ? mine.map((a) => (
                <button
                  key={a.id}
                  type="button"
                  class="btn btn--primary"
                  onClick={() => {
                    setNotice('');
                    setUpdating(a);
                  }}
                >
                  Cập nhật tiến độ{mine.length > 1 ? ` (${ROLE_LABELS[a.role]})` : ''}
                </button>
              ))
              : null}
          </div>
        }
      />
      <Notice>{notice}</Notice>
      <section class="card" aria-labelledby="task-info">
        <h2 id="task-info" class="card__title">
          Nội dung nhiệm vụ
        </h2>
        <dl class="facts">
          <dt>Kết quả, sản phẩm</dt>
          <dd>{t.output || '—'}</dd>
          <dt>Đơn vị chủ trì</dt>
          <dd>
            <UnitList units={t.lead} />
          </dd>
          <dt>Đơn vị phối hợp</dt>
          <dd>
            <UnitList units={t.coop} />
          </dd>
          <dt>Thời gian thực hiện</dt>
          <dd>
            {t.timeline_text || '—'}{' '}
            <span class="block">
              <TimelineSummary tl={t.timeline ? { ...t.timeline, kind: t.tl_kind || t.timeline.kind } : null} />
            </span>
          </dd>
          {offset ? (
            <>
              <dt>Thời hạn tính từ sự kiện</dt>
              <dd>{offsetText(offset)}</dd>
              <dt>Ngày diễn ra sự kiện</dt>
              <dd>{showDate(t.event_date, 'Chưa ghi nhận')}</dd>
            </>
          ) : null}
          <dt>Hạn hoàn thành</dt>
          <dd>{showDate(t.due_date, 'Không có hạn cố định')}</dd>
          {t.source_task_id ? (
            <>
              <dt>Nhiệm vụ gốc</dt>
              <dd>
                <Link href={`/app/nhiem-vu/${t.source_task_id}`}>Xem nhiệm vụ ở kế hoạch cấp trên</Link>
              </dd>
            </>
          ) : null}
        </dl>
        {offset && canEditPlan ? (
          <EventForm
            key={`${t.id}-${t.event_date || ''}`}
            task={t}
            onDone={(updated) => {
              const due = validDate(updated?.due_date);
              setNotice(`Đã ghi nhận ngày diễn ra sự kiện.${due ? ` Hạn hoàn thành mới: ${formatDate(due)}.` : ''}`);
              task.reload();
            }}
          />
        ) : null}
      </section>

      {t.plan?.kind === 'review' ? <ReviewTargets task={t} /> : null}

      {mine.length ? (
        <section class="card card--mine" aria-labelledby="task-mine">
          <h2 id="task-mine" class="card__title">
            Phần việc của {user.unit_name || 'đơn vị tôi'}
          </h2>
          <AssigneeTable rows={mine} task={t} label="Bảng phần việc của đơn vị" empty="" onTalk={setTalking} />
          <h3 class="card__subtitle">Báo cáo tiến độ của đơn vị ({formatNumber(myUpdates.length)})</h3>
          <UpdateHistory updates={myUpdates} />
        </section>
      ) : null}
      <section class="card" aria-labelledby="task-assignees">
        <h2 id="task-assignees" class="card__title">
          Đơn vị thực hiện ({formatNumber(stats.n)})
        </h2>
        {stats.n ? (
          <p class="plan-summary">
            <ProgressBar value={stats.progress} label="Tiến độ trung bình của nhiệm vụ" />
            <span>
              {formatNumber(stats.done)}/{formatNumber(stats.n)} đơn vị hoàn thành
              {stats.overdue ? (
                <>
                  {' '}
                  · <Badge tone="danger">{formatNumber(stats.overdue)} quá hạn</Badge>
                </>
              ) : null}
            </span>
          </p>
        ) : null}
        {mine.length ? (
          <details class="details others">
            <summary>
              Các đơn vị khác: {formatNumber(others.length)} đơn vị · {formatNumber(othersDone)} hoàn thành
              {othersOverdue ? ` · ${formatNumber(othersOverdue)} quá hạn` : ''}
            </summary>
            <AssigneeTable rows={others} task={t} label="Các đơn vị khác" empty="Không có đơn vị nào khác." onTalk={setTalking} />
          </details>
        ) : (
          <AssigneeTable rows={assignments} task={t} label="Đơn vị thực hiện" onTalk={setTalking} empty={plan.status === 'draft' ? 'Kế hoạch chưa ban hành: chưa giao cho đơn vị nào.' : 'Nhiệm vụ chưa giao cho đơn vị nào.'} />
        )}
      </section>

      <section class="card" aria-labelledby="task-updates">
        <h2 id="task-updates" class="card__title">
          Báo cáo tiến độ ({formatNumber((t.updates || []).length)})
        </h2>
        {updateUnits.length > 1 ? (
          <SelectField id="upd-unit" label="Đơn vị báo cáo" options={updateUnits} placeholder="Tất cả đơn vị" value={unitFilter} onValue={setUnitFilter} className="field--inline" />
        ) : null}
        <UpdateHistory updates={updates} showUnit />
      </section>

      {t.derived_tasks && t.derived_tasks.length ? (
        <section class="card" aria-labelledby="task-derived">
          <h2 id="task-derived" class="card__title">
            Triển khai ở kế hoạch của đơn vị ({formatNumber(t.derived_tasks.length)})
          </h2>
          <ul class="derived">
            {t.derived_tasks.map((d) => (
              <li key={d.id}>
                <Link href={`/app/nhiem-vu/${d.id}`}>{d.unit_name}</Link> <PlanStatusBadge status={d.status} />{' '}
                <Link href={`/app/ke-hoach/${d.plan_id}`} class="small">
                  (xem kế hoạch)
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Comments entity="task" entityId={t.id} user={user} title="Trao đổi về nhiệm vụ" />

      <Modal open={!!talking} wide title={`Trao đổi: phần việc của ${assignments.find((a) => a.id === talking)?.unit_name || 'đơn vị'}`} onClose={() => setTalking(null)}>
        {talking ? <Comments entity="assignment" entityId={talking} user={user} title="Trao đổi về phần việc này" level={3} framed={false} /> : null}
      </Modal>

      <Modal open={!!updating} wide title="Cập nhật tiến độ" onClose={() => setUpdating(null)}>
        {updating ? (
          <UpdateForm
            assignment={{ ...updating, task_number: t.number, task_title: t.title, timeline_text: t.timeline_text, due_date: dueOf(updating, t), recurring: ['continuous', 'recurring'].includes(t.tl_kind) }}
            onCancel={() => setUpdating(null)}
            onDone={() => {
              setUpdating(null);
              setNotice('Đã gửi báo cáo tiến độ.');
              task.reload();
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}
