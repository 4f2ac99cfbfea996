// Compliance cost (issue 17): a procedure's sheet per year (the worked example of
// docs/compliance-cost.md, exact to the đồng), validation with nested field names, each role inside
// and outside its scope, versions and audit, and the savings totals and export.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode, BASE } from '../lib/api.mjs';
import { firstCell } from '../lib/xlsx-read.mjs';

const WORKED = {
  year: 2024,
  before: {
    activities: [
      { name: 'Chuẩn bị tờ khai và bản sao giấy tờ', kind: 'dossier', hours: 4.5, money: 20000 },
      { name: 'Đi lại nộp hồ sơ và nhận kết quả', kind: 'travel', hours: 2.25, money: 50000 },
      { name: 'Chờ đợi tại Bộ phận Một cửa', kind: 'waiting', hours: 1.5, money: 0 },
      { name: 'Phí cấp Phiếu lý lịch tư pháp', kind: 'fee', hours: 0, money: 100000 },
    ],
    frequency: 1,
    subjects: 1200,
  },
  after: {
    activities: [
      { name: 'Khai tờ khai điện tử', kind: 'dossier', hours: 2.5, money: 10000 },
      { name: 'Nộp trực tuyến, nhận kết quả qua bưu chính', kind: 'travel', hours: 0.5, money: 0 },
      { name: 'Phí (giảm khi nộp trực tuyến)', kind: 'fee', hours: 0, money: 50000 },
    ],
    frequency: 1,
    subjects: 1200,
  },
};

const T = {};
const as = async (who, method, path, body) => req(method, path, { token: T[who] || (T[who] = await login(who)), body });
let field, U, P;

async function newProc(unitId, fieldId) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = `1.8${String(Math.floor(Math.random() * 100000)).padStart(5, '0')}`;
    const r = await as('admin', 'POST', '/api/v1/procedures', {
      code, name: `Thủ tục chi phí ${code}`, field_id: fieldId, levels: ['province'], agency_unit_id: unitId,
    });
    if (r.status === 201) return r.json.id;
    assert.equal(r.status, 422, r.text);
  }
  throw new Error('no free procedure code');
}

before(async () => {
  U = { STP: await unitByCode('STP'), X0101: await unitByCode('X0101'), SXD: await unitByCode('SXD') };
  const f = await as('admin', 'POST', '/api/v1/procedure-fields', { name: `Lĩnh vực chi phí ${Date.now()}` });
  assert.equal(f.status, 201, f.text);
  field = f.json.id;
  // a viewer of district H01 (the demo has none)
  const H01 = await unitByCode('H01');
  const name = `cp.viewer.${Date.now()}`, password = `Cp@${Date.now()}Aa1`;
  const v = await as('admin', 'POST', '/api/v1/users', { username: name, full_name: 'Người Xem Chi Phí', unit_id: H01.id, role: 'viewer', password });
  assert.equal(v.status, 201, v.text);
  T.viewer = await login(name, password);
  P = {
    stp: await newProc(U.STP.id, field),
    commune: await newProc(U.X0101.id, field),
    stpBeforeOnly: await newProc(U.STP.id, field),
    sxd: await newProc(U.SXD.id, field),
  };
});

test('the worked example, exact to the đồng, read back the same by GET', async () => {
  const r = await as('stp.daumoi', 'PUT', `/api/v1/procedures/${P.stp}/cost`, WORKED);
  assert.equal(r.status, 200, r.text);
  const c = r.json;
  assert.equal(c.year, 2024);
  assert.equal(c.procedure.id, P.stp);
  assert.equal(c.procedure.agency_unit_id, U.STP.id);
  assert.equal(c.hourly_income, 43750);
  assert.deepEqual(c.before.activities.map((a) => a.hours), [4.5, 2.25, 1.5, 0]);
  assert.equal(c.before.hours_total, 8.25);
  assert.equal(c.before.money_total, 170000);
  assert.equal(c.before.per_time, 530938); // 8.25 h × 43,750 = 360,937.5 → 360,938; + 170,000
  assert.equal(c.before.yearly, 637125600);
  assert.equal(c.after.per_time, 191250);
  assert.equal(c.after.yearly, 229500000);
  assert.equal(c.saving, 407625600);
  assert.equal(c.saving_pct, 63.98);
  assert.equal(c.version, 1);
  assert.ok(c.updated_by_name);
  const g = await as('vp.kstt', 'GET', `/api/v1/procedures/${P.stp}/cost?year=2024`);
  assert.equal(g.status, 200, g.text);
  assert.deepEqual({ ...g.json, updated_at: null }, { ...c, updated_at: null });
});

