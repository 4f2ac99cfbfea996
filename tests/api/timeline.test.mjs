// Timeline parsing route and the holiday calendar (issue 4): phrases as written in plans, validation,
// who may read and edit holidays, and that an edited calendar changes working-day arithmetic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { req, login, assertProblem } from '../lib/api.mjs';

const rand = () => randomBytes(4).toString('hex');
let admin, vp, tinh, xa21, viewer;
const U = {};

before(async () => {
  admin = await login('admin');
  [vp, tinh, xa21] = await Promise.all(['vp.kstt', 'lanhdao.tinh', 'xa21.daumoi'].map((u) => login(u)));
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  for (const u of r.json.items) U[u.code] = u;
  const username = `h10.viewer.${rand()}`;
  const password = `Pw@${rand()}Zz9`;
  const c = await req('POST', '/api/v1/users', { token: admin, body: { username, full_name: 'Người Xem Thử', unit_id: U.H01.id, role: 'viewer', password } });
  assert.equal(c.status, 201, c.text);
  viewer = await login(username, password);
});

// ---- POST /timeline/parse ------------------------------------------------------------------------
const parse = (text, year = 2023, token = xa21) => req('POST', '/api/v1/timeline/parse', { token, body: { text, year } });

// [text, year, expected subset]
const PHRASES = [
  ['Trước 15/01/2023', 2023, { kind: 'date', due: '2023-01-15', start: null }],
  ['Trước ngày 21/02/2023', 2023, { kind: 'date', due: '2023-02-21' }],
  ['Tháng 12/2022', 2023, { kind: 'month', start: '2022-12-01', due: '2022-12-31' }],
  ['Tháng 8/2023', 2023, { kind: 'month', start: '2023-08-01', due: '2023-08-31' }],
  ['Quý I/2023', 2023, { kind: 'quarter', start: '2023-01-01', due: '2023-03-31' }],
  ['Quý 1/2023', 2023, { kind: 'quarter', due: '2023-03-31' }],
  ['Quý II, III/2023', 2023, { kind: 'quarter', due: '2023-09-30' }],
  ['Quy II/2023', 2023, { kind: 'quarter', due: '2023-06-30' }],
  ['  Quý   IV / 2023  ', 2023, { kind: 'quarter', due: '2023-12-31' }],
  ['Từ tháng 02/2023 - 7/2023', 2023, { kind: 'range', start: '2023-02-01', due: '2023-07-31' }],
  ['Thực hiện trong giai đoạn 2023-2025', 2023, { kind: 'range', due: '2025-12-31' }],
  ['Trong năm', 2023, { kind: 'year', start: '2023-01-01', due: '2023-12-31' }],
  ['Trong năm', 2024, { kind: 'year', due: '2024-12-31' }],
  ['Năm 2023', 2023, { kind: 'year', due: '2023-12-31' }],
  ['Thường xuyên', 2023, { kind: 'continuous', due: '2023-12-31' }],
  ['Hàng tháng', 2023, { kind: 'recurring', recurrence: 'monthly' }],
  ['Hàng quý', 2023, { kind: 'recurring', recurrence: 'quarterly' }],
  ['Báo cáo quý, BC năm', 2023, { kind: 'recurring', recurrence: ['quarterly', 'yearly'] }],
  ['Hàng quý, năm', 2023, { kind: 'recurring', recurrence: ['quarterly', 'yearly'] }],
  ['Chậm nhất 10 ngày kể từ ngày ban hành Quyết định công bố', 2023, { kind: 'event', due: null, offset: { days: 10, working: false } }],
  ['Chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định công bố', 2023, { kind: 'event', offset: { days: 5, working: true } }],
  ['Ngay sau khi Quyết định công bố được ban hành', 2023, { kind: 'event', due: null }],
  ['Theo yêu cầu', 2023, { kind: 'on_request', due: null }],
  ['Theo thư mời của Bộ Tư pháp', 2023, { kind: 'on_request' }],
  ['Đột xuất', 2023, { kind: 'on_request' }],
  ['Theo Kế hoạch ban hành kèm theo Quyết định số 1955/QĐ-UBND ngày 25/10/2022 của UBND tỉnh', 2023, { kind: 'reference', due: null }],
  ['Tháng 01/2022 (Cấp xã: 02/2022)', 2022, { kind: 'month', due: '2022-01-31', levels: { commune: '2022-02-28' } }],
  ['Tháng 01/2023 (Cấp xã: 02/2023)', 2023, { kind: 'month', due: '2023-01-31', levels: { commune: '2023-02-28' } }],
  ['lúc nào thuận tiện thì làm', 2023, { kind: 'unknown', start: null, due: null }],
  ['Trước 30/02/2023', 2023, { kind: 'unknown', due: null }],
  ['', 2023, { kind: 'unknown', due: null }],
];

