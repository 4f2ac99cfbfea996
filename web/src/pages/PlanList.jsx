// /app/ke-hoach — the plans the user can see (own subtree, province-wide, or
// plans that assign work to the user's unit), filtered by year, status and
// unit; a form to start a plan; the way to import one from its document.
import { useMemo, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Table } from '../components/Table.jsx';
import { Pager } from '../components/Pager.jsx';
import { Modal } from '../components/Modal.jsx';
import { TextField, SelectField, DateField } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatNumber, toId } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { loadUnitTree, unitComboOptions } from '../units.js';
import { PLAN_KINDS, PLAN_STATUSES, PlanStatusBadge, ProgressBar, can, kindLabel, yearOptions } from './PlanCommon.jsx';

const PER_PAGE = 20;
const LABELS = {
  title: 'Tên kế hoạch',
  kind: 'Loại kế hoạch',
  year: 'Năm',
  unit_id: 'Đơn vị ban hành',
  decision_no: 'Số quyết định',
  decision_date: 'Ngày ban hành',
};

/** The unit a new plan belongs to by default: the province for its coordinator. */
export function defaultPlanUnit(user, roots) {
  if (user.coordinator && roots && roots.length === 1 && roots[0].level === 'province') return String(roots[0].id);
  return user.unit_id ? String(user.unit_id) : '';
}

