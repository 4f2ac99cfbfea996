// Every route of the web app (the tables in web/src/app.jsx and web/src/intranet.jsx), with its
// parameters filled from the demo data, for the tests that walk them all (placeholder wording,
// small screens, accessibility).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { login as apiLogin, req } from './api.mjs';
import { ROOT } from './stack.mjs';

/** The route patterns of a route table in a source file: `{ path: '/x', ... }`. */
export function routesOf(file, table) {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const start = src.indexOf(`const ${table} = [`);
  assert.ok(start >= 0, `${table} in ${file}`);
  const body = src.slice(start, src.indexOf('];', start));
  return [...body.matchAll(/path:\s*'([^']+)'/g)].map((m) => m[1]);
}

/** Public and intranet route patterns. */
export function allRoutes() {
  return { public: routesOf('web/src/app.jsx', 'PUBLIC_ROUTES'), app: routesOf('web/src/intranet.jsx', 'APP_ROUTES') };
}

/** Ids and codes of demo objects, read as the administrator. */
export async function demoIds() {
  const t = await apiLogin('admin');
  const first = async (p, key = 'id') => {
    const r = await req('GET', p, { token: t });
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    const it = (r.json.items || r.json)[0];
    assert.ok(it, `a demo object from ${p}`);
    return it[key];
  };
  const ids = {};
  ids.feedback = await first('/api/v1/feedback?box=all&per_page=1');
  ids.procedure = await first('/api/v1/procedures?per_page=1');
  ids.code = await first('/api/v1/public/procedures?per_page=1', 'code');
  // The first plan that has a task (the newest may be a plan without tasks yet).
  const plans = (await req('GET', '/api/v1/plans?per_page=20', { token: t })).json.items;
  for (const p of plans) {
    const plan = (await req('GET', `/api/v1/plans/${p.id}`, { token: t })).json;
    const task = (plan.sections || []).flatMap((s) => s.tasks)[0];
    if (task) {
      ids.plan = p.id;
      ids.task = task.id;
      break;
    }
  }
  assert.ok(ids.task, 'a demo plan with a task');
  ids.report = await first('/api/v1/reports?per_page=1');
  ids.reviewForm = await first('/api/v1/review/forms?per_page=1');
  ids.reviewDecision = await first('/api/v1/review/decisions?per_page=1');
  // an assessed unit of the demo's published year of the reform index
  ids.indexUnit = (await req('GET', '/api/v1/public/index/2024/results?kind=department')).json[0].unit_id;
  ids.training = await first('/api/v1/trainings?per_page=1');
  ids.internalProcedure = await first('/api/v1/internal-procedures?per_page=1');
  ids.impactAssessment = await first('/api/v1/impact-assessments?per_page=1');
  ids.initiative = await first('/api/v1/initiatives?per_page=1');
  // issue 18: the demo has inspections and communications of the province (any year)
  ids.inspection = await first('/api/v1/inspections?per_page=1');
  ids.communication = await first('/api/v1/communications?per_page=1');
  // issue 20: a late dossier of the demo (its explanations and apologies page)
  ids.lateDossier = await first('/api/v1/kpi/late-dossiers?from=2024-01-01&to=2024-12-31&per_page=1');
  const published = (await req('GET', '/api/v1/public/feedback?per_page=1')).json.items || [];
  ids.published = published[0] ? published[0].id : null;
  const fb = (await req('GET', `/api/v1/feedback/${ids.feedback}`, { token: t })).json;
  ids.tracking = fb.tracking_code || null;
  return ids;
}

/** A route pattern with its parameters filled from the demo data; fails for an unknown one. */
export function fillRoute(pattern, ids) {
  if (!pattern.includes(':')) return pattern;
  const by = [
    [/^\/thu-tuc\/:code$/, `/thu-tuc/${encodeURIComponent(ids.code)}`],
    [/^\/app\/phan-anh\/:id/, pattern.replace(':id', ids.feedback)],
    [/^\/app\/thu-tuc\/:id/, pattern.replace(':id', ids.procedure)],
    [/^\/app\/ke-hoach\/:id/, pattern.replace(':id', ids.plan)],
    [/^\/app\/nhiem-vu\/:id/, pattern.replace(':id', ids.task)],
    [/^\/app\/bao-cao\/:id/, pattern.replace(':id', ids.report)],
    [/^\/app\/ra-soat\/phieu\/:id$/, pattern.replace(':id', ids.reviewForm)],
    [/^\/app\/ra-soat\/quyet-dinh\/:id$/, pattern.replace(':id', ids.reviewDecision)],
    [/^\/app\/chi-so-cchc\/:year\/:unit$/, `/app/chi-so-cchc/2024/${ids.indexUnit}`],
    // a one-time link's token is shown once: the page of an unknown one says so
    [/^\/khao-sat\/:token$/, '/khao-sat/khongcoduongdannaotrongcoso'],
    [/^\/app\/so-theo-doi\/tap-huan\/:id$/, pattern.replace(':id', ids.training)],
    [/^\/app\/tthc-noi-bo\/:id$/, pattern.replace(':id', ids.internalProcedure)],
    [/^\/app\/danh-gia-tac-dong\/:id$/, pattern.replace(':id', ids.impactAssessment)],
    [/^\/app\/sang-kien\/:id$/, pattern.replace(':id', ids.initiative)],
    [/^\/app\/kiem-tra\/:id$/, pattern.replace(':id', ids.inspection)],
    [/^\/app\/chi-so\/tre-han\/:id$/, pattern.replace(':id', ids.lateDossier)],
    [/^\/app\/truyen-thong\/:id$/, pattern.replace(':id', ids.communication)],
    [/^\/phan-anh\/da-tra-loi\/:id$/, ids.published ? `/phan-anh/da-tra-loi/${ids.published}` : null],
    // the confirmation page of a sent item reads it by its tracking code
    [/^\/phan-anh\/da-gui\/:code$/, ids.tracking ? `/phan-anh/da-gui/${encodeURIComponent(ids.tracking)}` : null],
  ];
  const hit = by.find(([re]) => re.test(pattern));
  assert.ok(hit, `no demo id for ${pattern}: add one to tests/lib/routes.mjs`);
  return hit[1];
}
