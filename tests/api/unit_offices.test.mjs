// Offices (issue 20): the unit level below departments, districts and communes. The standard list
// (rule set standard_offices) created in bulk under a unit — preview, create, skip what exists,
// a subset by name — with its scope (province admins anywhere, other admins in their subtree);
// the demo district's offices and office officer; and a district plan's "Phòng Tư pháp" resolving
// to that district's own office.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { req, login, assertProblem } from '../lib/api.mjs';

const U = {};
let admin;
const rand = () => randomBytes(3).toString('hex').toUpperCase();

before(async () => {
  admin = await login('admin');
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  for (const u of r.json.items) U[u.code] = u;
});

/** A fresh unit made by the province admin (a district under the province by default). */
async function newUnit(level = 'district', parent = U.NDH.id, prefix = 'UBND huyện Thử') {
  const code = `T${rand()}`;
  const r = await req('POST', '/api/v1/units', { token: admin, body: { code, name: `${prefix} ${code}`, level, parent_id: parent } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
const offices = (id, body, token = admin) => req('POST', `/api/v1/units/${id}/offices`, { token, body });
const children = async (id) => (await req('GET', `/api/v1/units?parent_id=${id}&per_page=100`, { token: admin })).json.items;

const DISTRICT_SUFFIXES = ['VP', 'NV', 'TP', 'TCKH', 'KTHT', 'TNMT', 'LDTBXH', 'VHTT', 'GDDT', 'YT', 'TTR', 'NN'];

test('the demo district has its twelve standard offices, and an office officer', async () => {
  const list = await children(U.H02.id);
  const mine = list.filter((u) => u.level === 'office');
  assert.deepEqual(mine.map((u) => u.code), DISTRICT_SUFFIXES.map((s) => `H02-${s}`));
  const tp = mine.find((u) => u.code === 'H02-TP');
  assert.equal(tp.name, 'Phòng Tư pháp huyện Mỹ Lộc');
  assert.equal(mine[0].name, 'Văn phòng HĐND và UBND huyện Mỹ Lộc');
  assert.equal(mine[10].name, 'Thanh tra huyện Mỹ Lộc');
  const me = await req('GET', '/api/v1/auth/me', { token: await login('huyen2.tuphap') });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.user.unit_id, tp.id);
  assert.equal(me.json.user.unit_level, 'office');
});

test('preview lists the standard offices without writing; create makes them once, then skips them', async () => {
  const d = await newUnit();
  const p = await offices(d.id, { preview: true });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.preview, true);
  assert.deepEqual(p.json.parent, { id: d.id, code: d.code, name: d.name, level: 'district' });
  assert.deepEqual(p.json.items.map((o) => o.code), DISTRICT_SUFFIXES.map((s) => `${d.code}-${s}`));
  const tp = p.json.items[2];
  assert.deepEqual(tp, {
    code: `${d.code}-TP`,
    name: `Phòng Tư pháp huyện Thử ${d.code}`,
    short_name: 'Phòng Tư pháp',
    aliases: ['Phòng Tư pháp', 'Phòng TP'],
    sort_order: 3,
    level: 'office',
    parent_id: d.id,
  });
  assert.deepEqual(p.json.skipped, []);
  assert.equal((await children(d.id)).length, 0, 'a preview writes nothing');

  const c = await offices(d.id, {});
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.preview, false);
  assert.equal(c.json.items.length, 12);
  for (const o of c.json.items) {
    assert.equal(o.level, 'office');
    assert.equal(o.parent_id, d.id);
    assert.ok(Number.isInteger(o.id));
  }
  const kids = await children(d.id);
  assert.deepEqual(kids.map((u) => u.code).sort(), DISTRICT_SUFFIXES.map((s) => `${d.code}-${s}`).sort());
  // The district's subtree (the closure) holds them: the list filtered by the district finds them.
  const tpRow = kids.find((u) => u.code === `${d.code}-TP`);
  const got = await req('GET', `/api/v1/units/${tpRow.id}`, { token: admin });
  assert.equal(got.json.name, `Phòng Tư pháp huyện Thử ${d.code}`);
  assert.equal(got.json.level, 'office');

  const again = await offices(d.id, {});
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(again.json.items, []);
  assert.equal(again.json.skipped.length, 12);
  assert.equal(again.json.skipped[0].reason, 'Đơn vị đã có phòng này.');
  assert.equal((await children(d.id)).length, 12, 'nothing twice');

  const audit = await req('GET', `/api/v1/audit?per_page=50&action=unit.offices`, { token: admin });
  assert.equal(audit.status, 200, audit.text);
  const row = audit.json.items.find((a) => String(a.entity_id) === String(d.id));
  assert.ok(row, 'the creation is audited on the parent');
  assert.deepEqual(row.after.created.map((o) => o.code), DISTRICT_SUFFIXES.map((s) => `${d.code}-${s}`));
});

