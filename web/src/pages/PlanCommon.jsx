// What the plan, task, "my assignments" and import pages share: labels, dates,
// state badges, progress bars, unit lists (shown and edited), the timeline
// preview and a textarea field.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Badge } from '../components/Badge.jsx';
import { api } from '../api.js';
import { hasPermission, isAdmin } from '../auth.js';
import { fold, formatDate, formatNumber, todayISO } from '../format.js';
import { indexById, unitComboOptions } from '../units.js';
import { Combobox } from '../components/Combobox.jsx';
import '../plans.css';

export const PLAN_KINDS = [
  { value: 'kstt', label: 'Kiểm soát thủ tục hành chính' },
  { value: 'cchc', label: 'Cải cách hành chính' },
  { value: 'inspection', label: 'Kiểm tra' },
  { value: 'review', label: 'Rà soát, đánh giá' },
  { value: 'communication', label: 'Truyền thông' },
  { value: 'other', label: 'Khác' },
];
export const kindLabel = (k) => PLAN_KINDS.find((x) => x.value === k)?.label || k || '';

export const PLAN_STATUSES = [
  { value: 'draft', label: 'Dự thảo', tone: 'warning' },
  { value: 'published', label: 'Đã ban hành', tone: 'success' },
  { value: 'closed', label: 'Đã kết thúc', tone: 'neutral' },
];

export function PlanStatusBadge({ status }) {
  const s = PLAN_STATUSES.find((x) => x.value === status);
  return <Badge tone={s?.tone || 'neutral'}>{s?.label || status}</Badge>;
}

/** Assignment states as the server computes them. */
export const STATES = {
  not_started: { label: 'Chưa bắt đầu', tone: 'neutral' },
  in_progress: { label: 'Đang thực hiện', tone: 'info' },
  done: { label: 'Hoàn thành', tone: 'success' },
  done_late: { label: 'Hoàn thành muộn', tone: 'warning' },
  blocked: { label: 'Gặp vướng mắc', tone: 'danger' },
  overdue: { label: 'Quá hạn', tone: 'danger' },
};
export const STATE_OPTIONS = Object.entries(STATES).map(([value, s]) => ({ value, label: s.label }));

/** What an assignee may report (done_late and overdue are computed). */
export const UPDATE_STATUSES = [
  { value: 'not_started', label: 'Chưa bắt đầu' },
  { value: 'in_progress', label: 'Đang thực hiện' },
  { value: 'done', label: 'Hoàn thành' },
  { value: 'blocked', label: 'Gặp vướng mắc' },
];

