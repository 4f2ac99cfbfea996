// The plan page's forms: plan details, a section, a task (with its units and
// a live timeline preview), and deriving a unit's own plan.
import { useMemo } from 'preact/hooks';
import { TextField, SelectField, DateField } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api } from '../api.js';
import { toId } from '../format.js';
import { useForm } from '../hooks.js';
import { PLAN_KINDS, TextAreaField, TimelinePreview, UnitListEditor } from './PlanCommon.jsx';

function Actions({ submitting, label, onCancel }) {
  return (
    <div class="form-actions">
      <button type="submit" class="btn btn--primary" disabled={submitting}>
        {submitting ? 'Đang lưu…' : label}
      </button>
      <button type="button" class="btn btn--secondary" onClick={onCancel}>
        Hủy
      </button>
    </div>
  );
}

const badDate = (v) => (v === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '');

const PLAN_LABELS = { title: 'Tên kế hoạch', kind: 'Loại kế hoạch', decision_no: 'Số quyết định', decision_date: 'Ngày ban hành' };

export function PlanInfoForm({ plan, onDone, onCancel }) {
  const form = useForm({
    title: plan.title || '',
    kind: plan.kind || 'kstt',
    decision_no: plan.decision_no || '',
    decision_date: plan.decision_date ? String(plan.decision_date).slice(0, 10) : '',
  });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        const saved = await api.put(`/plans/${plan.id}`, {
          title: v.title.trim(),
          kind: v.kind,
          decision_no: v.decision_no.trim() || null,
          decision_date: v.decision_date || null,
        });
        onDone(saved, 'Đã lưu thông tin kế hoạch.');
      },
      (v) => ({
        title: v.title.trim().length >= 5 ? '' : 'Vui lòng nhập tên kế hoạch (ít nhất 5 ký tự).',
        decision_date: badDate(v.decision_date),
      }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={form.failure} fieldLabels={PLAN_LABELS} idPrefix="pi-" />
      <TextAreaField id="pi-title" label={PLAN_LABELS.title} required rows={2} {...form.field('title')} />
      <SelectField id="pi-kind" label={PLAN_LABELS.kind} options={PLAN_KINDS} {...form.field('kind')} />
      <div class="form-grid">
        <TextField id="pi-decision_no" label={PLAN_LABELS.decision_no} {...form.field('decision_no')} />
        <DateField id="pi-decision_date" label={PLAN_LABELS.decision_date} {...form.field('decision_date')} />
      </div>
      <Actions submitting={form.submitting} label="Lưu thay đổi" onCancel={onCancel} />
    </form>
  );
}

const SECTION_LABELS = { number: 'Số mục', title: 'Tên mục' };

export function SectionForm({ planId, section, onDone, onCancel }) {
  const editing = !!section;
  const form = useForm({ number: section?.number || '', title: section?.title || '' });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        const body = { number: v.number.trim() || null, title: v.title.trim() };
        const saved = editing ? await api.put(`/sections/${section.id}`, body) : await api.post(`/plans/${planId}/sections`, body);
        onDone(saved, editing ? 'Đã lưu mục.' : `Đã thêm mục ${body.number || ''} ${body.title}.`);
      },
      (v) => ({ title: v.title.trim().length >= 2 ? '' : 'Vui lòng nhập tên mục.' }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={form.failure} fieldLabels={SECTION_LABELS} idPrefix="sec-" />
      <TextField id="sec-number" label={SECTION_LABELS.number} hint="Số La Mã như trong văn bản: I, II, III…" className="field--short" {...form.field('number')} />
      <TextAreaField id="sec-title" label={SECTION_LABELS.title} required rows={2} {...form.field('title')} />
      <Actions submitting={form.submitting} label={editing ? 'Lưu mục' : 'Thêm mục'} onCancel={onCancel} />
    </form>
  );
}

const TASK_LABELS = {
  number: 'Số thứ tự',
  title: 'Nhiệm vụ',
  output: 'Kết quả, sản phẩm',
  lead: 'Đơn vị chủ trì',
  coop: 'Đơn vị phối hợp',
  timeline_text: 'Thời gian thực hiện',
  section_id: 'Thuộc mục',
  parent_task_id: 'Nhiệm vụ cha',
};

/**
 * Create or edit a task. parent: the task a new sub-item goes under.
 * choices: unit and group choices for the unit editors.
 */
