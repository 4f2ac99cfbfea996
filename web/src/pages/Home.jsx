import { PublicLayout } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { usePageTitle } from '../hooks.js';

// Public services. A service links only once its page exists; until then it is
// listed as "Sắp ra mắt" (flip `available` when the page lands).
export const PUBLIC_SERVICES = [
  {
    href: '/thu-tuc',
    title: 'Tra cứu thủ tục hành chính',
    text: 'Tìm thủ tục theo tên, lĩnh vực, cơ quan thực hiện; xem hồ sơ, thời hạn, phí và lệ phí.',
    available: true,
  },
  {
    href: '/phan-anh',
    title: 'Gửi phản ánh, kiến nghị',
    text: 'Phản ánh, kiến nghị về quy định hành chính và việc giải quyết thủ tục hành chính.',
    available: true,
  },
  {
    href: '/phan-anh/tra-cuu',
    title: 'Tra cứu phản ánh',
    text: 'Theo dõi phản ánh đã gửi bằng mã tra cứu và xem câu trả lời được công khai.',
    available: true,
  },
  {
    href: '/bang-xep-hang',
    title: 'Bảng xếp hạng',
    text: 'Kết quả giải quyết thủ tục hành chính, dịch vụ công trực tuyến và mức độ hài lòng của các cơ quan.',
    available: true,
  },
];

function ServiceCard({ s }) {
  if (s.available) {
    return (
      <li class="service">
        <Link href={s.href} class="service__link">
          <span class="service__title">{s.title}</span>
          <span class="service__text">{s.text}</span>
        </Link>
      </li>
    );
  }
  return (
    <li class="service service--soon" aria-disabled="true">
      <span class="service__title">
        {s.title} <Badge tone="neutral">Sắp ra mắt</Badge>
      </span>
      <span class="service__text">{s.text}</span>
    </li>
  );
}

export function Home() {
  usePageTitle('Cổng thông tin');
  return (
    <PublicLayout>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title" class="hero__title">
          Cổng thông tin kiểm soát thủ tục hành chính
        </h1>
        <p class="hero__lead">
          Nơi người dân và doanh nghiệp tra cứu thủ tục hành chính, gửi phản ánh, kiến nghị về quy định hành chính và
          theo dõi kết quả giải quyết của các cơ quan trong tỉnh.
        </p>
      </section>
      <section aria-labelledby="services-title">
        <h2 id="services-title" class="section-title">
          Dịch vụ dành cho người dân, doanh nghiệp
        </h2>
        <ul class="services">
          {PUBLIC_SERVICES.map((s) => (
            <ServiceCard key={s.href} s={s} />
          ))}
        </ul>
      </section>
      <section class="panel panel--muted" aria-labelledby="staff-title">
        <h2 id="staff-title" class="section-title">
          Dành cho cán bộ, công chức
        </h2>
        <p>
          Cán bộ các sở, ban, ngành, UBND cấp huyện và cấp xã đăng nhập để lập kế hoạch, theo dõi nhiệm vụ, xử lý phản
          ánh và gửi báo cáo.
        </p>
        <p>
          <Link href="/app" class="btn btn--primary">
            Đăng nhập hệ thống
          </Link>
        </p>
      </section>
    </PublicLayout>
  );
}
