// /phan-anh/da-tra-loi — feedback answered and made public: the question and
// its answer, the unit and the dates; searchable (folded: with or without
// diacritics), filterable by kind, field and unit; each answer has its own page
// /phan-anh/da-tra-loi/:id. Never the sender's data.
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
import { PublicContact, Reopened, ReplyLetters, loadMeta } from './PublicFeedbackCommon.jsx';
import { proofOfWork } from './PublicFeedbackPow.js';

const PER_PAGE = 10;

function Meta({ it }) {
  return (
    <p class="fb-meta">
      {it.type_label}
      {it.field ? ` · Lĩnh vực ${it.field}` : ''} · Gửi ngày <span class="nowrap">{formatDate(it.received_on)}</span> · Trả lời ngày{' '}
      <span class="nowrap">{formatDate(it.published_at)}</span>
      {it.unit_name ? ` · ${it.unit_name}` : ''}
    </p>
  );
}

/** "Đã đính chính ngày …" with the reason, under an answer that was corrected after publication. */
function Correction({ it }) {
  if (!it.corrected_at) return null;
  return (
    <p class="fb-correction" data-testid="correction">
      <strong>
        Đã đính chính ngày <span class="nowrap">{formatDate(it.corrected_at)}</span>
      </strong>
      {it.correction_reason ? `. Lý do: ${it.correction_reason}` : ''}
    </p>
  );
}

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * "Theo dõi câu trả lời này": the address, a one-time code mailed to it (the same proof as the
 * form's), then the code; a mail comes when the answer is corrected. Only where mail is configured.
 */
function Follow({ id }) {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState(''); // '', 'sending', 'sent', 'following', 'done'
  const [errors, setErrors] = useState({});
  const sendCode = async (e) => {
    e.preventDefault();
    const addr = email.trim();
    if (!EMAIL_RE.test(addr)) return setErrors({ email: 'Nhập đúng địa chỉ thư điện tử, ví dụ ten@example.vn.' });
    setErrors({});
    setPhase('sending');
    try {
      const altcha = await proofOfWork({ onProgress: () => {} });
      await api.post('/public/email-code', { email: addr, altcha }, { auth: false, redirect: false });
      setPhase('sent');
    } catch (err) {
      setPhase('');
      setErrors({ email: err?.fieldErrors?.email || err?.detail || 'Chưa gửi được mã xác nhận. Vui lòng thử lại.' });
    }
  };
  const follow = async (e) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setErrors({ code: 'Nhập mã gồm 6 chữ số trong thư vừa nhận.' });
    setErrors({});
    setPhase('following');
    try {
      await api.post(`/public/answers/${id}/follow`, { email: email.trim(), email_code: code.trim() }, { auth: false, redirect: false });
      setPhase('done');
    } catch (err) {
      setPhase('sent');
      setErrors({ code: err?.fieldErrors?.email_code || err?.fieldErrors?.email || err?.detail || 'Chưa theo dõi được. Vui lòng thử lại.' });
    }
  };
  return (
    <section class="fb-box" aria-labelledby="fb-follow-title">
      <h2 id="fb-follow-title">Theo dõi câu trả lời này</h2>
      {phase === 'done' ? (
        <p role="status" data-testid="follow-done">
          Ông/bà đang theo dõi câu trả lời này. Khi câu trả lời được đính chính, thư sẽ được gửi tới <strong>{email.trim()}</strong>, kèm liên kết hủy theo
          dõi.
        </p>
      ) : phase === 'sent' || phase === 'following' ? (
        <form onSubmit={follow} noValidate>
          <p role="status">
            Mã xác nhận đã được gửi tới <strong>{email.trim()}</strong> (hiệu lực 15 phút).
          </p>
          <TextField
            id="fb-follow-code"
            label="Mã xác nhận"
            hint="6 chữ số trong thư vừa nhận"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onValue={setCode}
            error={errors.code}
            required
          />
          <button type="submit" class="btn btn--primary" disabled={phase === 'following'}>
            Theo dõi
          </button>
        </form>
      ) : (
        <form onSubmit={sendCode} noValidate>
          <p>Nhận thư điện tử khi câu trả lời này được đính chính.</p>
          <TextField id="fb-follow-email" label="Địa chỉ thư điện tử" type="email" autoComplete="email" value={email} onValue={setEmail} error={errors.email} required />
          <button type="submit" class="btn btn--secondary" disabled={phase === 'sending'}>
            {phase === 'sending' ? 'Đang gửi mã…' : 'Gửi mã xác nhận'}
          </button>
        </form>
      )}
    </section>
  );
}

