// /phan-anh — the public feedback form (Nghị định 20/2008/NĐ-CP) as GOV.UK question pages: who
// sends → what about → attachments → check your answers → send, one question group per page
// (/phan-anh?buoc=1..4), a Back link, an error summary linking to each field. What is typed is
// kept in sessionStorage (never the files) so going back and forth or reloading a step loses
// nothing. A proof of work is solved in the browser before sending; a receipt by mail only to an
// address confirmed with a one-time code. Sent, the person lands on /phan-anh/da-gui/:code.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { PublicLayout, PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { TextField, SelectField, CheckboxField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { ApiError, api } from '../api.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';
import { FILE_ACCEPT, PublicContact, checkFiles, formatBytes, loadMeta, postForm, saveReceipt } from './PublicFeedbackCommon.jsx';
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
  procedure_name: '',
  unit_id: '',
  website: '',
  truthful: false,
};

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


const DRAFT_KEY = 'kstt.phan-anh.nhap';
const STEPS = ['Thông tin người gửi', 'Nội dung phản ánh, kiến nghị', 'Tệp đính kèm', 'Kiểm tra trước khi gửi'];
/** Which step asks for each field (the error summary and "Thay đổi" send the person there). */
const FIELD_STEP = {
  sender_kind: 1,
  organization: 1,
  name: 1,
  address: 1,
  phone: 1,
  email: 1,
  email_code: 1,
  type: 2,
  title: 2,
  content: 2,
  procedure_code: 2,
  unit_id: 2,
  attachments: 3,
  altcha: 4,
  website: 4,
  truthful: 4,
};
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Files live only in this page's memory: they survive the steps, never a reload (never stored).
let keptFiles = [];

function loadDraft() {
  try {
    const d = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || 'null');
    return d && typeof d === 'object' ? { ...EMPTY, ...d, website: '' } : { ...EMPTY };
  } catch {
    return { ...EMPTY };
  }
}

function saveDraft(v) {
  try {
    const { website: _hp, ...keep } = v;
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(keep));
  } catch {
    // Private mode or a full store: the form still works within the page.
  }
}

/** The checks of one step (1..4): field → message. */
function checkStep(step, v, files, meta) {
  const e = {};
  const need = (k, msg) => {
    if (!String(v[k] ?? '').trim()) e[k] = msg;
  };
  if (step === 1) {
    if (v.sender_kind === 'organization') need('organization', 'Nhập tên cơ quan, tổ chức.');
    need('name', v.sender_kind === 'organization' ? 'Nhập họ và tên người đại diện.' : 'Nhập họ và tên.');
    need('phone', 'Nhập số điện thoại.');
    const digits = v.phone.replace(/\D/g, '');
    if (v.phone.trim() && (digits.length < 8 || digits.length > 15 || /[^\d\s.()+-]/.test(v.phone)))
      e.phone = 'Số điện thoại không hợp lệ: nhập 8–15 chữ số, ví dụ 0912 345 678.';
    need('address', 'Nhập địa chỉ liên hệ.');
    if (v.email.trim() && !EMAIL_RE.test(v.email.trim())) e.email = 'Nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@example.vn.';
    if (v.email_code.trim() && !/^\d{6}$/.test(v.email_code.trim())) e.email_code = 'Mã xác nhận gồm 6 chữ số.';
    if (v.email_code.trim() && !v.email.trim()) e.email = 'Nhập địa chỉ thư điện tử đã nhận mã xác nhận.';
  } else if (step === 2) {
    if (!v.type) e.type = 'Chọn loại phản ánh, kiến nghị.';
    need('title', 'Nhập tiêu đề.');
    need('content', 'Nhập nội dung phản ánh, kiến nghị.');
    if (v.content.length > MAX_CONTENT) e.content = `Nội dung không được dài quá ${MAX_CONTENT.toLocaleString('vi-VN')} ký tự.`;
  } else if (step === 3) {
    const fe = checkFiles(files, meta);
    if (fe) e.attachments = fe;
  } else if (step === 4) {
    if (!v.truthful) e.truthful = 'Đánh dấu ô cam kết thông tin là đúng sự thật.';
  }
  return e;
}

