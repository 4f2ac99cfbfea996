// /app/thu-tuc/nhap — import procedures from the national database's export (CSV or Excel .xlsx):
// check the file first (nothing is written), then import; the report lists every row with what
// happened to it and why a row was refused, by the row number the spreadsheet shows.
import { useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Table } from '../components/Table.jsx';
import { Badge } from '../components/Badge.jsx';
import { CheckboxField } from '../components/Field.jsx';
import { ProblemAlert, Notice } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { formatNumber } from '../format.js';
import { usePageTitle } from '../hooks.js';

const ROW_STATUS = {
  created: { label: 'Thêm mới', tone: 'success' },
  updated: { label: 'Cập nhật', tone: 'info' },
  unchanged: { label: 'Không thay đổi', tone: 'neutral' },
  error: { label: 'Lỗi', tone: 'danger' },
};
const MAX_BYTES = 16 * 1024 * 1024;

function Report({ report, onlyProblems }) {
  const rows = report.rows.filter((r) => !onlyProblems || r.status === 'error' || r.warnings?.length);
  return (
    <>
      <ul class="proc-summary" aria-label="Kết quả">
        <li>
          <strong>{formatNumber(report.total)}</strong> dòng dữ liệu
        </li>
        <li>
          <strong>{formatNumber(report.created)}</strong> {report.dry_run ? 'sẽ thêm mới' : 'thêm mới'}
        </li>
        <li>
          <strong>{formatNumber(report.updated)}</strong> {report.dry_run ? 'sẽ cập nhật' : 'cập nhật'}
        </li>
        <li>
          <strong>{formatNumber(report.unchanged)}</strong> không thay đổi
        </li>
        <li>
          <strong>{formatNumber(report.failed)}</strong> dòng lỗi
        </li>
      </ul>
      <p class="muted small">Các cột đã đọc: {report.columns.join(', ')}.</p>
      {report.fields_created.length ? (
        <p>
          Lĩnh vực {report.dry_run ? 'sẽ được tạo' : 'đã tạo'}: {report.fields_created.join(', ')}.
        </p>
      ) : null}
      <Table
        caption="Kết quả từng dòng"
        rows={rows}
        rowKey={(r) => r.row}
        empty="Không có dòng nào có lỗi hoặc cảnh báo."
        columns={[
          { key: 'row', label: 'Dòng', className: 'num' },
          { key: 'code', label: 'Mã thủ tục', render: (r) => <span class="proc-code">{r.code || '—'}</span> },
          {
            key: 'status',
            label: 'Kết quả',
            render: (r) => <Badge tone={ROW_STATUS[r.status]?.tone}>{ROW_STATUS[r.status]?.label || r.status}</Badge>,
          },
          {
            key: 'messages',
            label: 'Lỗi, cảnh báo',
            render: (r) => (
              <ul class="alert__list">
                {(r.errors || []).map((e, i) => (
                  <li key={`e${i}`}>
                    <strong>{e.column}:</strong> {e.message}
                  </li>
                ))}
                {(r.warnings || []).map((w, i) => (
                  <li key={`w${i}`} class="muted">
                    {w}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </>
  );
}

export function ProcedureImport() {
  usePageTitle('Nhập danh mục thủ tục');
  const [file, setFile] = useState(null);
  const [report, setReport] = useState(null);
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState('');
  const [onlyProblems, setOnlyProblems] = useState(false);

  const send = async (dry) => {
    setFailure(null);
    if (!file) {
      setFailure({ status: 422, title: 'Chưa chọn tệp', detail: 'Hãy chọn tệp CSV hoặc Excel (.xlsx) xuất từ Cơ sở dữ liệu quốc gia.' });
      return;
    }
    if (file.size > MAX_BYTES) {
      setFailure({ status: 413, title: 'Tệp quá lớn', detail: 'Tệp không được lớn hơn 16 MB: hãy chia thành nhiều tệp.' });
      return;
    }
    setBusy(dry ? 'check' : 'import');
    try {
      const type = /\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      const body = new Blob([await file.arrayBuffer()], { type });
      setReport(await api.post('/procedures/import', body, { query: dry ? { dry_run: 1 } : undefined }));
    } catch (err) {
      setReport(null);
      setFailure(err);
    } finally {
      setBusy('');
    }
  };

  return (
    <>
      <p>
        <Link href="/app/thu-tuc">← Danh mục thủ tục</Link>
      </p>
      <PageHeader
        title="Nhập danh mục thủ tục từ tệp"
        lead="Tệp CSV (UTF-8) hoặc Excel (.xlsx) theo mẫu xuất của Cơ sở dữ liệu quốc gia về thủ tục hành chính. Thủ tục được nhận biết theo mã: mã mới được thêm, mã đã có được cập nhật; ô để trống không xóa dữ liệu đang có."
      />
      <div class="card">
        <p>
          Các cột được đọc: <strong>Mã thủ tục</strong>, <strong>Tên thủ tục</strong>, Lĩnh vực, Cấp thực hiện, Cơ quan thực hiện, Thời hạn giải quyết, Phí/lệ phí, Mức độ DVC; và
          nếu có: Trình tự, Cách thức thực hiện, Thành phần hồ sơ, Đối tượng thực hiện, Yêu cầu điều kiện, Kết quả, Căn cứ pháp lý, Số và ngày quyết định công bố. Dòng tiêu đề có
          thể nằm trong 10 dòng đầu của tệp.
        </p>
        <div class="proc-dropzone">
          <div class="field">
            <label for="imp-file" class="field__label">
              Tệp cần nhập
            </label>
            <input
              id="imp-file"
              type="file"
              class="input"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] || null);
                setReport(null);
                setFailure(null);
              }}
            />
          </div>
          {file ? (
            <p class="muted small">
              {file.name} · {formatNumber(Math.ceil(file.size / 1024))} KB
            </p>
          ) : null}
        </div>
        <div class="form-actions">
          <button type="button" class="btn btn--secondary" disabled={!!busy} onClick={() => send(true)}>
            {busy === 'check' ? 'Đang kiểm tra…' : 'Kiểm tra tệp'}
          </button>
          <button type="button" class="btn btn--primary" disabled={!!busy} onClick={() => send(false)}>
            {busy === 'import' ? 'Đang nhập…' : 'Nhập vào danh mục'}
          </button>
        </div>
      </div>
      <ProblemAlert error={failure} />
      {report ? (
        <section aria-labelledby="report-title" class="card">
          <h2 id="report-title" class="card__title">
            {report.dry_run ? 'Kết quả kiểm tra (chưa ghi vào danh mục)' : 'Kết quả nhập'}
          </h2>
          <Notice tone={report.failed ? 'info' : 'success'}>
            {report.dry_run
              ? report.failed
                ? `Có ${formatNumber(report.failed)} dòng lỗi sẽ được bỏ qua; các dòng khác có thể nhập.`
                : 'Tệp hợp lệ: có thể nhập vào danh mục.'
              : `Đã nhập xong: ${formatNumber(report.created)} thêm mới, ${formatNumber(report.updated)} cập nhật${report.failed ? `, ${formatNumber(report.failed)} dòng lỗi bị bỏ qua` : ''}.`}
          </Notice>
          <CheckboxField id="imp-only" label="Chỉ hiện dòng có lỗi hoặc cảnh báo" value={onlyProblems} onValue={setOnlyProblems} />
          <Report report={report} onlyProblems={onlyProblems} />
        </section>
      ) : null}
    </>
  );
}
