// What the report pages share (issue 14): period keys and their Vietnamese names, status badges,
// the figure tree (a path "dossiers.by_field.12.resolved_late" read from the tables, labelled for
// people), and the four tables of the paper form, shown read-only or with a button per figure that
// opens the correction dialog. The "Tổng số" columns of the dossier form are sums made here, on
// display: they are not figures of the report, so they are never corrected.
import { Badge } from '../components/Badge.jsx';
import { Link } from '../components/Link.jsx';
import { formatDate, formatNumber, todayISO } from '../format.js';
import './Reports.css';

// ---- periods

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The kinds offered by the picker, in order; "adhoc" takes from/to/title. */
export const PERIOD_KINDS = [
  { value: 'Q1', label: 'Quý I' },
  { value: 'Q2', label: 'Quý II' },
  { value: 'Q3', label: 'Quý III' },
  { value: 'Q4', label: 'Quý IV' },
  { value: 'H1', label: '6 tháng đầu năm' },
  { value: 'H2', label: '6 tháng cuối năm' },
  { value: 'Y', label: 'Cả năm' },
  { value: 'adhoc', label: 'Đột xuất (chọn khoảng thời gian)' },
];

/** The quarter before the one `today` (yyyy-mm-dd) is in: the last complete quarter. */
export function lastCompleteQuarter(today = todayISO()) {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

/** A period key → {kind: 'Q1'..'Y'|'adhoc', year, from, to} or null when it is not one. */
export function parsePeriod(key) {
  const s = String(key || '');
  let m = /^(\d{4})-(Q[1-4]|H[12])$/.exec(s);
  if (m) return { kind: m[2], year: Number(m[1]) };
  m = /^(\d{4})$/.exec(s);
  if (m) return { kind: 'Y', year: Number(m[1]) };
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s);
  if (m) return { kind: 'adhoc', year: Number(m[1].slice(0, 4)), from: m[1], to: m[2] };
  return null;
}

/** kind + year (+ from/to for ad hoc) → the key the server uses. */
export function periodKey(kind, year, from, to) {
  if (kind === 'adhoc') return from && to ? `${from}..${to}` : '';
  if (kind === 'Y') return String(year);
  return `${year}-${kind}`;
}

/** "quý III năm 2026", "6 tháng đầu năm 2026", "năm 2026", ad hoc: "từ 01/03/2026 đến 31/05/2026". */
export function periodPhrase(key) {
  const p = parsePeriod(key);
  if (!p) return key || '';
  if (p.kind === 'adhoc') return `từ ${formatDate(p.from)} đến ${formatDate(p.to)}`;
  if (p.kind === 'Y') return `năm ${p.year}`;
  if (p.kind === 'H1') return `6 tháng đầu năm ${p.year}`;
  if (p.kind === 'H2') return `6 tháng cuối năm ${p.year}`;
  return `quý ${ROMAN[Number(p.kind[1]) - 1]} năm ${p.year}`;
}

