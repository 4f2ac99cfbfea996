// The cached authenticated lists (issue 21, decisions 214 and 221) and the reports tracker: a
// repeated question gives the same bytes; a write through the API or straight into the database
// (the triggers of migrations 042 and 043) makes the next answer new; each reader gets its own scope's answer, and a caller outside a
// unit's scope never gets the answer cached for someone inside it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, unitByCode } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';

const one = (q) => sql(q)[0]?.[0];
const version = (area) => Number(one(`SELECT version FROM data_versions WHERE area = '${area}'`));
let vp, xa11, xa12, c11, c12;

async function get(path, token) {
  const r = await req('GET', path, { token });
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r;
}
async function twice(path, token) {
  const a = await get(path, token);
  const b = await get(path, token);
  assert.equal(b.text, a.text, `${path}: the repeated question gives the same bytes`);
  return b.json;
}

before(async () => {
  [vp, xa11, xa12] = await Promise.all(['vp.kstt', 'xa11.daumoi', 'xa12.daumoi'].map((u) => login(u)));
  const me = async (t) => (await get('/api/v1/auth/me', t)).json.user.unit_id;
  [c11, c12] = [await me(xa11), await me(xa12)];
  assert.notEqual(c11, c12);
});

test('assignments: the same bytes twice, a progress update shows at once', async () => {
  const list = await twice('/api/v1/assignments?per_page=100', xa11);
  assert.ok(list.items.length > 0);
  for (const a of list.items) assert.equal(a.unit_id, c11, `row ${a.id} is the reader's unit's`);
  const a = list.items.find((x) => x.status !== 'done' && x.plan_status !== 'closed');
  assert.ok(a, 'an open assignment');
  const progress = a.progress >= 95 ? 5 : a.progress + 3;
  const before = version('assignments');
  const r = await req('POST', `/api/v1/assignments/${a.id}/updates`, { token: xa11, body: { status: 'in_progress', progress, note: 'Bộ đệm danh sách' } });
  assert.equal(r.status, 201, r.text);
  assert.ok(version('assignments') > before, 'the write bumped the version');
  const after = await twice('/api/v1/assignments?per_page=100', xa11);
  const row = after.items.find((x) => x.id === a.id);
  assert.equal(row.progress, progress, 'not the answer cached before the update');
  assert.equal(row.status, 'in_progress');
});

test('assignments: a change made straight in the database is seen (triggers)', async () => {
  const list = await twice('/api/v1/assignments?per_page=100', xa11);
  const a = list.items[0];
  const title = one(`SELECT title FROM tasks WHERE id = ${Number(a.task_id)}`);
  const before = version('assignments');
  sql(`UPDATE tasks SET title = CONCAT(title, ' (đã sửa)') WHERE id = ${Number(a.task_id)}`);
  try {
    assert.ok(version('assignments') > before);
    const after = await get('/api/v1/assignments?per_page=100', xa11);
    assert.equal(after.json.items.find((x) => x.id === a.id).task_title, `${title} (đã sửa)`);
  } finally {
    sql(`UPDATE tasks SET title = LEFT(title, CHAR_LENGTH(title) - 9) WHERE id = ${Number(a.task_id)} AND title LIKE '% (đã sửa)'`);
  }
  const restored = await get('/api/v1/assignments?per_page=100', xa11);
  assert.equal(restored.json.items.find((x) => x.id === a.id).task_title, title);
});

test('assignments: each reader its own scope, the same path and query notwithstanding', async () => {
  const path = '/api/v1/assignments?per_page=100';
  const [l11, l12] = [await twice(path, xa11), await twice(path, xa12)];
  for (const a of l11.items) assert.equal(a.unit_id, c11);
  for (const a of l12.items) assert.equal(a.unit_id, c12);
  // The province office asks for a commune's list (cached for it); the other commune's officer
  // asking the same path is outside that scope: 404, never the cached rows.
  const other = `/api/v1/assignments?unit_id=${c11}&per_page=50`;
  const seen = await twice(other, vp);
  for (const a of seen.items) assert.equal(a.unit_id, c11);
  const r = await req('GET', other, { token: xa12 });
  assert.equal(r.status, 404, r.text);
  assert.ok(!r.text.includes('"items"'));
});

test('feedback inbox: the same bytes twice, a change to an item is seen at once', async () => {
  const path = '/api/v1/feedback?box=all&per_page=50';
  const list = await twice(path, vp);
  assert.ok(list.items.length > 0, 'the demo has feedback');
  const f = list.items[0];
  const before = version('feedback');
  sql(`UPDATE feedback SET title = CONCAT(title, ' (đã sửa)') WHERE id = ${Number(f.id)}`);
  try {
    assert.ok(version('feedback') > before);
    const after = await get(path, vp);
    assert.equal(after.json.items.find((x) => x.id === f.id).title, `${f.title} (đã sửa)`);
  } finally {
    sql(`UPDATE feedback SET title = LEFT(title, CHAR_LENGTH(title) - 9) WHERE id = ${Number(f.id)} AND title LIKE '% (đã sửa)'`);
  }
  // A commune officer's inbox is its own (the same path, another answer).
  const mine = await twice(path, xa11);
  for (const x of mine.items) assert.equal(x.assigned_unit_id, c11);
});

