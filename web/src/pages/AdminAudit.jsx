import { useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Table } from '../components/Table.jsx';
import { Pager } from '../components/Pager.jsx';
import { TextField, DateField, SelectField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';

const PER_PAGE = 50;
const EMPTY = { actor: '', entity: '', action: '', from: '', to: '' };

// The objects and actions of the log in Vietnamese; a code the page does not know yet is shown as
// it is (a new module's actions still read, only less nicely).
const ENTITIES = [
  ['plan', 'Kế hoạch'],
  ['section', 'Mục kế hoạch'],
  ['task', 'Nhiệm vụ'],
  ['assignment', 'Giao nhiệm vụ'],
  ['report', 'Báo cáo'],
  ['feedback', 'Phản ánh, kiến nghị'],
  ['procedure', 'Thủ tục hành chính'],
  ['procedure_field', 'Lĩnh vực'],
  ['procedure_import', 'Lượt nhập thủ tục'],
  ['dossier', 'Hồ sơ'],
  ['unit', 'Đơn vị'],
  ['user', 'Người dùng'],
  ['session', 'Phiên đăng nhập'],
  ['holiday', 'Ngày nghỉ'],
  ['comment', 'Ý kiến trao đổi'],
  ['email_code', 'Mã xác nhận thư điện tử'],
];
const ENTITY_LABEL = Object.fromEntries(ENTITIES);

const ACTIONS = {
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập không thành công',
  'auth.logout': 'Đăng xuất',
  'auth.oidc_failed': 'Đăng nhập một lần không thành công',
  'auth.backchannel_logout': 'Đăng xuất từ hệ thống định danh',
  'auth.refresh_reuse': 'Phát hiện dùng lại phiên đăng nhập',
  'user.create': 'Tạo người dùng',
  'user.create_from_idp': 'Tạo người dùng từ hệ thống định danh',
  'user.update': 'Sửa người dùng',
  'user.disable': 'Khóa người dùng',
  'user.enable': 'Mở khóa người dùng',
  'user.password_change': 'Đổi mật khẩu',
  'unit.create': 'Tạo đơn vị',
  'unit.update': 'Sửa đơn vị',
  'unit.move': 'Chuyển đơn vị',
  'unit.merge': 'Sáp nhập đơn vị',
  'unit.retire': 'Ngừng hoạt động đơn vị',
  'plan.create': 'Lập kế hoạch',
  'plan.update': 'Sửa kế hoạch',
  'plan.delete': 'Xóa kế hoạch',
  'plan.import': 'Nhập kế hoạch từ tệp',
  'plan.publish': 'Ban hành kế hoạch',
  'plan.close': 'Kết thúc kế hoạch',
  'plan.derive': 'Lập kế hoạch cấp dưới',
  'section.create': 'Thêm mục kế hoạch',
  'section.update': 'Sửa mục kế hoạch',
  'section.delete': 'Xóa mục kế hoạch',
  'task.create': 'Thêm nhiệm vụ',
  'task.update': 'Sửa nhiệm vụ',
  'task.delete': 'Xóa nhiệm vụ',
  'task.event': 'Ghi nhận sự kiện của nhiệm vụ',
  'assignment.update': 'Báo cáo tiến độ nhiệm vụ',
  'reports.create': 'Lập báo cáo',
  'reports.update': 'Sửa báo cáo',
  'reports.refresh': 'Cập nhật số liệu báo cáo',
  'reports.submit': 'Gửi báo cáo',
  'reports.accept': 'Chấp nhận báo cáo',
  'reports.return': 'Trả lại báo cáo',
  'reports.remind': 'Nhắc gửi báo cáo',
  'feedback.submit': 'Gửi phản ánh, kiến nghị',
  'feedback.draft': 'Lưu dự thảo trả lời',
  'feedback.receive': 'Tiếp nhận phản ánh',
  'feedback.accept': 'Nhận xử lý phản ánh',
  'feedback.forward': 'Chuyển xử lý phản ánh',
  'feedback.return': 'Trả lại phản ánh',
  'feedback.send_back': 'Chuyển lại để xử lý tiếp',
  'feedback.reject': 'Từ chối phản ánh',
  'feedback.duplicate': 'Đánh dấu phản ánh trùng',
  'feedback.request_info': 'Đề nghị bổ sung thông tin',
  'feedback.info_reply': 'Người gửi bổ sung thông tin',
  'feedback.submit_answer': 'Trình dự thảo trả lời',
  'feedback.publish': 'Công khai trả lời',
  'feedback.rate': 'Người gửi đánh giá trả lời',
  'feedback.email_code': 'Gửi mã xác nhận thư điện tử',
  'procedure.create': 'Thêm thủ tục',
  'procedure.update': 'Sửa thủ tục',
  'procedure.delete': 'Xóa thủ tục',
  'procedure.status': 'Đổi trạng thái thủ tục',
  'procedure.import': 'Nhập thủ tục từ tệp',
  'procedure_field.create': 'Thêm lĩnh vực',
  'procedure_field.update': 'Sửa lĩnh vực',
  'procedure_field.delete': 'Xóa lĩnh vực',
  'dossiers.ingest': 'Nạp dữ liệu hồ sơ',
  'holiday.put': 'Đặt ngày nghỉ, ngày làm bù',
  'holiday.delete': 'Xóa ngày nghỉ',
  'comment.create': 'Viết ý kiến trao đổi',
  'comment.update': 'Sửa ý kiến trao đổi',
  'comment.delete': 'Xóa ý kiến trao đổi',
};
const ACTION_OPTIONS = Object.entries(ACTIONS)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
const ENTITY_OPTIONS = ENTITIES.map(([value, label]) => ({ value, label }));

/** "Kế hoạch: Kế hoạch KSTT năm 2023 (#12)"; the name is the server's lookup of the object. */
export function auditObject(row) {
  const kind = ENTITY_LABEL[row.entity] || row.entity;
  if (row.entity_name) return `${kind}: ${row.entity_name}`;
  return row.entity_id != null ? `${kind} #${row.entity_id}` : kind;
}

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
      <SelectField id="af-entity" label="Đối tượng" value={f.entity} onValue={set('entity')} options={ENTITY_OPTIONS} placeholder="Tất cả đối tượng" />
      <SelectField id="af-action" label="Hành động" value={f.action} onValue={set('action')} options={ACTION_OPTIONS} placeholder="Tất cả hành động" />
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
    { key: 'action', label: 'Hành động', render: (r) => <span title={r.action}>{ACTIONS[r.action] || r.action}</span> },
    { key: 'entity', label: 'Đối tượng', render: (r) => auditObject(r) },
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
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <Table caption="Nhật ký hệ thống" columns={columns} rows={rows} loading={list.loading} empty="Không có bản ghi nào phù hợp." />
      <Pager page={page} perPage={PER_PAGE} total={total} onPage={setPage} />
    </>
  );
}
