// Shared by the feedback pages: public API calls (JSON or multipart), the
// form's metadata (kinds, units, time limits from the rule set), status labels.
import { api } from '../api.js';
import { Badge } from '../components/Badge.jsx';
import './Feedback.css';

let metaCache = null;
/** GET /public/feedback/meta: types, units, rules, file limits (cached per page load). */
export function loadMeta() {
  if (!metaCache) {
    metaCache = api.get('/public/feedback/meta', undefined, { auth: false });
    metaCache.catch(() => {
      metaCache = null;
    });
  }
  return metaCache;
}

/** POST a FormData (multipart) to a public route; resolves to the JSON body or throws ApiError. */
export function postForm(path, formData) {
  return api.post(path, formData, { auth: false, redirect: false });
}

export const STATUS = {
  new: { label: 'Mới tiếp nhận', tone: 'info' },
  needs_info: { label: 'Chờ bổ sung thông tin', tone: 'warning' },
  accepted: { label: 'Đã phân loại', tone: 'info' },
  forwarded: { label: 'Đã chuyển cơ quan xử lý', tone: 'info' },
  processing: { label: 'Đang xử lý', tone: 'info' },
  answered: { label: 'Đã có dự thảo trả lời', tone: 'warning' },
  published: { label: 'Đã trả lời, công khai', tone: 'success' },
  returned: { label: 'Đơn vị trả lại, chờ chuyển lại', tone: 'warning' },
  rejected: { label: 'Không tiếp nhận', tone: 'danger' },
  duplicate: { label: 'Trùng phản ánh khác', tone: 'neutral' },
};

/** The status as a sender sees it: internal hand-overs read as "being handled". */
const PUBLIC_STATUS = { ...STATUS, answered: { label: 'Đang xử lý', tone: 'info' }, returned: { label: 'Đang xử lý', tone: 'info' }, accepted: { label: 'Đã tiếp nhận', tone: 'info' } };

export function StatusBadge({ status, audience = 'staff' }) {
  const s = (audience === 'public' ? PUBLIC_STATUS : STATUS)[status] || { label: status, tone: 'neutral' };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

export const REJECT_REASONS = [
  { value: 'not_admin_regulation', label: 'Không phải phản ánh, kiến nghị về quy định hành chính' },
  { value: 'complaint', label: 'Là khiếu nại: giải quyết theo pháp luật về khiếu nại' },
  { value: 'denunciation', label: 'Là tố cáo: giải quyết theo pháp luật về tố cáo' },
  { value: 'already_handled', label: 'Đã được xem xét, xử lý và trả lời trước đây' },
  { value: 'not_competent', label: 'Không thuộc thẩm quyền xử lý của các cơ quan trong tỉnh' },
  { value: 'incomplete', label: 'Thiếu thông tin, không thể xác minh hoặc liên hệ người gửi' },
  { value: 'anonymous_or_false', label: 'Không rõ người gửi hoặc thông tin không trung thực' },
  { value: 'offensive', label: 'Nội dung có lời lẽ xúc phạm, vu khống' },
  { value: 'other', label: 'Lý do khác' },
];

/** "1,2 MB" */
export function formatBytes(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
  if (n >= 1024) return `${Math.round(n / 1024).toLocaleString('vi-VN')} KB`;
  return `${n} byte`;
}

export const FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';
export const FILE_EXT = /\.(pdf|jpe?g|png|docx?|xlsx?)$/i;

/** Client-side checks of chosen files (the server checks the content again). */
export function checkFiles(list, meta) {
  const max = meta?.max_files || 3;
  const size = meta?.max_file_bytes || 5 * 1024 * 1024;
  if (list.length > max) return `Chỉ được đính kèm tối đa ${max} tệp.`;
  for (const f of list) {
    if (!FILE_EXT.test(f.name)) return `Tệp "${f.name}" không đúng định dạng: chỉ nhận PDF, JPG, PNG, DOC(X), XLS(X).`;
    if (f.size > size) return `Tệp "${f.name}" vượt quá ${formatBytes(size)}.`;
    if (f.size === 0) return `Tệp "${f.name}" rỗng.`;
  }
  return '';
}

// What the submit answered (code, received_at, answer_due, receipt_mailed, title), kept for this
// tab so the confirmation page /phan-anh/da-gui/:code survives a reload; when it is gone (another
// tab, a later day) that page reads the public tracking API by the code instead.
const RECEIPT_KEY = 'kstt.phan-anh.da-gui.';
export function saveReceipt(r) {
  try {
    sessionStorage.setItem(RECEIPT_KEY + String(r.tracking_code).replace(/-/g, ''), JSON.stringify(r));
  } catch {
    // Private mode or a full store: the page falls back to the tracking API.
  }
}
export function loadReceipt(code) {
  try {
    return JSON.parse(sessionStorage.getItem(RECEIPT_KEY + String(code).toUpperCase().replace(/-/g, '')) || 'null');
  } catch {
    return null;
  }
}
