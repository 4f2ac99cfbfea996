// The search across modules (issue 15): GET /api/v1/search. Validation, folding, ranking, totals
// equal to SQL counts, and, for every role, no object outside the caller's scope: each returned id
// is checked against the module's own GET (and the plan list), and known out-of-scope objects whose
// titles match are absent. Fixtures are made through the API (plans, tasks, a user) and, for
// feedback routed to units, inserted in SQL with the folded title the api would write.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem } from '../lib/api.mjs';
import { sql, rand, unitsByCode } from './storage.lib.mjs';

const ROLES = ['admin', 'vp.kstt', 'lanhdao.tinh', 'stp.daumoi', 'huyen1.daumoi', 'xa11.daumoi'];
const WIDE = new Set(['admin', 'vp.kstt', 'lanhdao.tinh']);
const KIND_ORDER = ['plan', 'task', 'procedure', 'feedback', 'unit', 'user'];
// The object's own GET for each kind of group.
const GET = { plan: 'plans', task: 'tasks', procedure: 'procedures', feedback: 'feedback', unit: 'units', user: 'users' };

const tag = `zq${rand()}`; // one word, in every fixture title
const rtag = `rk${rand()}`; // the ranking fixtures
let admin, U;
const fx = {}; // fixture ids

const search = (token, query) => req('GET', `/api/v1/search?${query}`, { token });
const q = (s, extra = '') => `q=${encodeURIComponent(s)}${extra}`;
// Folds like core/vnfold for the SQL fixtures: no marks, đ -> d, lower case, punctuation -> space.
const fold = (s) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();

async function importPlan(unit, title, tasks, publish) {
  const lead = (code) => ({ text: U[code].name, unit_id: U[code].id, group: null });
  const body = {
    title,
    // Not 2023: other tests look for the demo's 2023 plan on the first page of published plans.
    year: 2025,
    unit_id: U[unit].id,
    sections: [{ number: 'I', title: 'Nội dung', tasks: tasks.map((t) => ({ number: '1', title: t.title, output: null, lead: (t.lead || []).map(lead), coop: [], timeline: { text: 'Tháng 12/2025' }, children: [] })) }],
  };
  const r = await req('POST', '/api/v1/plans/import', { token: admin, body });
  assert.equal(r.status, 201, r.text);
  if (publish) assert.equal((await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token: admin })).status, 200);
  const g = await req('GET', `/api/v1/plans/${r.json.id}`, { token: admin });
  const ids = [];
  const walk = (l) => l.forEach((t) => (ids.push(t.id), walk(t.children || [])));
  for (const s of g.json.sections) walk(s.tasks);
  return { id: r.json.id, tasks: ids };
}

function insertFeedback(unitId, title) {
  const code = rand().toUpperCase().replace(/[^A-Z0-9]/g, 'X').padEnd(12, 'Q').slice(0, 12);
  sql(`INSERT INTO feedback (tracking_code, status, channel, sender_name, address, phone, title, title_folded, content, type,
         assigned_unit_id, received_at, intake_at, status_since, forwarded_at, answer_due)
       VALUES ('${code}', 'forwarded', 'web', 'Người Thử', 'Địa chỉ', '0912345678', '${title}', '${fold(title)}', 'Nội dung', 1,
         ${unitId}, NOW(), NOW(), NOW(), NOW(), CURDATE())`);
  return Number(sql(`SELECT id FROM feedback WHERE tracking_code = '${code}'`)[0][0]);
}

