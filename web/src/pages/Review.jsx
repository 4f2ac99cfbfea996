// /app/ra-soat — the review of procedures (issue 17): my unit's review forms and the coordinator's
// queue, one form (a row per component), the simplification proposals with the decision and the
// implementation, and the province's decisions. The server scopes every list and decides every right.
import { useEffect, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { CheckboxField, DateField, SelectField, TextField, Wrap } from '../components/Field.jsx';
import { Notice, ProblemAlert } from '../components/ProblemAlert.jsx';
import { Pager } from '../components/Pager.jsx';
import { Table } from '../components/Table.jsx';
import { api } from '../api.js';
import { formatDate, formatDateTime, formatPct, formatVnd } from '../format.js';
import { hasPermission } from '../auth.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { FORM_STATUSES, FormStatus, OUTCOMES, PROPOSALS, PROPOSAL_STATUSES, ProposalStatus, ReviewTabs, canCoordinateReview, canWriteReview, proposalLabel } from './ReviewCommon.jsx';
import './Review.css';

const statusOptions = (map) => Object.entries(map).map(([value, s]) => ({ value, label: s.label }));

/** The list of forms: mine (the server scopes), or the coordinator's queue of submitted forms;
 * ?ke_hoach=&thu_tuc= narrow it to one plan's forms of one procedure (the task page's link). */
export function ReviewForms({ user, search }) {
  usePageTitle('Phiếu rà soát, đánh giá TTHC');
  const q = queryOf(search);
  const coordinator = canCoordinateReview(user);
  const narrowed = !!(q.ke_hoach || q.thu_tuc);
  const status = q.trang_thai ?? (coordinator && !narrowed ? 'submitted' : '');
  const page = Number(q.trang) || 1;
  const filter = { status: status || undefined, plan_id: q.ke_hoach || undefined, procedure_id: q.thu_tuc || undefined };
  const list = useAsync(() => api.get('/review/forms', { ...filter, page, per_page: 50 }), [status, page, q.ke_hoach, q.thu_tuc]);
  const go = (params) => navigate(withQuery('/app/ra-soat', { trang_thai: status, ke_hoach: q.ke_hoach, thu_tuc: q.thu_tuc, ...params }));
  const exportHref = withQuery('/api/v1/review/forms/export', filter);
  return (
    <>
      <PageHeader
        title="Phiếu rà soát, đánh giá TTHC"
        lead={coordinator ? 'Các phiếu đơn vị đã gửi chờ Văn phòng UBND tỉnh tiếp nhận; chọn trạng thái để xem các phiếu khác.' : 'Mỗi thủ tục được giao rà soát có một phiếu: đánh giá từng bộ phận, nêu lý do và phương án.'}
        actions={
          <a class="btn btn--secondary" href={exportHref} download="phieu-ra-soat.xlsx">
            Xuất Excel
          </a>
        }
      />
      <ReviewTabs current="/app/ra-soat" />
      <form class="filters" role="search" aria-label="Lọc phiếu rà soát" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="rv-status" label="Trạng thái" options={statusOptions(FORM_STATUSES)} placeholder="Tất cả" value={status} onValue={(v) => go({ trang_thai: v, trang: undefined })} />
      </form>
      {narrowed ? (
        <p>
          Các phiếu của một nhiệm vụ rà soát. <Link href="/app/ra-soat">Xem tất cả phiếu</Link>
        </p>
      ) : null}
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        caption="Phiếu rà soát"
        loading={list.loading}
        rows={list.data?.items}
        className="stack-table"
        empty="Không có phiếu rà soát nào."
        columns={[
          { key: 'procedure', label: 'Thủ tục', render: (f) => <Link href={`/app/ra-soat/phieu/${f.id}`}>{`${f.procedure_code} — ${f.procedure_name}`}</Link> },
          { key: 'unit_name', label: 'Đơn vị rà soát' },
          { key: 'status', label: 'Trạng thái', render: (f) => <FormStatus status={f.status} /> },
          { key: 'proposal', label: 'Phương án', render: (f) => proposalLabel(f.proposal) },
          { key: 'updated_at', label: 'Cập nhật', render: (f) => formatDateTime(f.updated_at) },
        ]}
      />
      {list.data ? <Pager page={page} perPage={50} total={list.data.total} onPage={(p) => go({ trang: p })} /> : null}
    </>
  );
}

/** One component's row: the three answers, the reason, the proposal and the change. */
function ComponentRow({ c, now, edit, onChange, errors, i }) {
  const id = (k) => `rv-${c.component}-${k}`;
  const err = (k) => errors[`components[${i}].${k}`];
  return (
    <fieldset class="review-row" aria-labelledby={id('title')}>
      <h3 id={id('title')} class="review-row__title">
        {i + 1}. {c.label}
      </h3>
      {now ? <p class="review-row__now">Đang công bố: {now}</p> : null}
      <div class="review-row__answers">
        {[
          ['necessary', 'Cần thiết'],
          ['reasonable', 'Hợp lý'],
          ['lawful', 'Hợp pháp'],
        ].map(([k, label]) => (
          <CheckboxField key={k} id={id(k)} label={label} value={c[k] === true} disabled={!edit} error={err(k)} onValue={(v) => onChange({ ...c, [k]: v })} />
        ))}
      </div>
      <Wrap id={id('reason')} label="Lý do" error={err('reason')}>
        <textarea id={id('reason')} class="input review-textarea" disabled={!edit} value={c.reason || ''} onInput={(e) => onChange({ ...c, reason: e.currentTarget.value || null })} />
      </Wrap>
      <SelectField id={id('proposal')} label="Đề xuất" options={PROPOSALS} placeholder="Chọn đề xuất" disabled={!edit} error={err('proposal')} value={c.proposal || ''} onValue={(v) => onChange({ ...c, proposal: v || null })} />
      {c.proposal && c.proposal !== 'keep' ? (
        <Wrap id={id('change')} label="Nội dung đề xuất cụ thể" error={err('change')}>
          <textarea id={id('change')} class="input review-textarea" disabled={!edit} value={c.change || ''} onInput={(e) => onChange({ ...c, change: e.currentTarget.value || null })} />
        </Wrap>
      ) : null}
    </fieldset>
  );
}

/** The coordinator's decision on a submitted form: accept, or return with a reason. */
function Decide({ form, onDone }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const act = async (what) => {
    setBusy(true);
    setError(null);
    try {
      const f = await api.post(`/review/forms/${form.id}/${what}`, what === 'return' ? { reason } : undefined);
      onDone(f, what === 'accept' ? 'Đã tiếp nhận phiếu.' : 'Đã trả lại phiếu cho đơn vị.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="rv-decide">
      <h2 id="rv-decide" class="card__title">
        Tiếp nhận hoặc trả lại
      </h2>
      <ProblemAlert error={error} fieldLabels={{ reason: 'Lý do trả lại' }} idPrefix="rv-" />
      <Wrap id="rv-reason" label="Lý do trả lại (khi trả lại)">
        <textarea id="rv-reason" class="input review-textarea" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Wrap>
      <div class="review-actions">
        <button type="button" class="btn btn--primary" disabled={busy} onClick={() => act('accept')}>
          Tiếp nhận phiếu
        </button>
        <button type="button" class="btn btn--secondary" disabled={busy} onClick={() => act('return')}>
          Trả lại phiếu
        </button>
      </div>
    </section>
  );
}

/** /app/ra-soat/phieu/:id — the form: one row per component; save, submit; the coordinator decides. */
export function ReviewFormPage({ user, params }) {
  const loaded = useAsync(() => api.get(`/review/forms/${params.id}`), [params.id]);
  const [form, setForm] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) setForm(loaded.data);
  }, [loaded.data]);
  usePageTitle(form ? `Phiếu rà soát: ${form.procedure.code}` : 'Phiếu rà soát');
  if (!form)
    return loaded.error ? (
      <ProblemAlert error={loaded.error} onRetry={loaded.reload} />
    ) : (
      <p class="loading" role="status">
        Đang tải…
      </p>
    );
  const edit = form.can_edit && canWriteReview(user);
  const errors = error?.fieldErrors || {};
  const body = () => ({ components: form.components.map(({ label, ...c }) => ({ ...c, necessary: !!c.necessary, reasonable: !!c.reasonable, lawful: !!c.lawful })), proposal: form.proposal || null, change_text: form.change_text || null });
  const run = async (fn, done) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const f = await fn();
      setForm(f);
      setNotice(done);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(() => api.put(`/review/forms/${form.id}`, body()), 'Đã lưu phiếu.');
  const submit = () =>
    run(async () => {
      await api.put(`/review/forms/${form.id}`, body());
      return api.post(`/review/forms/${form.id}/submit`);
    }, 'Đã gửi phiếu cho Văn phòng UBND tỉnh.');
  const p = form.procedure;
  return (
    <>
      <PageHeader title={`Phiếu rà soát: ${p.code} — ${p.name}`} lead={`${form.unit_name} · ${form.plan_title || ''}`} />
      <ReviewTabs current="" />
      <Notice>{notice}</Notice>
      <section class="card" aria-labelledby="rv-info">
        <h2 id="rv-info" class="card__title">
          Thông tin phiếu
        </h2>
        <dl class="facts">
          <dt>Trạng thái</dt>
          <dd>
            <FormStatus status={form.status} />
          </dd>
          <dt>Thủ tục</dt>
          <dd>
            <Link href={`/app/thu-tuc/${p.id}`}>{p.code}</Link>
          </dd>
          {form.return_reason ? (
            <>
              <dt>Lý do trả lại</dt>
              <dd>{form.return_reason}</dd>
            </>
          ) : null}
          {form.submitted_at ? (
            <>
              <dt>Ngày gửi</dt>
              <dd>{formatDateTime(form.submitted_at)}</dd>
            </>
          ) : null}
          {form.proposal_id ? (
            <>
              <dt>Phương án đơn giản hóa</dt>
              <dd>
                <Link href={withQuery('/app/ra-soat/phuong-an', { don_vi: form.unit_id })}>Số {form.proposal_id}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <ProblemAlert error={error} />
      <section class="card" aria-labelledby="rv-components">
        <h2 id="rv-components" class="card__title">
          Đánh giá từng bộ phận của thủ tục
        </h2>
        <div class="review-rows">
          {form.components.map((c, i) => (
            <ComponentRow key={c.component} c={c} i={i} now={p[c.component]} edit={edit} errors={errors} onChange={(n) => setForm({ ...form, components: form.components.map((x, k) => (k === i ? n : x)) })} />
          ))}
        </div>
      </section>
      <section class="card" aria-labelledby="rv-overall">
        <h2 id="rv-overall" class="card__title">
          Phương án chung cho thủ tục
        </h2>
        <SelectField id="rv-proposal" label="Phương án" options={PROPOSALS} placeholder="Chọn phương án" disabled={!edit} error={errors.proposal} value={form.proposal || ''} onValue={(v) => setForm({ ...form, proposal: v || null })} />
        <Wrap id="rv-change" label="Nội dung phương án đơn giản hóa" error={errors.change_text}>
          <textarea id="rv-change" class="input review-textarea" disabled={!edit} value={form.change_text || ''} onInput={(e) => setForm({ ...form, change_text: e.currentTarget.value })} />
        </Wrap>
        {edit ? (
          <div class="review-actions">
            <button type="button" class="btn btn--secondary" disabled={busy} onClick={save}>
              Lưu nháp
            </button>
            <button type="button" class="btn btn--primary" disabled={busy} onClick={submit}>
              Gửi phiếu
            </button>
          </div>
        ) : null}
      </section>
      {form.can_decide ? <Decide form={form} onDone={(f, msg) => {
            setForm(f);
            setNotice(msg);
          }} /> : null}
    </>
  );
}

/** The coordinator's form for a decision adopting the chosen proposals. */
function DecisionForm({ ids, onDone }) {
  const [v, setV] = useState({ number: '', date: '', title: 'Phê duyệt phương án đơn giản hóa thủ tục hành chính' });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const d = await api.post('/review/decisions', { ...v, proposal_ids: ids });
      onDone(d);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fe = error?.fieldErrors || {};
  return (
    <form class="card" aria-labelledby="rv-dec" onSubmit={submit} noValidate>
      <h2 id="rv-dec" class="card__title">
        Quyết định phê duyệt {ids.length} phương án đã chọn
      </h2>
      <ProblemAlert error={error} />
      <TextField id="rv-dec-number" label="Số quyết định" value={v.number} error={fe.number} onValue={(x) => setV({ ...v, number: x })} />
      <DateField id="rv-dec-date" label="Ngày quyết định" value={v.date} error={fe.date} onValue={(x) => setV({ ...v, date: x || '' })} />
      <TextField id="rv-dec-title" label="Trích yếu" value={v.title} error={fe.title} onValue={(x) => setV({ ...v, title: x })} />
      <button type="submit" class="btn btn--primary" disabled={busy || !ids.length}>
        Ghi quyết định
      </button>
    </form>
  );
}

/** Recording a decided proposal's implementation. */
function Implement({ p, onDone }) {
  const [v, setV] = useState({ document_number: '', document_date: '', outcome: p.kind === 'abolish' ? 'abolished' : p.kind === 'replace' ? 'replaced' : p.kind === 'simplify' ? 'simplified' : 'amended' });
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      onDone(await api.post(`/review/proposals/${p.id}/implement`, v));
    } catch (err) {
      setError(err);
    }
  };
  const fe = error?.fieldErrors || {};
  const id = (k) => `rv-impl-${p.id}-${k}`;
  return (
    <form class="review-implement" aria-label={`Thực thi phương án ${p.id}`} onSubmit={submit} noValidate>
      <ProblemAlert error={error} focus={false} />
      <TextField id={id('no')} label="Số văn bản thực thi" value={v.document_number} error={fe.document_number} onValue={(x) => setV({ ...v, document_number: x })} />
      <DateField id={id('date')} label="Ngày văn bản" value={v.document_date} error={fe.document_date} onValue={(x) => setV({ ...v, document_date: x || '' })} />
      <SelectField id={id('outcome')} label="Kết quả" options={OUTCOMES} value={v.outcome} onValue={(x) => setV({ ...v, outcome: x })} />
      <button type="submit" class="btn btn--primary">
        Ghi nhận thực thi
      </button>
    </form>
  );
}

