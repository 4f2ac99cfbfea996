import { useMemo, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Table } from '../components/Table.jsx';
import { Pager } from '../components/Pager.jsx';
import { Badge } from '../components/Badge.jsx';
import { Modal, ConfirmDialog } from '../components/Modal.jsx';
import { TextField, SelectField, CheckboxField, DateField } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { canManageUsers } from '../auth.js';
import { formatDate, ROLES, roleLabel, toId } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { indexById, loadUnitTree, unitComboOptions } from '../units.js';
import { queryOf } from '../router.js';

const PER_PAGE = 20;
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: roleLabel(r) }));
const LABELS = {
  username: 'Tên đăng nhập',
  full_name: 'Họ và tên',
  email: 'Thư điện tử',
  phone: 'Điện thoại',
  unit_id: 'Đơn vị',
  role: 'Vai trò',
  password: 'Mật khẩu',
  focal_officer: 'Cán bộ đầu mối',
  focal_decision_no: 'Số quyết định cử đầu mối',
  focal_decision_date: 'Ngày quyết định',
};

export function isActiveUser(u) {
  if (typeof u.active === 'boolean') return u.active;
  if (typeof u.is_active === 'boolean') return u.is_active;
  if (typeof u.disabled === 'boolean') return !u.disabled;
  return true;
}

