// /phan-anh/tra-cuu — a sender follows their feedback by its code: status,
// steps and dates, the request for more information (answered once), the
// rejection and where to go instead, the published answer and its rating.
import { useEffect, useState } from 'preact/hooks';
import { PublicLayout, PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { TextField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { PublicContact, Reopened, ReplyLetters, StatusBadge } from './PublicFeedbackCommon.jsx';

const CODE_RE = /^[2-9A-HJ-NP-Z]{12}$/;

function normalize(text) {
  return String(text || '')
    .toUpperCase()
    .replace(/[\s-]/g, '');
}

function InfoReply({ code, onDone }) {
  const [reply, setReply] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const send = async (e) => {
    e.preventDefault();
    if (!reply.trim()) {
      setError({ title: 'Vui lòng nhập nội dung bổ sung.', fieldErrors: {} });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post(`/public/feedback/${code}/info`, { reply: reply.trim() }, { auth: false }), 'Đã gửi thông tin bổ sung.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={send} noValidate>
      <ProblemAlert error={error} />
      <div class="field">
        <label for="fb-reply" class="field__label">
          Thông tin bổ sung (gửi được một lần)
        </label>
        <textarea id="fb-reply" class="input fb-textarea fb-textarea--short" value={reply} maxLength={10000} onInput={(e) => setReply(e.currentTarget.value)} />
      </div>
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {busy ? 'Đang gửi…' : 'Gửi thông tin bổ sung'}
      </button>
    </form>
  );
}

function Rating({ code, onDone }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const rate = async (rating) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post(`/public/feedback/${code}/rating`, { rating }, { auth: false }), 'Cảm ơn bạn đã đánh giá.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <p>Bạn có hài lòng với câu trả lời này không? (đánh giá được một lần)</p>
      <ProblemAlert error={error} />
      <div class="fb-rating">
        <button type="button" class="btn btn--primary" disabled={busy} onClick={() => rate('satisfied')}>
          Hài lòng
        </button>
        <button type="button" class="btn btn--secondary" disabled={busy} onClick={() => rate('unsatisfied')}>
          Không hài lòng
        </button>
      </div>
    </div>
  );
}

/** Each forwarding restarts the answer clock: the last one explains the date shown. */
function forwards(item) {
  return (item.history || []).filter((h) => h.answer_due !== undefined);
}

function Result({ item, onChange }) {
  const [notice, setNotice] = useState('');
  const fw = forwards(item);
  const lastForward = fw.length ? fw[fw.length - 1] : null;
  const done = (next, msg) => {
    onChange(next);
    setNotice(msg);
  };
  return (
    <article aria-labelledby="fb-track-title">
      <Notice>{notice}</Notice>
      <h2 id="fb-track-title">{item.title}</h2>
      <dl class="fb-dl">
        <dt>Mã tra cứu</dt>
        <dd>
          <strong>{item.tracking_code}</strong>
        </dd>
        <dt>Trạng thái</dt>
        <dd>
          <StatusBadge status={item.status} audience="public" />
        </dd>
        <dt>Loại</dt>
        <dd>{item.type_label}</dd>
        <dt>Ngày gửi</dt>
        <dd>{formatDateTime(item.received_at)}</dd>
        {item.status !== 'rejected' && item.status !== 'duplicate' ? (
          <>
            <dt>Hạn trả lời</dt>
            <dd>
              <span class="nowrap" data-testid="answer-due">
                {formatDate(item.answer_due)}
              </span>
              {lastForward ? (
                <p class="fb-clock muted small" data-testid="clock-why">
                  Phản ánh được chuyển đến {lastForward.unit_name || 'cơ quan có thẩm quyền'} ngày <span class="nowrap">{formatDate(lastForward.at)}</span>;
                  thời hạn trả lời mới: <span class="nowrap">{formatDate(lastForward.answer_due)}</span> (tính từ ngày chuyển).
                </p>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {item.info_request ? (
        <section class="fb-box fb-box--warn" aria-labelledby="fb-info-h">
          <h3 id="fb-info-h">Đề nghị bổ sung thông tin</h3>
          <p class="fb-pre">{item.info_request.question}</p>
          <p class="muted small">Ngày đề nghị: {formatDate(item.info_request.requested_at)}</p>
          {item.info_request.reply ? (
            <>
              <h4>Thông tin bạn đã bổ sung ({formatDate(item.info_request.replied_at)})</h4>
              <p class="fb-pre">{item.info_request.reply}</p>
            </>
          ) : item.info_request.can_reply ? (
            <InfoReply code={item.tracking_code} onDone={done} />
          ) : null}
        </section>
      ) : null}
      {item.rejection ? (
        <section class="fb-box fb-box--warn" aria-labelledby="fb-rej-h">
          <h3 id="fb-rej-h">Phản ánh, kiến nghị không được tiếp nhận</h3>
          <p>
            <strong>Lý do:</strong> {item.rejection.reason_label}
          </p>
          {item.rejection.note ? <p class="fb-pre">{item.rejection.note}</p> : null}
          {item.rejection.redirect_to ? (
            <p>
              <strong>Đề nghị liên hệ:</strong> {item.rejection.redirect_to}
            </p>
          ) : null}
        </section>
      ) : null}
      {item.status === 'duplicate' ? (
        <section class="fb-box" aria-labelledby="fb-dup-h">
          <h3 id="fb-dup-h">Đã gộp với phản ánh, kiến nghị cùng nội dung</h3>
          {item.duplicate?.published && item.duplicate.answer ? (
            <>
              <p>Câu trả lời đã công khai ({formatDate(item.duplicate.published_at)}):</p>
              <p class="fb-pre">{item.duplicate.answer}</p>
            </>
          ) : (
            <p>Nội dung này đang được xử lý cùng một phản ánh, kiến nghị khác; kết quả sẽ được công khai chung.</p>
          )}
        </section>
      ) : null}
      {item.reopened ? <Reopened at={item.reopened.at} reason={item.reopened.reason} pending={!item.answer} /> : null}
      {item.answer ? (
        <section class="fb-box fb-box--answer" aria-labelledby="fb-ans-h">
          <h3 id="fb-ans-h">Câu trả lời</h3>
          <p class="fb-meta">
            {item.answer.unit_name ? `${item.answer.unit_name} · ` : ''}công khai ngày {formatDate(item.answer.published_at)}
          </p>
          <p class="fb-pre">{item.answer.text}</p>
          <ReplyLetters id={item.answer.id} letters={item.answer.letters} />
          {item.rating ? (
            <p>
              Bạn đã đánh giá: <strong>{item.rating.value === 'satisfied' ? 'Hài lòng' : 'Không hài lòng'}</strong> ({formatDate(item.rating.rated_at)}).
            </p>
          ) : item.can_rate ? (
            <Rating code={item.tracking_code} onDone={done} />
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="fb-hist-h">
        <h3 id="fb-hist-h">Quá trình xử lý</h3>
        <ol class="fb-timeline">
          {item.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at} class="nowrap">
                {formatDateTime(h.at)}
              </time>
              {h.step}
              {h.answer_due !== undefined ? (
                <>
                  {' '}
                  — chuyển đến {h.unit_name || 'cơ quan có thẩm quyền'}
                  {h.answer_due ? (
                    <>
                      ; thời hạn trả lời mới: <span class="nowrap">{formatDate(h.answer_due)}</span>
                    </>
                  ) : null}
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

export function PublicFeedbackTrack({ search }) {
  usePageTitle('Tra cứu phản ánh, kiến nghị');
  const q = queryOf(search);
  const [text, setText] = useState(q.ma || '');
  const [item, setItem] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [codeError, setCodeError] = useState('');

  const lookup = async (code) => {
    setBusy(true);
    setError(null);
    setItem(null);
    try {
      setItem(await api.get(`/public/feedback/${code}`, undefined, { auth: false }));
    } catch (err) {
      setError(err.status === 404 ? { ...err, title: 'Không tìm thấy phản ánh, kiến nghị với mã tra cứu này.', detail: 'Vui lòng kiểm tra lại mã (12 ký tự, ví dụ ABCD-EFGH-JKLM).', fieldErrors: {} } : err);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const code = normalize(q.ma);
    if (CODE_RE.test(code)) lookup(code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q.ma]);

  const onSubmit = (e) => {
    e.preventDefault();
    const code = normalize(text);
    if (!CODE_RE.test(code)) {
      setCodeError('Mã tra cứu gồm 12 ký tự (chữ in hoa và chữ số, không có 0, O, 1, I), ví dụ ABCD-EFGH-JKLM.');
      return;
    }
    setCodeError('');
    const pretty = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
    if (normalize(q.ma) === code) lookup(code);
    else navigate(withQuery('/phan-anh/tra-cuu', { ma: pretty }), { replace: true });
  };

  return (
    <PublicLayout>
      <PageHeader title="Tra cứu phản ánh, kiến nghị" lead="Nhập mã tra cứu bạn nhận được khi gửi để xem tình hình xử lý và câu trả lời." />
      <form class="filters" role="search" aria-label="Tra cứu bằng mã" onSubmit={onSubmit} noValidate>
        <TextField
          id="fb-track-code"
          label="Mã tra cứu"
          hint="Ví dụ ABCD-EFGH-JKLM"
          value={text}
          onValue={setText}
          error={codeError}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <div class="filters__actions">
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? 'Đang tra cứu…' : 'Tra cứu'}
          </button>
        </div>
      </form>
      <ProblemAlert error={error} />
      {item ? <Result item={item} onChange={setItem} /> : null}
      <p>
        <Link href="/phan-anh">Gửi phản ánh, kiến nghị mới</Link> · <Link href="/phan-anh/da-tra-loi">Các câu trả lời đã công khai</Link>
      </p>
      <PublicContact />
    </PublicLayout>
  );
}
