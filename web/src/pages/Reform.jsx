// The reform registries (issue 17): internal administrative procedures with their simplification
// proposals, impact assessments of draft legal documents (sent to the Department of Justice and
// appraised), reform initiatives (assessed and decided). Lists with filters, a create form, one
// record's page with its workflow buttons. The server scopes every list and decides every right.
import { useEffect, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { DateField, SelectField, TextField } from '../components/Field.jsx';
import { Notice, ProblemAlert } from '../components/ProblemAlert.jsx';
import { Pager } from '../components/Pager.jsx';
import { Table } from '../components/Table.jsx';
import { api } from '../api.js';
import { formatDate, formatVnd } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { ACTIONS, Filters, IA_STATUSES, INI_STATUSES, IP_STATUSES, PP_STATUSES, ReformTabs, StatusBadge, TextArea, UnitPicker, canDecideReform, canWriteReform, options, useAction, useUnitOptions } from './ReformCommon.jsx';
import './Reform.css';

const PER_PAGE = 20;

function Loading({ state }) {
  return state.error ? (
    <ProblemAlert error={state.error} onRetry={state.reload} />
  ) : (
    <p class="loading" role="status">
      Đang tải…
    </p>
  );
}

/** The list part every registry shares: filters from the address, the table, the pager. */
function useList(path, base, search, extraKeys = {}) {
  const q = queryOf(search);
  const page = Number(q.trang) || 1;
  const filter = { q: q.q || undefined, unit_id: q.don_vi || undefined, status: q.trang_thai || undefined };
  for (const [k, param] of Object.entries(extraKeys)) filter[param] = q[k] || undefined;
  const list = useAsync(() => api.get(path, { ...filter, page, per_page: PER_PAGE }), [search]);
  const go = (p) => navigate(withQuery(base, { ...q, trang: p }));
  return { q, page, filter, list, go };
}

function ExportLink({ path, filter, file }) {
  return (
    <a class="btn btn--secondary" href={withQuery(`/api/v1${path}/export`, filter)} download={file}>
      Xuất Excel
    </a>
  );
}

// ---- internal procedures -------------------------------------------------------------------

function InternalForm({ user, units, initial, onSaved, submitLabel }) {
  const [v, setV] = useState(initial || { unit_id: String(user.unit_id || ''), name: '', code: '', field: '', legal_basis: '', involved: [] });
  const [pick, setPick] = useState('');
  const a = useAction();
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const nameOf = (id) => units.find((o) => o.value === String(id))?.label || id;
  const submit = async (e) => {
    e.preventDefault();
    const body = { name: v.name, code: v.code || null, field: v.field || null, legal_basis: v.legal_basis || null, involved_unit_ids: v.involved.map(Number) };
    const out = await a.run(() => (initial ? api.put(`/internal-procedures/${initial.id}`, body) : api.post('/internal-procedures', { ...body, unit_id: Number(v.unit_id) || 0 })), 'Đã lưu thủ tục nội bộ.');
    if (out) onSaved(out);
  };
  return (
    <form class="card form-grid" aria-label={submitLabel} onSubmit={submit} noValidate>
      <ProblemAlert error={a.error} focus={false} />
      {initial ? null : <UnitPicker id="ip-unit" label="Đơn vị" required units={units} value={v.unit_id} error={a.fe.unit_id} onValue={set('unit_id')} />}
      <TextField id="ip-name" label="Tên thủ tục nội bộ" required className="form-grid__wide" value={v.name} error={a.fe.name} onValue={set('name')} />
      <TextField id="ip-code" label="Mã (nếu có)" value={v.code || ''} error={a.fe.code} onValue={set('code')} />
      <TextField id="ip-field" label="Lĩnh vực" value={v.field || ''} error={a.fe.field} onValue={set('field')} />
      <TextArea id="ip-basis" label="Căn cứ pháp lý" className="form-grid__wide" value={v.legal_basis} error={a.fe.legal_basis} onValue={set('legal_basis')} />
      <fieldset class="form-grid__wide reform-fieldset">
        <legend>Cơ quan, đơn vị liên quan</legend>
        {a.fe.involved_unit_ids ? <p class="field__error">{a.fe.involved_unit_ids}</p> : null}
        <ul class="reform-chips">
          {v.involved.map((id) => (
            <li key={id}>
              {nameOf(id)}{' '}
              <button type="button" class="btn btn--link" aria-label={`Bỏ ${nameOf(id)}`} onClick={() => setV({ ...v, involved: v.involved.filter((x) => x !== id) })}>
                Bỏ
              </button>
            </li>
          ))}
        </ul>
        <UnitPicker id="ip-involved" label="Thêm đơn vị liên quan" units={units} value={pick} onValue={setPick} />
        <button
          type="button"
          class="btn btn--secondary"
          disabled={!pick}
          onClick={() => {
            if (!v.involved.includes(pick)) setV({ ...v, involved: [...v.involved, pick] });
            setPick('');
          }}
        >
          Thêm đơn vị
        </button>
      </fieldset>
      <div class="form-grid__wide reform-actions">
        <button type="submit" class="btn btn--primary" disabled={a.busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** /app/tthc-noi-bo — the internal procedures the reader sees, with filters and a create form. */
export function InternalProcedures({ user, search }) {
  usePageTitle('Thủ tục hành chính nội bộ');
  const units = useUnitOptions();
  const { q, page, filter, list, go } = useList('/internal-procedures', '/app/tthc-noi-bo', search, { linh_vuc: 'field' });
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="Thủ tục hành chính nội bộ"
        lead="Danh mục TTHC nội bộ của từng cơ quan, tình trạng và các phương án đơn giản hóa."
        actions={<ExportLink path="/internal-procedures" filter={filter} file="tthc-noi-bo.xlsx" />}
      />
      <ReformTabs current="/app/tthc-noi-bo" />
      <Filters base="/app/tthc-noi-bo" label="Lọc thủ tục nội bộ" q={q} statuses={IP_STATUSES} units={units} extra={{ linh_vuc: q.linh_vuc || '' }}>
        {(v, setV) => <TextField id="tthc-noi-bo-field" label="Lĩnh vực" value={v.linh_vuc} onValue={(x) => setV({ ...v, linh_vuc: x })} />}
      </Filters>
      {canWriteReform(user) ? (
        adding ? (
          <InternalForm user={user} units={units} submitLabel="Thêm thủ tục nội bộ" onSaved={(x) => navigate(`/app/tthc-noi-bo/${x.id}`)} />
        ) : (
          <p>
            <button type="button" class="btn btn--primary" onClick={() => setAdding(true)}>
              Thêm thủ tục nội bộ
            </button>
          </p>
        )
      ) : null}
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        caption="Thủ tục hành chính nội bộ"
        loading={list.loading}
        rows={list.data?.items}
        className="stack-table"
        empty="Không có thủ tục nội bộ nào."
        columns={[
          { key: 'name', label: 'Tên thủ tục', render: (x) => <Link href={`/app/tthc-noi-bo/${x.id}`}>{x.name}</Link> },
          { key: 'unit_name', label: 'Đơn vị' },
          { key: 'field', label: 'Lĩnh vực', render: (x) => x.field || '—' },
          { key: 'status', label: 'Tình trạng', render: (x) => <StatusBadge map={IP_STATUSES} status={x.status} /> },
          { key: 'proposal_count', label: 'Phương án' },
        ]}
      />
      {list.data ? <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={go} /> : null}
    </>
  );
}

function ProposalActions({ user, ip, p, onDone }) {
  const [doc, setDoc] = useState({ doc_no: '', doc_date: '' });
  const a = useAction();
  const move = (status, body = {}) => a.run(() => api.put(`/internal-procedures/${ip.id}/proposals/${p.n}`, { status, ...body }), 'Đã cập nhật phương án.').then((x) => x && onDone(x));
  const decide = canDecideReform(user);
  return (
    <div class="reform-actions">
      <ProblemAlert error={a.error} focus={false} />
      {p.status === 'proposed' && decide ? (
        <>
          <button type="button" class="btn btn--primary" disabled={a.busy} onClick={() => move('accepted')}>
            Chấp thuận
          </button>
          <button type="button" class="btn btn--secondary" disabled={a.busy} onClick={() => move('rejected')}>
            Không chấp thuận
          </button>
        </>
      ) : null}
      {p.status === 'accepted' && canWriteReform(user) ? (
        <form class="reform-inline" aria-label={`Thực thi phương án ${p.n}`} onSubmit={(e) => {
            e.preventDefault();
            move('implemented', doc);
          }} noValidate>
          <TextField id={`pp-${p.n}-no`} label="Số văn bản thực thi" value={doc.doc_no} error={a.fe.doc_no} onValue={(x) => setDoc({ ...doc, doc_no: x })} />
          <DateField id={`pp-${p.n}-date`} label="Ngày ban hành" value={doc.doc_date} error={a.fe.doc_date} onValue={(x) => setDoc({ ...doc, doc_date: x || '' })} />
          <button type="submit" class="btn btn--primary" disabled={a.busy}>
            Ghi nhận thực thi
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** /app/tthc-noi-bo/:id — one internal procedure: facts, edit, status, proposals. */
export function InternalProcedure({ user, params }) {
  const loaded = useAsync(() => api.get(`/internal-procedures/${params.id}`), [params.id]);
  const units = useUnitOptions();
  const [ip, setIp] = useState(null);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');
  const a = useAction();
  useEffect(() => {
    if (loaded.data) setIp(loaded.data);
  }, [loaded.data]);
  usePageTitle(ip ? ip.name : 'Thủ tục nội bộ');
  if (!ip) return <Loading state={loaded} />;
  const write = canWriteReform(user);
  const changeStatus = async () => {
    const x = await a.run(() => api.put(`/internal-procedures/${ip.id}`, { status }), 'Đã cập nhật tình trạng.');
    if (x) setIp(x);
  };
  const propose = async (e) => {
    e.preventDefault();
    const x = await a.run(() => api.post(`/internal-procedures/${ip.id}/proposals`, { text }), 'Đã thêm phương án đơn giản hóa.');
    if (x) {
      setIp(x);
      setText('');
    }
  };
  return (
    <>
      <PageHeader title={ip.name} lead={ip.unit_name} />
      <ReformTabs current="" />
      <Notice>{a.notice}</Notice>
      <ProblemAlert error={a.error} focus={false} />
      <section class="card" aria-labelledby="ip-info">
        <h2 id="ip-info" class="card__title">
          Thông tin thủ tục
        </h2>
        <dl class="facts">
          <dt>Tình trạng</dt>
          <dd data-testid="ip-status">
            <StatusBadge map={IP_STATUSES} status={ip.status} />
          </dd>
          <dt>Mã</dt>
          <dd>{ip.code || '—'}</dd>
          <dt>Lĩnh vực</dt>
          <dd>{ip.field || '—'}</dd>
          <dt>Căn cứ pháp lý</dt>
          <dd>{ip.legal_basis || '—'}</dd>
          <dt>Cơ quan, đơn vị liên quan</dt>
          <dd>{ip.involved_units.map((u) => u.name).join('; ') || '—'}</dd>
        </dl>
        {write ? (
          <div class="reform-actions">
            <SelectField id="ip-new-status" label="Chuyển tình trạng" options={options(IP_STATUSES)} placeholder="Chọn tình trạng" value={status} onValue={setStatus} />
            <button type="button" class="btn btn--secondary" disabled={!status || a.busy} onClick={changeStatus}>
              Cập nhật tình trạng
            </button>
            <button type="button" class="btn btn--secondary" onClick={() => setEditing(!editing)}>
              {editing ? 'Đóng biểu mẫu sửa' : 'Sửa thông tin'}
            </button>
          </div>
        ) : null}
      </section>
      {editing ? (
        <InternalForm
          user={user}
          units={units}
          initial={{ ...ip, involved: ip.involved_units.map((u) => String(u.id)) }}
          submitLabel="Lưu thay đổi"
          onSaved={(x) => {
            setIp(x);
            setEditing(false);
          }}
        />
      ) : null}
      <section class="card" aria-labelledby="ip-proposals">
        <h2 id="ip-proposals" class="card__title">
          Phương án đơn giản hóa
        </h2>
        <Table
          caption="Phương án đơn giản hóa"
          rows={ip.proposals}
          rowKey={(p) => p.n}
          className="stack-table"
          empty="Chưa có phương án nào."
          columns={[
            { key: 'n', label: 'Số' },
            { key: 'text', label: 'Nội dung' },
            { key: 'unit_name', label: 'Đơn vị đề xuất' },
            { key: 'status', label: 'Trạng thái', render: (p) => <StatusBadge map={PP_STATUSES} status={p.status} /> },
            { key: 'doc', label: 'Văn bản thực thi', render: (p) => (p.doc_no ? `${p.doc_no} (${formatDate(p.doc_date)})` : '—') },
            { key: 'act', label: 'Thao tác', render: (p) => <ProposalActions user={user} ip={ip} p={p} onDone={setIp} /> },
          ]}
        />
        {write ? (
          <form class="reform-inline" aria-label="Thêm phương án đơn giản hóa" onSubmit={propose} noValidate>
            <TextArea id="ip-proposal" label="Phương án đơn giản hóa mới" value={text} error={a.fe.text} onValue={setText} />
            <button type="submit" class="btn btn--primary" disabled={a.busy}>
              Thêm phương án
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}

// ---- impact assessments --------------------------------------------------------------------

const ANSWERS = [
  ['necessity', 'Sự cần thiết'],
  ['reasonableness', 'Tính hợp lý'],
  ['lawfulness', 'Tính hợp pháp'],
  ['cost', 'Chi phí tuân thủ'],
];

function ImpactForm({ user, units, initial, onSaved, submitLabel }) {
  const [v, setV] = useState(initial || { unit_id: String(user.unit_id || ''), title: '', doc_kind: '', procedures: [{ action: 'create', name: '' }], answers: {} });
  const a = useAction();
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const setProc = (i, p) => setV({ ...v, procedures: v.procedures.map((x, j) => (j === i ? p : x)) });
  const setAns = (k, x) => setV({ ...v, answers: { ...v.answers, [k]: x === '' ? null : x } });
  const submit = async (e) => {
    e.preventDefault();
    const procedures = v.procedures.filter((p) => p.name).map((p) => ({ action: p.action, name: p.name, ...(p.procedure_id ? { procedure_id: Number(p.procedure_id) } : {}) }));
    const answers = { ...v.answers, cost_vnd: v.answers.cost_vnd === undefined || v.answers.cost_vnd === null ? null : Number(v.answers.cost_vnd) };
    const body = { title: v.title, doc_kind: v.doc_kind, procedures, answers };
    const out = await a.run(() => (initial ? api.put(`/impact-assessments/${initial.id}`, body) : api.post('/impact-assessments', { ...body, unit_id: Number(v.unit_id) || 0 })), 'Đã lưu hồ sơ đánh giá tác động.');
    if (out) onSaved(out);
  };
  return (
    <form class="card form-grid" aria-label={submitLabel} onSubmit={submit} noValidate>
      <ProblemAlert error={a.error} focus={false} />
      {initial ? null : <UnitPicker id="ia-unit" label="Cơ quan chủ trì soạn thảo" required units={units} value={v.unit_id} error={a.fe.unit_id} onValue={set('unit_id')} />}
      <TextField id="ia-title" label="Tên dự thảo văn bản" required className="form-grid__wide" value={v.title} error={a.fe.title} onValue={set('title')} />
      <TextField id="ia-kind" label="Loại văn bản" required value={v.doc_kind} error={a.fe.doc_kind} onValue={set('doc_kind')} />
      <fieldset class="form-grid__wide reform-fieldset">
        <legend>Thủ tục hành chính quy định trong dự thảo</legend>
        {a.fe.procedures ? <p class="field__error">{a.fe.procedures}</p> : null}
        {v.procedures.map((p, i) => (
          <div class="reform-proc" key={i}>
            <SelectField id={`ia-proc-${i}-action`} label={`Thủ tục ${i + 1}: hình thức`} options={ACTIONS} value={p.action} onValue={(x) => setProc(i, { ...p, action: x })} />
            <TextField id={`ia-proc-${i}-name`} label={`Thủ tục ${i + 1}: tên`} value={p.name} onValue={(x) => setProc(i, { ...p, name: x })} />
          </div>
        ))}
        <button type="button" class="btn btn--secondary" onClick={() => setV({ ...v, procedures: [...v.procedures, { action: 'create', name: '' }] })}>
          Thêm thủ tục
        </button>
      </fieldset>
      <fieldset class="form-grid__wide reform-fieldset">
        <legend>Đánh giá tác động</legend>
        {a.fe.answers ? <p class="field__error">{a.fe.answers}</p> : null}
        {ANSWERS.map(([k, label]) => (
          <TextArea key={k} id={`ia-ans-${k}`} label={label} value={v.answers[k]} onValue={(x) => setAns(k, x)} />
        ))}
        <TextField id="ia-ans-cost_vnd" label="Chi phí tuân thủ ước tính (đồng/năm)" inputMode="numeric" value={v.answers.cost_vnd ?? ''} onValue={(x) => setAns('cost_vnd', x.replace(/\D/g, ''))} />
      </fieldset>
      <div class="form-grid__wide reform-actions">
        <button type="submit" class="btn btn--primary" disabled={a.busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** /app/danh-gia-tac-dong — impact assessments: the drafting side's and those sent for appraisal. */
export function ImpactAssessments({ user, search }) {
  usePageTitle('Đánh giá tác động TTHC');
  const units = useUnitOptions();
  const { q, page, filter, list, go } = useList('/impact-assessments', '/app/danh-gia-tac-dong', search, { qua_han: 'overdue' });
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="Đánh giá tác động TTHC trong dự thảo văn bản"
        lead={`Hồ sơ đánh giá tác động gửi Sở Tư pháp thẩm định${list.data ? ` (thời hạn ${list.data.appraisal_days} ngày làm việc)` : ''}.`}
        actions={<ExportLink path="/impact-assessments" filter={filter} file="danh-gia-tac-dong.xlsx" />}
      />
      <ReformTabs current="/app/danh-gia-tac-dong" />
      <Filters base="/app/danh-gia-tac-dong" label="Lọc hồ sơ đánh giá tác động" q={q} statuses={IA_STATUSES} units={units} extra={{ qua_han: q.qua_han || '' }}>
        {(v, setV) => (
          <SelectField
            id="danh-gia-tac-dong-overdue"
            label="Thời hạn thẩm định"
            placeholder="Tất cả"
            options={[
              { value: 'true', label: 'Quá hạn' },
              { value: 'false', label: 'Chưa quá hạn' },
            ]}
            value={v.qua_han}
            onValue={(x) => setV({ ...v, qua_han: x })}
          />
        )}
      </Filters>
      {canWriteReform(user) ? (
        adding ? (
          <ImpactForm user={user} units={units} submitLabel="Tạo hồ sơ đánh giá" onSaved={(x) => navigate(`/app/danh-gia-tac-dong/${x.id}`)} />
        ) : (
          <p>
            <button type="button" class="btn btn--primary" onClick={() => setAdding(true)}>
              Tạo hồ sơ đánh giá tác động
            </button>
          </p>
        )
      ) : null}
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        caption="Hồ sơ đánh giá tác động"
        loading={list.loading}
        rows={list.data?.items}
        className="stack-table"
        empty="Không có hồ sơ nào."
        columns={[
          { key: 'title', label: 'Dự thảo văn bản', render: (x) => <Link href={`/app/danh-gia-tac-dong/${x.id}`}>{x.title}</Link> },
          { key: 'unit_name', label: 'Cơ quan soạn thảo' },
          { key: 'status', label: 'Trạng thái', render: (x) => <StatusBadge map={IA_STATUSES} status={x.status} /> },
          { key: 'due_date', label: 'Hạn thẩm định', render: (x) => (x.due_date ? `${formatDate(x.due_date)}${x.overdue ? ' (quá hạn)' : ''}` : '—') },
        ]}
      />
      {list.data ? <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={go} /> : null}
    </>
  );
}

/** /app/danh-gia-tac-dong/:id — one assessment: answers, send, appraise. */
export function ImpactAssessment({ user, params }) {
  const loaded = useAsync(() => api.get(`/impact-assessments/${params.id}`), [params.id]);
  const units = useUnitOptions();
  const [ia, setIa] = useState(null);
  const [editing, setEditing] = useState(false);
  const [opinion, setOpinion] = useState('');
  const a = useAction();
  useEffect(() => {
    if (loaded.data) setIa(loaded.data);
  }, [loaded.data]);
  usePageTitle(ia ? ia.title : 'Đánh giá tác động');
  if (!ia) return <Loading state={loaded} />;
  const keep = (x) => x && setIa({ ...x, can_appraise: ia.can_appraise });
  const send = () => a.run(() => api.post(`/impact-assessments/${ia.id}/send`, {}), 'Đã gửi hồ sơ cho Sở Tư pháp thẩm định.').then(keep);
  const appraise = (e) => {
    e.preventDefault();
    a.run(() => api.post(`/impact-assessments/${ia.id}/appraise`, { opinion }), 'Đã ghi nhận ý kiến thẩm định.').then(keep);
  };
  const draft = ia.status === 'draft' && canWriteReform(user);
  return (
    <>
      <PageHeader title={ia.title} lead={`${ia.doc_kind} · ${ia.unit_name}`} />
      <ReformTabs current="" />
      <Notice>{a.notice}</Notice>
      <ProblemAlert error={a.error} focus={false} />
      <section class="card" aria-labelledby="ia-info">
        <h2 id="ia-info" class="card__title">
          Hồ sơ đánh giá tác động
        </h2>
        <dl class="facts">
          <dt>Trạng thái</dt>
          <dd data-testid="ia-status">
            <StatusBadge map={IA_STATUSES} status={ia.status} />
          </dd>
          <dt>Ngày gửi Sở Tư pháp</dt>
          <dd>{ia.sent_date ? formatDate(ia.sent_date) : '—'}</dd>
          <dt>Hạn thẩm định</dt>
          <dd data-testid="ia-due">{ia.due_date ? `${formatDate(ia.due_date)}${ia.overdue ? ' — quá hạn' : ia.days_left !== null ? ` — còn ${ia.days_left} ngày làm việc` : ''}` : '—'}</dd>
          {ANSWERS.map(([k, label]) => [<dt key={`t${k}`}>{label}</dt>, <dd key={`d${k}`}>{ia.answers?.[k] || '—'}</dd>])}
          <dt>Chi phí tuân thủ ước tính</dt>
          <dd>{ia.answers?.cost_vnd === undefined ? '—' : formatVnd(ia.answers.cost_vnd)}</dd>
          <dt>Ý kiến thẩm định</dt>
          <dd data-testid="ia-opinion">{ia.opinion ? `${ia.opinion} (${formatDate(ia.appraised_date)})` : '—'}</dd>
        </dl>
        <ul class="reform-list">
          {(ia.procedures || []).map((p, i) => (
            <li key={i}>
              {ACTIONS.find((x) => x.value === p.action)?.label}: {p.name}
            </li>
          ))}
        </ul>
        {draft ? (
          <div class="reform-actions">
            <button type="button" class="btn btn--primary" disabled={a.busy} onClick={send}>
              Gửi Sở Tư pháp thẩm định
            </button>
            <button type="button" class="btn btn--secondary" onClick={() => setEditing(!editing)}>
              {editing ? 'Đóng biểu mẫu sửa' : 'Sửa hồ sơ'}
            </button>
          </div>
        ) : null}
      </section>
      {editing && draft ? (
        <ImpactForm
          user={user}
          units={units}
          initial={{ ...ia, answers: ia.answers || {} }}
          submitLabel="Lưu thay đổi"
          onSaved={(x) => {
            keep(x);
            setEditing(false);
          }}
        />
      ) : null}
      {ia.status === 'sent' && ia.can_appraise ? (
        <form class="card" aria-label="Ý kiến thẩm định" onSubmit={appraise} noValidate>
          <TextArea id="ia-opinion" label="Ý kiến thẩm định" required value={opinion} error={a.fe.opinion} onValue={setOpinion} />
          <button type="submit" class="btn btn--primary" disabled={a.busy}>
            Ghi ý kiến thẩm định
          </button>
        </form>
      ) : null}
    </>
  );
}

// ---- initiatives -----------------------------------------------------------------------------

/** /app/sang-kien — reform initiatives with filters and a create form. */
export function Initiatives({ user, search }) {
  usePageTitle('Sáng kiến cải cách TTHC');
  const units = useUnitOptions();
  const { q, page, filter, list, go } = useList('/initiatives', '/app/sang-kien', search);
  const [v, setV] = useState(null);
  const a = useAction();
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const create = async (e) => {
    e.preventDefault();
    const out = await a.run(() => api.post('/initiatives', { unit_id: Number(v.unit_id) || 0, title: v.title, description: v.description, benefit: v.benefit || null }), 'Đã gửi sáng kiến.');
    if (out) navigate(`/app/sang-kien/${out.id}`);
  };
  return (
    <>
      <PageHeader title="Sáng kiến cải cách TTHC" lead="Sáng kiến do các cơ quan đề xuất, Văn phòng UBND tỉnh đánh giá và quyết định công nhận." actions={<ExportLink path="/initiatives" filter={filter} file="sang-kien.xlsx" />} />
      <ReformTabs current="/app/sang-kien" />
      <Filters base="/app/sang-kien" label="Lọc sáng kiến" q={q} statuses={INI_STATUSES} units={units} />
      {canWriteReform(user) ? (
        v ? (
          <form class="card form-grid" aria-label="Đề xuất sáng kiến" onSubmit={create} noValidate>
            <ProblemAlert error={a.error} focus={false} />
            <UnitPicker id="ini-unit" label="Đơn vị đề xuất" required units={units} value={v.unit_id} error={a.fe.unit_id} onValue={set('unit_id')} />
            <TextField id="ini-title" label="Tên sáng kiến" required className="form-grid__wide" value={v.title} error={a.fe.title} onValue={set('title')} />
            <TextArea id="ini-description" label="Nội dung" required className="form-grid__wide" value={v.description} error={a.fe.description} onValue={set('description')} />
            <TextArea id="ini-benefit" label="Hiệu quả dự kiến" className="form-grid__wide" value={v.benefit} error={a.fe.benefit} onValue={set('benefit')} />
            <div class="form-grid__wide reform-actions">
              <button type="submit" class="btn btn--primary" disabled={a.busy}>
                Gửi sáng kiến
              </button>
            </div>
          </form>
        ) : (
          <p>
            <button type="button" class="btn btn--primary" onClick={() => setV({ unit_id: String(user.unit_id || ''), title: '', description: '', benefit: '' })}>
              Đề xuất sáng kiến
            </button>
          </p>
        )
      ) : null}
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        caption="Sáng kiến cải cách TTHC"
        loading={list.loading}
        rows={list.data?.items}
        className="stack-table"
        empty="Không có sáng kiến nào."
        columns={[
          { key: 'title', label: 'Sáng kiến', render: (x) => <Link href={`/app/sang-kien/${x.id}`}>{x.title}</Link> },
          { key: 'unit_name', label: 'Đơn vị đề xuất' },
          { key: 'status', label: 'Trạng thái', render: (x) => <StatusBadge map={INI_STATUSES} status={x.status} /> },
          { key: 'decision', label: 'Quyết định', render: (x) => (x.decision_no ? `${x.decision_no} (${formatDate(x.decision_date)})` : '—') },
        ]}
      />
      {list.data ? <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={go} /> : null}
    </>
  );
}

/** /app/sang-kien/:id — one initiative: assessment and decision (the Provincial Office). */
export function Initiative({ user, params }) {
  const loaded = useAsync(() => api.get(`/initiatives/${params.id}`), [params.id]);
  const [x, setX] = useState(null);
  const [assess, setAssess] = useState({ assessment: '', score: '' });
  const [dec, setDec] = useState({ adopted: 'true', decision_no: '', decision_date: '' });
  const a = useAction();
  useEffect(() => {
    if (loaded.data) setX(loaded.data);
  }, [loaded.data]);
  usePageTitle(x ? x.title : 'Sáng kiến');
  if (!x) return <Loading state={loaded} />;
  const decide = canDecideReform(user);
  const doAssess = (e) => {
    e.preventDefault();
    a.run(() => api.post(`/initiatives/${x.id}/assess`, { assessment: assess.assessment, score: assess.score ? Number(assess.score) : null }), 'Đã ghi nhận đánh giá.').then((r) => r && setX(r));
  };
  const doDecide = (e) => {
    e.preventDefault();
    a.run(() => api.post(`/initiatives/${x.id}/decide`, { adopted: dec.adopted === 'true', decision_no: dec.decision_no, decision_date: dec.decision_date || null }), 'Đã ghi nhận quyết định.').then((r) => r && setX(r));
  };
  return (
    <>
      <PageHeader title={x.title} lead={x.unit_name} />
      <ReformTabs current="" />
      <Notice>{a.notice}</Notice>
      <ProblemAlert error={a.error} focus={false} />
      <section class="card" aria-labelledby="ini-info">
        <h2 id="ini-info" class="card__title">
          Thông tin sáng kiến
        </h2>
        <dl class="facts">
          <dt>Trạng thái</dt>
          <dd data-testid="ini-status">
            <StatusBadge map={INI_STATUSES} status={x.status} />
          </dd>
          <dt>Nội dung</dt>
          <dd>{x.description}</dd>
          <dt>Hiệu quả dự kiến</dt>
          <dd>{x.benefit || '—'}</dd>
          <dt>Đánh giá</dt>
          <dd>{x.assessment ? `${x.assessment}${x.score ? ` (điểm ${x.score})` : ''}` : '—'}</dd>
          <dt>Quyết định</dt>
          <dd data-testid="ini-decision">{x.decision_no ? `${x.decision_no} (${formatDate(x.decision_date)})` : '—'}</dd>
        </dl>
      </section>
      {decide && (x.status === 'proposed' || x.status === 'assessed') ? (
        <form class="card form-grid" aria-label="Đánh giá sáng kiến" onSubmit={doAssess} noValidate>
          <TextArea id="ini-assessment" label="Nội dung đánh giá" required className="form-grid__wide" value={assess.assessment} error={a.fe.assessment} onValue={(v) => setAssess({ ...assess, assessment: v })} />
          <TextField id="ini-score" label="Điểm (1–100, nếu có)" inputMode="numeric" value={assess.score} error={a.fe.score} onValue={(v) => setAssess({ ...assess, score: v.replace(/\D/g, '') })} />
          <div class="form-grid__wide reform-actions">
            <button type="submit" class="btn btn--primary" disabled={a.busy}>
              Ghi nhận đánh giá
            </button>
          </div>
        </form>
      ) : null}
      {decide && x.status === 'assessed' ? (
        <form class="card form-grid" aria-label="Quyết định công nhận" onSubmit={doDecide} noValidate>
          <SelectField
            id="ini-adopted"
            label="Kết quả"
            options={[
              { value: 'true', label: 'Công nhận' },
              { value: 'false', label: 'Không công nhận' },
            ]}
            value={dec.adopted}
            onValue={(v) => setDec({ ...dec, adopted: v })}
          />
          <TextField id="ini-decision-no" label="Số quyết định" required value={dec.decision_no} error={a.fe.decision_no} onValue={(v) => setDec({ ...dec, decision_no: v })} />
          <DateField id="ini-decision-date" label="Ngày quyết định" required value={dec.decision_date} error={a.fe.decision_date} onValue={(v) => setDec({ ...dec, decision_date: v || '' })} />
          <div class="form-grid__wide reform-actions">
            <button type="submit" class="btn btn--primary" disabled={a.busy}>
              Ghi nhận quyết định
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