/** The phrase with a capital first letter, for headings and lists. */
export function periodLabel(key) {
  const s = periodPhrase(key);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The report's name as people say it: its title for an ad hoc report. */
export function reportName(r) {
  if (!r) return '';
  if (r.period_kind === 'adhoc' && r.title) return r.title;
  return `Báo cáo công tác kiểm soát TTHC ${periodPhrase(r.period)}`;
}

// ---- statuses

export const STATUSES = {
  missing: { label: 'Chưa lập', tone: 'danger' },
  draft: { label: 'Đang soạn', tone: 'warning' },
  submitted: { label: 'Đã gửi', tone: 'info' },
  accepted: { label: 'Đã tiếp nhận', tone: 'success' },
  returned: { label: 'Bị trả lại', tone: 'danger' },
};

export function StatusBadge({ status }) {
  const s = STATUSES[status] || { label: status || '—', tone: 'neutral' };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** Late: filed after due ("Nộp muộn"), or not filed and due has passed ("Quá hạn"). */
export function LateBadge({ late, status, due }) {
  const open = !status || status === 'missing' || status === 'draft' || status === 'returned';
  if (open && (late || (due && due < todayISO()))) return <Badge tone="danger">Quá hạn</Badge>;
  if (late) return <Badge tone="danger">Nộp muộn</Badge>;
  return null;
}

export const EVENT_LABELS = {
  create: 'Lập báo cáo',
  update: 'Cập nhật',
  refresh: 'Làm mới số liệu',
  submit: 'Gửi báo cáo',
  accept: 'Tiếp nhận',
  return: 'Trả lại',
  recompute: 'Tổng hợp lại số liệu',
  remind: 'Nhắc nộp báo cáo',
};

// ---- figures

/** The value at a figure path ("feedback.by_type.3.received"), or undefined. */
export function figureAt(tree, path) {
  let node = tree;
  for (const seg of String(path).split('.')) {
    if (node === null || node === undefined) return undefined;
    if (Array.isArray(node)) node = node.find((row) => row && String(row.key) === seg);
    else if (typeof node === 'object') node = node[seg];
    else return undefined;
  }
  return typeof node === 'number' ? node : undefined;
}

const n0 = (v) => (typeof v === 'number' ? v : 0);

/** The columns of the circular's form: figure keys, and the sums shown under "Tổng số". */
export const DOSSIER_FIGURES = [
  'received_online',
  'received_direct',
  'received_postal',
  'carried_over',
  'resolved_early',
  'resolved_ontime',
  'resolved_late',
  'in_progress_ontime',
  'in_progress_overdue',
];
export const dossierSums = (row) => ({
  received: n0(row?.received_online) + n0(row?.received_direct) + n0(row?.received_postal) + n0(row?.carried_over),
  resolved: n0(row?.resolved_early) + n0(row?.resolved_ontime) + n0(row?.resolved_late),
  in_progress: n0(row?.in_progress_ontime) + n0(row?.in_progress_overdue),
});

// Column order of the form: a figure key, or "sum:<name>" for a "Tổng số" computed on display.
const DOSSIER_COLUMNS = [
  'sum:received',
  'received_online',
  'received_direct',
  'received_postal',
  'carried_over',
  'sum:resolved',
  'resolved_early',
  'resolved_ontime',
  'resolved_late',
  'sum:in_progress',
  'in_progress_ontime',
  'in_progress_overdue',
];

export const DOSSIER_LABELS = {
  received_online: 'Số hồ sơ nhận trong kỳ: Trực tuyến',
  received_direct: 'Số hồ sơ nhận trong kỳ: Trực tiếp',
  received_postal: 'Số hồ sơ nhận trong kỳ: Dịch vụ bưu chính',
  carried_over: 'Số hồ sơ từ kỳ trước chuyển qua',
  resolved_early: 'Đã giải quyết: Trước hạn',
  resolved_ontime: 'Đã giải quyết: Đúng hạn',
  resolved_late: 'Đã giải quyết: Quá hạn',
  in_progress_ontime: 'Đang giải quyết: Trong hạn',
  in_progress_overdue: 'Đang giải quyết: Quá hạn',
};

export const FEEDBACK_ROWS = [
  ['received', 'Số phản ánh, kiến nghị tiếp nhận'],
  ['forwarded', 'Đã chuyển đơn vị xử lý'],
  ['answered', 'Đã xử lý, trả lời'],
  ['answered_ontime', 'Trong đó: trả lời đúng hạn'],
  ['overdue', 'Quá hạn chưa trả lời'],
  ['published', 'Đã công khai kết quả trả lời'],
];

export const PROCEDURE_ROWS = [
  ['published_new', 'TTHC công bố mới trong kỳ'],
  ['published_amended', 'TTHC sửa đổi, bổ sung trong kỳ'],
  ['published_abolished', 'TTHC bãi bỏ trong kỳ'],
  ['in_force', 'TTHC đang có hiệu lực (cuối kỳ)'],
  ['internal_approved', 'TTHC đã phê duyệt quy trình nội bộ'],
  ['online_full', 'Dịch vụ công trực tuyến toàn trình'],
  ['online_partial', 'Dịch vụ công trực tuyến một phần'],
  ['online_none', 'TTHC chưa cung cấp trực tuyến'],
  ['reviewed', 'TTHC đã rà soát, đánh giá'],
  ['simplified', 'TTHC có phương án đơn giản hóa'],
  ['cost_saving', 'Chi phí tuân thủ cắt giảm (đồng/năm)'],
  ['internal_in_force', 'TTHC nội bộ đang áp dụng (cuối kỳ)'],
  ['internal_simplified', 'TTHC nội bộ được đơn giản hóa trong kỳ'],
];

export const INSPECTION_ROWS = [
  ['done', 'Cuộc kiểm tra đã thực hiện trong kỳ'],
  ['units_inspected', 'Đơn vị được kiểm tra'],
  ['findings', 'Kết luận, phát hiện'],
  ['followups', 'Việc phải khắc phục'],
  ['followups_done', 'Đã khắc phục'],
  ['followups_overdue', 'Quá hạn chưa khắc phục'],
];

export const REGISTRY_ROWS = [
  ['focal_officers', 'Cán bộ đầu mối đang làm nhiệm vụ'],
  ['vacant_units', 'Đơn vị chưa có cán bộ đầu mối'],
  ['courses', 'Lớp tập huấn, bồi dưỡng trong kỳ'],
  ['trainees', 'Lượt người được tập huấn, bồi dưỡng'],
  ['budget_allocation', 'Kinh phí được giao (đồng)'],
  ['budget_spending', 'Kinh phí đã chi (đồng)'],
];

export const PLAN_ROWS = [
  ['due', 'Nhiệm vụ đến hạn trong kỳ'],
  ['done', 'Hoàn thành đúng hạn'],
  ['done_late', 'Hoàn thành quá hạn'],
  ['in_progress', 'Đang thực hiện'],
  ['overdue', 'Quá hạn chưa hoàn thành'],
];

const rowName = (rows, key) => (rows || []).find((r) => String(r.key) === String(key));

/** A figure path in words, for the correction dialog and the list of corrections. */
export function pathLabel(path, tables) {
  const seg = String(path).split('.');
  const find = (list, key) => list.find(([k]) => k === key)?.[1] || key;
  if (seg[0] === 'dossiers') {
    let where = 'Tổng số';
    if (seg[1] === 'by_field') where = `Lĩnh vực ${rowName(tables?.dossiers?.by_field, seg[2])?.name || seg[2]}`;
    if (seg[1] === 'by_level') where = rowName(tables?.dossiers?.by_level, seg[2])?.name || seg[2];
    return `Hồ sơ TTHC — ${where} — ${DOSSIER_LABELS[seg[seg.length - 1]] || seg[seg.length - 1]}`;
  }
  if (seg[0] === 'feedback' && seg[1] === 'by_type') {
    return `Phản ánh, kiến nghị tiếp nhận — ${rowName(tables?.feedback?.by_type, seg[2])?.label || seg[2]}`;
  }
  if (seg[0] === 'feedback') return `Phản ánh, kiến nghị — ${find(FEEDBACK_ROWS, seg[1])}`;
  if (seg[0] === 'procedures') return `Thủ tục hành chính — ${find(PROCEDURE_ROWS, seg[1])}`;
  if (seg[0] === 'plan') return `Kế hoạch — ${find(PLAN_ROWS, seg[1])}`;
  if (seg[0] === 'inspections') return `Kiểm tra — ${find(INSPECTION_ROWS, seg[1])}`;
  if (seg[0] === 'registries') return `Đầu mối, tập huấn, kinh phí — ${find(REGISTRY_ROWS, seg[1])}`;
  return path;
}

/**
 * One figure: the value in force and, when it was corrected, the computed one beside it. With
 * onEdit it is a button that opens the correction dialog.
 */
export function Figure({ path, report, onEdit, label }) {
  const value = figureAt(report.tables, path);
  const computed = figureAt(report.computed, path);
  const corr = (report.corrections || []).find((c) => c.path === path);
  const shown = formatNumber(value ?? 0);
  const body = corr ? (
    <>
      <span class="fig__value">{shown}</span>
      <span class="fig__computed">(tính: {formatNumber(computed ?? 0)})</span>
    </>
  ) : (
    <span class="fig__value">{shown}</span>
  );
  if (!onEdit) return <span class={`fig ${corr ? 'fig--corrected' : ''}`}>{body}</span>;
  return (
    <button
      type="button"
      class={`fig fig--edit ${corr ? 'fig--corrected' : ''}`}
      data-path={path}
      aria-label={`Điều chỉnh ${label || pathLabel(path, report.tables)}: ${shown}${corr ? ` (đã điều chỉnh, tính từ dữ liệu ${formatNumber(computed ?? 0)})` : ''}`}
      onClick={() => onEdit(path)}
    >
      {body}
    </button>
  );
}

/** The dossier form of the circular: by field, then by level, with the total first. */
export function DossierTable({ report, onEdit }) {
  const d = report.tables?.dossiers || {};
  const cell = (base, row, col, rowLabel) => {
    if (col.startsWith('sum:')) {
      return (
        <td key={col} class="num sum">
          {formatNumber(dossierSums(row)[col.slice(4)])}
        </td>
      );
    }
    return (
      <td key={col} class="num">
        <Figure path={`${base}.${col}`} report={report} onEdit={onEdit} label={`${rowLabel} — ${DOSSIER_LABELS[col]}`} />
      </td>
    );
  };
  const line = (base, row, stt, name, cls = '') => (
    <tr key={base} class={cls}>
      <td class="num">{stt}</td>
      <th scope="row" class="rep-name">
        {name}
      </th>
      {DOSSIER_COLUMNS.map((c) => cell(base, row, c, name))}
    </tr>
  );
  const fields = d.by_field || [];
  const levels = d.by_level || [];
  return (
    <div class="table-wrap rep-table-wrap" role="region" aria-label="Tình hình, kết quả giải quyết TTHC" tabIndex={0}>
      <table class="table rep-table rep-dossiers">
        <caption>Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC (đơn vị tính: hồ sơ)</caption>
        <colgroup>
          <col />
          <col />
        </colgroup>
        <colgroup span={5} />
        <colgroup span={7} />
        <thead>
          <tr>
            <th scope="col" rowSpan={3}>
              STT
            </th>
            <th scope="col" rowSpan={3}>
              Lĩnh vực, cấp giải quyết
            </th>
            <th scope="colgroup" colSpan={5}>
              Số hồ sơ nhận giải quyết
            </th>
            <th scope="colgroup" colSpan={7}>
              Kết quả giải quyết
            </th>
          </tr>
          <tr>
            <th scope="col" rowSpan={2}>
              Tổng số
            </th>
            <th scope="colgroup" colSpan={3}>
              Trong kỳ
            </th>
            <th scope="col" rowSpan={2}>
              Từ kỳ trước
            </th>
            <th scope="colgroup" colSpan={4}>
              Số hồ sơ đã giải quyết
            </th>
            <th scope="colgroup" colSpan={3}>
              Số hồ sơ đang giải quyết
            </th>
          </tr>
          <tr>
            <th scope="col">Trực tuyến</th>
            <th scope="col">Trực tiếp</th>
            <th scope="col">Dịch vụ bưu chính</th>
            <th scope="col">Tổng số</th>
            <th scope="col">Trước hạn</th>
            <th scope="col">Đúng hạn</th>
            <th scope="col">Quá hạn</th>
            <th scope="col">Tổng số</th>
            <th scope="col">Trong hạn</th>
            <th scope="col">Quá hạn</th>
          </tr>
          <tr class="rep-colnums" aria-hidden="true">
            {Array.from({ length: 14 }, (_, i) => (
              <td key={i}>({i + 1})</td>
            ))}
          </tr>
        </thead>
        <tbody>{line('dossiers.total', d.total, '', 'Tổng cộng', 'rep-total')}</tbody>
        <tbody>
          <tr class="rep-group">
            <th scope="rowgroup" colSpan={14}>
              I. Theo lĩnh vực
            </th>
          </tr>
          {fields.length ? (
            fields.map((r, i) => line(`dossiers.by_field.${r.key}`, r, i + 1, r.name || 'Chưa xác định lĩnh vực'))
          ) : (
            <tr>
              <td colSpan={14} class="table__empty">
                Không có hồ sơ trong kỳ.
              </td>
            </tr>
          )}
        </tbody>
        <tbody>
          <tr class="rep-group">
            <th scope="rowgroup" colSpan={14}>
              II. Theo cấp giải quyết
            </th>
          </tr>
          {levels.map((r, i) => line(`dossiers.by_level.${r.key}`, r, i + 1, r.name || r.level))}
        </tbody>
      </table>
    </div>
  );
}

/** A two-column table of figures: what it is, and its value (with the computed one when corrected). */
export function FigureTable({ caption, rows, report, onEdit, numbered = true }) {
  return (
    <div class="table-wrap rep-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table class="table rep-table rep-simple">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            {numbered ? (
              <th scope="col" class="rep-stt">
                STT
              </th>
            ) : null}
            <th scope="col">Chỉ tiêu</th>
            <th scope="col" class="num">
              Số liệu
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.path} class={r.sub ? 'rep-sub' : ''}>
              {numbered ? <td class="num rep-stt">{r.sub ? '' : rows.slice(0, i + 1).filter((x) => !x.sub).length}</td> : null}
              <th scope="row" class="rep-name">
                {r.label}
              </th>
              <td class="num">
                <Figure path={r.path} report={report} onEdit={onEdit} label={r.label} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function feedbackRows(report) {
  const out = [];
  for (const [k, label] of FEEDBACK_ROWS) {
    // answered_ontime is a part of answered: shown under it, unnumbered.
    out.push({ path: `feedback.${k}`, label, sub: k === 'answered_ontime' });
    if (k === 'received') {
      for (const t of report.tables?.feedback?.by_type || []) {
        out.push({ path: `feedback.by_type.${t.key}.received`, label: `— ${t.label || `Loại ${t.type ?? t.key}`}`, sub: true });
      }
    }
  }
  return out;
}

export const procedureRows = () => PROCEDURE_ROWS.map(([k, label]) => ({ path: `procedures.${k}`, label }));
export const planRows = () => PLAN_ROWS.map(([k, label]) => ({ path: `plan.${k}`, label }));
export const registryRows = () => REGISTRY_ROWS.map(([k, label]) => ({ path: `registries.${k}`, label }));
export const inspectionRows = () => INSPECTION_ROWS.map(([k, label]) => ({ path: `inspections.${k}`, label }));

/** The overdue assignments of the plan table, each a link to its task. */
export function OverdueList({ report }) {
  const list = report.tables?.plan?.overdue_list || [];
  if (!list.length) return <p class="muted">Không có nhiệm vụ quá hạn.</p>;
  return (
    <div class="table-wrap rep-table-wrap" role="region" aria-label="Nhiệm vụ quá hạn" tabIndex={0}>
      <table class="table rep-table">
        <caption class="sr-only">Nhiệm vụ quá hạn chưa hoàn thành</caption>
        <thead>
          <tr>
            <th scope="col">Nhiệm vụ</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Hạn</th>
            <th scope="col" class="num">
              Tiến độ
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.assignment_id}>
              <th scope="row" class="rep-name">
                <Link href={`/app/nhiem-vu/${a.task_id}`}>{a.task_title}</Link>
              </th>
              <td>{a.unit_name}</td>
              <td class="nowrap">{formatDate(a.due_date)}</td>
              <td class="num">{a.progress === null || a.progress === undefined ? '—' : `${formatNumber(a.progress)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The per-child short form (report_tree_summary) as a few totals. */
export function summaryTotals(s) {
  const t = s?.dossiers?.total || {};
  const sums = dossierSums(t);
  return {
    received: sums.received,
    resolved: sums.resolved,
    in_progress: sums.in_progress,
    resolved_late: n0(t.resolved_late),
    feedback: n0(s?.feedback?.received),
    plan_overdue: n0(s?.plan?.overdue),
  };
}
