// Independent computations of the SPEC §5 figures for the dossier/KPI tests: from generated rows
// (in JS, local dates from the ISO offsets) and straight from the raw dossiers table (SQL through
// the mariadb client on the test database's socket), plus a seeded dossier generator.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const COUNT_FIELDS = [
  'received', 'received_online', 'received_direct', 'received_postal', 'carried_over',
  'resolved', 'resolved_early', 'resolved_ontime', 'resolved_late',
  'in_progress', 'in_progress_ontime', 'in_progress_overdue',
  'resolved_digitized', 'received_with_fee', 'received_paid_online', 'rated', 'rated_satisfied',
  'resolved_late_apology', 'received_reused_data', 'received_internal_transfer',
];
export const RATE_FIELDS = [
  'ontime_rate', 'online_rate', 'digitization_rate', 'online_payment_rate', 'satisfaction_rate',
  'apology_coverage', 'reused_data_rate', 'internal_transfer_rate',
];

// mulberry32: small, seedable, the same sequence everywhere.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const pad = (n) => String(n).padStart(2, '0');

// An instant (ms since epoch) written with a chosen UTC offset in hours.
export function isoAt(ms, offsetHours = 7) {
  const d = new Date(ms + offsetHours * HOUR);
  const sign = offsetHours < 0 ? '-' : '+';
  const off = offsetHours === 0 ? 'Z' : `${sign}${pad(Math.abs(offsetHours))}:00`;
  return `${d.toISOString().slice(0, 19)}${off}`;
}

