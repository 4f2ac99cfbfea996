// The content check of the access matrix: walks a JSON answer and reports every unit, user and
// assignment id in it that lies outside the principal's subtree, and every plan and task id of a
// plan the principal may not see (decision 15). The subtree is computed here from GET
// /api/v1/units as the admin (a merged unit hangs under its successor, decision 12); users,
// assignments, plans and tasks are looked up as the admin, once each.

// Fields that name units outside the reader's subtree by decision, per route (METHOD /pattern) and
// JSON path (arrays shown as []). Everything not listed here is checked.
const PUBLIC = [
  // A district admin's audit rows include changes made to its units, users and plans by someone
  // above it: who made them is the point of an audit trail. The rows themselves are scoped.
  { route: /^GET \/api\/v1\/audit$/, path: /^items\[\]\.actor_id$/, kind: 'user', why: 'who changed an object of the subtree' },
  // Decision 11: the unit catalogue is readable by every signed-in user.
  { route: /^(GET|POST|PUT) \/api\/v1\/units/, path: /./, why: 'the unit catalogue (decision 11)' },
  // Decision 35: the procedure catalogue is the province's, with no unit scope.
  { route: /\/api\/v1\/procedures/, path: /(^|\.)agency_unit_id$/, why: 'the procedure catalogue (decision 35)' },
  // Decision 15: a unit given work reads the plan that gives it, owner included; the lead and
  // coop lists are the plan's text, which names units anywhere in the owner's subtree.
  { route: /\/api\/v1\/(plans|tasks|sections|assignments)/, path: /(^|\.)(lead|coop)\[\]\.unit_id$/, why: 'the plan text' },
  { route: /^GET \/api\/v1\/plans$/, path: /^items\[\]\.unit_id$/, why: 'owner of a plan that gives the reader work' },
  { route: /^GET \/api\/v1\/plans\/\{id\}$/, path: /^unit_id$/, why: 'owner of a plan that gives the reader work' },
  { route: /^GET \/api\/v1\/tasks\/\{id\}$/, path: /^plan\.unit_id$/, why: 'owner of a plan that gives the reader work' },
  { route: /^POST \/api\/v1\/plans\/\{id\}\/derive$/, path: /^source_plan\.unit_id$/, why: 'owner of the source plan' },
  // The unit a citizen's feedback is about is the citizen's words (kept with the item forwarded
  // to the reader's subtree).
  { route: /\/api\/v1\/feedback/, path: /(^|\.)unit_id$/, why: 'the unit named by the citizen' },
  // Decision 162: once a year's reform index is finalised, its ranking is published (the same list
  // the public route gives); before that the list holds the reader's subtree only.
  { route: /^GET \/api\/v1\/index\/\{year\}\/results$/, path: /^\[\]\.unit_id$/, why: 'the published ranking of a finalised year' },
  // Decision 155: a unit reads a course its people attended, and who organised it (only its own
  // people are listed as attendees).
  { route: /\/api\/v1\/trainings/, path: /^(items\[\]\.)?organiser_unit_id$/, why: 'organiser of a course the reader\'s people attended' },
  // Decision 143: the Department of Justice reads every impact assessment sent to it for appraisal,
  // whichever unit drafted it.
  { route: /\/api\/v1\/impact-assessments/, path: /(^|\.)unit_id$/, why: 'the drafting unit of an assessment sent for appraisal' },
  // Decision 144: a proposal on a unit's internal procedure may come from the Provincial Office.
  { route: /\/api\/v1\/internal-procedures/, path: /^proposals\[\]\.unit_id$/, why: 'the unit that proposed a simplification' },
  // Issue 18: an inspection names who inspects the reader's unit and the inspectors (a unit above
  // it, the Provincial Office): the point of the record for the inspected unit.
  { route: /\/api\/v1\/inspections/, path: /(^|\.)inspecting_unit_id$/, why: 'the inspecting unit' },
  { route: /\/api\/v1\/inspections/, path: /(^|\.)team\[\]\.(user_id|unit_id)$/, why: 'the inspection team' },
  // Decision 171: the units a satisfaction survey covers are part of the survey itself (the
  // questionnaire every reader sees, published with the results once closed); figures are scoped.
  { route: /^GET \/api\/v1\/sipas\/\{year\}\/survey$/, path: /^units\[\]\.id$/, why: 'the units the survey covers (decision 171)' },
  // Decision 198: a late dossier's explanation and apology records name who recorded them, the
  // handling unit or a unit above it (the province may record for a commune's dossier).
  { route: /^GET \/api\/v1\/dossiers\/\{id\}\/(explanations|apologies)$/, path: /^items\[\]\.recorded_unit_id$/, why: 'the unit that recorded a late dossier\'s record (decision 198)' },
  { route: /^GET \/api\/v1\/dossiers\/\{id\}\/(explanations|apologies)$/, path: /^items\[\]\.created_by$/, kind: 'user', why: 'who recorded a late dossier\'s record (decision 198)' },
];

const UNIT_KEY = (k) => k === 'unit_id' || k.endsWith('_unit_id');
const USER_KEY = (k) => k === 'user_id' || k === 'actor_id' || k === 'created_by' || k === 'updated_by';

export class Scope {
  constructor(ctx) {
    this.ctx = ctx;
    this.users = new Map(); // user id -> unit id
    this.asg = new Map(); // assignment id -> unit id
    this.plans = new Map(); // plan id -> {owner, units: Set of assigned unit ids}
    this.tasks = new Map(); // task id -> plan id
    this.subtrees = new Map();
  }

