// /app/quy-tac — the business rules as dated versions (issue 20), for the province's
// administrators: every rule set with its versions; one version as a readable table (the 766
// groups with weights and thresholds, the index's classification bands, the other sets key by
// key); a new version from an effective date with a note, its changes against the version it
// follows shown before saving, and the server's checks named by field.
import { useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Table } from '../components/Table.jsx';
import { Badge } from '../components/Badge.jsx';
import { TextField, DateField, Wrap } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatDateTime, formatNumber, todayISO } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import './RuleSets.css';

export const SET_LABELS = {
  feedback: 'Thời hạn xử lý phản ánh, kiến nghị',
  period: 'Kỳ báo cáo: chốt số liệu, hạn nộp, nhắc hạn',
  tasks: 'Nhắc thực hiện nhiệm vụ',
  kpi766: 'Bộ chỉ số 766: trọng số và ngưỡng',
  cost: 'Thu nhập bình quân tính chi phí tuân thủ',
  impact: 'Thẩm định đánh giá tác động TTHC',
  reform_index: 'Xếp loại Chỉ số CCHC',
  late_list: 'Công khai danh sách hồ sơ trễ hạn: nêu tên cán bộ',
  standard_offices: 'Danh sách phòng chuyên môn chuẩn',
};
const OFFICE_PARENTS = [
  ['district', 'Cấp huyện'],
  ['commune', 'Cấp xã'],
  ['department', 'Sở, ban, ngành'],
];
const GROUPS = [
  ['disclosure', 'Công khai, minh bạch', 'disclosure'],
  ['progress', 'Tiến độ giải quyết', 'ontime'],
  ['online', 'Dịch vụ công trực tuyến', 'online'],
  ['digitization', 'Số hóa hồ sơ, kết quả', 'digitization'],
  ['payment', 'Thanh toán trực tuyến', 'payment'],
  ['satisfaction', 'Mức độ hài lòng', 'satisfaction'],
];

/** The changed leaves between two JSON values, as the server's diff: [{path, old, new}]. */
export function ruleDiff(a, b, path = '', out = []) {
  const isObj = (x) => x && typeof x === 'object' && !Array.isArray(x);
  if (JSON.stringify(a) === JSON.stringify(b) && a !== undefined) return out;
  if (isObj(a) && isObj(b)) {
    for (const k of Object.keys(a)) ruleDiff(a[k], b[k], path ? `${path}.${k}` : k, out);
    for (const k of Object.keys(b)) if (!(k in a)) out.push({ path: path ? `${path}.${k}` : k, old: null, new: b[k] });
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) ruleDiff(a[i], b[i], `${path}[${i}]`, out);
    return out;
  }
  out.push({ path: path || 'rules', old: a === undefined ? null : a, new: b === undefined ? null : b });
  return out;
}

const show = (v) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Every leaf of the rules as {path, value}. */
function leaves(v, path = '', out = []) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const k of Object.keys(v)) leaves(v[k], path ? `${path}.${k}` : k, out);
  } else out.push({ path, value: v });
  return out;
}

function ChangesTable({ changes, caption }) {
  return (
    <Table
      caption={caption}
      columns={[
        { key: 'path', label: 'Mục', render: (c) => <code>{c.path}</code> },
        { key: 'old', label: 'Giá trị cũ', className: 'rs-value', render: (c) => show(c.old) },
        { key: 'new', label: 'Giá trị mới', className: 'rs-value', render: (c) => show(c.new) },
      ]}
      rows={changes}
      rowKey={(c) => c.path}
      className="stack-table"
      empty="Không có thay đổi."
    />
  );
}