/** /app/ra-soat/phuong-an — the proposals; the coordinator picks some for a decision and records implementation. */
export function ReviewProposals({ user, search }) {
  usePageTitle('Phương án đơn giản hóa TTHC');
  const q = queryOf(search);
  const status = q.trang_thai || '';
  const page = Number(q.trang) || 1;
  const list = useAsync(() => api.get('/review/proposals', { status: status || undefined, unit_id: q.don_vi || undefined, page, per_page: 50 }), [status, page, q.don_vi]);
  const coordinator = canCoordinateReview(user);
  const [chosen, setChosen] = useState([]);
  const [notice, setNotice] = useState('');
  const go = (params) => navigate(withQuery('/app/ra-soat/phuong-an', { trang_thai: status, ...params }));
  const toggle = (id, on) => setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <>
      <PageHeader
        title="Phương án đơn giản hóa TTHC"
        lead="Phương án từ các phiếu rà soát đã được tiếp nhận, quyết định phê duyệt và việc thực thi."
        actions={
          <a class="btn btn--secondary" href={withQuery('/api/v1/review/proposals/export', { status: status || undefined })} download="phuong-an-don-gian-hoa.xlsx">
            Xuất Excel
          </a>
        }
      />
      <ReviewTabs current="/app/ra-soat/phuong-an" />
      <Notice>{notice}</Notice>
      <form class="filters" role="search" aria-label="Lọc phương án" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="rv-p-status" label="Trạng thái" options={statusOptions(PROPOSAL_STATUSES)} placeholder="Tất cả" value={status} onValue={(v) => go({ trang_thai: v, trang: undefined })} />
      </form>
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        caption="Phương án đơn giản hóa"
        loading={list.loading}
        rows={list.data?.items}
        className="stack-table"
        empty="Chưa có phương án nào."
        columns={[
          ...(coordinator
            ? [{ key: 'pick', label: 'Chọn', render: (p) => (p.status === 'proposed' ? <CheckboxField id={`rv-pick-${p.id}`} label={`Chọn phương án ${p.id}`} value={chosen.includes(p.id)} onValue={(on) => toggle(p.id, on)} /> : null) }]
            : []),
          { key: 'procedure', label: 'Thủ tục', render: (p) => <Link href={`/app/thu-tuc/${p.procedure_id}`}>{`${p.procedure_code} — ${p.procedure_name}`}</Link> },
          { key: 'unit_name', label: 'Đơn vị đề xuất' },
          { key: 'kind', label: 'Phương án', render: (p) => `${proposalLabel(p.kind)}: ${p.change_text || ''}` },
          { key: 'status', label: 'Trạng thái', render: (p) => <ProposalStatus status={p.status} /> },
          { key: 'decision', label: 'Quyết định', render: (p) => (p.decision_id ? <Link href={`/app/ra-soat/quyet-dinh/${p.decision_id}`}>{`${p.decision_number} (${formatDate(p.decision_date)})`}</Link> : '—') },
          {
            key: 'impl',
            label: 'Thực thi',
            render: (p) =>
              p.status === 'implemented' ? `${p.document_number} (${formatDate(p.document_date)})` : p.status === 'decided' && coordinator ? <Implement
                  p={p}
                  onDone={() => {
                    setNotice('Đã ghi nhận thực thi; thủ tục đã được cập nhật trạng thái.');
                    list.reload();
                  }}
                /> : '—',
          },
        ]}
      />
      {list.data ? <Pager page={page} perPage={50} total={list.data.total} onPage={(p) => go({ trang: p })} /> : null}
      {coordinator && chosen.length ? (
        <DecisionForm
          ids={chosen}
          onDone={(d) => {
            setChosen([]);
            navigate(`/app/ra-soat/quyet-dinh/${d.id}`);
          }}
        />
      ) : null}
    </>
  );
}

