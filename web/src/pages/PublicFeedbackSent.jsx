// /phan-anh/da-gui/:code — the confirmation page of a sent feedback (GOV.UK confirmation panel):
// the tracking code, when it was received and the date the answer is due (the legal clock), what
// happens next, print, save and copy. It survives a reload: what it shows is what the submit
// answered (kept in sessionStorage), or else the public tracking view read by the code.
import { useRef, useState } from 'preact/hooks';
import { PublicLayout } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { loadMeta, loadReceipt } from './PublicFeedbackCommon.jsx';

const CODE_RE = /^[2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4}$/;

async function loadSent(code) {
  const kept = loadReceipt(code);
  if (kept) return kept;
  const v = await api.get(`/public/feedback/${encodeURIComponent(code)}`, undefined, { auth: false });
  return { tracking_code: v.tracking_code, received_at: v.received_at, answer_due: v.answer_due, title: v.title, receipt_mailed: false };
}

/** A small text receipt the person keeps (no personal data: the code, the dates, the title). */
function receiptText(r) {
  const origin = window.location.origin;
  return [
    'PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ',
    '',
    `Mã tra cứu: ${r.tracking_code}`,
    r.title ? `Tiêu đề: ${r.title}` : null,
    `Thời điểm tiếp nhận: ${formatDateTime(r.received_at)}`,
    `Hạn trả lời dự kiến: ${formatDate(r.answer_due)}`,
    '',
    `Tra cứu tình hình xử lý: ${origin}/phan-anh/tra-cuu?ma=${encodeURIComponent(r.tracking_code)}`,
    '',
  ]
    .filter((x) => x !== null)
    .join('\r\n');
}

function save(r) {
  const blob = new Blob(['\ufeff' + receiptText(r)], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `phan-anh-${r.tracking_code}.txt`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Sent({ r, rules }) {
  const [status, setStatus] = useState('');
  const codeRef = useRef(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(r.tracking_code);
      setStatus('Đã sao chép mã tra cứu.');
    } catch {
      // Clipboard blocked: select the code so the person can copy it by hand.
      const range = document.createRange();
      range.selectNodeContents(codeRef.current);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      setStatus('Hãy nhấn Ctrl+C để sao chép mã đã được chọn.');
    }
  };
  return (
    <>
      <div class="confirm-panel" data-testid="confirm-panel">
        <h1 class="confirm-panel__title">Đã gửi phản ánh, kiến nghị</h1>
        <div class="confirm-panel__body">
          Mã tra cứu của bạn
          <br />
          <strong class="confirm-panel__code" ref={codeRef} data-testid="tracking-code">
            {r.tracking_code}
          </strong>
        </div>
      </div>
      <dl class="fb-dl">
        {r.title ? (
          <>
            <dt>Tiêu đề</dt>
            <dd>{r.title}</dd>
          </>
        ) : null}
        <dt>Thời điểm tiếp nhận</dt>
        <dd class="nowrap" data-testid="received-at">
          {formatDateTime(r.received_at)}
        </dd>
        <dt>Hạn trả lời</dt>
        <dd class="nowrap" data-testid="answer-due">
          {formatDate(r.answer_due)}
        </dd>
      </dl>
      <p>Hãy lưu lại mã tra cứu: chỉ có mã này mới xem được tình hình xử lý, câu trả lời và đánh giá kết quả.</p>
      {r.receipt_mailed ? <p>Thư xác nhận kèm mã tra cứu đã được gửi tới địa chỉ thư điện tử bạn đã xác nhận.</p> : null}
      <div class="button-row no-print">
        <button type="button" class="btn btn--secondary" onClick={() => window.print()}>
          In phiếu tiếp nhận
        </button>
        <button
          type="button"
          class="btn btn--secondary"
          onClick={() => {
            save(r);
            setStatus('Đã tải về tệp phiếu tiếp nhận có mã tra cứu.');
          }}
        >
          Lưu mã tra cứu
        </button>
        <button type="button" class="btn btn--secondary" onClick={copy}>
          Sao chép mã
        </button>
      </div>
      <p role="status" class="muted small no-print">
        {status}
      </p>
      <section aria-labelledby="sent-next">
        <h2 id="sent-next" class="section-title">
          Việc gì sẽ diễn ra tiếp theo
        </h2>
        <ol class="fb-steps">
          <li>Văn phòng UBND tỉnh xem xét phản ánh, kiến nghị{rules ? ` trong ${rules.reject_days} ngày làm việc` : ''}: nếu không thuộc phạm vi tiếp nhận, bạn được thông báo lý do; nếu cần thêm thông tin, bạn được đề nghị bổ sung (xem bằng mã tra cứu).</li>
          <li>Phản ánh, kiến nghị được chuyển đến cơ quan có thẩm quyền{rules ? ` trong ${rules.forward_days} ngày làm việc` : ''}.</li>
          <li>
            Câu trả lời đến hạn ngày <strong class="nowrap">{formatDate(r.answer_due)}</strong>
            {rules ? ` (${rules.answer_days} ngày làm việc kể từ khi cơ quan có thẩm quyền nhận được)` : ''}; khi được chuyển đến cơ quan có thẩm quyền, hạn trả lời tính lại từ ngày chuyển và trang tra cứu ghi rõ hạn mới.
          </li>
          <li>Kết quả được công khai tại trang <Link href="/phan-anh/da-tra-loi">Phản ánh, kiến nghị đã trả lời</Link>; bạn đánh giá mức độ hài lòng bằng mã tra cứu.</li>
        </ol>
        <p class="muted small">Thời hạn tính theo ngày làm việc, không kể ngày nghỉ, ngày lễ, Tết.</p>
      </section>
      <p class="button-row no-print">
        <Link class="btn btn--primary" href={`/phan-anh/tra-cuu?ma=${encodeURIComponent(r.tracking_code)}`}>
          Theo dõi phản ánh
        </Link>
        <Link class="btn btn--secondary" href="/phan-anh">
          Gửi phản ánh khác
        </Link>
      </p>
    </>
  );
}

export function PublicFeedbackSent({ params }) {
  usePageTitle('Đã gửi phản ánh, kiến nghị');
  const code = String(params.code || '').toUpperCase();
  const valid = CODE_RE.test(code);
  const sent = useAsync(() => (valid ? loadSent(code) : Promise.resolve(null)), [code]);
  const meta = useAsync(() => loadMeta(), []);
  return (
    <PublicLayout>
      {!valid ? (
        <>
          <h1 class="page-title">Mã tra cứu không hợp lệ</h1>
          <p>
            Mã tra cứu gồm 12 ký tự, ví dụ ABCD-EFGH-JKLM. <Link href="/phan-anh/tra-cuu">Tra cứu bằng mã</Link>.
          </p>
        </>
      ) : null}
      {sent.loading ? (
        <p class="loading" role="status">
          Đang tải…
        </p>
      ) : null}
      <ProblemAlert error={sent.error} focus={false} onRetry={sent.reload} />
      {sent.data ? <Sent r={sent.data} rules={meta.data?.rules} /> : null}
    </PublicLayout>
  );
}
