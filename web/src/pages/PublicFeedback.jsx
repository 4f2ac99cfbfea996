// /phan-anh — the public feedback form (Nghị định 20/2008/NĐ-CP): who sends,
// what about, up to 3 attachments; a proof of work is solved in the browser
// before sending; the tracking code is shown with a copy button. A receipt by
// mail only to an address confirmed with a one-time code (sent on request,
// after its own proof of work).
import { useMemo, useRef, useState } from 'preact/hooks';
import { PublicLayout, PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { TextField, SelectField, CheckboxField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { ApiError, api } from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { FILE_ACCEPT, checkFiles, formatBytes, loadMeta, postForm } from './PublicFeedbackCommon.jsx';
import { proofOfWork } from './PublicFeedbackPow.js';

const LABELS = {
  sender_kind: 'Người gửi là',
  organization: 'Tên cơ quan, tổ chức',
  name: 'Họ và tên',
  address: 'Địa chỉ liên hệ',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  email_code: 'Mã xác nhận (6 chữ số trong thư)',
  type: 'Loại phản ánh, kiến nghị',
  title: 'Tiêu đề',
  content: 'Nội dung',
  procedure_code: 'Mã thủ tục hành chính',
  unit_id: 'Cơ quan, đơn vị liên quan',
  attachments: 'Tệp đính kèm',
  altcha: 'Xác minh chống gửi tự động',
  website: 'Biểu mẫu',
  truthful: 'Cam kết',
};

const MAX_CONTENT = 10000;
const EMPTY = {
  sender_kind: 'person',
  organization: '',
  name: '',
  address: '',
  phone: '',
  email: '',
  email_code: '',
  type: '',
  title: '',
  content: '',
  procedure_code: '',
  unit_id: '',
  website: '',
  truthful: false,
};

function validate(v, files, meta) {
  const e = {};
  const need = (k, msg) => {
    if (!String(v[k] ?? '').trim()) e[k] = msg;
  };
  need('name', 'Vui lòng nhập họ và tên.');
  need('address', 'Vui lòng nhập địa chỉ liên hệ.');
  need('phone', 'Vui lòng nhập số điện thoại.');
  need('title', 'Vui lòng nhập tiêu đề.');
  need('content', 'Vui lòng nhập nội dung phản ánh, kiến nghị.');
  if (!v.type) e.type = 'Vui lòng chọn loại phản ánh, kiến nghị.';
  if (v.sender_kind === 'organization') need('organization', 'Vui lòng nhập tên cơ quan, tổ chức.');
  const digits = v.phone.replace(/\D/g, '');
  if (v.phone.trim() && (digits.length < 8 || digits.length > 15 || /[^\d\s.()+-]/.test(v.phone)))
    e.phone = 'Số điện thoại không hợp lệ (8–15 chữ số).';
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) e.email = 'Địa chỉ thư điện tử không hợp lệ.';
  if (v.email_code.trim() && !/^\d{6}$/.test(v.email_code.trim())) e.email_code = 'Mã xác nhận gồm 6 chữ số.';
  if (v.email_code.trim() && !v.email.trim()) e.email = 'Hãy nhập địa chỉ thư điện tử đã nhận mã xác nhận.';
  if (v.content.length > MAX_CONTENT) e.content = `Nội dung không được dài quá ${MAX_CONTENT.toLocaleString('vi-VN')} ký tự.`;
  const fe = checkFiles(files, meta);
  if (fe) e.attachments = fe;
  if (!v.truthful) e.truthful = 'Vui lòng xác nhận thông tin gửi là đúng sự thật.';
  return e;
}

function WhatNext({ rules }) {
  if (!rules) return null;
  return (
    <section class="panel panel--muted" aria-labelledby="fb-next">
      <h2 id="fb-next" class="section-title">
        Sau khi gửi
      </h2>
      <ol class="fb-steps">
        <li>Bạn nhận ngay một <strong>mã tra cứu</strong> để theo dõi tình hình xử lý (và thư xác nhận nếu bạn xác nhận địa chỉ thư điện tử bằng mã).</li>
        <li>
          Văn phòng UBND tỉnh xem xét: nếu không thuộc phạm vi tiếp nhận, bạn được thông báo lý do và nơi cần gửi trong{' '}
          <strong>{rules.reject_days} ngày làm việc</strong>; nếu cần bổ sung thông tin, bạn được đề nghị (một lần) trong{' '}
          <strong>{rules.info_request_days} ngày làm việc</strong>.
        </li>
        <li>
          Phản ánh, kiến nghị được chuyển đến cơ quan có thẩm quyền trong <strong>{rules.forward_days} ngày làm việc</strong>.
        </li>
        <li>
          Cơ quan có thẩm quyền trả lời trong <strong>{rules.answer_days} ngày làm việc</strong> kể từ khi nhận được; kết quả được công
          khai trong <strong>{rules.publish_days} ngày làm việc</strong> sau đó.
        </li>
        <li>Bạn xem câu trả lời bằng mã tra cứu và đánh giá mức độ hài lòng.</li>
      </ol>
      <p class="muted small">
        Thời hạn tính theo ngày làm việc, không kể ngày nghỉ, ngày lễ, Tết. Khiếu nại, tố cáo được giải quyết theo pháp luật về khiếu nại, tố
        cáo, không thuộc phạm vi tiếp nhận của biểu mẫu này.
      </p>
    </section>
  );
}

function Receipt({ receipt, onAnother }) {
  const [copied, setCopied] = useState('');
  const codeRef = useRef(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt.tracking_code);
      setCopied('Đã sao chép mã tra cứu.');
    } catch {
      // Clipboard blocked: select the code so the person can copy it by hand.
      const range = document.createRange();
      range.selectNodeContents(codeRef.current);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      setCopied('Hãy nhấn Ctrl+C để sao chép mã đã được chọn.');
    }
  };
  return (
    <section class="fb-success" aria-labelledby="fb-done" tabIndex={-1} ref={(el) => el && el.focus()}>
      <h2 id="fb-done">Đã gửi phản ánh, kiến nghị thành công</h2>
      <p>Vui lòng lưu lại mã tra cứu dưới đây để theo dõi tình hình xử lý và xem câu trả lời.</p>
      <div class="fb-code-row">
        <span class="fb-code" ref={codeRef} data-testid="tracking-code">
          {receipt.tracking_code}
        </span>
        <button type="button" class="btn btn--secondary" onClick={copy}>
          Sao chép mã
        </button>
        <span role="status" class="muted small">
          {copied}
        </span>
      </div>
      <dl class="fb-dl">
        <dt>Thời điểm tiếp nhận</dt>
        <dd>{formatDateTime(receipt.received_at)}</dd>
        <dt>Hạn trả lời dự kiến</dt>
        <dd>{formatDate(receipt.answer_due)}</dd>
      </dl>
      {receipt.receipt_mailed ? <p>Thư xác nhận kèm mã tra cứu đã được gửi tới địa chỉ thư điện tử bạn đã xác nhận.</p> : null}
      <p class="button-row">
        <Link class="btn btn--primary" href={`/phan-anh/tra-cuu?ma=${encodeURIComponent(receipt.tracking_code)}`}>
          Theo dõi phản ánh
        </Link>
        <button type="button" class="btn btn--secondary" onClick={onAnother}>
          Gửi phản ánh khác
        </button>
      </p>
    </section>
  );
}

