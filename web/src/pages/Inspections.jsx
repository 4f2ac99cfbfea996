// /app/kiem-tra — inspections of units (issue 18): the list with a planning form, one inspection
// (team, checklist with evidence, findings that become follow-ups of the inspected unit, the
// conclusion, closing) and the coordinator's checklist templates. The server scopes and decides.
import { useEffect, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { CheckboxField, DateField, SelectField, TextField, Wrap } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { Notice, ProblemAlert } from '../components/ProblemAlert.jsx';
import { Pager } from '../components/Pager.jsx';
import { Table } from '../components/Table.jsx';
import { api } from '../api.js';
import { formatDate, toId } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { loadUnitTree, unitComboOptions } from '../units.js';
import { TextAreaField } from './PlanCommon.jsx';
import {
  FollowupStatus,
  INSP_STATUSES,
  InspStatus,
  InspectionTabs,
  RESULTS,
  SUBJECTS,
  TEAM_ROLES,
  canEditTemplates,
  canWriteInspections,
  inMySubtree,
  subjectLabel,
} from './InspectionsCommon.jsx';
import './Inspections.css';

const YEAR = new Date().getFullYear();
const yearOptions = () => Array.from({ length: 6 }, (_, i) => ({ value: String(YEAR + 1 - i), label: String(YEAR + 1 - i) }));
const statusOptions = Object.entries(INSP_STATUSES).map(([value, s]) => ({ value, label: s.label }));

const PLAN_LABELS = { unit_id: 'Đơn vị được kiểm tra', subject: 'Nội dung kiểm tra', planned_date: 'Ngày dự kiến', announced: 'Thông báo trước', team: 'Đoàn kiểm tra', plan_id: 'Kế hoạch' };

/** The planning form: which unit, what, when, announced or not. */
function PlanForm({ onDone }) {
  const tree = useAsync(() => loadUnitTree(), []);
  const form = useForm({ unit_id: '', subject: 'kstt', planned_date: '', announced: true });
  const options = tree.data ? unitComboOptions(tree.data) : [];
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => onDone(await api.post('/inspections', { unit_id: toId(v.unit_id), subject: v.subject, planned_date: v.planned_date, announced: !!v.announced, team: [] })),
      (v) => ({ unit_id: v.unit_id ? '' : 'Vui lòng chọn đơn vị.', planned_date: v.planned_date ? '' : 'Vui lòng nhập ngày dự kiến.' }),
    );
  return (
    <section class="card" aria-labelledby="insp-plan-title">
      <h2 id="insp-plan-title" class="card__title">
        Lập kế hoạch kiểm tra
      </h2>
      <form onSubmit={onSubmit} noValidate>
        <ProblemAlert error={form.failure} fieldLabels={PLAN_LABELS} idPrefix="insp-" />
        <div class="form-grid">
          <Combobox id="insp-unit_id" label={PLAN_LABELS.unit_id} required options={options} placeholder="Gõ tên đơn vị" {...form.field('unit_id')} />
          <SelectField id="insp-subject" label={PLAN_LABELS.subject} options={SUBJECTS} {...form.field('subject')} />
          <DateField id="insp-planned_date" label={PLAN_LABELS.planned_date} required {...form.field('planned_date')} />
          <CheckboxField id="insp-announced" label="Thông báo trước cho đơn vị" {...form.field('announced')} />
        </div>
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={form.submitting}>
            Lập kế hoạch kiểm tra
          </button>
        </div>
      </form>
    </section>
  );
}

