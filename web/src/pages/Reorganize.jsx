// /app/to-chuc-lai — the reorganisation of units from one date (issue 20), for the province's
// administrators: the merges, retirements and moves are collected here, previewed (every change
// and the open work that would move, nothing saved) and then confirmed in one transaction.
import { useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Table } from '../components/Table.jsx';
import { Badge } from '../components/Badge.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { TextField, SelectField, DateField, CheckboxField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatNumber, levelLabel, LEVELS } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { loadUnitTree, unitComboOptions, indexById, invalidateUnits } from '../units.js';

const KIND_LABELS = { merge: 'Sáp nhập', retire: 'Giải thể', move: 'Chuyển đơn vị cấp trên' };
const FIELD_LABELS = { effective_from: 'Ngày có hiệu lực', merge: 'Sáp nhập', retire: 'Giải thể', move: 'Chuyển đơn vị' };
const OBJECTS = [
  ['users', 'Người dùng'],
  ['assignments', 'Nhiệm vụ đang thực hiện'],
  ['feedback', 'Phản ánh đang xử lý'],
  ['reports', 'Báo cáo nháp, bị trả lại'],
  ['review_forms', 'Phiếu rà soát chưa gửi'],
  ['index_assessments', 'Tự chấm điểm Chỉ số CCHC chưa gửi'],
  ['inspections', 'Cuộc kiểm tra dự kiến (đơn vị được kiểm tra)'],
  ['inspections_led', 'Cuộc kiểm tra dự kiến (đơn vị chủ trì kiểm tra)'],
];
const LEVEL_OPTIONS = LEVELS.map((l) => ({ value: l, label: levelLabel(l) }));

function MergeForm({ options, onAdd }) {
  const [from, setFrom] = useState([]);
  const [pick, setPick] = useState('');
  const [into, setInto] = useState('');
  const [isNew, setIsNew] = useState(false);
  const [nu, setNu] = useState({ code: '', name: '', level: 'commune', parent_id: '' });
  const set = (k) => (v) => setNu((x) => ({ ...x, [k]: v }));
  const name = (id) => options.find((o) => o.value === String(id))?.label || id;
  const ready = from.length > 0 && (isNew ? nu.code && nu.name && nu.level : into);
  const add = () => {
    const target = isNew ? { code: nu.code.trim(), name: nu.name.trim(), level: nu.level, parent_id: nu.parent_id ? Number(nu.parent_id) : null } : Number(into);
    onAdd({ from: from.map(Number), into: target });
    setFrom([]);
    setInto('');
    setNu({ code: '', name: '', level: 'commune', parent_id: '' });
  };
  return (
    <fieldset class="card">
      <legend>Sáp nhập</legend>
      <Combobox id="ro-merge-pick" label="Đơn vị bị sáp nhập" options={options} value={pick} onValue={setPick} placeholder="Gõ tên đơn vị" />
      <button type="button" class="btn btn--secondary btn--small" disabled={!pick || from.includes(pick)} onClick={() => { setFrom([...from, pick]); setPick(''); }}>
        Thêm đơn vị bị sáp nhập
      </button>
      {from.length ? <p class="small">Sẽ sáp nhập: {from.map(name).join('; ')}</p> : null}
      <CheckboxField id="ro-merge-new" label="Sáp nhập thành đơn vị mới" value={isNew} onValue={setIsNew} />
      {isNew ? (
        <div class="form-grid">
          <TextField id="ro-new-code" label="Mã đơn vị mới" value={nu.code} onValue={set('code')} autoComplete="off" />
          <TextField id="ro-new-name" label="Tên đơn vị mới" value={nu.name} onValue={set('name')} />
          <SelectField id="ro-new-level" label="Cấp" options={LEVEL_OPTIONS} value={nu.level} onValue={set('level')} />
          <Combobox id="ro-new-parent" label="Đơn vị cấp trên" options={options} value={nu.parent_id} onValue={set('parent_id')} placeholder="Không có (cấp tỉnh)" />
        </div>
      ) : (
        <Combobox id="ro-merge-into" label="Đơn vị tiếp nhận" options={options} value={into} onValue={setInto} placeholder="Gõ tên đơn vị" />
      )}
      <button type="button" class="btn btn--secondary" disabled={!ready} onClick={add}>
        Thêm vào danh sách sáp nhập
      </button>
    </fieldset>
  );
}

