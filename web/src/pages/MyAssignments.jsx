// /app/viec-cua-toi — "Việc của tôi": the assignments of the user's unit (or
// of a unit in the user's scope, with its subordinate units on request),
// sorted by due date, with overdue and due-soon badges; filters by plan, year,
// state and overdue; a dialog posts a progress update with its evidence.
import { useMemo, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { Pager } from '../components/Pager.jsx';
import { Modal } from '../components/Modal.jsx';
import { SelectField, CheckboxField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatNumber } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { flatten, indexById, loadUnitTree } from '../units.js';
import { AssignmentBadges, ProgressBar, ROLE_LABELS, STATE_OPTIONS, can, showDate, yearOptions } from './PlanCommon.jsx';
import { UpdateForm } from './MyAssignmentsUpdate.jsx';

const PER_PAGE = 50;

/** Units the user may look at here: everything for province-wide roles, else the own subtree. */
/** Where a follow-up comes from: "Kiểm tra: <inspecting unit>" or "Đối thoại: <unit>", linked. */
function SourceLine({ source }) {
  const inspection = source.kind === 'inspection';
  return (
    <span class="block small">
      <Link href={inspection ? `/app/kiem-tra/${source.id}` : `/app/truyen-thong/${source.id}`}>{`${inspection ? 'Kiểm tra' : 'Đối thoại'}: ${source.unit_name}`}</Link>
    </span>
  );
}

function scopeUnits(user, roots) {
  const all = flatten(roots);
  if (user.role === 'admin' || user.coordinator) return all;
  const mine = all.find(({ unit }) => unit.id === user.unit_id);
  if (!mine) return [];
  return all.filter(({ unit, path }) => unit.id === user.unit_id || path.includes(user.unit_id));
}

const MY_STATE_OPTIONS = [{ value: 'open', label: 'Chưa hoàn thành' }, ...STATE_OPTIONS, { value: 'all', label: 'Tất cả' }];

export function MyAssignments({ user, search }) {
  const q = queryOf(search);
  const page = Math.max(1, Number(q.trang) || 1);
  const f = {
    unit: q.don_vi || '',
    subtree: q.cap_duoi === '1',
    plan: q.ke_hoach || '',
    year: q.nam || '',
    // not-yet-done work unless the person asks for more (done work is behind the filter)
    state: q.trang_thai || 'open',
    overdue: q.qua_han === '1',
  };
  const tree = useAsync(() => loadUnitTree(), []);
  const roots = tree.data || [];
  const byId = useMemo(() => indexById(roots), [roots]);
  const scope = useMemo(() => scopeUnits(user, roots), [user, roots]);
  const unitId = f.unit || String(user.unit_id || '');
  const unitName = byId.get(Number(unitId))?.name || (unitId === String(user.unit_id) ? user.unit_name : '');
  const mine = unitId === String(user.unit_id);
  usePageTitle(mine ? 'Việc của tôi' : `Việc của ${unitName || 'đơn vị'}`);

  const query = {
    unit_id: f.unit,
    subtree: f.subtree ? 1 : '',
    plan_id: f.plan,
    year: f.year,
    status: f.state === 'all' ? '' : f.state,
    overdue: f.overdue ? 1 : '',
    page,
    per_page: PER_PAGE,
  };
  const list = useAsync(() => api.get('/assignments', query), [JSON.stringify(query)]);
  const overdueCount = useAsync(
    () => (f.overdue || f.state !== 'open' ? Promise.resolve(null) : api.get('/assignments', { ...query, overdue: 1, page: 1, per_page: 1 })),
    [JSON.stringify(query)],
  );
  const plans = useAsync(() => api.get('/plans', { per_page: 200 }), []);
  const planOptions = useMemo(
    () => (plans.data?.items || []).filter((p) => p.status !== 'draft').map((p) => ({ value: String(p.id), label: `${p.title} (${p.year})` })),
    [plans.data],
  );
  const [updating, setUpdating] = useState(null);
  const [notice, setNotice] = useState('');
  const writer = can(user, 'assignments.update');
  const go = (next) =>
    navigate(
      withQuery('/app/viec-cua-toi', {
        don_vi: f.unit,
        cap_duoi: f.subtree ? 1 : '',
        ke_hoach: f.plan,
        nam: f.year,
        trang_thai: f.state === 'open' ? '' : f.state,
        qua_han: f.overdue ? 1 : '',
        ...next,
      }),
    );
  const items = list.data?.items || [];
  const dueSoon = items.filter((a) => a.due_soon && !a.overdue).length;
  const filtered = f.plan || f.year || f.state !== 'open' || f.overdue || f.unit || f.subtree;

  return (
    <>
      <PageHeader
        title={mine ? 'Việc của tôi' : `Việc của ${unitName || 'đơn vị'}`}
        lead={`Nhiệm vụ được giao cho ${unitName || 'đơn vị'}${f.subtree ? ' và các đơn vị trực thuộc' : ''}: việc quá hạn trước, rồi theo thời hạn.`}
      />
      <Notice>{notice}</Notice>
      {list.data ? (
        <p class="summary-line" aria-live="polite">
          <span>{formatNumber(list.data.total)} việc</span>
          {overdueCount.data ? (
            <>
              {' · '}
              {overdueCount.data.total ? (
                <button type="button" class="btn btn--ghost btn--small link-button" onClick={() => go({ qua_han: 1, trang: '' })}>
                  <Badge tone="danger">{formatNumber(overdueCount.data.total)} quá hạn</Badge>
                </button>
              ) : (
                <Badge tone="success">Không có việc quá hạn</Badge>
              )}
            </>
          ) : null}
          {dueSoon ? (
            <>
              {' · '}
              <Badge tone="warning">{formatNumber(dueSoon)} sắp đến hạn</Badge>
              {list.data.total > items.length ? <span class="muted small"> (trên trang này)</span> : null}
            </>
          ) : null}
        </p>
      ) : null}
      <form class="filters" role="search" aria-label="Lọc việc" onSubmit={(e) => e.preventDefault()}>
        {scope.length > 1 ? (
          <SelectField
            id="f-unit"
            label="Đơn vị"
            options={scope.map(({ unit, depth }) => ({ value: String(unit.id), label: `${'\u00a0\u00a0'.repeat(depth)}${unit.name}` }))}
            value={unitId}
            onValue={(v) => go({ don_vi: v === String(user.unit_id) ? '' : v, trang: '' })}
          />
        ) : null}
        <SelectField id="f-plan" label="Kế hoạch" options={planOptions} placeholder="Tất cả kế hoạch" value={f.plan} onValue={(v) => go({ ke_hoach: v, trang: '' })} />
        <SelectField id="f-year" label="Năm" options={yearOptions(items.map((a) => a.plan_year))} placeholder="Tất cả các năm" value={f.year} onValue={(v) => go({ nam: v, trang: '' })} />
        <SelectField id="f-state" label="Tình trạng" options={MY_STATE_OPTIONS} value={f.state} onValue={(v) => go({ trang_thai: v === 'open' ? '' : v, trang: '' })} />
        <div class="filters__checks">
          <CheckboxField id="f-overdue" label="Chỉ việc quá hạn" value={f.overdue} onValue={(v) => go({ qua_han: v ? 1 : '', trang: '' })} />
          {scope.length > 1 ? (
            <CheckboxField id="f-subtree" label="Gồm cả đơn vị trực thuộc" value={f.subtree} onValue={(v) => go({ cap_duoi: v ? 1 : '', trang: '' })} />
          ) : null}
        </div>
        <div class="filters__actions">
          <button type="button" class="btn btn--secondary" disabled={!filtered} onClick={() => navigate('/app/viec-cua-toi')}>
            Xóa bộ lọc
          </button>
        </div>
      </form>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <div class="table-wrap" role="region" aria-label="Danh sách việc được giao" tabIndex={0}>
        <table class="table stack-table asg-table" aria-busy={list.loading ? 'true' : undefined}>
          <caption class="sr-only">Việc được giao, sắp xếp theo thời hạn</caption>
          <thead>
            <tr>
              <th scope="col">Hạn</th>
              <th scope="col">Nhiệm vụ</th>
              {f.subtree || !mine ? <th scope="col">Đơn vị</th> : null}
              <th scope="col">Tình trạng</th>
              <th scope="col">Tiến độ</th>
              <th scope="col">
                <span class="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.length ? (
              items.map((a) => (
                <tr key={a.id} class={a.overdue ? 'is-overdue' : a.due_soon ? 'is-due-soon' : ''}>
                  <td data-label="Hạn" class="asg-due">
                    <strong>{showDate(a.due_date, 'Không ghi hạn')}</strong>
                    {a.timeline_text ? <span class="block muted small">{a.timeline_text}</span> : null}
                  </td>
                  <td data-label="Nhiệm vụ">
                    <Link href={`/app/nhiem-vu/${a.task_id}`}>
                      {a.task_number ? `${a.task_number}. ` : ''}
                      {a.task_title}
                    </Link>
                    <span class="block muted small">
                      {ROLE_LABELS[a.role] || a.role} · <Link href={`/app/ke-hoach/${a.plan_id}`}>{a.plan_title}</Link>
                    </span>
                    {a.source ? <SourceLine source={a.source} /> : null}
                  </td>
                  {f.subtree || !mine ? <td data-label="Đơn vị">{a.unit_name}</td> : null}
                  <td data-label="Tình trạng">
                    <AssignmentBadges a={a} />
                  </td>
                  <td data-label="Tiến độ">
                    <ProgressBar value={a.progress} label={`Tiến độ: ${a.task_title}`} />
                  </td>
                  <td class="table__actions" data-label="Thao tác">
                    {writer && a.plan_status === 'published' ? (
                      <button
                        type="button"
                        class="btn btn--primary btn--small"
                        onClick={() => {
                          setNotice('');
                          setUpdating(a);
                        }}
                      >
                        Cập nhật<span class="sr-only"> tiến độ: {a.task_title}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={6} class="table__empty">
                  {list.loading ? 'Đang tải dữ liệu…' : filtered ? 'Không có việc nào phù hợp với bộ lọc.' : 'Không còn việc nào chưa hoàn thành. Chọn tình trạng "Tất cả" để xem cả việc đã xong.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.data ? <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={(p) => go({ trang: p > 1 ? p : '' })} /> : null}
      <Modal open={!!updating} wide title="Cập nhật tiến độ" onClose={() => setUpdating(null)}>
        {updating ? (
          <UpdateForm
            assignment={updating}
            onCancel={() => setUpdating(null)}
            onDone={() => {
              setNotice(`Đã gửi báo cáo tiến độ: ${updating.task_number ? `${updating.task_number}. ` : ''}${updating.task_title}.`);
              setUpdating(null);
              list.reload();
              overdueCount.reload();
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}
