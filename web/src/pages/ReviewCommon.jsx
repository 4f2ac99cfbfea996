// Shared by the review pages (issue 17): Vietnamese labels of states and proposals, and who may do what.
import { Badge } from '../components/Badge.jsx';
import { hasPermission } from '../auth.js';

export const COMPONENT_KEYS = ['name', 'steps', 'way', 'dossier', 'time_limit', 'subjects', 'agency', 'fee', 'form', 'requirements', 'result'];

export const FORM_STATUSES = {
  draft: { label: 'Đang soạn', tone: 'warning' },
  submitted: { label: 'Đã gửi', tone: 'info' },
  accepted: { label: 'Đã tiếp nhận', tone: 'success' },
  returned: { label: 'Bị trả lại', tone: 'danger' },
};
export const PROPOSAL_STATUSES = {
  proposed: { label: 'Chờ quyết định', tone: 'warning' },
  decided: { label: 'Đã phê duyệt', tone: 'info' },
  implemented: { label: 'Đã thực thi', tone: 'success' },
};
export const PROPOSALS = [
  { value: 'keep', label: 'Giữ nguyên' },
  { value: 'amend', label: 'Sửa đổi, bổ sung' },
  { value: 'replace', label: 'Thay thế' },
  { value: 'abolish', label: 'Bãi bỏ' },
  { value: 'simplify', label: 'Đơn giản hóa' },
];
export const OUTCOMES = [
  { value: 'amended', label: 'Đã sửa đổi, bổ sung' },
  { value: 'simplified', label: 'Đã đơn giản hóa' },
  { value: 'replaced', label: 'Đã thay thế' },
  { value: 'abolished', label: 'Đã bãi bỏ' },
];
export const proposalLabel = (v) => PROPOSALS.find((p) => p.value === v)?.label || '—';

export function FormStatus({ status }) {
  const s = FORM_STATUSES[status] || { label: status || '—', tone: 'neutral' };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
export function ProposalStatus({ status }) {
  const s = PROPOSAL_STATUSES[status] || { label: status || '—', tone: 'neutral' };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

export const canCoordinateReview = (u) => hasPermission(u, 'review.coordinate');
export const canWriteReview = (u) => hasPermission(u, 'review.write');
export const canReadReview = (u) => hasPermission(u, 'review.read');

/** The tabs of the review pages. */
export function ReviewTabs({ current }) {
  const tabs = [
    { href: '/app/ra-soat', label: 'Phiếu rà soát' },
    { href: '/app/ra-soat/phuong-an', label: 'Phương án đơn giản hóa' },
    { href: '/app/ra-soat/quyet-dinh', label: 'Quyết định' },
  ];
  return (
    <nav class="review-tabs" aria-label="Rà soát, đánh giá TTHC">
      {tabs.map((t) => (
        <a key={t.href} href={t.href} class="review-tabs__link" aria-current={t.href === current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
