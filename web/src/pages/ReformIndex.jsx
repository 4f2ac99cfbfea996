// The administrative reform index (Chỉ số CCHC, issue 19): results with the areas of each unit,
// the criteria tree and its editor, one unit's self-assessment beside the council's appraisal,
// and the public ranking of a finalised year. Every figure comes from the server.
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { PageHeader, PublicLayout } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { DateField, SelectField, TextField, Wrap } from '../components/Field.jsx';
import { Notice, ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { hasPermission } from '../auth.js';
import { formatDateTime, formatNumber, todayISO } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { AreaBreakdown, ResultsChart } from './ReformIndexChart.jsx';
import './ReformIndex.css';

const KINDS = [
  { value: 'department', label: 'Sở, ban, ngành' },
  { value: 'district', label: 'UBND cấp huyện' },
];
const STATUS = { draft: 'Đang tự chấm', submitted: 'Đã gửi thẩm định', returned: 'Trả lại để hoàn thiện', appraised: 'Đã thẩm định', final: 'Đã công bố' };
const METHODS = { choice: 'Chọn mức', bands: 'Theo khoảng giá trị', yesno: 'Có/không', ratio: 'Tỷ lệ %', points: 'Chấm điểm trực tiếp' };
const SOURCES = { self: 'Đơn vị tự chấm', appraisal: 'Hội đồng chấm', system: 'Hệ thống tính' };

/** Points with as many decimals as they have (at most 2): 10, 10,5, 2,25. */
const pts = (v) => (v === null || v === undefined ? '—' : formatNumber(v, Number.isInteger(v) ? 0 : Math.round(v * 100) % 10 === 0 ? 1 : 2));
const pct = (v) => (v === null || v === undefined ? '—' : `${formatNumber(v, 2)} %`);
const depth = (code) => code.split('.').length;

function yearOptions() {
  const ty = Number(todayISO().slice(0, 4));
  const out = [];
  for (let y = ty + 1; y >= 2022; y--) out.push({ value: String(y), label: `Năm ${y}` });
  return out;
}

/** Year and kind from the query (defaults: last year, departments). */
function useYearKind(search) {
  const q = queryOf(search || '');
  const year = /^\d{4}$/.test(q.nam || '') ? q.nam : String(Number(todayISO().slice(0, 4)) - 1);
  const kind = KINDS.some((k) => k.value === q.loai) ? q.loai : 'department';
  return { q, year, kind };
}

function YearKindFilter({ idPrefix, year, kind, onChange }) {
  const years = yearOptions();
  if (!years.some((y) => y.value === year)) years.unshift({ value: year, label: `Năm ${year}` });
  return (
    <div class="filters">
      <SelectField id={`${idPrefix}-year`} label="Năm đánh giá" value={year} options={years} onValue={(v) => onChange({ nam: v })} />
      <SelectField id={`${idPrefix}-kind`} label="Loại đơn vị" value={kind} options={KINDS} onValue={(v) => onChange({ loai: v })} />
    </div>
  );
}

/** The ranking table; unitHref(row) links a unit to its assessment (intranet only); onPick(row)
 * shows the unit's areas elsewhere (the drill-down) instead of under its row. */
function RankingTable({ rows, unitHref, label, onPick, picked }) {
  const [open, setOpen] = useState(null);
  if (!rows.length) return <p class="muted">Chưa có đơn vị nào được đánh giá.</p>;
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table class="table ri-table">
        <caption class="sr-only">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Hạng</th>
            <th scope="col">Đơn vị</th>
            <th scope="col" class="num">Tổng điểm</th>
            <th scope="col" class="num">Tỷ lệ</th>
            <th scope="col">Xếp loại</th>
            <th scope="col" class="num">So với năm trước</th>
            <th scope="col">Theo lĩnh vực</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Fragment key={r.unit_id}>
              <tr data-testid={`ri-row-${r.unit_id}`}>
                <td>{r.rank}</td>
                <td>{unitHref ? <Link href={unitHref(r)}>{r.unit_name}</Link> : r.unit_name}</td>
                <td class="num">
                  {pts(r.total)}/{pts(r.max)}
                </td>
                <td class="num">{pct(r.percent)}</td>
                <td>{r.band || '—'}</td>
                <td class="num">{r.change === null || r.change === undefined ? '—' : `${r.change > 0 ? '+' : ''}${pts(r.change)}`}</td>
                <td>
                  {onPick ? (
                    <button type="button" class="btn btn--ghost btn--small" aria-pressed={picked === r.unit_id ? 'true' : 'false'} aria-controls={picked != null ? 'ri-drill' : undefined} onClick={() => onPick(r)}>
                      Xem lĩnh vực<span class="sr-only"> của {r.unit_name}</span>
                    </button>
                  ) : (
                    <button
                      type="button"
                      class="btn btn--ghost btn--small"
                      aria-expanded={open === r.unit_id ? 'true' : 'false'}
                      onClick={() => setOpen(open === r.unit_id ? null : r.unit_id)}
                    >
                      {open === r.unit_id ? 'Ẩn' : 'Xem'} lĩnh vực<span class="sr-only"> của {r.unit_name}</span>
                    </button>
                  )}
                </td>
              </tr>
              {open === r.unit_id ? (
                <tr class="ri-areas">
                  <td colSpan={7}>
                    <ul class="ri-areas__list">
                      {r.areas.map((a) => (
                        <li key={a.code}>
                          {a.code}. {a.name}: <strong>{pts(a.points)}</strong>/{pts(a.max)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FinalizeForm({ year, onDone }) {
  const [v, setV] = useState({ decision_no: '', decision_date: '' });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/index/${year}/finalize`, { decision_no: v.decision_no.trim(), decision_date: v.decision_date || null });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card ri-finalize" onSubmit={submit} noValidate>
      <h2 class="card__title">Công bố kết quả năm {year}</h2>
      <ProblemAlert error={error} fieldLabels={{ decision_no: 'Số quyết định', decision_date: 'Ngày quyết định' }} idPrefix="ri-" />
      <TextField id="ri-decision_no" label="Số quyết định" value={v.decision_no} onValue={(x) => setV({ ...v, decision_no: x })} error={error?.fieldErrors?.decision_no} />
      <DateField id="ri-decision_date" label="Ngày quyết định" value={v.decision_date} onValue={(x) => setV({ ...v, decision_date: x || '' })} error={error?.fieldErrors?.decision_date} />
      <button type="submit" class="btn btn--primary" disabled={busy}>
        Công bố kết quả
      </button>
    </form>
  );
}

export function IndexResults({ user, search }) {
  usePageTitle('Chỉ số cải cách hành chính');
  const { q, year, kind } = useYearKind(search);
  const setQuery = (c) => navigate(withQuery('/app/chi-so-cchc', { ...q, nam: year, loai: kind, ...c }), { replace: true });
  const data = useAsync(() => api.get(`/index/${year}/results`, { kind }), [year, kind]);
  const [done, setDone] = useState(false);
  const [pickedId, setPickedId] = useState(null);
  const drillHeading = useRef(null);
  const rows = data.data || [];
  const final = rows.some((r) => r.status === 'final');
  const picked = rows.find((r) => r.unit_id === pickedId) || null;
  const pick = (r) => setPickedId(r.unit_id);
  // the drill-down takes the focus when a unit is picked, so a keyboard user lands on it
  useEffect(() => {
    if (pickedId !== null) drillHeading.current?.focus();
  }, [pickedId]);
  return (
    <>
      <PageHeader
        title="Chỉ số cải cách hành chính"
        lead="Kết quả tự chấm, thẩm định và xếp hạng Chỉ số CCHC theo năm."
        actions={
          <>
            <Link class="btn btn--secondary" href={withQuery('/app/chi-so-cchc/tieu-chi', { nam: year, loai: kind })}>
              Bộ tiêu chí
            </Link>
            <a class="btn btn--secondary" href={withQuery(`/api/v1/index/${year}/results/export`, { kind })} download={`chi-so-cchc-${year}-${kind}.xlsx`}>
              Tải Excel (.xlsx)
            </a>
          </>
        }
      />
      <YearKindFilter idPrefix="ri" year={year} kind={kind} onChange={setQuery} />
      {user?.unit_id && (user.unit_level === 'department' || user.unit_level === 'district') ? (
        <p>
          <Link href={`/app/chi-so-cchc/${year}/${user.unit_id}`}>Bản tự chấm của đơn vị tôi năm {year}</Link>
        </p>
      ) : null}
      <ProblemAlert error={data.error} onRetry={data.reload} />
      {done ? <Notice>Đã công bố kết quả Chỉ số CCHC năm {year}.</Notice> : null}
      {data.loading && !data.data ? <p role="status">Đang tải…</p> : null}
      {data.data ? (
        <>
          <p class="muted">{final ? 'Kết quả đã công bố.' : 'Kết quả tạm tính (chưa có quyết định công bố).'}</p>
          {rows.length ? <ResultsChart rows={rows} year={year} onPick={pick} /> : null}
          {picked ? <AreaBreakdown row={picked} year={year} headingRef={drillHeading} /> : null}
          <RankingTable rows={rows} label={`Xếp hạng Chỉ số CCHC năm ${year}`} unitHref={(r) => `/app/chi-so-cchc/${year}/${r.unit_id}`} onPick={pick} picked={pickedId} />
        </>
      ) : null}
      {hasPermission(user, 'index.appraise') && data.data && rows.length && !final ? (
        <FinalizeForm
          year={year}
          onDone={() => {
            setDone(true);
            data.reload();
          }}
        />
      ) : null}
    </>
  );
}

/** The tree as a read-only table. */
function CriteriaTable({ criteria, label }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table class="table ri-table">
        <caption class="sr-only">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Mã</th>
            <th scope="col">Tiêu chí</th>
            <th scope="col" class="num">Điểm tối đa</th>
            <th scope="col">Cách chấm</th>
            <th scope="col">Nguồn điểm</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.code} class={`ri-depth-${depth(c.code)}`}>
              <td>{c.code}</td>
              <td class="ri-name">{c.name}</td>
              <td class="num">{pts(c.max)}</td>
              <td>{c.method ? METHODS[c.method] : 'Tổng các tiêu chí con'}</td>
              <td>{c.source ? SOURCES[c.source] : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IndexCriteria({ user, search }) {
  usePageTitle('Bộ tiêu chí Chỉ số CCHC');
  const { q, year, kind } = useYearKind(search);
  const setQuery = (c) => navigate(withQuery('/app/chi-so-cchc/tieu-chi', { ...q, nam: year, loai: kind, ...c }), { replace: true });
  const data = useAsync(() => api.get(`/index/${year}/criteria`, { kind }), [year, kind]);
  const [text, setText] = useState(null);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState('');
  const canEdit = hasPermission(user, 'index.appraise') && data.data && !data.data.locked;
  const run = async (fn, message) => {
    setError(null);
    setSaved('');
    try {
      const r = await fn();
      data.setData(r);
      setText(null);
      setSaved(message);
    } catch (err) {
      setError(err);
    }
  };
  const save = (e) => {
    e.preventDefault();
    let tree;
    try {
      tree = JSON.parse(text);
    } catch {
      setError({ title: 'Nội dung không phải JSON hợp lệ', detail: 'Hãy kiểm tra dấu ngoặc và dấu phẩy.' });
      return;
    }
    run(() => api.put(`/index/${year}/criteria?kind=${kind}`, tree), 'Đã lưu bộ tiêu chí.');
  };
  const current = data.data ? JSON.stringify(data.data.criteria, null, 2) : '';
  const [file, setFile] = useState(null);
  const importFile = (e) => {
    e.preventDefault();
    if (!file) {
      setError({ status: 422, title: 'Chưa chọn tệp', detail: 'Hãy chọn tệp Excel (.xlsx) hoặc CSV của bộ tiêu chí.' });
      return;
    }
    const type = /\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    run(async () => api.post(`/index/${year}/criteria/import?kind=${kind}`, new Blob([await file.arrayBuffer()], { type })), `Đã nhập bộ tiêu chí từ tệp ${file.name}.`);
  };
  // "rows[7].max" -> "Dòng 7, cột max": the sheet's row a person sees
  const rowLabels = Object.fromEntries(
    Object.keys(error?.fieldErrors || {}).map((k) => [k, k.replace(/^rows\[(\d+)\]\.(\w+)$/, 'Dòng $1, cột $2').replace(/^file$/, 'Tệp')]),
  );
  return (
    <>
      <PageHeader title="Bộ tiêu chí Chỉ số CCHC" lead="Lĩnh vực, tiêu chí, tiêu chí thành phần với điểm tối đa và cách chấm, theo năm và loại đơn vị." />
      <p>
        <Link href={withQuery('/app/chi-so-cchc', { nam: year, loai: kind })}>Về kết quả Chỉ số CCHC</Link>
      </p>
      <YearKindFilter idPrefix="ric" year={year} kind={kind} onChange={setQuery} />
      <ProblemAlert error={data.error} onRetry={data.reload} />
      {saved ? <Notice>{saved}</Notice> : null}
      {data.data ? (
        <>
          <p class="muted">{data.data.locked ? 'Bộ tiêu chí đã khoá: đã có đơn vị tự chấm điểm.' : data.data.criteria.length ? 'Bộ tiêu chí chưa khoá.' : 'Năm này chưa có bộ tiêu chí.'}</p>
          {data.data.criteria.length ? <CriteriaTable criteria={data.data.criteria} label={`Bộ tiêu chí năm ${year}`} /> : null}
        </>
      ) : null}
      {canEdit ? (
        <form class="card ri-editor" onSubmit={save} noValidate>
          <h2 class="card__title">Sửa bộ tiêu chí</h2>
          <ProblemAlert error={error} fieldLabels={rowLabels} />
          <div class="ri-import">
            <Wrap id="ric-file" label="Tệp bộ tiêu chí (.xlsx hoặc CSV)" hint="Mỗi dòng một chỉ tiêu: Mã, Tên, Điểm tối đa, Cách chấm, Tham số, Nguồn.">
              <input id="ric-file" type="file" class="input" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.currentTarget.files[0] || null)} />
            </Wrap>
            <button type="button" class="btn btn--secondary" onClick={importFile}>
              Nhập từ tệp
            </button>
          </div>
          <p>
            <button type="button" class="btn btn--secondary" onClick={() => run(() => api.post(`/index/${year}/criteria/copy?kind=${kind}`), `Đã chép bộ tiêu chí năm ${Number(year) - 1}.`)}>
              Chép bộ tiêu chí năm {Number(year) - 1}
            </button>
          </p>
          <Wrap id="ric-json" label="Bộ tiêu chí (JSON: code, name, max, method, params, source)" hint="Mỗi dòng một chỉ tiêu; chỉ tiêu cha suy ra từ mã (1.1.2 thuộc 1.1).">
            <textarea id="ric-json" class="input ri-json" rows={14} value={text ?? current} onInput={(e) => setText(e.currentTarget.value)} />
          </Wrap>
          <button type="submit" class="btn btn--primary">
            Lưu bộ tiêu chí
          </button>
        </form>
      ) : null}
    </>
  );
}

/** The input a leaf's method expects, as text in the form. */
function valueText(c) {
  if (c.value === null || c.value === undefined) return '';
  if (c.method === 'yesno') return c.value ? 'yes' : 'no';
  return String(c.value).replace('.', ',');
}
function valueOf(c, text) {
  if (text === '') return null;
  if (c.method === 'yesno') return text === 'yes';
  if (c.method === 'choice') return text;
  const n = Number(String(text).replace(',', '.'));
  return Number.isFinite(n) ? n : text;
}
const evidenceText = (ev) => (ev || []).map((e) => `${e.title} | ${e.url}`).join('\n');
const evidenceOf = (text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.lastIndexOf('|');
      return i < 0 ? { title: l, url: l } : { title: l.slice(0, i).trim(), url: l.slice(i + 1).trim() };
    });

function SelfInput({ c, value, onValue, disabled }) {
  const id = `ri-v-${c.code}`;
  const label = `Giá trị tự chấm ${c.code}`;
  if (c.method === 'yesno')
    return <SelectField id={id} label={label} value={value} disabled={disabled} placeholder="(chưa chấm)" options={[{ value: 'yes', label: 'Có' }, { value: 'no', label: 'Không' }]} onValue={onValue} />;
  if (c.method === 'choice')
    return <SelectField id={id} label={label} value={value} disabled={disabled} placeholder="(chưa chấm)" options={c.params.choices.map((x) => ({ value: x.label, label: `${x.label} (${pts(x.points)} điểm)` }))} onValue={onValue} />;
  const hint = c.method === 'ratio' ? 'Tỷ lệ phần trăm, 0 đến 100' : c.method === 'points' ? `Số điểm, tối đa ${pts(c.max)}` : 'Một số';
  return <TextField id={id} label={label} hint={hint} value={value} disabled={disabled} inputMode="decimal" onValue={onValue} />;
}

/** A leaf's evidence files: download links (withdrawn ones kept and marked), and while the unit
 * may still edit, an upload and a withdrawal. onChanged(message) reloads the assessment. */
function EvidenceFiles({ c, year, unit, canEdit, onChanged, onError }) {
  const [file, setFile] = useState(null);
  const [busy, setBusy] = useState(false);
  const files = c.files || [];
  const run = async (fn, message) => {
    setBusy(true);
    onError(null);
    try {
      await fn();
      setFile(null);
      onChanged(message);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const upload = () => {
    const fd = new FormData();
    fd.append('code', c.code);
    fd.append('file', file);
    return run(() => api.post(`/index/${year}/assessments/${unit}/evidence`, fd), `Đã tải tệp ${file.name} lên cho tiêu chí ${c.code}.`);
  };
  if (!files.length && !canEdit) return null;
  return (
    <div class="ri-files" data-testid={`ri-files-${c.code}`}>
      {files.length ? (
        <ul class="small ri-files__list" aria-label={`Các tệp đã tải lên ${c.code}`}>
          {files.map((f) => (
            <li key={f.id} class={f.withdrawn ? 'is-withdrawn' : undefined}>
              <a href={`/api/v1/index/${year}/evidence/${f.id}`} download={f.name}>
                {f.name}
              </a>{' '}
              <span class="muted">({formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB{f.withdrawn ? ', đã rút' : ''})</span>
              {canEdit && !f.withdrawn ? (
                <button type="button" class="link-button" disabled={busy} onClick={() => run(() => api.post(`/index/${year}/evidence/${f.id}/withdraw`), `Đã rút tệp ${f.name}.`)}>
                  Rút<span class="sr-only"> tệp {f.name}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canEdit ? (
        <div class="ri-files__upload">
          <Wrap id={`ri-f-${c.code}`} label={`Tệp kiểm chứng ${c.code}`} hint="PDF, Word, Excel hoặc ảnh; tối đa 5 MB">
            <input id={`ri-f-${c.code}`} type="file" class="input" accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg" onChange={(e) => setFile(e.currentTarget.files[0] || null)} />
          </Wrap>
          <button type="button" class="btn btn--secondary btn--small" disabled={busy || !file} onClick={upload}>
            Tải tệp lên<span class="sr-only"> cho tiêu chí {c.code}</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function IndexAssessment({ user, params }) {
  const { year, unit } = params;
  usePageTitle(`Tự chấm Chỉ số CCHC năm ${year}`);
  const data = useAsync(() => api.get(`/index/${year}/assessments/${unit}`), [year, unit]);
  const [edit, setEdit] = useState({});
  const [appr, setAppr] = useState({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const a = data.data;
  const open = a && (a.status === 'draft' || a.status === 'returned');
  const canFill = open && hasPermission(user, 'index.assess');
  const canAppraise = a && hasPermission(user, 'index.appraise') && (a.status === 'submitted' || a.status === 'appraised');
  const act = async (fn, message) => {
    setBusy(true);
    setError(null);
    setSaved('');
    try {
      data.setData(await fn());
      setEdit({});
      setAppr({});
      setSaved(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = (c, key, fallback) => (edit[c.code] && edit[c.code][key] !== undefined ? edit[c.code][key] : fallback);
  const set = (c, key, v) => setEdit({ ...edit, [c.code]: { ...(edit[c.code] || {}), [key]: v } });
  const saveSelf = () =>
    act(
      () =>
        api.put(`/index/${year}/assessments/${unit}`, {
          scores: Object.keys(edit).map((code) => {
            const c = a.criteria.find((x) => x.code === code);
            return {
              code,
              value: valueOf(c, field(c, 'value', valueText(c))),
              note: field(c, 'note', c.note || '') || null,
              evidence: evidenceOf(field(c, 'evidence', evidenceText(c.evidence))),
            };
          }),
        }),
      'Đã lưu điểm tự chấm.',
    );
  const saveAppraisal = () =>
    act(
      () =>
        api.put(`/index/${year}/appraisals/${unit}`, {
          scores: Object.entries(appr).map(([code, x]) => ({
            code,
            points: Number(String(x.points ?? '').replace(',', '.')),
            reason: x.reason || null,
          })),
        }),
      'Đã ghi kết quả thẩm định.',
    );
  const setA = (c, key, v) => setAppr({ ...appr, [c.code]: { points: appr[c.code]?.points ?? String(c.appraised_points ?? c.self_points ?? 0), reason: appr[c.code]?.reason ?? c.reason ?? '', [key]: v } });
  return (
    <>
      <PageHeader title={`Chỉ số CCHC năm ${year}`} lead={a ? `${STATUS[a.status]} — tự chấm ${pts(a.self_total)}, điểm ${pts(a.total)}/${pts(a.max)}` : null} />
      <p>
        <Link href={withQuery('/app/chi-so-cchc', { nam: year, loai: a?.kind })}>Về kết quả Chỉ số CCHC</Link>
      </p>
      <ProblemAlert error={data.error} onRetry={data.reload} />
      <ProblemAlert error={error} />
      {saved ? <Notice>{saved}</Notice> : null}
      {a?.return_reason && a.status === 'returned' ? <Notice tone="info">Lý do trả lại: {a.return_reason}</Notice> : null}
      {a ? (
        <>
          <p class="muted" data-testid="ri-status">
            Trạng thái: {STATUS[a.status]}
            {a.submitted_at ? `; gửi lúc ${formatDateTime(a.submitted_at)}` : ''}
          </p>
          <div class="table-wrap" role="region" aria-label="Tự chấm và thẩm định" tabIndex={0}>
            <table class="table ri-table">
              <caption class="sr-only">Điểm tự chấm và điểm thẩm định theo từng tiêu chí</caption>
              <thead>
                <tr>
                  <th scope="col">Tiêu chí</th>
                  <th scope="col">Tự chấm (giá trị, ghi chú, tài liệu)</th>
                  <th scope="col" class="num">Điểm tự chấm</th>
                  <th scope="col">Thẩm định</th>
                  <th scope="col" class="num">Điểm</th>
                </tr>
              </thead>
              <tbody>
                {a.criteria.map((c) => (
                  <tr key={c.code} class={`ri-depth-${depth(c.code)}`} data-testid={`ri-c-${c.code}`}>
                    <th scope="row" class="ri-name">
                      {c.code}. {c.name} <span class="muted small">(tối đa {pts(c.max)})</span>
                    </th>
                    <td>
                      {c.leaf && c.source === 'self' ? (
                        canFill ? (
                          <div class="ri-self">
                            <SelfInput c={c} value={field(c, 'value', valueText(c))} onValue={(v) => set(c, 'value', v)} disabled={busy} />
                            <TextField id={`ri-n-${c.code}`} label={`Ghi chú ${c.code}`} value={field(c, 'note', c.note || '')} onValue={(v) => set(c, 'note', v)} />
                            <Wrap id={`ri-e-${c.code}`} label={`Tài liệu kiểm chứng ${c.code}`} hint="Mỗi dòng: tên tài liệu | địa chỉ https://">
                              <textarea id={`ri-e-${c.code}`} class="input" rows={2} value={field(c, 'evidence', evidenceText(c.evidence))} onInput={(e) => set(c, 'evidence', e.currentTarget.value)} />
                            </Wrap>
                          </div>
                        ) : (
                          <>
                            <span>{c.value === null || c.value === undefined ? '(chưa chấm)' : valueText(c)}</span>
                            {c.note ? <p class="small">{c.note}</p> : null}
                            {(c.evidence || []).length ? (
                              <ul class="small">
                                {c.evidence.map((e) => (
                                  <li key={e.url}>
                                    <a href={e.url} rel="noopener noreferrer" target="_blank">
                                      {e.title}
                                    </a>
                                  </li>
                                ))}
                              </ul>
                            ) : null}
                          </>
                        )
                      ) : c.leaf && c.system ? (
                        <span class="small">
                          {c.system.value === null ? 'Chưa có số liệu' : pct(c.system.value)} ({c.system.numerator}/{c.system.denominator}) — {c.system.source}
                        </span>
                      ) : c.leaf ? (
                        <span class="muted small">{SOURCES[c.source]}</span>
                      ) : null}
                      {c.leaf ? (
                        <EvidenceFiles
                          c={c}
                          year={year}
                          unit={unit}
                          canEdit={canFill}
                          onError={setError}
                          onChanged={(message) => {
                            setSaved(message);
                            data.reload();
                          }}
                        />
                      ) : null}
                    </td>
                    <td class="num">{pts(c.self_points)}</td>
                    <td>
                      {c.leaf && canAppraise ? (
                        <div class="ri-self">
                          <TextField id={`ri-p-${c.code}`} label={`Điểm thẩm định ${c.code}`} inputMode="decimal" value={appr[c.code]?.points ?? String(c.appraised_points ?? c.self_points ?? '')} onValue={(v) => setA(c, 'points', v)} />
                          <TextField id={`ri-r-${c.code}`} label={`Lý do ${c.code}`} value={appr[c.code]?.reason ?? c.reason ?? ''} onValue={(v) => setA(c, 'reason', v)} />
                        </div>
                      ) : c.leaf ? (
                        <span class="small">
                          {c.appraised_points === null ? '—' : pts(c.appraised_points)}
                          {c.reason ? ` — ${c.reason}` : ''}
                        </span>
                      ) : null}
                    </td>
                    <td class="num">
                      <strong>{pts(c.points)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="toolbar ri-actions">
            {canFill ? (
              <button type="button" class="btn btn--primary" disabled={busy || !Object.keys(edit).length} onClick={saveSelf}>
                Lưu điểm tự chấm
              </button>
            ) : null}
            {open && hasPermission(user, 'index.submit') ? (
              <button type="button" class="btn btn--secondary" disabled={busy} onClick={() => act(() => api.post(`/index/${year}/assessments/${unit}/submit`), 'Đã gửi bản tự chấm đi thẩm định.')}>
                Gửi thẩm định
              </button>
            ) : null}
            {canAppraise ? (
              <button type="button" class="btn btn--primary" disabled={busy} onClick={saveAppraisal}>
                Ghi kết quả thẩm định
              </button>
            ) : null}
          </div>
          {canAppraise && a.status === 'submitted' && !a.returned_count ? (
            <div class="card ri-return">
              <TextField id="ri-return-reason" label="Lý do trả lại để hoàn thiện" value={reason} onValue={setReason} />
              <button type="button" class="btn btn--secondary" disabled={busy} onClick={() => act(() => api.post(`/index/${year}/appraisals/${unit}/return`, { reason }), 'Đã trả lại bản tự chấm.')}>
                Trả lại (một lần)
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

export function PublicIndexRanking({ search }) {
  usePageTitle('Kết quả Chỉ số cải cách hành chính');
  const { q, year, kind } = useYearKind(search);
  const setQuery = (c) => navigate(withQuery('/chi-so-cchc', { ...q, nam: year, loai: kind, ...c }), { replace: true });
  const data = useAsync(
    () =>
      api.get(`/public/index/${year}/results`, { kind }, { auth: false }).catch((e) => {
        if (e.status === 404) return null;
        throw e;
      }),
    [year, kind],
  );
  return (
    <PublicLayout>
      <PageHeader title="Kết quả Chỉ số cải cách hành chính" lead="Xếp hạng Chỉ số CCHC của các sở, ban, ngành và UBND cấp huyện đã được công bố." />
      <YearKindFilter idPrefix="pri" year={year} kind={kind} onChange={setQuery} />
      <ProblemAlert error={data.error} onRetry={data.reload} />
      {data.data === null ? <p>Kết quả Chỉ số CCHC năm {year} chưa được công bố.</p> : null}
      {data.data ? <RankingTable rows={data.data} label={`Kết quả Chỉ số CCHC năm ${year}`} /> : null}
    </PublicLayout>
  );
}