export function PublicFeedback() {
  usePageTitle('Gửi phản ánh, kiến nghị');
  const meta = useAsync(() => loadMeta(), []);
  const [values, setValues] = useState(EMPTY);
  const [files, setFiles] = useState([]);
  const [errors, setErrors] = useState({});
  const [failure, setFailure] = useState(null);
  const [phase, setPhase] = useState(''); // '', 'pow', 'send'
  const [progress, setProgress] = useState(0);
  const [receipt, setReceipt] = useState(null);
  const [codeState, setCodeState] = useState(''); // '', 'sending', 'sent'
  const fileInput = useRef(null);
  const m = meta.data;
  const set = (k) => (v) => {
    setValues((x) => ({ ...x, [k]: v, ...(k === 'email' ? { email_code: '' } : {}) }));
    if (k === 'email') setCodeState('');
    setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));
  };
  const field = (k) => ({ value: values[k], onValue: set(k), error: errors[k] });
  const typeOptions = useMemo(() => (m?.types || []).map((t) => ({ value: String(t.id), label: `${t.id}. ${t.label}` })), [m]);
  const unitOptions = useMemo(() => (m?.units || []).map((u) => ({ value: String(u.id), label: u.name })), [m]);

  // The one-time code that confirms the address: its own proof of work, then the mail.
  const sendCode = async () => {
    const email = values.email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      setErrors((x) => ({ ...x, email: 'Hãy nhập đúng địa chỉ thư điện tử trước khi gửi mã.' }));
      return;
    }
    setCodeState('sending');
    try {
      const altcha = await proofOfWork({ onProgress: () => {} });
      await api.post('/public/email-code', { email, altcha }, { auth: false, redirect: false });
      setCodeState('sent');
    } catch (err) {
      setCodeState('');
      const msg = err?.fieldErrors?.email || err?.detail || 'Chưa gửi được mã xác nhận. Vui lòng thử lại.';
      setErrors((x) => ({ ...x, email: msg }));
    }
  };

  const onSubmit = async (e) => {
    e.preventDefault();
    if (phase) return;
    setFailure(null);
    const clientErrors = Object.fromEntries(Object.entries(validate(values, files, m)).filter(([, v]) => v));
    if (Object.keys(clientErrors).length) {
      setErrors(clientErrors);
      setFailure(new ApiError({ status: 422, title: 'Thông tin chưa hợp lệ', detail: 'Vui lòng kiểm tra các trường được đánh dấu.', fieldErrors: clientErrors }));
      return;
    }
    setErrors({});
    try {
      setPhase('pow');
      setProgress(0);
      const altcha = await proofOfWork({ onProgress: setProgress });
      setPhase('send');
      const fd = new FormData();
      for (const [k, v] of Object.entries(values)) {
        if (k === 'truthful') continue;
        if (k === 'organization' && values.sender_kind !== 'organization') continue;
        fd.append(k, typeof v === 'string' ? v.trim() : String(v));
      }
      fd.append('altcha', altcha);
      for (const f of files) fd.append('attachments', f, f.name);
      const r = await postForm('/public/feedback', fd);
      setReceipt(r);
      setCodeState('');
      setValues(EMPTY);
      setFiles([]);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: err.status || 0, title: 'Chưa gửi được', detail: err.message });
      setErrors(apiErr.fieldErrors || {});
      setFailure(apiErr);
    } finally {
      setPhase('');
    }
  };

  if (receipt) {
    return (
      <PublicLayout>
        <PageHeader title="Gửi phản ánh, kiến nghị" />
        <Receipt receipt={receipt} onAnother={() => setReceipt(null)} />
      </PublicLayout>
    );
  }

  const over = values.content.length > MAX_CONTENT;
  return (
    <PublicLayout>
      <PageHeader
        title="Gửi phản ánh, kiến nghị"
        lead="Phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính và việc thực hiện quy định hành chính của các cơ quan trong tỉnh, theo Nghị định số 20/2008/NĐ-CP."
      />
      <p>
        Đã gửi trước đây? <Link href="/phan-anh/tra-cuu">Tra cứu bằng mã</Link> · <Link href="/phan-anh/da-tra-loi">Xem các câu trả lời đã công khai</Link>
      </p>
      <WhatNext rules={m?.rules} />
      <ProblemAlert error={meta.error} focus={false} />
      <form onSubmit={onSubmit} noValidate aria-describedby="fb-required-note">
        <p id="fb-required-note" class="muted small">
          Các trường có dấu * là bắt buộc. Họ tên, địa chỉ, số điện thoại và thư điện tử của bạn không được công khai.
        </p>
        <ProblemAlert error={failure} fieldLabels={LABELS} idPrefix="fb-" />
        <fieldset class="fb-fieldset">
          <legend>Thông tin người gửi</legend>
          <fieldset class="fb-radios" id="fb-sender_kind">
            <legend class="sr-only">{LABELS.sender_kind}</legend>
            <label>
              <input type="radio" name="sender_kind" value="person" checked={values.sender_kind === 'person'} onChange={() => set('sender_kind')('person')} />
              Cá nhân
            </label>
            <label>
              <input
                type="radio"
                name="sender_kind"
                value="organization"
                checked={values.sender_kind === 'organization'}
                onChange={() => set('sender_kind')('organization')}
              />
              Cơ quan, tổ chức, doanh nghiệp
            </label>
          </fieldset>
          <div class="form-grid">
            {values.sender_kind === 'organization' ? (
              <TextField id="fb-organization" label={LABELS.organization} required autoComplete="organization" className="form-grid__wide" {...field('organization')} />
            ) : null}
            <TextField
              id="fb-name"
              label={values.sender_kind === 'organization' ? 'Họ và tên người đại diện' : LABELS.name}
              required
              autoComplete="name"
              maxLength={255}
              {...field('name')}
            />
            <TextField id="fb-phone" label={LABELS.phone} type="tel" required autoComplete="tel" maxLength={32} {...field('phone')} />
            <TextField id="fb-address" label={LABELS.address} required autoComplete="street-address" maxLength={500} className="form-grid__wide" {...field('address')} />
            <TextField
              id="fb-email"
              label={LABELS.email}
              type="email"
              autoComplete="email"
              hint={
                m?.email_confirmation
                  ? 'Không bắt buộc. Để nhận thư xác nhận và thông báo kết quả, bấm «Gửi mã xác nhận» rồi nhập mã 6 chữ số trong thư; không xác nhận thì không có thư, mã tra cứu vẫn hiện ngay trên màn hình.'
                  : m
                    ? 'Không bắt buộc. Hệ thống hiện không gửi thư; mã tra cứu hiện ngay trên màn hình sau khi gửi.'
                    : 'Không bắt buộc.'
              }
              maxLength={254}
              {...field('email')}
            />
            {m?.email_confirmation && values.email.trim() ? (
              <div class="field">
                <p class="button-row">
                  <button type="button" class="btn btn--secondary" onClick={sendCode} disabled={codeState === 'sending'}>
                    {codeState === 'sending' ? 'Đang gửi mã…' : codeState === 'sent' ? 'Gửi lại mã xác nhận' : 'Gửi mã xác nhận'}
                  </button>
                </p>
                <p role="status" class="muted small">
                  {codeState === 'sent' ? 'Đã gửi mã tới địa chỉ thư điện tử trên (hiệu lực 15 phút).' : ''}
                </p>
              </div>
            ) : null}
            {codeState === 'sent' || values.email_code ? (
              <TextField id="fb-email_code" label={LABELS.email_code} inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...field('email_code')} />
            ) : null}
          </div>
        </fieldset>
        <fieldset class="fb-fieldset">
          <legend>Nội dung phản ánh, kiến nghị</legend>
          <SelectField id="fb-type" label={LABELS.type} required options={typeOptions} placeholder="— Chọn loại —" {...field('type')} />
          <TextField id="fb-title" label={LABELS.title} required maxLength={500} hint="Tóm tắt vấn đề trong một câu." {...field('title')} />
          <div class={`field ${errors.content ? 'field--error' : ''}`}>
            <div class="field__label-row">
              <label for="fb-content" class="field__label">
                {LABELS.content}
              </label>
              <span class="field__req" aria-hidden="true">
                *
              </span>
            </div>
            <p id="fb-content-hint" class="field__hint">
              Nêu rõ quy định hành chính hoặc việc làm cụ thể, nơi, thời gian xảy ra và đề xuất của bạn (nếu có).
            </p>
            <textarea
              id="fb-content"
              class="input fb-textarea"
              required
              aria-required="true"
              aria-invalid={errors.content ? 'true' : undefined}
              aria-describedby={`fb-content-hint fb-content-count${errors.content ? ' fb-content-error' : ''}`}
              value={values.content}
              onInput={(e) => set('content')(e.currentTarget.value)}
            />
            <p id="fb-content-count" class={`fb-counter ${over ? 'is-over' : ''}`} aria-live="polite">
              {values.content.length.toLocaleString('vi-VN')}/{MAX_CONTENT.toLocaleString('vi-VN')} ký tự
            </p>
            {errors.content ? (
              <p id="fb-content-error" class="field__error">
                {errors.content}
              </p>
            ) : null}
          </div>
          <div class="form-grid">
            <SelectField id="fb-unit_id" label={LABELS.unit_id} options={unitOptions} placeholder="— Không rõ / không chọn —" {...field('unit_id')} />
            <TextField
              id="fb-procedure_code"
              label={LABELS.procedure_code}
              hint="Không bắt buộc, ví dụ 1.001193 (xem tại trang tra cứu thủ tục)."
              maxLength={32}
              {...field('procedure_code')}
            />
          </div>
          <div class={`field ${errors.attachments ? 'field--error' : ''}`}>
            <label for="fb-attachments" class="field__label">
              {LABELS.attachments}
            </label>
            <p id="fb-attachments-hint" class="field__hint">
              Tối đa {m?.max_files || 3} tệp PDF, JPG, PNG, DOC(X), XLS(X), mỗi tệp không quá {formatBytes(m?.max_file_bytes || 5242880)}.
            </p>
            <input
              id="fb-attachments"
              ref={fileInput}
              type="file"
              multiple
              accept={FILE_ACCEPT}
              aria-describedby={`fb-attachments-hint${errors.attachments ? ' fb-attachments-error' : ''}`}
              aria-invalid={errors.attachments ? 'true' : undefined}
              onChange={(e) => {
                const chosen = Array.from(e.currentTarget.files || []);
                setFiles((prev) => [...prev, ...chosen]);
                e.currentTarget.value = '';
                setErrors((x) => ({ ...x, attachments: undefined }));
              }}
            />
            {files.length ? (
              <ul class="fb-files" aria-label="Tệp đã chọn">
                {files.map((f, i) => (
                  <li key={`${f.name}-${i}`}>
                    <span>
                      {f.name} <span class="muted small">({formatBytes(f.size)})</span>
                    </span>
                    <button type="button" class="btn btn--ghost btn--small" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                      Bỏ<span class="sr-only"> tệp {f.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            {errors.attachments ? (
              <p id="fb-attachments-error" class="field__error">
                {errors.attachments}
              </p>
            ) : null}
          </div>
        </fieldset>
        {/* Left empty by people (it is off-screen); robots that fill every field give themselves away. */}
        <div class="fb-hp" aria-hidden="true">
          <label for="fb-website">Trang web của bạn</label>
          <input id="fb-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={values.website} onInput={(e) => set('website')(e.currentTarget.value)} />
        </div>
        <CheckboxField
          id="fb-truthful"
          label="Tôi cam kết thông tin và nội dung phản ánh, kiến nghị là đúng sự thật."
          value={values.truthful}
          onValue={set('truthful')}
          error={errors.truthful}
        />
        {errors.altcha ? <p class="field__error">{errors.altcha}</p> : null}
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={!!phase || !m}>
            {phase === 'pow' ? 'Đang xác minh…' : phase === 'send' ? 'Đang gửi…' : 'Gửi phản ánh, kiến nghị'}
          </button>
        </div>
        <div aria-live="polite" class="muted small">
          {phase === 'pow' ? (
            <>
              <p>Đang xác minh chống gửi tự động trên máy của bạn (vài giây)…</p>
              <progress class="fb-progress" max="1" value={progress} />
            </>
          ) : phase === 'send' ? (
            <p>Đang gửi phản ánh, kiến nghị và tệp đính kèm…</p>
          ) : null}
        </div>
      </form>
    </PublicLayout>
  );
}
