// Sổ theo dõi (issue 18): focal officers' appointments and vacant units, training courses with
// their attendees and the officers not trained in a year, and the TT167 budget of a unit and year.
// Scope is the server's: every list shows what the signed-in user may see.
import { useEffect, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { CheckboxField, DateField, SelectField, TextField } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { Modal } from '../components/Modal.jsx';
import { Notice, ProblemAlert } from '../components/ProblemAlert.jsx';
import { Pager } from '../components/Pager.jsx';
import { Table } from '../components/Table.jsx';
import { api } from '../api.js';
import { hasPermission } from '../auth.js';
import { formatDate, formatNumber, formatVnd, levelLabel, todayISO } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { loadUnitTree, unitComboOptions, unitOptions } from '../units.js';
import './Registries.css';

const PER_PAGE = 50;
const canWrite = (user) => hasPermission(user, 'registries.write');
const thisYear = () => Number(todayISO().slice(0, 4));

function yearOptions() {
  const out = [];
  for (let y = thisYear() + 1; y >= 2020; y--) out.push({ value: String(y), label: `Năm ${y}` });
  return out;
}

const SECTIONS = [
  { href: '/app/so-theo-doi', label: 'Cán bộ đầu mối' },
  { href: '/app/so-theo-doi/tap-huan', label: 'Tập huấn, bồi dưỡng' },
  { href: '/app/so-theo-doi/kinh-phi', label: 'Kinh phí' },
];

/** The three registers as links (each its own page and address). */
function RegNav({ current }) {
  return (
    <nav class="reg-nav" aria-label="Các sổ theo dõi">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} aria-current={s.href === current ? 'page' : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Loading() {
  return (
    <p class="loading" role="status">
      Đang tải…
    </p>
  );
}

/** The active users of a unit, for the pickers (the server limits them to the reader's scope). */
function useUnitUsers(unitId) {
  return useAsync(() => (unitId ? api.get('/users', { unit_id: unitId, per_page: 500 }) : Promise.resolve({ items: [] })), [unitId]);
}

const userLabel = (u) => `${u.full_name} (${u.username})`;

// ---- focal officers ------------------------------------------------------------------------------

function AppointForm({ units, onDone }) {
  const [unit, setUnit] = useState('');
  const [v, setV] = useState({ user_id: '', decision_no: '', decision_date: '', start_date: todayISO() });
  const [file, setFile] = useState(null);
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const users = useUnitUsers(unit);
  const errors = failure?.fieldErrors || {};
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const body = { user_id: Number(v.user_id) || 0, decision_no: v.decision_no.trim(), decision_date: v.decision_date || '', start_date: v.start_date || '' };
      if (unit) body.unit_id = Number(unit);
      const a = await api.post('/focal-officers', body);
      if (file) {
        const fd = new FormData();
        fd.append('file', file, file.name);
        await api.post(`/focal-officers/${a.id}/decision`, fd);
      }
      setV({ user_id: '', decision_no: '', decision_date: '', start_date: todayISO() });
      setFile(null);
      onDone(`Đã cử ${a.full_name} làm cán bộ đầu mối của ${a.unit_name}.`);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const userOptions = (users.data?.items || []).filter((u) => u.active !== false).map((u) => ({ value: String(u.id), label: userLabel(u) }));
  return (
    <section class="card" aria-labelledby="focal-new-title">
      <h2 id="focal-new-title" class="card__title">
        Cử cán bộ đầu mối
      </h2>
      <ProblemAlert error={failure} idPrefix="focal-" fieldLabels={{ user_id: 'Cán bộ', unit_id: 'Đơn vị', decision_no: 'Số quyết định', decision_date: 'Ngày quyết định', start_date: 'Ngày bắt đầu', end_date: 'Ngày kết thúc' }} />
      <form onSubmit={submit} noValidate>
        <div class="form-grid">
          <Combobox id="focal-unit_id" label="Đơn vị" required value={unit} options={units} error={errors.unit_id} onValue={(x) => { setUnit(x); setV({ ...v, user_id: '' }); }} />
          <SelectField id="focal-user_id" label="Cán bộ" required value={v.user_id} placeholder={unit ? '— Chọn cán bộ —' : '— Chọn đơn vị trước —'} options={userOptions} error={errors.user_id} onValue={set('user_id')} />
          <TextField id="focal-decision_no" label="Số quyết định cử" required value={v.decision_no} error={errors.decision_no} onValue={set('decision_no')} />
          <DateField id="focal-decision_date" label="Ngày quyết định" required value={v.decision_date} error={errors.decision_date} onValue={set('decision_date')} />
          <DateField id="focal-start_date" label="Ngày bắt đầu làm đầu mối" required value={v.start_date} error={errors.start_date} onValue={set('start_date')} />
          <div class="field">
            <label class="field__label" for="focal-file">
              Tệp quyết định (PDF, DOC, ảnh)
            </label>
            <input id="focal-file" type="file" class="input" accept=".pdf,.doc,.docx,.jpg,.jpeg,.png" onChange={(e) => setFile(e.currentTarget.files[0] || null)} />
          </div>
        </div>
        <p class="button-row">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Cử cán bộ đầu mối'}
          </button>
        </p>
      </form>
    </section>
  );
}

function EndDialog({ appointment, onClose, onDone }) {
  const [endDate, setEndDate] = useState(todayISO());
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await api.put(`/focal-officers/${appointment.id}`, { end_date: endDate || '', end_reason: reason.trim() || null });
      onDone(`Đã kết thúc việc cử ${appointment.full_name}.`);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`Kết thúc cử cán bộ đầu mối: ${appointment.full_name}`} open onClose={onClose}>
      <ProblemAlert error={failure} />
      <form onSubmit={submit} noValidate>
        <DateField id="focal-end-date" label="Ngày thôi làm đầu mối" required value={endDate} error={failure?.fieldErrors?.end_date} onValue={setEndDate} />
        <TextField id="focal-end-reason" label="Lý do" value={reason} onValue={setReason} />
        <p class="button-row">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            Kết thúc
          </button>
          <button type="button" class="btn btn--secondary" onClick={onClose}>
            Hủy
          </button>
        </p>
      </form>
    </Modal>
  );
}

/** /app/so-theo-doi?don_vi=&trong=1&trang= — the focal officers in force, or the vacant units. */
export function FocalOfficers({ user, search }) {
  usePageTitle('Cán bộ đầu mối kiểm soát TTHC');
  const qs = queryOf(search);
  const f = { don_vi: qs.don_vi || '', trong: qs.trong === '1' ? '1' : '', trang: Number(qs.trang) || 1 };
  const query = { unit_id: f.don_vi || undefined, vacant: f.trong || undefined };
  const list = useAsync(() => api.get('/focal-officers', { ...query, page: f.trang, per_page: PER_PAGE }), [f.don_vi, f.trong, f.trang]);
  const units = useAsync(() => loadUnitTree(), []);
  const [done, setDone] = useState('');
  const [ending, setEnding] = useState(null);
  const setQuery = (change) => navigate(withQuery('/app/so-theo-doi', { ...f, trang: undefined, ...change }), { replace: true });
  const writer = canWrite(user);
  const d = list.data;
  const finished = (msg) => {
    setDone(msg);
    setEnding(null);
    list.reload();
  };
  const columns = f.trong
    ? [
        { key: 'unit_name', label: 'Đơn vị chưa có đầu mối' },
        { key: 'unit_level', label: 'Cấp', render: (r) => levelLabel(r.unit_level) },
        { key: 'parent_name', label: 'Trực thuộc', render: (r) => r.parent_name || '—' },
      ]
    : [
        { key: 'unit_name', label: 'Đơn vị' },
        { key: 'full_name', label: 'Cán bộ đầu mối', render: (r) => (
            <>
              {r.full_name}
              {r.phone || r.email ? <span class="muted small reg-contact">{[r.phone, r.email].filter(Boolean).join(' · ')}</span> : null}
            </>
          ) },
        { key: 'decision_no', label: 'Quyết định', render: (r) => (
            <>
              {r.decision_no}, {formatDate(r.decision_date)}
              {r.has_decision ? (
                <>
                  {' '}
                  <a href={`/api/v1/focal-officers/${r.id}/decision`} download>
                    Tải tệp<span class="sr-only"> quyết định {r.decision_no}</span>
                  </a>
                </>
              ) : null}
            </>
          ) },
        { key: 'start_date', label: 'Từ ngày', render: (r) => formatDate(r.start_date) },
        ...(writer
          ? [{ key: 'actions', label: 'Thao tác', render: (r) => (
                <button type="button" class="btn btn--secondary btn--small" onClick={() => setEnding(r)}>
                  Kết thúc<span class="sr-only"> cử {r.full_name}</span>
                </button>
              ) }]
          : []),
      ];
  return (
    <>
      <PageHeader title="Sổ theo dõi kiểm soát TTHC" lead="Cán bộ, công chức đầu mối làm nhiệm vụ kiểm soát thủ tục hành chính" actions={<a class="btn btn--secondary" href={withQuery('/api/v1/focal-officers/export', query)} download>Tải Excel (.xlsx)</a>} />
      <RegNav current="/app/so-theo-doi" />
      <div class="form-grid">
        <SelectField id="focal-filter-unit" label="Đơn vị" value={f.don_vi} placeholder="Tất cả trong phạm vi của tôi" options={units.data ? unitOptions(units.data) : []} onValue={(x) => setQuery({ don_vi: x || undefined })} />
        <CheckboxField id="focal-filter-vacant" label="Chỉ các đơn vị chưa có cán bộ đầu mối" value={!!f.trong} onValue={(x) => setQuery({ trong: x ? '1' : undefined })} />
      </div>
      <Notice>{done}</Notice>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      {!d ? (
        <Loading />
      ) : (
        <>
          <p class="muted" data-testid="focal-total">
            {f.trong ? `${formatNumber(d.total)} đơn vị chưa có cán bộ đầu mối` : `${formatNumber(d.total)} cán bộ đầu mối đang làm nhiệm vụ`}
          </p>
          <Table caption={f.trong ? 'Đơn vị chưa có cán bộ đầu mối' : 'Cán bộ đầu mối đang làm nhiệm vụ'} columns={columns} rows={d.items} rowKey={(r) => r.id || r.unit_id} className="stack-table" />
          <Pager page={d.page} perPage={d.per_page} total={d.total} onPage={(p) => setQuery({ trang: p > 1 ? p : undefined })} />
        </>
      )}
      {writer && units.data ? <AppointForm units={unitComboOptions(units.data)} onDone={finished} /> : null}
      {ending ? <EndDialog appointment={ending} onClose={() => setEnding(null)} onDone={finished} /> : null}
    </>
  );
}

// ---- training ------------------------------------------------------------------------------------

/** Checkboxes of a unit's users, added to or removed from the chosen ids. */
function AttendeePicker({ units, chosen, onChosen, idPrefix }) {
  const [unit, setUnit] = useState('');
  const users = useUnitUsers(unit);
  const toggle = (id, on) => onChosen(on ? [...chosen.filter((x) => x.id !== id.id), id] : chosen.filter((x) => x.id !== id.id));
  return (
    <fieldset class="reg-attendees">
      <legend>Người tham dự ({chosen.length})</legend>
      {chosen.length ? (
        <ul class="reg-chosen" aria-label="Người đã chọn">
          {chosen.map((u) => (
            <li key={u.id}>
              {u.full_name}
              <button type="button" class="btn btn--secondary btn--small" onClick={() => toggle(u, false)}>
                Bỏ<span class="sr-only"> {u.full_name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Combobox id={`${idPrefix}-att-unit`} label="Chọn người của đơn vị" value={unit} options={units} onValue={setUnit} />
      <ProblemAlert error={users.error} focus={false} />
      {unit && users.data ? (
        <ul class="reg-checks" aria-label="Cán bộ của đơn vị">
          {users.data.items.length === 0 ? <li class="muted">Đơn vị không có tài khoản nào trong phạm vi của bạn.</li> : null}
          {users.data.items.map((u) => (
            <li key={u.id}>
              <label>
                <input type="checkbox" checked={chosen.some((x) => x.id === u.id)} onChange={(e) => toggle({ id: u.id, full_name: u.full_name }, e.currentTarget.checked)} /> {userLabel(u)}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

function TrainingForm({ units, onCreated }) {
  const [v, setV] = useState({ organiser_unit_id: '', topic: '', held_on: todayISO(), online: false, place: '', note: '' });
  const [chosen, setChosen] = useState([]);
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const errors = failure?.fieldErrors || {};
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const t = await api.post('/trainings', {
        organiser_unit_id: Number(v.organiser_unit_id) || 0,
        topic: v.topic.trim(),
        held_on: v.held_on || '',
        online: v.online,
        place: v.place.trim() || null,
        note: v.note.trim() || null,
        attendees: chosen.map((u) => u.id),
      });
      onCreated(t);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="tr-new-title">
      <h2 id="tr-new-title" class="card__title">
        Thêm khóa tập huấn
      </h2>
      <ProblemAlert error={failure} idPrefix="tr-" fieldLabels={{ organiser_unit_id: 'Đơn vị tổ chức', topic: 'Nội dung', held_on: 'Ngày tổ chức', place: 'Địa điểm', attendees: 'Người tham dự' }} />
      <form onSubmit={submit} noValidate>
        <div class="form-grid">
          <Combobox id="tr-organiser_unit_id" label="Đơn vị tổ chức" required value={v.organiser_unit_id} options={units} error={errors.organiser_unit_id} onValue={set('organiser_unit_id')} />
          <TextField id="tr-topic" label="Nội dung tập huấn" required value={v.topic} error={errors.topic} onValue={set('topic')} />
          <DateField id="tr-held_on" label="Ngày tổ chức" required value={v.held_on} error={errors.held_on} onValue={set('held_on')} />
          <CheckboxField id="tr-online" label="Tổ chức trực tuyến" value={v.online} onValue={set('online')} />
          <TextField id="tr-place" label="Địa điểm" value={v.place} error={errors.place} onValue={set('place')} />
          <TextField id="tr-note" label="Ghi chú" value={v.note} onValue={set('note')} />
        </div>
        <AttendeePicker units={units} chosen={chosen} onChosen={setChosen} idPrefix="tr" />
        {errors.attendees ? <p class="field__error">{errors.attendees}</p> : null}
        <p class="button-row">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu khóa tập huấn'}
          </button>
        </p>
      </form>
    </section>
  );
}

const LEVEL_ROWS = ['province', 'department', 'district', 'commune'];

function Untrained({ units, year }) {
  const [unit, setUnit] = useState('');
  const list = useAsync(() => (unit ? api.get('/trainings/untrained', { unit_id: unit, year, per_page: 500 }) : Promise.resolve(null)), [unit, year]);
  return (
    <section class="card" aria-labelledby="tr-untrained-title">
      <h2 id="tr-untrained-title" class="card__title">
        Cán bộ chưa được tập huấn năm {year}
      </h2>
      <Combobox id="tr-untrained-unit" label="Đơn vị" value={unit} options={units} onValue={setUnit} />
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      {list.data ? (
        <Table caption={`Cán bộ chưa được tập huấn năm ${year}`} columns={[{ key: 'full_name', label: 'Họ và tên' }, { key: 'username', label: 'Tài khoản' }]} rows={list.data.items} empty="Mọi cán bộ của đơn vị đã được tập huấn trong năm." />
      ) : null}
    </section>
  );
}

/** /app/so-theo-doi/tap-huan?nam=&don_vi=&trang= — the courses, counts by level, the untrained. */
export function Trainings({ user, search }) {
  usePageTitle('Tập huấn, bồi dưỡng');
  const qs = queryOf(search);
  const f = { nam: qs.nam || String(thisYear()), don_vi: qs.don_vi || '', trang: Number(qs.trang) || 1 };
  const query = { year: f.nam, unit_id: f.don_vi || undefined };
  const list = useAsync(() => api.get('/trainings', { ...query, page: f.trang, per_page: PER_PAGE }), [f.nam, f.don_vi, f.trang]);
  const units = useAsync(() => loadUnitTree(), []);
  const setQuery = (change) => navigate(withQuery('/app/so-theo-doi/tap-huan', { ...f, trang: undefined, ...change }), { replace: true });
  const d = list.data;
  const combo = units.data ? unitComboOptions(units.data) : [];
  return (
    <>
      <PageHeader title="Sổ theo dõi kiểm soát TTHC" lead="Tập huấn, bồi dưỡng nghiệp vụ kiểm soát thủ tục hành chính" actions={<a class="btn btn--secondary" href={withQuery('/api/v1/trainings/export', query)} download>Tải Excel (.xlsx)</a>} />
      <RegNav current="/app/so-theo-doi/tap-huan" />
      <div class="form-grid">
        <SelectField id="tr-filter-year" label="Năm" value={f.nam} options={yearOptions()} onValue={(x) => setQuery({ nam: x })} />
        <SelectField id="tr-filter-unit" label="Đơn vị" value={f.don_vi} placeholder="Tất cả trong phạm vi của tôi" options={units.data ? unitOptions(units.data) : []} onValue={(x) => setQuery({ don_vi: x || undefined })} />
      </div>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      {!d ? (
        <Loading />
      ) : (
        <>
          <Table
            caption={`Số khóa và số lượt người tham dự năm ${f.nam} theo cấp tổ chức`}
            columns={[
              { key: 'label', label: 'Cấp tổ chức' },
              { key: 'courses', label: 'Số khóa', className: 'num' },
              { key: 'trainees', label: 'Lượt người tham dự', className: 'num' },
            ]}
            rows={LEVEL_ROWS.map((l) => ({ id: l, label: levelLabel(l), courses: formatNumber(d.counts?.[l]?.courses || 0), trainees: formatNumber(d.counts?.[l]?.trainees || 0) }))}
          />
          <Table
            caption={`Các khóa tập huấn năm ${f.nam}`}
            className="stack-table"
            columns={[
              { key: 'held_on', label: 'Ngày', render: (r) => formatDate(r.held_on) },
              { key: 'topic', label: 'Nội dung', render: (r) => <Link href={`/app/so-theo-doi/tap-huan/${r.id}`}>{r.topic}</Link> },
              { key: 'organiser_name', label: 'Đơn vị tổ chức' },
              { key: 'place', label: 'Hình thức, địa điểm', render: (r) => (r.online ? 'Trực tuyến' : r.place || '—') },
              { key: 'attendee_count', label: 'Số người dự', className: 'num' },
            ]}
            rows={d.items}
            empty="Chưa có khóa tập huấn nào."
          />
          <Pager page={d.page} perPage={d.per_page} total={d.total} onPage={(p) => setQuery({ trang: p > 1 ? p : undefined })} />
        </>
      )}
      {canWrite(user) && units.data ? <TrainingForm units={combo} onCreated={(t) => navigate(`/app/so-theo-doi/tap-huan/${t.id}`)} /> : null}
      {units.data ? <Untrained units={combo} year={f.nam} /> : null}
    </>
  );
}

/** /app/so-theo-doi/tap-huan/:id — one course: its attendees (their units then) and materials. */
export function TrainingDetail({ user, params }) {
  const t = useAsync(() => api.get(`/trainings/${params.id}`), [params.id]);
  const units = useAsync(() => loadUnitTree(), []);
  const [editing, setEditing] = useState(null);
  const [files, setFiles] = useState([]);
  const [failure, setFailure] = useState(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const c = t.data;
  usePageTitle(c ? `Tập huấn: ${c.topic}` : 'Khóa tập huấn');
  useEffect(() => setEditing(null), [params.id]);
  if (t.error) {
    return (
      <>
        <PageHeader title="Khóa tập huấn" />
        <ProblemAlert error={t.error} focus={false} onRetry={t.reload} />
        <p>
          <Link href="/app/so-theo-doi/tap-huan">← Tập huấn, bồi dưỡng</Link>
        </p>
      </>
    );
  }
  if (!c) return <Loading />;
  const writer = canWrite(user);
  const run = async (fn, msg) => {
    setBusy(true);
    setFailure(null);
    setDone('');
    try {
      t.setData(await fn());
      setDone(msg);
      return true;
    } catch (err) {
      setFailure(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const saveAttendees = async () => {
    if (await run(() => api.put(`/trainings/${c.id}/attendees`, { user_ids: editing.map((u) => u.id) }), 'Đã lưu danh sách người tham dự.')) setEditing(null);
  };
  const upload = async (e) => {
    e.preventDefault();
    const fd = new FormData();
    for (const f of files) fd.append('files', f, f.name);
    if (await run(() => api.post(`/trainings/${c.id}/materials`, fd), `Đã tải lên ${files.length} tài liệu.`)) setFiles([]);
  };
  return (
    <>
      <p>
        <Link href={withQuery('/app/so-theo-doi/tap-huan', { nam: c.held_on.slice(0, 4) })}>← Tập huấn, bồi dưỡng</Link>
      </p>
      <PageHeader title={c.topic} lead={`${c.organiser_name} · ${formatDate(c.held_on)} · ${c.online ? 'Trực tuyến' : c.place}`} />
      <Notice>{done}</Notice>
      <ProblemAlert error={failure} />
      <section class="card" aria-labelledby="tr-att-title">
        <h2 id="tr-att-title" class="card__title">
          Người tham dự ({c.attendees.length})
        </h2>
        <Table
          caption="Người tham dự"
          columns={[
            { key: 'full_name', label: 'Họ và tên' },
            { key: 'unit_name', label: 'Đơn vị khi tham dự' },
            { key: 'unit_level', label: 'Cấp', render: (r) => levelLabel(r.unit_level) },
          ]}
          rows={c.attendees}
          rowKey={(r) => r.user_id}
          empty="Chưa ghi người tham dự."
        />
        {writer && !editing ? (
          <p>
            <button type="button" class="btn btn--secondary" onClick={() => setEditing(c.attendees.map((a) => ({ id: a.user_id, full_name: a.full_name })))}>
              Sửa danh sách người tham dự
            </button>
          </p>
        ) : null}
        {editing && units.data ? (
          <>
            <AttendeePicker units={unitComboOptions(units.data)} chosen={editing} onChosen={setEditing} idPrefix="tr-edit" />
            <p class="button-row">
              <button type="button" class="btn btn--primary" disabled={busy} onClick={saveAttendees}>
                Lưu người tham dự
              </button>
              <button type="button" class="btn btn--secondary" onClick={() => setEditing(null)}>
                Hủy
              </button>
            </p>
          </>
        ) : null}
      </section>
      <section class="card" aria-labelledby="tr-mat-title">
        <h2 id="tr-mat-title" class="card__title">
          Tài liệu
        </h2>
        {c.materials.length ? (
          <ul>
            {c.materials.map((m) => (
              <li key={m.n}>
                <a href={`/api/v1/trainings/${c.id}/materials/${m.n}`} download>
                  {m.name}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Chưa có tài liệu.</p>
        )}
        {writer ? (
          <form onSubmit={upload} noValidate>
            <div class="field">
              <label class="field__label" for="tr-files">
                Thêm tài liệu (tối đa 5 tệp)
              </label>
              <input id="tr-files" type="file" class="input" multiple onChange={(e) => setFiles([...e.currentTarget.files])} />
            </div>
            <p>
              <button type="submit" class="btn btn--secondary" disabled={busy || !files.length}>
                Tải lên
              </button>
            </p>
          </form>
        ) : null}
      </section>
    </>
  );
}

// ---- budget --------------------------------------------------------------------------------------

const KINDS = [
  { value: 'allocation', label: 'Dự toán được giao' },
  { value: 'spending', label: 'Chi thực tế' },
];
const kindLabel = (k) => (KINDS.find((x) => x.value === k) || {}).label || k;

function LineForm({ unitId, year, categories, onDone }) {
  const [v, setV] = useState({ category_id: '', kind: 'spending', amount: '', line_date: '', note: '' });
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const errors = failure?.fieldErrors || {};
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const digits = v.amount.replace(/[.\s]/g, '');
    try {
      await api.post('/budget/lines', {
        unit_id: Number(unitId),
        year: Number(year),
        category_id: Number(v.category_id) || 0,
        kind: v.kind,
        amount: /^\d+$/.test(digits) ? Number(digits) : v.amount,
        line_date: v.line_date || null,
        note: v.note.trim() || null,
      });
      setV({ ...v, amount: '', note: '' });
      onDone('Đã ghi khoản kinh phí.');
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="bl-new-title">
      <h2 id="bl-new-title" class="card__title">
        Ghi khoản kinh phí
      </h2>
      <ProblemAlert error={failure} idPrefix="bl-" fieldLabels={{ category_id: 'Nội dung chi', kind: 'Loại', amount: 'Số tiền', line_date: 'Ngày', note: 'Ghi chú', unit_id: 'Đơn vị' }} />
      <form onSubmit={submit} noValidate>
        <div class="form-grid">
          <SelectField id="bl-category_id" label="Nội dung chi (Thông tư 167)" required value={v.category_id} placeholder="— Chọn nội dung —" options={categories.filter((c) => c.active).map((c) => ({ value: String(c.id), label: c.name }))} error={errors.category_id} onValue={set('category_id')} />
          <SelectField id="bl-kind" label="Loại" required value={v.kind} options={KINDS} error={errors.kind} onValue={set('kind')} />
          <TextField id="bl-amount" label="Số tiền (đồng)" required inputMode="numeric" value={v.amount} error={errors.amount} onValue={set('amount')} />
          <DateField id="bl-line_date" label="Ngày" value={v.line_date} error={errors.line_date} onValue={set('line_date')} />
          <TextField id="bl-note" label="Ghi chú" value={v.note} error={errors.note} onValue={set('note')} />
        </div>
        <p class="button-row">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            Ghi khoản kinh phí
          </button>
        </p>
      </form>
    </section>
  );
}

/** The circular's categories, edited by the Provincial Office: add one, retire or restore it. */
function Categories({ cats }) {
  const [v, setV] = useState({ code: '', name: '', sort_order: '' });
  const [failure, setFailure] = useState(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = failure?.fieldErrors || {};
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const run = async (fn, msg) => {
    setBusy(true);
    setFailure(null);
    setDone('');
    try {
      await fn();
      setDone(msg);
      cats.reload();
      return true;
    } catch (err) {
      setFailure(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const add = async (e) => {
    e.preventDefault();
    const order = v.sort_order.trim();
    const body = { code: v.code.trim(), name: v.name.trim() };
    if (order) body.sort_order = /^\d+$/.test(order) ? Number(order) : order;
    if (await run(() => api.post('/budget/categories', body), `Đã thêm nội dung chi ${body.code}.`)) setV({ code: '', name: '', sort_order: '' });
  };
  return (
    <section class="card" aria-labelledby="bc-title">
      <h2 id="bc-title" class="card__title">
        Danh mục nội dung chi (Thông tư 167/2012/TT-BTC)
      </h2>
      <Notice>{done}</Notice>
      <ProblemAlert error={failure} idPrefix="bc-" fieldLabels={{ code: 'Mã', name: 'Tên nội dung chi', sort_order: 'Thứ tự' }} />
      <Table
        caption="Danh mục nội dung chi"
        className="stack-table"
        columns={[
          { key: 'code', label: 'Mã' },
          { key: 'name', label: 'Nội dung chi' },
          { key: 'active', label: 'Trạng thái', render: (c) => (c.active ? 'Đang dùng' : 'Ngừng dùng') },
          {
            key: 'actions',
            label: 'Thao tác',
            render: (c) => (
              <button type="button" class="btn btn--secondary btn--small" disabled={busy} onClick={() => run(() => api.put(`/budget/categories/${c.id}`, { active: !c.active }), `${c.active ? 'Đã ngừng dùng' : 'Đã dùng lại'} nội dung chi ${c.code}.`)}>
                {c.active ? 'Ngừng dùng' : 'Dùng lại'}
                <span class="sr-only"> {c.code}</span>
              </button>
            ),
          },
        ]}
        rows={cats.data?.items || []}
      />
      <form onSubmit={add} noValidate>
        <div class="form-grid">
          <TextField id="bc-code" label="Mã" required value={v.code} error={errors.code} onValue={set('code')} />
          <TextField id="bc-name" label="Tên nội dung chi" required value={v.name} error={errors.name} onValue={set('name')} />
          <TextField id="bc-sort_order" label="Thứ tự" inputMode="numeric" value={v.sort_order} error={errors.sort_order} onValue={set('sort_order')} />
        </div>
        <p class="button-row">
          <button type="submit" class="btn btn--secondary" disabled={busy}>
            Thêm nội dung chi
          </button>
        </p>
      </form>
    </section>
  );
}

/** /app/so-theo-doi/kinh-phi?don_vi=&nam= — a unit's allocation and spending of a year. */
export function Budget({ user, search }) {
  usePageTitle('Kinh phí kiểm soát TTHC');
  const qs = queryOf(search);
  const f = { don_vi: qs.don_vi || String(user.unit_id || ''), nam: qs.nam || String(thisYear()), trang: Number(qs.trang) || 1 };
  const query = { unit_id: f.don_vi || undefined, year: f.nam };
  const b = useAsync(() => api.get('/budget', { ...query, page: f.trang, per_page: PER_PAGE }), [f.don_vi, f.nam, f.trang]);
  const units = useAsync(() => loadUnitTree(), []);
  const cats = useAsync(() => api.get('/budget/categories'), []);
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState(null);
  const setQuery = (change) => navigate(withQuery('/app/so-theo-doi/kinh-phi', { ...f, trang: undefined, ...change }), { replace: true });
  const writer = canWrite(user);
  const d = b.data;
  const finished = (msg) => {
    setDone(msg);
    b.reload();
  };
  const voidLine = async (l) => {
    setFailure(null);
    try {
      await api.put(`/budget/lines/${l.id}`, { voided: true });
      finished('Đã hủy khoản kinh phí (vẫn lưu trong nhật ký).');
    } catch (err) {
      setFailure(err);
    }
  };
  const t = d?.totals;
  return (
    <>
      <PageHeader title="Sổ theo dõi kiểm soát TTHC" lead="Kinh phí bảo đảm cho công tác kiểm soát thủ tục hành chính (Thông tư 167/2012/TT-BTC)" actions={<a class="btn btn--secondary" href={withQuery('/api/v1/budget/export', query)} download>Tải Excel (.xlsx)</a>} />
      <RegNav current="/app/so-theo-doi/kinh-phi" />
      <div class="form-grid">
        <SelectField id="bg-filter-unit" label="Đơn vị" value={f.don_vi} options={units.data ? unitOptions(units.data) : []} onValue={(x) => setQuery({ don_vi: x || undefined })} />
        <SelectField id="bg-filter-year" label="Năm" value={f.nam} options={yearOptions()} onValue={(x) => setQuery({ nam: x })} />
      </div>
      <Notice>{done}</Notice>
      <ProblemAlert error={failure} />
      <ProblemAlert error={b.error} focus={false} onRetry={b.reload} />
      {!d ? (
        <Loading />
      ) : (
        <>
          <section class="card" aria-labelledby="bg-totals-title">
            <h2 id="bg-totals-title" class="card__title">
              {d.unit.name} — năm {d.year}
            </h2>
            <dl class="reg-totals" data-testid="budget-totals">
              <div>
                <dt>Dự toán được giao</dt>
                <dd>{formatVnd(t.allocation)}</dd>
              </div>
              <div>
                <dt>Đã chi</dt>
                <dd data-testid="budget-spending">{formatVnd(t.spending)}</dd>
              </div>
              <div>
                <dt>Còn lại</dt>
                <dd>{formatVnd(t.balance)}</dd>
              </div>
            </dl>
          </section>
          <Table
            caption="Theo nội dung chi"
            className="stack-table"
            columns={[
              { key: 'name', label: 'Nội dung chi' },
              { key: 'allocation', label: 'Dự toán (đồng)', className: 'num', render: (r) => formatNumber(r.allocation) },
              { key: 'spending', label: 'Đã chi (đồng)', className: 'num', render: (r) => formatNumber(r.spending) },
              { key: 'balance', label: 'Còn lại (đồng)', className: 'num', render: (r) => formatNumber(r.balance) },
            ]}
            rows={t.by_category.filter((r) => r.allocation || r.spending)}
            rowKey={(r) => r.category_id}
            empty="Chưa có khoản kinh phí nào."
          />
          <Table
            caption="Các khoản đã ghi"
            className="stack-table"
            columns={[
              { key: 'line_date', label: 'Ngày', render: (r) => (r.line_date ? formatDate(r.line_date) : '—') },
              { key: 'category_name', label: 'Nội dung chi' },
              { key: 'kind', label: 'Loại', render: (r) => kindLabel(r.kind) },
              { key: 'amount', label: 'Số tiền (đồng)', className: 'num', render: (r) => formatNumber(r.amount) },
              { key: 'note', label: 'Ghi chú', render: (r) => r.note || '' },
              ...(writer
                ? [{ key: 'actions', label: 'Thao tác', render: (r) => (
                      <button type="button" class="btn btn--secondary btn--small" onClick={() => voidLine(r)}>
                        Hủy khoản<span class="sr-only"> {formatNumber(r.amount)} đồng</span>
                      </button>
                    ) }]
                : []),
            ]}
            rows={d.items}
            empty="Chưa có khoản kinh phí nào."
          />
          <Pager page={d.page} perPage={d.per_page} total={d.total} onPage={(p) => setQuery({ trang: p > 1 ? p : undefined })} />
          {writer && cats.data ? <LineForm unitId={d.unit.id} year={d.year} categories={cats.data.items} onDone={finished} /> : null}
        </>
      )}
      {hasPermission(user, 'budget.categories') ? <Categories cats={cats} /> : null}
    </>
  );
}