/** /app/kiem-tra — the inspections the user's unit makes or receives. */
export function InspectionList({ user, search }) {
  usePageTitle('Kiểm tra công tác kiểm soát TTHC');
  const q = queryOf(search);
  const year = q.nam ?? String(YEAR);
  const status = q.trang_thai ?? '';
  const page = Number(q.trang) || 1;
  const list = useAsync(() => api.get('/inspections', { year: year || undefined, status: status || undefined, page, per_page: 50 }), [year, status, page]);
  const go = (params) => navigate(withQuery('/app/kiem-tra', { nam: year, trang_thai: status, ...params }));
  const [planning, setPlanning] = useState(false);
  return (
    <>
      <PageHeader
        title="Kiểm tra công tác kiểm soát TTHC"
        lead="Các cuộc kiểm tra do đơn vị bạn thực hiện và các cuộc kiểm tra đơn vị bạn."
        actions={
          <>
            {canWriteInspections(user) ? (
              <button type="button" class="btn btn--primary" onClick={() => setPlanning(!planning)} aria-expanded={planning ? 'true' : 'false'}>
                Lập kế hoạch kiểm tra
              </button>
            ) : null}
            <a class="btn btn--secondary" href={withQuery('/api/v1/inspections/export', { year: year || undefined, status: status || undefined })} download="kiem-tra.xlsx">
              Xuất Excel
            </a>
          </>
        }
      />
      <InspectionTabs current="/app/kiem-tra" user={user} />
      {planning ? <PlanForm onDone={(i) => navigate(`/app/kiem-tra/${i.id}`)} /> : null}
      <form class="filters" role="search" aria-label="Lọc cuộc kiểm tra" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="insp-year" label="Năm" options={yearOptions()} placeholder="Tất cả" value={year} onValue={(v) => go({ nam: v, trang: undefined })} />
        <SelectField id="insp-status" label="Trạng thái" options={statusOptions} placeholder="Tất cả" value={status} onValue={(v) => go({ trang_thai: v, trang: undefined })} />
      </form>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        caption="Cuộc kiểm tra"
        loading={list.loading}
        rows={list.data?.items}
        className="stack-table"
        empty="Không có cuộc kiểm tra nào."
        columns={[
          { key: 'unit_name', label: 'Đơn vị được kiểm tra', render: (i) => <Link href={`/app/kiem-tra/${i.id}`}>{i.unit_name}</Link> },
          { key: 'inspecting_unit_name', label: 'Đơn vị kiểm tra' },
          { key: 'subject', label: 'Nội dung', render: (i) => subjectLabel(i.subject) },
          { key: 'planned_date', label: 'Ngày dự kiến', render: (i) => formatDate(i.planned_date) },
          { key: 'status', label: 'Trạng thái', render: (i) => <InspStatus status={i.status} /> },
          { key: 'followups', label: 'Khắc phục chưa xong', render: (i) => `${i.open_followups} / ${i.findings} phát hiện` },
        ]}
      />
      {list.data ? <Pager page={page} perPage={50} total={list.data.total} onPage={(p) => go({ trang: p })} /> : null}
    </>
  );
}

const CARRY_LABELS = { actual_date: 'Ngày kiểm tra', conclusion_no: 'Số văn bản kết luận', conclusion_date: 'Ngày kết luận' };

/** The actual date and the conclusion document's number and date. */
function CarryOutForm({ insp, onSaved }) {
  const form = useForm({ actual_date: insp.actual_date || '', conclusion_no: insp.conclusion_no || '', conclusion_date: insp.conclusion_date || '' });
  const onSubmit = (e) =>
    form.submit(e, async (v) =>
      onSaved(
        await api.put(`/inspections/${insp.id}`, { actual_date: v.actual_date || null, conclusion_no: v.conclusion_no.trim() || null, conclusion_date: v.conclusion_date || null }),
        'Đã lưu kết quả thực hiện.',
      ),
    );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Thực hiện và kết luận">
      <ProblemAlert error={form.failure} fieldLabels={CARRY_LABELS} idPrefix="carry-" />
      <div class="form-grid">
        <DateField id="carry-actual_date" label={CARRY_LABELS.actual_date} {...form.field('actual_date')} />
        <TextField id="carry-conclusion_no" label={CARRY_LABELS.conclusion_no} {...form.field('conclusion_no')} />
        <DateField id="carry-conclusion_date" label={CARRY_LABELS.conclusion_date} {...form.field('conclusion_date')} />
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          Lưu kết quả thực hiện
        </button>
      </div>
    </form>
  );
}

