// Posting a progress update on an assignment: status, %, note, evidence
// (document number and date, up to five attached files sent as base64) and, for
// periodic tasks, the period it reports on. Earlier updates are listed below.
import { useRef, useState } from 'preact/hooks';
import { TextField, SelectField, DateField, CheckboxField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { useAsync, useForm } from '../hooks.js';
import { StateBadge, TextAreaField, UPDATE_STATUSES, fileToBase64, percent, showDate } from './PlanCommon.jsx';

const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';
const EXT_OK = /\.(pdf|jpe?g|png|docx?|xlsx?)$/i;
const MAX_FILES = 5;

const LABELS = {
  status: 'Tình trạng',
  progress: 'Tiến độ (%)',
  note: 'Nội dung đã thực hiện, vướng mắc',
  evidence_no: 'Số văn bản chứng minh',
  evidence_date: 'Ngày văn bản',
  period: 'Kỳ báo cáo',
  attachment: 'Tệp đính kèm',
  files: 'Tệp đính kèm',
  reason: 'Lý do cập nhật thêm',
  correction: 'Đính chính ngày hoàn thành',
  done_date: 'Ngày hoàn thành đúng',
};

/** An update's files: the list (since several files), or the older single attachment. */
const filesOf = (u) =>
  u.files && u.files.length
    ? u.files.map((f) => ({ key: f.n, href: `/api/v1/task-updates/${u.id}/files/${f.n}`, name: f.name, size: f.size }))
    : u.attachment_sha256
      ? [{ key: 1, href: `/api/v1/attachments/${u.attachment_sha256}`, name: u.attachment_name, size: u.attachment_size }]
      : [];

/** Earlier updates of one assignment, newest first. */
export function UpdateHistory({ updates, showUnit = false }) {
  if (!updates || !updates.length) return <p class="muted small">Chưa có báo cáo tiến độ nào.</p>;
  return (
    <ol class="updates">
      {updates.map((u) => (
        <li key={u.id} class="updates__item">
          <p class="updates__head">
            <strong>{formatDateTime(u.created_at)}</strong>
            {showUnit && u.unit_name ? <span> · {u.unit_name}</span> : null}
            {u.created_by_name ? <span class="muted"> · {u.created_by_name}</span> : null}
          </p>
          <p class="updates__meta">
            <StateBadge state={u.status} /> <span>Tiến độ {percent(u.progress)}</span>
            {u.period ? <span class="muted"> · Kỳ {u.period}</span> : null}
          </p>
          {u.note ? <p class="updates__note">{u.note}</p> : null}
          {u.after_done_reason ? <p class="small">Cập nhật sau khi đã hoàn thành. Lý do: {u.after_done_reason}</p> : null}
          {u.corrected_done_date ? <p class="small strong">Đính chính ngày hoàn thành thành {showDate(u.corrected_done_date)}</p> : null}
          {u.evidence_no || u.evidence_date ? (
            <p class="small">
              Văn bản: {u.evidence_no || '—'}
              {u.evidence_date ? ` ngày ${showDate(u.evidence_date)}` : ''}
            </p>
          ) : null}
          {filesOf(u).length ? (
            <div class="small">
              Tệp đính kèm:
              <ul class="updates__files">
                {filesOf(u).map((f) => (
                  <li key={f.key}>
                    <a href={f.href} download={f.name || true}>
                      {f.name || 'tải về'}
                    </a>
                    {f.size ? <span class="muted"> ({formatNumber(Math.ceil(f.size / 1024))} KB)</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** assignment: a row of GET /assignments (or a task page's assignment with task_title). */
export function UpdateForm({ assignment, onDone, onCancel }) {
  const a = assignment;
  const form = useForm({
    status: a.status === 'not_started' ? 'in_progress' : a.status || 'in_progress',
    progress: String(a.progress ?? 0),
    note: '',
    evidence_no: '',
    evidence_date: '',
    period: '',
    reason: '',
    correction: false,
    done_date: '',
  });
  // A completed assignment keeps its completion date: a further update asks for a reason, and
  // only an explicit correction moves the date (the server enforces the same).
  const wasDone = !!a.done_date;
  const [files, setFiles] = useState([]);
  const [fileError, setFileError] = useState('');
  const fileRef = useRef(null);
  const history = useAsync(() => api.get(`/assignments/${a.id}/updates`), [a.id]);
  const v = form.values;
  const isDone = v.status === 'done';

  // Every chosen file is checked here as the server will (count, size, kind): one bad file
  // keeps none, as the server refuses the whole update.
  const pickFiles = (e) => {
    const picked = Array.from(e.currentTarget.files || []);
    const bad =
      picked.length > MAX_FILES
        ? `Tối đa ${MAX_FILES} tệp cho một lần cập nhật.`
        : picked.some((f) => f.size > MAX_BYTES)
          ? `Tệp ${picked.find((f) => f.size > MAX_BYTES).name} vượt quá 5 MB.`
          : picked.some((f) => !EXT_OK.test(f.name))
            ? `Tệp ${picked.find((f) => !EXT_OK.test(f.name)).name}: chỉ nhận tệp PDF, JPG, PNG, DOC(X), XLS(X).`
            : '';
    setFileError(bad);
    setFiles(bad ? [] : picked);
    if (bad) e.currentTarget.value = '';
  };

  const onSubmit = (e) =>
    form.submit(
      e,
      async (val) => {
        const body = { status: val.status };
        if (val.status !== 'done') body.progress = Number(val.progress);
        if (val.note.trim()) body.note = val.note.trim();
        if (val.evidence_no.trim()) body.evidence_no = val.evidence_no.trim();
        if (val.evidence_date) body.evidence_date = val.evidence_date;
        if (val.period.trim()) body.period = val.period.trim();
        if (wasDone) body.reason = val.reason.trim();
        if (wasDone && val.correction && val.status === 'done') {
          body.correction = true;
          body.done_date = val.done_date;
        }
        if (files.length) body.files = await Promise.all(files.map(async (f) => ({ name: f.name, content_base64: await fileToBase64(f) })));
        const saved = await api.post(`/assignments/${a.id}/updates`, body);
        if (fileRef.current) fileRef.current.value = '';
        onDone(saved);
      },
      (val) => {
        const n = Number(val.progress);
        return {
          progress: val.status === 'done' || (val.progress !== '' && Number.isInteger(n) && n >= 0 && n <= 100) ? '' : 'Tiến độ là số nguyên từ 0 đến 100.',
          evidence_date: val.evidence_date === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '',
          files: fileError,
          reason: !wasDone || val.reason.trim().length >= 5 ? '' : 'Hãy nêu lý do cập nhật thêm (ít nhất 5 ký tự).',
          done_date: wasDone && val.correction && val.status === 'done' && !val.done_date ? 'Hãy nhập ngày hoàn thành đúng.' : '',
        };
      },
    );

  return (
    <>
      <div class="update-task">
        <p class="strong">
          {a.task_number ? `${a.task_number}. ` : ''}
          {a.task_title}
        </p>
        <p class="muted small">
          {a.unit_name}
          {a.timeline_text ? ` · Thời gian: ${a.timeline_text}` : ''}
          {showDate(a.due_date, '') ? ` · Hạn ${showDate(a.due_date)}` : ''}
        </p>
      </div>
      <form onSubmit={onSubmit} noValidate>
        <ProblemAlert error={form.failure} fieldLabels={LABELS} idPrefix="upd-" />
        {wasDone ? (
          <div class="alert alert--warning" role="note">
            <p class="alert__title">Phần việc này đã hoàn thành ngày {showDate(a.done_date, '—')}.</p>
            <p>
              Cập nhật thêm được ghi lại kèm lý do; ngày hoàn thành được giữ nguyên. Chỉ khi ngày đó ghi sai, hãy chọn «{LABELS.correction}» (việc
              đính chính được ghi nhật ký).
            </p>
            <TextAreaField id="upd-reason" label={LABELS.reason} required rows={2} {...form.field('reason')} />
            {v.status === 'done' ? <CheckboxField id="upd-correction" label={`${LABELS.correction}: ngày hoàn thành đã ghi là sai`} {...form.field('correction')} /> : null}
            {v.status === 'done' && v.correction ? <DateField id="upd-done_date" label={LABELS.done_date} required {...form.field('done_date')} /> : null}
          </div>
        ) : null}
        <div class="form-grid">
          <SelectField id="upd-status" label={LABELS.status} required options={UPDATE_STATUSES} {...form.field('status')} />
          <TextField
            id="upd-progress"
            label={LABELS.progress}
            type="number"
            min="0"
            max="100"
            step="1"
            inputMode="numeric"
            disabled={isDone}
            hint={isDone ? 'Hoàn thành tính là 100%.' : 'Tự đánh giá, từ 0 đến 100.'}
            {...form.field('progress')}
            value={isDone ? '100' : v.progress}
          />
        </div>
        <TextAreaField id="upd-note" label={LABELS.note} rows={3} {...form.field('note')} />
        <div class="form-grid">
          <TextField id="upd-evidence_no" label={LABELS.evidence_no} hint="Ví dụ: 125/BC-UBND" {...form.field('evidence_no')} />
          <DateField id="upd-evidence_date" label={LABELS.evidence_date} {...form.field('evidence_date')} />
        </div>
        {a.recurring ? (
          <TextField
            id="upd-period"
            label={LABELS.period}
            hint="Nhiệm vụ định kỳ: để trống để báo cáo cho kỳ vừa qua, hoặc ghi kỳ, ví dụ 2023-Q1, 2023-06."
            {...form.field('period')}
          />
        ) : null}
        <div class={`field ${fileError || form.errors.files ? 'field--error' : ''}`}>
          <label class="field__label" for="upd-attachment">
            {LABELS.files}
          </label>
          <p class="field__hint" id="upd-attachment-hint">
            Tối đa {MAX_FILES} tệp PDF, JPG, PNG, DOC(X) hoặc XLS(X), mỗi tệp tối đa 5 MB.
          </p>
          <input
            ref={fileRef}
            id="upd-attachment"
            type="file"
            multiple
            class="input input--file"
            accept={ACCEPT}
            aria-describedby={fileError || form.errors.files ? 'upd-attachment-hint upd-attachment-error' : 'upd-attachment-hint'}
            aria-invalid={fileError || form.errors.files ? 'true' : undefined}
            onChange={pickFiles}
          />
          {files.length > 1 ? <p class="small muted">Đã chọn {files.length} tệp: {files.map((f) => f.name).join(', ')}</p> : null}
          {fileError || form.errors.files ? (
            <p class="field__error" id="upd-attachment-error">
              {fileError || form.errors.files}
            </p>
          ) : null}
        </div>
        <div class="form-actions">
          <button type="submit" class="btn btn--primary" disabled={form.submitting}>
            {form.submitting ? 'Đang gửi…' : 'Gửi báo cáo tiến độ'}
          </button>
          <button type="button" class="btn btn--secondary" onClick={onCancel}>
            Hủy
          </button>
        </div>
      </form>
      <section class="update-history" aria-labelledby="upd-history-title">
        <h3 id="upd-history-title">Các lần báo cáo trước</h3>
        {history.loading && !history.data ? <p class="loading">Đang tải…</p> : null}
        <ProblemAlert error={history.error} focus={false} onRetry={history.reload} />
        {history.data ? <UpdateHistory updates={history.data.items || []} /> : null}
      </section>
    </>
  );
}
