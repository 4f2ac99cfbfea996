// Indicator periods (month, quarter, year, custom) from the page's query, and the period to
// compare with. Pure: `today` is a parameter, so tests can fix it.
//
// Why the defaults are the last complete period: on the 3rd of a month the current month holds
// three days of dossiers, and set against a whole previous month it reads "▼ −90 %". A period
// that is not over yet (chosen explicitly) is marked partial and compared like with like: with
// the same number of days at the start of the period before.
import { formatDate, todayISO } from './format.js';

const pad = (n) => String(n).padStart(2, '0');
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const ROMAN = ['I', 'II', 'III', 'IV'];

export function addDaysISO(s, n) {
  const t = Date.parse(`${s}T00:00:00Z`) + n * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Days from a to b inclusive ("2026-12-01", "2026-12-03" → 3). */
export function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000) + 1;
}

export const PERIOD_KINDS = [
  ['month', 'Tháng'],
  ['quarter', 'Quý'],
  ['year', 'Năm'],
  ['custom', 'Tùy chọn'],
];

/** The last complete month, quarter and year before today: { y, m, qy, q, yy }. */
export function lastComplete(today = todayISO()) {
  const ty = Number(today.slice(0, 4));
  const tm = Number(today.slice(5, 7));
  const tq = Math.floor((tm - 1) / 3) + 1;
  return {
    y: tm === 1 ? ty - 1 : ty,
    m: tm === 1 ? 12 : tm - 1,
    qy: tq === 1 ? ty - 1 : ty,
    q: tq === 1 ? 4 : tq - 1,
    yy: ty - 1,
  };
}

/**
 * The period in the query: kind (month, quarter, year, custom), y, m (1-12), q (1-4), from, to.
 * What the query leaves out is the last complete period of that kind. Returns
 * { kind, y, m, q, from, to, label, partial, through }: a period that has begun but not ended
 * is `partial`, its data run `through` today (and `to` is today).
 */
export function periodFromQuery(query, today = todayISO()) {
  const lc = lastComplete(today);
  const kind = PERIOD_KINDS.some(([k]) => k === query.kind) ? query.kind : 'month';
  const qy = Number(query.y) >= 2000 && Number(query.y) <= 2100 ? Number(query.y) : null;
  const m = Number(query.m) >= 1 && Number(query.m) <= 12 ? Number(query.m) : lc.m;
  const q = Number(query.q) >= 1 && Number(query.q) <= 4 ? Number(query.q) : lc.q;
  let y;
  let from;
  let end;
  let label;
  if (kind === 'quarter') {
    y = qy ?? lc.qy;
    from = iso(y, (q - 1) * 3 + 1, 1);
    end = iso(y, q * 3, lastDay(y, q * 3));
    label = `Quý ${ROMAN[q - 1]}/${y}`;
  } else if (kind === 'year') {
    y = qy ?? lc.yy;
    from = iso(y, 1, 1);
    end = iso(y, 12, 31);
    label = `Năm ${y}`;
  } else if (kind === 'custom' && /^\d{4}-\d{2}-\d{2}$/.test(query.from || '') && /^\d{4}-\d{2}-\d{2}$/.test(query.to || '') && query.from <= query.to) {
    y = Number(query.from.slice(0, 4));
    from = query.from;
    end = query.to;
    label = `${formatDate(from)} – ${formatDate(end)}`;
  } else {
    y = qy ?? lc.y;
    from = iso(y, m, 1);
    end = iso(y, m, lastDay(y, m));
    label = `Tháng ${pad(m)}/${y}`;
  }
  // Today is not over either: a period that includes today is partial, its last day too.
  const partial = from <= today && today <= end;
  return { kind, y, m, q, from, to: partial ? today : end, end, label, partial, through: partial ? today : null };
}

/** The whole period just before p (previous month, quarter, year, or as many days). */
function wholePrevious(p) {
  if (p.kind === 'month') {
    const y = p.m === 1 ? p.y - 1 : p.y;
    const m = p.m === 1 ? 12 : p.m - 1;
    return { from: iso(y, m, 1), to: iso(y, m, lastDay(y, m)), label: `tháng ${pad(m)}/${y}` };
  }
  if (p.kind === 'quarter') {
    const y = p.q === 1 ? p.y - 1 : p.y;
    const q = p.q === 1 ? 4 : p.q - 1;
    return { from: iso(y, (q - 1) * 3 + 1, 1), to: iso(y, q * 3, lastDay(y, q * 3)), label: `quý ${ROMAN[q - 1]}/${y}` };
  }
  if (p.kind === 'year') return { from: iso(p.y - 1, 1, 1), to: iso(p.y - 1, 12, 31), label: `năm ${p.y - 1}` };
  const days = daysBetween(p.from, p.end || p.to);
  return { from: addDaysISO(p.from, -days), to: addDaysISO(p.from, -1), label: `${days} ngày trước đó` };
}

/**
 * The period to compare p with: the whole period before, or for a partial p the same number of
 * days from the start of the period before (never past its end: 31 days of March against
 * February's 28).
 */
export function previousPeriod(p) {
  const whole = wholePrevious(p);
  if (!p.partial) return { ...whole, partial: false };
  const n = daysBetween(p.from, p.through);
  const to = addDaysISO(whole.from, n - 1);
  return { from: whole.from, to: to < whole.to ? to : whole.to, label: `${n} ngày đầu ${whole.label}`, partial: true };
}

/** The twelve months up to the end of the period (or the period itself when longer). */
export function trendRange(p) {
  const endY = Number(p.to.slice(0, 4));
  const endM = Number(p.to.slice(5, 7));
  const startIdx = endY * 12 + endM - 1 - 11;
  const from12 = iso(Math.floor(startIdx / 12), (startIdx % 12) + 1, 1);
  return { from: p.from < from12 ? p.from : from12, to: p.to };
}