/** GOV.UK error summary: a heading, then one link per error to its field (on this step or another). */
function ErrorSummary({ errors, step, onGo }) {
  const ref = useRef(null);
  const list = Object.entries(errors).filter(([, m]) => m);
  const sig = list.map(([k, m]) => k + m).join('|');
  useEffect(() => {
    if (list.length && ref.current) ref.current.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sig]);
  if (!list.length) return null;
  return (
    <div class="alert alert--error error-summary" role="alert" aria-labelledby="fb-err-title" tabIndex={-1} ref={ref}>
      <h2 id="fb-err-title" class="alert__title">
        Có lỗi cần sửa
      </h2>
      <ul class="alert__list">
        {list.map(([k, msg]) => {
          const at = FIELD_STEP[k] || step;
          return (
            <li key={k}>
              <a
                href={at === step ? `#fb-${k}` : withQuery('/phan-anh', { buoc: at, sua: 1 })}
                onClick={(e) => {
                  e.preventDefault();
                  onGo(at, k);
                }}
              >
                {msg}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function StepOne({ values, field, set, m, codeState, sendCode }) {
  return (
    <fieldset class="fb-fieldset">
      <legend class="fb-legend">
        <h2 class="section-title">{STEPS[0]}</h2>
      </legend>
      <p class="muted small">Họ tên, địa chỉ, số điện thoại và thư điện tử của bạn không được công khai.</p>
      <fieldset class="fb-radios" id="fb-sender_kind">
        <legend>{LABELS.sender_kind}</legend>
        <label>
          <input type="radio" name="sender_kind" value="person" checked={values.sender_kind === 'person'} onChange={() => set('sender_kind')('person')} />
          Cá nhân
        </label>
        <label>
          <input type="radio" name="sender_kind" value="organization" checked={values.sender_kind === 'organization'} onChange={() => set('sender_kind')('organization')} />
          Cơ quan, tổ chức, doanh nghiệp
        </label>
      </fieldset>
      {values.sender_kind === 'organization' ? <TextField id="fb-organization" label={LABELS.organization} required autoComplete="organization" maxLength={255} {...field('organization')} /> : null}
      <TextField
        id="fb-name"
        label={values.sender_kind === 'organization' ? 'Họ và tên người đại diện' : LABELS.name}
        required
        autoComplete="name"
        maxLength={255}
        {...field('name')}
      />
      <TextField id="fb-phone" label={LABELS.phone} type="tel" required autoComplete="tel" maxLength={32} {...field('phone')} />
      <TextField id="fb-address" label={LABELS.address} required autoComplete="street-address" maxLength={500} {...field('address')} />
      <TextField
        id="fb-email"
        label={LABELS.email}
        type="email"
        autoComplete="email"
        hint={
          m?.email_confirmation
            ? 'Không bắt buộc. Để nhận thư xác nhận và thông báo kết quả, bấm «Gửi mã xác nhận» rồi nhập mã 6 chữ số trong thư.'
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
    </fieldset>
  );
}

function StepTwo({ values, errors, field, set, typeOptions, unitOptions }) {
  const over = values.content.length > MAX_CONTENT;
  return (
    <fieldset class="fb-fieldset">
      <legend class="fb-legend">
        <h2 class="section-title">{STEPS[1]}</h2>
      </legend>
      {values.procedure_name ? (
        <p class="fb-about" data-testid="fb-procedure">
          Về thủ tục: <strong>{values.procedure_name}</strong> <span class="nowrap">(mã {values.procedure_code})</span>
        </p>
      ) : null}
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
        {errors.content ? (
          <p id="fb-content-error" class="field__error">
            {errors.content}
          </p>
        ) : null}
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
      </div>
      <SelectField id="fb-unit_id" label={LABELS.unit_id} options={unitOptions} placeholder="— Không rõ / không chọn —" {...field('unit_id')} />
      <TextField
        id="fb-procedure_code"
        label={LABELS.procedure_code}
        hint="Không bắt buộc, ví dụ 1.001193 (xem tại trang tra cứu thủ tục)."
        maxLength={32}
        {...field('procedure_code')}
      />
    </fieldset>
  );
}

function StepThree({ files, setFiles, errors, setErrors, m }) {
  return (
    <fieldset class="fb-fieldset">
      <legend class="fb-legend">
        <h2 class="section-title">{STEPS[2]}</h2>
      </legend>
      <div class={`field ${errors.attachments ? 'field--error' : ''}`}>
        <label for="fb-attachments" class="field__label">
          {LABELS.attachments} (không bắt buộc)
        </label>
        <p id="fb-attachments-hint" class="field__hint">
          Tối đa {m?.max_files || 3} tệp PDF, JPG, PNG, DOC(X), XLS(X), mỗi tệp không quá {formatBytes(m?.max_file_bytes || 5242880)}. Tệp
          không được lưu lại nếu bạn tải lại trang.
        </p>
        {errors.attachments ? (
          <p id="fb-attachments-error" class="field__error">
            {errors.attachments}
          </p>
        ) : null}
        <input
          id="fb-attachments"
          type="file"
          multiple
          accept={FILE_ACCEPT}
          aria-describedby={`fb-attachments-hint${errors.attachments ? ' fb-attachments-error' : ''}`}
          aria-invalid={errors.attachments ? 'true' : undefined}
          onChange={(e) => {
            const chosen = Array.from(e.currentTarget.files || []);
            setFiles([...files, ...chosen]);
            e.currentTarget.value = '';
            setErrors((x) => ({ ...x, attachments: undefined }));
          }}
        />
        {files.length ? (
          <ul class="fb-files" aria-label="Tệp đã chọn">
            {files.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                <span>
                  {f.name} <span class="muted small nowrap">({formatBytes(f.size)})</span>
                </span>
                <button type="button" class="btn btn--ghost btn--small" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                  Bỏ<span class="sr-only"> tệp {f.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </fieldset>
  );
}

/** GOV.UK "check your answers": each answer with a "Thay đổi" link back to its step. */
function CheckAnswers({ values, files, m }) {
  const typeLabel = (m?.types || []).find((t) => String(t.id) === String(values.type))?.label || '';
  const unitName = (m?.units || []).find((u) => String(u.id) === String(values.unit_id))?.name || '';
  const rows = [
    [1, 'sender_kind', LABELS.sender_kind, values.sender_kind === 'organization' ? 'Cơ quan, tổ chức, doanh nghiệp' : 'Cá nhân'],
    ...(values.sender_kind === 'organization' ? [[1, 'organization', LABELS.organization, values.organization]] : []),
    [1, 'name', values.sender_kind === 'organization' ? 'Họ và tên người đại diện' : LABELS.name, values.name],
    [1, 'phone', LABELS.phone, values.phone],
    [1, 'address', LABELS.address, values.address],
    [1, 'email', LABELS.email, values.email ? `${values.email}${values.email_code ? ' (đã nhập mã xác nhận)' : ''}` : 'Không nhập'],
    [2, 'type', LABELS.type, typeLabel],
    [2, 'title', LABELS.title, values.title],
    [2, 'content', LABELS.content, values.content],
    [2, 'unit_id', LABELS.unit_id, unitName || 'Không chọn'],
    [2, 'procedure_code', 'Thủ tục hành chính', values.procedure_code ? `${values.procedure_name ? values.procedure_name + ' — ' : ''}mã ${values.procedure_code}` : 'Không nhập'],
    [3, 'attachments', LABELS.attachments, files.length ? files.map((f) => f.name).join(', ') : 'Không có tệp'],
  ];
  const groups = [1, 2, 3];
  return groups.map((g) => (
    <section key={g} class="fb-check" aria-labelledby={`fb-check-${g}`}>
      <h2 id={`fb-check-${g}`} class="section-title">
        {STEPS[g - 1]}
      </h2>
      <dl class="summary-list">
        {rows
          .filter((r) => r[0] === g)
          .map(([step, key, label, value]) => (
            <div class="summary-list__row" key={key}>
              <dt>{label}</dt>
              <dd class={key === 'content' ? 'fb-pre' : undefined}>{value || <span class="muted">Chưa nhập</span>}</dd>
              <dd class="summary-list__action">
                <Link href={withQuery('/phan-anh', { buoc: step, sua: 1 })} data-field={key}>
                  Thay đổi<span class="sr-only"> {label.toLowerCase()}</span>
                </Link>
              </dd>
            </div>
          ))}
      </dl>
    </section>
  ));
}

export function PublicFeedback({ search }) {
  const q = queryOf(search);
  const step = Math.min(4, Math.max(1, Number(q.buoc) || 1));
  const fromCheck = !!q.sua;
  usePageTitle(`${STEPS[step - 1]} — Gửi phản ánh, kiến nghị`);
  const meta = useAsync(() => loadMeta(), []);
  const [values, setValues] = useState(loadDraft);
  const [files, setFilesState] = useState(keptFiles);
  const [errors, setErrors] = useState({});
  const [failure, setFailure] = useState(null);
  const [phase, setPhase] = useState(''); // '', 'pow', 'send'
  const [progress, setProgress] = useState(0);
  const [codeState, setCodeState] = useState(''); // '', 'sending', 'sent'
  const [focusField, setFocusField] = useState('');
  const m = meta.data;
  const setFiles = (f) => {
    keptFiles = f;
    setFilesState(f);
  };

  useEffect(() => saveDraft(values), [values]);

  // Started from a procedure's page (/phan-anh?thu_tuc=CODE): that procedure, named.
  useEffect(() => {
    const code = (q.thu_tuc || '').trim();
    if (!code) return;
    setValues((v) => ({ ...v, procedure_code: code, procedure_name: v.procedure_code === code ? v.procedure_name : '' }));
    api
      .get(`/public/procedures/${encodeURIComponent(code)}`, undefined, { auth: false })
      .then((p) => setValues((v) => (v.procedure_code === code ? { ...v, procedure_name: p.name } : v)))
      .catch(() => {});
  }, [q.thu_tuc]);

  // A new step: errors of the last one go, and the field an error link named gets the focus.
  useEffect(() => {
    setErrors({});
    setFailure(null);
  }, [step]);
  useEffect(() => {
    if (!focusField) return;
    const el = document.getElementById(`fb-${focusField}`);
    if (el) {
      el.focus();
      setFocusField('');
    }
  });

  // Saved at once, not in an effect (which runs after paint): a reload right after typing keeps it.
  const latest = useRef(values);
  latest.current = values;
  const set = (k) => (v) => {
    const x = latest.current;
    const nv = {
      ...x,
      [k]: v,
      ...(k === 'email' ? { email_code: '' } : {}),
      ...(k === 'procedure_code' && v !== x.procedure_code ? { procedure_name: '' } : {}),
    };
    latest.current = nv;
    saveDraft(nv);
    setValues(nv);
    if (k === 'email') setCodeState('');
    setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));
  };
  const field = (k) => ({ value: values[k], onValue: set(k), error: errors[k] });
  const typeOptions = useMemo(() => (m?.types || []).map((t) => ({ value: String(t.id), label: `${t.id}. ${t.label}` })), [m]);
  const unitOptions = useMemo(() => (m?.units || []).map((u) => ({ value: String(u.id), label: u.name })), [m]);
  const goStep = (n, extra = {}) => navigate(withQuery('/phan-anh', { buoc: n === 1 ? '' : n, thu_tuc: q.thu_tuc, ...extra }));
  const onGo = (at, k) => {
    // On this step the field is there: focus it now; on another, once that step has rendered.
    const el = at === step ? document.getElementById(`fb-${k}`) : null;
    if (el) return el.focus();
    if (at !== step) goStep(at, { sua: 1 });
    setFocusField(k);
  };

  // The one-time code that confirms the address: its own proof of work, then the mail.
  const sendCode = async () => {
    const email = values.email.trim();
    if (!EMAIL_RE.test(email)) {
      setErrors((x) => ({ ...x, email: 'Nhập đúng địa chỉ thư điện tử trước khi gửi mã.' }));
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

  const next = (e) => {
    e.preventDefault();
    const found = checkStep(step, values, files, m);
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    setErrors({});
    goStep(fromCheck ? 4 : step + 1);
  };

  const send = async (e) => {
    e.preventDefault();
    if (phase) return;
    setFailure(null);
    const all = { ...checkStep(1, values, files, m), ...checkStep(2, values, files, m), ...checkStep(3, values, files, m), ...checkStep(4, values, files, m) };
    if (Object.keys(all).length) {
      setErrors(all);
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
        if (k === 'truthful' || k === 'procedure_name') continue;
        if (k === 'organization' && values.sender_kind !== 'organization') continue;
        fd.append(k, typeof v === 'string' ? v.trim() : String(v));
      }
      fd.append('altcha', altcha);
      for (const f of files) fd.append('attachments', f, f.name);
      const r = await postForm('/public/feedback', fd);
      saveReceipt({ ...r, title: values.title.trim() });
      try {
        sessionStorage.removeItem(DRAFT_KEY);
      } catch {
        // nothing kept
      }
      keptFiles = [];
      navigate(`/phan-anh/da-gui/${encodeURIComponent(r.tracking_code)}`, { replace: true });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: err.status || 0, title: 'Chưa gửi được', detail: err.message });
      const fe = Object.fromEntries(Object.entries(apiErr.fieldErrors || {}).filter(([, v]) => v));
      if (Object.keys(fe).length) setErrors(fe);
      else setFailure(apiErr);
    } finally {
      setPhase('');
    }
  };

  return (
    <PublicLayout>
      {step > 1 ? (
        <p class="back-link-row">
          <Link class="back-link" href={withQuery('/phan-anh', { buoc: step - 1 === 1 ? '' : step - 1, thu_tuc: q.thu_tuc })}>
            Quay lại
          </Link>
        </p>
      ) : null}
      <p class="fb-stepcap muted" data-testid="fb-step">
        Bước {step}/{STEPS.length}
      </p>
      <PageHeader
        title={step === 4 ? 'Kiểm tra thông tin trước khi gửi' : 'Gửi phản ánh, kiến nghị'}
        lead={
          step === 1
            ? 'Phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính và việc thực hiện quy định hành chính của các cơ quan trong tỉnh, theo Nghị định số 20/2008/NĐ-CP.'
            : undefined
        }
      />
      {step === 1 ? (
        <>
          <p>
            Đã gửi trước đây? <Link href="/phan-anh/tra-cuu">Tra cứu bằng mã</Link> · <Link href="/phan-anh/da-tra-loi">Xem các câu trả lời đã công khai</Link>
          </p>
          <WhatNext rules={m?.rules} />
        </>
      ) : null}
      <ProblemAlert error={meta.error} focus={false} />
      <ErrorSummary errors={errors} step={step} onGo={onGo} />
      <ProblemAlert error={failure} />
      <form onSubmit={step === 4 ? send : next} noValidate>
        {step === 1 ? <StepOne values={values} field={field} set={set} m={m} codeState={codeState} sendCode={sendCode} /> : null}
        {step === 2 ? <StepTwo values={values} errors={errors} field={field} set={set} typeOptions={typeOptions} unitOptions={unitOptions} /> : null}
        {step === 3 ? <StepThree files={files} setFiles={setFiles} errors={errors} setErrors={setErrors} m={m} /> : null}
        {step === 4 ? (
          <>
            <CheckAnswers values={values} files={files} m={m} />
            <h2 class="section-title">Gửi phản ánh, kiến nghị</h2>
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
          </>
        ) : null}
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={!!phase || !m}>
            {step < 4 ? (fromCheck ? 'Lưu và quay lại bước kiểm tra' : 'Tiếp tục') : phase === 'pow' ? 'Đang xác minh…' : phase === 'send' ? 'Đang gửi…' : 'Gửi phản ánh, kiến nghị'}
          </button>
        </div>
        <div aria-live="polite" class="muted small">
          {phase === 'pow' ? (
            <>
              <p>Đang xác minh chống gửi tự động trên máy của bạn (vài giây)…</p>
              <progress class="fb-progress" max="1" value={progress} aria-label="Tiến độ xác minh" />
            </>
          ) : phase === 'send' ? (
            <p>Đang gửi phản ánh, kiến nghị và tệp đính kèm…</p>
          ) : null}
        </div>
      </form>
      <PublicContact />
    </PublicLayout>
  );
}
