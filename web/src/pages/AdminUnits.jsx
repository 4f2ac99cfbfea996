import { useEffect, useMemo, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Tree } from '../components/Tree.jsx';
import { Badge } from '../components/Badge.jsx';
import { Modal } from '../components/Modal.jsx';
import { TextField, SelectField, CheckboxField, DateField } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { canManageUnits } from '../auth.js';
import { formatDate, LEVELS, levelLabel, todayISO, toId } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { indexById, invalidateUnits, isActive, loadUnitTree, searchTree, subtreeIds, unitComboOptions } from '../units.js';
import { queryOf } from '../router.js';
import { OfficesForm, OFFICE_PARENT_LEVELS } from './AdminUnitsOffices.jsx';
import { TextAreaField } from './PlanCommon.jsx';

const LEVEL_OPTIONS = LEVELS.map((l) => ({ value: l, label: levelLabel(l) }));
const UNIT_LABELS = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  level: 'Cấp',
  parent_id: 'Đơn vị cấp trên',
  coordinator: 'Đơn vị điều phối',
  valid_from: 'Hiệu lực từ ngày',
  aliases: 'Tên gọi khác',
  successor_id: 'Đơn vị tiếp nhận',
  date: 'Ngày',
};

function requiredDate(v, msg) {
  if (v === null) return 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.';
  return v ? '' : msg;
}

function UnitStatus({ unit, byId }) {
  if (isActive(unit)) return null;
  if (unit.successor_id) {
    const s = byId.get(unit.successor_id);
    return <Badge tone="warning">Đã sáp nhập{s ? ` vào ${s.name}` : ''}</Badge>;
  }
  if (unit.valid_from && unit.valid_from.slice(0, 10) > todayISO()) {
    return <Badge tone="info">Hiệu lực từ {formatDate(unit.valid_from)}</Badge>;
  }
  return <Badge tone="warning">Ngừng hoạt động</Badge>;
}