function RetireMoveForm({ options, onRetire, onMove }) {
  const [retire, setRetire] = useState('');
  const [unit, setUnit] = useState('');
  const [parent, setParent] = useState('');
  return (
    <>
      <fieldset class="card">
        <legend>Giải thể</legend>
        <Combobox id="ro-retire" label="Đơn vị giải thể" hint="Đơn vị kế thừa là đơn vị cấp trên (hoặc đơn vị kế thừa của đơn vị cấp trên)." options={options} value={retire} onValue={setRetire} placeholder="Gõ tên đơn vị" />
        <button type="button" class="btn btn--secondary" disabled={!retire} onClick={() => { onRetire(Number(retire)); setRetire(''); }}>
          Thêm vào danh sách giải thể
        </button>
      </fieldset>
      <fieldset class="card">
        <legend>Chuyển đơn vị</legend>
        <Combobox id="ro-move-unit" label="Đơn vị" options={options} value={unit} onValue={setUnit} placeholder="Gõ tên đơn vị" />
        <Combobox id="ro-move-parent" label="Đơn vị cấp trên mới" options={options} value={parent} onValue={setParent} placeholder="Gõ tên đơn vị" />
        <button type="button" class="btn btn--secondary" disabled={!unit || !parent} onClick={() => { onMove({ id: Number(unit), parent_id: Number(parent) }); setUnit(''); setParent(''); }}>
          Thêm vào danh sách chuyển
        </button>
      </fieldset>
    </>
  );
}

/** The request as rows a person reads: one per merge, retirement and move, each removable. */
function RequestTable({ plan, byId, onRemove }) {
  const n = (id) => byId.get(id)?.name || `#${id}`;
  const rows = [
    ...plan.merge.map((m, i) => ({ key: `m${i}`, kind: 'merge', i, what: m.from.map(n).join('; '), to: typeof m.into === 'object' ? `${m.into.name} (mới)` : n(m.into) })),
    ...plan.retire.map((id, i) => ({ key: `r${i}`, kind: 'retire', i, what: n(id), to: 'Đơn vị cấp trên' })),
    ...plan.move.map((m, i) => ({ key: `v${i}`, kind: 'move', i, what: n(m.id), to: n(m.parent_id) })),
  ];
  return (
    <Table
      caption="Các thay đổi sẽ gửi"
      columns={[
        { key: 'kind', label: 'Loại', render: (r) => KIND_LABELS[r.kind] },
        { key: 'what', label: 'Đơn vị', render: (r) => r.what },
        { key: 'to', label: 'Vào / kế thừa / cấp trên mới', render: (r) => r.to },
        {
          key: 'x',
          label: 'Thao tác',
          className: 'table__actions',
          render: (r) => (
            <button type="button" class="btn btn--ghost btn--small" onClick={() => onRemove(r.kind, r.i)}>
              Bỏ<span class="sr-only"> {r.what}</span>
            </button>
          ),
        },
      ]}
      rows={rows}
      rowKey={(r) => r.key}
      className="stack-table"
      empty="Chưa có thay đổi nào."
    />
  );
}

