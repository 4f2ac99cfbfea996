// /app/tim-kiem?q=…[&kind=…] — the search across modules (GET /api/v1/search): one section per
// kind with its count and first items, "Xem thêm" opening that kind alone (20 items). Headings and
// links only, so Tab and the screen reader's heading keys move through it; the count is announced.
import { useEffect, useRef } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatNumber } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { queryOf, withQuery } from '../router.js';
import './Search.css';

export const KIND_LABELS = {
  plan: 'Kế hoạch',
  task: 'Nhiệm vụ',
  procedure: 'Thủ tục hành chính',
  feedback: 'Phản ánh, kiến nghị',
  unit: 'Đơn vị',
  user: 'Người dùng',
};

function Group({ g, q, alone }) {
  const more = !alone && g.total > g.items.length;
  const hid = `search-${g.kind}`;
  return (
    <section class="search-group" aria-labelledby={hid}>
      <h2 id={hid} class="search-group__title">
        {KIND_LABELS[g.kind] || g.kind} <span class="search-group__count">({formatNumber(g.total)})</span>
      </h2>
      {g.items.length ? (
        <ul class="search-list">
          {g.items.map((it) => (
            <li key={it.id} class="search-item">
              <Link href={it.link} class="search-item__title">
                {it.title}
              </Link>
              {it.subtitle ? <p class="search-item__sub muted small">{it.subtitle}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Không có kết quả.</p>
      )}
      {more ? (
        <p>
          <Link href={withQuery('/app/tim-kiem', { q, kind: g.kind })}>
            Xem thêm {formatNumber(g.total - g.items.length)} {(KIND_LABELS[g.kind] || '').toLowerCase()} khác
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function Search({ search }) {
  const { q = '', kind = '' } = queryOf(search || '');
  const text = q.trim();
  const ok = text.length >= 2;
  const data = useAsync(
    () => (ok ? api.get('/search', { q: text, kind: kind || undefined, limit: kind ? 20 : 5 }) : Promise.resolve(null)),
    [text, kind],
  );
  usePageTitle(ok ? `Tìm kiếm: ${text}` : 'Tìm kiếm');
  const status = useRef(null);
  const r = data.data;
  const total = r ? r.groups.reduce((s, g) => s + g.total, 0) : 0;
  useEffect(() => {
    if (r && status.current) status.current.focus();
  }, [r]);
  return (
    <>
      <PageHeader
        title={ok ? `Kết quả tìm kiếm “${text}”` : 'Tìm kiếm'}
        lead="Kế hoạch, nhiệm vụ, thủ tục, phản ánh và danh mục bạn được xem; gõ không dấu cũng tìm được (“dat dai”)."
      />
      {!ok ? <p>Nhập ít nhất 2 ký tự vào ô tìm kiếm ở đầu trang.</p> : null}
      <ProblemAlert error={data.error} onRetry={data.reload} />
      {ok && data.loading ? (
        <p class="loading" role="status">
          Đang tìm…
        </p>
      ) : null}
      {r ? (
        <>
          <p class="search-summary" role="status" tabIndex={-1} ref={status}>
            {total ? `Tìm thấy ${formatNumber(total)} kết quả.` : 'Không tìm thấy kết quả nào.'}
            {kind ? (
              <>
                {' '}
                <Link href={withQuery('/app/tim-kiem', { q: text })}>Xem mọi nhóm</Link>
              </>
            ) : null}
          </p>
          {r.groups.map((g) => (
            <Group key={g.kind} g={g} q={text} alone={!!kind} />
          ))}
        </>
      ) : null}
    </>
  );
}