test('procedures: the same bytes twice; a catalogue change is seen at once', async () => {
  const path = '/api/v1/procedures?per_page=50&sort=code';
  const list = await twice(path, vp);
  assert.ok(list.items.length > 0);
  const unit = await unitByCode('NDH');
  assert.ok(unit.id);
  const p = list.items[0];
  const full = (await get(`/api/v1/procedures/${p.id}`, vp)).json;
  const name = `${full.name} (bộ đệm)`;
  const r = await req('PUT', `/api/v1/procedures/${p.id}`, { token: await login('admin'), body: { name } });
  assert.ok(r.status === 200, r.text);
  try {
    const after = await get(path, vp);
    assert.equal(after.json.items.find((x) => x.id === p.id).name, name);
  } finally {
    const back = await req('PUT', `/api/v1/procedures/${p.id}`, { token: await login('admin'), body: { name: full.name } });
    assert.equal(back.status, 200, back.text);
  }
});

test('reports tracker: the same bytes twice; a new report, a change in the database and scope', async () => {
  const hd = await login('huyen1.daumoi');
  const h01 = await unitByCode('H01');
  // A quarter no other suite files for: a report made here is the only one of its period.
  let period, made;
  for (let i = 0; i < 8 && !made; i++) {
    period = `${2001 + Math.floor(Math.random() * 18)}-Q${1 + Math.floor(Math.random() * 4)}`;
    const r = await req('GET', `/api/v1/reports/tracker?period=${period}&unit_id=${h01.id}`, { token: hd });
    assert.equal(r.status, 200, r.text);
    if (r.json.items.every((x) => x.status === 'missing')) made = r.json;
  }
  assert.ok(made, 'a quarter without reports in the district');
  const path = `/api/v1/reports/tracker?period=${period}&unit_id=${h01.id}`;
  const first = await twice(path, hd);
  assert.equal(first.unit.id, h01.id);
  const row = first.items.find((x) => x.unit.id === c11);
  assert.ok(row, 'the commune of xa11 is the district\'s child');
  assert.equal(row.status, 'missing');
  assert.equal(first.counts.missing, first.counts.expected);

  // A report made through the API shows at once.
  const before = version('reports');
  const r = await req('POST', '/api/v1/reports', { token: xa11, body: { unit_id: c11, period } });
  assert.equal(r.status, 201, r.text);
  assert.ok(version('reports') > before, 'the write bumped the version');
  const drafted = await twice(path, hd);
  const mine = drafted.items.find((x) => x.unit.id === c11);
  assert.equal(mine.status, 'draft');
  assert.equal(mine.report_id, r.json.id);
  assert.equal(drafted.counts.draft, 1);

  // A change made straight in the database is seen (the triggers of migration 043).
  sql(`UPDATE reports SET status = 'submitted', submitted_at = NOW(), late = 1 WHERE id = ${Number(r.json.id)}`);
  const filed = await twice(path, hd);
  assert.equal(filed.items.find((x) => x.unit.id === c11).status, 'submitted');
  assert.equal(filed.counts.submitted, 1);
  const name = one(`SELECT name FROM units WHERE id = ${Number(c11)}`);
  sql(`UPDATE units SET name = CONCAT(name, ' (đã sửa)') WHERE id = ${Number(c11)}`);
  try {
    const renamed = await get(path, hd);
    assert.equal(renamed.json.items.find((x) => x.unit.id === c11).unit.name, `${name} (đã sửa)`);
  } finally {
    sql(`UPDATE units SET name = LEFT(name, CHAR_LENGTH(name) - 9) WHERE id = ${Number(c11)} AND name LIKE '% (đã sửa)'`);
  }

  // Scope: the commune officers asking the district's cached path get 404, never its rows; each
  // asking for its own unit gets its own (empty: a commune has no children) tracker.
  for (const t of [xa11, xa12]) {
    const out = await req('GET', path, { token: t });
    assert.equal(out.status, 404, out.text);
    assert.ok(!out.text.includes('"items"'));
  }
  const own = `/api/v1/reports/tracker?period=${period}`;
  const [t11, t12] = [await twice(own, xa11), await twice(own, xa12)];
  assert.equal(t11.unit.id, c11);
  assert.equal(t12.unit.id, c12);
  assert.equal(t11.counts.expected, 0);
});