test('a subset by name or code suffix; an office the unit made by hand is not made twice', async () => {
  const d = await newUnit();
  const own = await req('POST', '/api/v1/units', { token: admin, body: { code: `${d.code}-X`, name: 'Phòng Y tế', level: 'office', parent_id: d.id } });
  assert.equal(own.status, 201, own.text);
  const c = await offices(d.id, { names: ['phong tu phap', 'YT', 'Phòng Nội vụ'] });
  assert.equal(c.status, 201, c.text);
  assert.deepEqual(c.json.items.map((o) => [o.code, o.sort_order]), [[`${d.code}-NV`, 2], [`${d.code}-TP`, 3]]);
  assert.deepEqual(c.json.skipped.map((o) => o.code), [`${d.code}-YT`]);
  assertProblem(await offices(d.id, { names: ['Phòng Không Có'] }), 422, 'names');
  assertProblem(await offices(d.id, { names: 'Phòng Tư pháp' }), 422, 'names');
  assertProblem(await offices(d.id, { names: [7] }), 422, 'names');
  assertProblem(await offices(d.id, { preview: 'có' }), 422, 'preview');
});

test('a commune gets the commune list; a province, an office or a retired unit none', async () => {
  const x = await newUnit('commune', U.H02.id, 'UBND xã Thử');
  const c = await offices(x.id, {});
  assert.equal(c.status, 201, c.text);
  assert.deepEqual(c.json.items.map((o) => o.name), [`Văn phòng HĐND và UBND xã Thử ${x.code}`, `Phòng Kinh tế xã Thử ${x.code}`, `Phòng Văn hóa – Xã hội xã Thử ${x.code}`]);
  assertProblem(await offices(U.NDH.id, { preview: true }), 422, 'id');
  assertProblem(await offices(c.json.items[0].id, { preview: true }), 422, 'id');
  const gone = await newUnit();
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() + 7 * 3600e3 - 86400e3).toISOString().slice(0, 10);
  const ret = await req('POST', `/api/v1/units/${gone.id}/retire`, { token: admin, body: { date: today > gone.valid_from ? yesterday : today } });
  if (ret.status === 200 && ret.json.valid_to < today) assertProblem(await offices(gone.id, {}), 422, 'id');
  assert.equal((await offices(99999999, {})).status, 404);
});

test('who may: province admins anywhere, a district admin in its district, nobody else', async () => {
  const code = `hx.${rand().toLowerCase()}`;
  const made = await req('POST', '/api/v1/users', { token: admin, body: { username: code, full_name: 'Quản trị huyện thử', unit_id: U.H01.id, role: 'admin', password: 'Qt@Matkhau2023' } });
  assert.equal(made.status, 201, made.text);
  const districtAdmin = await login(code, 'Qt@Matkhau2023');
  const inside = await newUnit('commune', U.H01.id, 'UBND xã Thử');
  const outside = await newUnit('commune', U.H03.id, 'UBND xã Thử');
  const mine = await offices(inside.id, {}, districtAdmin);
  assert.equal(mine.status, 201, mine.text);
  assert.equal(mine.json.items.length, 3);
  assert.equal((await offices(U.H01.id, { preview: true }, districtAdmin)).status, 200, 'its own district');
  assertProblem(await offices(outside.id, {}, districtAdmin), 404);
  assertProblem(await offices(U.H02.id, { preview: true }, districtAdmin), 404);
  for (const who of ['huyen1.lanhdao', 'huyen2.tuphap', 'vp.kstt', 'lanhdao.tinh']) {
    assertProblem(await offices(inside.id, { preview: true }, await login(who)), 403);
  }
  assertProblem(await offices(inside.id, { preview: true }, null), 401);
  assert.equal((await children(outside.id)).length, 0, 'nothing made outside');
});

// A district plan names its offices by their short names: "Phòng Tư pháp" is the plan owner's.
const PLAN = [
  'STT\tNội dung công việc\tKết quả\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện',
  'I\tKIỂM SOÁT THỦ TỤC HÀNH CHÍNH',
  '1\tRà soát các thủ tục hành chính cấp huyện\tBáo cáo\tPhòng Tư pháp\tPhòng TC-KH\tQuý II/2025',
  '2\tNiêm yết công khai thủ tục hành chính\tBảng niêm yết\tVăn phòng HĐND và UBND\tSở Tư pháp\tThường xuyên',
].join('\n');

