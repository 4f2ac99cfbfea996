// Compliance cost (chi phí tuân thủ, issue 17): a procedure's cost sheet for a year, before and
// after simplification, computed by the server (docs/compliance-cost.md) and charted; and the
// savings page summing the sheets by year, unit and field. Lazy: it carries Chart.js.
import { useEffect, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { SelectField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { Pager } from '../components/Pager.jsx';
import { api } from '../api.js';
import { hasPermission } from '../auth.js';
import { formatDateTime, formatNumber, formatPct, formatVnd, todayISO } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { loadUnitTree, unitOptions } from '../units.js';
import { ChartPanel, DataTable } from './DashboardWidgets.jsx';
import './Cost.css';

const KINDS = [
  ['', '(không phân loại)'],
  ['dossier', 'Chuẩn bị hồ sơ'],
  ['travel', 'Đi lại'],
  ['waiting', 'Chờ đợi'],
  ['fee', 'Phí, lệ phí'],
  ['other', 'Chi phí khác'],
];
const SIDES = [
  ['before', 'Trước đơn giản hóa'],
  ['after', 'Sau đơn giản hóa'],
];

const vnd = formatVnd;
const pctText = formatPct;

function years() {
  const ty = Number(todayISO().slice(0, 4));
  const out = [];
  for (let y = ty; y >= 2020; y--) out.push({ value: String(y), label: `Năm ${y}` });
  return out;
}

/** The editable form of a sheet from the API's (hours as text with a comma, as typed). */
function editable(sheet) {
  if (!sheet) return { activities: [{ name: '', kind: '', hours: '', money: '' }], frequency: '1', subjects: '' };
  return {
    activities: sheet.activities.map((a) => ({ name: a.name, kind: a.kind || '', hours: String(a.hours).replace('.', ','), money: String(a.money) })),
    frequency: String(sheet.frequency),
    subjects: String(sheet.subjects),
  };
}

/** The body of a sheet: numbers as the API takes them ("1,5" → 1.5); text that is not a number is
 * sent as it is, so the server names the field. */
function toBody(s) {
  const n = (t) => {
    const v = String(t).trim().replace(/\./g, '').replace(',', '.');
    return v !== '' && Number.isFinite(Number(v)) ? Number(v) : t;
  };
  const hours = (t) => {
    const v = String(t).trim().replace(',', '.');
    return v !== '' && Number.isFinite(Number(v)) ? Number(v) : t;
  };
  return {
    activities: s.activities.map((a) => ({ name: a.name.trim(), kind: a.kind || null, hours: hours(a.hours), money: n(a.money) })),
    frequency: n(s.frequency),
    subjects: n(s.subjects),
  };
}

function ActivityTable({ side, label, sheet, onChange, readOnly, errors }) {
  const set = (i, key, v) => onChange({ ...sheet, activities: sheet.activities.map((a, j) => (j === i ? { ...a, [key]: v } : a)) });
  const err = (k) => errors[`${side}.${k}`];
  return (
    <fieldset class="card cost-sheet" id={`cost-${side}`}>
      <legend class="card__title">{label}</legend>
      <div class="table-wrap" role="region" aria-label={`Các hoạt động — ${label}`} tabIndex={0}>
        <table class="table">
          <caption class="sr-only">Các hoạt động — {label}</caption>
          <thead>
            <tr>
              <th scope="col">Hoạt động</th>
              <th scope="col">Loại</th>
              <th scope="col" class="num">Số giờ</th>
              <th scope="col" class="num">Chi phí (đồng)</th>
              {readOnly ? null : <th scope="col"><span class="sr-only">Xóa</span></th>}
            </tr>
          </thead>
          <tbody>
            {sheet.activities.map((a, i) => (
              <tr key={i}>
                <td>
                  <input class="input" aria-label={`Tên hoạt động ${i + 1} (${label})`} value={a.name} readOnly={readOnly} aria-invalid={err(`activities[${i}].name`) ? 'true' : undefined} onInput={(e) => set(i, 'name', e.currentTarget.value)} />
                </td>
                <td>
                  <select class="input" aria-label={`Loại hoạt động ${i + 1} (${label})`} value={a.kind} disabled={readOnly} onChange={(e) => set(i, 'kind', e.currentTarget.value)}>
                    {KINDS.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                </td>
                <td class="num">
                  <input class="input" inputMode="decimal" aria-label={`Số giờ ${i + 1} (${label})`} value={a.hours} readOnly={readOnly} aria-invalid={err(`activities[${i}].hours`) ? 'true' : undefined} onInput={(e) => set(i, 'hours', e.currentTarget.value)} />
                </td>
                <td class="num">
                  <input class="input" inputMode="numeric" aria-label={`Chi phí ${i + 1} (${label})`} value={a.money} readOnly={readOnly} aria-invalid={err(`activities[${i}].money`) ? 'true' : undefined} onInput={(e) => set(i, 'money', e.currentTarget.value)} />
                </td>
                {readOnly ? null : (
                  <td>
                    <button type="button" class="btn btn--secondary btn--small" aria-label={`Xóa hoạt động ${i + 1} (${label})`} onClick={() => onChange({ ...sheet, activities: sheet.activities.filter((_, j) => j !== i) })}>
                      Xóa
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {readOnly ? null : (
        <p>
          <button type="button" class="btn btn--secondary btn--small" onClick={() => onChange({ ...sheet, activities: [...sheet.activities, { name: '', kind: '', hours: '', money: '' }] })}>
            Thêm hoạt động
          </button>
        </p>
      )}
      <div class="form-grid">
        <label class="field">
          <span class="field__label">Tần suất (lần/năm mỗi đối tượng)</span>
          <input class="input" inputMode="numeric" aria-label={`Tần suất (${label})`} value={sheet.frequency} readOnly={readOnly} onInput={(e) => onChange({ ...sheet, frequency: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span class="field__label">Số đối tượng thực hiện/năm</span>
          <input class="input" inputMode="numeric" aria-label={`Số đối tượng (${label})`} value={sheet.subjects} readOnly={readOnly} onInput={(e) => onChange({ ...sheet, subjects: e.currentTarget.value })} />
        </label>
      </div>
    </fieldset>
  );
}

function Results({ cost }) {
  if (!cost.before) return null;
  const rows = SIDES.filter(([k]) => cost[k]).map(([k, label]) => ({ stage: label, per_time: cost[k].per_time, yearly: cost[k].yearly }));
  return (
    <>
      <section class="card" aria-labelledby="cost-result-title">
        <h2 id="cost-result-title" class="card__title">
          Kết quả tính (năm {cost.year}, thu nhập bình quân {vnd(cost.hourly_income)}/giờ)
        </h2>
        <dl class="cost-result">
          {SIDES.filter(([k]) => cost[k]).map(([k, label]) => (
            <div key={k} data-side={k}>
              <dt>{label}</dt>
              <dd>
                Mỗi lần: <strong data-testid={`${k}-per-time`}>{vnd(cost[k].per_time)}</strong> · Cả năm: <strong data-testid={`${k}-yearly`}>{vnd(cost[k].yearly)}</strong>
              </dd>
            </div>
          ))}
          <div>
            <dt>Chi phí cắt giảm</dt>
            <dd>
              <strong data-testid="saving">{vnd(cost.saving)}</strong> (<span data-testid="saving-pct">{pctText(cost.saving_pct)}</span>)
            </dd>
          </div>
        </dl>
        {cost.updated_at ? (
          <p class="muted small">
            Phiên bản {cost.version}, cập nhật {formatDateTime(cost.updated_at)}
            {cost.updated_by_name ? ` bởi ${cost.updated_by_name}` : ''}
          </p>
        ) : null}
      </section>
      <ChartPanel
        id="cost-chart"
        title="Chi phí tuân thủ trước và sau đơn giản hóa"
        context={`${cost.procedure.code} — năm ${cost.year}`}
        labels={rows.map((r) => r.stage)}
        series={[{ label: 'Chi phí cả năm (đồng)', key: 'yearly' }]}
        columns={[
          { key: 'stage', label: 'Giai đoạn', type: 'text' },
          { key: 'per_time', label: 'Chi phí mỗi lần (đồng)', type: 'number' },
          { key: 'yearly', label: 'Chi phí cả năm (đồng)', type: 'number' },
        ]}
        rows={rows}
        filename={`chi-phi-${cost.procedure.code}-${cost.year}`}
      />
    </>
  );
}

/** /app/thu-tuc/:id/chi-phi?nam= — one procedure's cost sheet for a year. */
export function ProcedureCost({ user, params, search }) {
  const id = params.id;
  const year = queryOf(search).nam || todayISO().slice(0, 4);
  const writer = hasPermission(user, 'cost.write');
  const cost = useAsync(() => api.get(`/procedures/${id}/cost`, { year }), [id, year]);
  const [sheets, setSheets] = useState(null);
  const [hasAfter, setHasAfter] = useState(false);
  const [failure, setFailure] = useState(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const c = cost.data;
  usePageTitle(c ? `Chi phí tuân thủ — ${c.procedure.code}` : 'Chi phí tuân thủ');
  useEffect(() => {
    if (!c) return;
    setSheets({ year: c.year, before: editable(c.before), after: editable(c.after) });
    setHasAfter(!!c.after);
  }, [c]);
  if (cost.error) {
    return (
      <>
        <PageHeader title="Chi phí tuân thủ" />
        <ProblemAlert error={cost.error} focus={false} onRetry={cost.reload} />
        <p>
          <Link href={`/app/thu-tuc/${id}`}>← Thủ tục</Link>
        </p>
      </>
    );
  }
  // Until the sheets of the year asked for are in (a change of year keeps the old answer while the
  // new one loads), show nothing editable: typing into the old year's sheet would be lost.
  if (!c || !sheets || String(sheets.year) !== String(year) || String(c.year) !== String(year)) {
    return (
      <p class="loading" role="status">
        Đang tải…
      </p>
    );
  }
  const errors = failure?.fieldErrors || {};
  const save = async (e) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    setDone('');
    try {
      const body = { year: Number(year), before: toBody(sheets.before), after: hasAfter ? toBody(sheets.after) : null };
      cost.setData(await api.put(`/procedures/${id}/cost`, body));
      setDone('Đã lưu bảng chi phí tuân thủ.');
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>
        <Link href={`/app/thu-tuc/${id}`}>← {c.procedure.code}</Link>
      </p>
      <PageHeader title="Chi phí tuân thủ thủ tục hành chính" lead={`${c.procedure.code} · ${c.procedure.name}`} />
      <div class="form-grid">
        <SelectField id="cost-year" label="Năm" value={String(year)} options={years()} onValue={(v) => navigate(withQuery(`/app/thu-tuc/${id}/chi-phi`, { nam: v }), { replace: true })} />
      </div>
      {c.hourly_income === null ? (
        <div class="alert alert--info" role="note">
          <p>Bộ quy tắc chưa có thu nhập bình quân theo giờ của năm {year}: chưa tính được chi phí.</p>
        </div>
      ) : null}
      <Notice>{done}</Notice>
      <ProblemAlert error={failure} />
      <form onSubmit={save} noValidate data-year={sheets.year}>
        <ActivityTable side="before" label="Trước đơn giản hóa" sheet={sheets.before} readOnly={!writer} errors={errors} onChange={(s) => setSheets({ ...sheets, before: s })} />
        <label class="field field--check">
          <input type="checkbox" checked={hasAfter} disabled={!writer} onChange={(e) => setHasAfter(e.currentTarget.checked)} />
          <span>Có phương án sau đơn giản hóa</span>
        </label>
        {hasAfter ? <ActivityTable side="after" label="Sau đơn giản hóa" sheet={sheets.after} readOnly={!writer} errors={errors} onChange={(s) => setSheets({ ...sheets, after: s })} /> : null}
        {writer ? (
          <p class="button-row">
            <button type="submit" class="btn btn--primary" disabled={busy}>
              {busy ? 'Đang lưu…' : 'Lưu và tính chi phí'}
            </button>
          </p>
        ) : null}
      </form>
      <Results cost={c} />
      <p>
        <Link href={withQuery('/app/chi-phi-tuan-thu', { nam: year })}>Tổng hợp cắt giảm chi phí năm {year} →</Link>
      </p>
    </>
  );
}

const PER_PAGE = 50;

/** /app/chi-phi-tuan-thu?nam=&don_vi=&linh_vuc=&quyet_dinh=&trang= — the savings of a year
 * (quyet_dinh: only the procedures whose proposal that decision adopted). */
export function CostSavings({ search }) {
  usePageTitle('Cắt giảm chi phí tuân thủ');
  const qs = queryOf(search);
  const f = { nam: qs.nam || todayISO().slice(0, 4), don_vi: qs.don_vi || '', linh_vuc: qs.linh_vuc || '', quyet_dinh: qs.quyet_dinh || '', trang: Number(qs.trang) || 1 };
  const query = { year: f.nam, unit_id: f.don_vi || undefined, field_id: f.linh_vuc || undefined, decision_id: f.quyet_dinh || undefined };
  const list = useAsync(() => api.get('/review/savings', { ...query, page: f.trang, per_page: PER_PAGE }), [f.nam, f.don_vi, f.linh_vuc, f.quyet_dinh, f.trang]);
  const decision = useAsync(() => (f.quyet_dinh ? api.get(`/review/decisions/${f.quyet_dinh}`) : Promise.resolve(null)), [f.quyet_dinh]);
  const units = useAsync(() => loadUnitTree(), []);
  const fields = useAsync(() => api.get('/procedure-fields'), []);
  const setQuery = (change) => navigate(withQuery('/app/chi-phi-tuan-thu', { ...f, trang: undefined, ...change }), { replace: true });
  const d = list.data;
  const exportHref = withQuery('/api/v1/review/savings/export', query);
  const t = d?.totals;
  return (
    <>
      <PageHeader title="Cắt giảm chi phí tuân thủ TTHC" lead="Chi phí trước và sau đơn giản hóa của các thủ tục, cộng theo năm, đơn vị và lĩnh vực" actions={<a class="btn btn--secondary" href={exportHref} download>Tải Excel (.xlsx)</a>} />
      <div class="form-grid">
        <SelectField id="savings-year" label="Năm" value={String(f.nam)} options={years()} onValue={(v) => setQuery({ nam: v })} />
        <SelectField id="savings-unit" label="Cơ quan thực hiện" value={f.don_vi} placeholder="Tất cả trong phạm vi của tôi" options={units.data ? unitOptions(units.data) : []} onValue={(v) => setQuery({ don_vi: v || undefined })} />
        <SelectField id="savings-field" label="Lĩnh vực" value={f.linh_vuc} placeholder="Tất cả lĩnh vực" options={(fields.data?.items || []).map((x) => ({ value: String(x.id), label: x.name }))} onValue={(v) => setQuery({ linh_vuc: v || undefined })} />
      </div>
      {f.quyet_dinh ? (
        <p class="cost-decision-filter">
          Chỉ các thủ tục có phương án được phê duyệt tại{' '}
          <Link href={`/app/ra-soat/quyet-dinh/${f.quyet_dinh}`}>Quyết định số {decision.data?.number || f.quyet_dinh}</Link>.{' '}
          <Link href={withQuery('/app/chi-phi-tuan-thu', { ...f, quyet_dinh: undefined, trang: undefined })}>Xem tất cả</Link>
        </p>
      ) : null}
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      {!d ? (
        <p class="loading" role="status">
          Đang tải…
        </p>
      ) : (
        <>
          <section class="card" aria-labelledby="savings-totals-title">
            <h2 id="savings-totals-title" class="card__title">
              Tổng cộng năm {d.year}
            </h2>
            <dl class="cost-result" data-testid="savings-totals">
              <div>
                <dt>Thủ tục có phương án cắt giảm</dt>
                <dd data-testid="totals-procedures">{formatNumber(t.procedures)} / {formatNumber(t.sheets)} bảng chi phí</dd>
              </div>
              <div>
                <dt>Chi phí trước/năm</dt>
                <dd>{vnd(t.before)}</dd>
              </div>
              <div>
                <dt>Chi phí sau/năm</dt>
                <dd>{vnd(t.after)}</dd>
              </div>
              <div>
                <dt>Cắt giảm</dt>
                <dd data-testid="totals-saving">
                  {vnd(t.saving)} ({pctText(t.saving_pct)})
                </dd>
              </div>
            </dl>
          </section>
          <DataTable
            caption={`Chi phí tuân thủ năm ${d.year} theo thủ tục`}
            rowKey={(r) => r.procedure_id}
            onRowClick={(r) => navigate(withQuery(`/app/thu-tuc/${r.procedure_id}/chi-phi`, { nam: d.year }))}
            rowLabel={(r) => `Bảng chi phí của thủ tục ${r.code}`}
            columns={[
              { key: 'code', label: 'Mã TTHC', type: 'text' },
              { key: 'name', label: 'Tên thủ tục', type: 'text' },
              { key: 'agency_unit_name', label: 'Cơ quan thực hiện', type: 'text' },
              { key: 'before_yearly', label: 'Trước/năm (đồng)', type: 'number' },
              { key: 'after_yearly', label: 'Sau/năm (đồng)', type: 'number' },
              { key: 'saving', label: 'Cắt giảm (đồng)', type: 'number' },
              { key: 'saving_pct', label: 'Tỷ lệ (%)', type: 'decimal' },
            ]}
            rows={d.items}
          />
          <Pager page={d.page} perPage={d.per_page} total={d.total} onPage={(p) => setQuery({ trang: p > 1 ? p : undefined })} />
        </>
      )}
    </>
  );
}
