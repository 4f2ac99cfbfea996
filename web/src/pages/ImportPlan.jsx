// /app/ke-hoach/nhap — "Nhập kế hoạch từ văn bản": paste the plan's table
// (plain text, or the HTML a browser or Word puts on the clipboard) or upload
// the .docx (converted to HTML here, with mammoth), choose the year and the
// owning unit, preview the sections, tasks and sub-items the server read,
// fix what it could not (units to pick, unclear timelines, anything else),
// then save as a draft plan.
import { useMemo, useRef, useState } from 'preact/hooks';
import { PageHeader } from '../components/Layout.jsx';
import { Link } from '../components/Link.jsx';
import { Badge } from '../components/Badge.jsx';
import { Modal, ConfirmDialog } from '../components/Modal.jsx';
import { TextField, SelectField, DateField, CheckboxField } from '../components/Field.jsx';
import { Combobox } from '../components/Combobox.jsx';
import { ProblemAlert } from '../components/ProblemAlert.jsx';
import { api, ApiError } from '../api.js';
import { fold, formatNumber, toId } from '../format.js';
import { useAsync, useForm, usePageTitle } from '../hooks.js';
import { navigate } from '../router.js';
import { loadUnitTree, unitComboOptions } from '../units.js';
import {
  PLAN_KINDS,
  TextAreaField,
  TimelinePreview,
  TimelineSummary,
  UnitListEditor,
  UnitPick,
  groupLabel,
  isUnresolved,
  specOf,
  useUnitChoices,
  yearOptions,
} from './PlanCommon.jsx';
import { defaultPlanUnit } from './PlanList.jsx';

const MAX_DOCX = 20 * 1024 * 1024;
const LABELS = {
  text: 'Nội dung bảng',
  html: 'Nội dung bảng',
  year: 'Năm của kế hoạch',
  unit_id: 'Đơn vị ban hành',
  title: 'Tên kế hoạch',
  kind: 'Loại kế hoạch',
  decision_no: 'Số quyết định',
  decision_date: 'Ngày ban hành',
  sections: 'Các mục của kế hoạch',
};

/** Apply fn to the task at path [i, j, ...] (children below the first index). */
function updateTasks(tasks, path, fn) {
  const [i, ...rest] = path;
  return tasks
    .map((t, k) => {
      if (k !== i) return t;
      if (!rest.length) return fn(t);
      return { ...t, children: updateTasks(t.children || [], rest, fn) };
    })
    .filter(Boolean);
}

function countTasks(tasks) {
  let n = 0;
  for (const t of tasks || []) n += 1 + countTasks(t.children);
  return n;
}

/** Problems left in a task (and its sub-items): unresolved units, unclear timeline. */
function taskIssues(t) {
  const units = [...(t.lead || []), ...(t.coop || [])].filter(isUnresolved).length;
  const tl = t.timeline && t.timeline.kind === 'unknown' && (t.timeline.text || '').trim() ? 1 : 0;
  return { units, tl };
}

function totals(sections) {
  const out = { sections: 0, tasks: 0, children: 0, units: 0, tl: 0 };
  const walk = (ts, depth) => {
    for (const t of ts || []) {
      if (depth) out.children++;
      else out.tasks++;
      const i = taskIssues(t);
      out.units += i.units;
      out.tl += i.tl;
      walk(t.children, depth + 1);
    }
  };
  for (const s of sections || []) {
    out.sections++;
    walk(s.tasks, 0);
  }
  return out;
}

const CONFIDENCE = { high: ['success', 'Tin cậy cao'], medium: ['warning', 'Cần xem lại'], low: ['danger', 'Tin cậy thấp'] };
const UNIT_REASON = /đơn vị (chủ trì|phối hợp) chưa xác định/;
const TIME_REASON = /^Thời gian thực hiện chưa rõ/;

/**
 * A row's confidence as the server judged it, less what the person has settled
 * since: a unit picked, a timeline now read, or the row checked ("Đã xem").
 */
