// "Tạo các phòng chuyên môn": the standard offices of a district, department or commune (rule set
// standard_offices), previewed with the ones it already has, then created in one step.
import { useState } from 'preact/hooks';
import { Table } from '../components/Table.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { useAsync } from '../hooks.js';

/** The levels under which offices can be created (api/unit_offices.c). */
export const OFFICE_PARENT_LEVELS = ['district', 'department', 'commune'];

export function OfficesForm({ unit, onDone, onCancel }) {
  const preview = useAsync(() => api.post(`/units/${unit.id}/offices`, { preview: true }), [unit.id]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState(null);
  const items = preview.data?.items || [];
  const skipped = preview.data?.skipped || [];
  const create = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const r = await api.post(`/units/${unit.id}/offices`, {});
      onDone(null, `Đã tạo ${r.items.length} phòng chuyên môn cho ${unit.name}.`);
    } catch (e) {
      setFailure(e);
      setSaving(false);
    }
  };
  return (
    <div>
      <p>
        Tạo các phòng chuyên môn theo danh sách chuẩn (Quản trị → Bộ quy tắc → Danh sách phòng chuyên môn chuẩn) dưới{' '}
        <strong>{unit.name}</strong>. Phòng đã có được giữ nguyên.
      </p>
      <ProblemAlert error={preview.error || failure} onRetry={preview.error ? preview.reload : undefined} />
      {preview.loading ? <p aria-live="polite">Đang xem trước…</p> : null}
      {preview.data ? (
        <>
          <p>
            <strong>Sẽ tạo {items.length} phòng</strong>
            {skipped.length ? `, bỏ qua ${skipped.length} phòng đã có` : ''}.
          </p>
          <Table
            caption={`Sẽ tạo ${items.length} phòng`}
            columns={[
              { key: 'code', label: 'Mã', render: (o) => <code>{o.code}</code> },
              { key: 'name', label: 'Tên phòng', render: (o) => o.name },
            ]}
            rows={items}
            rowKey={(o) => o.code}
            className="stack-table"
            empty="Đơn vị đã có đủ các phòng chuyên môn chuẩn."
          />
          {skipped.length ? (
            <Table
              caption={`Bỏ qua ${skipped.length} phòng`}
              columns={[
                { key: 'name', label: 'Tên phòng', render: (o) => o.name },
                { key: 'reason', label: 'Lý do', render: (o) => o.reason },
              ]}
              rows={skipped}
              rowKey={(o) => o.code}
              className="stack-table"
            />
          ) : null}
        </>
      ) : null}
      <div class="form-actions">
        <button type="button" class="btn btn--primary" disabled={saving || !items.length} onClick={create}>
          {saving ? 'Đang tạo…' : `Tạo ${items.length} phòng`}
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </div>
  );
}