/** The checklist: a result and a note per item, its evidence files. */
function Checklist({ insp, edit, onSaved }) {
  const [rows, setRows] = useState(insp.checklist);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setRows(insp.checklist), [insp]);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.put(`/inspections/${insp.id}`, { checklist: rows.map((c) => ({ n: c.n, result: c.result || null, note: c.note || null })) }), 'Đã lưu danh mục kiểm tra.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const set = (n, patch) => setRows(rows.map((c) => (c.n === n ? { ...c, ...patch } : c)));
  if (!rows.length) return <p>Nội dung này chưa có danh mục kiểm tra.</p>;
  return (
    <>
      <ProblemAlert error={error} fieldLabels={{ checklist: 'Danh mục kiểm tra' }} />
      <ol class="insp-items">
        {rows.map((c) => (
          <li key={c.n} class="insp-item">
            <h3 class="insp-item__title">
              {c.n}. {c.text}
            </h3>
            <SelectField id={`ck-${c.n}-result`} label="Kết quả" options={RESULTS} placeholder="Chưa đánh giá" disabled={!edit} value={c.result || ''} onValue={(v) => set(c.n, { result: v || null })} />
            <Wrap id={`ck-${c.n}-note`} label="Ghi chú">
              <textarea id={`ck-${c.n}-note`} class="input textarea" rows={2} disabled={!edit} value={c.note || ''} onInput={(e) => set(c.n, { note: e.currentTarget.value })} />
            </Wrap>
            {c.evidence.length ? (
              <ul class="insp-files" aria-label={`Tài liệu minh chứng mục ${c.n}`}>
                {c.evidence.map((f) => (
                  <li key={f.id}>
                    <a href={`/api/v1/inspections/${insp.id}/files/${f.id}`} download={f.name}>
                      {f.name}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {edit ? (
        <div class="form-actions">
          <button type="button" class="btn btn--primary" disabled={busy} onClick={save}>
            Lưu danh mục kiểm tra
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Evidence of a checklist item, or the conclusion document (no item). */
function UploadForm({ insp, onSaved }) {
  const [item, setItem] = useState('');
  const [file, setFile] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const options = insp.checklist.map((c) => ({ value: String(c.n), label: `Mục ${c.n}` }));
  const send = async (e) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const fd = new FormData();
      if (item) fd.append('item', item);
      fd.append('files', file);
      onSaved(await api.post(`/inspections/${insp.id}/files`, fd), 'Đã tải tệp lên.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={send} noValidate aria-label="Tải tệp lên">
      <ProblemAlert error={error} fieldLabels={{ item: 'Mục', files: 'Tệp' }} />
      <div class="form-grid">
        <SelectField id="up-item" label="Tệp của" options={options} placeholder="Văn bản kết luận" value={item} onValue={setItem} />
        <Wrap id="up-file" label="Tệp (tối đa 5 MB)">
          <input id="up-file" type="file" class="input" onChange={(e) => setFile(e.currentTarget.files[0] || null)} />
        </Wrap>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn--secondary" disabled={busy || !file}>
          Tải tệp lên
        </button>
      </div>
    </form>
  );
}

const FINDING_LABELS = { text: 'Nội dung phát hiện', action_required: 'Yêu cầu khắc phục', due: 'Hạn khắc phục' };

/** A finding; with an action required it becomes a follow-up of the inspected unit. */
function FindingForm({ insp, onSaved }) {
  const form = useForm({ text: '', action_required: true, due: '' });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        await api.post(`/inspections/${insp.id}/findings`, { text: v.text.trim(), action_required: !!v.action_required, due: v.action_required ? v.due || null : null });
        form.reset();
        onSaved(await api.get(`/inspections/${insp.id}`), 'Đã ghi nhận phát hiện.');
      },
      (v) => ({ text: v.text.trim() ? '' : 'Vui lòng nhập nội dung.', due: v.action_required && !v.due ? 'Việc cần khắc phục phải có hạn.' : '' }),
    );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Ghi nhận phát hiện">
      <ProblemAlert error={form.failure} fieldLabels={FINDING_LABELS} idPrefix="fd-" />
      <TextAreaField id="fd-text" label={FINDING_LABELS.text} required rows={2} {...form.field('text')} />
      <div class="form-grid">
        <CheckboxField id="fd-action_required" label="Yêu cầu đơn vị khắc phục" {...form.field('action_required')} />
        {form.values.action_required ? <DateField id="fd-due" label={FINDING_LABELS.due} required {...form.field('due')} /> : null}
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          Ghi nhận phát hiện
        </button>
      </div>
    </form>
  );
}

/** /app/kiem-tra/:id — one inspection. */
export function InspectionDetail({ user, params }) {
  const loaded = useAsync(() => api.get(`/inspections/${params.id}`), [params.id]);
  const tree = useAsync(() => loadUnitTree(), []);
  const [notice, setNotice] = useState('');
  const [closeError, setCloseError] = useState(null);
  const insp = loaded.data;
  usePageTitle(insp ? `Kiểm tra ${insp.unit_name}` : 'Cuộc kiểm tra');
  if (!insp) return <ProblemAlert error={loaded.error} onRetry={loaded.reload} />;
  const writer = canWriteInspections(user) && inMySubtree(user, tree.data, insp.inspecting_unit_id);
  const edit = writer && insp.status !== 'closed';
  const saved = (next, text) => {
    loaded.setData(next);
    setNotice(text);
    setCloseError(null);
  };
  const close = async () => {
    setCloseError(null);
    try {
      saved(await api.post(`/inspections/${insp.id}/close`), 'Đã kết thúc cuộc kiểm tra.');
    } catch (err) {
      setCloseError(err);
    }
  };
  const open = closeError?.problem?.open_followups || [];
  return (
    <>
      <PageHeader title={`Kiểm tra ${insp.unit_name}`} lead={`${subjectLabel(insp.subject)} — ${insp.inspecting_unit_name}`} />
      <p>
        <Link href="/app/kiem-tra">← Danh sách cuộc kiểm tra</Link>
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <section class="card" aria-labelledby="insp-facts">
        <h2 id="insp-facts" class="card__title">
          Thông tin chung
        </h2>
        <dl class="facts">
          <dt>Trạng thái</dt>
          <dd>
            <InspStatus status={insp.status} />
          </dd>
          <dt>Đơn vị kiểm tra</dt>
          <dd>{insp.inspecting_unit_name}</dd>
          <dt>Đơn vị được kiểm tra</dt>
          <dd>{insp.unit_name}</dd>
          <dt>Ngày dự kiến</dt>
          <dd>{formatDate(insp.planned_date)}</dd>
          <dt>Ngày kiểm tra</dt>
          <dd>{insp.actual_date ? formatDate(insp.actual_date) : 'Chưa thực hiện'}</dd>
          <dt>Hình thức</dt>
          <dd>{insp.announced ? 'Có thông báo trước' : 'Không báo trước'}</dd>
          <dt>Kết luận</dt>
          <dd>
            {insp.conclusion_no ? `${insp.conclusion_no}${insp.conclusion_date ? ` ngày ${formatDate(insp.conclusion_date)}` : ''}` : 'Chưa có'}
            {insp.conclusion_name ? (
              <>
                {' — '}
                <a href={`/api/v1/inspections/${insp.id}/conclusion`} download={insp.conclusion_name}>
                  {insp.conclusion_name}
                </a>
              </>
            ) : null}
          </dd>
          <dt>Đoàn kiểm tra</dt>
          <dd>{insp.team.length ? insp.team.map((m) => `${m.full_name} (${TEAM_ROLES[m.role] || m.role})`).join('; ') : 'Chưa ghi'}</dd>
        </dl>
        {edit ? <CarryOutForm insp={insp} onSaved={saved} /> : null}
      </section>
      <section class="card" aria-labelledby="insp-checklist">
        <h2 id="insp-checklist" class="card__title">
          Danh mục kiểm tra
        </h2>
        <Checklist insp={insp} edit={edit} onSaved={saved} />
        {edit ? <UploadForm insp={insp} onSaved={saved} /> : null}
      </section>
      <section class="card" aria-labelledby="insp-findings">
        <h2 id="insp-findings" class="card__title">
          Phát hiện và việc khắc phục
        </h2>
        <Table
          caption="Phát hiện"
          rows={insp.findings}
          className="stack-table"
          empty="Chưa ghi nhận phát hiện nào."
          columns={[
            { key: 'text', label: 'Nội dung' },
            { key: 'due', label: 'Hạn khắc phục', render: (f) => (f.action_required ? formatDate(f.due) : 'Không yêu cầu') },
            { key: 'followup_status', label: 'Khắc phục', render: (f) => (f.assignment_id ? <FollowupStatus status={f.followup_status} overdue={insp.followups.find((x) => x.assignment_id === f.assignment_id)?.overdue} /> : '—') },
          ]}
        />
        {edit ? <FindingForm insp={insp} onSaved={saved} /> : null}
      </section>
      {edit ? (
        <section class="card" aria-labelledby="insp-close">
          <h2 id="insp-close" class="card__title">
            Kết thúc cuộc kiểm tra
          </h2>
          <p>Cuộc kiểm tra kết thúc khi đã thực hiện và mọi việc khắc phục đã hoàn thành.</p>
          <ProblemAlert error={closeError} />
          {open.length ? (
            <ul aria-label="Việc khắc phục chưa hoàn thành">
              {insp.followups
                .filter((f) => open.includes(f.assignment_id))
                .map((f) => (
                  <li key={f.assignment_id}>{`Việc số ${f.assignment_id} — ${f.unit_name}, hạn ${formatDate(f.due_date)}`}</li>
                ))}
            </ul>
          ) : null}
          <button type="button" class="btn btn--primary" onClick={close}>
            Kết thúc cuộc kiểm tra
          </button>
        </section>
      ) : null}
    </>
  );
}

/** /app/kiem-tra/danh-muc — the coordinator's checklist per subject, one item a line. */
export function InspectionTemplates({ user }) {
  usePageTitle('Danh mục nội dung kiểm tra');
  const [subject, setSubject] = useState('kstt');
  const tpl = useAsync(() => api.get(`/inspection-templates/${subject}`), [subject]);
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (tpl.data) setText(tpl.data.items.join('\n'));
  }, [tpl.data]);
  const save = async (e) => {
    e.preventDefault();
    setError(null);
    setNotice('');
    try {
      const items = text
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      tpl.setData(await api.put(`/inspection-templates/${subject}`, { items }));
      setNotice('Đã lưu danh mục.');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <PageHeader title="Danh mục nội dung kiểm tra" lead="Mỗi dòng là một nội dung; cuộc kiểm tra lập sau sẽ dùng danh mục này (các cuộc đã lập giữ nguyên)." />
      <InspectionTabs current="/app/kiem-tra/danh-muc" user={user} />
      {notice ? <Notice>{notice}</Notice> : null}
      <ProblemAlert error={tpl.error || error} fieldLabels={{ items: 'Danh mục' }} />
      <form onSubmit={save} noValidate aria-label="Sửa danh mục">
        <SelectField id="tpl-subject" label="Nội dung kiểm tra" options={SUBJECTS} value={subject} onValue={setSubject} />
        <TextAreaField id="tpl-items" label="Các nội dung kiểm tra (mỗi dòng một nội dung)" rows={10} value={text} onValue={setText} />
        {canEditTemplates(user) ? (
          <div class="form-actions">
            <button type="submit" class="btn btn--primary">
              Lưu danh mục
            </button>
          </div>
        ) : null}
      </form>
    </>
  );
}
