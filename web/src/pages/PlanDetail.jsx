// /app/ke-hoach/:id — a plan as its document's table (STT, Nhiệm vụ, Kết quả,
// Chủ trì, Phối hợp, Thời gian, Tiến độ): sections collapse, sub-items are
// indented, overdue rows are marked; every task opens the state of each of
// its assignees, overdue first. The second tab is the progress board per unit
// (who is behind). Owners edit sections and tasks, publish and close; units
// that carry out the plan derive their own plan from it; anyone exports .xlsx.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { Modal, ConfirmDialog } from '../components/Modal.jsx';
import { TextField, SelectField, CheckboxField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatNumber, fold, levelLabel, LEVELS } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { loadUnitTree } from '../units.js';
import {
  AssignmentBadges,
  PlanStatusBadge,
  ProgressBar,
  ROLE_LABELS,
  Tabs,
  TimelineSummary,
  UnitList,
  byUrgency,
  can,
  isUnresolved,
  kindLabel,
  percent,
  showDate,
  useUnitChoices,
} from './PlanCommon.jsx';
import { DeriveForm, PlanInfoForm, SectionForm, TaskForm } from './PlanForms.jsx';

const COLS = ['STT', 'Nhiệm vụ', 'Kết quả', 'Chủ trì', 'Phối hợp', 'Thời gian', 'Tiến độ'];
const COL_CLASSES = ['col-num', 'col-title', 'col-output', 'col-unit', 'col-unit2', 'col-time', 'col-progress'];

/** Every task of the plan, sub-items included, depth-first. */
function allTasks(plan) {
  const out = [];
  const walk = (ts, depth) => {
    for (const t of ts || []) {
      out.push({ t, depth });
      walk(t.children, depth + 1);
    }
  };
  for (const s of plan.sections || []) walk(s.tasks, 0);
  walk(plan.unsectioned_tasks, 0);
  return out;
}

function hasOverdue(t) {
  return t.overdue_count > 0 || (t.children || []).some(hasOverdue);
}

/** Assignee rows per task that the plan table brings (the most urgent); the rest on demand. */
const ASSIGNEES_PAGE = 10;