test("import: a district plan's 'Phòng Tư pháp' is that district's own office", async () => {
  // H03 gets its offices too, so two districts have a "Phòng Tư pháp"
  const made = await offices(U.H03.id, {});
  assert.ok([200, 201].includes(made.status), made.text);
  const units = (await req('GET', '/api/v1/units?level=office&per_page=1000', { token: admin })).json.items;
  const id = (code) => units.find((u) => u.code === code).id;
  const leads = async (owner) => {
    const r = await req('POST', '/api/v1/plans/import/preview', { token: admin, body: { text: PLAN, year: 2025, unit_id: owner } });
    assert.equal(r.status, 200, r.text);
    const t = r.json.sections.flatMap((s) => s.tasks);
    return t.map((x) => [x.lead.map((u) => u.unit_id), x.coop.map((u) => u.unit_id)]);
  };
  assert.deepEqual(await leads(U.H02.id), [[[id('H02-TP')], [id('H02-TCKH')]], [[id('H02-VP')], [U.STP.id]]]);
  assert.deepEqual(await leads(U.H03.id), [[[id('H03-TP')], [id('H03-TCKH')]], [[id('H03-VP')], [U.STP.id]]]);
  // A province plan means no district's office in particular: left to a person.
  assert.deepEqual(await leads(U.NDH.id), [[[null], [null]], [[null], [U.STP.id]]]);
});

test("scope: an office's assignment is the office officer's and its district's, nobody else's", async () => {
  const tp = (await req('GET', '/api/v1/units?level=office&q=H02-TP', { token: admin })).json.items[0];
  assert.equal(tp.code, 'H02-TP');
  const title = `Rà soát thủ tục tư pháp ${rand()}`;
  const body = {
    title: `Kế hoạch KSTT huyện Mỹ Lộc ${rand()}`,
    year: 2025,
    unit_id: U.H02.id,
    sections: [{ number: 'I', title: 'Kiểm soát TTHC', tasks: [{ number: '1', title, output: 'Báo cáo', lead: [{ text: 'Phòng Tư pháp', unit_id: tp.id, group: null }], coop: [], timeline: { text: 'Quý IV/2025' }, children: [] }] }],
  };
  const plan = await req('POST', '/api/v1/plans/import', { token: admin, body });
  assert.equal(plan.status, 201, plan.text);
  const pub = await req('POST', `/api/v1/plans/${plan.json.id}/publish`, { token: admin });
  assert.equal(pub.status, 200, pub.text);
  // a task added later with its lead as text resolves nearest the plan's owner too
  const added = await req('POST', `/api/v1/plans/${plan.json.id}/tasks`, { token: admin, body: { title: `Niêm yết ${rand()}`, lead_text: 'Phòng Tư pháp', coop_text: 'Phòng TC-KH' } });
  assert.equal(added.status, 201, added.text);
  assert.deepEqual([added.json.lead.map((u) => u.unit_id), added.json.coop.map((u) => u.unit_id)], [[tp.id], [(await req('GET', '/api/v1/units?level=office&q=H02-TCKH', { token: admin })).json.items[0].id]]);
  const mine = async (who, q = '') => {
    const r = await req('GET', `/api/v1/assignments?per_page=500${q}`, { token: await login(who) });
    return r.status === 200 ? r.json.items.filter((a) => a.task_title === title || a.title === title) : r.status;
  };
  const office = await mine('huyen2.tuphap');
  assert.equal(office.length, 1, 'the office officer sees its own assignment');
  assert.equal(office[0].unit_id, tp.id);
  assert.equal(office[0].unit_level, 'office');
  const id = office[0].id;
  assert.equal((await req('GET', `/api/v1/assignments/${id}`, { token: await login('huyen2.tuphap') })).status, 200);
  // the district sees its office's work through its subtree; another district does not
  const uname = `ml.${rand().toLowerCase()}`;
  const lead = await req('POST', '/api/v1/users', { token: admin, body: { username: uname, full_name: 'Lãnh đạo huyện thử', unit_id: U.H02.id, role: 'leader', password: 'Ld@Matkhau2023' } });
  assert.equal(lead.status, 201, lead.text);
  const district = await login(uname, 'Ld@Matkhau2023');
  assert.equal((await req('GET', `/api/v1/assignments/${id}`, { token: district })).status, 200);
  const sub = await req('GET', `/api/v1/assignments?per_page=500&subtree=1`, { token: district });
  assert.equal(sub.status, 200, sub.text);
  assert.equal(sub.json.items.filter((a) => a.id === id).length, 1, "the district's subtree lists it");
  assertProblem(await req('GET', `/api/v1/assignments/${id}`, { token: await login('huyen1.lanhdao') }), 404);
  assertProblem(await req('GET', `/api/v1/assignments?unit_id=${tp.id}`, { token: await login('huyen1.lanhdao') }), 404);
  // the office officer sees nothing of another office of its district
  const nv = (await req('GET', '/api/v1/units?level=office&q=H02-NV', { token: admin })).json.items[0];
  assertProblem(await req('GET', `/api/v1/assignments?unit_id=${nv.id}`, { token: await login('huyen2.tuphap') }), 404);
});