/** /app/ra-soat/quyet-dinh — the province's decisions. */
export function ReviewDecisions() {
  usePageTitle('Quyết định phê duyệt phương án đơn giản hóa');
  const list = useAsync(() => api.get('/review/decisions', { per_page: 100 }), []);
  return (
    <>
      <PageHeader
        title="Quyết định phê duyệt phương án đơn giản hóa"
        actions={
          <a class="btn btn--secondary" href="/api/v1/review/decisions/export" download="quyet-dinh-don-gian-hoa.xlsx">
            Xuất Excel
          </a>
        }
      />
      <ReviewTabs current="/app/ra-soat/quyet-dinh" />
      <ProblemAlert error={list.error} onRetry={list.reload} />
      <Table
        caption="Quyết định"
        loading={list.loading}
        rows={list.data?.items}
        className="stack-table"
        empty="Chưa có quyết định nào."
        columns={[
          { key: 'number', label: 'Số', render: (d) => <Link href={`/app/ra-soat/quyet-dinh/${d.id}`}>{d.number}</Link> },
          { key: 'date', label: 'Ngày', render: (d) => formatDate(d.date) },
          { key: 'title', label: 'Trích yếu' },
          { key: 'proposals', label: 'Số phương án' },
          { key: 'implemented', label: 'Đã thực thi' },
        ]}
      />
    </>
  );
}