/** The aliases typed one per line, trimmed, blank lines dropped. */
function aliasLines(text) {
  return (text || '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function UnitForm({ unit, parentId, roots, onDone, onCancel }) {
  const editing = !!unit;
  const form = useForm(
    editing
      ? {
          code: unit.code || '',
          name: unit.name || '',
          level: unit.level || '',
          parent_id: unit.parent_id == null ? '' : String(unit.parent_id),
          coordinator: !!unit.coordinator,
          aliases: (unit.aliases || []).join('\n'),
        }
      : { code: '', name: '', level: '', parent_id: parentId == null ? '' : String(parentId), coordinator: false, valid_from: todayISO(), aliases: '' },
  );
  const exclude = editing ? subtreeIds(unit) : new Set();
  const parents = unitComboOptions(roots, { exclude });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        const body = {
          code: v.code.trim(),
          name: v.name.trim(),
          parent_id: toId(v.parent_id),
          coordinator: !!v.coordinator,
          aliases: aliasLines(v.aliases),
        };
        let saved;
        if (editing) {
          saved = await api.put(`/units/${unit.id}`, body);
        } else {
          body.level = v.level;
          if (v.valid_from) body.valid_from = v.valid_from;
          saved = await api.post('/units', body);
        }
        onDone(saved, editing ? 'Đã lưu thay đổi của đơn vị.' : 'Đã thêm đơn vị.');
      },
      (v) => ({
        code: v.code.trim() ? '' : 'Vui lòng nhập mã đơn vị.',
        name: v.name.trim() ? '' : 'Vui lòng nhập tên đơn vị.',
        level: editing || v.level ? '' : 'Vui lòng chọn cấp của đơn vị.',
        parent_id: v.parent_id || v.level === 'province' || (editing && unit.level === 'province') ? '' : 'Vui lòng chọn đơn vị cấp trên.',
        valid_from: editing ? '' : v.valid_from === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '',
      }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={form.failure} fieldLabels={UNIT_LABELS} idPrefix="unit-" />
      <TextField id="unit-name" label={UNIT_LABELS.name} required {...form.field('name')} />
      <TextField id="unit-code" label={UNIT_LABELS.code} required autoComplete="off" {...form.field('code')} />
      {editing ? (
        <p class="muted small">Cấp: {levelLabel(unit.level)}</p>
      ) : (
        <SelectField id="unit-level" label={UNIT_LABELS.level} required options={LEVEL_OPTIONS} placeholder="— Chọn cấp —" {...form.field('level')} />
      )}
      <Combobox
        id="unit-parent_id"
        label={UNIT_LABELS.parent_id}
        hint={editing ? 'Chọn đơn vị khác để chuyển đơn vị này sang đơn vị cấp trên mới.' : undefined}
        options={parents}
        placeholder="Không có (cấp cao nhất)"
        {...form.field('parent_id')}
      />
      <CheckboxField
        id="unit-coordinator"
        label="Đơn vị điều phối công tác kiểm soát TTHC của tỉnh (Văn phòng UBND tỉnh)"
        {...form.field('coordinator')}
      />
      {editing ? null : <DateField id="unit-valid_from" label={UNIT_LABELS.valid_from} {...form.field('valid_from')} />}
      <TextAreaField
        id="unit-aliases"
        label={UNIT_LABELS.aliases}
        hint="Mỗi dòng một tên mà văn bản hay dùng để gọi đơn vị (ví dụ: Phòng TP, VP HĐND-UBND). Khi nhập kế hoạch, hệ thống nhận ra đơn vị theo các tên này."
        rows={3}
        {...form.field('aliases')}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          {form.submitting ? 'Đang lưu…' : editing ? 'Lưu thay đổi' : 'Thêm đơn vị'}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function MergeForm({ unit, roots, onDone, onCancel }) {
  const form = useForm({ successor_id: '', date: todayISO() });
  const options = unitComboOptions(roots, { exclude: subtreeIds(unit) });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        await api.post(`/units/${unit.id}/merge`, { successor_id: toId(v.successor_id), date: v.date });
        onDone(null, `Đã sáp nhập ${unit.name}.`);
      },
      (v) => ({
        successor_id: v.successor_id ? '' : 'Vui lòng chọn đơn vị tiếp nhận.',
        date: requiredDate(v.date, 'Vui lòng nhập ngày sáp nhập.'),
      }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>
        Sáp nhập <strong>{unit.name}</strong> vào một đơn vị khác. Đơn vị cũ và dữ liệu của nó được giữ lại trong lịch
        sử; số liệu từ ngày sáp nhập được tính cho đơn vị tiếp nhận.
      </p>
      <ProblemAlert error={form.failure} fieldLabels={UNIT_LABELS} idPrefix="merge-" />
      <Combobox id="merge-successor_id" label={UNIT_LABELS.successor_id} required options={options} placeholder="Gõ tên đơn vị" {...form.field('successor_id')} />
      <DateField id="merge-date" label="Ngày sáp nhập" required {...form.field('date')} />
      <div class="form-actions">
        <button type="submit" class="btn btn--warning" disabled={form.submitting}>
          {form.submitting ? 'Đang xử lý…' : 'Sáp nhập'}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function RetireForm({ unit, onDone, onCancel }) {
  const form = useForm({ date: todayISO() });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        await api.post(`/units/${unit.id}/retire`, { date: v.date });
        onDone(null, `Đã ghi nhận ${unit.name} ngừng hoạt động.`);
      },
      (v) => ({ date: requiredDate(v.date, 'Vui lòng nhập ngày ngừng hoạt động.') }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>
        <strong>{unit.name}</strong> sẽ ngừng hoạt động từ ngày đã chọn. Dữ liệu của đơn vị vẫn được lưu và xem được trong
        lịch sử.
      </p>
      <ProblemAlert error={form.failure} fieldLabels={UNIT_LABELS} idPrefix="retire-" />
      <DateField id="retire-date" label="Ngừng hoạt động từ ngày" required {...form.field('date')} />
      <div class="form-actions">
        <button type="submit" class="btn btn--danger" disabled={form.submitting}>
          {form.submitting ? 'Đang xử lý…' : 'Ngừng hoạt động'}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function UnitDetails({ unit, byId, canEdit, onAction }) {
  if (!unit) {
    return <p class="muted">Chọn một đơn vị trong cây để xem chi tiết.</p>;
  }
  const parent = unit.parent_id != null ? byId.get(unit.parent_id) : null;
  const successor = unit.successor_id != null ? byId.get(unit.successor_id) : null;
  const active = isActive(unit);
  return (
    <>
      <h2 class="card__title">{unit.name}</h2>
      <dl class="facts">
        <dt>Mã đơn vị</dt>
        <dd>{unit.code || '—'}</dd>
        <dt>Cấp</dt>
        <dd>{levelLabel(unit.level)}</dd>
        <dt>Đơn vị cấp trên</dt>
        <dd>{parent ? parent.name : '—'}</dd>
        {unit.aliases && unit.aliases.length ? (
          <>
            <dt>Tên gọi khác</dt>
            <dd>{unit.aliases.join('; ')}</dd>
          </>
        ) : null}
        <dt>Hiệu lực</dt>
        <dd>
          {unit.valid_from ? `Từ ${formatDate(unit.valid_from)}` : 'Từ khi thành lập'}
          {unit.valid_to ? ` đến ${formatDate(unit.valid_to)}` : ''}
        </dd>
        {successor ? (
          <>
            <dt>Đơn vị tiếp nhận</dt>
            <dd>{successor.name}</dd>
          </>
        ) : null}
        <dt>Trạng thái</dt>
        <dd>
          {active ? <Badge tone="success">Đang hoạt động</Badge> : <UnitStatus unit={unit} byId={byId} />}{' '}
          {unit.coordinator ? <Badge tone="info">Đơn vị điều phối</Badge> : null}
        </dd>
      </dl>
      {canEdit ? (
        <div class="button-row">
          <button type="button" class="btn btn--secondary" onClick={() => onAction('edit')}>
            Sửa, chuyển đơn vị
          </button>
          <button type="button" class="btn btn--secondary" onClick={() => onAction('child')}>
            Thêm đơn vị trực thuộc
          </button>
          {active ? (
            <>
              <button type="button" class="btn btn--warning" onClick={() => onAction('merge')}>
                Sáp nhập
              </button>
              <button type="button" class="btn btn--danger" onClick={() => onAction('retire')}>
                Ngừng hoạt động
              </button>
              {OFFICE_PARENT_LEVELS.includes(unit.level) ? (
                <button type="button" class="btn btn--secondary" onClick={() => onAction('offices')}>
                  Tạo các phòng chuyên môn
                </button>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

export function AdminUnits({ user, search }) {
  usePageTitle('Quản trị đơn vị');
  const canEdit = canManageUnits(user);
  const tree = useAsync(() => loadUnitTree({ force: true }), []);
  const roots = tree.data || [];
  const byId = useMemo(() => indexById(roots), [roots]);
  // ?q= (a result of the search across modules) starts the tree filtered to that unit.
  const [query, setQuery] = useState(() => queryOf(search || '').q || '');
  const [showRetired, setShowRetired] = useState(false);
  const [expanded, setExpanded] = useState(new Set());
  const [selectedId, setSelectedId] = useState(null);
  const [dialog, setDialog] = useState(null); // 'create' | 'child' | 'edit' | 'merge' | 'retire'
  const [notice, setNotice] = useState('');

  const filtered = useMemo(() => searchTree(roots, query, { includeRetired: showRetired }), [roots, query, showRetired]);
  // The top level opens once loaded; a search opens the path to every match.
  useEffect(() => {
    if (roots.length && expanded.size === 0 && !query.trim()) setExpanded(new Set(roots.map((r) => r.id)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [roots]);
  useEffect(() => {
    if (query.trim()) setExpanded(filtered.expand);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filtered]);
  const open = expanded;
  const toggle = (id) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };
  const expandAll = () => setExpanded(new Set([...byId.values()].filter((u) => u.children?.length).map((u) => u.id)));
  const collapseAll = () => setExpanded(new Set());

  const selected = selectedId != null ? byId.get(selectedId) : null;
  const done = (saved, message) => {
    setDialog(null);
    setNotice(message);
    invalidateUnits();
    if (saved && saved.id != null) setSelectedId(saved.id);
    tree.reload();
  };

  const renderNode = (n) => (
    <span class="tree__content">
      <button
        type="button"
        class={`tree__label ${n.id === selectedId ? 'is-selected' : ''} ${isActive(n) ? '' : 'is-retired'}`}
        aria-pressed={n.id === selectedId ? 'true' : 'false'}
        onClick={() => setSelectedId(n.id)}
      >
        {n.name}
      </button>
      <span class="tree__meta">
        <span class="muted small">{n.code}</span> {n.coordinator ? <Badge tone="info">Điều phối</Badge> : null}{' '}
        <UnitStatus unit={n} byId={byId} />
      </span>
    </span>
  );

  const dialogTitle = {
    create: 'Thêm đơn vị',
    child: `Thêm đơn vị trực thuộc ${selected?.name || ''}`,
    edit: `Sửa đơn vị: ${selected?.name || ''}`,
    merge: `Sáp nhập đơn vị: ${selected?.name || ''}`,
    retire: `Ngừng hoạt động: ${selected?.name || ''}`,
    offices: `Tạo các phòng chuyên môn: ${selected?.name || ''}`,
  }[dialog];

  return (
    <>
      <PageHeader
        title="Đơn vị"
        lead="Cây tổ chức của tỉnh: sở, ban, ngành; UBND cấp huyện, cấp xã và các phòng chuyên môn; cơ quan ngành dọc; bộ phận một cửa."
        actions={
          canEdit ? (
            <button type="button" class="btn btn--primary" onClick={() => setDialog('create')}>
              Thêm đơn vị
            </button>
          ) : null
        }
      />
      <Notice>{notice}</Notice>
      <ProblemAlert error={tree.error} focus={false} onRetry={tree.reload} />
      <div class="split">
        <section class="card split__main" aria-labelledby="tree-title">
          <h2 id="tree-title" class="card__title">
            Cây đơn vị
          </h2>
          <div class="toolbar">
            <TextField
              id="unit-search"
              label="Tìm đơn vị"
              type="search"
              hint="Gõ tên hoặc mã, có dấu hoặc không dấu."
              value={query}
              onValue={setQuery}
              autoComplete="off"
              className="toolbar__grow"
            />
            <CheckboxField id="unit-retired" label="Hiện cả đơn vị đã ngừng hoạt động" value={showRetired} onValue={setShowRetired} />
          </div>
          <div class="button-row">
            <button type="button" class="btn btn--secondary btn--small" onClick={expandAll}>
              Mở rộng tất cả
            </button>
            <button type="button" class="btn btn--secondary btn--small" onClick={collapseAll}>
              Thu gọn tất cả
            </button>
          </div>
          {tree.loading && !tree.data ? <p aria-live="polite">Đang tải cây đơn vị…</p> : null}
          {!tree.loading && filtered.roots.length === 0 ? <p>Không có đơn vị nào phù hợp.</p> : null}
          <Tree nodes={filtered.roots} expanded={open} onToggle={toggle} renderNode={renderNode} label="Cây đơn vị" />
        </section>
        <section class="card split__side" aria-label="Chi tiết đơn vị" aria-live="polite">
          <UnitDetails unit={selected} byId={byId} canEdit={canEdit} onAction={setDialog} />
        </section>
      </div>
      <Modal open={!!dialog} title={dialogTitle} onClose={() => setDialog(null)}>
        {dialog === 'create' ? <UnitForm roots={roots} onDone={done} onCancel={() => setDialog(null)} /> : null}
        {dialog === 'child' && selected ? (
          <UnitForm roots={roots} parentId={selected.id} onDone={done} onCancel={() => setDialog(null)} />
        ) : null}
        {dialog === 'edit' && selected ? <UnitForm unit={selected} roots={roots} onDone={done} onCancel={() => setDialog(null)} /> : null}
        {dialog === 'merge' && selected ? <MergeForm unit={selected} roots={roots} onDone={done} onCancel={() => setDialog(null)} /> : null}
        {dialog === 'retire' && selected ? <RetireForm unit={selected} onDone={done} onCancel={() => setDialog(null)} /> : null}
        {dialog === 'offices' && selected ? <OfficesForm unit={selected} onDone={done} onCancel={() => setDialog(null)} /> : null}
      </Modal>
    </>
  );
}