/** One version's rules in readable tables. */
function RulesView({ name, rules }) {
  if (name === 'kpi766') {
    const rows = GROUPS.map(([key, label, tkey]) => ({ key, label, weight: rules.weights?.[key], threshold: rules.thresholds?.[tkey] }));
    return (
      <Table
        caption="Nhóm chỉ số, trọng số và ngưỡng đạt điểm tối đa"
        columns={[
          { key: 'label', label: 'Nhóm', render: (r) => r.label },
          { key: 'weight', label: 'Trọng số (điểm)', render: (r) => show(r.weight) },
          { key: 'threshold', label: 'Ngưỡng (tỷ lệ)', render: (r) => (r.threshold === undefined ? '1 (mặc định)' : formatNumber(r.threshold, 2)) },
        ]}
        rows={rows}
        rowKey={(r) => r.key}
        className="stack-table"
      />
    );
  }
  if (name === 'standard_offices') {
    return (
      <>
        {OFFICE_PARENTS.filter(([key]) => (rules[key] || []).length > 0).map(([key, label]) => (
          <Table
            key={key}
            caption={`Phòng chuyên môn chuẩn — ${label}`}
            columns={[
              { key: 'code_suffix', label: 'Hậu tố mã', render: (o) => <code>{o.code_suffix}</code> },
              { key: 'name', label: 'Tên phòng', render: (o) => o.name },
              { key: 'aliases', label: 'Tên gọi khác', render: (o) => (o.aliases || []).join('; ') },
            ]}
            rows={rules[key]}
            rowKey={(o) => o.code_suffix}
            className="stack-table"
          />
        ))}
      </>
    );
  }
  if (name === 'reform_index') {
    return (
      <>
        <p>
          Đơn vị thẩm định (mã): <strong>{rules.appraiser_unit_code}</strong>
        </p>
        <Table
          caption="Mức xếp loại theo % điểm tối đa"
          columns={[
            { key: 'min', label: 'Từ (%)', render: (b) => formatNumber(b.min, 2) },
            { key: 'label', label: 'Xếp loại', render: (b) => b.label },
          ]}
          rows={rules.bands || []}
          rowKey={(b) => `${b.min}-${b.label}`}
          className="stack-table"
        />
      </>
    );
  }
  return (
    <Table
      caption="Các giá trị của phiên bản"
      columns={[
        { key: 'path', label: 'Mục', render: (l) => <code>{l.path}</code> },
        { key: 'value', label: 'Giá trị', className: 'rs-value', render: (l) => show(l.value) },
      ]}
      rows={leaves(rules)}
      rowKey={(l) => l.path}
      className="stack-table"
    />
  );
}

function NewVersion({ name, current, onSaved }) {
  const form = useForm({ effective_from: '', note: '', text: JSON.stringify(current.rules, null, 2) });
  const [preview, setPreview] = useState(null);
  const parse = (text) => {
    try {
      return { rules: JSON.parse(text) };
    } catch (e) {
      return { error: `JSON không hợp lệ: ${e.message}` };
    }
  };
  const validate = (v) => ({
    effective_from: v.effective_from === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : !v.effective_from ? 'Hãy nhập ngày hiệu lực.' : v.effective_from < todayISO() ? 'Ngày hiệu lực không được trước hôm nay.' : '',
    note: v.note.trim().length < 3 ? 'Hãy ghi căn cứ hoặc lý do (ít nhất 3 ký tự).' : '',
    text: parse(v.text).error || '',
  });
  const showChanges = (e) =>
    form.submit(e, async (v) => setPreview(ruleDiff(current.rules, parse(v.text).rules)), validate);
  const save = (e) =>
    form.submit(
      e,
      async (v) => {
        const body = { effective_from: v.effective_from, note: v.note.trim(), rules: parse(v.text).rules };
        const saved = await api.post(`/rule-sets/${name}`, body);
        setPreview(null);
        onSaved(saved);
      },
      validate,
    );
  const labels = { effective_from: 'Ngày hiệu lực', note: 'Căn cứ, ghi chú', text: 'Nội dung quy tắc (JSON)' };
  for (const k of Object.keys(form.failure?.fieldErrors || {})) if (!labels[k]) labels[k] = k;
  return (
    <form onSubmit={save} noValidate aria-labelledby="rs-new-title">
      <ProblemAlert error={form.failure} fieldLabels={labels} idPrefix="rs-" />
      <div class="form-grid">
        <DateField id="rs-effective_from" label={labels.effective_from} hint="Từ hôm nay trở đi; phiên bản đã có hiệu lực không sửa được" required {...form.field('effective_from')} />
        <TextField id="rs-note" label={labels.note} hint="Ví dụ: số, ngày văn bản quy định" required maxLength={255} autoComplete="off" {...form.field('note')} />
      </div>
      <Wrap id="rs-text" label={labels.text} hint={`Bắt đầu từ phiên bản có hiệu lực từ ${formatDate(current.effective_from)}`} error={form.errors?.text} required>
        <textarea id="rs-text" class="input rs-json" spellcheck={false} value={form.values.text} onInput={(e) => form.setValue('text', e.currentTarget.value)} />
      </Wrap>
      {preview ? <ChangesTable changes={preview} caption="Thay đổi so với phiên bản đang xem" /> : null}
      <div class="form-actions">
        <button type="button" class="btn btn--secondary" onClick={showChanges} disabled={form.submitting}>
          Xem thay đổi
        </button>
        <button type="submit" class="btn btn--primary" disabled={form.submitting || !preview}>
          {form.submitting ? 'Đang lưu…' : 'Lưu phiên bản'}
        </button>
      </div>
    </form>
  );
}