export function TaskForm({ plan, task, parent, sectionId, choices, onDone, onCancel }) {
  const editing = !!task;
  const form = useForm({
    number: task?.number || '',
    title: task?.title || '',
    output: task?.output || '',
    lead: task?.lead || [],
    coop: task?.coop || [],
    timeline_text: task?.timeline_text || parent?.timeline_text || '',
    section_id: String(task?.section_id ?? parent?.section_id ?? sectionId ?? ''),
  });
  const sections = useMemo(
    () => (plan.sections || []).map((s) => ({ value: String(s.id), label: `${s.number ? `${s.number}. ` : ''}${s.title}` })),
    [plan.sections],
  );
  const v = form.values;
  const onSubmit = (e) =>
    form.submit(
      e,
      async (val) => {
        const body = {
          number: val.number.trim() || null,
          title: val.title.trim(),
          output: val.output.trim() || null,
          lead: val.lead.map((u) => ({ text: u.text, unit_id: u.unit_id ?? null, group: u.group ?? null })),
          coop: val.coop.map((u) => ({ text: u.text, unit_id: u.unit_id ?? null, group: u.group ?? null })),
          timeline_text: val.timeline_text.trim() || null,
          section_id: toId(val.section_id),
        };
        if (!editing && parent) body.parent_task_id = parent.id;
        const saved = editing ? await api.put(`/tasks/${task.id}`, body) : await api.post(`/plans/${plan.id}/tasks`, body);
        onDone(saved, editing ? 'Đã lưu nhiệm vụ.' : 'Đã thêm nhiệm vụ.');
      },
      (val) => ({ title: val.title.trim().length >= 2 ? '' : 'Vui lòng nhập nội dung nhiệm vụ.' }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={form.failure} fieldLabels={TASK_LABELS} idPrefix="task-" />
      {parent ? (
        <p class="muted">
          Nhiệm vụ con của: <strong>{parent.number ? `${parent.number}. ` : ''}{parent.title}</strong>
        </p>
      ) : null}
      <div class="form-grid">
        <TextField id="task-number" label={TASK_LABELS.number} hint="Như trong văn bản: 1, 2, 1.1…" {...form.field('number')} />
        {parent ? null : (
          <SelectField id="task-section_id" label={TASK_LABELS.section_id} options={sections} placeholder="— Không thuộc mục nào —" {...form.field('section_id')} />
        )}
      </div>
      <TextAreaField id="task-title" label={TASK_LABELS.title} required rows={3} {...form.field('title')} />
      <TextAreaField id="task-output" label={TASK_LABELS.output} rows={2} {...form.field('output')} />
      <UnitListEditor
        id="task-lead"
        label={TASK_LABELS.lead}
        hint="Chọn đơn vị cụ thể hoặc nhóm (các sở, ban, ngành; UBND cấp huyện; UBND cấp xã). Khi ban hành, nhóm được giao cho từng đơn vị trong phạm vi của kế hoạch."
        units={v.lead}
        onChange={(l) => form.setValue('lead', l)}
        choices={choices}
      />
      <UnitListEditor id="task-coop" label={TASK_LABELS.coop} units={v.coop} onChange={(l) => form.setValue('coop', l)} choices={choices} />
      <TextField
        id="task-timeline_text"
        label={TASK_LABELS.timeline_text}
        hint="Ghi như trong văn bản, ví dụ: Quý II/2023; Trước ngày 15/01/2023; Thường xuyên; Tháng 01/2023 (Cấp xã: 02/2023)."
        aria-controls="task-tl-preview"
        autoComplete="off"
        {...form.field('timeline_text')}
      />
      <TimelinePreview id="task-tl-preview" text={v.timeline_text} year={plan.year} />
      {editing && plan.status === 'published' ? (
        <p class="muted small">Kế hoạch đã ban hành: đơn vị mới thêm sẽ được giao việc ngay khi lưu; đổi thời gian sẽ đổi hạn của các đơn vị.</p>
      ) : null}
      <Actions submitting={form.submitting} label={editing ? 'Lưu nhiệm vụ' : 'Thêm nhiệm vụ'} onCancel={onCancel} />
    </form>
  );
}

const DERIVE_LABELS = { unit_id: 'Đơn vị', title: 'Tên kế hoạch của đơn vị' };

/** options: [{value, label}] of units that have work in this plan (in the user's scope). */
export function DeriveForm({ plan, options, defaultUnit, onDone, onCancel }) {
  const form = useForm({ unit_id: defaultUnit || options[0]?.value || '', title: '' });
  const onSubmit = (e) =>
    form.submit(
      e,
      async (v) => {
        const body = { unit_id: toId(v.unit_id) };
        if (v.title.trim()) body.title = v.title.trim();
        const created = await api.post(`/plans/${plan.id}/derive`, body);
        onDone(created);
      },
      (v) => ({
        unit_id: v.unit_id ? '' : 'Vui lòng chọn đơn vị.',
        title: !v.title.trim() || v.title.trim().length >= 5 ? '' : 'Tên kế hoạch cần ít nhất 5 ký tự.',
      }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <p>
        Tạo một kế hoạch <strong>dự thảo</strong> cho đơn vị, gồm các nhiệm vụ của kế hoạch này được giao cho đơn vị đó. Mỗi nhiệm vụ
        giữ liên kết với nhiệm vụ gốc; sau đó đơn vị chỉnh sửa, bổ sung và ban hành.
      </p>
      <ProblemAlert error={form.failure} fieldLabels={DERIVE_LABELS} idPrefix="derive-" />
      <Combobox id="derive-unit_id" label={DERIVE_LABELS.unit_id} required options={options} placeholder="Gõ tên đơn vị" {...form.field('unit_id')} />
      <TextAreaField
        id="derive-title"
        label={DERIVE_LABELS.title}
        hint={`Để trống: «Triển khai ${plan.title}».`}
        rows={2}
        {...form.field('title')}
      />
      <Actions submitting={form.submitting} label="Tạo kế hoạch của đơn vị" onCancel={onCancel} />
    </form>
  );
}