test('timeline parse: phrases as written in plans', async () => {
  const bad = [];
  for (const [text, year, want] of PHRASES) {
    const r = await parse(text, year);
    assert.equal(r.status, 200, `${text}: ${r.text}`);
    const got = r.json;
    for (const k of ['kind', 'start', 'due', 'recurrence', 'levels', 'offset']) assert.ok(k in got, `${text}: key ${k}`);
    for (const [k, v] of Object.entries(want)) {
      const g = k === 'offset' && v ? Object.fromEntries(Object.keys(v).map((x) => [x, got.offset?.[x]])) : got[k];
      try {
        assert.deepEqual(g, v);
      } catch {
        bad.push(`${JSON.stringify(text)} (${year}): ${k} = ${JSON.stringify(g)}, expected ${JSON.stringify(v)}`);
      }
    }
  }
  assert.deepEqual(bad, [], bad.join('\n'));
});

test('timeline parse: the document cited and the event named are kept', async () => {
  let r = await parse('Theo Kế hoạch ban hành kèm theo Quyết định số 1955/QĐ-UBND ngày 25/10/2022 của UBND tỉnh');
  assert.match(r.json.reference, /1955\/QĐ-UBND/);
  r = await parse('Chậm nhất 10 ngày kể từ ngày ban hành Quyết định công bố');
  assert.match(r.json.offset.after, /Quyết định công bố/);
  r = await parse('Tháng 01/2023');
  assert.deepEqual(r.json.levels, {});
  assert.equal(r.json.offset, null);
  assert.equal(r.json.recurrence, null);
});

test('timeline parse: validation (422 per field) and bad JSON (400); any signed-in user', async () => {
  for (const [body, field] of [
    [{ year: 2023 }, 'text'],
    [{ text: 'Quý I/2023' }, 'year'],
    [{ text: 'Quý I/2023', year: 1989 }, 'year'],
    [{ text: 'Quý I/2023', year: 2101 }, 'year'],
    [{ text: 'Quý I/2023', year: '2023' }, 'year'],
    [{ text: 12, year: 2023 }, 'text'],
    [{ text: 'x'.repeat(2001), year: 2023 }, 'text'],
    [{ text: 'Quý I/2023', year: 2023, lang: 'vi' }, 'lang'],
  ]) {
    const r = await req('POST', '/api/v1/timeline/parse', { token: vp, body });
    assertProblem(r, 422, field);
  }
  assertProblem(await req('POST', '/api/v1/timeline/parse', { token: vp, raw: '{"text": "Quý I', headers: { 'content-type': 'application/json' } }), 400, 'body');
  assertProblem(await req('POST', '/api/v1/timeline/parse', { body: { text: 'Quý I/2023', year: 2023 } }), 401);
  for (const tok of [admin, tinh, viewer]) assert.equal((await parse('Quý I/2023', 2023, tok)).status, 200);
});

