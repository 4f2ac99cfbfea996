// The procedures a task of a review plan names (issue 17), on the task page: each with its forms,
// and for who may write the plan, adding a procedure by its code or naming a field.
import { useState } from 'preact/hooks';
import { Link } from '../components/Link.jsx';
import { SelectField, TextField } from '../components/Field.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { Table } from '../components/Table.jsx';
import { api } from '../api.js';
import { useAsync } from '../hooks.js';

const STATUS = { in_force: 'Đang có hiệu lực', amended: 'Đã sửa đổi', abolished: 'Đã bãi bỏ' };

export function ReviewTargets({ task }) {
  const targets = useAsync(() => api.get(`/tasks/${task.id}/review-targets`), [task.id]);
  const plan = useAsync(() => api.get(`/plans/${task.plan_id}`, { assignments: false }), [task.plan_id]);
  const canEdit = !!plan.data?.can_edit && plan.data?.status !== 'closed';
  const fields = useAsync(() => (canEdit ? api.get('/procedure-fields') : null), [canEdit]);
  const [code, setCode] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const t = targets.data;
  const put = async (ids, fieldId) => {
    setBusy(true);
    setError(null);
    try {
      targets.setData(await api.put(`/tasks/${task.id}/review-targets`, { procedure_ids: ids, field_id: fieldId }));
      setCode('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const add = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      const found = await api.get('/procedures', { q: code.trim(), per_page: 20 });
      const p = (found.items || []).find((x) => x.code === code.trim());
      if (!p) {
        setError({ title: 'Không tìm thấy thủ tục', detail: `Không có thủ tục mã ${code.trim()} trong danh mục.`, fieldErrors: {} });
        return;
      }
      await put([...t.procedures.map((x) => x.id), p.id], t.field?.id ?? null);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="card" aria-labelledby="task-review">
      <h2 id="task-review" class="card__title">
        Thủ tục được giao rà soát
      </h2>
      <ProblemAlert error={error || targets.error} onRetry={targets.error ? targets.reload : undefined} />
      {t?.field ? <p>Lĩnh vực: {t.field.name} (các thủ tục đang có hiệu lực khi ban hành kế hoạch)</p> : null}
      <Table
        caption="Thủ tục được giao rà soát"
        loading={targets.loading}
        rows={t?.procedures}
        className="stack-table"
        empty="Nhiệm vụ chưa có thủ tục nào."
        columns={[
          { key: 'code', label: 'Mã', render: (p) => <Link href={`/app/thu-tuc/${p.id}`}>{p.code}</Link> },
          { key: 'name', label: 'Tên thủ tục' },
          { key: 'status', label: 'Trạng thái', render: (p) => STATUS[p.status] || p.status },
          { key: 'forms', label: 'Phiếu rà soát', render: (p) => (p.forms ? <Link href={`/app/ra-soat?ke_hoach=${task.plan_id}&thu_tuc=${p.id}`}>{p.forms} phiếu</Link> : '—') },
        ]}
      />
      {canEdit && t ? (
        <form class="filters" aria-label="Thêm thủ tục cần rà soát" onSubmit={add} noValidate>
          <TextField id="rv-add-code" label="Mã thủ tục cần rà soát" hint="Ví dụ 1.000080" value={code} onValue={setCode} />
          <SelectField
            id="rv-field"
            label="Hoặc cả lĩnh vực"
            placeholder="Không chọn"
            options={(fields.data?.items || []).map((f) => ({ value: String(f.id), label: f.name }))}
            value={t.field ? String(t.field.id) : ''}
            onValue={(v) => put(t.procedures.map((x) => x.id), v ? Number(v) : null)}
          />
          <div class="filters__actions">
            <button type="submit" class="btn btn--primary" disabled={busy || !code.trim()}>
              Thêm thủ tục
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
