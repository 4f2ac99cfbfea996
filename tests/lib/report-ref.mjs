// Independent computations of a periodic report's tables (SPEC §6, docs/reports.md) for the
// report tests: the dossier form through kpi-ref's SQL over the raw dossiers (by field joined to
// the catalogue as it is now, by level to the units), feedback, procedures and plan assignments
// counted in JavaScript from their raw rows.
import { sql, sqlFigures } from './kpi-ref.mjs';
import { req } from './api.mjs';

export const DOSSIER_KEYS = [
  'received_online', 'received_direct', 'received_postal', 'carried_over', 'resolved_early',
  'resolved_ontime', 'resolved_late', 'in_progress_ontime', 'in_progress_overdue',
];
export const OVERDUE_LISTED = 500;
const LEVELS = ['province', 'department', 'district', 'commune', 'vertical', 'onestop'];

const pick = (f) => Object.fromEntries(DOSSIER_KEYS.map((k) => [k, f[k]]));
const anyFigure = (f) => DOSSIER_KEYS.some((k) => f[k] !== 0);
const localDay = (v) => (v === 'NULL' || v == null ? null : v.slice(0, 10));
const inWin = (d, from, to) => d != null && d >= from && d <= to;

/** The units a report of unitId counts: itself (own) or its subtree. */
export function unitsOf(unitId, own) {
  if (own) return new Set([Number(unitId)]);
  return new Set(sql(`SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${Number(unitId)}`).map((r) => Number(r[0])));
}

/** tables.dossiers from the raw dossiers. */
export function refDossiers(unitId, from, to, own = false) {
  const opts = (where) => ({ own, where });
  const total = pick(sqlFigures(unitId, from, to, opts('1')));
  const byField = {};
  const fields = sql(
    `SELECT DISTINCT COALESCE(p.field_id, 0) FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code WHERE d.unit_id ` +
      (own ? `= ${Number(unitId)}` : `IN (SELECT descendant_id FROM unit_closure WHERE ancestor_id = ${Number(unitId)})`),
  ).map((r) => Number(r[0]));
  for (const f of fields) {
    const where = f === 0
      ? 'NOT EXISTS (SELECT 1 FROM procedures p WHERE p.code = d.procedure_code)'
      : `EXISTS (SELECT 1 FROM procedures p WHERE p.code = d.procedure_code AND p.field_id = ${f})`;
    const v = pick(sqlFigures(unitId, from, to, opts(where)));
    if (anyFigure(v)) byField[String(f)] = v;
  }
  const byLevel = {};
  for (const l of LEVELS) {
    const v = pick(sqlFigures(unitId, from, to, opts(`d.unit_id IN (SELECT id FROM units WHERE level = '${l}')`)));
    if (anyFigure(v)) byLevel[l] = v;
  }
  return { total, byField, byLevel };
}

/** tables.feedback from the raw feedback rows. */
export function refFeedback(unitId, from, to, own = false) {
  const units = unitsOf(unitId, own);
  const [[coord]] = sql('SELECT COALESCE(MIN(id), 0) FROM units WHERE coordinator = 1');
  const rows = sql(
    'SELECT id, COALESCE(assigned_unit_id, answer_unit_id, 0), DATE(received_at), DATE(forwarded_at), DATE(answered_at), ' +
      'DATE(published_at), status, type, COALESCE(answer_due_at_forward, answer_due) FROM feedback',
  );
  const out = { received: 0, forwarded: 0, answered: 0, answered_ontime: 0, overdue: 0, published: 0 };
  const byType = {};
  for (const [, u0, rec, fwd, ans, pub, status, type, due] of rows) {
    const u = Number(u0) || Number(coord);
    if (!units.has(u) || rec > to) continue;
    const answered = localDay(ans);
    if (inWin(rec, from, to)) {
      out.received++;
      byType[type] = (byType[type] || 0) + 1;
    }
    if (inWin(localDay(fwd), from, to)) out.forwarded++;
    if (inWin(answered, from, to)) {
      out.answered++;
      if (answered <= due) out.answered_ontime++;
    }
    if (!['rejected', 'duplicate'].includes(status) && (answered == null || answered > to) && due < to) out.overdue++;
    if (inWin(localDay(pub), from, to)) out.published++;
  }
  return { ...out, byType };
}