test('a second PUT is a new version, audited with before and after', async () => {
  const body = structuredClone(WORKED);
  body.after.subjects = 1000;
  const r = await as('stp.daumoi', 'PUT', `/api/v1/procedures/${P.stp}/cost`, body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.version, 2);
  assert.equal(r.json.after.yearly, 191250000);
  assert.equal(r.json.saving, 637125600 - 191250000);
  const a = await as('admin', 'GET', `/api/v1/audit?entity=procedure&entity_id=${P.stp}&action=procedure.cost`);
  assert.equal(a.status, 200, a.text);
  assert.ok(a.json.items.length >= 2, a.text);
  // put it back for the savings test
  assert.equal((await as('stp.daumoi', 'PUT', `/api/v1/procedures/${P.stp}/cost`, WORKED)).json.version, 3);
});

test('no sheet yet: nulls and the year\'s hourly income; zero subjects; no after-version', async () => {
  const g = await as('stp.daumoi', 'GET', `/api/v1/procedures/${P.stpBeforeOnly}/cost?year=2023`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.hourly_income, 40341);
  assert.equal(g.json.before, null);
  assert.equal(g.json.version, 0);
  const z = await as('stp.daumoi', 'PUT', `/api/v1/procedures/${P.stpBeforeOnly}/cost`, {
    year: 2023, before: { activities: [{ name: 'Chuẩn bị hồ sơ', hours: 1.15, money: 1 }], frequency: 1, subjects: 0 },
  });
  assert.equal(z.status, 200, z.text);
  assert.equal(z.json.before.per_time, 46393); // 1.15 × 40,341 = 46,392.15 → 46,392; + 1
  assert.equal(z.json.before.yearly, 0);
  assert.equal(z.json.after, null);
  assert.equal(z.json.saving, null);
  assert.equal(z.json.saving_pct, null);
  // before costs nothing: a saving but no percentage
  const n = await as('stp.daumoi', 'PUT', `/api/v1/procedures/${P.stpBeforeOnly}/cost`, {
    year: 2023, before: { activities: [], frequency: 1, subjects: 5 }, after: { activities: [{ name: 'Phí', money: 10, hours: 0 }], frequency: 1, subjects: 5 },
  });
  assert.equal(n.status, 200, n.text);
  assert.equal(n.json.saving, -50);
  assert.equal(n.json.saving_pct, null);
});

test('validation: nested fields named, Vietnamese messages, huge numbers refused', async () => {
  const put = (body) => as('stp.daumoi', 'PUT', `/api/v1/procedures/${P.stpBeforeOnly}/cost`, body);
  const sheet = (act, extra = {}) => ({ activities: [{ name: 'Hoạt động', hours: 1, money: 0, ...act }], frequency: 1, subjects: 1, ...extra });
  assertProblem(await put({ year: 2024 }), 422, 'before');
  assertProblem(await put({ year: 1999, before: sheet({}) }), 422, 'year');
  const noIncome = await put({ year: 2019, before: sheet({}) });
  assertProblem(noIncome, 422, 'year');
  assert.match(noIncome.json.errors[0].message, /thu nhập bình quân/);
  const hours = await put({ year: 2024, before: sheet({ hours: 1.155 }) });
  assertProblem(hours, 422, 'before.activities[0].hours');
  assert.match(hours.json.errors[0].message, /2 chữ số thập phân/);
  assertProblem(await put({ year: 2024, before: sheet({ money: -1 }) }), 422, 'before.activities[0].money');
  assertProblem(await put({ year: 2024, before: sheet({ money: 1.5 }) }), 422, 'before.activities[0].money');
  assertProblem(await put({ year: 2024, before: sheet({ name: '' }) }), 422, 'before.activities[0].name');
  assertProblem(await put({ year: 2024, before: sheet({ kind: 'bribe' }) }), 422, 'before.activities[0].kind');
  assertProblem(await put({ year: 2024, before: sheet({ x: 1 }) }), 422, 'before.activities[0].x');
  assertProblem(await put({ year: 2024, before: sheet({}, { subjects: undefined }) }), 422, 'before.subjects');
  assertProblem(await put({ year: 2024, before: sheet({}), after: sheet({}, { frequency: -1 }) }), 422, 'after.frequency');
  assertProblem(await put({ year: 2024, before: sheet({}), extra: 1 }), 422, 'extra');
  const huge = await put({ year: 2024, before: sheet({ money: 100000000000000, hours: 0 }, { frequency: 1000000, subjects: 1000000000000 }) });
  assertProblem(huge, 422, 'before.subjects');
  assert.match(huge.json.errors[0].message, /vượt quá/);
  const perTime = await put({ year: 2024, before: sheet({ money: 100000000000000, hours: 1 }) });
  assertProblem(perTime, 422, 'before.activities');
  // nothing was stored by the refused requests
  const g = await as('stp.daumoi', 'GET', `/api/v1/procedures/${P.stpBeforeOnly}/cost?year=2024`);
  assert.equal(g.json.version, 0);
});

