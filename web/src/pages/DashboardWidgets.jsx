// Pieces shared by the leaders' dashboard and the public scoreboard: periods, percentages,
// a Chart.js chart that always has a table view and an .xlsx export.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';
import { formatDate, formatDateTime, formatNumber, todayISO } from '../format.js';
import { PERIOD_KINDS } from '../kpiPeriod.js';
import { foldRows, wrapLabel } from '../kpiRows.js';
import './Dashboard.css';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

// --- numbers ---

/** 0.875 → "87,5 %"; null (no denominator) → "—". */
export function pct(rate, digits = 1) {
  if (rate === null || rate === undefined || Number.isNaN(Number(rate))) return '—';
  return `${formatNumber(Number(rate) * 100, digits)} %`;
}

export function num(n) {
  return n === null || n === undefined ? '—' : formatNumber(n);
}

/** Change between two rates in percentage points, or two counts in per cent. */
export function change(cur, prev, kind) {
  if (cur === null || cur === undefined || prev === null || prev === undefined) return null;
  if (kind === 'rate') return { value: (cur - prev) * 100, unit: 'điểm %' };
  if (!prev) return null;
  return { value: ((cur - prev) / prev) * 100, unit: '%' };
}

// --- periods (web/src/kpiPeriod.js; re-exported for the pages that import them from here) ---

export { PERIOD_KINDS, periodFromQuery, previousPeriod, trendRange } from '../kpiPeriod.js';

/** The line a card of a period that is not over carries: how far its figures go. */
export function PartialNote({ period }) {
  if (!period.partial) return null;
  return <p class="kpi-card__partial">Kỳ chưa kết thúc: số liệu đến hết ngày {formatDate(period.through)}</p>;
}

