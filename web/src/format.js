// Vietnamese formatting: dates dd/mm/yyyy in Asia/Ho_Chi_Minh, numbers 1.234,5,
// labels for roles and unit levels, diacritic folding for client-side search.

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const numberFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatNumber(n, fractionDigits) {
  if (n === null || n === undefined || n === '' || Number.isNaN(Number(n))) return '';
  if (fractionDigits === undefined) return numberFmt.format(Number(n));
  return new Intl.NumberFormat('vi-VN', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(Number(n));
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time without a zone designator is taken as already in local (Vietnam) time.
const LOCAL_DT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;

function zonedParts(value) {
  if (value === null || value === undefined || value === '') return null;
  const s = String(value);
  let m = DATE_ONLY.exec(s);
  if (m) return { y: m[1], mo: m[2], d: m[3], h: null, mi: null, s: null };
  m = LOCAL_DT.exec(s);
  if (m) return { y: m[1], mo: m[2], d: m[3], h: m[4], mi: m[5], s: m[6] || '00' };
  const date = value instanceof Date ? value : new Date(s);
  if (Number.isNaN(date.getTime())) return null;
  const p = Object.fromEntries(partsFmt.formatToParts(date).map((x) => [x.type, x.value]));
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/** 2023-01-15 or an instant → "15/01/2023" (Vietnam time). */
/** Whole VND as "1.234.567 đồng"; "—" when unknown. */
export const formatVnd = (n) => (n === null || n === undefined ? '—' : `${formatNumber(n)} đồng`);
/** A percentage with two decimals, "63,98 %"; "—" when unknown. */
export const formatPct = (p) => (p === null || p === undefined ? '—' : `${formatNumber(p, 2)} %`);

export function formatDate(value) {
  const p = zonedParts(value);
  return p ? `${p.d}/${p.mo}/${p.y}` : '';
}

/** An instant → "15/01/2023 08:30" (Vietnam time); seconds on request. */
export function formatDateTime(value, { seconds = false } = {}) {
  const p = zonedParts(value);
  if (!p) return '';
  if (p.h === null) return `${p.d}/${p.mo}/${p.y}`;
  return `${p.d}/${p.mo}/${p.y} ${p.h}:${p.mi}${seconds ? ':' + p.s : ''}`;
}

/** Today's date in Vietnam as yyyy-mm-dd. */
export function todayISO() {
  const p = zonedParts(new Date());
  return `${p.y}-${p.mo}-${p.d}`;
}

/** "15/01/2023" (also 15-1-2023, 15.01.2023) → "2023-01-15"; '' → ''; invalid → null. */
export function parseDateVN(text) {
  const s = String(text ?? '').trim();
  if (s === '') return '';
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Lower case, diacritics removed, đ → d: "Sở Tư pháp" → "so tu phap". */
export function fold(text) {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export const ROLES = ['admin', 'leader', 'specialist', 'officer', 'viewer'];

const ROLE_LABELS = {
  admin: 'Quản trị hệ thống',
  leader: 'Lãnh đạo',
  specialist: 'Chuyên viên',
  officer: 'Cán bộ',
  viewer: 'Xem',
};

/** Role in Vietnamese; an officer who is the unit's focal officer is "Cán bộ đầu mối". */
export function roleLabel(role, focalOfficer = false) {
  if (role === 'officer' && focalOfficer) return 'Cán bộ đầu mối';
  return ROLE_LABELS[role] || role || '';
}

export const LEVELS = ['province', 'department', 'district', 'commune', 'vertical', 'onestop', 'office'];

const LEVEL_LABELS = {
  province: 'Cấp tỉnh',
  department: 'Sở, ban, ngành',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
  vertical: 'Cơ quan ngành dọc',
  onestop: 'Bộ phận một cửa',
  office: 'Phòng chuyên môn',
};

export function levelLabel(level) {
  return LEVEL_LABELS[level] || level || '';
}

/** Seconds → "2 phút 5 giây". */
export function formatDuration(totalSeconds) {
  const s = Math.max(0, Math.ceil(Number(totalSeconds) || 0));
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (m && r) return `${m} phút ${r} giây`;
  if (m) return `${m} phút`;
  return `${r} giây`;
}

/** A select's string value back to an id (number when numeric, null when empty). */
export function toId(v) {
  if (v === '' || v === null || v === undefined) return null;
  return /^\d+$/.test(String(v)) ? Number(v) : v;
}

/**
 * The last complete calendar month before today (Vietnam) and the month before it, as
 * { from, to, label, prev: { from, to, label } }: headline figures compare whole months, never a
 * partial one (issue 16).
 */
export function lastCompleteMonth(today = todayISO()) {
  const month = (y, m) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const mm = String(m).padStart(2, '0');
    return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${last}`, label: `tháng ${mm}/${y}` };
  };
  const back = (y, m) => (m === 1 ? [y - 1, 12] : [y, m - 1]);
  const [y1, m1] = back(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
  const [y2, m2] = back(y1, m1);
  return { ...month(y1, m1), prev: month(y2, m2) };
}