export function rowConfidence(t) {
  if (t.reviewed || !t.confidence) return { level: 'high', reasons: [] };
  const i = taskIssues(t);
  const reasons = (t.reasons || []).filter((r) => !(UNIT_REASON.test(r) && !i.units) && !(TIME_REASON.test(r) && !i.tl));
  return { level: reasons.length ? t.confidence : 'high', reasons };
}

function hasIssues(t) {
  const i = taskIssues(t);
  return i.units > 0 || i.tl > 0 || rowConfidence(t).level !== 'high' || (t.children || []).some(hasIssues);
}

function reviewCount(tasks) {
  let n = 0;
  for (const t of tasks || []) n += (rowConfidence(t).level !== 'high' ? 1 : 0) + reviewCount(t.children);
  return n;
}

/**
 * Plain text of converted HTML, for showing it and guessing the year: table
 * rows as tab-separated cells, paragraphs and list items as lines. Parsed by
 * DOMParser (no script runs), never inserted into the page.
 */
function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const lines = [];
  const clean = (s) => String(s || '').replace(/\s+/g, ' ').trim();
  const walk = (el) => {
    for (const n of el.children) {
      const tag = n.tagName.toLowerCase();
      if (tag === 'tr') lines.push([...n.children].map((c) => clean(c.textContent)).join('\t'));
      else if (/^(p|li|h[1-6])$/.test(tag)) lines.push(clean(n.textContent));
      else walk(n);
    }
  };
  if (doc.body) walk(doc.body);
  return lines.join('\n');
}

/** A guess of the plan's year from the text ("năm 2023"), or null. */
function guessYear(text) {
  const m = /n[ăa]m\s+(20\d\d)/i.exec(String(text || '').slice(0, 20000));
  return m ? m[1] : null;
}