test('scope: the agency\'s subtree and province-wide roles; leaders and viewers read only', async () => {
  const body = { ...WORKED, year: 2022 };
  // commune X0101's procedure: its officer writes, the district reads, the STP officer does not see it
  const w = await as('xa11.daumoi', 'PUT', `/api/v1/procedures/${P.commune}/cost`, body);
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json.hourly_income, 38068);
  assert.equal(w.json.procedure.id, P.commune);
  for (const who of ['huyen1.lanhdao', 'huyen1.daumoi', 'viewer', 'admin', 'lanhdao.tinh']) {
    const g = await as(who, 'GET', `/api/v1/procedures/${P.commune}/cost?year=2022`);
    assert.equal(g.status, 200, `${who}: ${g.text}`);
    assert.equal(g.json.procedure.id, P.commune);
    assert.equal(g.json.before.yearly, w.json.before.yearly);
  }
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/procedures/${P.commune}/cost?year=2022`), 404);
  assertProblem(await as('huyen1.daumoi', 'GET', `/api/v1/procedures/${P.stp}/cost?year=2024`), 404);
  assertProblem(await as('xa11.daumoi', 'PUT', `/api/v1/procedures/${P.sxd}/cost`, body), 404);
  assertProblem(await as('huyen1.lanhdao', 'PUT', `/api/v1/procedures/${P.commune}/cost`, body), 403);
  assertProblem(await as('lanhdao.tinh', 'PUT', `/api/v1/procedures/${P.stp}/cost`, body), 403);
  assertProblem(await req('GET', `/api/v1/procedures/${P.stp}/cost`), 401);
  // the Provincial Office writes any procedure's sheet
  const vp = await as('vp.kstt', 'PUT', `/api/v1/procedures/${P.sxd}/cost`, { ...WORKED, after: null });
  assert.equal(vp.status, 200, vp.text);
  assert.equal(vp.json.after, null);
});

test('savings: totals count only sheets with an after-version; each role sees its scope', async () => {
  const q = `/api/v1/review/savings?year=2024&field_id=${field}`;
  const all = await as('admin', 'GET', q);
  assert.equal(all.status, 200, all.text);
  // 2024 in this field: the STP worked example (with after) and the SXD sheet (before only)
  assert.deepEqual(all.json.items.map((x) => x.procedure_id).sort(), [P.stp, P.sxd].sort());
  assert.equal(all.json.total, 2);
  assert.deepEqual(all.json.totals, { sheets: 2, procedures: 1, before: 637125600, after: 229500000, saving: 407625600, saving_pct: 63.98 });
  const row = all.json.items.find((x) => x.procedure_id === P.stp);
  assert.equal(row.agency_unit_id, U.STP.id);
  assert.equal(row.field_id, field);
  assert.equal(row.saving_pct, 63.98);
  const stp = await as('stp.daumoi', 'GET', q);
  assert.deepEqual(stp.json.items.map((x) => x.procedure_id), [P.stp]);
  const xa = await as('xa11.daumoi', 'GET', q);
  assert.deepEqual(xa.json.items, []);
  assert.deepEqual(xa.json.totals, { sheets: 0, procedures: 0, before: 0, after: 0, saving: 0, saving_pct: null });
  const xa22 = await as('huyen1.lanhdao', 'GET', `/api/v1/review/savings?year=2022&field_id=${field}`);
  assert.deepEqual(xa22.json.items.map((x) => x.procedure_id), [P.commune]);
  assert.equal(xa22.json.items[0].agency_unit_id, U.X0101.id);
  const byUnit = await as('admin', 'GET', `/api/v1/review/savings?year=2024&field_id=${field}&unit_id=${U.STP.id}`);
  assert.deepEqual(byUnit.json.items.map((x) => x.procedure_id), [P.stp]);
  assertProblem(await as('xa11.daumoi', 'GET', `/api/v1/review/savings?year=2024&unit_id=${U.STP.id}`), 404);
  assertProblem(await as('admin', 'GET', '/api/v1/review/savings?year=1999'), 422, 'year');
  const paged = await as('admin', 'GET', `${q}&per_page=1&page=2`);
  assert.equal(paged.json.items.length, 1);
  assert.equal(paged.json.total, 2);
  assert.equal(paged.json.items[0].procedure_id, P.sxd); // no saving: last
});

test('savings export: an .xlsx whose title row names the year and the unit', async () => {
  const token = T.admin || (T.admin = await login('admin'));
  const res = await fetch(`${BASE}/api/v1/review/savings/export?year=2024&field_id=${field}&unit_id=${U.STP.id}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const title = firstCell(Buffer.from(await res.arrayBuffer()));
  assert.match(title, /CHI PHÍ TUÂN THỦ/);
  assert.match(title, /năm 2024/);
  assert.match(title, /Sở Tư pháp/);
  assert.match(title, /lập lúc/);
});