// ---- holidays ------------------------------------------------------------------------------------
test('holidays: the seeded calendar 2022-2027 includes Tết and the days off around it', async () => {
  for (let y = 2022; y <= 2027; y++) {
    const r = await req('GET', `/api/v1/holidays?year=${y}`, { token: xa21 });
    assert.equal(r.status, 200, r.text);
    const days = r.json.items;
    assert.ok(days.length >= 8, `${y}: ${days.length} days`);
    assert.ok(days.every((d) => d.day.startsWith(`${y}-`) && ['holiday', 'workday'].includes(d.kind) && d.name));
    assert.ok(days.filter((d) => /Tết Nguyên đán/i.test(d.name)).length >= 4, `${y}: Tết`);
    assert.ok(days.some((d) => d.day === `${y}-09-02` || d.day === `${y}-09-01` || d.day === `${y}-09-03`), `${y}: Quốc khánh`);
    const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
    assert.deepEqual(days, sorted);
  }
  const t2023 = (await req('GET', '/api/v1/holidays?year=2023', { token: viewer })).json.items.map((d) => d.day);
  for (const d of ['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26']) assert.ok(t2023.includes(d), d);
  const all = await req('GET', '/api/v1/holidays', { token: vp });
  assert.equal(all.status, 200);
  assert.ok(all.json.items.length >= 6 * 8);
  assertProblem(await req('GET', '/api/v1/holidays?year=abc', { token: vp }), 422, 'year');
  assertProblem(await req('GET', '/api/v1/holidays'), 401);
});

const day = (d) => `/api/v1/holidays/${d}`;
const added = [];
after(async () => {
  for (const d of added) await req('DELETE', day(d), { token: admin });
});

test('holidays: the admin adds, renames and removes a day; nobody else may', async () => {
  const d = '2025-06-12';
  added.push(d);
  let r = await req('POST', '/api/v1/holidays', { token: admin, body: { day: d, name: 'Nghỉ lễ thử nghiệm' } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { day: d, name: 'Nghỉ lễ thử nghiệm', kind: 'holiday' });
  let list = (await req('GET', '/api/v1/holidays?year=2025', { token: xa21 })).json.items;
  assert.deepEqual(list.find((x) => x.day === d), { day: d, name: 'Nghỉ lễ thử nghiệm', kind: 'holiday' });
  // The same day again replaces it (no duplicate).
  r = await req('POST', '/api/v1/holidays', { token: admin, body: { day: d, name: 'Ngày làm bù thử', kind: 'workday' } });
  assert.equal(r.status, 200, r.text);
  list = (await req('GET', '/api/v1/holidays?year=2025', { token: xa21 })).json.items;
  assert.deepEqual(list.filter((x) => x.day === d), [{ day: d, name: 'Ngày làm bù thử', kind: 'workday' }]);
  // Only the admin.
  for (const tok of [vp, tinh, xa21, viewer]) {
    assertProblem(await req('POST', '/api/v1/holidays', { token: tok, body: { day: '2025-06-13', name: 'Không được phép' } }), 403);
    assertProblem(await req('DELETE', day(d), { token: tok }), 403);
  }
  assertProblem(await req('POST', '/api/v1/holidays', { body: { day: '2025-06-13', name: 'Không được phép' } }), 401);
  assertProblem(await req('DELETE', day(d)), 401);
  r = await req('DELETE', day(d), { token: admin });
  assert.equal(r.status, 204, r.text);
  list = (await req('GET', '/api/v1/holidays?year=2025', { token: xa21 })).json.items;
  assert.ok(!list.some((x) => x.day === d));
  assertProblem(await req('DELETE', day(d), { token: admin }), 404);
  assertProblem(await req('DELETE', day('2025-02-30'), { token: admin }), 404);
  assertProblem(await req('DELETE', day('hom-nay'), { token: admin }), 404);
});

test('holidays: validation (422 per field, Vietnamese) and bad JSON (400)', async () => {
  for (const [body, field] of [
    [{ name: 'Ngày nghỉ' }, 'day'],
    [{ day: '2025-06-13' }, 'name'],
    [{ day: '13/06/2025', name: 'Ngày nghỉ' }, 'day'],
    [{ day: '2025-02-29', name: 'Ngày nghỉ' }, 'day'],
    [{ day: '2025-06-13', name: 'N' }, 'name'],
    [{ day: '2025-06-13', name: 'x'.repeat(201) }, 'name'],
    [{ day: '2025-06-13', name: 'Ngày nghỉ', kind: 'weekend' }, 'kind'],
    [{ day: '2025-06-13', name: 'Ngày nghỉ', paid: true }, 'paid'],
  ]) {
    const r = await req('POST', '/api/v1/holidays', { token: admin, body });
    assertProblem(r, 422, field);
    for (const e of r.json.errors) assert.match(e.message, /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụ]/i, e.message);
  }
  assertProblem(await req('POST', '/api/v1/holidays', { token: admin, raw: '{"day":', headers: { 'content-type': 'application/json' } }), 400, 'body');
  const list = (await req('GET', '/api/v1/holidays?year=2025', { token: admin })).json.items;
  assert.ok(!list.some((x) => x.day === '2025-06-13'), 'nothing saved');
});

