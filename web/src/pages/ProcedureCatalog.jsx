// /app/thu-tuc — the province's procedure catalogue for staff: search (the same folded search as
// the portal), filters by field, level, online level, status, completeness and workflow approval,
// and for the province's admins and specialists: add, import from CSV/Excel, manage fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Table } from '../components/Table.jsx';
import { Pager } from '../components/Pager.jsx';
import { Modal } from '../components/Modal.jsx';
import { Badge } from '../components/Badge.jsx';
import { SelectField, TextField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatNumber } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { LEVEL_OPTIONS, ONLINE_OPTIONS, STATUS_OPTIONS, OnlineBadge, StatusBadge, canWriteProcedures, levelsText } from './ProcedureCommon.jsx';

const PER_PAGE = 50;
const YES_NO = [
  { value: '1', label: 'Có' },
  { value: '0', label: 'Chưa' },
];
const SORTS = [
  { value: 'code', label: 'Theo mã' },
  { value: 'name', label: 'Theo tên' },
];

/** The fields (lĩnh vực): list with counts, add one, delete an unused one. */
function FieldManager({ onChanged }) {
  const fields = useAsync(() => api.get('/procedure-fields'), []);
  const form = useForm({ name: '' });
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState(null);
  const add = (e) =>
    form.submit(
      e,
      async (v) => {
        const f = await api.post('/procedure-fields', { name: v.name.trim() });
        form.reset({ name: '' });
        setDone(`Đã thêm lĩnh vực "${f.name}".`);
        fields.reload();
        onChanged();
      },
      (v) => ({ name: v.name.trim().length >= 2 ? '' : 'Nhập tên lĩnh vực (ít nhất 2 ký tự).' }),
    );
  const remove = async (f) => {
    setFailure(null);
    try {
      await api.del(`/procedure-fields/${f.id}`);
      setDone(`Đã xóa lĩnh vực "${f.name}".`);
      fields.reload();
      onChanged();
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <>
      <Notice>{done}</Notice>
      <ProblemAlert error={failure || fields.error} focus={false} />
      <form onSubmit={add} noValidate class="toolbar">
        <ProblemAlert error={form.failure} fieldLabels={{ name: 'Tên lĩnh vực' }} idPrefix="fld-" />
        <TextField id="fld-name" label="Lĩnh vực mới" className="toolbar__grow" {...form.field('name')} />
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={form.submitting}>
            Thêm
          </button>
        </div>
      </form>
      <Table
        caption="Các lĩnh vực"
        rows={fields.data?.items}
        loading={fields.loading}
        columns={[
          { key: 'name', label: 'Lĩnh vực' },
          { key: 'procedures', label: 'Số thủ tục', className: 'num', render: (f) => formatNumber(f.procedures) },
          {
            key: 'actions',
            label: 'Thao tác',
            render: (f) =>
              f.procedures === 0 ? (
                <button type="button" class="btn btn--secondary btn--small" onClick={() => remove(f)}>
                  Xóa<span class="sr-only"> lĩnh vực {f.name}</span>
                </button>
              ) : (
                <span class="muted small">Đang dùng</span>
              ),
          },
        ]}
      />
    </>
  );
}

export function ProcedureCatalog({ user, search }) {
  usePageTitle('Danh mục thủ tục hành chính');
  const qs = queryOf(search);
  const f = {
    q: qs.q || '',
    field: qs.linh_vuc || '',
    level: qs.cap || '',
    online: qs.truc_tuyen || '',
    status: qs.trang_thai || '',
    complete: qs.day_du || '',
    approved: qs.quy_trinh || '',
    sort: qs.sap_xep || '',
  };
  const page = Math.max(1, Number(qs.trang) || 1);
  const writer = canWriteProcedures(user);
  const [text, setText] = useState(f.q);
  const [managing, setManaging] = useState(false);
  const timer = useRef(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (timer.current === null && text !== f.q) setText(f.q);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [f.q]);

  const go = (next, replace = false) =>
    navigate(
      withQuery('/app/thu-tuc', {
        q: f.q,
        linh_vuc: f.field,
        cap: f.level,
        truc_tuyen: f.online,
        trang_thai: f.status,
        day_du: f.complete,
        quy_trinh: f.approved,
        sap_xep: f.sort,
        ...next,
      }),
      { replace },
    );
  const fields = useAsync(() => api.get('/procedure-fields'), []);
  const list = useAsync(
    () =>
      api.get('/procedures', {
        q: f.q,
        field_id: f.field,
        level: f.level,
        online: f.online,
        status: f.status,
        complete: f.complete,
        approved: f.approved,
        sort: f.sort || (f.q ? 'rank' : 'code'),
        page,
        per_page: PER_PAGE,
      }),
    [f.q, f.field, f.level, f.online, f.status, f.complete, f.approved, f.sort, page],
  );
  const columns = [
    { key: 'code', label: 'Mã', className: 'nowrap', render: (p) => <span class="proc-code">{p.code}</span> },
    {
      key: 'name',
      label: 'Tên thủ tục',
      render: (p) => (
        <>
          <Link href={`/app/thu-tuc/${p.id}`} class="strong">
            {p.name}
          </Link>
          <span class="block muted small">
            {p.field_name} · {levelsText(p.levels)}
          </span>
        </>
      ),
    },
    { key: 'online_level', label: 'Mức độ trực tuyến', render: (p) => <OnlineBadge level={p.online_level} /> },
    { key: 'status', label: 'Trạng thái', render: (p) => <StatusBadge status={p.status} /> },
    {
      key: 'complete',
      label: 'Công khai đủ 7 bộ phận',
      render: (p) => (p.complete ? <Badge tone="success">Đủ</Badge> : <Badge tone="warning">Còn thiếu</Badge>),
    },
    {
      key: 'internal_process_approved',
      label: 'Quy trình nội bộ',
      render: (p) => (p.internal_process_approved ? <Badge tone="success">Đã phê duyệt</Badge> : <Badge tone="neutral">Chưa</Badge>),
    },
  ];
  const anyFilter = Object.values(f).some(Boolean);
  return (
    <>
      <PageHeader
        title="Danh mục thủ tục hành chính"
        lead="Các thủ tục hành chính được công bố trên địa bàn tỉnh: bộ phận cấu thành, mức độ dịch vụ công trực tuyến, quy trình nội bộ và lịch sử thay đổi."
        actions={
          writer ? (
            <div class="button-row button-row--tight">
              <Link href="/app/thu-tuc/moi" class="btn btn--primary">
                Thêm thủ tục
              </Link>
              <Link href="/app/thu-tuc/nhap" class="btn btn--secondary">
                Nhập từ tệp CSV, Excel
              </Link>
              <button type="button" class="btn btn--secondary" onClick={() => setManaging(true)}>
                Lĩnh vực
              </button>
            </div>
          ) : null
        }
      />
      <form class="filters" role="search" aria-label="Lọc danh mục thủ tục" onSubmit={(e) => e.preventDefault()}>
        <TextField
          id="cat-q"
          label="Tìm theo tên, mã, nội dung"
          type="search"
          autoComplete="off"
          value={text}
          onValue={(v) => {
            setText(v);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => {
              timer.current = null;
              go({ q: v.trim(), trang: '' }, true);
            }, 250);
          }}
        />
        <SelectField
          id="cat-field"
          label="Lĩnh vực"
          placeholder="Tất cả lĩnh vực"
          options={(fields.data?.items || []).map((x) => ({ value: String(x.id), label: x.name }))}
          value={f.field}
          onValue={(v) => go({ linh_vuc: v, trang: '' })}
        />
        <SelectField id="cat-level" label="Cấp thực hiện" placeholder="Tất cả các cấp" options={LEVEL_OPTIONS} value={f.level} onValue={(v) => go({ cap: v, trang: '' })} />
        <SelectField id="cat-online" label="Mức độ trực tuyến" placeholder="Tất cả" options={ONLINE_OPTIONS} value={f.online} onValue={(v) => go({ truc_tuyen: v, trang: '' })} />
        <SelectField id="cat-status" label="Trạng thái" placeholder="Tất cả" options={STATUS_OPTIONS} value={f.status} onValue={(v) => go({ trang_thai: v, trang: '' })} />
        <SelectField id="cat-complete" label="Công khai đủ 7 bộ phận" placeholder="Tất cả" options={YES_NO} value={f.complete} onValue={(v) => go({ day_du: v, trang: '' })} />
        <SelectField id="cat-approved" label="Quy trình nội bộ đã phê duyệt" placeholder="Tất cả" options={YES_NO} value={f.approved} onValue={(v) => go({ quy_trinh: v, trang: '' })} />
        <SelectField id="cat-sort" label="Sắp xếp" placeholder="Phù hợp nhất" options={SORTS} value={f.sort} onValue={(v) => go({ sap_xep: v, trang: '' })} />
        <div class="filters__actions">
          <button
            type="button"
            class="btn btn--secondary"
            disabled={!anyFilter}
            onClick={() => {
              clearTimeout(timer.current);
              timer.current = null;
              setText('');
              navigate('/app/thu-tuc');
            }}
          >
            Xóa bộ lọc
          </button>
        </div>
      </form>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <p class="muted" role="status" aria-live="polite">
        {list.data ? `${formatNumber(list.data.total)} thủ tục` : ''}
      </p>
      <Table caption="Danh mục thủ tục hành chính" columns={columns} rows={list.data?.items} loading={list.loading} empty="Không có thủ tục nào phù hợp." />
      {list.data ? <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={(p) => go({ trang: p > 1 ? p : '' })} /> : null}
      <Modal open={managing} title="Lĩnh vực thủ tục hành chính" onClose={() => setManaging(false)} wide>
        <FieldManager onChanged={() => fields.reload()} />
      </Modal>
    </>
  );
}