before(async () => {
  admin = await login('admin');
  U = await unitsByCode(admin);
  // A province plan assigning a task to commune X0101: in H01's and X0101's scope, not STP's.
  const prov = await importPlan('NDH', `Kế hoạch ${tag} của tỉnh`, [{ title: `Nhiệm vụ ${tag} giao xã`, lead: ['X0101'] }], true);
  fx.planProv = prov.id;
  fx.taskProv = prov.tasks[0];
  // A draft plan of district H02: outside every scope but the province-wide ones.
  const h02 = await importPlan('H02', `Kế hoạch ${tag} huyện hai`, [{ title: `Nhiệm vụ ${tag} huyện hai` }], false);
  fx.planH02 = h02.id;
  fx.taskH02 = h02.tasks[0];
  fx.fbH02 = insertFeedback(U.H02.id, `Phản ánh ${tag} huyện hai`);
  fx.fbX0101 = insertFeedback(U.X0101.id, `Phản ánh ${tag} xã một`);
  const u = await req('POST', '/api/v1/users', {
    token: admin,
    body: { username: `s.${rand()}`, full_name: `Người ${tag} Thử`, unit_id: U.X0201.id, role: 'officer', password: `Sx@${rand()}Aa1` },
  });
  assert.equal(u.status, 201, u.text);
  fx.user = u.json.id;
  // Ranking: C by its decision number, D and B hold the word whole (D newer), A only as a prefix.
  const mk = async (title, decision_no = null) => {
    const r = await req('POST', '/api/v1/plans', { token: admin, body: { title, year: 2024, unit_id: U.NDH.id, decision_no } });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  fx.rankA = await mk(`Kế hoạch ${rtag}x mở rộng`);
  fx.rankB = await mk(`Kế hoạch về ${rtag} lần một`);
  fx.rankC = await mk('Kế hoạch khác hẳn', rtag);
  fx.rankD = await mk(`Kế hoạch về ${rtag} lần hai`);
});

test('validation: q length after trimming, kind, limit; anonymous is refused', async () => {
  for (const bad of ['a', '  a  ', '', 'x'.repeat(101)]) assertProblem(await search(admin, q(bad)), 422, 'q');
  assertProblem(await search(admin, 'kind=plan'), 422, 'q');
  assertProblem(await search(admin, q('dat dai', '&kind=dossier')), 422, 'kind');
  for (const l of ['0', '21', 'x', '-1']) assertProblem(await search(admin, q('dat dai', `&limit=${l}`)), 422, 'limit');
  const long = await search(admin, q('đ'.repeat(100)));
  assert.equal(long.status, 200, 'a 100-character q is accepted');
  const r = await search(null, q('dat dai'));
  assert.equal(r.status, 401);
  assert.ok(!r.text.includes('groups'));
});

test('folding: "dat dai" and "ĐẤT ĐAI" find "đất đai", in the same order', async () => {
  const a = await search(admin, q('dat dai', '&kind=procedure&limit=20'));
  const b = await search(admin, q('  ĐẤT   ĐAI ', '&kind=procedure&limit=20'));
  assert.equal(a.status, 200, a.text);
  assert.equal(b.json.q, 'ĐẤT   ĐAI');
  const ga = a.json.groups[0];
  assert.equal(ga.kind, 'procedure');
  assert.ok(ga.total > 0);
  assert.deepEqual(b.json.groups[0], ga);
  // Names holding both words come first (the catalogue's ranking: code, name, other components).
  assert.match(fold(ga.items[0].title), /\bdat\b.*\bdai|\bdai\b.*\bdat/);
  // A procedure code finds its procedure first.
  const code = ga.items[0].subtitle.split(' · ')[0];
  const c = await search(admin, q(code, '&kind=procedure'));
  assert.equal(c.json.groups[0].items[0].id, ga.items[0].id);
});

test('ranking: exact code, then every word whole, then prefixes; newer first within a rank', async () => {
  const r = await search(admin, q(rtag, '&kind=plan'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.groups.map((g) => g.kind), ['plan']);
  assert.deepEqual(r.json.groups[0].items.map((i) => i.id), [fx.rankC, fx.rankD, fx.rankB, fx.rankA]);
  assert.equal(r.json.groups[0].total, 4);
  assert.equal(r.json.groups[0].items[0].link, `/app/ke-hoach/${fx.rankC}`);
  // Every word must begin a word: the middle of a word does not match.
  const mid = await search(admin, q(rtag.slice(1), '&kind=plan'));
  assert.equal(mid.json.groups[0].total, 0);
});

test('group totals equal the SQL counts; limit cuts the items, not the total', async () => {
  const like = (col, words) => words.map((w) => `CONCAT(' ', ${col}) LIKE '% ${w}%'`).join(' AND ');
  const words = ['dat', 'dai'];
  const r = await search(admin, q('đất đai', '&limit=1'));
  const by = Object.fromEntries(r.json.groups.map((g) => [g.kind, g]));
  assert.deepEqual(r.json.groups.map((g) => g.kind), KIND_ORDER, 'the admin sees every kind, in order');
  const count = (s) => Number(sql(s)[0][0]);
  // Procedures: the catalogue's own search, so the total and order are those of GET /procedures.
  const list = await req('GET', `/api/v1/procedures?q=${encodeURIComponent('đất đai')}&per_page=5`, { token: admin });
  assert.equal(by.procedure.total, list.json.total);
  const five = await search(admin, q('đất đai', '&kind=procedure&limit=5'));
  assert.deepEqual(five.json.groups[0].items.map((i) => i.id), list.json.items.map((i) => i.id));
  assert.ok(by.procedure.total >= count(`SELECT COUNT(*) FROM procedures WHERE ${like('name_folded', words)}`));
  assert.equal(by.plan.total, count(`SELECT COUNT(*) FROM plans WHERE ${like('title_folded', words)}`));
  assert.equal(by.task.total, count(`SELECT COUNT(*) FROM tasks WHERE ${like('title_folded', words)}`));
  assert.equal(by.feedback.total, count(`SELECT COUNT(*) FROM feedback WHERE ${like('title_folded', words)}`));
  assert.equal(by.unit.total, count(`SELECT COUNT(*) FROM units WHERE ${like('name_folded', words)}`));
  for (const g of r.json.groups) assert.ok(g.items.length <= 1);
  // The fixtures: two plans, two tasks, two feedback items and one user hold the tag.
  const t = await search(admin, q(tag, '&limit=20'));
  const tb = Object.fromEntries(t.json.groups.map((g) => [g.kind, g]));
  assert.equal(tb.plan.total, 2);
  assert.equal(tb.task.total, 2);
  assert.equal(tb.feedback.total, 2);
  assert.equal(tb.user.total, 1);
  // Every folded title is written: none left NULL by a writer.
  assert.equal(count('SELECT (SELECT COUNT(*) FROM plans WHERE title_folded IS NULL) + (SELECT COUNT(*) FROM tasks WHERE title_folded IS NULL) + (SELECT COUNT(*) FROM users WHERE name_folded IS NULL)'), 0);
});

// Every id of every plan the caller's /plans list shows.
async function planList(token) {
  const ids = new Set();
  for (let page = 1; ; page++) {
    const r = await req('GET', `/api/v1/plans?per_page=200&page=${page}`, { token });
    assert.equal(r.status, 200, r.text);
    r.json.items.forEach((p) => ids.add(p.id));
    if (r.json.items.length < 200) return ids;
  }
}

for (const who of ROLES) {
  test(`scope for ${who}: every result is the caller's, out-of-scope matches are absent`, async () => {
    const token = await login(who);
    let plans = await planList(token);
    const me = (await req('GET', '/api/v1/auth/me', { token })).json.user;
    const mayAdmin = me.permissions?.includes('units.write');
    const seen = {};
    for (const text of [tag, 'ke hoach', 'thu tuc', 'bao cao', 'nam dinh', 'nguyen', 'huyen']) {
      const r = await search(token, q(text, '&limit=20'));
      assert.equal(r.status, 200, r.text);
      const kinds = r.json.groups.map((g) => g.kind);
      assert.deepEqual(kinds, KIND_ORDER.filter((k) => kinds.includes(k)), 'fixed order');
      assert.deepEqual(kinds, mayAdmin ? KIND_ORDER : ['plan', 'task', 'procedure', 'feedback'], `kinds for ${who}`);
      for (const g of r.json.groups) {
        assert.ok(g.total >= g.items.length);
        for (const it of g.items) {
          (seen[g.kind] ||= new Set()).add(it.id);
          const got = await req('GET', `/api/v1/${GET[g.kind]}/${it.id}`, { token });
          assert.equal(got.status, 200, `${who} got ${g.kind} ${it.id} from the search but not from its GET`);
          // Other test files may add plans meanwhile: a plan missing from the snapshot reloads it.
          const pid = g.kind === 'plan' ? it.id : g.kind === 'task' ? got.json.plan_id : null;
          if (pid && !plans.has(pid)) plans = await planList(token);
          if (pid) assert.ok(plans.has(pid), `${who}: ${g.kind} ${it.id} of plan ${pid}, not in the plan list`);
        }
      }
    }
    const has = (kind, id) => seen[kind]?.has(id) || false;
    // Outside: the H02 draft plan, its task and the feedback of H02, unless province-wide.
    assert.equal(has('plan', fx.planH02), WIDE.has(who), 'H02 draft plan');
    assert.equal(has('task', fx.taskH02), WIDE.has(who), 'H02 task');
    assert.equal(has('feedback', fx.fbH02), WIDE.has(who), 'H02 feedback');
    // The province plan reaches X0101 and its district through the assignment; STP has none.
    const viaX0101 = WIDE.has(who) || who === 'huyen1.daumoi' || who === 'xa11.daumoi';
    assert.equal(has('plan', fx.planProv), viaX0101, 'province plan');
    assert.equal(has('task', fx.taskProv), viaX0101, 'province task');
    assert.equal(has('feedback', fx.fbX0101), viaX0101, 'X0101 feedback');
    // Users: only with the user admin page (the province admin here sees X0201's user).
    assert.equal(has('user', fx.user), who === 'admin', 'user');
  });
}

test('viewers and anonymous callers: no feedback for the public, viewers keep their scope', async () => {
  // A viewer of commune X0101 reads the unit's feedback box like its officers, nothing wider.
  const username = `sv.${rand()}`;
  const password = `Sv@${rand()}Aa1`;
  const u = await req('POST', '/api/v1/users', { token: admin, body: { username, full_name: 'Người Xem Thử', unit_id: U.X0101.id, role: 'viewer', password } });
  assert.equal(u.status, 201, u.text);
  const token = await login(username, password);
  const r = await search(token, q(tag, '&kind=feedback&limit=20'));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.groups[0].items.map((i) => i.id), [fx.fbX0101]);
  assert.equal((await search(null, q(tag, '&kind=feedback'))).status, 401);
});
