// /app/bao-cao/:id — one unit's report as the paper form: the dossier table by field and level
// with the circular's columns, feedback, procedures, the plan (overdue assignments linked), and the
// narrative. In a draft (or a returned report) each figure is a button: the correction dialog shows
// the computed value beside the new one and asks for a note. The unit refreshes the figures and
// submits after a confirmation; the parent's staff accept it or return it with a comment. A parent's
// report lists the children included and missing and their figures one by one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { ConfirmDialog, Modal } from '../components/Modal.jsx';
import { TextField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { Comments } from '../components/Comments.jsx';
import { ApiError, api } from '../api.js';
import { formatDate, formatDateTime, formatNumber } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { TextAreaField } from './PlanCommon.jsx';
import {
  DossierTable,
  EVENT_LABELS,
  FigureTable,
  LateBadge,
  OverdueList,
  StatusBadge,
  feedbackRows,
  figureAt,
  pathLabel,
  planRows,
  inspectionRows,
  registryRows,
  procedureRows,
  reportName,
  summaryTotals,
} from './ReportsCommon.jsx';

export const NARRATIVE = [
  ['results', 'Kết quả đạt được'],
  ['difficulties', 'Khó khăn, vướng mắc và nguyên nhân'],
  ['proposals', 'Đề xuất, kiến nghị'],
];

/** The dialog of one figure: the computed value, the corrected one, and the required note. */
function CorrectionForm({ report, path, onSave, onCancel }) {
  const existing = (report.corrections || []).find((c) => c.path === path);
  const computed = figureAt(report.computed, path) ?? 0;
  const [value, setValue] = useState(existing ? String(existing.value) : String(computed));
  const [note, setNote] = useState(existing?.note || '');
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const others = (report.corrections || []).filter((c) => c.path !== path).map((c) => ({ path: c.path, value: c.value, note: c.note }));
  const send = async (list, message) => {
    setBusy(true);
    setError(null);
    try {
      await onSave({ corrections: list }, message);
    } catch (err) {
      setErrors(err.fieldErrors || {});
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = (e) => {
    e.preventDefault();
    const errs = {};
    const t = value.trim();
    if (!/^\d+$/.test(t)) errs.value = 'Nhập một số nguyên không âm.';
    if (!note.trim()) errs.note = 'Nhập lý do điều chỉnh.';
    setErrors(errs);
    if (Object.keys(errs).length) {
      document.getElementById(errs.value ? 'corr-value' : 'corr-note')?.focus();
      return;
    }
    send([...others, { path, value: Number(t), note: note.trim() }], `Đã điều chỉnh: ${pathLabel(path, report.tables)}.`);
  };
  return (
    <form onSubmit={save} noValidate>
      <ProblemAlert error={error} />
      <p class="strong">{pathLabel(path, report.tables)}</p>
      <dl class="facts rep-corr-facts">
        <dt>Giá trị tính từ dữ liệu</dt>
        <dd class="num-text">{formatNumber(computed)}</dd>
        {existing ? (
          <>
            <dt>Giá trị đang điều chỉnh</dt>
            <dd class="num-text">{formatNumber(existing.value)}</dd>
          </>
        ) : null}
      </dl>
      <TextField
        id="corr-value"
        label="Giá trị điều chỉnh"
        inputMode="numeric"
        value={value}
        onValue={setValue}
        error={errors.value || errors['corrections']}
        required
      />
      <TextAreaField
        id="corr-note"
        label="Lý do điều chỉnh"
        hint="Bắt buộc: nêu căn cứ của số liệu điều chỉnh (ví dụ: hồ sơ giấy chưa nhập vào hệ thống)."
        value={note}
        onValue={setNote}
        error={errors.note}
        required
      />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Lưu điều chỉnh'}
        </button>
        {existing ? (
          <button type="button" class="btn btn--secondary" disabled={busy} onClick={() => send(others, `Đã bỏ điều chỉnh: ${pathLabel(path, report.tables)}.`)}>
            Bỏ điều chỉnh
          </button>
        ) : null}
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

/** Accept (comment optional) or return (comment required) a child's report. */
function ReviewForm({ action, onDone, onCancel }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState(null);
  const [fieldError, setFieldError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    if (action === 'return' && !comment.trim()) {
      setFieldError('Nhập lý do trả lại để đơn vị hoàn thiện báo cáo.');
      document.getElementById('rev-comment')?.focus();
      return;
    }
    setFieldError('');
    setBusy(true);
    setError(null);
    try {
      await onDone(action, comment.trim());
    } catch (err) {
      setError(err);
      setFieldError(err.fieldErrors?.comment || '');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert error={error} />
      <TextAreaField
        id="rev-comment"
        label={action === 'return' ? 'Lý do trả lại' : 'Ý kiến (không bắt buộc)'}
        value={comment}
        onValue={setComment}
        error={fieldError}
        required={action === 'return'}
      />
      <div class="form-actions">
        <button type="submit" class={`btn ${action === 'return' ? 'btn--danger' : 'btn--primary'}`} disabled={busy}>
          {busy ? 'Đang xử lý…' : action === 'return' ? 'Trả lại báo cáo' : 'Tiếp nhận báo cáo'}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

/** Included / missing children and each one's figures. */
function Aggregation({ report }) {
  const a = report.aggregation;
  if (!a || !((a.children || []).length || (a.missing || []).length || (a.included || []).length)) return null;
  const children = a.children || [];
  const row = (key, name, status, included, s, href) => {
    const t = summaryTotals(s);
    return (
      <tr key={key} class={included === false ? 'is-flagged' : ''}>
        <th scope="row" class="rep-name">
          {href ? <Link href={href}>{name}</Link> : name}
        </th>
        <td>{status ? <StatusBadge status={status} /> : null}</td>
        <td>{included === null ? '—' : included ? 'Có' : <Badge tone="danger">Chưa tổng hợp</Badge>}</td>
        <td class="num">{formatNumber(t.received)}</td>
        <td class="num">{formatNumber(t.resolved)}</td>
        <td class="num">{formatNumber(t.resolved_late)}</td>
        <td class="num">{formatNumber(t.in_progress)}</td>
        <td class="num">{formatNumber(t.feedback)}</td>
        <td class="num">{formatNumber(t.plan_overdue)}</td>
      </tr>
    );
  };
  return (
    <section class="rep-section" aria-labelledby="rep-agg-h">
      <h2 id="rep-agg-h" class="section-title">
        Tổng hợp từ đơn vị trực thuộc
      </h2>
      <p class="rep-agg-summary">
        Đã tổng hợp <strong>{formatNumber((a.included || []).length)}</strong> trên{' '}
        <strong>{formatNumber((a.included || []).length + (a.missing || []).length)}</strong> đơn vị (chỉ báo cáo đã gửi hoặc đã tiếp nhận).
      </p>
      {(a.missing || []).length ? (
        <div class="alert alert--info">
          <p class="alert__title">Chưa tổng hợp ({formatNumber(a.missing.length)} đơn vị)</p>
          <ul class="rep-missing">
            {a.missing.map((m) => (
              <li key={m.unit_id}>
                {m.report_id ? <Link href={`/app/bao-cao/${m.report_id}`}>{m.name}</Link> : m.name} — <StatusBadge status={m.status || 'missing'} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="table-wrap rep-table-wrap" role="region" aria-label="Số liệu theo từng đơn vị" tabIndex={0}>
        <table class="table rep-table">
          <caption class="sr-only">Số liệu theo từng đơn vị trực thuộc</caption>
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Được tổng hợp</th>
              <th scope="col" class="num">
                Hồ sơ tiếp nhận
              </th>
              <th scope="col" class="num">
                Đã giải quyết
              </th>
              <th scope="col" class="num">
                Giải quyết quá hạn
              </th>
              <th scope="col" class="num">
                Đang giải quyết
              </th>
              <th scope="col" class="num">
                Phản ánh, kiến nghị
              </th>
              <th scope="col" class="num">
                Nhiệm vụ quá hạn
              </th>
            </tr>
          </thead>
          <tbody>
            {a.own ? row('own', `${report.unit.name} (trực tiếp giải quyết)`, null, null, a.own, null) : null}
            {children.map((c) =>
              row(c.unit_id, c.name, c.status || 'missing', !!c.included, c.summary, c.report_id ? `/app/bao-cao/${c.report_id}` : null),
            )}
          </tbody>
          {report.system ? (
            <tfoot>
              {/* What the system's data says for the whole subtree, to compare with the sum of the reports. */}
              {row('system', 'Theo dữ liệu của hệ thống (toàn bộ đơn vị trực thuộc)', null, null, report.system, null)}
            </tfoot>
          ) : null}
        </table>
      </div>
    </section>
  );
}

/** The narrative: three text areas in a draft, paragraphs otherwise. */
function Narrative({ values, editable, onValue, errors }) {
  return (
    <section class="rep-section" aria-labelledby="rep-nar-h">
      <h2 id="rep-nar-h" class="section-title">
        Đánh giá, đề xuất
      </h2>
      {NARRATIVE.map(([k, label]) =>
        editable ? (
          <TextAreaField key={k} id={`nar-${k}`} label={label} rows={5} value={values[k]} onValue={(v) => onValue(k, v)} error={errors[k]} required />
        ) : (
          <div key={k} class="rep-nar">
            <h3>{label}</h3>
            <p class="rep-pre">{values[k] || <span class="muted">(chưa có nội dung)</span>}</p>
          </div>
        ),
      )}
    </section>
  );
}

function Events({ events }) {
  return (
    <section class="rep-section" aria-labelledby="rep-ev-h">
      <h2 id="rep-ev-h" class="section-title">
        Lịch sử
      </h2>
      <div class="table-wrap" role="region" aria-label="Lịch sử báo cáo" tabIndex={0}>
        <table class="table">
          <caption class="sr-only">Các bước của báo cáo theo thời gian</caption>
          <thead>
            <tr>
              <th scope="col">Thời gian</th>
              <th scope="col">Thao tác</th>
              <th scope="col">Người thực hiện</th>
              <th scope="col">Ý kiến</th>
            </tr>
          </thead>
          <tbody>
            {(events || []).map((e, i) => (
              <tr key={i}>
                <td class="nowrap">{formatDateTime(e.at)}</td>
                <td>{EVENT_LABELS[e.action] || e.action}</td>
                <td>{e.actor?.full_name || e.actor?.username || 'Hệ thống'}</td>
                <td class="rep-pre">{e.comment || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Corrections({ report }) {
  const list = report.corrections || [];
  if (!list.length) return null;
  return (
    <section class="rep-section" aria-labelledby="rep-corr-h">
      <h2 id="rep-corr-h" class="section-title">
        Số liệu đã điều chỉnh
      </h2>
      <div class="table-wrap" role="region" aria-label="Số liệu đã điều chỉnh" tabIndex={0}>
        <table class="table rep-table">
          <caption class="sr-only">Số liệu điều chỉnh: giá trị tính từ dữ liệu, giá trị điều chỉnh và lý do</caption>
          <thead>
            <tr>
              <th scope="col">Số liệu</th>
              <th scope="col" class="num">
                Tính từ dữ liệu
              </th>
              <th scope="col" class="num">
                Điều chỉnh
              </th>
              <th scope="col">Lý do</th>
              <th scope="col">Người điều chỉnh</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.path} data-path={c.path}>
                <th scope="row" class="rep-name">
                  {pathLabel(c.path, report.tables)}
                </th>
                <td class="num">{formatNumber(c.computed ?? figureAt(report.computed, c.path) ?? 0)}</td>
                <td class="num strong">{formatNumber(c.value)}</td>
                <td class="rep-pre">{c.note}</td>
                <td>
                  {c.by?.full_name || c.by?.username || ''}
                  {c.at ? <span class="block small muted">{formatDateTime(c.at)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const blankNarrative = (r) => ({
  results: r?.narrative?.results || '',
  difficulties: r?.narrative?.difficulties || '',
  proposals: r?.narrative?.proposals || '',
});

/** One page per report: going from a report to another starts afresh (no text or message kept). */
export function ReportDetail(props) {
  return <ReportPage key={props.params.id} {...props} />;
}

function ReportPage({ params, user }) {
  const data = useAsync(() => api.get(`/reports/${params.id}`), [params.id]);
  const r = data.data;
  usePageTitle(r ? `${reportName(r)} — ${r.unit?.name || ''}` : 'Báo cáo');
  const [narrative, setNarrative] = useState(blankNarrative(null));
  const [number, setNumber] = useState('');
  const [dirty, setDirty] = useState(false);
  const [narErrors, setNarErrors] = useState({});
  const [editing, setEditing] = useState(null);
  const [dialog, setDialog] = useState(null); // 'submit' | 'accept' | 'return'
  const [busy, setBusy] = useState('');
  const [error, setError] = useState(null);
  const [message, setMessage] = useState('');
  const live = useRef(null);
  const focusLive = useRef(false);

  // Fill the form from each new answer, unless the user has unsaved text.
  useEffect(() => {
    if (!r || dirty) return;
    setNarrative(blankNarrative(r));
    setNumber(r.number || '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r]);
  // After an action the result line takes the focus, after a closing dialog has put it back where
  // it was (hence the timer: the dialog closes in an effect of its own). After a correction the
  // figure keeps it, to go on with the next one; the live region reads the result.
  useEffect(() => {
    if (!message || !focusLive.current) return undefined;
    const t = setTimeout(() => live.current && live.current.focus(), 0);
    return () => clearTimeout(t);
  }, [message]);

  if (!r) {
    return (
      <>
        <PageHeader title="Báo cáo" actions={<Link href="/app/bao-cao">← Về trang báo cáo</Link>} />
        <ProblemAlert error={data.error} onRetry={data.reload} />
        {data.loading ? (
          <p class="loading" role="status">
            Đang tải…
          </p>
        ) : null}
      </>
    );
  }

  const can = r.can || {};
  const editable = !!can.edit && (r.status === 'draft' || r.status === 'returned');
  const done = (next, msg, focus = true) => {
    data.setData(next);
    focusLive.current = focus;
    setMessage(msg);
  };
  const run = async (name, fn) => {
    setBusy(name);
    setError(null);
    setMessage('');
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy('');
    }
  };
  const saveFields = async () => {
    const next = await api.put(`/reports/${r.id}`, { narrative, number: number.trim() || null });
    setDirty(false);
    return next;
  };
  const save = () => run('save', async () => done(await saveFields(), 'Đã lưu báo cáo.'));
  const refresh = () => run('refresh', async () => done(await api.post(`/reports/${r.id}/refresh`), 'Đã làm mới số liệu từ dữ liệu của hệ thống; các số liệu điều chỉnh được giữ nguyên.'));
  const askSubmit = () => {
    const errs = {};
    for (const [k, label] of NARRATIVE) if (!narrative[k].trim()) errs[k] = `Nhập nội dung "${label}" trước khi gửi.`;
    setNarErrors(errs);
    if (Object.keys(errs).length) {
      setError(new ApiError({ status: 422, title: 'Báo cáo chưa đủ nội dung', detail: 'Cần nhập đủ ba phần đánh giá, đề xuất trước khi gửi.' }));
      document.getElementById(`nar-${Object.keys(errs)[0]}`)?.focus();
      return;
    }
    setError(null);
    setDialog('submit');
  };
  const submit = () =>
    run('submit', async () => {
      if (dirty) await saveFields();
      const next = await api.post(`/reports/${r.id}/submit`);
      setDialog(null);
      done(next, next.late ? 'Đã gửi báo cáo (sau hạn: báo cáo được ghi nhận nộp muộn).' : 'Đã gửi báo cáo cho đơn vị cấp trên.');
    }).finally(() => setDialog((d) => (d === 'submit' ? null : d)));
  const review = async (action, comment) => {
    const next = await api.post(`/reports/${r.id}/${action}`, action === 'return' ? { comment } : comment ? { comment } : {});
    setDialog(null);
    done(next, action === 'return' ? 'Đã trả lại báo cáo cho đơn vị.' : 'Đã tiếp nhận báo cáo.');
  };
  const saveCorrection = async (body, msg) => {
    const next = await api.put(`/reports/${r.id}`, body);
    setEditing(null);
    done(next, msg, false);
  };
  const onEdit = editable ? (path) => setEditing(path) : null;
  const lastReturn = r.status === 'returned' ? [...(r.events || [])].reverse().find((e) => e.action === 'return') : null;

  return (
    <>
      <PageHeader
        title={reportName(r)}
        lead={
          <>
            {r.unit?.name} · <StatusBadge status={r.status} /> <LateBadge late={r.late} status={r.status} due={r.due} /> · Hạn gửi {formatDate(r.due)} · Số liệu từ{' '}
            {formatDate(r.window?.from)} đến {formatDate(r.window?.to)}
          </>
        }
        actions={
          <>
            <Link href={`/app/bao-cao?ky=${encodeURIComponent(r.period)}`}>← Về trang báo cáo</Link>
          </>
        }
      />
      <div class="rep-actions" role="group" aria-label="Thao tác với báo cáo">
        {editable ? (
          <>
            <button type="button" class="btn btn--secondary" disabled={!!busy} onClick={save}>
              {busy === 'save' ? 'Đang lưu…' : 'Lưu báo cáo'}
            </button>
            <button type="button" class="btn btn--secondary" disabled={!!busy} onClick={refresh}>
              {busy === 'refresh' ? 'Đang làm mới…' : 'Làm mới số liệu'}
            </button>
          </>
        ) : null}
        {can.submit ? (
          <button type="button" class="btn btn--primary" disabled={!!busy} onClick={askSubmit}>
            Gửi báo cáo
          </button>
        ) : null}
        {can.accept ? (
          <button type="button" class="btn btn--primary" disabled={!!busy} onClick={() => setDialog('accept')}>
            Tiếp nhận
          </button>
        ) : null}
        {can.return ? (
          <button type="button" class="btn btn--danger" disabled={!!busy} onClick={() => setDialog('return')}>
            Trả lại
          </button>
        ) : null}
        <a class="btn btn--secondary" href={`/api/v1/reports/${r.id}/export`} download={`bao-cao-${r.unit?.code || r.id}-${r.period}.xlsx`}>
          Tải Excel (.xlsx)
        </a>
        <Link class="btn btn--secondary" href={`/app/bao-cao/${r.id}/in`}>
          Bản in
        </Link>
      </div>
      <div class="alert alert--success rep-live" role="status" tabIndex={-1} ref={live}>
        {message || null}
      </div>
      <ProblemAlert error={error} />
      {lastReturn ? (
        <div class="alert alert--error rep-returned">
          <p class="alert__title">
            Báo cáo bị trả lại ({formatDateTime(lastReturn.at)}, {lastReturn.actor?.full_name || lastReturn.actor?.username})
          </p>
          <p class="rep-pre">{lastReturn.comment}</p>
        </div>
      ) : null}
      {editable ? (
        <p class="muted rep-hint">
          Số liệu được tính sẵn từ dữ liệu của hệ thống. Chọn một số liệu để điều chỉnh (cần nêu lý do); các cột "Tổng số" được tự cộng.
        </p>
      ) : r.status !== 'draft' && r.status !== 'returned' ? (
        <p class="muted rep-hint">Báo cáo đã gửi: chỉ xem, không sửa được.</p>
      ) : null}
      <dl class="facts rep-facts">
        <dt>Số văn bản</dt>
        <dd>
          {editable ? (
            <TextField
              id="rep-number"
              label="Số văn bản"
              className="rep-number"
              value={number}
              onValue={(v) => {
                setNumber(v);
                setDirty(true);
              }}
              hint="Ví dụ: 25/BC-UBND"
            />
          ) : (
            r.number || '—'
          )}
        </dd>
        {r.submitted_at ? (
          <>
            <dt>Gửi lúc</dt>
            <dd>{formatDateTime(r.submitted_at)}</dd>
          </>
        ) : null}
        {r.computed_at ? (
          <>
            <dt>Số liệu tính lúc</dt>
            <dd>{formatDateTime(r.computed_at)}</dd>
          </>
        ) : null}
      </dl>

      <section class="rep-section" aria-labelledby="rep-dos-h">
        <h2 id="rep-dos-h" class="section-title">
          1. Tình hình, kết quả giải quyết TTHC
        </h2>
        <DossierTable report={r} onEdit={onEdit} />
      </section>
      <section class="rep-section" aria-labelledby="rep-fb-h">
        <h2 id="rep-fb-h" class="section-title">
          2. Tiếp nhận, xử lý phản ánh, kiến nghị
        </h2>
        <FigureTable caption="Phản ánh, kiến nghị" rows={feedbackRows(r)} report={r} onEdit={onEdit} />
      </section>
      <section class="rep-section" aria-labelledby="rep-pr-h">
        <h2 id="rep-pr-h" class="section-title">
          3. Công bố, công khai và thực hiện TTHC
        </h2>
        <FigureTable caption="Thủ tục hành chính" rows={procedureRows()} report={r} onEdit={onEdit} />
      </section>
      <section class="rep-section" aria-labelledby="rep-plan-h">
        <h2 id="rep-plan-h" class="section-title">
          4. Thực hiện kế hoạch kiểm soát TTHC
        </h2>
        <FigureTable caption="Thực hiện kế hoạch" rows={planRows()} report={r} onEdit={onEdit} />
        <h3>Nhiệm vụ quá hạn</h3>
        <OverdueList report={r} />
      </section>
      <section class="rep-section" aria-labelledby="rep-insp-h">
        <h2 id="rep-insp-h" class="section-title">
          5. Kiểm tra công tác kiểm soát TTHC
        </h2>
        <FigureTable caption="Kiểm tra" rows={inspectionRows()} report={r} onEdit={onEdit} />
      </section>
      <section class="rep-section" aria-labelledby="rep-reg-h">
        <h2 id="rep-reg-h" class="section-title">
          6. Cán bộ đầu mối, tập huấn và kinh phí
        </h2>
        <FigureTable caption="Cán bộ đầu mối, tập huấn, kinh phí" rows={registryRows()} report={r} onEdit={onEdit} />
      </section>
      <Corrections report={r} />
      <Aggregation report={r} />
      <Narrative
        values={editable ? narrative : blankNarrative(r)}
        editable={editable}
        errors={narErrors}
        onValue={(k, v) => {
          setNarrative((n) => ({ ...n, [k]: v }));
          setNarErrors((e) => ({ ...e, [k]: undefined }));
          setDirty(true);
        }}
      />
      {editable ? (
        <div class="form-actions">
          <button type="button" class="btn btn--secondary" disabled={!!busy} onClick={save}>
            {busy === 'save' ? 'Đang lưu…' : 'Lưu báo cáo'}
          </button>
          {can.submit ? (
            <button type="button" class="btn btn--primary" disabled={!!busy} onClick={askSubmit}>
              Gửi báo cáo
            </button>
          ) : null}
        </div>
      ) : null}
      <Events events={r.events} />
      <Comments entity="report" entityId={r.id} user={user} title="Trao đổi về báo cáo" />

      <Modal open={!!editing} title="Điều chỉnh số liệu" onClose={() => setEditing(null)} wide>
        {editing ? <CorrectionForm report={r} path={editing} onSave={saveCorrection} onCancel={() => setEditing(null)} /> : null}
      </Modal>
      <ConfirmDialog
        open={dialog === 'submit'}
        title="Gửi báo cáo"
        confirmLabel="Gửi báo cáo"
        busy={busy === 'submit'}
        onConfirm={submit}
        onClose={() => setDialog(null)}
      >
        <p>
          Gửi <strong>{reportName(r)}</strong> của {r.unit?.name} cho đơn vị cấp trên? Sau khi gửi, báo cáo không sửa được nữa, trừ khi bị trả lại.
        </p>
      </ConfirmDialog>
      <Modal open={dialog === 'accept' || dialog === 'return'} title={dialog === 'return' ? 'Trả lại báo cáo' : 'Tiếp nhận báo cáo'} onClose={() => setDialog(null)}>
        {dialog === 'accept' || dialog === 'return' ? <ReviewForm action={dialog} onDone={review} onCancel={() => setDialog(null)} /> : null}
      </Modal>
    </>
  );
}
