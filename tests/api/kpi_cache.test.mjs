// The figure cache (issue 21): the same question twice gives the same answer; after an ingest, a
// changed dossier, a rule set version or a unit change the answer is new (never stale); a caller
// outside a unit's scope never gets that unit's cached answer, and each gets its own scope's.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';
import { generate, toNdjson } from '../lib/kpi-ref.mjs';

const RUN = randomBytes(3).toString('hex').toUpperCase();
const units = {};
const users = {};
let admin, rows;
const D = `QD${RUN}`, C1 = `QA${RUN}`, C2 = `QB${RUN}`;
const MONTH = 'from=2024-03-01&to=2024-03-31';

async function ingest(list) {
  const r = await req('POST', '/api/v1/dossiers/bulk', { token: admin, raw: toNdjson(list), headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rejected.length, 0, JSON.stringify(r.json.rejected.slice(0, 2)));
  return r.json;
}
async function get(path, token = admin) {
  const r = await req('GET', path, { token });
  assert.equal(r.status, 200, r.text);
  return r;
}
/** Asks twice; the answers are byte for byte the same (the second is the cached one). */
async function twice(path, token = admin) {
  const a = await get(path, token);
  const b = await get(path, token);
  assert.equal(b.text, a.text, `${path}: a repeated question gives the same answer`);
  return b.json;
}

before(async () => {
  admin = await login('admin');
  const province = await unitByCode('NDH');
  const mk = async (code, name, level, parent_id) => {
    const r = await req('POST', '/api/v1/units', { token: admin, body: { code, name, level, parent_id, valid_from: '2020-01-01' } });
    assert.equal(r.status, 201, r.text);
    units[code] = r.json;
  };
  await mk(D, `UBND huyện Bộ đệm ${RUN}`, 'district', province.id);
  await mk(C1, `UBND xã Một ${RUN}`, 'commune', units[D].id);
  await mk(C2, `UBND xã Hai ${RUN}`, 'commune', units[D].id);
  for (const code of [C1, C2]) {
    const username = `kc.${code.toLowerCase()}`;
    const password = `Pw@${RUN}zZ9`;
    const r = await req('POST', '/api/v1/users', {
      token: admin,
      body: { username, full_name: 'Người Xem Số Liệu', unit_id: units[code].id, role: 'viewer', password, email: `${username}@example.vn` },
    });
    assert.equal(r.status, 201, r.text);
    users[code] = await login(username, password);
  }
  rows = generate({ seed: 2112, units: [C1, C2], from: '2024-03-01', to: '2024-03-31', count: 300, prefix: `KC${RUN}` });
  await ingest(rows.slice(0, 200));
});

test('figure cache: the same question twice, every figure route, gives the same answer', async () => {
  const id = units[D].id;
  for (const path of [
    `/api/v1/kpi/summary?unit_id=${id}&${MONTH}`,
    `/api/v1/kpi/ranking?parent_id=${id}&${MONTH}`,
    `/api/v1/kpi/trend?unit_id=${id}&from=2024-01-01&to=2024-06-30&granularity=month`,
    `/api/v1/kpi/late?unit_id=${id}&${MONTH}`,
    `/api/v1/public/kpi/summary?unit_id=${id}&${MONTH}`,
  ])
    await twice(path);
});

test('figure cache: after an ingest, new and changed dossiers show at once in every figure', async () => {
  const id = units[D].id;
  const sum = `/api/v1/kpi/summary?unit_id=${id}&${MONTH}`;
  const rank = `/api/v1/kpi/ranking?parent_id=${id}&${MONTH}`;
  const trend = `/api/v1/kpi/trend?unit_id=${id}&from=2024-01-01&to=2024-06-30&granularity=month`;
  const pub = `/api/v1/public/kpi/summary?unit_id=${id}&${MONTH}`;
  const before = { s: await twice(sum), r: await twice(rank), t: await twice(trend), p: await twice(pub) };
  const added = rows.slice(200);
  const res = await ingest(added);
  assert.equal(res.inserted, added.length);
  const after = { s: await twice(sum), r: await twice(rank), t: await twice(trend), p: await twice(pub) };
  assert.equal(after.s.received, before.s.received + added.length);
  assert.equal(after.p.received, after.s.received);
  const recv = (x) => x.items.reduce((n, i) => n + i.received, 0);
  assert.equal(recv(after.r), recv(before.r) + added.length);
  const march = (x) => x.items.find((i) => i.bucket.includes('03')).received;
  assert.equal(march(after.t), march(before.t) + added.length);
  // an update of a dossier already counted: finished now, it leaves "in progress"
  const open = rows.find((r) => !r.finished_at && r.status !== 'finished');
  assert.ok(open, 'a dossier in progress');
  const done = { ...open, status: 'finished', finished_at: '2024-03-31T09:00:00+07:00' };
  const up = await ingest([done]);
  assert.equal(up.updated, 1);
  const again = await twice(sum);
  assert.equal(again.received, after.s.received);
  assert.equal(again.resolved, after.s.resolved + 1);
  assert.equal(again.in_progress, after.s.in_progress - 1);
});

test('figure cache: a new rule set version changes the figures it governs at once', async () => {
  const list = await get('/api/v1/rule-sets');
  const used = new Set(list.json.items.find((x) => x.name === 'kpi766').versions.map((v) => v.effective_from));
  let day;
  // A free day late in 2100: other suites count on no version from 2022-06-23 to 2100-04-01.
  do day = `2100-${String(10 + Math.floor(Math.random() * 3)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
  while (used.has(day));
  const path = `/api/v1/kpi/summary?from=${day}&to=${day}`;
  const old = await twice(path);
  assert.notEqual(old.score766.rule_set_effective_from, day);
  const cur = await get(`/api/v1/rule-sets/kpi766?at=${day}`);
  const rules = structuredClone(cur.json.rules);
  rules.weights.online += 1;
  rules.weights.satisfaction -= 1;
  const r = await req('POST', '/api/v1/rule-sets/kpi766', { token: admin, body: { effective_from: day, rules, note: `Thử bộ đệm ${RUN}` } });
  assert.equal(r.status, 201, r.text);
  const now = await twice(path);
  assert.equal(now.score766.rule_set_effective_from, day);
  const online = (x) => x.score766.groups.find((g) => g.key === 'online');
  assert.equal(online(now).weight, online(old).weight + 1);
});

test('figure cache: each caller gets its own scope\'s answer; outside it, 404 even once cached', async () => {
  const [a, b] = [users[C1], users[C2]];
  const mine = (tok) => twice(`/api/v1/kpi/summary?${MONTH}`, tok);
  const sa = await mine(a);
  const sb = await mine(b);
  assert.equal(sa.unit.id, units[C1].id);
  assert.equal(sb.unit.id, units[C2].id);
  const own = (code) => rows.filter((r) => r.unit_code === code).length;
  assert.equal(sa.received, own(C1));
  assert.equal(sb.received, own(C2));
  // the district's and the other commune's answers are cached now (admin asked them): still 404
  await twice(`/api/v1/kpi/summary?unit_id=${units[C2].id}&${MONTH}`);
  await twice(`/api/v1/kpi/summary?unit_id=${units[D].id}&${MONTH}`);
  for (const path of [
    `/api/v1/kpi/summary?unit_id=${units[C2].id}&${MONTH}`,
    `/api/v1/kpi/summary?unit_id=${units[D].id}&${MONTH}`,
    `/api/v1/kpi/trend?unit_id=${units[C2].id}&${MONTH}`,
    `/api/v1/kpi/ranking?parent_id=${units[D].id}&${MONTH}`,
    `/api/v1/kpi/late?unit_id=${units[C2].id}&${MONTH}`,
  ])
    assertProblem(await req('GET', path, { token: a }), 404);
  // a ranking by level: the province's (admin) lists both communes, a commune's none of the other's
  const all = await twice(`/api/v1/kpi/ranking?level=commune&${MONTH}`);
  const ids = all.items.map((i) => i.unit.id);
  assert.ok(ids.includes(units[C1].id) && ids.includes(units[C2].id));
  const narrow = await twice(`/api/v1/kpi/ranking?level=commune&${MONTH}`, a);
  assert.ok(!narrow.items.some((i) => i.unit.id === units[C2].id), 'no other commune in a commune\'s ranking');
  // and the other way round after the commune's answers were cached
  assert.deepEqual((await get(`/api/v1/kpi/summary?${MONTH}`, b)).json, sb);
});

test('figure cache: a unit renamed shows its new name at once', async () => {
  const path = `/api/v1/kpi/summary?unit_id=${units[C1].id}&${MONTH}`;
  await twice(path);
  const name = `UBND xã Một Mới ${RUN}`;
  const r = await req('PUT', `/api/v1/units/${units[C1].id}`, { token: admin, body: { name } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await twice(path)).unit.name, name);
});