test('aliases: set, read, cleared through the unit API; checked; audited; the import matches them', async () => {
  const d = await newUnit();
  const made = await req('POST', '/api/v1/units', {
    token: admin,
    body: { code: `${d.code}-DT`, name: `Phòng Dân tộc huyện Thử ${d.code}`, level: 'office', parent_id: d.id, aliases: ['Phòng Dân tộc', 'PDT'] },
  });
  assert.equal(made.status, 201, made.text);
  assert.deepEqual(made.json.aliases, ['Phòng Dân tộc', 'PDT']);
  const id = made.json.id;
  // the import resolves a name the document uses only through the alias
  const text = [
    'STT\tNội dung công việc\tKết quả\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện',
    'I\tKIỂM SOÁT THỦ TỤC HÀNH CHÍNH',
    '1\tRà soát thủ tục về công tác dân tộc\tBáo cáo\tPhòng Dân tộc\t\tQuý II/2025',
    '2\tTổng hợp ý kiến người dân vùng đồng bào\tBáo cáo\tPhòng Đồng bào\t\tQuý III/2025',
  ].join('\n');
  const leads = async () => {
    const r = await req('POST', '/api/v1/plans/import/preview', { token: admin, body: { text, year: 2025, unit_id: d.id } });
    assert.equal(r.status, 200, r.text);
    return r.json.sections.flatMap((s) => s.tasks).map((t) => t.lead.map((u) => u.unit_id));
  };
  assert.deepEqual(await leads(), [[id], [null]]);

  const put = (body, token = admin) => req('PUT', `/api/v1/units/${id}`, { token, body });
  const set = await put({ aliases: ['Phòng Dân tộc', 'Phòng Đồng bào'] });
  assert.equal(set.status, 200, set.text);
  assert.deepEqual(set.json.aliases, ['Phòng Dân tộc', 'Phòng Đồng bào']);
  assert.equal(set.json.name, `Phòng Dân tộc huyện Thử ${d.code}`, 'other fields unchanged');
  assert.deepEqual((await req('GET', `/api/v1/units/${id}`, { token: admin })).json.aliases, ['Phòng Dân tộc', 'Phòng Đồng bào']);
  assert.deepEqual(await leads(), [[id], [id]]);
  const audit = await req('GET', '/api/v1/audit?per_page=50&action=unit.update', { token: admin });
  const row = audit.json.items.find((a) => String(a.entity_id) === String(id));
  assert.ok(row, 'the change is audited');
  assert.deepEqual([row.before.aliases, row.after.aliases], [['Phòng Dân tộc', 'PDT'], ['Phòng Dân tộc', 'Phòng Đồng bào']]);

  // refused with the field, nothing written
  for (const aliases of [
    'Phòng Dân tộc',
    [1],
    ['x'],
    [' Phòng Dân tộc'],
    ['Phòng A', 'Phòng A'],
    [`Phòng Dân tộc huyện Thử ${d.code}`],
    Array.from({ length: 12 }, (_, k) => `Tên khác ${k}`),
    ['a'.repeat(201)],
  ]) {
    assertProblem(await put({ aliases }), 422, 'aliases');
  }
  assertProblem(await req('POST', '/api/v1/units', { token: admin, body: { code: `${d.code}-Q`, name: 'Phòng Q', level: 'office', parent_id: d.id, aliases: ['Phòng Q'] } }), 422, 'aliases');
  assert.deepEqual((await req('GET', `/api/v1/units/${id}`, { token: admin })).json.aliases, ['Phòng Dân tộc', 'Phòng Đồng bào']);
  // a commune's officer may not edit units at all
  assert.equal((await put({ aliases: [] }, await login('xa11.daumoi'))).status, 403);

  for (const clear of [[], null]) {
    const c = await put({ aliases: clear });
    assert.equal(c.status, 200, c.text);
    assert.deepEqual(c.json.aliases, []);
  }
  assert.deepEqual(await leads(), [[null], [null]]);
});
