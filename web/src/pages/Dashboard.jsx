import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { navGroups } from '../components/Nav.jsx';
import { levelLabel, roleLabel } from '../format.js';
import { usePageTitle } from '../hooks.js';

export function Dashboard({ user }) {
  usePageTitle('Trang làm việc');
  const links = navGroups(user)
    .flatMap((g) => g.items)
    .filter((it) => it.href !== '/app');
  return (
    <>
      <PageHeader title="Trang làm việc" lead={`Xin chào, ${user.full_name || user.username}.`} />
      <section class="card" aria-labelledby="me-title">
        <h2 id="me-title" class="card__title">
          Đơn vị và vai trò
        </h2>
        <dl class="facts">
          <dt>Đơn vị</dt>
          <dd>
            {user.unit_name || '—'}
            {user.unit_level ? <span class="muted"> ({levelLabel(user.unit_level)})</span> : null}
          </dd>
          <dt>Vai trò</dt>
          <dd>
            {roleLabel(user.role, user.focal_officer)}{' '}
            {user.coordinator ? <Badge tone="info">Đơn vị điều phối KSTT của tỉnh</Badge> : null}
          </dd>
          {user.focal_officer ? (
            <>
              <dt>Cán bộ đầu mối</dt>
              <dd>Có</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section class="card" aria-labelledby="links-title">
        <h2 id="links-title" class="card__title">
          Truy cập nhanh
        </h2>
        <ul class="quick-links">
          {links.map((it) => (
            <li key={it.href}>
              <Link href={it.href} class="quick-link">
                {it.label}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
