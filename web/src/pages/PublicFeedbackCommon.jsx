// Shared by the feedback pages: public API calls (JSON or multipart), the
// form's metadata (kinds, units, time limits from the rule set), status labels.
import { useEffect, useState } from 'preact/hooks';
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

let contactCache = null;
/** GET /public/contact: the hotline, address and e-mail the administrators set (cached). */
export function loadContact() {
  if (!contactCache) {
    contactCache = api.get('/public/contact', undefined, { auth: false });
    contactCache.catch(() => {
      contactCache = null;
    });
  }
  return contactCache;
}

/** The public contact, on every public feedback page; nothing when none is set. */
export function PublicContact() {
  const [c, setC] = useState(null);
  useEffect(() => {
    loadContact().then(setC, () => setC(null));
  }, []);
  if (!c || !(c.hotline || c.address || c.email)) return null;
  return (
    <aside class="fb-box fb-contact" aria-labelledby="fb-contact-h" data-testid="public-contact">
      <h2 id="fb-contact-h" class="section-title">
        Liên hệ tiếp nhận phản ánh, kiến nghị
      </h2>
      <p class="fb-meta">Có thể gửi phản ánh qua điện thoại, thư hoặc trực tiếp; cán bộ tiếp nhận sẽ nhập vào hệ thống và cấp mã tra cứu.</p>
      <dl class="fb-dl">
        {c.hotline ? (
          <>
            <dt>Đường dây nóng</dt>
            <dd>
              <a href={`tel:${c.hotline.replace(/[^0-9+]/g, '')}`}>{c.hotline}</a>
            </dd>
          </>
        ) : null}
        {c.address ? (
          <>
            <dt>Địa chỉ</dt>
            <dd>{c.address}</dd>
          </>
        ) : null}
        {c.email ? (
          <>
            <dt>Thư điện tử</dt>
            <dd>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </dd>
          </>
        ) : null}
      </dl>
    </aside>
  );
}

/** The signed reply letters of a published answer, downloadable. */
export function ReplyLetters({ id, letters }) {
  if (!letters?.length) return null;
  return (
    <div class="fb-letters">
      <h3>Văn bản trả lời</h3>
      <ul class="fb-files">
        {letters.map((f) => (
          <li key={f.id}>
            <a href={`/api/v1/public/answers/${id}/letters/${f.id}`} download={f.name}>
              {f.name}
            </a>{' '}
            <span class="muted small">{formatBytes(f.size)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Đã mở lại ngày … Lý do: …" for an item reopened after publication. */
export function Reopened({ at, reason, pending }) {
  if (!at) return null;
  return (
    <p class="fb-box fb-box--warn" role="note" data-testid="reopened">
      {pending ? 'Phản ánh, kiến nghị này đã được mở lại để xử lý tiếp' : 'Phản ánh, kiến nghị này từng được mở lại để xử lý tiếp'} (ngày{' '}
      <span class="nowrap">{new Date(at.replace(' ', 'T')).toLocaleDateString('vi-VN')}</span>)
      {reason ? `. Lý do: ${reason}` : ''}
      {pending ? '. Câu trả lời sẽ được công khai lại khi có kết quả.' : ''}
    </p>
  );
}
