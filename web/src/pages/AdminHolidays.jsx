// /app/quan-tri/ngay-nghi — the calendar that working-day deadlines use:
// public holidays ("Nghỉ") and the weekend days worked in exchange ("Làm bù"),
// one year at a time; add or replace a day, delete one after confirming.
import { useRef, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Table } from '../components/Table.jsx';
import { Badge } from '../components/Badge.jsx';
import { ConfirmDialog } from '../components/Modal.jsx';
import { TextField, SelectField, DateField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatDate, formatNumber, todayISO } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import '../plans.css';

export const HOLIDAY_KINDS = [
  { value: 'holiday', label: 'Nghỉ' },
  { value: 'workday', label: 'Làm bù' },
];
const kindLabel = (k) => HOLIDAY_KINDS.find((x) => x.value === k)?.label || k || '';

const WEEKDAYS = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];

/** "2023-01-22" → "Chủ nhật" (the calendar day, whatever the browser's zone). */
export function weekdayVN(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ''));
  if (!m) return '';
  return WEEKDAYS[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()];
}

const LABELS = { day: 'Ngày', name: 'Tên ngày nghỉ', kind: 'Loại ngày' };
const EMPTY = { day: '', name: '', kind: 'holiday' };

function yearOptions(current, selected) {
  const years = new Set();
  for (let y = current - 6; y <= current + 3; y += 1) years.add(y);
  years.add(selected);
  return [...years].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }));
}

function HolidayForm({ form, onSubmit }) {
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="hol-form-title">
      <ProblemAlert error={form.failure} fieldLabels={LABELS} idPrefix="hol-" />
      <div class="form-grid">
        <DateField id="hol-day" label={LABELS.day} required {...form.field('day')} />
        <TextField id="hol-name" label={LABELS.name} hint="Ví dụ: Tết Nguyên đán, Quốc khánh" required autoComplete="off" maxLength={200} {...form.field('name')} />
        <SelectField id="hol-kind" label={LABELS.kind} hint="Làm bù: ngày cuối tuần phải đi làm" required options={HOLIDAY_KINDS} {...form.field('kind')} />
      </div>
      <p class="field__hint">Nếu ngày đã có trong danh sách, thông tin của ngày đó sẽ được thay thế.</p>
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          {form.submitting ? 'Đang lưu…' : 'Lưu ngày'}
        </button>
        <button type="button" class="btn btn--secondary" onClick={() => form.reset(EMPTY)}>
          Nhập lại
        </button>
      </div>
    </form>
  );
}

