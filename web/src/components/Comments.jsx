// Internal discussion on one object (a task, an assignment, a feedback item, a report): the
// comments oldest first, a form with up to 3 files and an @mention hint, edit and delete within
// 15 minutes (the server says what the caller may do in each comment's `can`), tombstones.
import { useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { useAsync } from '../hooks.js';
import { ProblemAlert } from './ProblemAlert.jsx';
import './Comments.css';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';
const MAX_FILES = 3;
const MAX_SIZE = 5 * 1024 * 1024;
const BODY_MAX = 4000;
const PER_PAGE = 200;
const LABELS = { body: 'Nội dung trao đổi', files: 'Tệp đính kèm', entity: 'Đối tượng', entity_id: 'Đối tượng' };

const chars = (s) => [...(s || '')].length;

/** The body with the mentions that notified someone set apart (text only: never HTML). */
function Body({ text, mentions }) {
  const names = new Set((mentions || []).map((m) => m.username));
  const parts = String(text || '').split(/(@[A-Za-z0-9._-]+)/);
  return (
    <p class="comment__body">
      {parts.map((p, i) => {
        const name = p.startsWith('@') ? p.slice(1).replace(/[._-]+$/, '').toLowerCase() : '';
        return name && names.has(name) ? (
          <strong key={i} class="comment__mention">
            {p}
          </strong>
        ) : (
          p
        )
      })}
    </p>
  );
}

/** Client-side checks of the chosen files (the server checks again, by content). */
function filesError(list) {
  if (list.length > MAX_FILES) return `Chỉ được đính kèm tối đa ${MAX_FILES} tệp.`;
  const big = list.find((f) => f.size > MAX_SIZE);
  if (big) return `Tệp "${big.name}" vượt quá 5 MB.`;
  return '';
}

function CommentItem({ c, idPrefix, onChanged, announce }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(c.body || '');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const editId = `${idPrefix}-edit-${c.id}`;

  const run = async (fn, message) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await fn();
      onChanged(updated);
      setEditing(false);
      setConfirming(false);
      announce(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = (e) => {
    e.preventDefault();
    if (!text.trim()) {
      setError({ status: 422, title: 'Dữ liệu chưa hợp lệ', detail: 'Nội dung trao đổi không được để trống.', fieldErrors: {} });
      return;
    }
    run(() => api.put(`/comments/${c.id}`, { body: text }), 'Đã lưu nội dung trao đổi đã sửa.');
  };

  if (c.deleted) {
    return (
      <li class="comment comment--deleted" id={`${idPrefix}-c${c.id}`}>
        <p class="muted">
          Trao đổi của {c.author.full_name} ({formatDateTime(c.created_at)}) đã bị xoá
          {c.deleted_by?.full_name ? ` bởi ${c.deleted_by.full_name}` : ''}
          {c.deleted_at ? ` lúc ${formatDateTime(c.deleted_at)}` : ''}.
        </p>
      </li>
    );
  }
  return (
    <li class="comment" id={`${idPrefix}-c${c.id}`}>
      <p class="comment__head">
        <strong>{c.author.full_name}</strong> <span class="muted">({c.author.unit_name})</span>{' '}
        <time class="muted small" dateTime={c.created_at}>
          {formatDateTime(c.created_at)}
        </time>
        {c.edited_at ? <span class="muted small"> · đã sửa</span> : null}
      </p>
      <ProblemAlert error={error} fieldLabels={{ body: LABELS.body }} idPrefix={`${editId}-`} />
      {editing ? (
        <form class="comment__edit" onSubmit={save} noValidate>
          <label class="field__label" for={editId}>
            Sửa nội dung trao đổi
          </label>
          <textarea id={editId} class="input comment__textarea" rows={3} maxLength={BODY_MAX} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <div class="button-row button-row--tight">
            <button type="submit" class="btn btn--primary btn--small" disabled={busy}>
              {busy ? 'Đang lưu…' : 'Lưu'}
            </button>
            <button
              type="button"
              class="btn btn--secondary btn--small"
              onClick={() => {
                setEditing(false);
                setText(c.body || '');
                setError(null);
              }}
            >
              Hủy
            </button>
          </div>
        </form>
      ) : (
        <Body text={c.body} mentions={c.mentions} />
      )}
      {c.files.length ? (
        <ul class="comment__files" aria-label="Tệp đính kèm">
          {c.files.map((f) => (
            <li key={f.n}>
              <a href={`/api/v1/comments/${c.id}/files/${f.n}`} download={f.name}>
                {f.name}
              </a>{' '}
              <span class="muted small">({formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB)</span>
            </li>
          ))}
        </ul>
      ) : null}
      {c.mentions.length ? <p class="muted small">Đã gửi thông báo tới: {c.mentions.map((m) => m.full_name).join(', ')}</p> : null}
      {!editing && (c.can.edit || c.can.delete) ? (
        <div class="button-row button-row--tight comment__actions">
          {c.can.edit ? (
            <button type="button" class="btn btn--ghost btn--small" onClick={() => setEditing(true)} aria-label={`Sửa trao đổi của ${c.author.full_name} lúc ${formatDateTime(c.created_at)}`}>
              Sửa
            </button>
          ) : null}
          {c.can.delete && !confirming ? (
            <button type="button" class="btn btn--ghost btn--small" onClick={() => setConfirming(true)} aria-label={`Xoá trao đổi của ${c.author.full_name} lúc ${formatDateTime(c.created_at)}`}>
              Xoá
            </button>
          ) : null}
          {confirming ? (
            <>
              <span class="small">Xoá trao đổi này? Người khác vẫn thấy dấu vết đã xoá.</span>
              <button type="button" class="btn btn--danger btn--small" disabled={busy} onClick={() => run(() => api.del(`/comments/${c.id}`), 'Đã xoá trao đổi.')}>
                {busy ? 'Đang xoá…' : 'Xác nhận xoá'}
              </button>
              <button type="button" class="btn btn--secondary btn--small" onClick={() => setConfirming(false)}>
                Hủy
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/**
 * <Comments entity="task" entityId={12} user={user} /> — a section with the discussion of one
 * object. idPrefix keeps element ids unique when several are on a page; level is the heading's.
 */
export function Comments({ entity, entityId, user, title = 'Trao đổi nội bộ', idPrefix = `cm-${entity}-${entityId}`, level = 2, framed = true }) {
  const list = useAsync(() => api.get('/comments', { entity, entity_id: entityId, per_page: PER_PAGE }), [entity, entityId]);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState([]);
  const [fieldErrors, setFieldErrors] = useState({});
  const [failure, setFailure] = useState(null);
  const [sending, setSending] = useState(false);
  const [live, setLive] = useState('');
  const fileRef = useRef(null);
  const mayWrite = (user?.permissions || []).includes('comments.write');
  const items = list.data?.items || [];
  const H = `h${level}`;

  const announce = (m) => {
    // Cleared first so that the same message twice is read twice.
    setLive('');
    setTimeout(() => setLive(m), 50);
  };
  const replace = (updated) => list.setData({ ...list.data, items: items.map((x) => (x.id === updated.id ? updated : x)) });

  const submit = async (e) => {
    e.preventDefault();
    if (sending) return;
    const errs = {};
    if (!body.trim()) errs.body = 'Hãy nhập nội dung trao đổi.';
    else if (chars(body) > BODY_MAX) errs.body = `Không được dài quá ${formatNumber(BODY_MAX)} ký tự.`;
    const fe = filesError(files);
    if (fe) errs.files = fe;
    setFieldErrors(errs);
    if (Object.keys(errs).length) {
      setFailure({ status: 422, title: 'Dữ liệu chưa hợp lệ', detail: 'Vui lòng kiểm tra các trường được đánh dấu.', fieldErrors: errs });
      return;
    }
    setFailure(null);
    setSending(true);
    try {
      const fd = new FormData();
      fd.append('entity', entity);
      fd.append('entity_id', String(entityId));
      fd.append('body', body);
      for (const f of files) fd.append('files', f, f.name);
      const created = await api.post('/comments', fd);
      list.setData({ ...(list.data || {}), items: [...items, created], total: (list.data?.total || 0) + 1 });
      setBody('');
      setFiles([]);
      if (fileRef.current) fileRef.current.value = '';
      announce(created.mentions.length ? `Đã gửi trao đổi và thông báo tới ${created.mentions.map((m) => m.full_name).join(', ')}.` : 'Đã gửi trao đổi.');
    } catch (err) {
      setFieldErrors(err.fieldErrors || {});
      setFailure(err);
    } finally {
      setSending(false);
    }
  };

  const bodyId = `${idPrefix}-body`;
  const filesId = `${idPrefix}-files`;
  const content = (
    <>
      <H id={`${idPrefix}-title`} class={framed ? 'card__title' : 'comments__title'}>
        {title} {list.data ? `(${formatNumber(list.data.total)})` : ''}
      </H>
      {list.loading && !list.data ? <p class="loading">Đang tải trao đổi…</p> : null}
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      {list.data && !items.length ? <p class="muted">Chưa có trao đổi nào.</p> : null}
      {items.length ? (
        <ol class="comments__list">
          {items.map((c) => (
            <CommentItem key={`${c.id}-${c.edited_at || ''}-${c.deleted ? 'd' : ''}`} c={c} idPrefix={idPrefix} onChanged={replace} announce={announce} />
          ))}
        </ol>
      ) : null}
      {list.data && list.data.total > items.length ? <p class="muted small">Chỉ hiện {formatNumber(items.length)} trao đổi đầu tiên.</p> : null}
      <p class="sr-only" aria-live="polite" role="status">
        {live}
      </p>
      {mayWrite ? (
        <form class="comments__form" onSubmit={submit} noValidate>
          <ProblemAlert error={failure} fieldLabels={LABELS} idPrefix={`${idPrefix}-`} />
          <div class={`field ${fieldErrors.body ? 'field--error' : ''}`}>
            <label class="field__label" for={bodyId}>
              {LABELS.body}
            </label>
            <p class="field__hint" id={`${bodyId}-hint`}>
              Gõ @ và tên đăng nhập (ví dụ @xa11.daumoi) để nhắc đến một người: họ nhận thông báo nếu được xem nội dung này. Tối đa {formatNumber(BODY_MAX)} ký tự ({formatNumber(chars(body))}/{formatNumber(BODY_MAX)}).
            </p>
            <textarea
              id={bodyId}
              name="body"
              class="input comment__textarea"
              rows={3}
              value={body}
              aria-invalid={fieldErrors.body ? 'true' : undefined}
              aria-describedby={fieldErrors.body ? `${bodyId}-hint ${bodyId}-error` : `${bodyId}-hint`}
              onInput={(e) => setBody(e.currentTarget.value)}
            />
            {fieldErrors.body ? (
              <p class="field__error" id={`${bodyId}-error`}>
                {fieldErrors.body}
              </p>
            ) : null}
          </div>
          <div class={`field ${fieldErrors.files ? 'field--error' : ''}`}>
            <label class="field__label" for={filesId}>
              {LABELS.files} (không bắt buộc)
            </label>
            <p class="field__hint" id={`${filesId}-hint`}>
              Tối đa 3 tệp PDF, JPG, PNG, DOC(X) hoặc XLS(X), mỗi tệp không quá 5 MB.
            </p>
            <input
              ref={fileRef}
              id={filesId}
              name="files"
              type="file"
              multiple
              class="input input--file"
              accept={ACCEPT}
              aria-invalid={fieldErrors.files ? 'true' : undefined}
              aria-describedby={fieldErrors.files ? `${filesId}-hint ${filesId}-error` : `${filesId}-hint`}
              onChange={(e) => {
                const picked = [...(e.currentTarget.files || [])];
                setFiles(picked);
                setFieldErrors((x) => ({ ...x, files: filesError(picked) || undefined }));
              }}
            />
            {fieldErrors.files ? (
              <p class="field__error" id={`${filesId}-error`}>
                {fieldErrors.files}
              </p>
            ) : null}
          </div>
          <div class="form-actions">
            <button type="submit" class="btn btn--primary" disabled={sending}>
              {sending ? 'Đang gửi…' : 'Gửi trao đổi'}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
  return framed ? (
    <section class="card comments" aria-labelledby={`${idPrefix}-title`}>
      {content}
    </section>
  ) : (
    <div class="comments">{content}</div>
  );
}