/** The compliance cost the decision's proposals save in a year (the cost sheets of their
 * procedures for that year; the decision's own year first), with the way to the full list. */
function DecisionSaving({ decision }) {
  const first = Number(String(decision.date).slice(0, 4));
  const [year, setYear] = useState(first);
  const s = useAsync(() => api.get('/review/savings', { year, decision_id: decision.id, per_page: 1 }), [year, decision.id]);
  const t = s.data?.totals;
  const years = [first - 1, first, first + 1, first + 2];
  return (
    <section class="card" aria-labelledby="rv-saving">
      <h2 id="rv-saving" class="card__title">
        Chi phí tuân thủ cắt giảm theo quyết định
      </h2>
      <SelectField id="rv-saving-year" label="Năm của bảng chi phí" value={String(year)} options={years.map((y) => ({ value: String(y), label: String(y) }))} onValue={(v) => setYear(Number(v))} />
      <ProblemAlert error={s.error} focus={false} onRetry={s.reload} />
      {!t ? (
        s.error ? null : (
          <p class="loading" role="status">
            Đang tải…
          </p>
        )
      ) : t.sheets ? (
        <dl class="facts" data-testid="decision-saving">
          <dt>Thủ tục có bảng chi phí</dt>
          <dd data-testid="decision-saving-procedures">{t.procedures}</dd>
          <dt>Chi phí trước/năm</dt>
          <dd>{formatVnd(t.before)}</dd>
          <dt>Chi phí sau/năm</dt>
          <dd>{formatVnd(t.after)}</dd>
          <dt>Cắt giảm</dt>
          <dd data-testid="decision-saving-total">
            {formatVnd(t.saving)} ({formatPct(t.saving_pct)})
          </dd>
        </dl>
      ) : (
        <p>Chưa có bảng chi phí tuân thủ năm {year} của các thủ tục trong quyết định này.</p>
      )}
      <p>
        <Link href={withQuery('/app/chi-phi-tuan-thu', { nam: year, quyet_dinh: decision.id })}>Chi phí của từng thủ tục →</Link>
      </p>
    </section>
  );
}

