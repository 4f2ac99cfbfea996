// Fixtures of the review tests (issue 17): throwaway procedures, a field, and published review
// plans whose tasks name them, made through the API as the province admin.
import { randomBytes } from 'node:crypto';
import { req } from '../lib/api.mjs';

const rand = () => randomBytes(4).toString('hex');

async function call(token, method, path, body) {
  const r = await req(method, path, { token, body });
  if (r.status >= 300) throw new Error(`review fixture ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** A new procedure field: { id, name }. */
export async function newField(admin) {
  return call(admin, 'POST', '/api/v1/procedure-fields', { name: `Lĩnh vực rà soát ${rand()}`, sort_order: 99 });
}

/** A throwaway procedure in field fieldId (or the first field): { id, code }. */
export async function newProcedure(admin, fieldId) {
  if (!fieldId) fieldId = (await call(admin, 'GET', '/api/v1/procedure-fields')).items[0].id;
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = `1.8${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const r = await req('POST', '/api/v1/procedures', { token: admin, body: { code, name: `Thủ tục rà soát ${rand()}`, field_id: fieldId, levels: ['commune'] } });
    if (r.status === 201) return r.json;
    if (r.status !== 422) throw new Error(`review fixture procedure: ${r.text}`);
  }
  throw new Error('review fixture: no free procedure code');
}

/** A review plan of the province with one task per lead unit id: { plan, tasks: {unitId: task} }. */
export async function reviewPlan(admin, provinceId, leadIds, { year = 2026 } = {}) {
  const plan = await call(admin, 'POST', '/api/v1/plans', { unit_id: provinceId, year, kind: 'review', title: `Kế hoạch rà soát, đánh giá TTHC ${rand()}` });
  const tasks = {};
  for (const id of leadIds)
    tasks[id] = await call(admin, 'POST', `/api/v1/plans/${plan.id}/tasks`, { title: `Rà soát thủ tục ${rand()}`, lead: [{ text: `Đơn vị ${id}`, unit_id: id }], timeline_text: `Quý IV/${year}` });
  return { plan, tasks };
}

export const setTargets = (token, taskId, body) => req('PUT', `/api/v1/tasks/${taskId}/review-targets`, { token, body });
export const publish = (admin, planId) => call(admin, 'POST', `/api/v1/plans/${planId}/publish`);

/** The form of (task, procedure) as the admin sees it. */
export async function formOf(admin, planId, procedureId) {
  const l = await call(admin, 'GET', `/api/v1/review/forms?plan_id=${planId}&procedure_id=${procedureId}`);
  return l.items[0];
}

const KEYS = ['name', 'steps', 'way', 'dossier', 'time_limit', 'subjects', 'agency', 'fee', 'form', 'requirements', 'result'];
/** Every component answered; `fee` proposed for abolition unless keep. */
export function answers(keep = false) {
  return KEYS.map((k) =>
    k === 'fee' && !keep
      ? { component: k, necessary: false, reasonable: false, lawful: true, reason: 'Lệ phí trùng với phí đã thu.', proposal: 'abolish', change: 'Bãi bỏ lệ phí cấp bản sao.' }
      : { component: k, necessary: true, reasonable: true, lawful: true, reason: null, proposal: 'keep', change: null },
  );
}
export const COMPONENT_KEYS = KEYS;

/** A form filled (with a change unless keep) and submitted by token: the form. */
export async function fillAndSubmit(token, formId, keep = false) {
  await call(token, 'PUT', `/api/v1/review/forms/${formId}`, keep ? { components: answers(true), proposal: 'keep', change_text: null } : { components: answers(false), proposal: 'simplify', change_text: 'Bãi bỏ lệ phí; rút thời hạn còn 3 ngày.' });
  return call(token, 'POST', `/api/v1/review/forms/${formId}/submit`);
}