/** tables.procedures from the catalogue's rows. */
export function refProcedures(unitId, from, to, own = false) {
  const units = unitsOf(unitId, own);
  const [[root]] = sql("SELECT id FROM units WHERE parent_id IS NULL AND successor_id IS NULL ORDER BY level = 'province' DESC, id LIMIT 1");
  const rows = sql(
    'SELECT COALESCE(agency_unit_id, 0), status, decision_date, effective_date, status_date, online_level, ' +
      'internal_process_approved, internal_process_date FROM procedures',
  );
  const out = {
    published_new: 0, published_amended: 0, published_abolished: 0, in_force: 0, internal_approved: 0,
    online_full: 0, online_partial: 0, online_none: 0, reviewed: 0, simplified: 0,
  };
  for (const [u0, status, dd0, ed0, sd0, online, approved, ad0] of rows) {
    const u = Number(u0) || Number(root);
    if (!units.has(u)) continue;
    const [dd, ed, sd, ad] = [dd0, ed0, sd0, ad0].map(localDay);
    if (inWin(dd, from, to)) out.published_new++;
    if (status === 'amended' && inWin(sd, from, to)) out.published_amended++;
    if (status === 'abolished' && inWin(sd, from, to)) out.published_abolished++;
    const published = (dd ?? ed ?? to) <= to;
    const live = published && (status === 'in_force' || (sd != null && sd > to));
    if (!live) continue;
    out.in_force++;
    if (approved === '1' && (ad == null || ad <= to)) out.internal_approved++;
    out[`online_${online}`]++;
  }
  // The review module: distinct procedures with a form accepted in the window (reviewed), and
  // with a proposal adopted by a decision dated in the window (simplified), of the units counted.
  const distinct = (q) => new Set(sql(q).filter(([u, d]) => units.has(Number(u)) && inWin(localDay(d), from, to)).map((r) => r[2])).size;
  out.reviewed = distinct("SELECT unit_id, decided_at, procedure_id FROM review_forms WHERE status = 'accepted'");
  out.simplified = distinct('SELECT x.unit_id, d.date, x.procedure_id FROM review_proposals x JOIN review_decisions d ON d.id = x.decision_id');
  // The yearly saving of the cost sheets of the window's year, of the procedures counted here.
  out.cost_saving = 0;
  for (const [u0, saving] of sql(`SELECT COALESCE(p.agency_unit_id, 0), c.saving FROM procedure_costs c JOIN procedures p ON p.id = c.procedure_id WHERE c.year = ${Number(to.slice(0, 4))} AND c.saving IS NOT NULL`))
    if (units.has(Number(u0) || Number(root))) out.cost_saving += Number(saving);
  // Internal procedures of the units' inventories: in force at the window's end, and simplified by
  // a proposal implemented by a document dated in the window.
  out.internal_in_force = sql("SELECT unit_id, created_at FROM internal_procedures WHERE status IN ('in_force', 'proposed')")
    .filter(([u, c]) => units.has(Number(u)) && localDay(c) <= to).length;
  out.internal_simplified = new Set(
    sql("SELECT x.unit_id, pp.doc_date, x.id FROM internal_procedure_proposals pp JOIN internal_procedures x ON x.id = pp.procedure_id WHERE pp.status = 'implemented'")
      .filter(([u, d]) => units.has(Number(u)) && inWin(localDay(d), from, to))
      .map((r) => r[2]),
  ).size;
  return out;
}

/** tables.inspections from the inspections the units counted made, carried out in the window. */
export function refInspections(unitId, from, to, today, own = false) {
  const units = unitsOf(unitId, own);
  const out = { done: 0, units_inspected: 0, findings: 0, followups: 0, followups_done: 0, followups_overdue: 0 };
  const inspected = new Set();
  const rows = sql('SELECT id, inspecting_unit_id, unit_id, actual_date FROM inspections WHERE actual_date IS NOT NULL');
  for (const [id, by, unit, date] of rows) {
    if (!units.has(Number(by)) || !inWin(localDay(date), from, to)) continue;
    out.done++;
    inspected.add(unit);
    out.findings += Number(sql(`SELECT COUNT(*) FROM inspection_findings WHERE inspection_id = ${Number(id)}`)[0][0]);
    for (const [status, due] of sql(`SELECT status, due_date FROM assignments WHERE source_kind = 'inspection' AND source_id = ${Number(id)}`)) {
      out.followups++;
      if (status === 'done') out.followups_done++;
      else if (due !== 'NULL' && due < today) out.followups_overdue++;
    }
  }
  out.units_inspected = inspected.size;
  return out;
}

/** tables.registries from the focal appointments, trainings and budget lines. */
export function refRegistries(unitId, from, to, today, own = false) {
  const units = unitsOf(unitId, own);
  const inForce = (s, e) => localDay(s) <= today && (e === 'NULL' || localDay(e) > today);
  const appts = sql('SELECT unit_id, start_date, end_date FROM focal_appointments');
  const focal = appts.filter(([u, s, e]) => units.has(Number(u)) && inForce(s, e));
  const staffed = new Set(appts.filter(([, s, e]) => inForce(s, e)).map(([u]) => Number(u)));
  const vacant = sql("SELECT id FROM units WHERE valid_to IS NULL AND level IN ('province','department','district','commune')")
    .filter(([id]) => units.has(Number(id)) && !staffed.has(Number(id))).length;
  const courses = sql('SELECT id, organiser_unit_id, held_on FROM trainings').filter(([, u, d]) => units.has(Number(u)) && inWin(localDay(d), from, to));
  const ids = new Set(courses.map(([id]) => id));
  const trainees = sql('SELECT training_id FROM training_attendees').filter(([t]) => ids.has(t)).length;
  const [y0, y1] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
  const money = (kind) =>
    sql(`SELECT unit_id, year, amount FROM budget_lines WHERE voided_at IS NULL AND kind = '${kind}'`)
      .filter(([u, y]) => units.has(Number(u)) && Number(y) >= y0 && Number(y) <= y1)
      .reduce((a, [, , m]) => a + BigInt(m), 0n);
  return {
    focal_officers: focal.length, vacant_units: vacant, courses: courses.length, trainees,
    budget_allocation: Number(money('allocation')), budget_spending: Number(money('spending')),
  };
}