// ---- working days follow the calendar ------------------------------------------------------------
async function eventTask() {
  const r = await req('POST', '/api/v1/plans/import', {
    token: vp,
    body: {
      title: `Kế hoạch thử lịch nghỉ ${rand()}`,
      year: 2025,
      unit_id: U.NDH.id,
      sections: [{ number: 'I', title: 'Công bố', tasks: [
        { number: '1', title: 'Cập nhật TTHC mới công bố', lead: [], coop: [], timeline: { text: 'Chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định công bố' }, children: [] },
        { number: '2', title: 'Niêm yết TTHC', lead: [], coop: [], timeline: { text: 'Chậm nhất 01 ngày làm việc kể từ ngày ban hành Quyết định công bố' }, children: [] },
      ] }],
    },
  });
  assert.equal(r.status, 201, r.text);
  const p = await req('GET', `/api/v1/plans/${r.json.id}`, { token: vp });
  return p.json.sections[0].tasks.map((t) => t.id);
}
const due = async (taskId, date) => {
  const r = await req('POST', `/api/v1/tasks/${taskId}/event`, { token: vp, body: { date } });
  assert.equal(r.status, 200, r.text);
  return r.json.due_date;
};

test('holidays: a day off added or removed changes working-day arithmetic at once', async () => {
  const [five, one] = await eventTask();
  // Mon 03/03/2025 + 5 working days = Mon 10/03.
  assert.equal(await due(five, '2025-03-03'), '2025-03-10');
  added.push('2025-03-05');
  assert.equal((await req('POST', '/api/v1/holidays', { token: admin, body: { day: '2025-03-05', name: 'Ngày nghỉ thử nghiệm' } })).status, 200);
  assert.equal(await due(five, '2025-03-03'), '2025-03-11');
  assert.equal((await req('DELETE', day('2025-03-05'), { token: admin })).status, 204);
  assert.equal(await due(five, '2025-03-03'), '2025-03-10');
  // A compensatory working Saturday counts: Fri 07/03 + 1 working day = Sat 08/03 instead of Mon 10/03.
  assert.equal(await due(one, '2025-03-07'), '2025-03-10');
  added.push('2025-03-08');
  assert.equal((await req('POST', '/api/v1/holidays', { token: admin, body: { day: '2025-03-08', name: 'Làm bù thử nghiệm', kind: 'workday' } })).status, 200);
  assert.equal(await due(one, '2025-03-07'), '2025-03-08');
  assert.equal((await req('DELETE', day('2025-03-08'), { token: admin })).status, 204);
  assert.equal(await due(one, '2025-03-07'), '2025-03-10');
});

test('holidays: every server worker sees an edited calendar at once (no stale per-process cache)', async () => {
  const [five] = await eventTask();
  const burst = async (date) => {
    const dues = await Promise.all(Array.from({ length: 32 }, () => due(five, date)));
    return dues.reduce((m, x) => ((m[x] = (m[x] || 0) + 1), m), {});
  };
  // Warm every worker's calendar with concurrent requests, then edit it.
  assert.deepEqual(await burst('2025-03-17'), { '2025-03-24': 32 });
  added.push('2025-03-19');
  assert.equal((await req('POST', '/api/v1/holidays', { token: admin, body: { day: '2025-03-19', name: 'Ngày nghỉ thử nghiệm' } })).status, 200);
  assert.deepEqual(await burst('2025-03-17'), { '2025-03-25': 32 }, 'all workers count the new day off');
  assert.equal((await req('DELETE', day('2025-03-19'), { token: admin })).status, 204);
  assert.deepEqual(await burst('2025-03-17'), { '2025-03-24': 32 }, 'all workers forget the removed day off');
});