function Assignees({ task, id }) {
  const [all, setAll] = useState(null); // every row of the task, once asked for
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => setAll(null), [task]); // a reloaded plan brings a fresh page
  const source = all || task.assignments || [];
  const rows = useMemo(() => [...source].sort(byUrgency), [source]);
  const hidden = all ? 0 : Math.max(0, (task.assignments_total ?? rows.length) - rows.length);
  const loadRest = async () => {
    setLoading(true);
    setError(null);
    try {
      const t = await api.get(`/tasks/${task.id}`);
      setAll(t.assignments || []);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  if (!rows.length && !hidden) return <p class="muted small">Chưa giao cho đơn vị nào (kế hoạch chưa ban hành hoặc chưa xác định đơn vị).</p>;
  return (
    <>
      <ul class="assignees" id={id} aria-label={`Đơn vị thực hiện nhiệm vụ ${task.number || ''}`}>
        {rows.map((a) => (
          <li key={a.id} class={`assignees__item ${a.overdue ? 'is-overdue' : ''}`}>
            <span class="assignees__unit">
              {a.unit_name} <span class="muted small">({ROLE_LABELS[a.role] || a.role})</span>
            </span>
            <span class="assignees__meta">
              <AssignmentBadges a={a} />
              <span class="small">Hạn: {showDate(a.due_date || task.due_date)}</span>
              <span class="small">Tiến độ: {percent(a.progress)}</span>
            </span>
          </li>
        ))}
      </ul>
      {hidden ? (
        <button type="button" class="btn btn--ghost btn--small assignees__more" disabled={loading} aria-controls={id} onClick={loadRest}>
          {loading ? 'Đang tải…' : `+ ${formatNumber(hidden)} đơn vị`}
          <span class="sr-only"> khác của nhiệm vụ {task.number || task.title}</span>
        </button>
      ) : null}
      <ProblemAlert error={error} focus={false} onRetry={loadRest} />
    </>
  );
}

function TaskRows({ task, depth, ctx }) {
  const { expanded, toggle, editable, onAction, onlyOverdue } = ctx;
  const open = expanded.has(task.id);
  const overdue = task.overdue_count > 0;
  const children = task.children || [];
  if (onlyOverdue && !hasOverdue(task)) return null;
  const rows = [
    <tr key={task.id} class={`plan-task depth-${Math.min(depth, 3)} ${overdue ? 'is-overdue' : ''}`}>
      <td data-label="STT" class="plan-task__num">
        {task.number || '—'}
      </td>
      <td data-label="Nhiệm vụ" class="plan-task__title">
        <Link href={`/app/nhiem-vu/${task.id}`}>{task.title}</Link>
        {overdue ? (
          <span class="block">
            <Badge tone="danger">Quá hạn: {formatNumber(task.overdue_count)} đơn vị</Badge>
          </span>
        ) : null}
        {task.source_task_id ? (
          <span class="block small">
            <Link href={`/app/nhiem-vu/${task.source_task_id}`}>Nhiệm vụ gốc ở kế hoạch cấp trên</Link>
          </span>
        ) : null}
        {editable ? (
          <span class="plan-task__actions">
            <button type="button" class="btn btn--ghost btn--small" onClick={() => onAction('edit-task', { task })}>
              Sửa<span class="sr-only"> nhiệm vụ {task.number || task.title}</span>
            </button>
            {depth < 3 ? (
              <button type="button" class="btn btn--ghost btn--small" onClick={() => onAction('add-child', { parent: task })}>
                Thêm ý con<span class="sr-only"> của nhiệm vụ {task.number || task.title}</span>
              </button>
            ) : null}
            <button type="button" class="btn btn--ghost btn--small btn--danger-text" onClick={() => onAction('delete-task', { task })}>
              Xóa<span class="sr-only"> nhiệm vụ {task.number || task.title}</span>
            </button>
          </span>
        ) : null}
      </td>
      <td data-label="Kết quả">{task.output || <span class="muted">—</span>}</td>
      <td data-label="Chủ trì">
        <UnitList units={task.lead} />
      </td>
      <td data-label="Phối hợp">
        <UnitList units={task.coop} />
      </td>
      <td data-label="Thời gian">
        {task.timeline_text || <span class="muted">—</span>}
        <span class="block">
          <TimelineSummary compact tl={task.timeline ? { ...task.timeline, kind: task.tl_kind || task.timeline.kind } : null} />
        </span>
      </td>
      <td data-label="Tiến độ" class="plan-task__progress">
        {task.assignee_count ? (
          <>
            <ProgressBar value={task.progress} label={`Tiến độ nhiệm vụ ${task.number || task.title}`} />
            <span class="block small">
              {formatNumber(task.done_count)}/{formatNumber(task.assignee_count)} đơn vị hoàn thành
            </span>
            <button
              type="button"
              class="btn btn--ghost btn--small plan-task__toggle"
              aria-expanded={open ? 'true' : 'false'}
              aria-controls={`asg-${task.id}`}
              onClick={() => toggle(task.id)}
            >
              {open ? 'Ẩn' : 'Xem'} đơn vị thực hiện ({formatNumber(task.assignee_count)})
            </button>
          </>
        ) : (
          <span class="muted small">Chưa giao</span>
        )}
      </td>
    </tr>,
  ];
  if (open) {
    rows.push(
      <tr key={`${task.id}-asg`} class="plan-assignees">
        <td colSpan={COLS.length}>
          <Assignees task={task} id={`asg-${task.id}`} />
        </td>
      </tr>,
    );
  }
  for (const c of children) rows.push(<TaskRows key={`c${c.id}`} task={c} depth={depth + 1} ctx={ctx} />);
  return rows;
}

function SectionBody({ section, ctx }) {
  const { collapsed, toggleSection, editable, onAction, onlyOverdue } = ctx;
  const closed = collapsed.has(section.id);
  const tasks = section.tasks || [];
  const behind = tasks.filter(hasOverdue).length;
  if (onlyOverdue && !behind) return null;
  const title = `${section.number ? `${section.number}. ` : ''}${section.title}`;
  return (
    <tbody class="plan-section">
      <tr class="plan-section__head">
        <th colSpan={COLS.length} scope="colgroup">
          <div class="plan-section__bar">
            <button
              type="button"
              class="plan-section__toggle"
              aria-expanded={closed ? 'false' : 'true'}
              onClick={() => toggleSection(section.id)}
            >
              <span aria-hidden="true">{closed ? '▸' : '▾'}</span> {title}
            </button>
            <span class="plan-section__meta">
              {formatNumber(tasks.length)} nhiệm vụ
              {behind ? (
                <>
                  {' '}
                  <Badge tone="danger">{formatNumber(behind)} có đơn vị quá hạn</Badge>
                </>
              ) : null}
            </span>
            {editable ? (
              <span class="plan-section__actions">
                <button type="button" class="btn btn--ghost btn--small" onClick={() => onAction('add-task', { sectionId: section.id })}>
                  Thêm nhiệm vụ<span class="sr-only"> vào mục {section.number || section.title}</span>
                </button>
                <button type="button" class="btn btn--ghost btn--small" onClick={() => onAction('edit-section', { section })}>
                  Sửa mục<span class="sr-only"> {section.number || section.title}</span>
                </button>
                <button type="button" class="btn btn--ghost btn--small btn--danger-text" onClick={() => onAction('delete-section', { section })}>
                  Xóa mục<span class="sr-only"> {section.number || section.title}</span>
                </button>
              </span>
            ) : null}
          </div>
        </th>
      </tr>
      {closed
        ? null
        : tasks.length
          ? tasks.map((t) => <TaskRows key={t.id} task={t} depth={0} ctx={ctx} />)
          : [
              <tr key="empty">
                <td colSpan={COLS.length} class="table__empty">
                  Mục này chưa có nhiệm vụ.
                </td>
              </tr>,
            ]}
    </tbody>
  );
}

function PlanTable({ plan, ctx }) {
  const loose = plan.unsectioned_tasks || [];
  const empty = !(plan.sections || []).length && !loose.length;
  return (
    <div class="table-wrap plan-table-wrap" role="region" aria-label="Bảng kế hoạch" tabIndex={0}>
      <table class="table plan-table">
        <caption class="sr-only">Nhiệm vụ của kế hoạch, theo mục</caption>
        <colgroup>
          {COL_CLASSES.map((c) => (
            <col key={c} class={c} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        {(plan.sections || []).map((s) => (
          <SectionBody key={s.id} section={s} ctx={ctx} />
        ))}
        {loose.length ? (
          <SectionBody section={{ id: 'loose', number: '', title: 'Nhiệm vụ chưa xếp vào mục', tasks: loose }} ctx={{ ...ctx, editable: false }} />
        ) : null}
        {empty ? (
          <tbody>
            <tr>
              <td colSpan={COLS.length} class="table__empty">
                Kế hoạch chưa có mục, nhiệm vụ nào.
              </td>
            </tr>
          </tbody>
        ) : null}
      </table>
    </div>
  );
}

const LEVEL_FILTERS = LEVELS.map((l) => ({ value: l, label: levelLabel(l) }));

/** Per-unit progress, most behind first (the server's order). */
function ProgressBoard({ progress, planId }) {
  const [level, setLevel] = useState('');
  const [query, setQuery] = useState('');
  const [behindOnly, setBehindOnly] = useState(false);
  if (!progress) return <p class="loading">Đang tải tiến độ…</p>;
  const q = fold(query);
  const rows = (progress.units || []).filter(
    (u) => (!level || u.unit_level === level) && (!q || fold(u.unit_name).includes(q)) && (!behindOnly || u.overdue > 0),
  );
  const behind = (progress.units || []).filter((u) => u.overdue > 0).length;
  return (
    <>
      <dl class="stats">
        <div class="stats__item">
          <dt>Lượt giao việc</dt>
          <dd>{formatNumber(progress.assignments)}</dd>
        </div>
        <div class="stats__item">
          <dt>Đã hoàn thành</dt>
          <dd>{formatNumber(progress.done)}</dd>
        </div>
        <div class="stats__item stats__item--danger">
          <dt>Quá hạn</dt>
          <dd>{formatNumber(progress.overdue)}</dd>
        </div>
        <div class="stats__item">
          <dt>Đơn vị chậm tiến độ</dt>
          <dd>
            {formatNumber(behind)}/{formatNumber((progress.units || []).length)}
          </dd>
        </div>
        <div class="stats__item">
          <dt>Tiến độ chung</dt>
          <dd>{percent(progress.progress)}</dd>
        </div>
      </dl>
      <div class="toolbar">
        <TextField id="board-q" label="Tìm đơn vị" type="search" value={query} onValue={setQuery} autoComplete="off" className="toolbar__grow" />
        <SelectField id="board-level" label="Cấp" options={LEVEL_FILTERS} placeholder="Tất cả các cấp" value={level} onValue={setLevel} />
        <CheckboxField id="board-behind" label="Chỉ đơn vị có việc quá hạn" value={behindOnly} onValue={setBehindOnly} />
      </div>
      <div class="table-wrap" role="region" aria-label="Tiến độ theo đơn vị" tabIndex={0}>
        <table class="table board-table">
          <caption class="sr-only">Tiến độ theo đơn vị, đơn vị chậm nhất trước</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Cấp</th>
              <th scope="col" class="num">
                Được giao
              </th>
              <th scope="col" class="num">
                Hoàn thành
              </th>
              <th scope="col" class="num">
                Quá hạn
              </th>
              <th scope="col" class="num">
                Sắp đến hạn
              </th>
              <th scope="col" class="num">
                Chưa bắt đầu
              </th>
              <th scope="col">Tiến độ</th>
            </tr>
          </thead>
          <tbody>
            {rows.length ? (
              rows.map((u) => (
                <tr key={u.unit_id} class={u.overdue > 0 ? 'is-overdue' : ''}>
                  <th scope="row" data-label="Đơn vị">
                    <Link href={withQuery('/app/viec-cua-toi', { don_vi: u.unit_id, ke_hoach: planId })}>{u.unit_name}</Link>
                    {u.overdue > 0 ? (
                      <span class="block">
                        <Badge tone="danger">Chậm tiến độ</Badge>
                      </span>
                    ) : null}
                  </th>
                  <td data-label="Cấp" class="nowrap">{levelLabel(u.unit_level)}</td>
                  <td data-label="Được giao" class="num">
                    {formatNumber(u.assignments)}
                  </td>
                  <td data-label="Hoàn thành" class="num">
                    {formatNumber(u.done)}
                  </td>
                  <td data-label="Quá hạn" class="num">
                    {u.overdue ? <strong class="text-danger">{formatNumber(u.overdue)}</strong> : '0'}
                  </td>
                  <td data-label="Sắp đến hạn" class="num">
                    {formatNumber(u.due_soon)}
                  </td>
                  <td data-label="Chưa bắt đầu" class="num">
                    {formatNumber(u.not_started)}
                  </td>
                  <td data-label="Tiến độ">
                    <ProgressBar value={u.progress} label={`Tiến độ của ${u.unit_name}`} />
                  </td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={8} class="table__empty">
                  {(progress.units || []).length ? 'Không có đơn vị nào phù hợp.' : 'Kế hoạch chưa giao việc cho đơn vị nào.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function PlanDetail({ user, params, search }) {
  const id = params.id;
  const q = queryOf(search);
  const tab = q.xem === 'tien-do' ? 'board' : 'table';
  const plan = useAsync(() => api.get(`/plans/${id}?assignees_limit=${ASSIGNEES_PAGE}`), [id]);
  const p = plan.data;
  const published = p && p.status !== 'draft';
  const progress = useAsync(() => (published ? api.get(`/plans/${id}/progress`) : Promise.resolve(null)), [id, published, p]);
  const tree = useAsync(() => loadUnitTree(), []);
  const choices = useUnitChoices(tree.data, true);
  usePageTitle(p ? p.title : 'Kế hoạch');

  const [collapsed, setCollapsed] = useState(new Set());
  const [expanded, setExpanded] = useState(new Set());
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [dialog, setDialog] = useState(null); // {kind, ...}
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState(null);
  useEffect(() => {
    setCollapsed(new Set());
    setExpanded(new Set());
  }, [id]);

  const editable = !!(p && p.can_edit && p.status !== 'closed');
  const canPublish = !!(p && p.can_edit && can(user, 'plans.publish'));
  const tasks = useMemo(() => (p ? allTasks(p) : []), [p]);
  const unresolved = useMemo(() => tasks.reduce((n, { t }) => n + [...(t.lead || []), ...(t.coop || [])].filter(isUnresolved).length, 0), [tasks]);
  const noLead = useMemo(() => tasks.filter(({ t }) => !(t.lead || []).length).length, [tasks]);
  const deriveOptions = useMemo(
    () =>
      (progress.data?.units || [])
        .filter((u) => u.unit_id !== p?.unit_id)
        .map((u) => ({ value: String(u.unit_id), label: u.unit_name }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [progress.data, p],
  );
  const canDerive = !!(p && published && can(user, 'plans.write') && deriveOptions.length);

  const setTab = (t) => navigate(withQuery(`/app/ke-hoach/${id}`, { xem: t === 'board' ? 'tien-do' : '' }), { replace: true });
  const toggle = (taskId) =>
    setExpanded((s) => {
      const n = new Set(s);
      if (n.has(taskId)) n.delete(taskId);
      else n.add(taskId);
      return n;
    });
  const toggleSection = (sid) =>
    setCollapsed((s) => {
      const n = new Set(s);
      if (n.has(sid)) n.delete(sid);
      else n.add(sid);
      return n;
    });
  const done = (message) => {
    setDialog(null);
    setNotice(message);
    setActionError(null);
    plan.reload();
  };
  const onAction = (kind, data = {}) => {
    setNotice('');
    setActionError(null);
    setDialog({ kind, ...data });
  };

  const run = async (fn, message) => {
    setBusy(true);
    setActionError(null);
    try {
      const res = await fn();
      setDialog(null);
      if (message) done(typeof message === 'function' ? message(res) : message);
    } catch (err) {
      setDialog(null);
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  if (plan.error && !p) {
    return (
      <>
        <PageHeader title="Kế hoạch" />
        <ProblemAlert error={plan.error} focus={false} onRetry={plan.reload} />
        <p>
          <Link href="/app/ke-hoach">Về danh sách kế hoạch</Link>
        </p>
      </>
    );
  }
  if (!p) return <p class="loading">Đang tải kế hoạch…</p>;

  const ctx = { expanded, toggle, collapsed, toggleSection, editable, onAction, onlyOverdue };
  const d = dialog || {};
  return (
    <>
      <nav aria-label="Vị trí" class="breadcrumb">
        <Link href="/app/ke-hoach">Kế hoạch</Link> <span aria-hidden="true">›</span> <span aria-current="page">Năm {p.year}</span>
      </nav>
      <PageHeader
        title={p.title}
        lead={
          <>
            {p.unit_name} · {kindLabel(p.kind)} · Năm {p.year}
            {p.decision_no ? ` · Quyết định số ${p.decision_no}` : ''}
            {p.decision_date ? ` ngày ${formatDate(p.decision_date)}` : ''} <PlanStatusBadge status={p.status} />
          </>
        }
        actions={
          <div class="button-row button-row--tight">
            <Link class="btn btn--secondary" href={`/app/ke-hoach/${p.id}/in`}>
              In
            </Link>
            <a class="btn btn--secondary" href={`/api/v1/plans/${p.id}/export`} download={`ke-hoach-${p.id}.xlsx`}>
              Xuất Excel (.xlsx)
            </a>
            {canPublish && p.status === 'draft' ? (
              <button type="button" class="btn btn--primary" onClick={() => onAction('publish')}>
                Ban hành
              </button>
            ) : null}
            {canPublish && p.status === 'published' ? (
              <button type="button" class="btn btn--warning" onClick={() => onAction('close')}>
                Kết thúc kế hoạch
              </button>
            ) : null}
            {canDerive ? (
              <button type="button" class="btn btn--secondary" onClick={() => onAction('derive')}>
                Xây dựng kế hoạch của đơn vị
              </button>
            ) : null}
            {editable ? (
              <button type="button" class="btn btn--secondary" onClick={() => onAction('edit-plan')}>
                Sửa thông tin
              </button>
            ) : null}
            {p.can_edit && p.status === 'draft' ? (
              <button type="button" class="btn btn--danger" onClick={() => onAction('delete-plan')}>
                Xóa dự thảo
              </button>
            ) : null}
          </div>
        }
      />
      {p.source_plan_id ? (
        <p class="muted">
          Kế hoạch này được xây dựng từ <Link href={`/app/ke-hoach/${p.source_plan_id}`}>kế hoạch cấp trên</Link>; mỗi nhiệm vụ giữ liên kết với nhiệm vụ gốc.
        </p>
      ) : null}
      <Notice>{notice}</Notice>
      <ProblemAlert error={actionError} />
      {p.status === 'draft' && p.can_edit ? (
        <div class="alert alert--info" role="note">
          Kế hoạch đang là <strong>dự thảo</strong>: các đơn vị chưa được giao việc. Kiểm tra các mục, nhiệm vụ và đơn vị chủ trì, phối hợp rồi bấm «Ban hành».
          {unresolved ? ` Còn ${formatNumber(unresolved)} tên đơn vị chưa xác định.` : ''}
        </div>
      ) : null}
      {published ? (
        <section class="card plan-summary" aria-label="Tóm tắt tiến độ">
          <ProgressBar value={progress.data?.progress ?? null} label="Tiến độ chung của kế hoạch" />
          <span>
            {formatNumber(tasks.length)} nhiệm vụ · {formatNumber(progress.data?.assignments ?? 0)} lượt giao việc ·{' '}
            {formatNumber(progress.data?.done ?? 0)} hoàn thành
            {progress.data?.overdue ? (
              <>
                {' '}
                · <Badge tone="danger">{formatNumber(progress.data.overdue)} quá hạn</Badge>
              </>
            ) : null}
          </span>
        </section>
      ) : null}
      <Tabs
        label="Nội dung kế hoạch"
        current={tab}
        onSelect={setTab}
        tabs={[
          { id: 'table', label: 'Bảng kế hoạch' },
          { id: 'board', label: 'Tiến độ theo đơn vị' },
        ]}
      />
      <div id="panel-table" role="tabpanel" aria-labelledby="tab-table" hidden={tab !== 'table'} class="tabpanel">
        <div class="toolbar plan-toolbar">
          <div class="button-row">
            <button type="button" class="btn btn--secondary btn--small" onClick={() => setCollapsed(new Set())}>
              Mở rộng tất cả mục
            </button>
            <button type="button" class="btn btn--secondary btn--small" onClick={() => setCollapsed(new Set((p.sections || []).map((s) => s.id)))}>
              Thu gọn tất cả mục
            </button>
            {editable ? (
              <button type="button" class="btn btn--primary btn--small" onClick={() => onAction('add-section')}>
                Thêm mục
              </button>
            ) : null}
            {editable ? (
              <button type="button" class="btn btn--secondary btn--small" onClick={() => onAction('add-task', {})}>
                Thêm nhiệm vụ
              </button>
            ) : null}
          </div>
          {published ? <CheckboxField id="only-overdue" label="Chỉ nhiệm vụ có đơn vị quá hạn" value={onlyOverdue} onValue={setOnlyOverdue} /> : null}
        </div>
        <PlanTable plan={p} ctx={ctx} />
      </div>
      <div id="panel-board" role="tabpanel" aria-labelledby="tab-board" hidden={tab !== 'board'} class="tabpanel">
        {published ? (
          <>
            <ProblemAlert error={progress.error} focus={false} onRetry={progress.reload} />
            <ProgressBoard progress={progress.data} planId={p.id} />
          </>
        ) : (
          <p class="muted">Kế hoạch chưa ban hành nên chưa giao việc cho đơn vị nào.</p>
        )}
      </div>

      <Modal
        open={['edit-plan', 'add-section', 'edit-section', 'add-task', 'add-child', 'edit-task', 'derive'].includes(d.kind)}
        wide={['add-task', 'add-child', 'edit-task'].includes(d.kind)}
        title={
          {
            'edit-plan': 'Sửa thông tin kế hoạch',
            'add-section': 'Thêm mục',
            'edit-section': 'Sửa mục',
            'add-task': 'Thêm nhiệm vụ',
            'add-child': 'Thêm ý con của nhiệm vụ',
            'edit-task': 'Sửa nhiệm vụ',
            derive: 'Xây dựng kế hoạch của đơn vị',
          }[d.kind] || ''
        }
        onClose={() => setDialog(null)}
      >
        {d.kind === 'edit-plan' ? <PlanInfoForm plan={p} onDone={(_, m) => done(m)} onCancel={() => setDialog(null)} /> : null}
        {d.kind === 'add-section' ? <SectionForm planId={p.id} onDone={(_, m) => done(m)} onCancel={() => setDialog(null)} /> : null}
        {d.kind === 'edit-section' ? <SectionForm planId={p.id} section={d.section} onDone={(_, m) => done(m)} onCancel={() => setDialog(null)} /> : null}
        {d.kind === 'add-task' ? (
          <TaskForm plan={p} sectionId={d.sectionId} choices={choices} onDone={(_, m) => done(m)} onCancel={() => setDialog(null)} />
        ) : null}
        {d.kind === 'add-child' ? <TaskForm plan={p} parent={d.parent} choices={choices} onDone={(_, m) => done(m)} onCancel={() => setDialog(null)} /> : null}
        {d.kind === 'edit-task' ? <TaskForm plan={p} task={d.task} choices={choices} onDone={(_, m) => done(m)} onCancel={() => setDialog(null)} /> : null}
        {d.kind === 'derive' ? (
          <DeriveForm
            plan={p}
            options={deriveOptions}
            defaultUnit={deriveOptions.some((o) => o.value === String(user.unit_id)) ? String(user.unit_id) : ''}
            onDone={(created) => navigate(`/app/ke-hoach/${created.id}`)}
            onCancel={() => setDialog(null)}
          />
        ) : null}
      </Modal>
      <ConfirmDialog
        open={d.kind === 'publish'}
        title="Ban hành kế hoạch"
        confirmLabel="Ban hành"
        busy={busy}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          run(
            () => api.post(`/plans/${p.id}/publish`),
            (res) => `Đã ban hành kế hoạch; đã giao ${formatNumber(res?.assignment_count ?? 0)} lượt việc cho các đơn vị.`,
          )
        }
      >
        <p>Khi ban hành, mỗi đơn vị chủ trì, phối hợp (kể cả các đơn vị trong nhóm như «UBND cấp xã») được giao việc với thời hạn riêng.</p>
        {unresolved || noLead ? (
          <p class="alert alert--error">
            {unresolved ? `${formatNumber(unresolved)} tên đơn vị chưa xác định sẽ không được giao việc. ` : ''}
            {noLead ? `${formatNumber(noLead)} nhiệm vụ chưa có đơn vị chủ trì.` : ''}
          </p>
        ) : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={d.kind === 'close'}
        title="Kết thúc kế hoạch"
        confirmLabel="Kết thúc"
        tone="warning"
        busy={busy}
        onClose={() => setDialog(null)}
        onConfirm={() => run(() => api.post(`/plans/${p.id}/close`), 'Đã kết thúc kế hoạch; các đơn vị không cập nhật tiến độ được nữa.')}
      >
        <p>Sau khi kết thúc, kế hoạch không sửa được và các đơn vị không báo cáo tiến độ được nữa.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={d.kind === 'delete-plan'}
        title="Xóa kế hoạch dự thảo"
        confirmLabel="Xóa"
        tone="danger"
        busy={busy}
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          setBusy(true);
          try {
            await api.del(`/plans/${p.id}`);
            navigate('/app/ke-hoach');
          } catch (err) {
            setDialog(null);
            setActionError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>
          Xóa dự thảo <strong>{p.title}</strong> cùng toàn bộ mục và nhiệm vụ của nó?
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={d.kind === 'delete-section'}
        title="Xóa mục"
        confirmLabel="Xóa mục"
        tone="danger"
        busy={busy}
        onClose={() => setDialog(null)}
        onConfirm={() => run(() => api.del(`/sections/${d.section.id}`), 'Đã xóa mục.')}
      >
        <p>
          Xóa mục <strong>{d.section ? `${d.section.number || ''} ${d.section.title}` : ''}</strong>
          {d.section?.tasks?.length ? ` và ${d.section.tasks.length} nhiệm vụ của mục` : ''}?
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={d.kind === 'delete-task'}
        title="Xóa nhiệm vụ"
        confirmLabel="Xóa nhiệm vụ"
        tone="danger"
        busy={busy}
        onClose={() => setDialog(null)}
        onConfirm={() => run(() => api.del(`/tasks/${d.task.id}`), 'Đã xóa nhiệm vụ.')}
      >
        <p>
          Xóa nhiệm vụ <strong>{d.task ? `${d.task.number || ''} ${d.task.title}` : ''}</strong>? Nhiệm vụ đã có báo cáo tiến độ thì không xóa được.
        </p>
      </ConfirmDialog>
    </>
  );
}
