// /app/phan-anh/:id — one feedback: its content, the sender (staff only), the
// files, the legal clock, the history of every step, and the actions this
// user may take now (as the server lists them), with the answer editor.
import { useMemo, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Modal } from '../components/Modal.jsx';
import { TextField, SelectField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { Comments } from '../components/Comments.jsx';
import { api } from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { loadUnitTree, unitComboOptions } from '../units.js';
import { Combobox } from '../components/Combobox.jsx';
import { REJECT_REASONS, StatusBadge, formatBytes, loadMeta } from './PublicFeedbackCommon.jsx';
import { Clock } from './Feedback.jsx';
import { fileToBase64 } from './PlanCommon.jsx';

const ACTION_LABELS = {
  accept: 'Tiếp nhận, phân loại',
  forward: 'Chuyển đơn vị xử lý',
  request_info: 'Đề nghị bổ sung thông tin',
  reject: 'Không tiếp nhận',
  duplicate: 'Đánh dấu trùng',
  receive: 'Tiếp nhận xử lý',
  return: 'Trả lại (không thuộc thẩm quyền)',
  submit_answer: 'Gửi dự thảo trả lời',
  publish: 'Duyệt và công khai',
  send_back: 'Trả lại đơn vị hoàn thiện',
  correct: 'Đính chính câu trả lời',
  reopen: 'Mở lại để xử lý tiếp',
};

export const EVENT_LABELS = {
  submit: 'Người dân gửi',
  accept: 'Tiếp nhận, phân loại',
  forward: 'Chuyển đơn vị xử lý',
  request_info: 'Đề nghị bổ sung thông tin',
  info_reply: 'Người gửi bổ sung thông tin',
  reject: 'Không tiếp nhận',
  duplicate: 'Đánh dấu trùng',
  receive: 'Đơn vị tiếp nhận xử lý',
  return: 'Đơn vị trả lại',
  submit_answer: 'Đơn vị gửi dự thảo trả lời',
  publish: 'Duyệt và công khai',
  send_back: 'Trả lại đơn vị hoàn thiện',
  rate: 'Người gửi đánh giá',
  correct: 'Đính chính câu trả lời',
  reopen: 'Mở lại để xử lý tiếp',
  attach_letter: 'Đính kèm văn bản trả lời',
};

export const ACTOR_LABELS = { citizen: 'Người gửi', coordinator: 'Điều phối', unit: 'Đơn vị', system: 'Hệ thống' };

/** The form of one action, in a dialog; posts and hands back the updated item. */
function ActionForm({ action, item, units, types, onDone, onCancel }) {
  const suggested = item.suggested_unit?.unit_id ? String(item.suggested_unit.unit_id) : '';
  const [v, setV] = useState({
    type: String(item.type || ''),
    field: item.field || '',
    procedure_code: item.procedure_code || '',
    unit_id: suggested,
    reason: '',
    note: '',
    redirect_to: '',
    question: '',
    duplicate_code: '',
    answer: item.answer_text || '',
  });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (k) => (x) => setV({ ...v, [k]: x });
  const fe = error?.fieldErrors || {};
  const submit = async (e) => {
    e.preventDefault();
    // A required choice is checked before anything is sent, in the person's words.
    if (action === 'forward' && !v.unit_id) {
      setError({ title: 'Chưa chọn đơn vị xử lý', detail: '', fieldErrors: { unit_id: 'Hãy chọn đơn vị xử lý.' } });
      document.getElementById('fb-act-unit')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let body;
      const path = { request_info: 'request-info', send_back: 'send-back', submit_answer: 'submit' }[action] || action;
      switch (action) {
        case 'accept':
          body = { type: Number(v.type), field: v.field.trim() || null, procedure_code: v.procedure_code.trim() || null, note: v.note.trim() || null };
          break;
        case 'forward':
          body = { unit_id: Number(v.unit_id) || 0, note: v.note.trim() || null };
          break;
        case 'reject':
          body = { reason: v.reason, note: v.note.trim() || null, redirect_to: v.redirect_to.trim() || null };
          break;
        case 'request_info':
          body = { question: v.question.trim() };
          break;
        case 'duplicate': {
          const found = await api.get('/feedback', { box: 'all', q: v.duplicate_code.trim(), per_page: 5 });
          const orig = (found.items || []).find((x) => x.id !== item.id);
          if (!orig) throw Object.assign(new Error('Không tìm thấy'), { title: 'Không tìm thấy phản ánh gốc với mã này.', fieldErrors: {} });
          body = { duplicate_of: orig.id, note: v.note.trim() || null };
          break;
        }
        case 'return':
          body = { reason: v.note.trim() };
          break;
        case 'send_back':
          body = { note: v.note.trim() };
          break;
        case 'publish':
          body = { answer: v.answer.trim() || null };
          break;
        case 'correct':
          body = { answer: v.answer.trim(), reason: v.reason.trim() };
          break;
        case 'reopen':
          body = { reason: v.reason.trim() };
          break;
        case 'submit_answer':
          body = v.answer.trim() ? { answer: v.answer.trim() } : undefined;
          break;
        default:
          body = undefined;
      }
      onDone(await api.post(`/feedback/${item.id}/${path}`, body), `Đã thực hiện: ${ACTION_LABELS[action]}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const noteField = (label, required, hint) => (
    <div class={`field ${fe.note || fe.reason ? 'field--error' : ''}`}>
      <label for="fb-act-note" class="field__label">
        {label}
        {required ? ' *' : ''}
      </label>
      {hint ? <p class="field__hint">{hint}</p> : null}
      <textarea id="fb-act-note" class="input fb-textarea fb-textarea--short" value={v.note} onInput={(e) => set('note')(e.currentTarget.value)} />
      {fe.note || fe.reason ? <p class="field__error">{fe.note || fe.reason}</p> : null}
    </div>
  );
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert error={error} />
      {action === 'accept' ? (
        <>
          <SelectField id="fb-act-type" label="Loại phản ánh, kiến nghị" options={types} value={v.type} onValue={set('type')} error={fe.type} />
          <TextField id="fb-act-field" label="Lĩnh vực" value={v.field} onValue={set('field')} error={fe.field} hint="Ví dụ: Hộ tịch, Đất đai" />
          <TextField id="fb-act-proc" label="Mã thủ tục hành chính" value={v.procedure_code} onValue={set('procedure_code')} error={fe.procedure_code} />
          {noteField('Ghi chú nội bộ', false)}
        </>
      ) : null}
      {action === 'forward' ? (
        <>
          <Combobox id="fb-act-unit" label="Đơn vị xử lý" required options={units} placeholder="Gõ tên đơn vị, ví dụ: vi xuyen" value={v.unit_id} onValue={set('unit_id')} error={fe.unit_id} />
          {item.suggested_unit?.unit_name ? (
            <p class="muted small">
              Gợi ý: {item.suggested_unit.unit_name}
              {item.suggested_unit.procedure_name ? ` (cơ quan thực hiện thủ tục ${item.suggested_unit.procedure_name})` : ' (người gửi nêu)'}
            </p>
          ) : null}
          {noteField('Ý kiến chỉ đạo, ghi chú', false)}
        </>
      ) : null}
      {action === 'reject' ? (
        <>
          <SelectField id="fb-act-reason" label="Lý do" options={REJECT_REASONS} placeholder="— Chọn lý do —" value={v.reason} onValue={set('reason')} error={fe.reason} />
          {noteField('Nội dung thông báo cho người gửi', v.reason === 'other', 'Người gửi đọc được nội dung này trên trang tra cứu.')}
          <TextField
            id="fb-act-redirect"
            label="Nơi người gửi cần liên hệ"
            hint="Bắt buộc với khiếu nại, tố cáo: cơ quan có thẩm quyền giải quyết."
            value={v.redirect_to}
            onValue={set('redirect_to')}
            error={fe.redirect_to}
          />
        </>
      ) : null}
      {action === 'request_info' ? (
        <div class={`field ${fe.question ? 'field--error' : ''}`}>
          <label for="fb-act-q" class="field__label">
            Nội dung đề nghị bổ sung *
          </label>
          <p class="field__hint">Chỉ đề nghị được một lần; người gửi trả lời trên trang tra cứu.</p>
          <textarea id="fb-act-q" class="input fb-textarea fb-textarea--short" value={v.question} onInput={(e) => set('question')(e.currentTarget.value)} />
          {fe.question ? <p class="field__error">{fe.question}</p> : null}
        </div>
      ) : null}
      {action === 'duplicate' ? (
        <>
          <TextField id="fb-act-dup" label="Mã tra cứu của phản ánh gốc" value={v.duplicate_code} onValue={set('duplicate_code')} error={fe.duplicate_of} required />
          {noteField('Ghi chú', false)}
        </>
      ) : null}
      {action === 'return' ? noteField('Lý do trả lại', true, 'Ví dụ: thuộc thẩm quyền của Sở Tư pháp.') : null}
      {action === 'send_back' ? noteField('Nội dung cần hoàn thiện', true) : null}
      {action === 'publish' || action === 'submit_answer' ? (
        <div class={`field ${fe.answer ? 'field--error' : ''}`}>
          <label for="fb-act-answer" class="field__label">
            Nội dung trả lời
          </label>
          <textarea id="fb-act-answer" class="input fb-textarea" value={v.answer} onInput={(e) => set('answer')(e.currentTarget.value)} />
          {fe.answer ? <p class="field__error">{fe.answer}</p> : null}
        </div>
      ) : null}
      {action === 'correct' ? (
        <>
          <p>Câu trả lời đang công khai được thay bằng nội dung dưới đây; trang công khai ghi "Đã đính chính" cùng lý do, bản cũ được lưu lại và người theo dõi nhận thư.</p>
          <div class={`field ${fe.answer ? 'field--error' : ''}`}>
            <label for="fb-act-answer" class="field__label">
              Nội dung trả lời sau đính chính *
            </label>
            <textarea id="fb-act-answer" class="input fb-textarea" value={v.answer} onInput={(e) => set('answer')(e.currentTarget.value)} />
            {fe.answer ? <p class="field__error">{fe.answer}</p> : null}
          </div>
          <div class={`field ${fe.reason ? 'field--error' : ''}`}>
            <label for="fb-act-reason" class="field__label">
              Lý do đính chính *
            </label>
            <p class="field__hint">Được công khai cùng câu trả lời.</p>
            <textarea id="fb-act-reason" class="input fb-textarea fb-textarea--short" value={v.reason} onInput={(e) => set('reason')(e.currentTarget.value)} />
            {fe.reason ? <p class="field__error">{fe.reason}</p> : null}
          </div>
        </>
      ) : null}
      {action === 'reopen' ? (
        <>
          <p>Phản ánh, kiến nghị trở lại đơn vị đã trả lời để xử lý tiếp; thời hạn trả lời được tính lại từ hôm nay. Trang công khai ghi "Đã mở lại" cùng lý do.</p>
          <div class={`field ${fe.reason ? 'field--error' : ''}`}>
            <label for="fb-act-reason" class="field__label">
              Lý do mở lại *
            </label>
            <p class="field__hint">Ít nhất 5 ký tự; được công khai.</p>
            <textarea id="fb-act-reason" class="input fb-textarea fb-textarea--short" value={v.reason} onInput={(e) => set('reason')(e.currentTarget.value)} />
            {fe.reason ? <p class="field__error">{fe.reason}</p> : null}
          </div>
        </>
      ) : null}
      {action === 'receive' ? <p>Đơn vị tiếp nhận xử lý phản ánh, kiến nghị này; thời hạn trả lời tiếp tục được tính.</p> : null}
      <div class="form-actions">
        <button type="submit" class={`btn ${action === 'reject' ? 'btn--danger' : 'btn--primary'}`} disabled={busy}>
          {busy ? 'Đang xử lý…' : ACTION_LABELS[action]}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

const FILE_KINDS = { info_reply: ' · bổ sung', intake: ' · kèm theo khi tiếp nhận', reply_letter: ' · văn bản trả lời' };
const LETTER_STATES = ['processing', 'answered', 'published'];

/** The signed reply letter (a PDF) attached to the answer; the server decides who may, when. */
function LetterUpload({ item, onDone }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const send = async (e) => {
    e.preventDefault();
    const file = e.currentTarget.elements.letter.files[0];
    if (!file) {
      setError({ title: 'Chưa chọn tệp', detail: '', fieldErrors: { content_base64: 'Hãy chọn tệp PDF văn bản trả lời.' } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/feedback/${item.id}/answer/letter`, { name: file.name, content_base64: await fileToBase64(file) });
      setNotice(`Đã đính kèm văn bản trả lời ${file.name}.`);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fe = error?.fieldErrors || {};
  return (
    <section class="fb-box" aria-labelledby="fb-letter-h">
      <h2 id="fb-letter-h" class="section-title">
        Văn bản trả lời có chữ ký số
      </h2>
      <Notice>{notice}</Notice>
      <ProblemAlert error={error} />
      <form onSubmit={send} noValidate>
        <div class={`field ${fe.content_base64 ? 'field--error' : ''}`}>
          <label for="fb-letter" class="field__label">
            Tệp PDF (tối đa 5 MB)
          </label>
          <input id="fb-letter" name="letter" type="file" accept=".pdf,application/pdf" class="input" />
          {fe.content_base64 ? <p class="field__error">{fe.content_base64}</p> : null}
        </div>
        <button type="submit" class="btn btn--secondary" disabled={busy}>
          {busy ? 'Đang tải lên…' : 'Đính kèm văn bản trả lời'}
        </button>
      </form>
    </section>
  );
}

/** The unit's answer editor: save a draft, then submit it. */
function AnswerEditor({ item, onSaved }) {
  const [text, setText] = useState(item.answer_text || '');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.put(`/feedback/${item.id}/answer`, { answer: text }), 'Đã lưu dự thảo trả lời.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="fb-box" aria-labelledby="fb-editor-h">
      <h2 id="fb-editor-h" class="section-title">
        Dự thảo trả lời
      </h2>
      <ProblemAlert error={error} />
      <div class="field">
        <label for="fb-answer" class="field__label">
          Nội dung trả lời (được công khai sau khi Văn phòng UBND tỉnh duyệt)
        </label>
        <textarea id="fb-answer" class="input fb-textarea" value={text} maxLength={20000} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <button type="button" class="btn btn--secondary" disabled={busy || !text.trim()} onClick={save}>
        {busy ? 'Đang lưu…' : 'Lưu dự thảo'}
      </button>
    </section>
  );
}

export function FeedbackItem({ params, user }) {
  const data = useAsync(() => api.get(`/feedback/${params.id}`), [params.id]);
  const meta = useAsync(() => loadMeta(), []);
  const tree = useAsync(() => loadUnitTree(), []);
  const [acting, setActing] = useState(null);
  const [notice, setNotice] = useState('');
  const item = data.data;
  usePageTitle(item ? item.title : 'Phản ánh, kiến nghị');
  const units = useMemo(() => unitComboOptions(tree.data || []), [tree.data]);
  const types = useMemo(() => (meta.data?.types || []).map((t) => ({ value: String(t.id), label: `${t.id}. ${t.label}` })), [meta.data]);
  const done = (next, msg) => {
    data.setData(next);
    setActing(null);
    setNotice(msg);
  };
  if (!item) {
    return (
      <>
        <PageHeader title="Phản ánh, kiến nghị" />
        <ProblemAlert error={data.error} onRetry={data.reload} />
        {data.loading ? <p class="loading">Đang tải…</p> : null}
      </>
    );
  }
  const actions = (item.allowed || []).filter((a) => a !== 'draft');
  const canDraft = (item.allowed || []).includes('draft');
  return (
    <>
      <PageHeader
        title={item.title}
        lead={
          <>
            Mã tra cứu <strong>{item.tracking_code}</strong> · <StatusBadge status={item.status} /> · nhận ngày {formatDateTime(item.received_at)}
          </>
        }
        actions={
          <div class="button-row button-row--tight">
            <Link class="btn btn--secondary" href={`/app/phan-anh/${item.id}/in`}>
              In
            </Link>
            <Link href="/app/phan-anh">← Về danh sách</Link>
          </div>
        }
      />
      <Notice>{notice}</Notice>
      {actions.length ? (
        <div class="fb-actions" role="group" aria-label="Xử lý">
          {actions.map((a) => (
            <button key={a} type="button" class={`btn ${a === 'reject' ? 'btn--danger' : 'btn--primary'}`} onClick={() => setActing(a)}>
              {ACTION_LABELS[a] || a}
            </button>
          ))}
        </div>
      ) : null}
      <Modal open={!!acting} title={acting ? ACTION_LABELS[acting] : ''} onClose={() => setActing(null)} wide>
        {acting ? <ActionForm action={acting} item={item} units={units} types={types} onDone={done} onCancel={() => setActing(null)} /> : null}
      </Modal>
      <div class="fb-grid">
        <div>
          <section class="fb-box" aria-labelledby="fb-content-h">
            <h2 id="fb-content-h" class="section-title">
              Nội dung
            </h2>
            <p class="fb-meta">
              Loại {item.type}: {item.type_label}
              {item.field ? ` · Lĩnh vực: ${item.field}` : ''}
              {item.procedure_code ? ` · Thủ tục: ${item.procedure_code}` : ''}
              {item.unit_name ? ` · Người gửi nêu: ${item.unit_name}` : ''}
            </p>
            <p class="fb-pre">{item.content}</p>
            {item.files?.length ? (
              <>
                <h3>Tệp đính kèm</h3>
                <ul class="fb-files">
                  {item.files.map((f) => (
                    <li key={f.id}>
                      <a href={`/api/v1/feedback/${item.id}/files/${f.id}`} download={f.name}>
                        {f.name}
                      </a>
                      <span class="muted small">
                        {formatBytes(f.size)}
                        {FILE_KINDS[f.kind] || ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          {item.info_request ? (
            <section class="fb-box fb-box--warn" aria-labelledby="fb-info-h">
              <h2 id="fb-info-h" class="section-title">
                Bổ sung thông tin
              </h2>
              <p class="fb-pre">
                <strong>Đề nghị ({formatDate(item.info_requested_at)}):</strong> {item.info_request}
              </p>
              {item.info_reply ? (
                <p class="fb-pre">
                  <strong>Người gửi trả lời ({formatDate(item.info_replied_at)}):</strong> {item.info_reply}
                </p>
              ) : (
                <p class="muted">Người gửi chưa bổ sung.</p>
              )}
            </section>
          ) : null}
          {item.reject_reason ? (
            <section class="fb-box fb-box--warn">
              <h2 class="section-title">Không tiếp nhận</h2>
              <p>{item.reject_reason_label}</p>
              {item.reject_note ? <p class="fb-pre">{item.reject_note}</p> : null}
              {item.redirect_to ? <p>Nơi liên hệ: {item.redirect_to}</p> : null}
            </section>
          ) : null}
          {item.return_reason && item.status === 'returned' ? (
            <section class="fb-box fb-box--warn">
              <h2 class="section-title">Đơn vị trả lại</h2>
              <p class="fb-pre">{item.return_reason}</p>
            </section>
          ) : null}
          {item.duplicate ? (
            <p>
              Trùng với <Link href={`/app/phan-anh/${item.duplicate.id}`}>{item.duplicate.tracking_code}</Link>: {item.duplicate.title}
            </p>
          ) : null}
          {item.reopened_at ? (
            <p class="fb-box fb-box--warn" role="note">
              Đã mở lại ngày {formatDateTime(item.reopened_at)}
              {item.reopen_reason ? `. Lý do: ${item.reopen_reason}` : ''}
            </p>
          ) : null}
          {canDraft ? (
            <AnswerEditor key={item.answer_text} item={item} onSaved={done} />
          ) : item.answer_text ? (
            <section class="fb-box fb-box--answer" aria-labelledby="fb-ans-h">
              <h2 id="fb-ans-h" class="section-title">
                {item.status === 'published' ? 'Câu trả lời đã công khai' : 'Dự thảo trả lời'}
              </h2>
              <p class="fb-pre">{item.answer_text}</p>
              {item.corrected_at ? (
                <p class="muted">
                  Đã đính chính ngày {formatDateTime(item.corrected_at)}
                  {item.correction_reason ? `. Lý do: ${item.correction_reason}` : ''}
                </p>
              ) : null}
            </section>
          ) : null}
          {LETTER_STATES.includes(item.status) && (item.allowed || []).length ? <LetterUpload item={item} onDone={data.reload} /> : null}
          {item.rating ? (
            <p>
              Người gửi đánh giá: <strong>{item.rating === 'satisfied' ? 'Hài lòng' : 'Không hài lòng'}</strong>
              {item.rating_comment ? ` — ${item.rating_comment}` : ''}
            </p>
          ) : null}
          <section aria-labelledby="fb-hist-h">
            <h2 id="fb-hist-h" class="section-title">
              Lịch sử xử lý
            </h2>
            <div class="table-wrap" role="region" aria-label="Lịch sử xử lý" tabIndex={0}>
              <table class="table">
                <caption class="sr-only">Các bước xử lý theo thời gian</caption>
                <thead>
                  <tr>
                    <th scope="col">Thời gian</th>
                    <th scope="col">Bước</th>
                    <th scope="col">Người thực hiện</th>
                    <th scope="col">Ghi chú</th>
                  </tr>
                </thead>
                <tbody>
                  {item.events.map((e) => (
                    <tr key={e.id}>
                      <td data-label="Thời gian">{formatDateTime(e.at)}</td>
                      <td data-label="Bước">
                        {EVENT_LABELS[e.action] || e.action}
                        {e.unit_name && (e.action === 'forward' || e.action === 'return') ? `: ${e.unit_name}` : ''}
                      </td>
                      <td data-label="Người thực hiện">
                        {e.actor_name || ACTOR_LABELS[e.actor_kind] || ''}
                        {e.actor_unit_name ? <span class="fb-block muted small">{e.actor_unit_name}</span> : null}
                      </td>
                      <td data-label="Ghi chú" class="fb-pre">
                        {e.note || ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
        <aside>
          <section class="fb-box" aria-labelledby="fb-clock-h">
            <h2 id="fb-clock-h" class="section-title">
              Thời hạn
            </h2>
            <Clock item={item} />
            <dl class="fb-dl">
              {item.clock?.reject_due ? (
                <>
                  <dt>Hạn từ chối</dt>
                  <dd>{formatDate(item.clock.reject_due)}</dd>
                </>
              ) : null}
              {item.clock?.info_due ? (
                <>
                  <dt>Hạn đề nghị bổ sung</dt>
                  <dd>{formatDate(item.clock.info_due)}</dd>
                </>
              ) : null}
              <dt>Hạn trả lời người gửi</dt>
              <dd>{formatDate(item.answer_due)}</dd>
              <dt>Đơn vị xử lý</dt>
              <dd>{item.assigned_unit_name || '—'}</dd>
            </dl>
          </section>
          <section class="fb-box" aria-labelledby="fb-sender-h">
            <h2 id="fb-sender-h" class="section-title">
              Người gửi
            </h2>
            <p class="muted small">Thông tin cá nhân: chỉ dùng để xử lý, không công khai.</p>
            <dl class="fb-dl">
              <dt>Họ tên</dt>
              <dd>{item.sender_name}</dd>
              {item.organization ? (
                <>
                  <dt>Tổ chức</dt>
                  <dd>{item.organization}</dd>
                </>
              ) : null}
              <dt>Địa chỉ</dt>
              <dd>{item.address}</dd>
              <dt>Điện thoại</dt>
              <dd>{item.phone}</dd>
              <dt>Thư điện tử</dt>
              <dd>{item.email || '—'}</dd>
            </dl>
          </section>
        </aside>
      </div>
      {/* Internal only: the staff page, never the public tracking page. */}
      <Comments entity="feedback" entityId={item.id} user={user} title="Trao đổi nội bộ về phản ánh" />
    </>
  );
}