function UserForm({ user, units, onDone, onCancel }) {
  const editing = !!user;
  const form = useForm({
    username: user?.username || '',
    full_name: user?.full_name || '',
    email: user?.email || '',
    phone: user?.phone || '',
    unit_id: user?.unit_id == null ? '' : String(user.unit_id),
    role: user?.role || 'officer',
    password: '',
    focal_officer: !!user?.focal_officer,
    focal_decision_no: user?.focal_decision_no || '',
    focal_decision_date: user?.focal_decision_date ? String(user.focal_decision_date).slice(0, 10) : '',
  });
  const options = unitComboOptions(units, { activeOnly: !editing });
  const v = form.values;

  const onSubmit = (e) =>
    form.submit(
      e,
      async (val) => {
        const body = {
          full_name: val.full_name.trim(),
          unit_id: toId(val.unit_id),
          role: val.role,
          focal_officer: !!val.focal_officer,
        };
        // Optional text: sent when filled; when emptied on edit, cleared with null.
        const optional = (key, value) => {
          if (value) body[key] = value;
          else if (editing && user[key]) body[key] = null;
        };
        optional('email', val.email.trim());
        optional('phone', val.phone.trim());
        optional('focal_decision_no', val.focal_officer ? val.focal_decision_no.trim() : '');
        optional('focal_decision_date', val.focal_officer ? val.focal_decision_date : '');
        if (val.password) body.password = val.password;
        let saved;
        if (editing) {
          saved = await api.put(`/users/${user.id}`, body);
        } else {
          saved = await api.post('/users', { username: val.username.trim(), ...body });
        }
        onDone(saved, editing ? `Đã lưu thông tin của ${body.full_name}.` : `Đã tạo tài khoản ${val.username.trim()}.`);
      },
      (val) => ({
        username: editing || /^[a-z0-9._-]{3,64}$/i.test(val.username.trim()) ? '' : 'Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.',
        full_name: val.full_name.trim() ? '' : 'Vui lòng nhập họ và tên.',
        email: !val.email.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(val.email.trim()) ? '' : 'Địa chỉ thư điện tử không hợp lệ.',
        unit_id: val.unit_id ? '' : 'Vui lòng chọn đơn vị.',
        role: val.role ? '' : 'Vui lòng chọn vai trò.',
        password: editing
          ? val.password && val.password.length < 8
            ? 'Mật khẩu cần ít nhất 8 ký tự.'
            : ''
          : !val.password
            ? 'Vui lòng đặt mật khẩu ban đầu.'
            : val.password.length < 8
              ? 'Mật khẩu cần ít nhất 8 ký tự.'
              : '',
        focal_decision_date: val.focal_officer && val.focal_decision_date === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '',
      }),
    );

  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={form.failure} fieldLabels={LABELS} idPrefix="user-" />
      <div class="form-grid">
        {editing ? (
          <p class="field">
            <span class="field__label">{LABELS.username}</span>
            <span>{user.username}</span>
          </p>
        ) : (
          <TextField id="user-username" label={LABELS.username} required autoComplete="off" autoCapitalize="none" spellCheck={false} {...form.field('username')} />
        )}
        <TextField id="user-full_name" label={LABELS.full_name} required autoComplete="off" {...form.field('full_name')} />
        <TextField id="user-email" label={LABELS.email} type="email" autoComplete="off" {...form.field('email')} />
        <TextField id="user-phone" label={LABELS.phone} type="tel" autoComplete="off" {...form.field('phone')} />
        <Combobox id="user-unit_id" label={LABELS.unit_id} required options={options} placeholder="Gõ tên đơn vị" className="form-grid__wide" {...form.field('unit_id')} />
        <SelectField id="user-role" label={LABELS.role} required options={ROLE_OPTIONS} {...form.field('role')} />
        <TextField
          id="user-password"
          label={editing ? 'Đặt lại mật khẩu' : LABELS.password}
          hint={editing ? 'Để trống nếu không đổi mật khẩu.' : 'Ít nhất 8 ký tự.'}
          type="password"
          autoComplete="new-password"
          required={!editing}
          {...form.field('password')}
        />
      </div>
      <CheckboxField id="user-focal_officer" label="Là cán bộ đầu mối kiểm soát TTHC của đơn vị" {...form.field('focal_officer')} />
      {v.focal_officer ? (
        <div class="form-grid">
          <TextField id="user-focal_decision_no" label={LABELS.focal_decision_no} hint="Ví dụ: 125/QĐ-UBND" autoComplete="off" {...form.field('focal_decision_no')} />
          <DateField id="user-focal_decision_date" label={LABELS.focal_decision_date} {...form.field('focal_decision_date')} />
        </div>
      ) : null}
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          {form.submitting ? 'Đang lưu…' : editing ? 'Lưu thay đổi' : 'Tạo tài khoản'}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function Filters({ initial, units, onApply }) {
  const [f, setF] = useState(initial);
  const set = (k) => (val) => setF({ ...f, [k]: val });
  return (
    <form
      class="filters"
      role="search"
      aria-label="Lọc người dùng"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(f);
      }}
    >
      <TextField id="uf-q" label="Tìm người dùng" hint="Họ tên hoặc tên đăng nhập" type="search" value={f.q} onValue={set('q')} autoComplete="off" />
      <Combobox id="uf-unit" label="Đơn vị" value={f.unit_id} onValue={set('unit_id')} options={unitComboOptions(units, { activeOnly: false })} placeholder="Tất cả đơn vị" />
      <SelectField id="uf-role" label="Vai trò" value={f.role} onValue={set('role')} options={ROLE_OPTIONS} placeholder="Tất cả vai trò" />
      <div class="filters__actions">
        <button type="submit" class="btn btn--primary">
          Lọc
        </button>
        <button
          type="button"
          class="btn btn--secondary"
          onClick={() => {
            const empty = { q: '', unit_id: '', role: '' };
            setF(empty);
            onApply(empty);
          }}
        >
          Xóa lọc
        </button>
      </div>
    </form>
  );
}

