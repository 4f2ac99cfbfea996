// Late-dossier accountability (issue 20). /cong-khai-tre-han: the monthly public list of units with
// late dossiers (officers named only when the month's rule set says so). /app/chi-so/tre-han: the
// staff's list of late dossiers with what is recorded; /app/chi-so/tre-han/:id: one dossier's
// explanations and apology letters, with the forms that record them (each with its file).
import { useState } from 'preact/hooks';
import { PageHeader, PublicLayout } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Table } from '../components/Table.jsx';
import { Badge } from '../components/Badge.jsx';
import { DateField, SelectField, TextField, Wrap } from '../components/Field.jsx';
import { Notice, ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { hasPermission } from '../auth.js';
import { formatDate, formatDateTime, formatNumber, lastCompleteMonth, todayISO } from '../format.js';
import { useAsync, usePageTitle } from '../hooks.js';
import { navigate, queryOf, withQuery } from '../router.js';

const pct = (x) => `${formatNumber(Math.round(x * 1000) / 10, 1)} %`;
const monthLabel = (m) => `tháng ${m.slice(5, 7)}/${m.slice(0, 4)}`;

/* --- the public monthly list --- */

export function PublicLateUnits({ search }) {
  usePageTitle('Công khai đơn vị có hồ sơ trễ hạn');
  const q = queryOf(search || '');
  const month = /^\d{4}-\d{2}$/.test(q.thang || '') ? q.thang : lastCompleteMonth().from.slice(0, 7);
  const data = useAsync(() => api.get('/public/late-units', { month }, { auth: false }), [month]);
  const d = data.data;
  return (
    <PublicLayout>
      <PageHeader title="Công khai danh sách đơn vị có hồ sơ trễ hạn" lead="Các đơn vị có hồ sơ thủ tục hành chính giải quyết quá hạn trong tháng, tỷ lệ đã giải trình và đã xin lỗi người dân, tổ chức." />
      <div class="filters">
        <Wrap id="lu-month" label="Tháng">
          <input id="lu-month" type="month" class="input" value={month} max={todayISO().slice(0, 7)} onChange={(e) => e.currentTarget.value && navigate(withQuery('/cong-khai-tre-han', { thang: e.currentTarget.value }), { replace: true })} />
        </Wrap>
      </div>
      <ProblemAlert error={data.error} onRetry={data.reload} />
      {d ? (
        <>
          <p data-testid="lu-officers-note">
            {d.officers_published
              ? `Theo quy định áp dụng cho ${monthLabel(d.month)}, danh sách nêu tên cán bộ có từ ${formatNumber(d.officers_min_count)} hồ sơ trễ hạn trở lên.`
              : `Quy định áp dụng cho ${monthLabel(d.month)} không công khai tên cán bộ.`}
          </p>
          <Table
            caption={`Đơn vị có hồ sơ trễ hạn ${monthLabel(d.month)}`}
            className="stack-table"
            rowKey={(r) => r.unit_id}
            empty={`Không có đơn vị nào có hồ sơ trễ hạn trong ${monthLabel(d.month)}.`}
            columns={[
              { key: 'unit_name', label: 'Đơn vị' },
              { key: 'late', label: 'Hồ sơ trễ hạn', render: (r) => formatNumber(r.late) },
              { key: 'explained_share', label: 'Đã giải trình', render: (r) => pct(r.explained_share) },
              { key: 'apologised_share', label: 'Đã xin lỗi', render: (r) => pct(r.apologised_share) },
              ...(d.officers_published
                ? [{ key: 'officers', label: 'Cán bộ', render: (r) => (r.officers?.length ? r.officers.map((o) => `${o.name} (${formatNumber(o.late)})`).join('; ') : '—') }]
                : []),
            ]}
            rows={d.items}
          />
        </>
      ) : null}
    </PublicLayout>
  );
}

/* --- the staff's list --- */

const MISSING = [
  { value: '', label: 'Tất cả hồ sơ trễ hạn' },
  { value: 'explanation', label: 'Chưa có văn bản giải trình' },
  { value: 'apology', label: 'Chưa xin lỗi' },
];

export function LateDossiers({ search }) {
  usePageTitle('Hồ sơ trễ hạn: giải trình, xin lỗi');
  const q = queryOf(search || '');
  const def = lastCompleteMonth();
  const from = q.tu || def.from;
  const to = q.den || def.to;
  const missing = q.thieu || '';
  const page = Number(q.trang) || 1;
  const set = (patch) => navigate(withQuery('/app/chi-so/tre-han', { ...q, ...patch }), { replace: true });
  const data = useAsync(() => api.get('/kpi/late-dossiers', { from, to, missing: missing || undefined, page, per_page: 50 }), [from, to, missing, page]);
  const d = data.data;
  const pages = d ? Math.max(1, Math.ceil(d.total / d.per_page)) : 1;
  return (
    <>
      <PageHeader title="Hồ sơ trễ hạn: giải trình, xin lỗi" lead="Hồ sơ giải quyết quá hạn của đơn vị và cấp dưới, với văn bản giải trình và phiếu xin lỗi đã ghi nhận." />
      <div class="filters">
        <DateField id="ld-from" label="Từ ngày" value={from} onValue={(v) => v && set({ tu: v, trang: '' })} />
        <DateField id="ld-to" label="Đến ngày" value={to} onValue={(v) => v && set({ den: v, trang: '' })} />
        <SelectField id="ld-missing" label="Lọc" value={missing} options={MISSING} onValue={(v) => set({ thieu: v, trang: '' })} />
      </div>
      <ProblemAlert error={data.error} onRetry={data.reload} />
      {d ? (
        <>
          <p>
            {formatNumber(d.total)} hồ sơ{d.unit ? ` — ${d.unit.name}` : ''}
          </p>
          <Table
            caption="Hồ sơ trễ hạn"
            className="stack-table"
            loading={data.loading}
            empty="Không có hồ sơ trễ hạn phù hợp."
            columns={[
              { key: 'code', label: 'Mã hồ sơ', render: (r) => <Link href={`/app/chi-so/tre-han/${r.id}`}>{r.code}</Link> },
              { key: 'unit_name', label: 'Đơn vị' },
              { key: 'handler_name', label: 'Cán bộ xử lý', render: (r) => r.handler_name || '—' },
              { key: 'due_date', label: 'Hạn', render: (r) => formatDate(r.due_date) },
              { key: 'finished_date', label: 'Hoàn thành', render: (r) => formatDate(r.finished_date) },
              { key: 'days_late', label: 'Số ngày trễ', render: (r) => formatNumber(r.days_late) },
              { key: 'has_explanation', label: 'Giải trình', render: (r) => (r.has_explanation ? <Badge tone="success">Đã có ({r.explanations})</Badge> : <Badge tone="warning">Chưa có</Badge>) },
              { key: 'apology_issued', label: 'Xin lỗi', render: (r) => (r.apology_issued ? <Badge tone="success">Đã xin lỗi</Badge> : <Badge tone="warning">Chưa</Badge>) },
            ]}
            rows={d.items}
          />
          {pages > 1 ? (
            <div class="button-row">
              <button type="button" class="btn btn--secondary btn--small" disabled={page <= 1} onClick={() => set({ trang: page - 1 })}>
                Trang trước
              </button>
              <span>
                Trang {page}/{pages}
              </span>
              <button type="button" class="btn btn--secondary btn--small" disabled={page >= pages} onClick={() => set({ trang: page + 1 })}>
                Trang sau
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/* --- one dossier's records --- */

const SENT_VIA = [
  { value: 'direct', label: 'Trao trực tiếp' },
  { value: 'postal', label: 'Qua bưu chính' },
  { value: 'email', label: 'Thư điện tử' },
  { value: 'sms', label: 'Tin nhắn' },
  { value: 'portal', label: 'Cổng dịch vụ công' },
];
const sentLabel = (v) => SENT_VIA.find((s) => s.value === v)?.label || v;
const LABELS = {
  doc_no: 'Số văn bản',
  doc_date: 'Ngày văn bản',
  reason: 'Lý do trễ hạn',
  letter_no: 'Số phiếu',
  letter_date: 'Ngày phiếu',
  sent_via: 'Hình thức gửi',
  new_due_date: 'Ngày hẹn trả mới',
  file: 'Tệp đính kèm',
};

/** A form that posts its fields and one file as multipart; onSaved(message) reloads. */
function RecordForm({ id, title, path, fields, initial, onSaved }) {
  const [values, setValues] = useState(initial);
  const [file, setFile] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const fd = new FormData();
    for (const [k, v] of Object.entries(values)) if (v) fd.append(k, v);
    if (file) fd.append('file', file);
    try {
      await api.post(path, fd);
      setValues(initial);
      setFile(null);
      e.currentTarget?.reset?.();
      onSaved(`Đã ghi nhận ${title.toLowerCase()}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const on = (k) => (v) => setValues((x) => ({ ...x, [k]: v ?? '' }));
  return (
    <form class="card" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid={`${id}-form`}>
      <h3 id={`${id}-title`} class="card__title">
        Ghi nhận {title.toLowerCase()}
      </h3>
      <ProblemAlert error={error} fieldLabels={LABELS} idPrefix={`${id}-`} />
      {fields.map((f) =>
        f.type === 'date' ? (
          <DateField key={f.name} id={`${id}-${f.name}`} label={LABELS[f.name]} required={f.required} value={values[f.name]} onValue={on(f.name)} />
        ) : f.type === 'select' ? (
          <SelectField key={f.name} id={`${id}-${f.name}`} label={LABELS[f.name]} required value={values[f.name]} options={SENT_VIA} onValue={on(f.name)} />
        ) : (
          <TextField key={f.name} id={`${id}-${f.name}`} label={LABELS[f.name]} required value={values[f.name]} onValue={on(f.name)} />
        ),
      )}
      <Wrap id={`${id}-file`} label={LABELS.file} hint="PDF, Word, Excel hoặc ảnh; tối đa 5 MB" required>
        <input id={`${id}-file`} type="file" class="input" required accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg" onChange={(e) => setFile(e.currentTarget.files[0] || null)} />
      </Wrap>
      <button type="submit" class="btn btn--primary" disabled={busy}>
        Lưu {title.toLowerCase()}
      </button>
    </form>
  );
}

function FileLink({ base, r }) {
  return (
    <a href={`/api/v1${base}/${r.id}/file`} download={r.file_name}>
      {r.file_name}
    </a>
  );
}

export function LateDossier({ user, params }) {
  const id = params.id;
  usePageTitle('Giải trình, xin lỗi hồ sơ trễ hạn');
  const ex = useAsync(() => api.get(`/dossiers/${id}/explanations`), [id]);
  const ap = useAsync(() => api.get(`/dossiers/${id}/apologies`), [id]);
  const [notice, setNotice] = useState('');
  const d = ex.data?.dossier || ap.data?.dossier;
  const canWrite = hasPermission(user, 'dossiers.account') && d?.late;
  const saved = (reload) => (message) => {
    setNotice(message);
    reload();
    ex.reload();
    ap.reload();
  };
  return (
    <>
      <PageHeader title={d ? `Hồ sơ ${d.code}` : 'Hồ sơ trễ hạn'} lead="Văn bản giải trình và phiếu xin lỗi, hẹn lại ngày trả kết quả." />
      <p>
        <Link href="/app/chi-so/tre-han">← Danh sách hồ sơ trễ hạn</Link>
      </p>
      <ProblemAlert error={ex.error || ap.error} onRetry={() => (ex.reload(), ap.reload())} />
      {notice ? <Notice>{notice}</Notice> : null}
      {d ? (
        <section class="card" aria-label="Thông tin hồ sơ">
          <dl class="facts">
            <dt>Đơn vị</dt>
            <dd>{d.unit_name}</dd>
            <dt>Cán bộ xử lý</dt>
            <dd>{d.handler_name || '—'}</dd>
            <dt>Hạn giải quyết</dt>
            <dd>{formatDateTime(d.due_at || d.received_at)}</dd>
            <dt>Hoàn thành</dt>
            <dd>{d.finished_at ? formatDateTime(d.finished_at) : 'Đang giải quyết'}</dd>
            <dt>Xin lỗi</dt>
            <dd data-testid="ld-apology">{d.apology_issued ? <Badge tone="success">Đã xin lỗi</Badge> : <Badge tone="warning">Chưa xin lỗi</Badge>}</dd>
          </dl>
          {!d.late ? <p>Hồ sơ không trễ hạn: không cần giải trình, xin lỗi.</p> : null}
        </section>
      ) : null}
      <h2>Văn bản giải trình</h2>
      <Table
        caption="Văn bản giải trình"
        className="stack-table"
        rows={ex.data?.items}
        loading={ex.loading}
        empty="Chưa có văn bản giải trình."
        columns={[
          { key: 'doc_no', label: 'Số văn bản' },
          { key: 'doc_date', label: 'Ngày', render: (r) => formatDate(r.doc_date) },
          { key: 'reason', label: 'Lý do' },
          { key: 'recorded_unit_name', label: 'Đơn vị ghi nhận' },
          { key: 'file_name', label: 'Tệp', render: (r) => <FileLink base={`/dossiers/${id}/explanations`} r={r} /> },
        ]}
      />
      <h2>Phiếu xin lỗi</h2>
      <Table
        caption="Phiếu xin lỗi"
        className="stack-table"
        rows={ap.data?.items}
        loading={ap.loading}
        empty="Chưa có phiếu xin lỗi."
        columns={[
          { key: 'letter_no', label: 'Số phiếu' },
          { key: 'letter_date', label: 'Ngày', render: (r) => formatDate(r.letter_date) },
          { key: 'sent_via', label: 'Hình thức gửi', render: (r) => sentLabel(r.sent_via) },
          { key: 'new_due_date', label: 'Hẹn trả mới', render: (r) => (r.new_due_date ? formatDate(r.new_due_date) : '—') },
          { key: 'file_name', label: 'Tệp', render: (r) => <FileLink base={`/dossiers/${id}/apologies`} r={r} /> },
        ]}
      />
      {canWrite ? (
        <div class="stack">
          <RecordForm
            id="ld-ex"
            title="Văn bản giải trình"
            path={`/dossiers/${id}/explanations`}
            fields={[{ name: 'doc_no' }, { name: 'doc_date', type: 'date', required: true }, { name: 'reason' }]}
            initial={{ doc_no: '', doc_date: '', reason: '' }}
            onSaved={saved(ex.reload)}
          />
          <RecordForm
            id="ld-ap"
            title="Phiếu xin lỗi"
            path={`/dossiers/${id}/apologies`}
            fields={[{ name: 'letter_no' }, { name: 'letter_date', type: 'date', required: true }, { name: 'sent_via', type: 'select' }, { name: 'new_due_date', type: 'date' }]}
            initial={{ letter_no: '', letter_date: '', sent_via: 'direct', new_due_date: '' }}
            onSaved={saved(ap.reload)}
          />
        </div>
      ) : null}
    </>
  );
}