export function AdminHolidays() {
  usePageTitle('Ngày nghỉ, ngày làm bù');
  const currentYear = Number(todayISO().slice(0, 4));
  const [year, setYear] = useState(currentYear);
  const [notice, setNotice] = useState('');
  const [deleting, setDeleting] = useState(null);
  const [busy, setBusy] = useState(false);
  const [deleteError, setDeleteError] = useState(null);
  const formRef = useRef(null);
  const list = useAsync(() => api.get('/holidays', { year }).then((body) => ({ ...body, year })), [year]);
  // Until the new year's answer arrives, show it as loading, not last year's rows.
  const loading = list.loading || (!list.error && list.data?.year !== year);
  const rows = [...(loading ? [] : list.data?.items || [])].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const form = useForm(EMPTY);

  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        const body = { day: v.day, name: v.name.trim(), kind: v.kind };
        await api.post('/holidays', body);
        setNotice(`Đã lưu ngày ${formatDate(body.day)} (${kindLabel(body.kind)}): ${body.name}.`);
        form.reset(EMPTY);
        const y = Number(body.day.slice(0, 4));
        if (y !== year) setYear(y);
        else list.reload();
      },
      (v) => ({
        day: v.day === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : !v.day ? 'Hãy nhập ngày.' : '',
        name: v.name.trim().length < 2 ? 'Hãy nhập tên ngày (ít nhất 2 ký tự).' : '',
      }),
    );

  const edit = (r) => {
    setNotice('');
    form.reset({ day: r.day, name: r.name || '', kind: r.kind || 'holiday' });
    const input = document.getElementById('hol-name');
    if (formRef.current) formRef.current.scrollIntoView({ block: 'start' });
    if (input) input.focus({ preventScroll: true });
  };

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(null);
    try {
      await api.del(`/holidays/${deleting.day}`);
      setNotice(`Đã xóa ngày ${formatDate(deleting.day)}: ${deleting.name}.`);
      setDeleting(null);
      list.reload();
    } catch (err) {
      setDeleteError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { key: 'day', label: 'Ngày', className: 'nowrap', render: (r) => formatDate(r.day) },
    { key: 'weekday', label: 'Thứ', className: 'nowrap', render: (r) => weekdayVN(r.day) },
    { key: 'name', label: 'Tên', render: (r) => r.name },
    {
      key: 'kind',
      label: 'Loại',
      render: (r) => <Badge tone={r.kind === 'workday' ? 'info' : 'warning'}>{kindLabel(r.kind)}</Badge>,
    },
    {
      key: 'actions',
      label: 'Thao tác',
      className: 'table__actions',
      render: (r) => (
        <span class="button-row button-row--tight">
          <button type="button" class="btn btn--ghost btn--small" onClick={() => edit(r)}>
            Sửa<span class="sr-only"> ngày {formatDate(r.day)}</span>
          </button>
          <button
            type="button"
            class="btn btn--ghost btn--small"
            onClick={() => {
              setNotice('');
              setDeleteError(null);
              setDeleting(r);
            }}
          >
            Xóa<span class="sr-only"> ngày {formatDate(r.day)}</span>
          </button>
        </span>
      ),
    },
  ];

  const holidays = rows.filter((r) => r.kind !== 'workday').length;
  return (
    <>
      <PageHeader
        title="Ngày nghỉ, ngày làm bù"
        lead="Lịch dùng để tính thời hạn theo ngày làm việc: ngày nghỉ lễ, Tết và ngày cuối tuần phải làm bù."
      />
      <Notice>{notice}</Notice>
      <div class="toolbar">
        <SelectField
          id="hol-year"
          label="Năm"
          options={yearOptions(currentYear, year)}
          value={String(year)}
          onValue={(v) => {
            setNotice('');
            setYear(Number(v));
          }}
        />
        <p class="muted toolbar__grow" role="status">
          {loading ? '' : `${formatNumber(holidays)} ngày nghỉ, ${formatNumber(rows.length - holidays)} ngày làm bù trong năm ${year}.`}
        </p>
      </div>
      <ProblemAlert error={list.error} focus={false} onRetry={list.reload} />
      <Table
        caption={`Ngày nghỉ, ngày làm bù năm ${year}`}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.day}
        className="stack-table"
        loading={loading}
        empty={`Chưa có ngày nghỉ hay ngày làm bù nào trong năm ${year}.`}
      />
      <section class="card" aria-labelledby="hol-form-title" ref={formRef}>
        <h2 id="hol-form-title" class="card__title">
          Thêm hoặc sửa ngày
        </h2>
        <HolidayForm form={form} onSubmit={onSubmit} />
      </section>
      <ConfirmDialog
        open={!!deleting}
        title="Xóa ngày nghỉ"
        confirmLabel="Xóa"
        tone="danger"
        busy={busy}
        onConfirm={remove}
        onClose={() => setDeleting(null)}
      >
        <ProblemAlert error={deleteError} />
        {deleting ? (
          <p>
            Xóa ngày {formatDate(deleting.day)} ({weekdayVN(deleting.day)}) — {deleting.name} ({kindLabel(deleting.kind)}) khỏi lịch?{' '}
            {deleting.kind === 'workday'
              ? 'Ngày này sẽ không còn là ngày làm bù khi tính thời hạn.'
              : 'Ngày này sẽ không còn là ngày nghỉ khi tính thời hạn.'}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
