// Assignments (issue 4): "my assignments" with filters and overdue / due-soon flags, one assignment,
// progress updates with evidence attachments, and who may read or write them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { BASE, req, login, assertProblem } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';

const rand = () => randomBytes(4).toString('hex');
const U = {};
let admin, vp, h1lead, h1off, xa11, xa12, xa21, viewer;

// ---- dates (the server's "today" is Asia/Ho_Chi_Minh) ---------------------------------------------
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const vnDate = (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// ---- files made here, byte by byte ----------------------------------------------------------------
function pdfBytes(text = 'KSTT') {
  const objs = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    null,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  const stream = `BT /F1 18 Tf 20 40 Td (${text}) Tj ET`;
  objs[3] = `<</Length ${stream.length}>>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offs = [];
  objs.forEach((o, i) => {
    offs.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b) => {
  let c = 0xffffffff;
  for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function pngBytes(r = 200, g = 30, b = 30) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, r, g, b]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function exeBytes() {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const att = (name, bytes) => ({ name, content_base64: bytes.toString('base64') });

// ---- fixtures ------------------------------------------------------------------------------------
const GROUPS = { communes: { text: 'UBND cấp xã', unit_id: null, group: 'communes' } };
const unit = (x) => GROUPS[x] || { text: U[x].name, unit_id: U[x].id, group: null };
async function makePlan({ token = vp, unitCode = 'NDH', year = YEAR, tasks, publish = true }) {
  const r = await req('POST', '/api/v1/plans/import', {
    token,
    body: {
      title: `Kế hoạch thử phân công ${rand()}`,
      year,
      unit_id: U[unitCode].id,
      sections: [{ number: 'I', title: 'Nhiệm vụ thử', tasks: tasks.map((t, i) => ({ number: String(i + 1), title: t.title, output: null, lead: t.lead.map(unit), coop: [], timeline: { text: t.timeline }, children: [] })) }],
    },
  });
  assert.equal(r.status, 201, r.text);
  if (publish) {
    const p = await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token });
    assert.equal(p.status, 200, p.text);
  }
  const g = await req('GET', `/api/v1/plans/${r.json.id}`, { token });
  assert.equal(g.status, 200, g.text);
  return { id: r.json.id, tasks: g.json.sections[0].tasks };
}
/** The assignment of task t for unit code. */
const asgOf = (t, code) => {
  const a = t.assignments.find((x) => x.unit_id === U[code].id);
  assert.ok(a, `assignment of ${code} in task ${t.number}`);
  return a;
};

let P; // a published province plan of this year, due dates around today
before(async () => {
  admin = await login('admin');
  [vp, h1lead, h1off, xa11, xa12, xa21] = await Promise.all(['vp.kstt', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'xa12.daumoi', 'xa21.daumoi'].map((u) => login(u)));
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  for (const u of r.json.items) U[u.code] = u;
  const username = `h10.viewer.${rand()}`;
  const password = `Pw@${rand()}Zz9`;
  const c = await req('POST', '/api/v1/users', { token: admin, body: { username, full_name: 'Người Xem Thử', unit_id: U.H01.id, role: 'viewer', password } });
  assert.equal(c.status, 201, c.text);
  viewer = await login(username, password);
  P = await makePlan({
    tasks: [
      { title: 'Nhiệm vụ đã quá hạn hôm qua', lead: ['communes'], timeline: `Trước ${vnDate(addDays(TODAY, -1))}` },
      { title: 'Nhiệm vụ đến hạn ngày mai', lead: ['communes'], timeline: `Trước ${vnDate(addDays(TODAY, 1))}` },
      { title: 'Nhiệm vụ còn xa hạn', lead: ['communes'], timeline: `Trước ${vnDate(addDays(TODAY, 60))}` },
      { title: 'Nhiệm vụ quá hạn mười ngày', lead: ['X0101', 'X0102'], timeline: `Trước ${vnDate(addDays(TODAY, -10))}` },
      { title: 'Báo cáo hằng tháng', lead: ['communes'], timeline: 'Hàng tháng' },
      { title: 'Báo cáo hằng quý', lead: ['X0101', 'X0201'], timeline: 'Hàng quý' },
      { title: 'Nhiệm vụ theo yêu cầu', lead: ['X0101'], timeline: 'Theo yêu cầu' },
    ],
  });
});
const T = (i) => P.tasks[i];

async function list(token, q = '') {
  const r = await req('GET', `/api/v1/assignments?per_page=500${q}`, { token });
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.json.total, 'number');
  return r.json.items;
}
const post = (id, body, token = xa11) => req('POST', `/api/v1/assignments/${id}/updates`, { token, body });

// ---- my assignments ------------------------------------------------------------------------------
test('my assignments: the caller\'s own unit by default, overdue first, then by due date, undated last', async () => {
  const items = await list(xa11);
  assert.ok(items.length >= 7);
  assert.ok(items.every((a) => a.unit_id === U.X0101.id));
  for (const i of [0, 1, 2, 3, 4, 5, 6]) assert.ok(items.some((a) => a.task_id === T(i).id), `task ${i + 1} listed`);
  const firstOnTime = items.findIndex((a) => !a.overdue);
  assert.ok(firstOnTime > 0, 'the fixture has overdue work');
  assert.ok(items.slice(firstOnTime).every((a) => !a.overdue), 'overdue first');
  for (const group of [items.slice(0, firstOnTime), items.slice(firstOnTime)]) {
    const dated = group.filter((a) => a.due_date);
    for (let i = 1; i < dated.length; i++) assert.ok(dated[i - 1].due_date <= dated[i].due_date, `sorted at ${i}`);
    const firstUndated = group.findIndex((a) => !a.due_date);
    if (firstUndated >= 0) assert.ok(group.slice(firstUndated).every((a) => !a.due_date), 'undated last');
  }
  // Each row carries what "Việc của tôi" shows.
  const a = items.find((x) => x.task_id === T(0).id);
  for (const k of ['task_title', 'task_number', 'timeline_text', 'plan_id', 'plan_title', 'plan_year', 'unit_name', 'role', 'due_date', 'status', 'progress', 'state', 'overdue', 'due_soon', 'missing_report']) assert.ok(k in a, k);
  assert.equal(a.plan_id, P.id);
  // A district's default is the district itself; subtree=true adds its communes.
  const d = await list(h1lead);
  assert.ok(d.every((x) => x.unit_id === U.H01.id));
  const sub = await list(h1lead, `&subtree=true&plan_id=${P.id}`);
  const all = (await req('GET', '/api/v1/units?per_page=1000', { token: admin })).json.items;
  const h01 = new Set([U.H01.id, ...all.filter((u) => u.parent_id === U.H01.id).map((u) => u.id)]);
  assert.ok(sub.length > 0 && sub.every((x) => h01.has(x.unit_id)));
  assert.ok(sub.some((x) => x.unit_id === U.X0102.id));
  // Another unit in scope may be asked for; one out of scope is a 404.
  assert.ok((await list(h1lead, `&unit_id=${U.X0101.id}`)).every((x) => x.unit_id === U.X0101.id));
  assert.ok((await list(vp, `&unit_id=${U.X0201.id}`)).some((x) => x.task_id === T(0).id));
  assert.ok((await list(viewer, `&unit_id=${U.X0102.id}`)).every((x) => x.unit_id === U.X0102.id));
  assertProblem(await req('GET', `/api/v1/assignments?unit_id=${U.X0102.id}`, { token: xa11 }), 404);
  assertProblem(await req('GET', `/api/v1/assignments?unit_id=${U.X0101.id}`, { token: xa21 }), 404);
  assertProblem(await req('GET', `/api/v1/assignments?unit_id=99999999`, { token: xa21 }), 404);
  assertProblem(await req('GET', '/api/v1/assignments'), 401);
  // Paging.
  const p1 = await req('GET', `/api/v1/assignments?per_page=2&page=1&plan_id=${P.id}`, { token: xa11 });
  const p2 = await req('GET', `/api/v1/assignments?per_page=2&page=2&plan_id=${P.id}`, { token: xa11 });
  assert.equal(p1.json.items.length, 2);
  assert.equal(p1.json.total, 7);
  assert.notDeepEqual(p1.json.items.map((x) => x.id), p2.json.items.map((x) => x.id));
});

test('my assignments: overdue and due_soon flags are right', async () => {
  const mine = await list(xa11, `&plan_id=${P.id}`);
  const by = (i) => mine.find((a) => a.task_id === T(i).id);
  // Due yesterday, not done: overdue.
  assert.equal(by(0).overdue, true);
  assert.equal(by(0).state, 'overdue');
  assert.equal(by(0).due_soon, false);
  // Due tomorrow: due soon (within five working days), not overdue.
  assert.equal(by(1).overdue, false);
  assert.equal(by(1).due_soon, true);
  assert.equal(by(1).state, 'not_started');
  // Two months away: neither.
  assert.equal(by(2).overdue, false);
  assert.equal(by(2).due_soon, false);
  // On request: no due date, never overdue.
  assert.equal(by(6).due_date, null);
  assert.equal(by(6).overdue, false);
  assert.equal(by(6).due_soon, false);
  // The same rule holds for every row of the demo plan.
  const demo = await list(vp, `&unit_id=${U.X0101.id}&year=2023`);
  assert.ok(demo.length > 0);
  for (const a of demo) {
    const expectOverdue = (!!a.due_date && a.due_date < TODAY && a.status !== 'done') || a.missing_report;
    assert.equal(a.overdue, expectOverdue, JSON.stringify(a));
    if (a.status === 'done') assert.equal(a.state, a.due_date && a.done_date > a.due_date ? 'done_late' : 'done', JSON.stringify(a));
  }
});

test('my assignments: filters overdue, status, plan, year, due_before', async () => {
  let items = await list(xa11, '&overdue=true');
  assert.ok(items.length > 0 && items.every((a) => a.overdue === true));
  assert.ok(items.some((a) => a.task_id === T(0).id));
  items = await list(xa11, '&overdue=false');
  assert.ok(items.length > 0 && items.every((a) => a.overdue === false));
  assert.ok(items.some((a) => a.task_id === T(2).id));
  items = await list(xa11, '&status=overdue');
  assert.ok(items.length > 0 && items.every((a) => a.state === 'overdue'));
  items = await list(xa11, '&status=not_started');
  assert.ok(items.every((a) => a.state === 'not_started'));
  assert.ok(items.some((a) => a.task_id === T(2).id));
  // open: everything not done, overdue first, then by due date (no date last)
  const all = await list(xa11, '');
  items = await list(xa11, '&status=open');
  assert.deepEqual(items.map((a) => a.id).sort(), all.filter((a) => a.status !== 'done').map((a) => a.id).sort());
  assert.ok(all.some((a) => a.status === 'done'), 'the fixture has done work, left out of open');
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const key = (x) => [x.overdue ? 0 : 1, x.due_date ? 0 : 1, x.due_date || ''];
    const [ka, kb] = [key(a), key(b)];
    assert.ok(ka[0] < kb[0] || (ka[0] === kb[0] && (ka[1] < kb[1] || (ka[1] === kb[1] && ka[2] <= kb[2]))), `order at ${i}: ${JSON.stringify([ka, kb])}`);
  }
  items = await list(xa11, `&plan_id=${P.id}`);
  assert.equal(items.length, 7);
  assert.ok(items.every((a) => a.plan_id === P.id));
  items = await list(xa11, '&year=2023');
  assert.ok(items.length > 0 && items.every((a) => a.plan_year === 2023));
  const cut = addDays(TODAY, 2);
  items = await list(xa11, `&plan_id=${P.id}&due_before=${cut}`);
  assert.deepEqual(items.map((a) => a.task_id).sort(), [T(0).id, T(1).id, T(3).id].sort());
  assert.ok(items.every((a) => a.due_date < cut));
  items = await list(xa11, `&plan_id=${P.id}&overdue=true&due_before=${TODAY}`);
  assert.deepEqual(items.map((a) => a.task_id).sort(), [T(0).id, T(3).id].sort());
  for (const [q, field] of [['status=late', 'status'], ['overdue=maybe', 'overdue'], ['due_before=2023-13-01', 'due_before'], ['year=1800', 'year'], ['plan_id=x', 'plan_id'], ['subtree=2', 'subtree']]) {
    const r = await req('GET', `/api/v1/assignments?${q}`, { token: xa11 });
    assertProblem(r, 422, field);
  }
});

// ---- one assignment ------------------------------------------------------------------------------
test('an assignment: read in scope (200), out of scope (404)', async () => {
  const a = asgOf(T(2), 'X0101');
  let r = await req('GET', `/api/v1/assignments/${a.id}`, { token: xa11 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.id, a.id);
  assert.equal(r.json.unit_id, U.X0101.id);
  assert.equal(r.json.task_id, T(2).id);
  assert.ok(Array.isArray(r.json.updates));
  for (const tok of [h1lead, h1off, vp, admin, viewer]) assert.equal((await req('GET', `/api/v1/assignments/${a.id}`, { token: tok })).status, 200);
  for (const tok of [xa12, xa21]) assertProblem(await req('GET', `/api/v1/assignments/${a.id}`, { token: tok }), 404);
  for (const tok of [xa12, xa21]) assertProblem(await req('GET', `/api/v1/assignments/${a.id}/updates`, { token: tok }), 404);
  assertProblem(await req('GET', '/api/v1/assignments/99999999', { token: admin }), 404);
  assertProblem(await req('GET', '/api/v1/assignments/99999999/updates', { token: admin }), 404);
  r = await req('GET', `/api/v1/assignments/${a.id}/updates`, { token: xa11 });
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.json.items));
});

// ---- updates -------------------------------------------------------------------------------------
test('updates: in progress, then done; the assignment follows (status, progress, done date, state)', async () => {
  const a = asgOf(T(2), 'X0101');
  let r = await post(a.id, { status: 'in_progress', progress: 40, note: 'Đã niêm yết 40% danh mục', evidence_no: '12/BC-UBND', evidence_date: TODAY });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.id, a.id);
  assert.equal(r.json.status, 'in_progress');
  assert.equal(r.json.progress, 40);
  assert.equal(r.json.state, 'in_progress');
  assert.equal(r.json.done_date, null);
  assert.ok(r.json.last_update_at);
  assert.ok(Number.isInteger(r.json.update_id));
  r = await post(a.id, { status: 'done', note: 'Hoàn thành' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'done');
  assert.equal(r.json.progress, 100, 'done means 100 %');
  assert.equal(r.json.done_date, TODAY);
  assert.equal(r.json.state, 'done', 'done before the due date');
  r = await req('GET', `/api/v1/assignments/${a.id}/updates`, { token: xa11 });
  assert.deepEqual(r.json.items.map((u) => [u.status, u.progress]), [['done', 100], ['in_progress', 40]], 'newest first');
  assert.equal(r.json.items[1].evidence_no, '12/BC-UBND');
  assert.equal(r.json.items[1].evidence_date, TODAY);
  assert.ok(r.json.items[0].created_by_name);
  // Done after the due date is done late, and no longer overdue.
  const late = asgOf(T(3), 'X0101');
  r = await post(late.id, { status: 'done', progress: 100 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'done_late');
  assert.equal(r.json.overdue, false);
  assert.ok((await list(xa11, '&status=done_late')).some((x) => x.id === late.id));
  // Blocked keeps its progress; not started needs none.
  const b = asgOf(T(1), 'X0101');
  r = await post(b.id, { status: 'blocked', progress: 10, note: 'Chờ hướng dẫn' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'blocked');
  assert.equal(r.json.progress, 10);
  r = await post(b.id, { status: 'not_started' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.progress, 0);
  // The task's and the plan's progress follow the assignments.
  const task = (await req('GET', `/api/v1/tasks/${T(2).id}`, { token: vp })).json;
  assert.equal(task.assignments.find((x) => x.id === a.id).progress, 100);
  const board = (await req('GET', `/api/v1/plans/${P.id}/progress`, { token: vp })).json;
  const row = board.units.find((u) => u.unit_id === U.X0101.id);
  assert.ok(row.done >= 2, JSON.stringify(row));
});

test('a completed assignment keeps its completion date: a further update needs a reason, only a correction moves the date (audited)', async () => {
  const own = await makePlan({ tasks: [{ title: 'Nhiệm vụ hoàn thành từ năm 2023', lead: ['X0102'], timeline: 'Trong năm' }, { title: 'Nhiệm vụ chưa hoàn thành', lead: ['X0102'], timeline: 'Trong năm' }] });
  const a = asgOf(own.tasks[0], 'X0102');
  let r = await post(a.id, { status: 'done', note: 'Hoàn thành' }, xa12);
  assert.equal(r.status, 201, r.text);
  // as if completed long ago (the 2023 case that was rewritten to today)
  await sql(`UPDATE assignments SET done_date = '2023-06-30' WHERE id = ${a.id}`);
  // no reason: refused, and the person is told the date stays
  r = await post(a.id, { status: 'in_progress', progress: 80 }, xa12);
  assertProblem(r, 422, 'reason');
  assert.match(r.json.errors.find((e) => e.field === 'reason')?.message || JSON.stringify(r.json), /đã hoàn thành ngày 30\/06\/2023.*giữ nguyên/);
  // reopened with a reason: the recorded completion stays
  r = await post(a.id, { status: 'in_progress', progress: 80, reason: 'Bổ sung hồ sơ theo yêu cầu mới' }, xa12);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'in_progress');
  assert.equal(r.json.done_date, '2023-06-30');
  // completed again: still the first completion, never today
  r = await post(a.id, { status: 'done' }, xa12);
  assertProblem(r, 422, 'reason');
  r = await post(a.id, { status: 'done', reason: 'Đã bổ sung xong' }, xa12);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.done_date, '2023-06-30');
  assert.equal(r.json.state, 'done');
  // a done date without saying it is a correction, a correction that is not "done", a future date
  assertProblem(await post(a.id, { status: 'done', reason: 'Sửa ngày', done_date: '2023-07-01' }, xa12), 422, 'done_date');
  assertProblem(await post(a.id, { status: 'in_progress', progress: 50, reason: 'Sửa ngày', correction: true, done_date: '2023-07-01' }, xa12), 422, 'correction');
  assertProblem(await post(a.id, { status: 'done', reason: 'Sửa ngày', correction: true }, xa12), 422, 'done_date');
  assertProblem(await post(a.id, { status: 'done', reason: 'Sửa ngày', correction: true, done_date: addDays(TODAY, 1) }, xa12), 422, 'done_date');
  // the correction: the date moves, the update records it, the audit names it
  r = await post(a.id, { status: 'done', reason: 'Ngày hoàn thành ghi nhầm', correction: true, done_date: '2023-07-03' }, xa12);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.done_date, '2023-07-03');
  const ups = (await req('GET', `/api/v1/assignments/${a.id}/updates`, { token: xa12 })).json.items;
  assert.equal(ups[0].corrected_done_date, '2023-07-03');
  assert.equal(ups[0].after_done_reason, 'Ngày hoàn thành ghi nhầm');
  assert.equal(ups[1].after_done_reason, 'Đã bổ sung xong');
  assert.equal(ups[1].corrected_done_date, null);
  const audit = (await req('GET', `/api/v1/audit?entity=assignment&entity_id=${a.id}&per_page=10`, { token: admin })).json.items;
  assert.equal(audit[0].action, 'assignment.correct_done_date');
  assert.equal(JSON.parse(typeof audit[0].before === 'string' ? audit[0].before : JSON.stringify(audit[0].before)).done_date, '2023-06-30');
  assert.ok(audit.slice(1).every((x) => x.action === 'assignment.update'));
  // nothing refused was written
  assert.equal(ups.length, 4, 'done, reopened, done again, corrected');
  // an assignment never done needs no reason
  r = await post(asgOf(own.tasks[1], 'X0102').id, { status: 'in_progress', progress: 10 }, xa12);
  assert.equal(r.status, 201, r.text);
});

test('updates: validation (422 per field, Vietnamese) and bad JSON (400)', async () => {
  const a = asgOf(T(2), 'X0102');
  const before = (await req('GET', `/api/v1/assignments/${a.id}/updates`, { token: xa12 })).json.items.length;
  for (const [body, field] of [
    [{}, 'status'],
    [{ status: 'finished' }, 'status'],
    [{ status: 'done_late' }, 'status'],
    [{ status: 'in_progress' }, 'progress'],
    [{ status: 'in_progress', progress: 101 }, 'progress'],
    [{ status: 'in_progress', progress: -1 }, 'progress'],
    [{ status: 'in_progress', progress: '50' }, 'progress'],
    [{ status: 'in_progress', progress: 50, evidence_date: '31/12/2023' }, 'evidence_date'],
    [{ status: 'in_progress', progress: 50, evidence_no: '' }, 'evidence_no'],
    [{ status: 'in_progress', progress: 50, note: 'x'.repeat(5001) }, 'note'],
    [{ status: 'in_progress', progress: 50, period: 'Q' }, 'period'],
    [{ status: 'in_progress', progress: 50, attachment: 'bao-cao.pdf' }, 'attachment'],
    [{ status: 'in_progress', progress: 50, attachment: { name: 'bao-cao.pdf' } }, 'content_base64'],
    [{ status: 'in_progress', progress: 50, attachment: { name: 'bao-cao.pdf', content_base64: '!!!!' } }, 'attachment'],
    [{ status: 'in_progress', progress: 50, done_date: TODAY }, 'done_date'],
  ]) {
    const r = await post(a.id, body, xa12);
    assertProblem(r, 422, field);
    for (const e of r.json.errors) assert.match(e.message, /[àáảãạăâđêôơưếệọờởốộớợụủứừửữựạịỉíìóòõéèẽ]|Trường/i, e.message);
  }
  assertProblem(await req('POST', `/api/v1/assignments/${a.id}/updates`, { token: xa12, raw: '{"status": "done",', headers: { 'content-type': 'application/json' } }), 400, 'body');
  const after = (await req('GET', `/api/v1/assignments/${a.id}/updates`, { token: xa12 })).json.items.length;
  assert.equal(after, before, 'nothing was recorded');
});

test('updates: only the assigned unit (or its superiors) may post; others get 404, viewers 403', async () => {
  const a = asgOf(T(2), 'X0102');
  const body = { status: 'in_progress', progress: 30 };
  assertProblem(await post(a.id, body, xa11), 404, undefined); // another commune's assignment
  assertProblem(await post(a.id, body, xa21), 404);
  assertProblem(await post(a.id, body, viewer), 403);
  assertProblem(await req('POST', `/api/v1/assignments/${a.id}/updates`, { body }), 401);
  assertProblem(await post(99999999, body, xa12), 404);
  assert.equal((await post(a.id, body, xa12)).status, 201);
  // The district above it may report for it.
  assert.equal((await post(a.id, { ...body, progress: 35 }, h1off)).status, 201);
  // A closed plan takes no more updates.
  const closed = await makePlan({ tasks: [{ title: 'Nhiệm vụ của kế hoạch sẽ kết thúc', lead: ['X0101'], timeline: 'Trong năm' }] });
  const ca = asgOf(closed.tasks[0], 'X0101');
  assert.equal((await req('POST', `/api/v1/plans/${closed.id}/close`, { token: vp })).status, 200);
  const r = await post(ca.id, body);
  assertProblem(r, 409);
  // And the closed plan's assignments leave nobody's list of work to do.
  assert.equal((await req('GET', `/api/v1/assignments/${ca.id}`, { token: xa11 })).json.plan_status, 'closed');
});

test('updates: a periodic report is labelled with its period (given, or the current one)', async () => {
  const monthly = asgOf(T(4), 'X0101');
  let r = await post(monthly.id, { status: 'in_progress', progress: 50, period: `${YEAR}-01` });
  assert.equal(r.status, 201, r.text);
  let ups = (await req('GET', `/api/v1/assignments/${monthly.id}/updates`, { token: xa11 })).json.items;
  assert.equal(ups[0].period, `${YEAR}-01`);
  r = await post(monthly.id, { status: 'in_progress', progress: 60 });
  assert.equal(r.status, 201, r.text);
  ups = (await req('GET', `/api/v1/assignments/${monthly.id}/updates`, { token: xa11 })).json.items;
  assert.match(ups[0].period || '', /^\d{4}-(0[1-9]|1[0-2])$/, `a monthly report is labelled by month, got ${ups[0].period}`);
  const quarterly = asgOf(T(5), 'X0101');
  r = await post(quarterly.id, { status: 'in_progress', progress: 20 });
  assert.equal(r.status, 201, r.text);
  ups = (await req('GET', `/api/v1/assignments/${quarterly.id}/updates`, { token: xa11 })).json.items;
  assert.match(ups[0].period || '', /^\d{4}-Q[1-4]$/);
  // A one-off task's update has no period unless given.
  const once = asgOf(T(6), 'X0101');
  r = await post(once.id, { status: 'in_progress', progress: 10 });
  ups = (await req('GET', `/api/v1/assignments/${once.id}/updates`, { token: xa11 })).json.items;
  assert.equal(ups[0].period, null);
});

test('recurring work: a finished period without a report is overdue; a report covers it', async (t) => {
  if (TODAY.slice(5, 7) === '01') return t.skip('no monthly period of this year has finished yet');
  const a = (await list(xa21, `&plan_id=${P.id}`)).find((x) => x.task_id === T(4).id);
  assert.equal(a.recurring, true);
  assert.equal(a.missing_report, true, 'last month has no report');
  assert.equal(a.overdue, true);
  assert.equal(a.state, 'overdue');
  const r = await post(a.id, { status: 'in_progress', progress: 30, note: 'Báo cáo tháng' }, xa21);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.missing_report, false);
  assert.equal(r.json.overdue, false);
  assert.equal(r.json.state, 'in_progress');
});

// ---- attachments ---------------------------------------------------------------------------------
test('attachments: a real PDF and PNG are accepted and served back to those in scope only', async () => {
  const a = asgOf(T(2), 'X0103');
  const xa13 = await (async () => {
    const u = `h10.xa13.${rand()}`;
    const pw = `Pw@${rand()}Zz9`;
    const c = await req('POST', '/api/v1/users', { token: admin, body: { username: u, full_name: 'Cán Bộ Lộc Hạ', unit_id: U.X0103.id, role: 'officer', password: pw } });
    assert.equal(c.status, 201, c.text);
    return login(u, pw);
  })();
  const pdf = pdfBytes(`KSTT ${rand()}`);
  let r = await post(a.id, { status: 'in_progress', progress: 70, evidence_no: '07/BC-UBND', evidence_date: TODAY, attachment: att('Báo cáo tiến độ.pdf', pdf) }, xa13);
  assert.equal(r.status, 201, r.text);
  const ups = (await req('GET', `/api/v1/assignments/${a.id}/updates`, { token: xa13 })).json.items;
  const u = ups[0];
  assert.equal(u.attachment_name, 'Báo cáo tiến độ.pdf');
  assert.equal(u.attachment_sha256, sha256(pdf));
  assert.equal(u.attachment_type, 'application/pdf');
  assert.equal(u.attachment_size, pdf.length);
  const get = async (tok, sha = u.attachment_sha256) => {
    const res = await fetch(`${BASE}/api/v1/attachments/${sha}`, { headers: tok ? { authorization: `Bearer ${tok}` } : {} });
    return { status: res.status, type: res.headers.get('content-type'), disp: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
  };
  let g = await get(xa13);
  assert.equal(g.status, 200);
  assert.equal(g.type, 'application/pdf');
  assert.ok(g.body.equals(pdf), 'the same bytes');
  assert.match(g.disp || '', /^attachment;/);
  assert.match(g.disp || '', /filename\*=UTF-8''B%C3%A1o%20c%C3%A1o/);
  for (const tok of [h1lead, h1off, vp, viewer]) assert.equal((await get(tok)).status, 200);
  for (const tok of [xa11, xa12, xa21]) assert.equal((await get(tok)).status, 404);
  assert.equal((await get(null)).status, 401);
  assert.equal((await get(xa13, '0'.repeat(64))).status, 404);
  assert.equal((await get(xa13, 'abc')).status, 404);
  // A PNG.
  const png = pngBytes(10, 120, 200);
  r = await post(a.id, { status: 'in_progress', progress: 80, attachment: att('anh-niem-yet.PNG', png) }, xa13);
  assert.equal(r.status, 201, r.text);
  g = await get(xa13, sha256(png));
  assert.equal(g.status, 200);
  assert.equal(g.type, 'image/png');
  assert.ok(g.body.equals(png));
});

test('attachments: a program renamed .pdf, a mismatched type, or more than 5 MB is refused and nothing is saved', async () => {
  const a = asgOf(T(2), 'X0101');
  const count = async () => (await req('GET', `/api/v1/assignments/${a.id}/updates`, { token: xa11 })).json.items.length;
  const before = await count();
  const body = (attachment) => ({ status: 'in_progress', progress: 50, attachment });
  let r = await post(a.id, body(att('bao-cao.pdf', exeBytes())));
  assertProblem(r, 422, 'attachment');
  assert.match(r.json.errors.find((e) => e.field === 'attachment').message, /PDF/);
  r = await post(a.id, body(att('anh.pdf', pngBytes())));
  assertProblem(r, 422, 'attachment');
  r = await post(a.id, body(att('bao-cao', pdfBytes())));
  assertProblem(r, 422, 'attachment');
  r = await post(a.id, body(att('bao-cao.txt', Buffer.from('Báo cáo dạng văn bản'))));
  assertProblem(r, 422, 'attachment');
  const big = Buffer.concat([pdfBytes(), Buffer.alloc(5 * 1024 * 1024 + 1 - pdfBytes().length, 0x20)]);
  r = await post(a.id, body(att('bao-cao-lon.pdf', big)));
  assert.ok(r.status === 422 || r.status === 413, `${r.status} ${r.text.slice(0, 200)}`);
  assert.equal(r.json.status, r.status);
  const bigger = Buffer.concat([pdfBytes(), Buffer.alloc(7 * 1024 * 1024)]);
  r = await post(a.id, body(att('bao-cao-rat-lon.pdf', bigger)));
  assert.ok(r.status === 422 || r.status === 413, `${r.status}`);
  assert.equal(await count(), before);
  assertProblem(await req('GET', `/api/v1/attachments/${sha256(exeBytes())}`, { token: admin }), 404);
});

test('attachments: the same file sent as evidence by two units can be read by each of them', async () => {
  const png = pngBytes(1, 2, 3);
  const sha = sha256(png);
  const a1 = asgOf(T(5), 'X0101');
  const a2 = asgOf(T(5), 'X0201');
  assert.equal((await post(a1.id, { status: 'in_progress', progress: 10, attachment: att('anh.png', png) }, xa11)).status, 201);
  assert.equal((await post(a2.id, { status: 'in_progress', progress: 10, attachment: att('anh-xa21.png', png) }, xa21)).status, 201);
  for (const tok of [xa11, xa21]) {
    const r = await fetch(`${BASE}/api/v1/attachments/${sha}`, { headers: { authorization: `Bearer ${tok}` } });
    assert.equal(r.status, 200, 'each unit reads the evidence it sent');
  }
  // Still nobody else.
  assert.equal((await fetch(`${BASE}/api/v1/attachments/${sha}`, { headers: { authorization: `Bearer ${xa12}` } })).status, 404);
});
