import { useEffect, useState } from 'preact/hooks';
import { PublicLayout } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { api } from '../api.js';
import { formatNumber, lastCompleteMonth } from '../format.js';
import { usePageTitle } from '../hooks.js';
import { navigate, withQuery } from '../router.js';

// The public services, each a link to its page; the scoreboard's card also shows the last
// complete month's headline figures (loaded after the page is painted).
export const PUBLIC_SERVICES = [
  {
    href: '/thu-tuc',
    title: 'Tra cứu thủ tục hành chính',
    text: 'Tìm thủ tục theo tên, lĩnh vực, cơ quan thực hiện; xem hồ sơ, thời hạn, phí và lệ phí.',
  },
  {
    href: '/phan-anh',
    title: 'Gửi phản ánh, kiến nghị',
    text: 'Phản ánh, kiến nghị về quy định hành chính và việc giải quyết thủ tục hành chính.',
  },
  {
    href: '/phan-anh/tra-cuu',
    title: 'Tra cứu phản ánh',
    text: 'Theo dõi phản ánh đã gửi bằng mã tra cứu và xem câu trả lời được công khai.',
  },
  {
    href: '/bang-xep-hang',
    title: 'Bảng xếp hạng',
    text: 'Kết quả giải quyết thủ tục hành chính, dịch vụ công trực tuyến và mức độ hài lòng của các cơ quan.',
  },
];

const pct = (v) => (v === null || v === undefined ? '—' : `${formatNumber(Number(v) * 100, 1)} %`);

/** The province's figures of the last complete month, from the public indicator API. */
function LiveFigures() {
  const [figures, setFigures] = useState(null);
  const m = lastCompleteMonth();
  useEffect(() => {
    let live = true;
    api.get('/public/kpi/summary', { from: m.from, to: m.to }, { auth: false }).then(
      (f) => live && setFigures(f),
      () => live && setFigures(false),
    );
    return () => {
      live = false;
    };
  }, [m.from]);
  if (figures === null) return <span class="service__figures muted">Đang tải số liệu {m.label}…</span>;
  if (!figures) return <span class="service__figures muted">Chưa tải được số liệu {m.label}.</span>;
  return (
    <span class="service__figures" data-live="1">
      <span class="service__figures-title">Số liệu {m.label}:</span>{' '}
      <span data-key="received">{formatNumber(figures.received ?? 0)} hồ sơ tiếp nhận</span> ·{' '}
      <span data-key="ontime_rate">{pct(figures.ontime_rate)} đúng hạn</span> ·{' '}
      <span data-key="online_rate">{pct(figures.online_rate)} trực tuyến</span>
    </span>
  );
}

function ServiceCard({ s }) {
  return (
    <li class="service">
      <Link href={s.href} class="service__link">
        <span class="service__title">{s.title}</span>
        <span class="service__text">{s.text}</span>
        {s.href === '/bang-xep-hang' ? <LiveFigures /> : null}
      </Link>
    </li>
  );
}

function searchProcedures(e) {
  e.preventDefault();
  const q = new FormData(e.currentTarget).get('q');
  navigate(withQuery('/thu-tuc', { q: String(q || '').trim() }));
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
        {/* The national portal's habit: the page leads with the procedure search. A plain GET form
            works before any script has loaded; the procedure list reads its q. */}
        <form class="hero-search" role="search" aria-label="Tìm thủ tục hành chính" action="/thu-tuc" method="get" onSubmit={searchProcedures}>
          <label for="home-q" class="hero-search__label">
            Tìm thủ tục hành chính
          </label>
          <div class="hero-search__row">
            <input id="home-q" name="q" type="search" class="input hero-search__input" placeholder="Ví dụ: đăng ký khai sinh, cấp phép xây dựng" autoComplete="off" />
            <button type="submit" class="btn btn--primary">
              Tìm kiếm
            </button>
          </div>
        </form>
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