test('savings over a review decision: only the procedures of the proposals it adopted', async () => {
  const decisions = await as('admin', 'GET', '/api/v1/review/decisions?per_page=100');
  assert.equal(decisions.status, 200, decisions.text);
  // a decision of the demo (or of another test) that adopted at least one proposal
  let decision = null;
  let procs = [];
  for (const d of decisions.json.items) {
    const p = await as('admin', 'GET', `/api/v1/review/proposals?decision_id=${d.id}&per_page=100`);
    assert.equal(p.status, 200, p.text);
    if (p.json.items.length) {
      decision = d;
      procs = [...new Set(p.json.items.map((x) => x.procedure_id))];
      break;
    }
  }
  assert.ok(decision, 'a decision with a proposal');
  // 2024 (a year with an hourly income): the worked example on the decision's first procedure;
  // P.stp, outside the decision, has it too
  const sheet = WORKED;
  assert.equal((await as('admin', 'PUT', `/api/v1/procedures/${procs[0]}/cost`, sheet)).status, 200);
  const all = await as('admin', 'GET', '/api/v1/review/savings?year=2024&per_page=500');
  assert.ok(all.json.items.some((x) => x.procedure_id === P.stp));
  const by = await as('admin', 'GET', `/api/v1/review/savings?year=2024&decision_id=${decision.id}&per_page=500`);
  assert.equal(by.status, 200, by.text);
  const ids = by.json.items.map((x) => x.procedure_id);
  assert.ok(ids.includes(procs[0]), 'the decision\'s procedure');
  assert.ok(ids.every((id) => procs.includes(id)), `only the decision's procedures: ${ids} ⊄ ${procs}`);
  assert.equal(by.json.total, ids.length);
  const sum = by.json.items.reduce((a, x) => a + (x.saving ?? 0), 0);
  assert.equal(by.json.totals.saving, sum);
  assert.ok(sum >= 407625600);
  assertProblem(await as('admin', 'GET', '/api/v1/review/savings?year=2024&decision_id=99999999'), 404);
  assertProblem(await as('admin', 'GET', '/api/v1/review/savings?year=2024&decision_id=abc'), 422, 'decision_id');
  // the export's title names the decision
  const token = T.admin || (T.admin = await login('admin'));
  const res = await fetch(`${BASE}/api/v1/review/savings/export?year=2024&decision_id=${decision.id}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.match(firstCell(Buffer.from(await res.arrayBuffer())), new RegExp(`Quyết định số ${decision.number.replace(/[/.]/g, '\\$&')}`));
});
