import { useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Table } from '../components/Table.jsx';
import { Pager } from '../components/Pager.jsx';
import { TextField, DateField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';

const PER_PAGE = 50;
const EMPTY = { actor: '', entity: '', action: '', from: '', to: '' };

// Known entity names, offered as suggestions (the field stays free text).
const ENTITIES = [
  ['unit', 'Đơn vị'],
  ['user', 'Người dùng'],
  ['session', 'Phiên đăng nhập'],
];
const ENTITY_LABEL = Object.fromEntries(ENTITIES);

function Json({ label, value }) {
  if (value === null || value === undefined) return null;
  let text;
  try {
    text = JSON.stringify(typeof value === 'string' ? JSON.parse(value) : value, null, 2);
  } catch {
    text = String(value);
  }
  return (
    <div class="json">
      <p class="json__label">{label}</p>
      <pre class="json__body">{text}</pre>
    </div>
  );
}

function Changes({ row }) {
  if (row.before == null && row.after == null) return <span class="muted">—</span>;
  return (
    <details class="details">
      <summary>Xem thay đổi</summary>
      <Json label="Trước" value={row.before} />
      <Json label="Sau" value={row.after} />
    </details>
  );
}

function Filters({ initial, onApply }) {
  const [f, setF] = useState(initial);
  const set = (k) => (v) => setF({ ...f, [k]: v });
  const [error, setError] = useState('');
  return (
    <form
      class="filters"
      role="search"
      aria-label="Lọc nhật ký"
      onSubmit={(e) => {
        e.preventDefault();
        if (f.from === null || f.to === null) {
          setError('Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.');
          return;
        }
        if (f.from && f.to && f.from > f.to) {
          setError('"Từ ngày" phải trước hoặc bằng "Đến ngày".');
          return;
        }
        setError('');
        onApply(f);
      }}
    >
      <TextField id="af-actor" label="Người thực hiện" hint="Tên đăng nhập" value={f.actor} onValue={set('actor')} autoComplete="off" />
      <TextField id="af-entity" label="Đối tượng" hint="Ví dụ: unit, user" value={f.entity} onValue={set('entity')} list="af-entities" autoComplete="off" />
      <datalist id="af-entities">
        {ENTITIES.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </datalist>
      <TextField id="af-action" label="Hành động" hint="Ví dụ: create, update, login" value={f.action} onValue={set('action')} autoComplete="off" />
      <DateField id="af-from" label="Từ ngày" hint="dd/mm/yyyy" value={f.from} onValue={set('from')} />
      <DateField id="af-to" label="Đến ngày" hint="dd/mm/yyyy" value={f.to} onValue={set('to')} />
      <div class="filters__actions">
        <button type="submit" class="btn btn--primary">
          Lọc
        </button>
        <button
          type="button"
          class="btn btn--secondary"
          onClick={() => {
            setF(EMPTY);
            setError('');
            onApply(EMPTY);
          }}
        >
          Xóa lọc
        </button>
      </div>
      {error ? (
        <p class="field__error filters__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function AdminAudit() {
  usePageTitle('Nhật ký hệ thống');
  const [filters, setFilters] = useState(EMPTY);
  const [page, setPage] = useState(1);
  const list = useAsync(
    () =>
      api.get('/audit', {
        actor: filters.actor.trim(),
        entity: filters.entity.trim(),
        action: filters.action.trim(),
        from: filters.from,
        to: filters.to,
        page,
        per_page: PER_PAGE,
      }),
    [filters, page],
  );
  const rows = list.data?.items || [];
  const total = list.data?.total ?? rows.length;
  const columns = [
    { key: 'at', label: 'Thời gian', className: 'nowrap', render: (r) => formatDateTime(r.at, { seconds: true }) },
    { key: 'actor', label: 'Người thực hiện', render: (r) => r.actor_username || (r.actor_id != null ? `#${r.actor_id}` : 'Hệ thống') },
    { key: 'address', label: 'Địa chỉ', render: (r) => r.address || '—' },
    { key: 'action', label: 'Hành động', render: (r) => <code>{r.action}</code> },
    {
      key: 'entity',
      label: 'Đối tượng',
      render: (r) => (
        <>
          {ENTITY_LABEL[r.entity] || r.entity}
          {r.entity_id != null ? <span class="muted"> #{r.entity_id}</span> : null}
        </>
      ),
    },
    { key: 'changes', label: 'Chi tiết', render: (r) => <Changes row={r} /> },
  ];
  return (
    <>
      <PageHeader title="Nhật ký hệ thống" lead="Mọi thay đổi dữ liệu và lần đăng nhập: ai, khi nào, từ đâu, trước và sau." />
      <Filters
        initial={filters}
        onApply={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      <ProblemAlert error={list.error} focus={false} />
      <Table caption="Nhật ký hệ thống" columns={columns} rows={rows} loading={list.loading} empty="Không có bản ghi nào phù hợp." />
      <Pager page={page} perPage={PER_PAGE} total={total} onPage={setPage} />
    </>
  );
}