function PlanForm({ user, roots, onCancel }) {
  const form = useForm({
    title: '',
    kind: 'kstt',
    year: String(new Date().getFullYear()),
    unit_id: defaultPlanUnit(user, roots),
    decision_no: '',
    decision_date: '',
  });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        const body = { title: v.title.trim(), kind: v.kind, year: Number(v.year), unit_id: toId(v.unit_id) };
        if (v.decision_no.trim()) body.decision_no = v.decision_no.trim();
        if (v.decision_date) body.decision_date = v.decision_date;
        const plan = await api.post('/plans', body);
        navigate(`/app/ke-hoach/${plan.id}`);
      },
      (v) => ({
        title: v.title.trim().length >= 5 ? '' : 'Vui lòng nhập tên kế hoạch (ít nhất 5 ký tự).',
        unit_id: v.unit_id ? '' : 'Vui lòng chọn đơn vị ban hành.',
        decision_date: v.decision_date === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '',
      }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={form.failure} fieldLabels={LABELS} idPrefix="plan-" />
      <TextField id="plan-title" label={LABELS.title} required {...form.field('title')} />
      <div class="form-grid">
        <SelectField id="plan-kind" label={LABELS.kind} options={PLAN_KINDS} {...form.field('kind')} />
        <SelectField id="plan-year" label={LABELS.year} required options={yearOptions()} {...form.field('year')} />
      </div>
      <Combobox id="plan-unit_id" label={LABELS.unit_id} required options={unitComboOptions(roots)} placeholder="Gõ tên đơn vị" {...form.field('unit_id')} />
      <div class="form-grid">
        <TextField id="plan-decision_no" label={LABELS.decision_no} hint="Ví dụ: 3014/QĐ-UBND" {...form.field('decision_no')} />
        <DateField id="plan-decision_date" label={LABELS.decision_date} {...form.field('decision_date')} />
      </div>
      <p class="muted small">Kế hoạch mới ở trạng thái dự thảo: thêm mục, nhiệm vụ rồi ban hành để giao việc cho các đơn vị.</p>
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          {form.submitting ? 'Đang lưu…' : 'Tạo kế hoạch'}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

export function PlanList({ user, search }) {
  usePageTitle('Kế hoạch');
  const q = queryOf(search);
  const page = Math.max(1, Number(q.trang) || 1);
  const filters = { year: q.nam || '', status: q.trang_thai || '', unit_id: q.don_vi || '' };
  const writer = can(user, 'plans.write');
  const units = useAsync(() => loadUnitTree(), []);
  const roots = units.data || [];
  const list = useAsync(
    () =>
      api.get('/plans', {
        year: filters.year,
        status: filters.status,
        unit_id: filters.unit_id,
        page,
        per_page: PER_PAGE,
      }),
    [filters.year, filters.status, filters.unit_id, page],
  );
  const [creating, setCreating] = useState(false);
  const go = (next) => navigate(withQuery('/app/ke-hoach', { nam: filters.year, trang_thai: filters.status, don_vi: filters.unit_id, ...next }));
  const years = useMemo(() => yearOptions((list.data?.items || []).map((p) => p.year)), [list.data]);

  const columns = [
    {
      key: 'title',
      label: 'Kế hoạch',
      render: (p) => (
        <>
          <Link href={`/app/ke-hoach/${p.id}`} class="strong">
            {p.title}
          </Link>
          <span class="block muted small">
            {kindLabel(p.kind)}
            {p.decision_no ? ` · Số ${p.decision_no}` : ''}
            {p.decision_date ? ` ngày ${formatDate(p.decision_date)}` : ''}
            {p.source_plan_id ? ' · Xây dựng từ kế hoạch cấp trên' : ''}
          </span>
        </>
      ),
    },
    { key: 'unit_name', label: 'Đơn vị' },
    { key: 'year', label: 'Năm', className: 'nowrap' },
    { key: 'status', label: 'Trạng thái', render: (p) => <PlanStatusBadge status={p.status} /> },
    { key: 'task_count', label: 'Nhiệm vụ', className: 'num', render: (p) => formatNumber(p.task_count) },
    {
      key: 'progress',
      label: 'Tiến độ',
      render: (p) => (p.status === 'draft' ? <span class="muted small">Chưa ban hành</span> : <ProgressBar value={p.progress} label={`Tiến độ ${p.title}`} />),
    },
  ];

  return (
    <>
      <PageHeader
        title="Kế hoạch"
        lead="Kế hoạch kiểm soát thủ tục hành chính của tỉnh và các đơn vị: nhiệm vụ, phân công và tiến độ."
        actions={
          writer ? (
            <div class="button-row button-row--tight">
              <button type="button" class="btn btn--primary" onClick={() => setCreating(true)}>
                Lập kế hoạch
              </button>
              <Link href="/app/ke-hoach/nhap" class="btn btn--secondary">
                Nhập kế hoạch từ văn bản
              </Link>
            </div>
          ) : null
        }
      />
      <form
        class="filters"
        role="search"
        aria-label="Lọc kế hoạch"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <SelectField id="f-year" label="Năm" options={years} placeholder="Tất cả các năm" value={filters.year} onValue={(v) => go({ nam: v, trang: '' })} />
        <SelectField
          id="f-status"
          label="Trạng thái"
          options={PLAN_STATUSES}
          placeholder="Tất cả"
          value={filters.status}
          onValue={(v) => go({ trang_thai: v, trang: '' })}
        />
        <Combobox
          id="f-unit"
          label="Đơn vị ban hành"
          options={unitComboOptions(roots, { activeOnly: false })}
          placeholder="Tất cả đơn vị"
          value={filters.unit_id}
          onValue={(v) => go({ don_vi: v, trang: '' })}
        />
        <div class="filters__actions">
          <button type="button" class="btn btn--secondary" onClick={() => navigate('/app/ke-hoach')} disabled={!filters.year && !filters.status && !filters.unit_id}>
            Xóa bộ lọc
          </button>
        </div>
      </form>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <div class="plans-list">
        <Table caption="Danh sách kế hoạch" columns={columns} rows={list.data?.items} loading={list.loading} empty="Chưa có kế hoạch nào phù hợp." />
      </div>
      {list.data ? <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={(p) => go({ trang: p > 1 ? p : '' })} /> : null}
      <Modal open={creating} title="Lập kế hoạch mới" onClose={() => setCreating(false)}>
        <PlanForm user={user} roots={roots} onCancel={() => setCreating(false)} />
      </Modal>
    </>
  );
}
