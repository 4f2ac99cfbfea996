// /app/thu-tuc/:id — one procedure for staff: what it publishes and what it still lacks, its
// publishing decision and internal workflow, its history of changes; for the province's admins
// and specialists: edit, change the status (abolish with the replacing code), delete.
import { useRef, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { Modal, ConfirmDialog } from '../components/Modal.jsx';
import { SelectField, TextField, DateField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { Pager } from '../components/Pager.jsx';
import { api } from '../api.js';
import { hasPermission } from '../auth.js';
import { formatDate, formatDateTime } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { navigate } from '../router.js';
import { COMPONENT_LABELS, ProcedureFormList, STATUS_OPTIONS, TextAreaField, canWriteProcedures, fieldLabel } from './ProcedureCommon.jsx';
import { ProcedureBadges, ProcedureComponents, ProcedureFacts } from './PublicProcedure.jsx';

const ACTIONS = { create: 'Tạo mới', update: 'Sửa', status: 'Đổi trạng thái', import: 'Nhập từ tệp', delete: 'Xóa' };
const HISTORY_PER_PAGE = 20;

const show = (v) => {
  if (v === null || v === undefined || v === '') return '(trống)';
  if (v === true) return 'Có';
  if (v === false) return 'Không';
  if (Array.isArray(v)) return v.join(', ');
  const s = String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
};

function History({ id, version }) {
  const [page, setPage] = useState(1);
  const h = useAsync(() => api.get(`/procedures/${id}/history`, { page, per_page: HISTORY_PER_PAGE }), [id, page, version]);
  return (
    <section class="card" aria-labelledby="hist-title">
      <h2 id="hist-title" class="card__title">
        Lịch sử thay đổi
      </h2>
      <ProblemAlert error={h.error} focus={false} onRetry={h.reload} />
      <ol class="proc-history">
        {(h.data?.items || []).map((e) => (
          <li key={e.id}>
            <p>
              <strong>{ACTIONS[e.action] || e.action}</strong> · {formatDateTime(e.at)} · {e.actor_username || 'hệ thống'}
            </p>
            {e.note ? <p class="muted">Ghi chú: {e.note}</p> : null}
            {e.changed?.length ? (
              <details class="details">
                <summary>Thay đổi: {e.changed.map(fieldLabel).join(', ')}</summary>
                <dl class="facts">
                  {e.changed.map((k) => [
                    <dt key={`${k}-t`}>{fieldLabel(k)}</dt>,
                    <dd key={`${k}-d`}>
                      <span class="muted">{show(e.before?.[k])}</span> → {show(e.after?.[k])}
                    </dd>,
                  ])}
                </dl>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {h.data && h.data.total > HISTORY_PER_PAGE ? <Pager page={page} perPage={HISTORY_PER_PAGE} total={h.data.total} onPage={setPage} /> : null}
    </section>
  );
}

function StatusForm({ p, onDone, onCancel }) {
  const form = useForm({ status: p.status === 'in_force' ? 'amended' : 'in_force', replaced_by: '', decision_no: '', date: '', note: '' });
  const labels = { status: 'Trạng thái mới', replaced_by: 'Mã thủ tục thay thế', decision_no: 'Số quyết định', date: 'Ngày có hiệu lực', note: 'Ghi chú' };
  const submit = (e) =>
    form.submit(
      e,
      async (v) => {
        const body = { status: v.status };
        if (v.status === 'abolished' && v.replaced_by.trim()) body.replaced_by = v.replaced_by.trim();
        if (v.decision_no.trim()) body.decision_no = v.decision_no.trim();
        if (v.date) body.date = v.date;
        if (v.note.trim()) body.note = v.note.trim();
        onDone(await api.post(`/procedures/${p.id}/status`, body));
      },
      (v) => ({
        replaced_by: v.status === 'abolished' && v.replaced_by.trim() && !/^\d{1,2}\.\d{6}$/.test(v.replaced_by.trim()) ? 'Mã thủ tục có dạng 1.001234.' : '',
        date: v.date === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '',
      }),
    );
  return (
    <form onSubmit={submit} noValidate>
      <ProblemAlert error={form.failure} fieldLabels={labels} idPrefix="st-" />
      <SelectField id="st-status" label={labels.status} options={STATUS_OPTIONS} {...form.field('status')} />
      {form.values.status === 'abolished' ? (
        <TextField id="st-replaced_by" label={labels.replaced_by} hint="Bỏ trống nếu thủ tục bị bãi bỏ không có thủ tục thay thế." {...form.field('replaced_by')} />
      ) : null}
      <div class="form-grid">
        <TextField id="st-decision_no" label={labels.decision_no} hint="Ví dụ: 2345/QĐ-UBND" {...form.field('decision_no')} />
        <DateField id="st-date" label={labels.date} {...form.field('date')} />
      </div>
      <TextAreaField id="st-note" label={labels.note} rows={2} {...form.field('note')} />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          {form.submitting ? 'Đang lưu…' : 'Lưu trạng thái'}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

const FORM_ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';
const FORMS_PER_UPLOAD = 5;
const FORM_MAX_SIZE = 5 * 1024 * 1024;

/** What is wrong with the chosen files before sending them, or ''. */
function formFilesError(list) {
  if (!list.length) return 'Hãy chọn ít nhất một tệp mẫu đơn, tờ khai.';
  if (list.length > FORMS_PER_UPLOAD) return `Mỗi lần tải lên tối đa ${FORMS_PER_UPLOAD} tệp.`;
  const big = list.find((f) => f.size > FORM_MAX_SIZE);
  return big ? `Tệp "${big.name}" vượt quá 5 MB.` : '';
}

/**
 * The forms (mẫu đơn, tờ khai) the procedure offers on its public page: each downloadable, and
 * for the catalogue's writers an upload and a withdrawal. onForms(forms) passes the new list up.
 */
function FormsCard({ p, writer, onForms }) {
  const fileRef = useRef(null);
  const [files, setFiles] = useState([]);
  const [error, setError] = useState('');
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState(null);
  const [done, setDone] = useState('');
  const forms = p.forms || [];

  const upload = async (e) => {
    e.preventDefault();
    const msg = formFilesError(files);
    setError(msg);
    setFailure(null);
    if (msg) {
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const fd = new FormData();
      for (const f of files) fd.append('files', f, f.name);
      const r = await api.post(`/procedures/${p.id}/forms`, fd);
      onForms(r.forms);
      setFiles([]);
      if (fileRef.current) fileRef.current.value = '';
      setDone(`Đã tải lên ${files.length} tệp mẫu đơn, tờ khai.`);
    } catch (err) {
      setError(err.fieldErrors?.files || '');
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api.del(`/procedures/${p.id}/forms/${withdrawing.n}`);
      onForms(forms.filter((f) => f.n !== withdrawing.n));
      setDone(`Đã gỡ "${withdrawing.name}" khỏi trang công khai.`);
      setWithdrawing(null);
    } catch (err) {
      setFailure(err);
      setWithdrawing(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="forms-title">
      <h2 id="forms-title" class="card__title">
        Mẫu đơn, tờ khai
      </h2>
      <Notice>{done}</Notice>
      <ProblemAlert error={failure} focus={false} />
      {forms.length ? (
        <ProcedureFormList
          forms={forms}
          href={(f) => `/api/v1/procedures/${p.id}/forms/${f.n}`}
          action={
            writer
              ? (f) => (
                  <button type="button" class="btn btn--secondary btn--small" onClick={() => setWithdrawing(f)} aria-label={`Gỡ ${f.name}`}>
                    Gỡ
                  </button>
                )
              : null
          }
        />
      ) : (
        <p class="empty">Thủ tục chưa có tệp mẫu đơn, tờ khai để công dân tải về.</p>
      )}
      {writer ? (
        <form class="proc-forms__upload" onSubmit={upload} noValidate>
          <div class={`field ${error ? 'field--error' : ''}`}>
            <label class="field__label" for="proc-forms-files">
              Tải lên mẫu đơn, tờ khai
            </label>
            <p class="field__hint" id="proc-forms-files-hint">
              Tối đa {FORMS_PER_UPLOAD} tệp mỗi lần (PDF, DOC(X), XLS(X), JPG, PNG), mỗi tệp không quá 5 MB. Tệp được công khai trên trang thủ tục.
            </p>
            <input
              ref={fileRef}
              id="proc-forms-files"
              name="files"
              type="file"
              multiple
              class="input input--file"
              accept={FORM_ACCEPT}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'proc-forms-files-hint proc-forms-files-error' : 'proc-forms-files-hint'}
              onChange={(e) => {
                const picked = [...(e.currentTarget.files || [])];
                setFiles(picked);
                setError(picked.length ? formFilesError(picked) : '');
              }}
            />
            {error ? (
              <p class="field__error" id="proc-forms-files-error">
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? 'Đang tải lên…' : 'Tải lên'}
          </button>
        </form>
      ) : null}
      <ConfirmDialog
        open={!!withdrawing}
        title="Gỡ mẫu đơn, tờ khai"
        tone="danger"
        confirmLabel="Gỡ khỏi trang công khai"
        busy={busy}
        onConfirm={withdraw}
        onClose={() => setWithdrawing(null)}
      >
        <p>
          Gỡ "{withdrawing?.name}" khỏi trang thủ tục? Tệp vẫn được lưu làm hồ sơ, nhưng công dân không tải về được nữa.
        </p>
      </ConfirmDialog>
    </section>
  );
}

export function ProcedureDetail({ user, params }) {
  const id = params.id;
  const proc = useAsync(() => api.get(`/procedures/${encodeURIComponent(id)}`), [id]);
  const p = proc.data;
  usePageTitle(p ? p.name : 'Thủ tục hành chính');
  const writer = canWriteProcedures(user);
  const [changing, setChanging] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState(null);
  const [done, setDone] = useState('');
  const [version, setVersion] = useState(0);

  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await api.del(`/procedures/${p.id}`);
      navigate('/app/thu-tuc');
    } catch (err) {
      setFailure(err);
      setDeleting(false);
    } finally {
      setBusy(false);
    }
  };

  if (proc.error) {
    return (
      <>
        <PageHeader title="Thủ tục hành chính" />
        <ProblemAlert error={proc.error} focus={false} onRetry={proc.reload} />
        <p>
          <Link href="/app/thu-tuc">← Danh mục thủ tục</Link>
        </p>
      </>
    );
  }
  if (!p) {
    return (
      <p class="loading" role="status">
        Đang tải…
      </p>
    );
  }
  return (
    <>
      <p>
        <Link href="/app/thu-tuc">← Danh mục thủ tục</Link>
      </p>
      <PageHeader
        title={p.name}
        lead={`Mã ${p.code} · ${p.field_name}`}
        actions={
          <div class="button-row button-row--tight">
            {writer ? (
              <>
                <Link href={`/app/thu-tuc/${p.id}/sua`} class="btn btn--primary">
                  Sửa
                </Link>
                <button type="button" class="btn btn--secondary" onClick={() => setChanging(true)}>
                  Đổi trạng thái
                </button>
                <button type="button" class="btn btn--danger" onClick={() => setDeleting(true)}>
                  Xóa
                </button>
              </>
            ) : null}
            <Link href={`/thu-tuc/${p.code}`} class="btn btn--secondary">
              Trang công khai
            </Link>
            {hasPermission(user, 'cost.read') ? (
              <Link href={`/app/thu-tuc/${p.id}/chi-phi`} class="btn btn--secondary">
                Chi phí tuân thủ
              </Link>
            ) : null}
          </div>
        }
      />
      <Notice>{done}</Notice>
      <ProblemAlert error={failure} />
      <ProcedureBadges p={p} />
      {p.missing_components?.length ? (
        <div class="alert alert--info" role="note">
          <p class="alert__title">Chưa công khai đủ 7 bộ phận bắt buộc</p>
          <p>Còn thiếu: {p.missing_components.map((k) => COMPONENT_LABELS[k] || k).join(', ')}.</p>
        </div>
      ) : (
        <p>
          <Badge tone="success">Đã công khai đủ 7 bộ phận</Badge>
        </p>
      )}
      {p.status === 'abolished' && p.replaced_by ? <p>Thay thế bởi thủ tục mã {p.replaced_by}.</p> : null}
      <div class="card">
        <ProcedureFacts p={p} />
        <dl class="facts">
          <dt>Đơn vị thực hiện</dt>
          <dd>{p.agency_unit_name || '—'}</dd>
          <dt>Quy trình nội bộ</dt>
          <dd>
            {p.internal_process_approved
              ? `Đã phê duyệt${p.internal_process_decision_no ? ` (Quyết định số ${p.internal_process_decision_no}` : ''}${p.internal_process_date ? ` ngày ${formatDate(p.internal_process_date)}` : ''}${p.internal_process_decision_no ? ')' : ''}`
              : 'Chưa phê duyệt'}
          </dd>
          {p.status !== 'in_force' ? (
            <>
              <dt>Thay đổi trạng thái</dt>
              <dd>
                {p.status_decision_no ? `Quyết định số ${p.status_decision_no}` : '—'}
                {p.status_date ? ` ngày ${formatDate(p.status_date)}` : ''}
              </dd>
            </>
          ) : null}
          <dt>Cập nhật lần cuối</dt>
          <dd>{formatDateTime(p.updated_at)}</dd>
        </dl>
      </div>
      <ProcedureComponents p={p} />
      <FormsCard p={p} writer={writer} onForms={(forms) => proc.setData({ ...p, forms })} />
      <History id={p.id} version={version} />
      <Modal open={changing} title="Đổi trạng thái thủ tục" onClose={() => setChanging(false)}>
        <StatusForm
          p={p}
          onCancel={() => setChanging(false)}
          onDone={(next) => {
            proc.setData(next);
            setChanging(false);
            setDone('Đã đổi trạng thái thủ tục.');
            setVersion(version + 1);
          }}
        />
      </Modal>
      <ConfirmDialog open={deleting} title="Xóa thủ tục" tone="danger" confirmLabel="Xóa thủ tục" busy={busy} onConfirm={remove} onClose={() => setDeleting(false)}>
        <p>
          Xóa thủ tục <strong>{p.name}</strong> (mã {p.code}) khỏi danh mục? Chỉ xóa khi nhập nhầm; thủ tục không còn hiệu lực thì hãy đổi trạng thái sang
          "Đã bãi bỏ".
        </p>
      </ConfirmDialog>
    </>
  );
}