  async load() {
    const units = [];
    for (let page = 1; ; page++) {
      const r = await this.ctx.req('GET', `/api/v1/units?per_page=1000&page=${page}`, { token: this.ctx.admin });
      units.push(...r.json.items);
      if (r.json.items.length < 1000) break;
    }
    this.subtrees.clear();
    this.byId = new Map(units.map((u) => [u.id, u]));
    this.children = new Map();
    for (const u of units) {
      const p = u.successor_id ?? u.parent_id;
      if (p == null) continue;
      if (!this.children.has(p)) this.children.set(p, []);
      this.children.get(p).push(u.id);
    }
  }

  subtree(unitId) {
    if (this.subtrees.has(unitId)) return this.subtrees.get(unitId);
    const out = new Set([unitId]);
    const todo = [unitId];
    while (todo.length) for (const c of this.children.get(todo.pop()) || []) if (!out.has(c)) out.add(c), todo.push(c);
    this.subtrees.set(unitId, out);
    return out;
  }

  unitOf(who) {
    const u = this.ctx.made[who] || this.ctx.demo[who];
    return u?.unit_id;
  }

  /** Province-level principals and the coordinator see the whole province. */
  wide(who) {
    const u = this.byId.get(this.unitOf(who));
    return !u || u.level === 'province' || u.coordinator === true;
  }

  async lookup(map, path, id) {
    if (!map.has(id)) {
      const r = await this.ctx.req('GET', `${path}/${id}`, { token: this.ctx.admin });
      map.set(id, r.status === 200 ? r.json.unit_id : null);
    }
    return map.get(id);
  }

  async plan(id) {
    if (!this.plans.has(id)) {
      const r = await this.ctx.req('GET', `/api/v1/plans/${id}`, { token: this.ctx.admin });
      const units = new Set();
      const walk = (tasks) => (tasks || []).forEach((t) => (t.assignments.forEach((a) => units.add(a.unit_id)), walk(t.children)));
      if (r.status === 200) {
        for (const sec of r.json.sections) walk(sec.tasks);
        walk(r.json.unsectioned_tasks);
      }
      this.plans.set(id, r.status === 200 ? { owner: r.json.unit_id, units } : null);
    }
    return this.plans.get(id);
  }

  /** Decision 15: a plan is visible when its owner is in the subtree or it gives the subtree work. */
  async planVisible(who, planId) {
    const p = await this.plan(planId);
    if (!p) return true; // gone since (a delete row): nothing to compare
    const mine = this.subtree(this.unitOf(who));
    if (!this.byId.has(p.owner)) await this.load();
    return this.subtree(this.unitOf(who)).has(p.owner) || [...p.units].some((u) => mine.has(u));
  }

  async taskPlan(id) {
    if (!this.tasks.has(id)) {
      const r = await this.ctx.req('GET', `/api/v1/tasks/${id}`, { token: this.ctx.admin });
      this.tasks.set(id, r.status === 200 ? r.json.plan_id : null);
    }
    return this.tasks.get(id);
  }

  /** The ids found in body: [{kind, path, id}]. */
  collect(body) {
    const out = [];
    const walk = (v, path) => {
      if (Array.isArray(v)) return v.forEach((x) => walk(x, `${path}[]`));
      if (!v || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if (Number.isInteger(x)) {
          if (UNIT_KEY(k) || (k === 'id' && /(^|\.)units\[\]$/.test(path))) out.push({ kind: 'unit', path: p, id: x });
          else if (USER_KEY(k)) out.push({ kind: 'user', path: p, id: x });
          else if (k === 'assignment_id' || (k === 'id' && /(^|\.)assignments\[\]$/.test(path))) out.push({ kind: 'assignment', path: p, id: x });
          else if (k === 'plan_id' || k === 'source_plan_id') out.push({ kind: 'plan', path: p, id: x });
          else if (k === 'task_id' || k === 'source_task_id') out.push({ kind: 'task', path: p, id: x });
        } else walk(x, p);
      }
    };
    walk(body, '');
    return out;
  }

  /** Descriptions of the ids in body outside who's subtree (empty when all are inside). */
  async outside(who, row, body) {
    // Public routes answer everyone the same (anonymous included): nothing there is scoped.
    if (this.wide(who) || row.action === 'public') return [];
    const leaks = [];
    for (const { kind, path, id } of this.collect(body)) {
      if (kind === 'plan' || kind === 'task') {
        const planId = kind === 'plan' ? id : await this.taskPlan(id);
        if (planId == null || (await this.planVisible(who, planId))) continue;
        if (PUBLIC.some((e) => e.kind === kind && e.route.test(row.route) && e.path.test(path))) continue;
        leaks.push(`${path} = ${kind} ${id} (plan ${planId}, invisible to ${who})`);
        continue;
      }
      const unit = kind === 'unit' ? id : kind === 'user' ? await this.lookup(this.users, '/api/v1/users', id) : await this.lookup(this.asg, '/api/v1/assignments', id);
      if (unit == null) continue;
      // Units made since the last load (fixtures, write rows): reload the tree once for them.
      if (!this.byId.has(unit)) await this.load();
      if (this.subtree(this.unitOf(who)).has(unit)) continue;
      if (PUBLIC.some((e) => (e.kind || 'unit') === kind && e.route.test(row.route) && e.path.test(path))) continue;
      leaks.push(`${path} = ${kind} ${id}${kind === 'unit' ? '' : ` (unit ${unit})`} ${this.byId.get(unit)?.code || ''}`);
    }
    return [...new Set(leaks)];
  }
}