/** Filters: kind, month/quarter/year, custom dates. onChange receives query changes. */
export function PeriodFilter({ period, onChange, idPrefix = 'kpi' }) {
  const years = [];
  const ty = Number(todayISO().slice(0, 4));
  for (let y = ty; y >= 2020; y--) years.push(y);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
  }, [period.from, period.to]);
  return (
    <fieldset class="kpi-filter">
      <legend class="sr-only">Kỳ báo cáo</legend>
      <div class="kpi-filter__kinds" role="group" aria-label="Loại kỳ">
        {PERIOD_KINDS.map(([k, label]) => (
          <button
            key={k}
            type="button"
            class={`btn btn--small ${period.kind === k ? 'btn--primary' : 'btn--secondary'}`}
            aria-pressed={period.kind === k ? 'true' : 'false'}
            onClick={() => onChange(k === 'custom' ? { kind: k, from: period.from, to: period.to } : { kind: k })}
          >
            {label}
          </button>
        ))}
      </div>
      {period.kind !== 'custom' ? (
        <div class="kpi-filter__fields">
          {period.kind === 'month' ? (
            <label class="kpi-filter__field">
              <span>Tháng</span>
              <select id={`${idPrefix}-month`} class="input" value={period.m} onChange={(e) => onChange({ m: e.currentTarget.value, y: period.y })}>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i + 1} value={i + 1}>
                    Tháng {i + 1}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {period.kind === 'quarter' ? (
            <label class="kpi-filter__field">
              <span>Quý</span>
              <select id={`${idPrefix}-quarter`} class="input" value={period.q} onChange={(e) => onChange({ q: e.currentTarget.value, y: period.y })}>
                {['I', 'II', 'III', 'IV'].map((r, i) => (
                  <option key={r} value={i + 1}>
                    Quý {r}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label class="kpi-filter__field">
            <span>Năm</span>
            <select id={`${idPrefix}-year`} class="input" value={period.y} onChange={(e) => onChange({ y: e.currentTarget.value })}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : (
        <form
          class="kpi-filter__fields"
          onSubmit={(e) => {
            e.preventDefault();
            onChange({ kind: 'custom', from, to });
          }}
        >
          <label class="kpi-filter__field">
            <span>Từ ngày</span>
            <input id={`${idPrefix}-from`} class="input" type="date" value={from} max={to} onInput={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label class="kpi-filter__field">
            <span>Đến ngày</span>
            <input id={`${idPrefix}-to`} class="input" type="date" value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
          <button type="submit" class="btn btn--primary btn--small">
            Áp dụng
          </button>
        </form>
      )}
    </fieldset>
  );
}

// --- export ---

/** The first row of every export: what, which unit, which period, when it was made. */
export function exportTitle(what, context) {
  return [what, context, `lập lúc ${formatDateTime(new Date().toISOString())}`].filter(Boolean).join(' — ');
}

/**
 * Writes rows (objects) with columns [{ key, label, value?(row), type: 'rate'|'number'|'text' }],
 * under a title row (exportTitle) when `title` is given; a blank template has none.
 */
export async function exportXlsx(filename, sheet, columns, rows, title) {
  const { default: writeExcelFile } = await import('write-excel-file/universal');
  const header = columns.map((c) => ({ value: c.label, fontWeight: 'bold' }));
  const head = title ? [[{ value: title, fontWeight: 'bold', columnSpan: Math.max(1, columns.length) }, ...columns.slice(1).map(() => null)], [], header] : [header];
  const body = rows.map((r) =>
    columns.map((c) => {
      const v = c.value ? c.value(r) : r[c.key];
      if (v === null || v === undefined || v === '') return null;
      if (c.type === 'rate') return { value: Number(v), type: Number, format: '0.0%' };
      if (c.type === 'number') return { value: Number(v), type: Number, format: '#,##0' };
      if (c.type === 'decimal') return { value: Number(v), type: Number, format: '0.00' };
      return { value: String(v), type: String };
    }),
  );
  const blob = await writeExcelFile([...head, ...body], { sheet: sheet.slice(0, 31) }).toBlob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename.endsWith('.xlsx') ? filename : `${filename}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function cellText(c, r) {
  const v = c.value ? c.value(r) : r[c.key];
  if (c.render) return c.render(r);
  if (c.type === 'rate') return pct(v);
  if (c.type === 'number') return num(v);
  if (c.type === 'decimal') return v === null || v === undefined ? '—' : formatNumber(v, 2);
  return v ?? '—';
}

/** A plain table of the same columns as the export. */
/** linkKey: the column whose cell is the row's link (the unit's name; the first column if unset). */
export function DataTable({ caption, columns, rows, rowKey, onRowClick, rowLabel, linkKey }) {
  const linkAt = Math.max(0, columns.findIndex((c) => c.key === linkKey));
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table class="table kpi-table">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={c.type && c.type !== 'text' ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length ? (
            rows.map((r, i) => (
              <tr key={rowKey ? rowKey(r) : i} class={onRowClick ? 'is-clickable' : undefined}>
                {columns.map((c, j) => (
                  <td key={c.key} class={c.type && c.type !== 'text' ? 'num' : undefined} data-label={c.label}>
                    {j === linkAt && onRowClick ? (
                      <button type="button" class="link-button" onClick={() => onRowClick(r)} aria-label={rowLabel ? rowLabel(r) : undefined}>
                        {cellText(c, r)}
                      </button>
                    ) : (
                      cellText(c, r)
                    )}
                  </td>
                ))}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={columns.length} class="table__empty">
                Không có dữ liệu.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

const PALETTE = ['#0b4f8a', '#1f8a4c', '#b45309', '#7c3aed', '#b42318', '#0e7490', '#4a5568'];

/**
 * A chart panel: Chart.js canvas (bar or line), a "table" toggle showing the same numbers,
 * and an .xlsx export. series: [{ label, key, type?: 'bar'|'line', axis?: 'rate'|'count' }].
 */
export function ChartPanel({ id, title, context, labels: allLabels, series, columns, rows: allRows, filename, onBarClick, horizontal = false, note, rowKey, onRowClick, rowLabel, extra, fold = false, linkKey }) {
  // A long ranking (200 communes) shows its top and bottom ten until the person asks for all;
  // the export always has every row.
  const [expanded, setExpanded] = useState(false);
  const folded = fold && !expanded ? foldRows(allRows) : { shown: allRows, hidden: 0 };
  const rows = folded.shown;
  const labels = folded.hidden ? [...allLabels.slice(0, 10), ...allLabels.slice(-10)] : allLabels;
  const canvas = useRef(null);
  const chart = useRef(null);
  const [showTable, setShowTable] = useState(false);
  const [busy, setBusy] = useState(false);
  const hasRate = series.some((s) => s.axis === 'rate');
  const hasCount = series.some((s) => s.axis !== 'rate');
  useEffect(() => {
    if (!canvas.current) return undefined;
    const datasets = series.map((s, i) => ({
      type: s.type || 'bar',
      label: s.label,
      data: rows.map((r) => {
        const v = s.value ? s.value(r) : r[s.key];
        if (v === null || v === undefined) return null;
        return s.axis === 'rate' ? Math.round(v * 1000) / 10 : v;
      }),
      backgroundColor: PALETTE[i % PALETTE.length],
      borderColor: PALETTE[i % PALETTE.length],
      borderWidth: s.type === 'line' ? 2 : 0,
      yAxisID: horizontal ? undefined : s.axis === 'rate' ? 'rate' : 'count',
      xAxisID: horizontal ? (s.axis === 'rate' ? 'rate' : 'count') : undefined,
      spanGaps: true,
      tension: 0.2,
      pointRadius: 3,
      order: s.type === 'line' ? 0 : 1,
    }));
    const scales = {};
    const valueAxis = (which) => ({
      type: 'linear',
      position: horizontal ? (which === 'rate' ? 'top' : 'bottom') : which === 'rate' ? 'right' : 'left',
      beginAtZero: true,
      max: which === 'rate' ? 100 : undefined,
      grid: { drawOnChartArea: which === 'rate' ? !hasCount : true },
      ticks: { callback: (v) => (which === 'rate' ? `${v}%` : formatNumber(v)) },
    });
    if (hasCount) scales.count = valueAxis('count');
    if (hasRate) scales.rate = valueAxis('rate');
    scales[horizontal ? 'y' : 'x'] = { type: 'category', ticks: { autoSkip: !horizontal } };
    const cfg = {
      type: 'bar',
      data: { labels: horizontal ? labels.map((l) => wrapLabel(l)) : labels, datasets },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales,
        plugins: {
          legend: { display: series.length > 1, position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const s = series[ctx.datasetIndex];
                const v = ctx.raw;
                if (v === null || v === undefined) return `${s.label}: —`;
                return s.axis === 'rate' ? `${s.label}: ${formatNumber(v, 1)} %` : `${s.label}: ${formatNumber(v)}`;
              },
            },
          },
        },
        onClick: onBarClick
          ? (evt, elements) => {
              if (elements.length) onBarClick(rows[elements[0].index]);
            }
          : undefined,
      },
    };
    if (chart.current) chart.current.destroy();
    chart.current = new Chart(canvas.current, cfg);
    return () => {
      if (chart.current) chart.current.destroy();
      chart.current = null;
    };
  }, [labels.join('|'), JSON.stringify(rows.map((r) => series.map((s) => (s.value ? s.value(r) : r[s.key]))))]);
  const lines = horizontal ? labels.reduce((n, l) => n + Math.max(1, [].concat(wrapLabel(l)).length), 0) : 0;
  const height = horizontal ? Math.max(220, 16 * lines + 14 * labels.length + 60) : 300;
  const doExport = async () => {
    setBusy(true);
    try {
      await exportXlsx(filename, title, columns, allRows, exportTitle(title, context));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card kpi-panel" aria-labelledby={`${id}-title`}>
      <div class="kpi-panel__head">
        <h2 id={`${id}-title`} class="card__title">
          {title}
        </h2>
        <div class="button-row button-row--tight">
          {extra}
          <button type="button" class="btn btn--secondary btn--small" aria-pressed={showTable ? 'true' : 'false'} aria-controls={`${id}-table`} onClick={() => setShowTable(!showTable)}>
            {showTable ? 'Xem biểu đồ' : 'Xem bảng số liệu'}
          </button>
          <button type="button" class="btn btn--secondary btn--small" onClick={doExport} disabled={busy || !allRows.length}>
            {busy ? 'Đang tạo tệp…' : 'Tải Excel (.xlsx)'}
          </button>
        </div>
      </div>
      {note ? <p class="muted small">{note}</p> : null}
      <div class={`kpi-chart ${showTable ? 'is-hidden' : ''}`} data-height={height} ref={(el) => el && (el.style.height = `${height}px`)}>
        <canvas ref={canvas} role="img" aria-label={`${title}: biểu đồ; xem bảng số liệu để đọc từng giá trị`} />
      </div>
      <div id={`${id}-table`} class={showTable ? '' : 'sr-only'}>
        <DataTable caption={title} columns={columns} rows={rows} rowKey={rowKey} onRowClick={onRowClick} rowLabel={rowLabel} linkKey={linkKey} />
      </div>
      {folded.hidden || (fold && expanded && allRows.length > 22) ? (
        <p class="kpi-fold">
          {folded.hidden ? <span class="muted">Đang hiện 10 đơn vị đứng đầu và 10 đơn vị cuối; {formatNumber(folded.hidden)} đơn vị ở giữa được ẩn. </span> : null}
          <button type="button" class="btn btn--secondary btn--small" aria-expanded={expanded ? 'true' : 'false'} onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Thu gọn' : `Xem tất cả ${formatNumber(allRows.length)} đơn vị`}
          </button>
        </p>
      ) : null}
    </section>
  );
}

/* The level and metric pickers of a ranking chart (leader dashboard and public scoreboard). */
export function RankingFilters({ idPrefix, levels, level, metrics, metric, setQuery }) {
  return (
    <>
      <label class="kpi-filter__field kpi-filter__field--inline">
        <span>Cấp</span>
        <select id={`${idPrefix}-level`} class="input" value={level} onChange={(e) => setQuery({ level: e.currentTarget.value })}>
          {levels.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label class="kpi-filter__field kpi-filter__field--inline">
        <span>Tiêu chí</span>
        <select id={`${idPrefix}-metric`} class="input" value={metric} onChange={(e) => setQuery({ metric: e.currentTarget.value })}>
          {metrics.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
