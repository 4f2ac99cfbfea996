// What the procedure pages share (public search and page, intranet catalogue, form, import):
// labels of levels, online levels, statuses and fields, the badges, and a textarea field.
import { Badge } from '../components/Badge.jsx';
import { hasPermission } from '../auth.js';
import { formatNumber } from '../format.js';
import './Procedures.css';

export const LEVEL_OPTIONS = [
  { value: 'province', label: 'Cấp tỉnh' },
  { value: 'district', label: 'Cấp huyện' },
  { value: 'commune', label: 'Cấp xã' },
];
export const levelName = (l) => LEVEL_OPTIONS.find((x) => x.value === l)?.label || l;
export const levelsText = (levels) => (levels || []).map(levelName).join(', ');

export const ONLINE_OPTIONS = [
  { value: 'full', label: 'Trực tuyến toàn trình' },
  { value: 'partial', label: 'Trực tuyến một phần' },
  { value: 'none', label: 'Chưa có dịch vụ công trực tuyến' },
];

export const STATUS_OPTIONS = [
  { value: 'in_force', label: 'Đang có hiệu lực', tone: 'success' },
  { value: 'amended', label: 'Đã sửa đổi, bổ sung', tone: 'info' },
  { value: 'abolished', label: 'Đã bãi bỏ', tone: 'danger' },
];

export const UNIT_OPTIONS = [
  { value: 'working_days', label: 'ngày làm việc' },
  { value: 'days', label: 'ngày' },
  { value: 'hours', label: 'giờ' },
];

/** Vietnamese names of the fields of a procedure (form labels, history, import report). */
export const FIELD_LABELS = {
  code: 'Mã thủ tục',
  name: 'Tên thủ tục',
  field_id: 'Lĩnh vực',
  field: 'Lĩnh vực',
  levels: 'Cấp thực hiện',
  agency_unit_id: 'Đơn vị thực hiện',
  agency: 'Cơ quan thực hiện',
  time_limit_value: 'Thời hạn (số)',
  time_limit_unit: 'Đơn vị thời hạn',
  time_limit_text: 'Thời hạn giải quyết',
  fee_text: 'Phí, lệ phí',
  fee_amount: 'Mức phí (đồng)',
  online_level: 'Mức độ dịch vụ công trực tuyến',
  postal: 'Tiếp nhận, trả kết quả qua bưu chính công ích',
  boundary_free: 'Không phụ thuộc địa giới hành chính',
  four_on_spot: '"4 tại chỗ"',
  decision_no: 'Số quyết định công bố',
  decision_date: 'Ngày quyết định công bố',
  effective_date: 'Ngày có hiệu lực',
  status: 'Trạng thái',
  replaced_by: 'Thay thế bởi thủ tục',
  status_decision_no: 'Quyết định thay đổi trạng thái',
  status_date: 'Ngày thay đổi trạng thái',
  internal_process_approved: 'Đã phê duyệt quy trình nội bộ',
  internal_process_decision_no: 'Quyết định phê duyệt quy trình nội bộ',
  internal_process_date: 'Ngày phê duyệt quy trình nội bộ',
  steps: 'Trình tự thực hiện',
  way: 'Cách thức thực hiện',
  dossier: 'Thành phần, số lượng hồ sơ',
  subjects: 'Đối tượng thực hiện',
  requirements: 'Yêu cầu, điều kiện',
  result: 'Kết quả thực hiện',
  legal_basis: 'Căn cứ pháp lý',
  row: 'Dòng',
  file: 'Tệp',
};
export const fieldLabel = (k) => FIELD_LABELS[k] || k;

/** The seven components a procedure must publish, in the order of the published form. */
export const COMPONENTS = [
  ['steps', 'Trình tự thực hiện'],
  ['way', 'Cách thức thực hiện'],
  ['dossier', 'Thành phần, số lượng hồ sơ'],
  ['time_limit_text', 'Thời hạn giải quyết'],
  ['subjects', 'Đối tượng thực hiện'],
  ['agency', 'Cơ quan thực hiện'],
];
export const COMPONENT_LABELS = { name: 'Tên thủ tục', ...Object.fromEntries(COMPONENTS) };

export const canWriteProcedures = (user) => hasPermission(user, 'procedures.write');

export function OnlineBadge({ level }) {
  if (level === 'full') return <Badge tone="success">Dịch vụ công trực tuyến toàn trình</Badge>;
  if (level === 'partial') return <Badge tone="info">Dịch vụ công trực tuyến một phần</Badge>;
  return <Badge tone="neutral">Chưa có dịch vụ công trực tuyến</Badge>;
}

export function StatusBadge({ status }) {
  const s = STATUS_OPTIONS.find((x) => x.value === status);
  return <Badge tone={s?.tone || 'neutral'}>{s?.label || status}</Badge>;
}

/** The time limit as published; "5 ngày làm việc" from the numbers when no text was published. */
export function timeLimitText(p) {
  if (p.time_limit_text) return p.time_limit_text;
  if (p.time_limit_value) {
    const unit = UNIT_OPTIONS.find((u) => u.value === p.time_limit_unit)?.label || '';
    return `${formatNumber(p.time_limit_value)} ${unit}`.trim();
  }
  return '—';
}

/** The fee as published; from the amount when no text was published. */
export function feeText(p) {
  if (p.fee_text) return p.fee_text;
  if (p.fee_amount === 0) return 'Không thu phí, lệ phí';
  if (p.fee_amount) return `${formatNumber(p.fee_amount)} đồng`;
  return '—';
}

/** A labelled textarea in the style of components/Field.jsx. */
export function TextAreaField({ id, label, hint, error, required, value, onValue, rows = 4 }) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field ${error ? 'field--error' : ''}`}>
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
        class="input proc-textarea"
        rows={rows}
        value={value ?? ''}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={ids || undefined}
        onInput={(e) => onValue && onValue(e.currentTarget.value)}
      />
      {error ? (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Text with its line breaks kept (components are written as lines). */
export function Lines({ text }) {
  if (!text) return <p class="muted">Chưa công bố.</p>;
  return <div class="proc-lines">{text}</div>;
}

/** A file's kind and size as a reader sees them: "PDF, 120 KB". */
function fileFacts(f) {
  const kinds = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPG' };
  const kind = kinds[f.mime] || (/wordprocessing|msword/.test(f.mime) ? 'Word' : /spreadsheet|excel/.test(f.mime) ? 'Excel' : 'Tệp');
  return `${kind}, ${formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB`;
}

/**
 * The forms (mẫu đơn, tờ khai) a procedure offers, each a download link whose accessible name is
 * its file name with its kind and size. href(f) is the download address; action(f), when given,
 * renders a control beside each (the staff's "Gỡ").
 */
export function ProcedureFormList({ forms, href, action }) {
  return (
    <ul class="proc-forms">
      {forms.map((f) => (
        <li key={f.n}>
          <a href={href(f)} download={f.name}>
            {f.name}
          </a>{' '}
          <span class="muted small">({fileFacts(f)})</span>
          {action ? <> {action(f)}</> : null}
        </li>
      ))}
    </ul>
  );
}