export function StateBadge({ state }) {
  const s = STATES[state] || { label: state || '—', tone: 'neutral' };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** The badges that matter on an assignment: state, due soon, missing report. */
export function AssignmentBadges({ a }) {
  const st = a.overdue && a.state !== 'overdue' ? 'overdue' : a.state || a.status;
  return (
    <span class="badges">
      <StateBadge state={st} />
      {a.due_soon && !a.overdue ? <Badge tone="warning">Sắp đến hạn</Badge> : null}
      {a.missing_report ? <Badge tone="danger">Chưa báo cáo kỳ</Badge> : null}
    </span>
  );
}

export const ROLE_LABELS = { lead: 'Chủ trì', coop: 'Phối hợp' };

export const GROUPS = [
  { value: 'departments', label: 'Các sở, ban, ngành' },
  { value: 'districts', label: 'UBND cấp huyện' },
  { value: 'communes', label: 'UBND cấp xã' },
  { value: 'related', label: 'Các cơ quan, đơn vị có liên quan' },
];
export const groupLabel = (g) => GROUPS.find((x) => x.value === g)?.label || g || '';

const TL_KINDS = {
  date: 'Hạn ngày',
  month: 'Trong tháng',
  quarter: 'Theo quý',
  range: 'Khoảng thời gian',
  year: 'Trong năm',
  continuous: 'Thường xuyên',
  recurring: 'Định kỳ',
  event: 'Theo sự kiện',
  on_request: 'Theo yêu cầu',
  reference: 'Theo văn bản khác',
  unknown: 'Chưa rõ',
};
export const tlKindLabel = (k) => TL_KINDS[k] || k || '';
const RECURRENCE = { monthly: 'hằng tháng', quarterly: 'hằng quý', half_yearly: '6 tháng', yearly: 'hằng năm' };
const LEVELS_TL = { province: 'Cấp tỉnh', department: 'Sở, ngành', district: 'Cấp huyện', commune: 'Cấp xã' };

/** A usable ISO date or null ("0000-00-00", empty and junk are not dates). */
export function validDate(d) {
  if (!d || typeof d !== 'string') return null;
  const s = d.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !s.startsWith('0000') ? s : null;
}

export function showDate(d, empty = '—') {
  const v = validDate(d);
  return v ? formatDate(v) : empty;
}

/** The assignment's due date, else the task's. */
export function dueOf(a, task) {
  return validDate(a?.due_date) || validDate(task?.due_date);
}

/**
 * State of an assignment row that came without one (GET /tasks/{id}):
 * done / done_late from the dates, overdue when the due date has passed.
 */
export function deriveState(a, task) {
  if (a.state) return a;
  const due = dueOf(a, task);
  const today = todayISO();
  let state = a.status || 'not_started';
  let overdue = false;
  if (state === 'done') {
    const done = validDate(a.done_date);
    if (due && done && done > due) state = 'done_late';
  } else if (due && today > due) {
    state = 'overdue';
    overdue = true;
  }
  return { ...a, state, overdue };
}

const STATE_ORDER = ['overdue', 'blocked', 'not_started', 'in_progress', 'done_late', 'done'];
/** Overdue first, then the ones still to do, then done; by due date, then name. */
export function byUrgency(a, b) {
  const sa = a.overdue ? 0 : STATE_ORDER.indexOf(a.state) + 1;
  const sb = b.overdue ? 0 : STATE_ORDER.indexOf(b.state) + 1;
  if (sa !== sb) return sa - sb;
  const da = validDate(a.due_date) || '9999';
  const db = validDate(b.due_date) || '9999';
  if (da !== db) return da < db ? -1 : 1;
  return String(a.unit_name || '').localeCompare(String(b.unit_name || ''), 'vi');
}

export function percent(p) {
  if (p === null || p === undefined || p === '') return '—';
  return `${formatNumber(Math.round(Number(p)))}%`;
}

/** A native progress bar (no style attribute) with its number beside it. */
export function ProgressBar({ value, label }) {
  if (value === null || value === undefined) return <span class="muted">Chưa giao</span>;
  const v = Math.max(0, Math.min(100, Math.round(Number(value))));
  return (
    <span class="progress">
      <progress class="progress__bar" max="100" value={v} aria-label={label ? `${label}: ${v}%` : `Tiến độ ${v}%`} />
      <span class="progress__num" aria-hidden="true">
        {v}%
      </span>
    </span>
  );
}

/** [{text, unit_id, group}] as written, unresolved names flagged. */
export function UnitList({ units, empty = '—' }) {
  if (!units || !units.length) return <span class="muted">{empty}</span>;
  return (
    <ul class="unit-list">
      {units.map((u, i) => (
        <li key={i} class={isUnresolved(u) ? 'unit-list__item is-unresolved' : 'unit-list__item'}>
          {u.text}
          {isUnresolved(u) ? <span class="unit-flag"> (chưa xác định đơn vị)</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function isUnresolved(u) {
  return u && (u.unit_id === null || u.unit_id === undefined) && !u.group;
}

/** Text of a unit list for plain display. */
export function unitText(units) {
  return (units || []).map((u) => u.text).join('; ');
}

/** Does the user have a permission (admin has all)? */
export function can(user, perm) {
  return isAdmin(user) || hasPermission(user, perm);
}

/**
 * Unit tree → picker options (components/Combobox.jsx) for units in force, valued "u:ID",
 * grouped by level; the unit groups first ("g:communes", "Nhóm: UBND cấp xã") when asked.
 */
export function unitChoices(roots, { groups = false } = {}) {
  const byId = indexById(roots);
  const units = unitComboOptions(roots).map((o) => ({ ...o, value: `u:${o.value}`, unit: byId.get(Number(o.value)) }));
  const gs = groups ? GROUPS.map((g) => ({ value: `g:${g.value}`, label: `Nhóm: ${g.label}`, group: 'Nhóm đơn vị', search: 'nhom' })) : [];
  return [...gs, ...units];
}

/** A choice value ("u:12" | "g:communes") → a unit spec {text, unit_id, group}. */
export function specOf(value, choices, keepText) {
  if (!value) return null;
  if (value.startsWith('g:')) {
    const g = value.slice(2);
    return { text: keepText || groupLabel(g), unit_id: null, group: g };
  }
  const c = choices.find((x) => x.value === value);
  if (!c) return null;
  return { text: keepText || c.unit.name, unit_id: c.unit.id, group: null };
}

/**
 * Edits a list of unit specs: each item can be removed; an unresolved one
 * offers a select to pick its unit; a select adds a unit or a group.
 */
export function UnitListEditor({ id, label, units, onChange, choices, hint }) {
  const list = units || [];
  const set = (i, spec) => onChange(list.map((u, k) => (k === i ? spec : u)));
  return (
    <fieldset class="unit-editor" id={id}>
      <legend class="field__label">{label}</legend>
      {hint ? <p class="field__hint">{hint}</p> : null}
      {list.length ? (
        <ul class="unit-editor__list">
          {list.map((u, i) => (
            <li key={`${i}-${u.text}`} class={isUnresolved(u) ? 'unit-editor__item is-unresolved' : 'unit-editor__item'}>
              <span class="unit-editor__text">
                {u.text}
                {u.group ? (
                  <span class="muted small"> (nhóm{fold(u.text) !== fold(groupLabel(u.group)) ? `: ${groupLabel(u.group)}` : ''})</span>
                ) : null}
                {isUnresolved(u) ? <Badge tone="warning">Chưa xác định</Badge> : null}
              </span>
              {isUnresolved(u) ? (
                <UnitPick
                  id={`${id}-pick-${i}`}
                  label={`Chọn đơn vị cho «${u.text}»`}
                  choices={choices}
                  onPick={(v) => set(i, specOf(v, choices, u.text))}
                />
              ) : null}
              <button type="button" class="btn btn--ghost btn--small" onClick={() => onChange(list.filter((_, k) => k !== i))}>
                Bỏ<span class="sr-only"> {u.text}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">Chưa có đơn vị.</p>
      )}
      <div class="unit-editor__add">
        {/* Choosing adds at once; the picker empties for the next one. */}
        <Combobox
          id={`${id}-add`}
          label={`Thêm vào ${label.toLowerCase()}`}
          labelHidden
          options={choices}
          value=""
          placeholder="Gõ để thêm đơn vị hoặc nhóm, ví dụ: cap xa"
          onValue={(value) => {
            const spec = specOf(value, choices);
            if (spec && !list.some((u) => u.unit_id === spec.unit_id && u.group === spec.group && u.text === spec.text)) {
              onChange([...list, spec]);
            }
          }}
        />
      </div>
    </fieldset>
  );
}

/** A picker that reports the chosen unit (or group) at once. */
export function UnitPick({ id, label, choices, onPick }) {
  return (
    <span class="unit-pick">
      <Combobox id={id} label={label} labelHidden options={choices} value="" placeholder="Gõ tên đơn vị" onValue={(v) => v && onPick(v)} />
    </span>
  );
}

/** A parsed timeline in words: kind, dates, per-level dates, recurrence, offset. */
export function TimelineSummary({ tl, compact = false }) {
  if (!tl) return null;
  if (compact) {
    // In a table: the dates only, and a flag when the text was not understood.
    if (tl.kind === 'unknown') return <Badge tone="warning">Thời hạn chưa rõ</Badge>;
    const due = validDate(tl.due);
    const lv = Object.entries(tl.levels || {}).filter(([, d]) => validDate(d));
    if (!due && !lv.length) return null;
    return (
      <span class="muted small">
        {due ? `Hạn ${formatDate(due)}` : ''}
        {lv.map(([l, d]) => `; ${LEVELS_TL[l] || l}: ${formatDate(d)}`).join('')}
      </span>
    );
  }
  const parts = [];
  const start = validDate(tl.start);
  const due = validDate(tl.due);
  if (start && due && start !== due) parts.push(`từ ${formatDate(start)} đến ${formatDate(due)}`);
  else if (due) parts.push(`hạn ${formatDate(due)}`);
  const rec = Array.isArray(tl.recurrence) ? tl.recurrence : tl.recurrence ? [tl.recurrence] : [];
  if (rec.length) parts.push(`báo cáo ${rec.map((r) => RECURRENCE[r] || r).join(', ')}`);
  for (const [lv, d] of Object.entries(tl.levels || {})) {
    if (validDate(d)) parts.push(`${LEVELS_TL[lv] || lv}: hạn ${formatDate(d)}`);
  }
  if (tl.offset && typeof tl.offset === 'object') {
    parts.push(`${tl.offset.days} ngày${tl.offset.working ? ' làm việc' : ''} sau khi ${tl.offset.after || 'sự kiện xảy ra'}`);
  }
  if (tl.reference) parts.push(`theo ${tl.reference}`);
  return (
    <span class="tl-summary">
      {tl.kind === 'unknown' ? <Badge tone="warning">Thời hạn chưa rõ</Badge> : <Badge tone="neutral">{tlKindLabel(tl.kind)}</Badge>}
      {parts.length ? <span class="small"> {parts.join('; ')}</span> : null}
    </span>
  );
}

/**
 * Live preview of a timeline text through POST /timeline/parse (debounced);
 * announced politely to screen readers.
 */
export function TimelinePreview({ text, year, id }) {
  const [state, setState] = useState({ tl: null, error: null });
  const seq = useRef(0);
  useEffect(() => {
    const t = String(text || '').trim();
    const n = ++seq.current;
    if (!t || !year) {
      setState({ tl: null, error: null });
      return undefined;
    }
    const timer = setTimeout(() => {
      api
        .post('/timeline/parse', { text: t, year: Number(year) })
        .then((tl) => n === seq.current && setState({ tl, error: null }))
        .catch((error) => n === seq.current && setState({ tl: null, error }));
    }, 350);
    return () => clearTimeout(timer);
  }, [text, year]);
  return (
    <div class="tl-preview" id={id} aria-live="polite">
      {state.tl ? (
        <>
          <span class="muted small">Hệ thống hiểu là: </span>
          <TimelineSummary tl={state.tl} />
          {state.tl.kind === 'unknown' ? (
            <p class="small tl-preview__warn">Không xác định được thời hạn: nhiệm vụ sẽ được đánh dấu để người phụ trách kiểm tra.</p>
          ) : null}
        </>
      ) : state.error ? (
        <span class="small muted">Không xem trước được thời hạn ({state.error.title}).</span>
      ) : null}
    </div>
  );
}

/** A labelled textarea in the same shape as the shared fields. */
export function TextAreaField({ id, label, hint, error, required, value, onValue, rows = 3, className = '', ...rest }) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${error ? 'field--error' : ''} ${className}`}>
      <div class="field__label-row">
        <label for={id} class="field__label">
          {label}
        </label>
        {required ? (
          <span class="field__req" aria-hidden="true" title="Bắt buộc">
            *
          </span>
        ) : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        class="input textarea"
        rows={rows}
        value={value ?? ''}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={ids}
        onInput={(e) => onValue && onValue(e.currentTarget.value)}
        {...rest}
      />
      {error ? (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Years to offer in filters and forms: a few around this year and the data's. */
export function yearOptions(extra = []) {
  const now = Number(todayISO().slice(0, 4));
  const set = new Set([...Array.from({ length: 8 }, (_, i) => now + 1 - i), ...extra.filter(Boolean).map(Number)]);
  return [...set].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }));
}

/** Memoised unit choices from a tree (units and, when asked, groups). */
export function useUnitChoices(roots, groups) {
  return useMemo(() => unitChoices(roots || [], { groups }), [roots, groups]);
}

/** Read a File as base64 (without the data: prefix). */
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result || '');
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** A disclosure tab list: buttons with role=tab, arrow keys move between them. */
export function Tabs({ tabs, current, onSelect, label }) {
  const onKey = (e, i) => {
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = tabs.length - 1;
    if (j === null) return;
    e.preventDefault();
    onSelect(tabs[j].id);
    const el = document.getElementById(`tab-${tabs[j].id}`);
    if (el) el.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          class="tabs__tab"
          aria-selected={current === t.id ? 'true' : 'false'}
          aria-controls={`panel-${t.id}`}
          tabIndex={current === t.id ? 0 : -1}
          onClick={() => onSelect(t.id)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** Route guard for writing plans (import page). */
export const canWritePlans = (user) => can(user, 'plans.write');
