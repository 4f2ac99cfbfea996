import { Link } from './Link.jsx';
import { canManageHolidays, canManageUnits, canManageUsers, canReadAudit, hasPermission } from '../auth.js';

/** The intranet menu; groups and items follow what the user's role allows. */
export function navGroups(user) {
  const groups = [
    {
      label: 'Công việc',
      items: [
        { href: '/app', label: 'Trang làm việc', exact: true },
        // its sub-pages are current under it, but for the late-dossier list, which has its own item
        { href: '/app/chi-so', label: 'Chỉ số giải quyết TTHC', not: '/app/chi-so/tre-han' },
        ...(hasPermission(user, 'kpi.read') ? [{ href: '/app/chi-so/tre-han', label: 'Hồ sơ trễ hạn' }] : []),
        { href: '/app/viec-cua-toi', label: 'Việc của tôi' },
        { href: '/app/ke-hoach', label: 'Kế hoạch' },
        { href: '/app/bao-cao', label: 'Báo cáo' },
        ...(hasPermission(user, 'review.read') ? [{ href: '/app/ra-soat', label: 'Rà soát, đánh giá TTHC' }] : []),
        ...(hasPermission(user, 'reform.read')
          ? [
              { href: '/app/tthc-noi-bo', label: 'TTHC nội bộ' },
              { href: '/app/danh-gia-tac-dong', label: 'Đánh giá tác động TTHC' },
              { href: '/app/sang-kien', label: 'Sáng kiến cải cách' },
            ]
          : []),
        { href: '/app/thu-tuc', label: 'Danh mục thủ tục' },
        ...(hasPermission(user, 'inspections.read') ? [{ href: '/app/kiem-tra', label: 'Kiểm tra' }] : []),
        ...(hasPermission(user, 'communications.read') ? [{ href: '/app/truyen-thong', label: 'Truyền thông, đối thoại' }] : []),
        ...(hasPermission(user, 'cost.read') ? [{ href: '/app/chi-phi-tuan-thu', label: 'Cắt giảm chi phí' }] : []),
        ...(hasPermission(user, 'index.read')
          ? [
              { href: '/app/chi-so-cchc', label: 'Chỉ số CCHC' },
              { href: '/app/khao-sat-hai-long', label: 'Khảo sát sự hài lòng' },
            ]
          : []),
        ...(hasPermission(user, 'feedback.read') ? [{ href: '/app/phan-anh', label: 'Phản ánh, kiến nghị' }] : []),
        ...(hasPermission(user, 'registries.read') ? [{ href: '/app/so-theo-doi', label: 'Sổ theo dõi' }] : []),
        { href: '/app/tai-khoan', label: 'Tài khoản của tôi' },
      ],
    },
  ];
  const admin = [];
  if (canManageUnits(user)) admin.push({ href: '/app/quan-tri/don-vi', label: 'Đơn vị' });
  if (hasPermission(user, 'units.reorganize')) admin.push({ href: '/app/to-chuc-lai', label: 'Tổ chức lại đơn vị' });
  if (canManageUsers(user)) admin.push({ href: '/app/quan-tri/nguoi-dung', label: 'Người dùng' });
  if (canManageHolidays(user)) admin.push({ href: '/app/quan-tri/ngay-nghi', label: 'Ngày nghỉ, ngày làm bù' });
  if (hasPermission(user, 'rules.read')) admin.push({ href: '/app/quy-tac', label: 'Quy tắc nghiệp vụ' });
  if (hasPermission(user, 'settings.write')) admin.push({ href: '/app/quan-tri/lien-he', label: 'Liên hệ công khai' });
  if (canReadAudit(user)) admin.push({ href: '/app/quan-tri/nhat-ky', label: 'Nhật ký' });
  if (admin.length) groups.push({ label: 'Quản trị', items: admin });
  return groups;
}

function isCurrent(item, path) {
  if (item.not && path.startsWith(item.not)) return false;
  return item.exact ? path === item.href : path === item.href || path.startsWith(`${item.href}/`);
}

export function Nav({ user, path, onNavigate }) {
  return (
    <nav class="app-nav" aria-label="Menu chức năng">
      {navGroups(user).map((g) => (
        <div class="app-nav__group" key={g.label}>
          <h2 class="app-nav__heading">{g.label}</h2>
          <ul class="app-nav__list">
            {g.items.map((it) => (
              <li key={it.href}>
                <Link
                  href={it.href}
                  class="app-nav__link"
                  aria-current={isCurrent(it, path) ? 'page' : undefined}
                  onClick={onNavigate}
                >
                  {it.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
