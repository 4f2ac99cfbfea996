// Posting a progress update on an assignment: status, %, note, evidence
// (document number and date, an attached file sent as base64) and, for
// periodic tasks, the period it reports on. Earlier updates are listed below.
import { useRef, useState } from 'preact/hooks';
import { TextField, SelectField, DateField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { useAsync, useForm } from '../hooks.js';
import { StateBadge, TextAreaField, UPDATE_STATUSES, fileToBase64, percent, showDate } from './PlanCommon.jsx';

const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';
const EXT_OK = /\.(pdf|jpe?g|png|docx?|xlsx?)$/i;

const LABELS = {
  status: 'Tình trạng',
  progress: 'Tiến độ (%)',
  note: 'Nội dung đã thực hiện, vướng mắc',
  evidence_no: 'Số văn bản chứng minh',
  evidence_date: 'Ngày văn bản',
  period: 'Kỳ báo cáo',
  attachment: 'Tệp đính kèm',
};

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
          {u.evidence_no || u.evidence_date ? (
            <p class="small">
              Văn bản: {u.evidence_no || '—'}
              {u.evidence_date ? ` ngày ${showDate(u.evidence_date)}` : ''}
            </p>
          ) : null}
          {u.attachment_sha256 ? (
            <p class="small">
              Tệp đính kèm:{' '}
              <a href={`/api/v1/attachments/${u.attachment_sha256}`} download={u.attachment_name || true}>
                {u.attachment_name || 'tải về'}
              </a>
              {u.attachment_size ? <span class="muted"> ({formatNumber(Math.ceil(u.attachment_size / 1024))} KB)</span> : null}
            </p>
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
  });
  const [file, setFile] = useState(null);
  const [fileError, setFileError] = useState('');
  const fileRef = useRef(null);
  const history = useAsync(() => api.get(`/assignments/${a.id}/updates`), [a.id]);
  const v = form.values;
  const isDone = v.status === 'done';

  const pickFile = (e) => {
    const f = e.currentTarget.files && e.currentTarget.files[0];
    setFileError('');
    if (!f) {
      setFile(null);
      return;
    }
    if (f.size > MAX_BYTES) {
      setFileError('Tệp vượt quá 5 MB.');
      setFile(null);
      e.currentTarget.value = '';
      return;
    }
    if (!EXT_OK.test(f.name)) {
      setFileError('Chỉ nhận tệp PDF, JPG, PNG, DOC(X), XLS(X).');
      setFile(null);
      e.currentTarget.value = '';
      return;
    }
    setFile(f);
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
        if (file) body.attachment = { name: file.name, content_base64: await fileToBase64(file) };
        const saved = await api.post(`/assignments/${a.id}/updates`, body);
        if (fileRef.current) fileRef.current.value = '';
        onDone(saved);
      },
      (val) => {
        const n = Number(val.progress);
        return {
          progress: val.status === 'done' || (val.progress !== '' && Number.isInteger(n) && n >= 0 && n <= 100) ? '' : 'Tiến độ là số nguyên từ 0 đến 100.',
          evidence_date: val.evidence_date === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '',
          attachment: fileError,
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
        <div class={`field ${fileError || form.errors.attachment ? 'field--error' : ''}`}>
          <label class="field__label" for="upd-attachment">
            {LABELS.attachment}
          </label>
          <p class="field__hint" id="upd-attachment-hint">
            PDF, JPG, PNG, DOC(X) hoặc XLS(X), tối đa 5 MB.
          </p>
          <input
            ref={fileRef}
            id="upd-attachment"
            type="file"
            class="input input--file"
            accept={ACCEPT}
            aria-describedby={fileError || form.errors.attachment ? 'upd-attachment-hint upd-attachment-error' : 'upd-attachment-hint'}
            aria-invalid={fileError || form.errors.attachment ? 'true' : undefined}
            onChange={pickFile}
          />
          {fileError || form.errors.attachment ? (
            <p class="field__error" id="upd-attachment-error">
              {fileError || form.errors.attachment}
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
