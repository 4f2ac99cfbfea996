// Shared by the inspection and communication pages (issue 18): Vietnamese labels, badges and who
// may do what (the menu and the buttons only; the server decides every right).
import { Badge } from '../components/Badge.jsx';
import { hasPermission } from '../auth.js';
import { subtreeIds } from '../units.js';

export const SUBJECTS = [
  { value: 'kstt', label: 'Kiểm soát TTHC' },
  { value: 'one_stop', label: 'Cơ chế một cửa' },
  { value: 'public_posting', label: 'Công khai TTHC' },
  { value: 'feedback_handling', label: 'Xử lý phản ánh, kiến nghị' },
  { value: 'dossier_handling', label: 'Giải quyết hồ sơ' },
];
export const subjectLabel = (v) => SUBJECTS.find((s) => s.value === v)?.label || v || '—';

export const INSP_STATUSES = {
  planned: { label: 'Kế hoạch', tone: 'info' },
  done: { label: 'Đã kiểm tra', tone: 'warning' },
  closed: { label: 'Đã kết thúc', tone: 'success' },
};
export const RESULTS = [
  { value: 'compliant', label: 'Đạt' },
  { value: 'not_compliant', label: 'Không đạt' },
  { value: 'not_applicable', label: 'Không áp dụng' },
];
export const TEAM_ROLES = { head: 'Trưởng đoàn', member: 'Thành viên', secretary: 'Thư ký' };
export const FOLLOWUP_STATUSES = {
  not_started: { label: 'Chưa thực hiện', tone: 'warning' },
  in_progress: { label: 'Đang thực hiện', tone: 'info' },
  done: { label: 'Đã hoàn thành', tone: 'success' },
};
export const COMM_KINDS = [
  { value: 'news', label: 'Tin, bài' },
  { value: 'broadcast', label: 'Phát thanh, truyền hình' },
  { value: 'leaflet', label: 'Tờ rơi, pa-nô' },
  { value: 'conference', label: 'Hội nghị, tập huấn' },
  { value: 'dialogue', label: 'Đối thoại' },
];
export const commKindLabel = (v) => COMM_KINDS.find((k) => k.value === v)?.label || v || '—';

export function InspStatus({ status }) {
  const s = INSP_STATUSES[status] || { label: status || '—', tone: 'neutral' };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
export function FollowupStatus({ status, overdue }) {
  const s = FOLLOWUP_STATUSES[status] || { label: status || '—', tone: 'neutral' };
  return <Badge tone={overdue ? 'danger' : s.tone}>{overdue ? `${s.label} (quá hạn)` : s.label}</Badge>;
}

export const canReadInspections = (u) => hasPermission(u, 'inspections.read');
export const canWriteInspections = (u) => hasPermission(u, 'inspections.write');
export const canEditTemplates = (u) => hasPermission(u, 'inspections.templates');
export const canReadCommunications = (u) => hasPermission(u, 'communications.read');
export const canWriteCommunications = (u) => hasPermission(u, 'communications.write');

/** Whether the user's unit (or the whole province) holds unitId: the side that writes a record. */
export function inMySubtree(user, roots, unitId) {
  if (user.coordinator || user.unit_level === 'province') return true;
  if (!roots) return false;
  return subtreeIds(findNode(roots, user.unit_id)).has(unitId);
}

function findNode(roots, id) {
  for (const n of roots || []) {
    if (n.id === id) return n;
    const c = findNode(n.children, id);
    if (c) return c;
  }
  return null;
}

/** The tabs of the inspection pages. */
export function InspectionTabs({ current, user }) {
  const tabs = [
    { href: '/app/kiem-tra', label: 'Cuộc kiểm tra' },
    ...(canEditTemplates(user) ? [{ href: '/app/kiem-tra/danh-muc', label: 'Danh mục nội dung kiểm tra' }] : []),
    ...(canReadCommunications(user) ? [{ href: '/app/truyen-thong', label: 'Truyền thông, đối thoại' }] : []),
  ];
  return (
    <nav class="insp-tabs" aria-label="Kiểm tra, truyền thông">
      {tabs.map((t) => (
        <a key={t.href} href={t.href} class="insp-tabs__link" aria-current={t.href === current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
