// /app/chi-so/nap-ho-so: CSV upload of dossiers from the one-stop system, sent in parts to
// POST /api/v1/dossiers/bulk (text/csv) with a progress bar and the rejected rows listed.
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { usePageTitle } from '../hooks.js';
import { PageHeader } from '../components/Layout.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { Link } from '../components/Link.jsx';
import { formatNumber } from '../format.js';
import { DataTable, exportXlsx } from './DashboardWidgets.jsx';

const ROWS_PER_PART = 5000;
export const CSV_COLUMNS = [
  'code', 'procedure_code', 'unit_code', 'channel', 'online_level', 'received_at', 'due_at',
  'finished_at', 'returned_at', 'status', 'supplement_count', 'digitized', 'result_electronic',
  'reused_data', 'fee', 'paid_online', 'rating', 'apology_issued', 'internal_transfer', 'handler_name',
  'handler_code',
];

/** Splits CSV text into records (quoted cells may hold line breaks); returns [start, end) offsets. */
export function recordBounds(text) {
  const out = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length && text.slice(start).trim()) out.push([start, text.length]);
  return out;
}

/** One part of the CSV through the API client (session refresh, CSRF header, ApiError). */
function postCsv(text) {
  return api.post('/dossiers/bulk', new Blob([text], { type: 'text/csv; charset=utf-8' }));
}

const REJECT_COLUMNS = [
  { key: 'line', label: 'Dòng', type: 'number' },
  { key: 'code', label: 'Mã hồ sơ', type: 'text' },
  { key: 'errors', label: 'Lỗi', type: 'text', value: (r) => r.errors.map((e) => `${e.field}: ${e.message}`).join('; ') },
];

export function DashboardIngest() {
  usePageTitle('Nạp dữ liệu hồ sơ');
  const file = useRef(null);
  const [state, setState] = useState({ running: false, done: 0, total: 0, inserted: 0, updated: 0, rejected: [], rejectedTotal: 0, finished: false });
  const [error, setError] = useState(null);

  const run = async (e) => {
    e.preventDefault();
    setError(null);
    const f = file.current && file.current.files[0];
    if (!f) {
      setError(new ApiError({ status: 422, title: 'Chưa chọn tệp', detail: 'Hãy chọn một tệp CSV theo mẫu.' }));
      return;
    }
    const text = (await f.text()).replace(/^\uFEFF/, '');
    const bounds = recordBounds(text);
    if (bounds.length < 2) {
      setError(new ApiError({ status: 422, title: 'Tệp không có dữ liệu', detail: 'Tệp cần dòng tiêu đề và ít nhất một hồ sơ.' }));
      return;
    }
    const header = text.slice(bounds[0][0], bounds[0][1]).replace(/\r?\n$/, '');
    const records = bounds.slice(1);
    const parts = Math.ceil(records.length / ROWS_PER_PART);
    let s = { running: true, done: 0, total: records.length, inserted: 0, updated: 0, rejected: [], rejectedTotal: 0, finished: false };
    setState(s);
    // Lines in the file: the header is line 1; each part restarts its own numbering.
    const lineOf = [];
    let line = 1;
    for (let i = 0, r = 0; i < text.length && r < bounds.length; i++) {
      if (i === bounds[r][0]) lineOf[r++] = line;
      if (text[i] === '\n') line++;
    }
    try {
      for (let p = 0; p < parts; p++) {
        const slice = records.slice(p * ROWS_PER_PART, (p + 1) * ROWS_PER_PART);
        const body = `${header}\r\n${slice.map(([a, b]) => text.slice(a, b).replace(/\r?\n$/, '')).join('\r\n')}\r\n`;
        const res = await postCsv(body);
        const base = p * ROWS_PER_PART;
        const rejected = res.rejected.map((x) => ({ ...x, line: lineOf[base + x.index + 1] }));
        s = {
          ...s,
          done: s.done + slice.length,
          inserted: s.inserted + res.inserted,
          updated: s.updated + res.updated,
          rejected: s.rejected.concat(rejected).slice(0, 2000),
          rejectedTotal: s.rejectedTotal + res.rejected_total,
        };
        setState(s);
      }
      setState({ ...s, running: false, finished: true });
    } catch (err) {
      setState({ ...s, running: false });
      setError(err);
    }
  };

  const template = async () => {
    await exportXlsx('mau-du-lieu-ho-so', 'Mẫu', CSV_COLUMNS.map((c) => ({ key: c, label: c, type: 'text' })), []);
  };
  const pctDone = state.total ? Math.round((state.done / state.total) * 100) : 0;

  return (
    <>
      <PageHeader title="Nạp dữ liệu hồ sơ" lead="Tải lên tệp CSV xuất từ hệ thống một cửa điện tử; hồ sơ trùng mã sẽ được cập nhật." />
      <p>
        <Link href="/app/chi-so">← Về trang chỉ số</Link>
      </p>
      <section class="card" aria-labelledby="ingest-title">
        <h2 id="ingest-title" class="card__title">
          Tệp dữ liệu
        </h2>
        <p class="small">
          Dòng đầu là tiêu đề với các cột: <code class="kpi-code">{CSV_COLUMNS.join(', ')}</code>. Thời điểm theo ISO 8601 có múi giờ
          (ví dụ <code class="kpi-code">2024-03-05T08:15:00+07:00</code>); phân tách bằng dấu phẩy hoặc chấm phẩy.
        </p>
        <form onSubmit={run} class="kpi-ingest">
          <label class="field__label" for="ingest-file">
            Tệp CSV
          </label>
          <input id="ingest-file" ref={file} type="file" accept=".csv,text/csv" class="input" disabled={state.running} />
          <div class="button-row">
            <button type="submit" class="btn btn--primary" disabled={state.running}>
              {state.running ? 'Đang nạp…' : 'Nạp dữ liệu'}
            </button>
            <button type="button" class="btn btn--secondary" onClick={template}>
              Tải tệp mẫu (.xlsx)
            </button>
          </div>
        </form>
        <ProblemAlert error={error} />
        {state.total ? (
          <div class="kpi-progress" aria-live="polite">
            <label for="ingest-progress">
              Đã gửi {formatNumber(state.done)}/{formatNumber(state.total)} hồ sơ ({pctDone} %)
            </label>
            <progress id="ingest-progress" max={state.total} value={state.done} />
            <p>
              Thêm mới <strong>{formatNumber(state.inserted)}</strong> · cập nhật <strong>{formatNumber(state.updated)}</strong> · bị từ chối{' '}
              <strong>{formatNumber(state.rejectedTotal)}</strong>
            </p>
            {state.finished ? (
              <p class="alert alert--success" role="status">
                Đã nạp xong tệp.
              </p>
            ) : null}
          </div>
        ) : null}
      </section>
      {state.rejected.length ? (
        <section class="card" aria-labelledby="rejected-title">
          <h2 id="rejected-title" class="card__title">
            Hồ sơ bị từ chối
          </h2>
          <DataTable caption="Hồ sơ bị từ chối" columns={REJECT_COLUMNS} rows={state.rejected} rowKey={(r) => `${r.line}-${r.code}`} />
        </section>
      ) : null}
    </>
  );
}