/** /app/ra-soat/quyet-dinh/:id — a decision and its proposals (those the reader sees). */
export function ReviewDecision({ user, params }) {
  const d = useAsync(() => api.get(`/review/decisions/${params.id}`), [params.id]);
  usePageTitle(d.data ? `Quyết định ${d.data.number}` : 'Quyết định');
  if (!d.data)
    return d.error ? (
      <ProblemAlert error={d.error} onRetry={d.reload} />
    ) : (
      <p class="loading" role="status">
        Đang tải…
      </p>
    );
  const x = d.data;
  return (
    <>
      <PageHeader title={`Quyết định ${x.number}`} lead={`${formatDate(x.date)} · ${x.title}`} />
      <ReviewTabs current="" />
      <Table
        caption="Phương án được phê duyệt"
        rows={x.items}
        className="stack-table"
        empty="Không có phương án nào trong phạm vi của bạn."
        columns={[
          { key: 'procedure', label: 'Thủ tục', render: (p) => <Link href={`/app/thu-tuc/${p.procedure_id}`}>{`${p.procedure_code} — ${p.procedure_name}`}</Link> },
          { key: 'unit_name', label: 'Đơn vị đề xuất' },
          { key: 'kind', label: 'Phương án', render: (p) => proposalLabel(p.kind) },
          { key: 'status', label: 'Trạng thái', render: (p) => <ProposalStatus status={p.status} /> },
          { key: 'doc', label: 'Văn bản thực thi', render: (p) => (p.document_number ? `${p.document_number} (${formatDate(p.document_date)})` : '—') },
        ]}
      />
      {hasPermission(user, 'cost.read') ? <DecisionSaving decision={x} /> : null}
    </>
  );
}
