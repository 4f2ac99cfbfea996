import { useState } from 'preact/hooks';
import { Link } from './Link.jsx';
import { Nav } from './Nav.jsx';
import { logout } from '../auth.js';
import { roleLabel } from '../format.js';

function SkipLink() {
  return (
    <a class="skip-link" href="#main">
      Bỏ qua đến nội dung chính
    </a>
  );
}

function Footer() {
  return (
    <footer class="site-footer">
      <div class="container">
        <p>Hệ thống kiểm soát thủ tục hành chính (KSTT) — Văn phòng Ủy ban nhân dân tỉnh.</p>
      </div>
    </footer>
  );
}

/** Public face (Cổng thông tin): header, main, footer. */
export function PublicLayout({ children }) {
  return (
    <div class="page">
      <SkipLink />
      <header class="site-header">
        <div class="container site-header__inner">
          <Link href="/" class="brand">
            <span class="brand__mark" aria-hidden="true">
              KS
            </span>
            <span class="brand__text">
              <span class="brand__name">Kiểm soát thủ tục hành chính</span>
              <span class="brand__sub">Cổng thông tin</span>
            </span>
          </Link>
          <nav class="site-nav" aria-label="Điều hướng chính">
            <ul>
              <li>
                <Link href="/">Trang chủ</Link>
              </li>
              <li>
                <Link href="/thu-tuc">Thủ tục hành chính</Link>
              </li>
              <li>
                <Link href="/phan-anh">Phản ánh, kiến nghị</Link>
              </li>
              <li>
                <Link href="/bang-xep-hang">Bảng xếp hạng</Link>
              </li>
              <li>
                <Link href="/cong-khai-tre-han">Hồ sơ trễ hạn</Link>
              </li>
              <li>
                <Link href="/chi-so-cchc">Chỉ số CCHC</Link>
              </li>
              <li>
                <Link href="/khao-sat-hai-long">Khảo sát hài lòng</Link>
              </li>
              <li>
                <Link href="/app" class="site-nav__login">
                  Đăng nhập cán bộ
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" class="site-main" tabIndex={-1}>
        <div class="container">{children}</div>
      </main>
      <Footer />
    </div>
  );
}

/** Intranet face: header with the search box, the signed-in user (and the notification bell), role
 * menu, main. */
export function AppLayout({ user, path, bell, search, children }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const role = roleLabel(user.role, user.focal_officer);
  return (
    <div class="page app">
      <SkipLink />
      <header class="app-header">
        <div class="app-header__inner">
          <Link href="/app" class="brand brand--app">
            <span class="brand__mark" aria-hidden="true">
              KS
            </span>
            <span class="brand__text">
              <span class="brand__name">KSTT</span>
              <span class="brand__sub">Trang làm việc</span>
            </span>
          </Link>
          <button
            type="button"
            class="btn btn--ghost menu-toggle"
            aria-expanded={menuOpen ? 'true' : 'false'}
            aria-controls="app-sidebar"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {menuOpen ? 'Đóng menu' : 'Menu'}
          </button>
          {search}
          {bell}
          <div class="user-box">
            <p class="user-box__name">
              <span class="sr-only">Người dùng: </span>
              {user.full_name || user.username}
            </p>
            <p class="user-box__meta">
              <span class="user-box__role">{role}</span>
              {user.unit_name ? (
                <span class="user-box__unit">
                  <span aria-hidden="true"> · </span>
                  {user.unit_name}
                </span>
              ) : null}
            </p>
            <button type="button" class="btn btn--light btn--small" onClick={logout}>
              Đăng xuất
            </button>
          </div>
        </div>
      </header>
      <div class="app-body">
        <aside id="app-sidebar" class={`app-sidebar ${menuOpen ? 'is-open' : ''}`}>
          <Nav user={user} path={path} onNavigate={() => setMenuOpen(false)} />
        </aside>
        <main id="main" class="app-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

/** Page heading block used by every page. */
export function PageHeader({ title, lead, actions }) {
  return (
    <div class="page-header">
      <div>
        <h1 class="page-title">{title}</h1>
        {lead ? <p class="page-lead">{lead}</p> : null}
      </div>
      {actions ? <div class="page-header__actions">{actions}</div> : null}
    </div>
  );
}
