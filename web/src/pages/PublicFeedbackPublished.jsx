// /phan-anh/da-tra-loi — feedback answered and made public: the question and
// its answer, the unit and the dates; searchable, never the sender's data.
import { useMemo, useState } from 'preact/hooks';
import { PublicLayout, PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { TextField, SelectField } from '../components/Field.jsx';
import { Pager } from '../components/Pager.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatNumber } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { loadMeta } from './PublicFeedbackCommon.jsx';

const PER_PAGE = 10;

function Item({ it }) {
  const [open, setOpen] = useState(false);
  const long = (it.content || '').length > 400;
  return (
    <article class="fb-item" aria-labelledby={`fb-pub-${it.id}`}>
      <h2 id={`fb-pub-${it.id}`}>{it.title}</h2>
      <p class="fb-meta">
        {it.type_label} · Gửi ngày {formatDate(it.received_on)} · Trả lời ngày {formatDate(it.published_at)}
        {it.unit_name ? ` · ${it.unit_name}` : ''}
      </p>
      <p class="fb-pre">{long && !open ? `${it.content.slice(0, 400)}…` : it.content}</p>
      {long ? (
        <button type="button" class="btn btn--ghost btn--small" aria-expanded={open ? 'true' : 'false'} onClick={() => setOpen(!open)}>
          {open ? 'Thu gọn' : 'Xem toàn bộ nội dung'}
        </button>
      ) : null}
      <div class="fb-box fb-box--answer">
        <h3>Trả lời{it.unit_name ? ` của ${it.unit_name}` : ''}</h3>
        <p class="fb-pre">{it.answer}</p>
      </div>
    </article>
  );
}

export function PublicFeedbackPublished({ search }) {
  usePageTitle('Phản ánh, kiến nghị đã trả lời');
  const q = queryOf(search);
  const page = Math.max(1, Number(q.trang) || 1);
  const f = { q: q.q || '', type: q.loai || '', unit: q.don_vi || '' };
  const [text, setText] = useState(f.q);
  const meta = useAsync(() => loadMeta(), []);
  const query = { q: f.q, type: f.type, unit_id: f.unit, page, per_page: PER_PAGE };
  const list = useAsync(() => api.get('/public/feedback', query, { auth: false }), [JSON.stringify(query)]);
  const go = (next) => navigate(withQuery('/phan-anh/da-tra-loi', { q: f.q, loai: f.type, don_vi: f.unit, ...next }));
  const typeOptions = useMemo(() => (meta.data?.types || []).map((t) => ({ value: String(t.id), label: `${t.id}. ${t.label}` })), [meta.data]);
  const unitOptions = useMemo(() => (meta.data?.units || []).map((u) => ({ value: String(u.id), label: u.name })), [meta.data]);
  const items = list.data?.items || [];
  return (
    <PublicLayout>
      <PageHeader
        title="Phản ánh, kiến nghị đã trả lời"
        lead="Kết quả xử lý phản ánh, kiến nghị về quy định hành chính được công khai. Thông tin cá nhân của người gửi không được công khai."
      />
      <form
        class="filters"
        role="search"
        aria-label="Tìm câu trả lời"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: text.trim(), trang: '' });
        }}
      >
        <TextField id="fb-pub-q" label="Từ khóa" type="search" hint="Có dấu hoặc không dấu" value={text} onValue={setText} autoComplete="off" />
        <SelectField id="fb-pub-type" label="Loại" options={typeOptions} placeholder="Tất cả các loại" value={f.type} onValue={(v) => go({ loai: v, trang: '' })} />
        <SelectField id="fb-pub-unit" label="Cơ quan trả lời" options={unitOptions} placeholder="Tất cả cơ quan" value={f.unit} onValue={(v) => go({ don_vi: v, trang: '' })} />
        <div class="filters__actions">
          <button type="submit" class="btn btn--primary">
            Tìm
          </button>
        </div>
      </form>
      <ProblemAlert error={list.error} focus={false} />
      <p aria-live="polite" class="muted">
        {list.data ? `${formatNumber(list.data.total)} câu trả lời` : list.loading ? 'Đang tải…' : ''}
      </p>
      {items.map((it) => (
        <Item key={it.id} it={it} />
      ))}
      {list.data && list.data.total > PER_PAGE ? <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={(p) => go({ trang: p })} /> : null}
      <p>
        <Link href="/phan-anh">Gửi phản ánh, kiến nghị</Link> · <Link href="/phan-anh/tra-cuu">Tra cứu bằng mã</Link>
      </p>
    </PublicLayout>
  );
}