function SetDetail({ set, onSaved }) {
  const [at, setAt] = useState(set.in_force_from || set.versions[set.versions.length - 1]?.effective_from);
  const version = useAsync(() => api.get(`/rule-sets/${set.name}`, { at }), [set.name, at]);
  const v = version.data;
  return (
    <section class="card" aria-labelledby="rs-set-title">
      <h2 id="rs-set-title" class="card__title">
        {SET_LABELS[set.name] || set.name}
      </h2>
      <Table
        caption="Các phiên bản"
        columns={[
          { key: 'effective_from', label: 'Hiệu lực từ', className: 'nowrap', render: (x) => formatDate(x.effective_from) },
          { key: 'state', label: 'Trạng thái', render: (x) => (x.in_force ? <Badge tone="success">Đang áp dụng</Badge> : x.effective_from > todayISO() ? <Badge tone="info">Sắp áp dụng</Badge> : <Badge>Đã thay thế</Badge>) },
          { key: 'note', label: 'Căn cứ, ghi chú', render: (x) => x.note || '' },
          { key: 'by', label: 'Người tạo', render: (x) => (x.created_by_name ? `${x.created_by_name}, ${formatDateTime(x.created_at)}` : 'Dữ liệu ban đầu') },
          {
            key: 'view',
            label: 'Thao tác',
            className: 'table__actions',
            render: (x) => (
              <button type="button" class="btn btn--ghost btn--small" onClick={() => setAt(x.effective_from)} aria-pressed={x.effective_from === at ? 'true' : 'false'}>
                Xem<span class="sr-only"> phiên bản từ {formatDate(x.effective_from)}</span>
              </button>
            ),
          },
        ]}
        rows={set.versions}
        rowKey={(x) => x.effective_from}
        className="stack-table"
      />
      <ProblemAlert error={version.error} focus={false} onRetry={version.reload} />
      {v ? (
        <>
          <h3>Phiên bản có hiệu lực từ {formatDate(v.effective_from)}</h3>
          <RulesView name={set.name} rules={v.rules} />
          {v.previous_effective_from ? <ChangesTable changes={v.changes} caption={`Thay đổi so với phiên bản từ ${formatDate(v.previous_effective_from)}`} /> : null}
          <h3 id="rs-new-title">Tạo phiên bản mới</h3>
          <NewVersion key={`${set.name}-${v.effective_from}`} name={set.name} current={v} onSaved={(s) => onSaved(s, setAt)} />
        </>
      ) : null}
    </section>
  );
}

export function RuleSets() {
  usePageTitle('Quy tắc nghiệp vụ');
  const list = useAsync(() => api.get('/rule-sets'), []);
  const [name, setName] = useState(null);
  const [notice, setNotice] = useState('');
  const sets = list.data?.items || [];
  const set = sets.find((s) => s.name === name);
  const onSaved = (saved, setAt) => {
    setNotice(`Đã lưu phiên bản "${SET_LABELS[saved.name]}" có hiệu lực từ ${formatDate(saved.effective_from)}.`);
    list.reload();
    setAt(saved.effective_from);
  };
  return (
    <>
      <PageHeader title="Quy tắc nghiệp vụ" lead="Thời hạn, kỳ báo cáo, trọng số, ngưỡng và mức xếp loại theo từng phiên bản có ngày hiệu lực. Mỗi phép tính dùng phiên bản có hiệu lực tại kỳ của nó." />
      <Notice>{notice}</Notice>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <Table
        caption="Các bộ quy tắc"
        columns={[
          { key: 'label', label: 'Bộ quy tắc', render: (s) => SET_LABELS[s.name] || s.name },
          { key: 'in_force_from', label: 'Đang áp dụng từ', className: 'nowrap', render: (s) => (s.in_force_from ? formatDate(s.in_force_from) : '—') },
          { key: 'versions', label: 'Số phiên bản', render: (s) => formatNumber(s.versions.length) },
          {
            key: 'open',
            label: 'Thao tác',
            className: 'table__actions',
            render: (s) => (
              <button type="button" class="btn btn--ghost btn--small" onClick={() => { setNotice(''); setName(s.name); }} aria-pressed={s.name === name ? 'true' : 'false'}>
                Mở<span class="sr-only"> {SET_LABELS[s.name]}</span>
              </button>
            ),
          },
        ]}
        rows={sets}
        rowKey={(s) => s.name}
        className="stack-table"
        loading={list.loading && !list.data}
        empty="Chưa có bộ quy tắc nào."
      />
      {set ? <SetDetail key={set.name} set={set} onSaved={onSaved} /> : null}
    </>
  );
}