// Local (Asia/Ho_Chi_Minh, +07:00) date of an ISO 8601 time with offset, or of a bare date.
export function localDate(iso) {
  if (iso == null) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad time ${iso}`);
  return new Date(ms + 7 * HOUR).toISOString().slice(0, 10);
}

// Local midnight of a date as an instant.
export function localMidnight(ymd) {
  return Date.parse(`${ymd}T00:00:00+07:00`);
}

export function addDays(ymd, n) {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/**
 * Dossiers for the given unit codes between from and to (local dates), with the period edges
 * the figures care about: times a minute before and at local midnight, other offsets, no due
 * date, a bare due date, several requests for supplements, unfinished ones.
 */
export function generate({ seed, units, from, to, count, prefix }) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const span = Math.round((localMidnight(to) - localMidnight(from)) / DAY) + 1;
  const rows = [];
  for (let i = 0; i < count; i++) {
    const day = addDays(from, Math.floor(r() * span));
    const edge = r();
    let recv = localMidnight(day) + 7 * HOUR + Math.floor(r() * 10 * HOUR);
    if (edge < 0.05) recv = localMidnight(day) + DAY - 60 * 1000; // 23:59 local
    else if (edge < 0.08) recv = localMidnight(day); // 00:00 local
    const limit = 1 + Math.floor(r() * 12);
    const dueDay = addDays(day, limit);
    let due_at = isoAt(localMidnight(dueDay) + 17 * HOUR, 7);
    const dueKind = r();
    if (dueKind < 0.05) due_at = null;
    else if (dueKind < 0.1) due_at = dueDay;
    const fk = r();
    let fin = null;
    if (fk < 0.1) fin = null; // in progress
    else if (fk < 0.16) fin = localMidnight(dueDay) + DAY - 60 * 1000; // 23:59 on the due date
    else if (fk < 0.22) fin = localMidnight(dueDay) + DAY; // 00:00 the day after: late
    else if (fk < 0.35) fin = localMidnight(dueDay) + DAY + Math.floor(r() * 8 * DAY); // late
    else fin = recv + Math.floor(r() * (localMidnight(dueDay) + 17 * HOUR - recv));
    if (fin !== null && fin < recv) fin = recv;
    const offset = pick([7, 7, 7, 0, -5, 9]);
    const channel = pick(['online', 'online', 'direct', 'direct', 'direct', 'postal']);
    const sc = r() < 0.85 ? 0 : pick([1, 2, 3]);
    const fee = r() < 0.4 ? 10000 * (1 + Math.floor(r() * 20)) : 0;
    const row = {
      code: `${prefix}-${String(i).padStart(6, '0')}`,
      procedure_code: `1.${String(1000 + Math.floor(r() * 50)).padStart(6, '0')}`,
      unit_code: pick(units),
      channel,
      online_level: channel === 'online' ? pick(['full', 'partial']) : null,
      received_at: isoAt(recv, offset),
      due_at,
      finished_at: fin === null ? null : isoAt(fin, pick([7, 7, 0, -5])),
      returned_at: fin === null ? null : isoAt(fin + HOUR, 7),
      status: fin === null ? (sc ? 'supplement' : 'processing') : pick(['finished', 'finished', 'finished', 'rejected', 'withdrawn']),
      supplement_count: sc,
      digitized: r() < 0.6,
      result_electronic: r() < 0.6,
      reused_data: r() < 0.3,
      fee,
      paid_online: fee > 0 && r() < 0.5,
      rating: fin === null ? null : pick([null, null, 'satisfied', 'satisfied', 'normal', 'unsatisfied']),
      apology_issued: r() < 0.5,
      internal_transfer: r() < 0.4,
    };
    rows.push(row);
  }
  return rows;
}

/** The figures of SPEC §5 for the rows of the given units, computed row by row. */
export function figuresFromRows(rows, unitCodes, from, to) {
  const set = new Set(unitCodes);
  const f = Object.fromEntries(COUNT_FIELDS.map((k) => [k, 0]));
  for (const d of rows) {
    if (!set.has(d.unit_code)) continue;
    const R = localDate(d.received_at);
    const U = d.due_at ? localDate(d.due_at) : R;
    const F = d.finished_at ? localDate(d.finished_at) : null;
    const late = F !== null && (F > U || d.supplement_count > 1);
    if (R >= from && R <= to) {
      f.received++;
      f[`received_${d.channel}`]++;
      if (d.fee > 0) {
        f.received_with_fee++;
        if (d.paid_online) f.received_paid_online++;
      }
      if (d.reused_data) f.received_reused_data++;
      if (d.internal_transfer) f.received_internal_transfer++;
    }
    if (R < from && (F === null || F >= from)) f.carried_over++;
    if (F !== null && F >= from && F <= to) {
      f.resolved++;
      if (late) f.resolved_late++;
      else if (F < U) f.resolved_early++;
      else f.resolved_ontime++;
      if (d.digitized && d.result_electronic) f.resolved_digitized++;
      if (d.rating) {
        f.rated++;
        if (d.rating !== 'unsatisfied') f.rated_satisfied++;
      }
      if (late && d.apology_issued) f.resolved_late_apology++;
    }
    if (R <= to && (F === null || F > to)) {
      f.in_progress++;
      if (U < to || d.supplement_count > 1) f.in_progress_overdue++;
      else f.in_progress_ontime++;
    }
  }
  return withRates(f);
}

export function withRates(f) {
  const rate = (n, d) => (d > 0 ? n / d : null);
  return {
    ...f,
    ontime_rate: rate(f.resolved_early + f.resolved_ontime + f.in_progress_ontime, f.resolved + f.in_progress),
    online_rate: rate(f.received_online, f.received),
    digitization_rate: rate(f.resolved_digitized, f.resolved),
    online_payment_rate: rate(f.received_paid_online, f.received_with_fee),
    satisfaction_rate: rate(f.rated_satisfied, f.rated),
    apology_coverage: rate(f.resolved_late_apology, f.resolved_late),
    reused_data_rate: rate(f.received_reused_data, f.received),
    internal_transfer_rate: rate(f.received_internal_transfer, f.received),
  };
}

// --- SQL over the raw dossiers table ---

let dbEnv = null;
/** The test database's socket and name ({ sock, name }), for a client of one's own. */
export function dbConfig() {
  if (dbEnv) return dbEnv;
  let sock = process.env.KSTT_DB_SOCKET;
  let name = process.env.KSTT_DB_NAME;
  if (!sock || !name) {
    const root = process.env.KSTT_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
    const out = execFileSync('bash', [path.join(root, 'scripts/stack.sh'), 'env', 'test'], { encoding: 'utf8' });
    for (const line of out.split('\n')) {
      const [k, ...v] = line.split('=');
      if (k === 'KSTT_DB_SOCKET') sock = sock || v.join('=');
      if (k === 'KSTT_DB_NAME') name = name || v.join('=');
    }
  }
  dbEnv = { sock, name };
  return dbEnv;
}

/** Runs one query as the database's root (socket authentication) and returns rows of text. */
export function sql(query) {
  const { sock, name } = dbConfig();
  const out = execFileSync('mariadb', ['--socket', sock, '-N', '-B', name, '-e', query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
}

const q = (s) => `'${String(s).replace(/[^0-9A-Za-z_.\-: ]/g, '')}'`;

/**
 * Every count of SPEC §5 for a unit's subtree and period, straight from the dossiers; own: the
 * unit's own dossiers only; where: a further SQL condition on the dossier d (e.g. its field).
 */
export function sqlFigures(unitId, from, to, { own = false, where = '1' } = {}) {
  const F = q(from);
  const T = q(to);
  const R = 'DATE(d.received_at)';
  const U = 'DATE(COALESCE(d.due_at, d.received_at))';
  const Fd = 'DATE(d.finished_at)';
  const late = `(d.supplement_count > 1 OR ${Fd} > ${U})`;
  const inPeriodF = `(d.finished_at IS NOT NULL AND ${Fd} BETWEEN ${F} AND ${T})`;
  const inPeriodR = `(${R} BETWEEN ${F} AND ${T})`;
  const open = `(${R} <= ${T} AND (d.finished_at IS NULL OR ${Fd} > ${T}))`;
  const cols = {
    received: inPeriodR,
    received_online: `${inPeriodR} AND d.channel = 'online'`,
    received_direct: `${inPeriodR} AND d.channel = 'direct'`,
    received_postal: `${inPeriodR} AND d.channel = 'postal'`,
    carried_over: `${R} < ${F} AND (d.finished_at IS NULL OR ${Fd} >= ${F})`,
    resolved: inPeriodF,
    resolved_early: `${inPeriodF} AND NOT ${late} AND ${Fd} < ${U}`,
    resolved_ontime: `${inPeriodF} AND NOT ${late} AND ${Fd} = ${U}`,
    resolved_late: `${inPeriodF} AND ${late}`,
    in_progress: open,
    in_progress_ontime: `${open} AND NOT (${U} < ${T} OR d.supplement_count > 1)`,
    in_progress_overdue: `${open} AND (${U} < ${T} OR d.supplement_count > 1)`,
    resolved_digitized: `${inPeriodF} AND d.digitized AND d.result_electronic`,
    received_with_fee: `${inPeriodR} AND d.fee > 0`,
    received_paid_online: `${inPeriodR} AND d.fee > 0 AND d.paid_online`,
    rated: `${inPeriodF} AND d.rating IS NOT NULL`,
    rated_satisfied: `${inPeriodF} AND d.rating IN ('satisfied', 'normal')`,
    resolved_late_apology: `${inPeriodF} AND ${late} AND d.apology_issued`,
    received_reused_data: `${inPeriodR} AND d.reused_data`,
    received_internal_transfer: `${inPeriodR} AND d.internal_transfer`,
  };
  const select = COUNT_FIELDS.map((k) => `COALESCE(SUM(${cols[k]}), 0)`).join(', ');
  const [row] = sql(
    `SELECT ${select} FROM dossiers d WHERE (${where}) AND d.unit_id ` +
      (own ? `= ${Number(unitId)}` : `IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${Number(unitId)})`),
  );
  const f = Object.fromEntries(COUNT_FIELDS.map((k, i) => [k, Number(row[i])]));
  return withRates(f);
}

/** Asserts that the API's figures equal the reference, naming the field that differs. */
export function assertFigures(assert, got, want, label) {
  for (const k of COUNT_FIELDS) assert.equal(got[k], want[k], `${label}: ${k}`);
  for (const k of RATE_FIELDS) {
    if (want[k] === null) assert.equal(got[k], null, `${label}: ${k} should be null`);
    else assert.ok(Math.abs(got[k] - want[k]) < 1e-12, `${label}: ${k} ${got[k]} != ${want[k]}`);
  }
}

export function toNdjson(rows) {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

const CSV_COLS = [
  'code', 'procedure_code', 'unit_code', 'channel', 'online_level', 'received_at', 'due_at',
  'finished_at', 'returned_at', 'status', 'supplement_count', 'digitized', 'result_electronic',
  'reused_data', 'fee', 'paid_online', 'rating', 'apology_issued', 'internal_transfer',
];
export function toCsv(rows, sep = ',') {
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [CSV_COLS.join(sep), ...rows.map((r) => CSV_COLS.map((c) => cell(r[c])).join(sep))].join('\r\n') + '\r\n';
}

/**
 * Working days in (a, b] ("YYYY-MM-DD") over the stack's holiday calendar, computed here
 * independently of the server (a holiday wins over a swapped working day).
 */
export function workingDaysBetween(a, b) {
  const DAY = 86400e3;
  const ms = (ymd) => Date.parse(`${ymd}T00:00:00Z`);
  const rows = sql('SELECT day, kind FROM holidays');
  const off = new Set(rows.filter((r) => r[1] === 'holiday').map((r) => r[0]));
  const on = new Set(rows.filter((r) => r[1] === 'workday').map((r) => r[0]));
  let n = 0;
  for (let t = ms(a) + DAY; t <= ms(b); t += DAY) {
    const d = new Date(t).toISOString().slice(0, 10);
    const wd = new Date(t).getUTCDay();
    if (off.has(d)) continue;
    if ((wd >= 1 && wd <= 5) || on.has(d)) n++;
  }
  return n;
}

/**
 * The disclosure group's counts for a unit's subtree at the end of a day, straight from the
 * catalogue: [procedures in force, of those fully published with an approved internal workflow].
 * A procedure belongs to the subtree when its agency is a unit of it, or when it has no agency
 * unit and a unit of the subtree is at one of its levels.
 */
export function sqlDisclosure(unitId, day) {
  const D = q(day);
  const [row] = sql(
    `SELECT COUNT(*), COALESCE(SUM(p.complete = 1 AND p.internal_process_approved = 1 AND ` +
      `(p.internal_process_date IS NULL OR p.internal_process_date <= ${D})), 0) FROM procedures p ` +
      `WHERE (p.effective_date IS NULL OR p.effective_date <= ${D}) AND NOT (p.status = 'abolished' ` +
      `AND (p.status_date IS NULL OR p.status_date <= ${D})) AND EXISTS (SELECT 1 FROM unit_closure c ` +
      `JOIN units u ON u.id = c.descendant_id WHERE c.ancestor_id = ${Number(unitId)} AND ` +
      `(p.agency_unit_id = u.id OR (p.agency_unit_id IS NULL AND ((u.level = 'province' AND ` +
      `p.level_province = 1) OR (u.level = 'district' AND p.level_district = 1) OR ` +
      `(u.level = 'commune' AND p.level_commune = 1)))))`,
  );
  return [Number(row[0]), Number(row[1])];
}

/** The band of a score from a rule set's bands: the label of the highest min not above percent. */
export function bandOf(bands, total, max) {
  const pct = Math.round((total / max) * 10000) / 100;
  let best = null;
  for (const b of bands || []) if (b.min <= pct && (best === null || b.min > best.min)) best = b;
  return best ? best.label : null;
}
