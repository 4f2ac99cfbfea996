// What the reform registry pages share (issue 17): their tabs, the unit picker, the status labels,
// a textarea field, the filter bar and the "run an action, show the result" state.
import { useState } from 'preact/hooks';
import { Combobox } from '../components/Combobox.jsx';
import { Badge } from '../components/Badge.jsx';
import { TextField, SelectField, Wrap } from '../components/Field.jsx';
import { hasPermission } from '../auth.js';
import { loadUnitTree, unitComboOptions } from '../units.js';
import { useAsync } from '../hooks.js';
import { navigate, withQuery } from '../router.js';

export const canReadReform = (u) => hasPermission(u, 'reform.read');
export const canWriteReform = (u) => hasPermission(u, 'reform.write');
export const canDecideReform = (u) => hasPermission(u, 'reform.decide');

export const IP_STATUSES = { in_force: 'Đang thực hiện', proposed: 'Đề nghị đơn giản hóa', simplified: 'Đã đơn giản hóa', abolished: 'Đã bãi bỏ' };
export const PP_STATUSES = { proposed: 'Đã đề xuất', accepted: 'Được chấp thuận', implemented: 'Đã thực thi', rejected: 'Không chấp thuận' };
export const IA_STATUSES = { draft: 'Dự thảo', sent: 'Đã gửi Sở Tư pháp', appraised: 'Đã có ý kiến thẩm định' };
export const INI_STATUSES = { proposed: 'Đã đề xuất', assessed: 'Đã đánh giá', adopted: 'Được công nhận', not_adopted: 'Không được công nhận' };
export const ACTIONS = [
  { value: 'create', label: 'Ban hành mới' },
  { value: 'change', label: 'Sửa đổi, bổ sung' },
  { value: 'abolish', label: 'Bãi bỏ' },
];

export const options = (map) => Object.entries(map).map(([value, label]) => ({ value, label }));

/** A status as a badge with its Vietnamese label. */
export function StatusBadge({ map, status }) {
  return <Badge>{map[status] || status}</Badge>;
}

/** The tabs between the three registries. */
export function ReformTabs({ current }) {
  const tabs = [
    { href: '/app/tthc-noi-bo', label: 'TTHC nội bộ' },
    { href: '/app/danh-gia-tac-dong', label: 'Đánh giá tác động' },
    { href: '/app/sang-kien', label: 'Sáng kiến cải cách' },
  ];
  return (
    <nav class="reform-tabs" aria-label="Cải cách TTHC">
      {tabs.map((t) => (
        <a key={t.href} href={t.href} class="reform-tabs__link" aria-current={t.href === current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}

/** The units as picker options (loaded once). */
export function useUnitOptions() {
  const tree = useAsync(() => loadUnitTree(), []);
  return tree.data ? unitComboOptions(tree.data) : [];
}

/** A searchable unit picker. */
export function UnitPicker({ id, label, value, onValue, error, required, units }) {
  return <Combobox id={id} label={label} value={value} onValue={onValue} options={units} error={error} required={required} placeholder="Gõ tên đơn vị" />;
}

/** A multi-line text field. */
export function TextArea({ id, label, value, onValue, error, required, className = '' }) {
  return (
    <Wrap id={id} label={label} error={error} required={required} className={className}>
      <textarea id={id} class="input reform-textarea" value={value || ''} required={required} onInput={(e) => onValue(e.currentTarget.value)} />
    </Wrap>
  );
}

/** The filter bar of a list: words, unit, status (and extra fields), kept in the address. */
export function Filters({ base, label, q, statuses, units, extra = null, children }) {
  const [v, setV] = useState({ q: q.q || '', don_vi: q.don_vi || '', trang_thai: q.trang_thai || '', ...(extra || {}) });
  const submit = (e) => {
    e.preventDefault();
    navigate(withQuery(base, { ...v, trang: undefined }));
  };
  return (
    <form class="filters" role="search" aria-label={label} onSubmit={submit}>
      <TextField id={`${base.slice(5)}-q`} label="Từ khóa" value={v.q} onValue={(x) => setV({ ...v, q: x })} />
      <UnitPicker id={`${base.slice(5)}-unit`} label="Đơn vị" value={v.don_vi} units={units} onValue={(x) => setV({ ...v, don_vi: x })} />
      <SelectField id={`${base.slice(5)}-status`} label="Trạng thái" options={options(statuses)} placeholder="Tất cả" value={v.trang_thai} onValue={(x) => setV({ ...v, trang_thai: x })} />
      {children ? children(v, setV) : null}
      <div class="filters__actions">
        <button type="submit" class="btn btn--secondary">
          Lọc
        </button>
      </div>
    </form>
  );
}

/** Busy/error/notice state around one server action at a time. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const run = async (fn, done) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const out = await fn();
      setNotice(done);
      return out;
    } catch (err) {
      setError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, notice, run, fe: error?.fieldErrors || {} };
}
