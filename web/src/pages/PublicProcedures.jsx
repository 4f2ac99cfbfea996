// /thu-tuc — the citizens' procedure search: one box with instant results (folded: "chung thuc
// ban sao" finds "chứng thực bản sao"), filters by field, level and online level with their
// counts, and pages. The state lives in the address, so a search can be shared or bookmarked.
import { useEffect, useRef, useState } from 'preact/hooks';
import { PublicLayout, PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { SelectField } from '../components/Field.jsx';
import { Pager } from '../components/Pager.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatNumber } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { LEVEL_OPTIONS, ONLINE_OPTIONS, OnlineBadge, StatusBadge, levelsText } from './ProcedureCommon.jsx';

const PER_PAGE = 20;
const DEBOUNCE_MS = 250;

function Result({ p }) {
  return (
    <li class="proc-result">
      <h2 class="proc-result__title">
        <Link href={`/thu-tuc/${p.code}`}>{p.name}</Link>
      </h2>
      <p class="proc-result__meta">
        Mã <span class="proc-code">{p.code}</span> · {p.field_name} · {levelsText(p.levels)}
        {p.agency ? ` · ${p.agency}` : ''}
      </p>
      <div class="proc-badges">
        <OnlineBadge level={p.online_level} />
        {p.status === 'amended' ? <StatusBadge status={p.status} /> : null}
      </div>
    </li>
  );
}

export function PublicProcedures({ search }) {
  usePageTitle('Tra cứu thủ tục hành chính');
  const query = queryOf(search);
  const filters = { q: query.q || '', field: query.linh_vuc || '', level: query.cap || '', online: query.truc_tuyen || '' };
  const page = Math.max(1, Number(query.trang) || 1);
  const [text, setText] = useState(filters.q);
  const timer = useRef(null);

  // Follow the address when it changes from outside (back button, a link).
  useEffect(() => {
    if (timer.current === null && text !== filters.q) setText(filters.q);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const go = (next, replace = false) =>
    navigate(withQuery('/thu-tuc', { q: filters.q, linh_vuc: filters.field, cap: filters.level, truc_tuyen: filters.online, ...next }), { replace });

  const onType = (value) => {
    setText(value);
    clearTimeout(timer.current);
    // Instant results without a request per keystroke; replace, so Back leaves the page.
    timer.current = setTimeout(() => {
      timer.current = null;
      go({ q: value.trim(), trang: '' }, true);
    }, DEBOUNCE_MS);
  };

  const list = useAsync(
    () =>
      api.get(
        '/public/procedures',
        { q: filters.q, field: filters.field, level: filters.level, online: filters.online, page, per_page: PER_PAGE },
        { auth: false },
      ),
    [filters.q, filters.field, filters.level, filters.online, page],
  );
  const stats = useAsync(() => api.get('/public/procedures/stats', { q: filters.q }, { auth: false }), [filters.q]);
  const st = stats.data;
  const fieldOptions = (st?.fields || []).map((f) => ({ value: String(f.id), label: `${f.name} (${formatNumber(f.count)})` }));
  const levelOptions = LEVEL_OPTIONS.map((o) => ({ ...o, label: st ? `${o.label} (${formatNumber(st.levels[o.value])})` : o.label }));
  const onlineOptions = ONLINE_OPTIONS.map((o) => ({ ...o, label: st ? `${o.label} (${formatNumber(st.online[o.value])})` : o.label }));
  const total = list.data?.total;
  const anyFilter = filters.q || filters.field || filters.level || filters.online;

  return (
    <PublicLayout>
      <PageHeader
        title="Tra cứu thủ tục hành chính"
        lead="Tìm thủ tục theo tên, mã hoặc nội dung; gõ có dấu hoặc không dấu đều được. Xem trình tự, hồ sơ, thời hạn, phí, lệ phí và nộp hồ sơ trực tuyến."
      />
      <form class="proc-search" role="search" aria-label="Tìm thủ tục hành chính" onSubmit={(e) => e.preventDefault()}>
        <div class="field proc-search__main">
          <label for="proc-q" class="field__label">
            Tên, mã hoặc nội dung thủ tục
          </label>
          <p id="proc-q-hint" class="field__hint">
            Ví dụ: chứng thực bản sao, khai sinh, giấy phép xây dựng, 1.001193
          </p>
          <input
            id="proc-q"
            type="search"
            class="input"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={text}
            aria-describedby="proc-q-hint"
            aria-controls="proc-results"
            onInput={(e) => onType(e.currentTarget.value)}
          />
        </div>
        <div class="proc-search__filters">
          <SelectField id="proc-field" label="Lĩnh vực" options={fieldOptions} placeholder="Tất cả lĩnh vực" value={filters.field} onValue={(v) => go({ linh_vuc: v, trang: '' })} />
          <SelectField id="proc-level" label="Cấp thực hiện" options={levelOptions} placeholder="Tất cả các cấp" value={filters.level} onValue={(v) => go({ cap: v, trang: '' })} />
          <SelectField
            id="proc-online"
            label="Dịch vụ công trực tuyến"
            options={onlineOptions}
            placeholder="Tất cả"
            value={filters.online}
            onValue={(v) => go({ truc_tuyen: v, trang: '' })}
          />
          <div class="filters__actions">
            <button
              type="button"
              class="btn btn--secondary"
              disabled={!anyFilter}
              onClick={() => {
                clearTimeout(timer.current);
                timer.current = null;
                setText('');
                navigate('/thu-tuc');
              }}
            >
              Xóa tìm kiếm
            </button>
          </div>
        </div>
      </form>
      {st ? (
        <ul class="proc-summary" aria-label="Số thủ tục">
          <li>
            <strong>{formatNumber(st.total)}</strong> thủ tục {filters.q ? 'phù hợp từ khóa' : 'đang có hiệu lực'}
          </li>
          <li>
            <strong>{formatNumber(st.online.full)}</strong> trực tuyến toàn trình
          </li>
          <li>
            <strong>{formatNumber(st.online.partial)}</strong> trực tuyến một phần
          </li>
        </ul>
      ) : null}
      <ProblemAlert error={list.error || stats.error} focus={false} onRetry={() => { list.reload(); stats.reload(); }} />
      <p class="sr-only" role="status" aria-live="polite">
        {list.loading ? 'Đang tìm…' : total !== undefined ? `Tìm thấy ${formatNumber(total)} thủ tục.` : ''}
      </p>
      <ul id="proc-results" class="proc-results" aria-label="Kết quả tra cứu" aria-busy={list.loading ? 'true' : 'false'}>
        {(list.data?.items || []).map((p) => (
          <Result key={p.code} p={p} />
        ))}
      </ul>
      {list.data && total === 0 ? (
        <p class="alert alert--info">
          Không tìm thấy thủ tục phù hợp. Hãy thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc.
        </p>
      ) : null}
      {list.data && total > 0 ? <Pager page={page} perPage={PER_PAGE} total={total} onPage={(p) => go({ trang: p > 1 ? p : '' })} /> : null}
    </PublicLayout>
  );
}