/** tables.plan from the assignments of published or closed plans. */
export function refPlan(unitId, from, to, today, own = false) {
  const units = unitsOf(unitId, own);
  const rows = sql(
    'SELECT a.id, a.unit_id, a.due_date, a.status, a.done_date FROM assignments a JOIN tasks t ON t.id = a.task_id ' +
      "JOIN plans p ON p.id = t.plan_id WHERE p.status IN ('published', 'closed') AND a.due_date IS NOT NULL",
  );
  const out = { due: 0, done: 0, done_late: 0, in_progress: 0, overdue: 0, overdueIds: [] };
  const overdue = [];
  for (const [id, u, due, status, done] of rows) {
    if (!units.has(Number(u)) || !inWin(due, from, to)) continue;
    out.due++;
    if (status === 'done') {
      if (done !== 'NULL' && done > due) out.done_late++;
      else out.done++;
    } else if (due < today) {
      out.overdue++;
      overdue.push([due, Number(id)]);
    } else out.in_progress++;
  }
  // the list: oldest due first (then by id), at most OVERDUE_LISTED; the count stays exact
  overdue.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  out.overdueIds = overdue.slice(0, OVERDUE_LISTED).map((x) => x[1]);
  return out;
}

/** Compares a report's tables with the reference for the same unit, window and mode. */
export function assertTables(assert, tables, unitId, from, to, today, own, label) {
  const d = refDossiers(unitId, from, to, own);
  assert.deepEqual(pick(tables.dossiers.total), d.total, `${label}: dossiers.total`);
  const gotField = Object.fromEntries(tables.dossiers.by_field.map((r) => [r.key, pick(r)]));
  assert.deepEqual(gotField, d.byField, `${label}: dossiers.by_field`);
  const gotLevel = Object.fromEntries(tables.dossiers.by_level.map((r) => [r.key, pick(r)]));
  assert.deepEqual(gotLevel, d.byLevel, `${label}: dossiers.by_level`);
  const f = refFeedback(unitId, from, to, own);
  const { by_type: types, ...fb } = tables.feedback;
  const { byType, ...fbWant } = f;
  assert.deepEqual(fb, fbWant, `${label}: feedback`);
  assert.deepEqual(Object.fromEntries(types.map((t) => [t.key, t.received])), byType, `${label}: feedback.by_type`);
  assert.deepEqual(tables.procedures, refProcedures(unitId, from, to, own), `${label}: procedures`);
  assert.deepEqual(tables.inspections, refInspections(unitId, from, to, today, own), `${label}: inspections`);
  assert.deepEqual(tables.registries, refRegistries(unitId, from, to, today, own), `${label}: registries`);
  const p = refPlan(unitId, from, to, today, own);
  const { overdue_list: list, ...plan } = tables.plan;
  const { overdueIds, ...planWant } = p;
  assert.deepEqual(plan, planWant, `${label}: plan`);
  assert.deepEqual(list.map((x) => x.assignment_id), overdueIds, `${label}: plan.overdue_list, oldest first`);
}

/** Today in Asia/Ho_Chi_Minh (the server's day), and the window of the last 360 days up to it. */
export const todayVN = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
export function lastYearWindow() {
  const to = todayVN();
  return { from: new Date(Date.parse(`${to}T00:00:00Z`) - 360 * 86400e3).toISOString().slice(0, 10), to };
}

/** The ad hoc report of unitId over [from, to] made by token: created, or (one report per unit
 * and period) the existing one refreshed, so its figures are computed now either way. */
export async function reportFor(token, unitId, from, to, title = `Báo cáo kiểm tra số liệu ${Date.now()}`) {
  let r = await req('POST', '/api/v1/reports', { token, body: { unit_id: unitId, kind: 'kstt', from, to, title } });
  if (r.status === 409 && r.json?.existing_id) r = await req('POST', `/api/v1/reports/${r.json.existing_id}/refresh`, { token });
  if (r.status !== 201 && r.status !== 200) throw new Error(`report of unit ${unitId}: ${r.status} ${r.text}`);
  return r.json;
}