export function AdminUsers({ user: me, search }) {
  usePageTitle('Quản trị người dùng');
  const canEdit = canManageUsers(me);
  // ?q= (a result of the search across modules) starts the list filtered to that account.
  const [filters, setFilters] = useState(() => ({ q: queryOf(search || '').q || '', unit_id: '', role: '' }));
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState(null); // null | 'new' | user
  const [toggling, setToggling] = useState(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState(null);
  const [notice, setNotice] = useState('');

  const unitsQ = useAsync(() => loadUnitTree(), []);
  const units = unitsQ.data || [];
  const byId = useMemo(() => indexById(units), [units]);

  const list = useAsync(
    () => api.get('/users', { q: filters.q.trim(), unit_id: filters.unit_id, role: filters.role, page, per_page: PER_PAGE }),
    [filters, page],
  );
  const rows = list.data?.items || [];
  const total = list.data?.total ?? rows.length;

  const saved = (_u, message) => {
    setEditing(null);
    setNotice(message);
    list.reload();
  };

  const toggleActive = async () => {
    const u = toggling;
    const active = isActiveUser(u);
    setBusy(true);
    setActionError(null);
    try {
      await api.post(`/users/${u.id}/${active ? 'disable' : 'enable'}`);
      setNotice(active ? `Đã khóa tài khoản ${u.username}.` : `Đã mở khóa tài khoản ${u.username}.`);
      setToggling(null);
      list.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    {
      key: 'full_name',
      label: 'Họ và tên',
      render: (u) => (
        <>
          <span class="strong">{u.full_name}</span>
          <br />
          <span class="muted small">{u.username}</span>
        </>
      ),
    },
    { key: 'unit', label: 'Đơn vị', render: (u) => u.unit_name || byId.get(u.unit_id)?.name || '—' },
    {
      key: 'role',
      label: 'Vai trò',
      render: (u) => (
        <>
          {roleLabel(u.role, u.focal_officer)}
          {u.focal_officer && u.focal_decision_no ? (
            <span class="muted small">
              <br />
              QĐ {u.focal_decision_no}
              {u.focal_decision_date ? ` ngày ${formatDate(u.focal_decision_date)}` : ''}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'status',
      label: 'Trạng thái',
      render: (u) => (isActiveUser(u) ? <Badge tone="success">Đang hoạt động</Badge> : <Badge tone="danger">Đã khóa</Badge>),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      label: 'Thao tác',
      className: 'table__actions',
      render: (u) => (
        <div class="button-row button-row--tight">
          <button type="button" class="btn btn--secondary btn--small" onClick={() => setEditing(u)} aria-label={`Sửa ${u.username}`}>
            Sửa
          </button>
          {u.id !== me.id ? (
            <button
              type="button"
              class={`btn btn--small ${isActiveUser(u) ? 'btn--danger' : 'btn--secondary'}`}
              onClick={() => {
                setActionError(null);
                setToggling(u);
              }}
              aria-label={`${isActiveUser(u) ? 'Khóa' : 'Mở khóa'} ${u.username}`}
            >
              {isActiveUser(u) ? 'Khóa' : 'Mở khóa'}
            </button>
          ) : null}
        </div>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="Người dùng"
        lead="Tài khoản cán bộ, công chức theo đơn vị và vai trò."
        actions={
          canEdit ? (
            <button type="button" class="btn btn--primary" onClick={() => setEditing('new')}>
              Thêm người dùng
            </button>
          ) : null
        }
      />
      <Notice>{notice}</Notice>
      <Filters
        initial={filters}
        units={units}
        onApply={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <Table caption="Danh sách người dùng" columns={columns} rows={rows} loading={list.loading} empty="Không có người dùng nào phù hợp." />
      <Pager page={page} perPage={PER_PAGE} total={total} onPage={setPage} />
      <Modal
        open={!!editing}
        wide
        title={editing === 'new' ? 'Thêm người dùng' : `Sửa người dùng: ${editing?.username || ''}`}
        onClose={() => setEditing(null)}
      >
        {editing ? <UserForm user={editing === 'new' ? null : editing} units={units} onDone={saved} onCancel={() => setEditing(null)} /> : null}
      </Modal>
      <ConfirmDialog
        open={!!toggling}
        title={toggling && isActiveUser(toggling) ? 'Khóa tài khoản' : 'Mở khóa tài khoản'}
        confirmLabel={toggling && isActiveUser(toggling) ? 'Khóa tài khoản' : 'Mở khóa'}
        tone={toggling && isActiveUser(toggling) ? 'danger' : 'primary'}
        busy={busy}
        onConfirm={toggleActive}
        onClose={() => setToggling(null)}
      >
        <ProblemAlert error={actionError} />
        {toggling ? (
          <p>
            {isActiveUser(toggling)
              ? `Tài khoản ${toggling.username} (${toggling.full_name}) sẽ không đăng nhập được nữa và các phiên đang mở bị thu hồi.`
              : `Tài khoản ${toggling.username} (${toggling.full_name}) sẽ đăng nhập lại được.`}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