/** One unit list in the preview: names as written, unresolved ones with a select. */
function PreviewUnits({ units, choices, onPick, idBase }) {
  if (!units || !units.length) return <span class="muted">—</span>;
  const names = new Map(choices.filter((c) => c.unit).map((c) => [c.unit.id, c.unit.name]));
  return (
    <ul class="unit-list">
      {units.map((u, i) => (
        <li key={i} class={isUnresolved(u) ? 'unit-list__item is-unresolved' : 'unit-list__item'}>
          {u.text}
          {u.group ? (
            <span class="muted small" title={groupLabel(u.group)}>
              {' '}
              (nhóm)
            </span>
          ) : null}
          {u.unit_id && names.has(u.unit_id) && fold(names.get(u.unit_id)) !== fold(u.text) ? (
            <span class="block muted small">→ {names.get(u.unit_id)}</span>
          ) : null}
          {u.alias_of ? <span class="block muted small">Theo tên gọi tắt trong văn bản: «{u.alias_of}»</span> : null}
          {isUnresolved(u) ? (
            <>
              <span class="block">
                <Badge tone="warning">Chưa xác định</Badge>
              </span>
              <UnitPick id={`${idBase}-${i}`} label={`Chọn đơn vị cho «${u.text}»`} choices={choices} onPick={(v) => onPick(i, specOf(v, choices, u.text))} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function PreviewTaskRows({ task, path, depth, si, ctx }) {
  const { choices, onlyIssues, setTask, onEdit, onRemove } = ctx;
  if (onlyIssues && !hasIssues(task)) return null;
  const issues = taskIssues(task);
  const conf = rowConfidence(task);
  const [tone, confLabel] = CONFIDENCE[conf.level];
  const idBase = `pv-${si}-${path.join('-')}`;
  const label = `${task.number || ''} ${task.title.slice(0, 60)}`.trim();
  const rows = [
    <tr key={idBase} class={`plan-task depth-${Math.min(depth, 3)} ${issues.units || issues.tl || conf.level !== 'high' ? 'has-issue' : ''}`}>
      <td data-label="STT" class="plan-task__num">
        {task.number || '—'}
      </td>
      <td data-label="Nhiệm vụ" class="plan-task__title">
        {task.title}
        <span class="block pv-confidence">
          <Badge tone={tone} title={conf.reasons.join(' ')}>
            {confLabel}
          </Badge>
        </span>
        {conf.reasons.length ? (
          <ul class="pv-reasons small muted">
            {conf.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        ) : null}
      </td>
      <td data-label="Kết quả">{task.output || <span class="muted">—</span>}</td>
      <td data-label="Chủ trì">
        <PreviewUnits
          units={task.lead}
          choices={choices}
          idBase={`${idBase}-lead`}
          onPick={(i, spec) => setTask(si, path, (t) => ({ ...t, lead: t.lead.map((u, k) => (k === i ? spec : u)) }))}
        />
      </td>
      <td data-label="Phối hợp">
        <PreviewUnits
          units={task.coop}
          choices={choices}
          idBase={`${idBase}-coop`}
          onPick={(i, spec) => setTask(si, path, (t) => ({ ...t, coop: t.coop.map((u, k) => (k === i ? spec : u)) }))}
        />
      </td>
      <td data-label="Thời gian">
        {task.timeline?.text || <span class="muted">—</span>}
        {task.timeline?.text ? (
          <span class="block">
            <TimelineSummary compact tl={task.timeline} />
          </span>
        ) : null}
      </td>
      <td data-label="Sửa" class="table__actions">
        <div class="row-actions">
          {conf.level !== 'high' ? (
            <button type="button" class="btn btn--ghost btn--small" onClick={() => setTask(si, path, (t) => ({ ...t, reviewed: true }))}>
              Đã xem<span class="sr-only"> dòng {label}</span>
            </button>
          ) : null}
          <button type="button" class="btn btn--ghost btn--small" onClick={() => onEdit(si, path)}>
            Sửa<span class="sr-only"> dòng {label}</span>
          </button>
          <button type="button" class="btn btn--ghost btn--small btn--danger-text" onClick={() => onRemove(si, path)}>
            Bỏ<span class="sr-only"> dòng {label}</span>
          </button>
        </div>
      </td>
    </tr>,
  ];
  (task.children || []).forEach((c, k) => rows.push(<PreviewTaskRows key={`${idBase}-${k}`} task={c} path={[...path, k]} depth={depth + 1} si={si} ctx={ctx} />));
  return rows;
}

function PreviewTable({ sections, ctx }) {
  return (
    <div class="table-wrap plan-table-wrap" role="region" aria-label="Xem trước kế hoạch" tabIndex={0}>
      <table class="table plan-table">
        <caption class="sr-only">Các mục và nhiệm vụ đọc được từ văn bản</caption>
        <colgroup>
          {['col-num', 'col-title', 'col-output', 'col-unit-wide', 'col-unit-wide', 'col-time', 'col-actions'].map((c, i) => (
            <col key={i} class={c} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {['STT', 'Nhiệm vụ', 'Kết quả', 'Chủ trì', 'Phối hợp', 'Thời gian'].map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">
              <span class="sr-only">Sửa</span>
            </th>
          </tr>
        </thead>
        {sections.map((s, si) => {
          const visible = !ctx.onlyIssues || (s.tasks || []).some(hasIssues);
          if (!visible) return null;
          const prev = sections[si - 1]?.group;
          const newGroup = s.group && !(prev && prev.number === s.group.number && prev.title === s.group.title);
          return (
            <tbody key={si} class="plan-section">
              {newGroup ? (
                <tr class="plan-group__head">
                  <th colSpan={7} scope="colgroup" class="plan-group__title">
                    {s.group.number ? `${s.group.number}. ` : ''}
                    {s.group.title}
                  </th>
                </tr>
              ) : null}
              <tr class="plan-section__head">
                <th colSpan={7} scope="colgroup">
                  <div class="plan-section__bar">
                    <span class="plan-section__title">
                      {s.number ? `${s.number}. ` : ''}
                      {s.title || <em>(mục không tên)</em>}
                    </span>
                    <span class="plan-section__meta">{formatNumber(countTasks(s.tasks))} nhiệm vụ</span>
                    <span class="plan-section__actions">
                      <button type="button" class="btn btn--ghost btn--small" onClick={() => ctx.onEditSection(si)}>
                        Sửa mục<span class="sr-only"> {s.number || s.title}</span>
                      </button>
                      <button type="button" class="btn btn--ghost btn--small btn--danger-text" onClick={() => ctx.onRemoveSection(si)}>
                        Bỏ mục<span class="sr-only"> {s.number || s.title}</span>
                      </button>
                    </span>
                  </div>
                </th>
              </tr>
              {(s.tasks || []).length ? (
                s.tasks.map((t, k) => <PreviewTaskRows key={k} task={t} path={[k]} depth={0} si={si} ctx={ctx} />)
              ) : (
                <tr>
                  <td colSpan={7} class="table__empty">
                    Mục này không có nhiệm vụ.
                  </td>
                </tr>
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

/** The import report: the plan is saved, these points are still open (settled on the plan's page). */
function ImportReport({ plan, headingRef }) {
  const items = plan.unresolved || [];
  return (
    <section class="card" aria-labelledby="saved-title">
      <h2 id="saved-title" class="card__title" tabIndex={-1} ref={headingRef}>
        Đã lưu kế hoạch dự thảo
      </h2>
      <div class="alert alert--warning" role="status">
        Kế hoạch «{plan.title}» đã được lưu với {formatNumber(plan.task_count)} nhiệm vụ. Còn {formatNumber(items.length)} điểm chưa giải quyết, cần sửa ở trang kế hoạch
        trước khi ban hành:
      </div>
      <ul class="import-report">
        {items.map((u, i) => (
          <li key={i}>
            <strong>{u.where}: </strong>
            {u.message}
          </li>
        ))}
      </ul>
      <div class="form-actions">
        <Link class="btn btn--primary" href={`/app/ke-hoach/${plan.id}`}>
          Mở kế hoạch vừa lưu
        </Link>
      </div>
    </section>
  );
}

/** Edit one previewed task: its text fields, units and timeline. */
function PreviewTaskForm({ task, year, choices, onSave, onCancel }) {
  const form = useForm({
    number: task.number || '',
    title: task.title || '',
    output: task.output || '',
    lead: task.lead || [],
    coop: task.coop || [],
    timeline: task.timeline?.text || '',
  });
  const v = form.values;
  const onSubmit = (e) =>
    form.submit(
      e,
      async (val) => {
        const text = val.timeline.trim();
        let timeline = { ...(task.timeline || {}), text };
        if (text !== (task.timeline?.text || '')) {
          timeline = text ? { ...(await api.post('/timeline/parse', { text, year: Number(year) })), text } : { text: '', kind: 'unknown' };
        }
        onSave({
          ...task,
          number: val.number.trim() || null,
          title: val.title.trim(),
          output: val.output.trim() || null,
          lead: val.lead,
          coop: val.coop,
          timeline,
        });
      },
      (val) => ({ title: val.title.trim() ? '' : 'Vui lòng nhập nội dung nhiệm vụ.' }),
    );
  return (
    <form onSubmit={onSubmit} noValidate>
      <ProblemAlert error={form.failure} fieldLabels={{ title: 'Nhiệm vụ' }} idPrefix="pt-" />
      <TextField id="pt-number" label="Số thứ tự" className="field--short" {...form.field('number')} />
      <TextAreaField id="pt-title" label="Nhiệm vụ" required rows={3} {...form.field('title')} />
      <TextAreaField id="pt-output" label="Kết quả, sản phẩm" rows={2} {...form.field('output')} />
      <UnitListEditor id="pt-lead" label="Đơn vị chủ trì" units={v.lead} onChange={(l) => form.setValue('lead', l)} choices={choices} />
      <UnitListEditor id="pt-coop" label="Đơn vị phối hợp" units={v.coop} onChange={(l) => form.setValue('coop', l)} choices={choices} />
      <TextField id="pt-timeline" label="Thời gian thực hiện" autoComplete="off" aria-controls="pt-tl-preview" {...form.field('timeline')} />
      <TimelinePreview id="pt-tl-preview" text={v.timeline} year={year} />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={form.submitting}>
          Lưu dòng này
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

function SectionEditForm({ section, onSave, onCancel }) {
  const form = useForm({ number: section.number || '', title: section.title || '' });
  return (
    <form
      noValidate
      onSubmit={(e) =>
        form.submit(
          e,
          async (v) => onSave({ ...section, number: v.number.trim() || null, title: v.title.trim() }),
          (v) => ({ title: v.title.trim() ? '' : 'Vui lòng nhập tên mục.' }),
        )
      }
    >
      <ProblemAlert error={form.failure} fieldLabels={{ title: 'Tên mục' }} idPrefix="ps-" />
      <TextField id="ps-number" label="Số mục" className="field--short" {...form.field('number')} />
      <TextAreaField id="ps-title" label="Tên mục" required rows={2} {...form.field('title')} />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary">
          Lưu mục
        </button>
        <button type="button" class="btn btn--secondary" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}

export function ImportPlan({ user }) {
  usePageTitle('Nhập kế hoạch từ văn bản');
  const tree = useAsync(() => loadUnitTree(), []);
  const roots = tree.data || [];
  const choices = useUnitChoices(roots, true);
  const [source, setSource] = useState({ text: '', html: '', from: null, fileName: '' });
  const [converting, setConverting] = useState(false);
  const [sourceError, setSourceError] = useState(null);
  const yearTouched = useRef(false);
  const fileRef = useRef(null);
  const opts = useForm({ year: String(new Date().getFullYear()), unit_id: '' });
  const unitId = opts.values.unit_id || defaultPlanUnit(user, roots);
  const [preview, setPreview] = useState(null);
  const [previewing, setPreviewing] = useState(false);
  const [onlyIssues, setOnlyIssues] = useState(false);
  const [editing, setEditing] = useState(null); // {si, path} | {si, section: true}
  const [confirmReset, setConfirmReset] = useState(false);
  const [saved, setSaved] = useState(null); // the import report when something is still open
  const savedRef = useRef(null);
  const meta = useForm({ title: '', kind: 'kstt', decision_no: '', decision_date: '' });
  const previewRef = useRef(null);

  const setText = (text, extra = {}) => {
    setSource((s) => ({ ...s, text, ...extra }));
    if (!yearTouched.current) {
      const y = guessYear(text);
      if (y) opts.setValue('year', y);
    }
  };

  const onPaste = (e) => {
    const dt = e.clipboardData;
    if (!dt) return;
    const html = dt.getData('text/html');
    if (html && /<(table|tr|td|p|li|div)\b/i.test(html)) {
      // Keep the cells as they were: the HTML goes to the server, the text is shown.
      e.preventDefault();
      const text = dt.getData('text/plain') || html.replace(/<[^>]+>/g, ' ');
      setText(text, { html, from: 'clipboard', fileName: '' });
      setSourceError(null);
    }
  };

  const onFile = async (e) => {
    const f = e.currentTarget.files && e.currentTarget.files[0];
    setSourceError(null);
    if (!f) return;
    if (!/\.docx$/i.test(f.name)) {
      setSourceError(new ApiError({ status: 422, title: 'Tệp không đúng định dạng', detail: 'Chỉ nhận tệp Word .docx. Với tệp .doc hoặc PDF, hãy mở tệp, chọn cả bảng và dán vào ô bên dưới.' }));
      e.currentTarget.value = '';
      return;
    }
    if (f.size > MAX_DOCX) {
      setSourceError(new ApiError({ status: 413, title: 'Tệp quá lớn', detail: 'Tệp .docx tối đa 20 MB.' }));
      e.currentTarget.value = '';
      return;
    }
    setConverting(true);
    try {
      const [{ default: mammoth }, arrayBuffer] = await Promise.all([import('mammoth'), f.arrayBuffer()]);
      const result = await mammoth.convertToHtml({ arrayBuffer });
      const html = result.value || '';
      const text = htmlToText(html);
      if (!text.trim()) throw new Error('empty');
      setText(text, { html, from: 'docx', fileName: f.name });
    } catch {
      setSourceError(new ApiError({ status: 422, title: 'Không đọc được tệp', detail: 'Không chuyển được tệp .docx này. Hãy mở tệp, chọn cả bảng và dán vào ô bên dưới.' }));
    } finally {
      setConverting(false);
    }
  };

  const clearSource = () => {
    setSource({ text: '', html: '', from: null, fileName: '' });
    if (fileRef.current) fileRef.current.value = '';
    setSourceError(null);
  };

  const runPreview = (e) =>
    opts.submit(
      e,
      async (v) => {
        setPreviewing(true);
        try {
          const body = { year: Number(v.year), unit_id: toId(unitId) };
          if (source.html) body.html = source.html;
          else body.text = source.text;
          const res = await api.post('/plans/import/preview', body);
          setPreview(res);
          setOnlyIssues(false);
          meta.reset({
            title: meta.values.title || res.title || '',
            kind: meta.values.kind,
            decision_no: meta.values.decision_no,
            decision_date: meta.values.decision_date,
          });
          setTimeout(() => previewRef.current && previewRef.current.focus(), 0);
        } finally {
          setPreviewing(false);
        }
      },
      (v) => ({
        text: source.text.trim() || source.html ? '' : 'Hãy dán bảng kế hoạch hoặc chọn tệp .docx.',
        year: v.year ? '' : 'Vui lòng chọn năm.',
        unit_id: unitId ? '' : 'Vui lòng chọn đơn vị ban hành.',
      }),
    );

  const sections = preview?.sections || [];
  const sum = useMemo(() => ({ ...totals(sections), review: sections.reduce((n, s) => n + reviewCount(s.tasks), 0) }), [sections]);
  const setSections = (fn) => setPreview((p) => ({ ...p, sections: fn(p.sections) }));
  const setTask = (si, path, fn) => setSections((ss) => ss.map((s, k) => (k === si ? { ...s, tasks: updateTasks(s.tasks, path, fn) } : s)));
  const ctx = {
    choices,
    onlyIssues,
    setTask,
    onEdit: (si, path) => setEditing({ si, path }),
    onRemove: (si, path) => setTask(si, path, () => null),
    onEditSection: (si) => setEditing({ si, section: true }),
    onRemoveSection: (si) => setSections((ss) => ss.filter((_, k) => k !== si)),
  };
  const editTask = editing && !editing.section ? editing.path.reduce((t, i, k) => (k === 0 ? sections[editing.si].tasks[i] : t.children[i]), null) : null;

  const save = (e) =>
    meta.submit(
      e,
      async (v) => {
        const body = {
          title: v.title.trim(),
          kind: v.kind,
          year: Number(opts.values.year),
          unit_id: toId(unitId),
          sections,
        };
        if (v.decision_no.trim()) body.decision_no = v.decision_no.trim();
        if (v.decision_date) body.decision_date = v.decision_date;
        const plan = await api.post('/plans/import', body);
        if (!(plan.unresolved || []).length) return navigate(`/app/ke-hoach/${plan.id}`);
        setSaved(plan);
        setTimeout(() => savedRef.current && savedRef.current.focus(), 0);
      },
      (v) => ({
        title: v.title.trim().length >= 5 ? '' : 'Vui lòng nhập tên kế hoạch (ít nhất 5 ký tự).',
        decision_date: v.decision_date === null ? 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.' : '',
        sections: sections.some((s) => (s.tasks || []).length) ? '' : 'Kế hoạch cần ít nhất một mục có nhiệm vụ.',
      }),
    );

  return (
    <>
      <nav aria-label="Vị trí" class="breadcrumb">
        <Link href="/app/ke-hoach">Kế hoạch</Link> <span aria-hidden="true">›</span> <span aria-current="page">Nhập từ văn bản</span>
      </nav>
      <PageHeader
        title="Nhập kế hoạch từ văn bản"
        lead="Dán bảng nhiệm vụ sao chép từ văn bản (Word, PDF) hoặc chọn tệp .docx; kiểm tra bản xem trước, sửa những chỗ được đánh dấu rồi lưu thành kế hoạch dự thảo."
      />
      {saved ? <ImportReport plan={saved} headingRef={savedRef} /> : null}
      <section class="card" aria-labelledby="src-title" hidden={!!saved}>
        <h2 id="src-title" class="card__title">
          1. Nội dung văn bản
        </h2>
        <form onSubmit={runPreview} noValidate>
          <ProblemAlert error={opts.failure} fieldLabels={LABELS} idPrefix="imp-" />
          <div class="form-grid">
            <SelectField
              id="imp-year"
              label={LABELS.year}
              required
              options={yearOptions([opts.values.year])}
              {...opts.field('year')}
              onValue={(y) => {
                yearTouched.current = true;
                opts.setValue('year', y);
              }}
            />
            <Combobox
              id="imp-unit_id"
              label={LABELS.unit_id}
              required
              options={unitComboOptions(roots)}
              placeholder="Gõ tên đơn vị"
              error={opts.errors.unit_id}
              value={unitId}
              onValue={(u) => opts.setValue('unit_id', u)}
            />
          </div>
          <div class="field">
            <label class="field__label" for="imp-file">
              Tệp Word (.docx)
            </label>
            <p class="field__hint" id="imp-file-hint">
              Tệp được chuyển thành HTML ngay trên máy của bạn; chỉ nội dung được gửi lên để phân tích.
            </p>
            <input
              ref={fileRef}
              id="imp-file"
              type="file"
              class="input input--file"
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              aria-describedby="imp-file-hint"
              onChange={onFile}
            />
          </div>
          <ProblemAlert error={sourceError} />
          {converting ? (
            <p class="loading" role="status">
              Đang đọc tệp…
            </p>
          ) : null}
          {source.html ? (
            <div class="alert alert--info" role="status">
              {source.from === 'docx' ? (
                <>
                  Đã đọc tệp <strong>{source.fileName}</strong>: bảng được gửi đi ở dạng HTML (giữ nguyên các ô).
                </>
              ) : (
                <>Đã nhận nội dung dán ở dạng HTML từ bộ nhớ tạm (giữ nguyên các ô của bảng). Phần chữ bên dưới chỉ để đối chiếu.</>
              )}{' '}
              <button type="button" class="btn btn--secondary btn--small" onClick={() => setSource((s) => ({ ...s, html: '', from: null, fileName: '' }))}>
                Dùng dạng chữ thay vì HTML
              </button>
            </div>
          ) : null}
          <TextAreaField
            id="imp-text"
            label={LABELS.text}
            hint="Trong văn bản, chọn cả bảng (từ dòng tiêu đề «STT | Nhiệm vụ | …» đến dòng cuối), sao chép (Ctrl+C) rồi dán (Ctrl+V) vào đây. Nhận cả văn bản trình bày theo mục với các dòng «Cơ quan chủ trì: …», «Thời gian thực hiện: …»."
            rows={10}
            className="import-text"
            error={opts.errors.text || opts.errors.html}
            value={source.text}
            onValue={(t) => setText(t, source.html ? { html: '', from: null, fileName: '' } : {})}
            onPaste={onPaste}
            spellcheck={false}
          />
          <div class="form-actions">
            <button type="submit" class="btn btn--primary" disabled={previewing || converting}>
              {previewing ? 'Đang phân tích…' : preview ? 'Phân tích lại' : 'Xem trước'}
            </button>
            {source.text || source.html ? (
              <button type="button" class="btn btn--secondary" onClick={clearSource}>
                Xóa nội dung
              </button>
            ) : null}
          </div>
        </form>
      </section>

      {preview && !saved ? (
        <section class="card" aria-labelledby="pv-title">
          <h2 id="pv-title" class="card__title" tabIndex={-1} ref={previewRef}>
            2. Kiểm tra bản xem trước
          </h2>
          <p class="summary-line" aria-live="polite">
            <span>
              {formatNumber(sum.sections)} mục, {formatNumber(sum.tasks)} nhiệm vụ
              {sum.children ? `, ${formatNumber(sum.children)} ý con` : ''}
            </span>
            {' · '}
            {sum.units ? <Badge tone="warning">{formatNumber(sum.units)} tên đơn vị chưa xác định</Badge> : <Badge tone="success">Đã xác định mọi đơn vị</Badge>}
            {' · '}
            {sum.tl ? <Badge tone="warning">{formatNumber(sum.tl)} thời hạn chưa rõ</Badge> : <Badge tone="success">Mọi thời hạn đều đọc được</Badge>}
            {' · '}
            {sum.review ? <Badge tone="warning">{formatNumber(sum.review)} dòng cần xem lại</Badge> : <Badge tone="success">Không còn dòng cần xem lại</Badge>}
          </p>
          {preview.warnings && preview.warnings.length ? (
            <details class="details warnings">
              <summary>Ghi chú khi đọc văn bản ({formatNumber(preview.warnings.length)})</summary>
              <ul>
                {preview.warnings.map((w, i) => (
                  <li key={i}>
                    {w.where ? <strong>{w.where}: </strong> : null}
                    {w.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <p class="muted small">
            Mỗi dòng có độ tin cậy khi đọc văn bản; dòng «Cần xem lại» hoặc «Tin cậy thấp» ghi rõ lý do: sửa nếu cần rồi bấm «Đã xem». Tên đơn vị chưa xác định: chọn đơn vị trong danh sách ngay tại dòng đó (hoặc để nguyên — tên được giữ dạng chữ và không được giao việc khi ban hành). Dùng
            «Sửa» để chỉnh nội dung, đơn vị, thời gian của một dòng.
          </p>
          <CheckboxField id="only-issues" label="Chỉ hiện các dòng cần xem lại" value={onlyIssues} onValue={setOnlyIssues} />
          {sections.length ? <PreviewTable sections={sections} ctx={ctx} /> : <p>Không còn mục nào.</p>}
        </section>
      ) : null}

      {preview && !saved ? (
        <section class="card" aria-labelledby="save-title">
          <h2 id="save-title" class="card__title">
            3. Lưu thành kế hoạch dự thảo
          </h2>
          <form onSubmit={save} noValidate>
            <ProblemAlert error={meta.failure} fieldLabels={LABELS} idPrefix="imp-" />
            <TextAreaField id="imp-title" label={LABELS.title} required rows={2} hint="Ví dụ: Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2023" {...meta.field('title')} />
            <div class="form-grid">
              <SelectField id="imp-kind" label={LABELS.kind} options={PLAN_KINDS} {...meta.field('kind')} />
              <TextField id="imp-decision_no" label={LABELS.decision_no} hint="Ví dụ: 320/QĐ-UBND" {...meta.field('decision_no')} />
              <DateField id="imp-decision_date" label={LABELS.decision_date} {...meta.field('decision_date')} />
            </div>
            {sum.units ? (
              <p class="muted">
                Còn {formatNumber(sum.units)} tên đơn vị chưa xác định: có thể lưu bây giờ và sửa tiếp ở trang kế hoạch trước khi ban hành.
              </p>
            ) : null}
            <div class="form-actions">
              <button type="submit" class="btn btn--primary" disabled={meta.submitting}>
                {meta.submitting ? 'Đang lưu…' : 'Lưu kế hoạch dự thảo'}
              </button>
              <button type="button" class="btn btn--secondary" onClick={() => setConfirmReset(true)}>
                Làm lại từ đầu
              </button>
            </div>
          </form>
        </section>
      ) : null}

      <Modal open={!!editing} wide title={editing?.section ? 'Sửa mục' : 'Sửa dòng nhiệm vụ'} onClose={() => setEditing(null)}>
        {editing && editing.section && sections[editing.si] ? (
          <SectionEditForm
            section={sections[editing.si]}
            onCancel={() => setEditing(null)}
            onSave={(s) => {
              setSections((ss) => ss.map((x, k) => (k === editing.si ? s : x)));
              setEditing(null);
            }}
          />
        ) : null}
        {editTask ? (
          <PreviewTaskForm
            task={editTask}
            year={opts.values.year}
            choices={choices}
            onCancel={() => setEditing(null)}
            onSave={(t) => {
              setTask(editing.si, editing.path, () => ({ ...t, reviewed: true }));
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
      <ConfirmDialog
        open={confirmReset}
        title="Làm lại từ đầu"
        confirmLabel="Bỏ bản xem trước"
        tone="danger"
        onClose={() => setConfirmReset(false)}
        onConfirm={() => {
          setPreview(null);
          clearSource();
          setConfirmReset(false);
        }}
      >
        <p>Bỏ bản xem trước và những chỉnh sửa đã làm?</p>
      </ConfirmDialog>
    </>
  );
}