/** The server's answer: every change, and per ended unit the objects that move. */
function ResultView({ result }) {
  const byUnit = new Map(result.changes.map((c) => [c.id, c.unit?.name || `#${c.id}`]));
  return (
    <>
      <Table
        caption={result.preview ? 'Xem trước: các thay đổi (chưa lưu)' : 'Các thay đổi đã thực hiện'}
        columns={[
          { key: 'kind', label: 'Loại', render: (c) => KIND_LABELS[c.kind] },
          { key: 'unit', label: 'Đơn vị', render: (c) => c.unit?.name || `#${c.id}` },
          { key: 'to', label: 'Vào / kế thừa / cấp trên mới', render: (c) => `${c.to?.name || ''}${c.creates_successor ? ' (mới)' : ''}` },
          { key: 'auto', label: 'Ghi chú', render: (c) => (c.automatic ? <Badge tone="info">Tự động theo đơn vị cấp trên</Badge> : '') },
        ]}
        rows={result.changes}
        rowKey={(c) => `${c.kind}-${c.id}`}
        className="stack-table"
      />
      <Table
        caption="Dữ liệu chuyển sang đơn vị kế thừa (số lượng; giữ lại: đơn vị kế thừa đã có cùng việc đó, hoặc bản tự chấm điểm không hợp với cấp của đơn vị kế thừa)"
        columns={[
          { key: 'unit', label: 'Đơn vị', render: (m) => byUnit.get(m.unit_id) || `#${m.unit_id}` },
          ...OBJECTS.map(([k, label]) => ({
            key: k,
            label,
            className: 'num',
            render: (m) => `${formatNumber(m[k].count)}${m[k].kept_ids.length ? ` (giữ lại ${formatNumber(m[k].kept_ids.length)})` : ''}`,
          })),
        ]}
        rows={result.moved}
        rowKey={(m) => m.unit_id}
        className="stack-table"
        empty="Không có đơn vị nào kết thúc."
      />
    </>
  );
}

const EMPTY = { merge: [], retire: [], move: [] };

export function Reorganize() {
  usePageTitle('Tổ chức lại đơn vị');
  const tree = useAsync(() => loadUnitTree({ force: true }), []);
  const [effective, setEffective] = useState('');
  const [plan, setPlan] = useState(EMPTY);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const roots = tree.data || [];
  const options = unitComboOptions(roots);
  const byId = indexById(roots);
  const change = (p) => {
    setPlan(p);
    setResult(null);
  };
  const remove = (kind, i) => change({ ...plan, [kind]: plan[kind].filter((_, k) => k !== i) });
  const send = async (preview) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const out = await api.post('/units/reorganize', { effective_from: effective, preview, ...plan });
      setResult(out);
      if (!preview) {
        invalidateUnits();
        setPlan(EMPTY);
        setNotice(`Đã tổ chức lại đơn vị từ ngày ${formatDate(out.effective_from)} (lần tổ chức lại số ${out.reorganization_id}).`);
        tree.reload();
      }
    } catch (e) {
      setError(e);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  const empty = !plan.merge.length && !plan.retire.length && !plan.move.length;
  return (
    <>
      <PageHeader
        title="Tổ chức lại đơn vị"
        lead="Sáp nhập, giải thể, chuyển đơn vị từ một ngày. Đơn vị kết thúc vào ngày trước ngày có hiệu lực; người dùng, nhiệm vụ, phản ánh và báo cáo đang xử lý chuyển sang đơn vị kế thừa, dữ liệu đã hoàn thành giữ nguyên. Hãy xem trước rồi xác nhận."
      />
      <Notice>{notice}</Notice>
      <ProblemAlert error={tree.error} focus={false} onRetry={tree.reload} />
      <DateField id="ro-effective_from" label={FIELD_LABELS.effective_from} required value={effective} onValue={(v) => { setEffective(v); setResult(null); }} />
      <MergeForm options={options} onAdd={(m) => change({ ...plan, merge: [...plan.merge, m] })} />
      <RetireMoveForm options={options} onRetire={(id) => change({ ...plan, retire: [...plan.retire, id] })} onMove={(m) => change({ ...plan, move: [...plan.move, m] })} />
      <RequestTable plan={plan} byId={byId} onRemove={remove} />
      <ProblemAlert error={error} fieldLabels={FIELD_LABELS} idPrefix="ro-" />
      <div class="form-actions">
        <button type="button" class="btn btn--secondary" disabled={busy || empty || !effective} onClick={() => send(true)}>
          Xem trước
        </button>
        <button type="button" class="btn btn--primary" disabled={busy || !result || !result.preview} onClick={() => send(false)}>
          Xác nhận tổ chức lại
        </button>
      </div>
      {result ? <ResultView result={result} /> : null}
    </>
  );
}