function Item({ it }) {
  const [open, setOpen] = useState(false);
  const long = (it.content || '').length > 400;
  return (
    <article class="fb-item" aria-labelledby={`fb-pub-${it.id}`}>
      <h2 id={`fb-pub-${it.id}`}>
        <Link href={`/phan-anh/da-tra-loi/${it.id}`}>{it.title}</Link>
      </h2>
      <Meta it={it} />
      <p class="fb-pre">{long && !open ? `${it.content.slice(0, 400)}…` : it.content}</p>
      {long ? (
        <button type="button" class="btn btn--ghost btn--small" aria-expanded={open ? 'true' : 'false'} onClick={() => setOpen(!open)}>
          {open ? 'Thu gọn' : 'Xem toàn bộ nội dung'}
        </button>
      ) : null}
      <div class="fb-box fb-box--answer">
        <h3>Trả lời{it.unit_name ? ` của ${it.unit_name}` : ''}</h3>
        <p class="fb-pre">{it.answer}</p>
        <Correction it={it} />
      </div>
    </article>
  );
}

export function PublicFeedbackPublished({ search }) {
  usePageTitle('Phản ánh, kiến nghị đã trả lời');
  const q = queryOf(search);
  const page = Math.max(1, Number(q.trang) || 1);
  const f = { q: q.q || '', type: q.loai || '', unit: q.don_vi || '', field: q.linh_vuc || '' };
  const [text, setText] = useState(f.q);
  const meta = useAsync(() => loadMeta(), []);
  const query = { q: f.q, type: f.type, unit_id: f.unit, field: f.field, page, per_page: PER_PAGE };
  const list = useAsync(() => api.get('/public/feedback', query, { auth: false }), [JSON.stringify(query)]);
  const go = (next) => navigate(withQuery('/phan-anh/da-tra-loi', { q: f.q, loai: f.type, don_vi: f.unit, linh_vuc: f.field, ...next }));
  const typeOptions = useMemo(() => (meta.data?.types || []).map((t) => ({ value: String(t.id), label: `${t.id}. ${t.label}` })), [meta.data]);
  const unitOptions = useMemo(() => (meta.data?.units || []).map((u) => ({ value: String(u.id), label: u.name })), [meta.data]);
  const items = list.data?.items || [];
  const fieldOptions = (list.data?.fields || []).map((x) => ({ value: x, label: x }));
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
        <SelectField
          id="fb-pub-field"
          label="Lĩnh vực"
          options={f.field && !fieldOptions.some((o) => o.value === f.field) ? [...fieldOptions, { value: f.field, label: f.field }] : fieldOptions}
          placeholder="Tất cả lĩnh vực"
          value={f.field}
          onValue={(v) => go({ linh_vuc: v, trang: '' })}
        />
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
      {list.data && !items.length ? <p class="empty">Không có câu trả lời nào khớp với điều kiện tìm kiếm.</p> : null}
      {list.error ? (
        <p>
          <button type="button" class="btn btn--secondary" onClick={list.reload}>
            Thử lại
          </button>
        </p>
      ) : null}
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

/** /phan-anh/da-tra-loi/:id — one published answer on its own page, with its own link. */
export function PublicFeedbackAnswer({ params }) {
  const id = /^[1-9]\d{0,17}$/.test(params.id || '') ? params.id : '';
  const one = useAsync(() => (id ? api.get(`/public/answers/${id}`, undefined, { auth: false }) : Promise.reject(Object.assign(new Error('x'), { status: 404 }))), [id]);
  const it = one.data;
  const meta = useAsync(() => loadMeta(), []);
  usePageTitle(it ? it.title : 'Câu trả lời phản ánh, kiến nghị');
  return (
    <PublicLayout>
      <p>
        <Link href="/phan-anh/da-tra-loi">← Các phản ánh, kiến nghị đã trả lời</Link>
      </p>
      {one.loading && !it ? (
        <p class="loading" role="status">
          Đang tải…
        </p>
      ) : null}
      {one.error ? (
        one.error.status === 404 ? (
          <PageHeader title="Không tìm thấy câu trả lời" lead="Câu trả lời này không tồn tại hoặc chưa được công khai." />
        ) : (
          <>
            <ProblemAlert error={one.error} focus={false} />
            <button type="button" class="btn btn--secondary" onClick={one.reload}>
              Thử lại
            </button>
          </>
        )
      ) : null}
      {it ? (
        <article aria-labelledby="fb-answer-title">
          <h1 id="fb-answer-title" class="page-title">
            {it.title}
          </h1>
          <Meta it={it} />
          <section aria-labelledby="fb-answer-q">
            <h2 id="fb-answer-q" class="section-title">
              Nội dung phản ánh, kiến nghị
            </h2>
            <p class="fb-pre">{it.content}</p>
          </section>
          <Reopened at={it.reopened_at} reason={it.reopen_reason} pending={!it.published} />
          {it.published ? (
            <section class="fb-box fb-box--answer" aria-labelledby="fb-answer-a">
              <h2 id="fb-answer-a">Trả lời{it.unit_name ? ` của ${it.unit_name}` : ''}</h2>
              <p class="fb-pre" data-testid="answer-text">
                {it.answer}
              </p>
              <Correction it={it} />
              <ReplyLetters id={it.id} letters={it.letters} />
            </section>
          ) : null}
          {meta.data?.email_confirmation && it.published ? <Follow id={it.id} /> : null}
        </article>
      ) : null}
      <PublicContact />
    </PublicLayout>
  );
}
