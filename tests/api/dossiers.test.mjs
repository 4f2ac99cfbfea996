// POST /api/v1/dossiers/bulk: formats (JSON array, NDJSON, CSV), per-row rejection that never
// blocks good rows, upsert by code with roll-ups that move, permissions and feeding scope.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';
import { toCsv, toNdjson, sql, sqlFigures, assertFigures } from '../lib/kpi-ref.mjs';

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
let admin;

function dossier(code, extra = {}) {
  return {
    code,
    procedure_code: '1.001234',
    unit_code: 'X0101',
    channel: 'online',
    online_level: 'full',
    received_at: '2024-09-10T08:30:00+07:00',
    due_at: '2024-09-17T17:00:00+07:00',
    finished_at: null,
    returned_at: null,
    status: 'processing',
    supplement_count: 0,
    digitized: true,
    result_electronic: true,
    reused_data: false,
    fee: 0,
    paid_online: false,
    rating: null,
    apology_issued: false,
    ...extra,
  };
}

async function bulk(body, { token = admin, type = 'application/json' } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return req('POST', '/api/v1/dossiers/bulk', { token, raw, headers: { 'content-type': type } });
}

before(async () => {
  admin = await login('admin');
});

test('a JSON array is upserted by code and answers inserted, updated, rejected', async () => {
  const rows = [dossier(`A${RUN}-1`), dossier(`A${RUN}-2`, { channel: 'direct', online_level: null })];
  const r = await bulk(rows);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.inserted, 2);
  assert.equal(r.json.updated, 0);
  assert.deepEqual(r.json.rejected, []);
  const again = await bulk(rows);
  assert.equal(again.json.inserted, 0);
  assert.equal(again.json.updated, 2);
  const [[channel, received, due]] = sql(`SELECT channel, received_at, due_at FROM dossiers WHERE code = 'A${RUN}-2'`);
  assert.equal(channel, 'direct');
  assert.equal(received, '2024-09-10 08:30:00');
  assert.equal(due, '2024-09-17 17:00:00');
});

test('times with other offsets are stored as local (+07:00) times', async () => {
  const r = await bulk([
    dossier(`T${RUN}-1`, { received_at: '2024-09-30T17:30:00Z', finished_at: '2024-10-01T09:00:00-05:00', status: 'finished' }),
    dossier(`T${RUN}-2`, { received_at: '2024-09-30T23:59:59.999+07:00', due_at: '2024-10-02' }),
  ]);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.inserted, 2, r.text);
  const got = sql(`SELECT code, received_at, finished_at, due_at FROM dossiers WHERE code IN ('T${RUN}-1', 'T${RUN}-2') ORDER BY code`);
  assert.deepEqual(got[0], [`T${RUN}-1`, '2024-10-01 00:30:00', '2024-10-01 21:00:00', '2024-09-17 17:00:00']);
  assert.deepEqual(got[1], [`T${RUN}-2`, '2024-09-30 23:59:59', 'NULL', '2024-10-02 00:00:00']);
});

test('bad rows are rejected one by one with index, code and errors; good rows go in', async () => {
  const rows = [
    dossier(`B${RUN}-1`),
    dossier(`B${RUN}-2`, { received_at: '2024-09-10T08:30:00' }), // no offset
    dossier(`B${RUN}-3`, { unit_code: 'NO-SUCH-UNIT' }),
    dossier(`B${RUN}-4`, { channel: 'fax', status: 'lost', fee: -1, colour: 'red' }),
    dossier(`B${RUN}-5`, { finished_at: '2024-09-09T08:00:00+07:00', status: 'finished' }),
    { code: `B${RUN}-6` },
    'not an object',
    dossier(`B${RUN}-7`),
  ];
  const r = await bulk(rows);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.inserted, 2);
  assert.equal(r.json.rejected_total, 6);
  const by = Object.fromEntries(r.json.rejected.map((x) => [x.index, x]));
  assert.deepEqual(Object.keys(by).map(Number), [1, 2, 3, 4, 5, 6]);
  assert.equal(by[1].code, `B${RUN}-2`);
  assert.deepEqual(by[1].errors.map((e) => e.field), ['received_at']);
  assert.deepEqual(by[2].errors.map((e) => e.field), ['unit_code']);
  assert.deepEqual(by[3].errors.map((e) => e.field).sort(), ['channel', 'colour', 'fee', 'status']);
  assert.deepEqual(by[4].errors.map((e) => e.field), ['finished_at']);
  assert.deepEqual(by[5].errors.map((e) => e.field).sort(), ['channel', 'received_at', 'status', 'unit_code']);
  assert.equal(by[6].code, null);
  assert.ok(r.json.rejected.every((x) => x.errors.every((e) => e.message.length > 5)));
  const [[n]] = sql(`SELECT COUNT(*) FROM dossiers WHERE code LIKE 'B${RUN}-%'`);
  assert.equal(n, '2');
});

test('NDJSON: one dossier a line, blank lines skipped, a broken line rejected with its line number', async () => {
  const body = `${JSON.stringify(dossier(`N${RUN}-1`))}\n\n{"code": broken\n${JSON.stringify(dossier(`N${RUN}-2`))}\r\n`;
  const r = await bulk(body, { type: 'application/x-ndjson' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.inserted, 2);
  assert.equal(r.json.rejected.length, 1);
  assert.equal(r.json.rejected[0].line, 3);
  assert.equal(r.json.rejected[0].index, 1);
});

test('CSV: the same columns, comma or semicolon, quoted cells, per-row errors with line numbers', async () => {
  const rows = [dossier(`V${RUN}-1`, { procedure_code: 'Cấp giấy, "phép"' }), dossier(`V${RUN}-2`, { fee: 50000, paid_online: true })];
  let r = await bulk(toCsv(rows), { type: 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.inserted, 2);
  const [[pc]] = sql(`SELECT procedure_code FROM dossiers WHERE code = 'V${RUN}-1'`);
  assert.equal(pc, 'Cấp giấy, "phép"');
  const semi = toCsv([dossier(`V${RUN}-3`), dossier(`V${RUN}-4`, { status: 'nope' })], ';');
  r = await bulk(semi, { type: 'text/csv; charset=utf-8' });
  assert.equal(r.json.inserted, 1);
  assert.equal(r.json.rejected[0].line, 3);
  assert.equal(r.json.rejected[0].code, `V${RUN}-4`);
  // Vietnamese words are accepted in CSV cells too
  const vn = 'code,unit_code,channel,received_at,status,rating,paid_online\r\n' +
    `V${RUN}-5,X0101,Trực tuyến,2024-09-10T08:00:00+07:00,finished,Hài lòng,Có\r\n`;
  r = await bulk(vn, { type: 'text/csv' });
  assert.equal(r.json.inserted, 1, r.text);
  // an unknown column refuses the file
  r = await bulk('code,unit_code,colour\r\nx,X0101,red\r\n', { type: 'text/csv' });
  assertProblem(r, 422, 'header');
});

test('the same code twice in one request: the later version wins', async () => {
  const code = `S${RUN}-1`;
  const r = await bulk([dossier(code), dossier(code, { finished_at: '2024-09-12T10:00:00+07:00', status: 'finished' })]);
  assert.equal(r.json.inserted, 1);
  assert.equal(r.json.updated, 1);
  const [[status]] = sql(`SELECT status FROM dossiers WHERE code = '${code}'`);
  assert.equal(status, 'finished');
});

test('an upsert moves the roll-ups: another unit, another status', async () => {
  const x0101 = await unitByCode('X0101');
  const x0102 = await unitByCode('X0102');
  const h01 = await unitByCode('H01');
  const code = `M${RUN}-1`;
  const from = '2024-09-01';
  const to = '2024-09-30';
  const snap = async () => {
    const out = {};
    for (const u of [x0101, x0102, h01]) {
      const s = await req('GET', `/api/v1/kpi/summary?unit_id=${u.id}&from=${from}&to=${to}`, { token: admin });
      out[u.code] = s.json;
    }
    return out;
  };
  const before0 = await snap();
  await bulk([dossier(code, { received_at: '2024-09-05T09:00:00+07:00', due_at: '2024-09-10T17:00:00+07:00' })]);
  let now = await snap();
  assert.equal(now.X0101.received, before0.X0101.received + 1);
  assert.equal(now.X0101.in_progress_overdue, before0.X0101.in_progress_overdue + 1);
  // later version: at the other commune, finished late with an apology
  await bulk([dossier(code, { unit_code: 'X0102', received_at: '2024-09-05T09:00:00+07:00', due_at: '2024-09-10T17:00:00+07:00', finished_at: '2024-09-12T08:00:00+07:00', status: 'finished', apology_issued: true })]);
  now = await snap();
  assert.equal(now.X0101.received, before0.X0101.received);
  assert.equal(now.X0101.in_progress_overdue, before0.X0101.in_progress_overdue);
  assert.equal(now.X0102.received, before0.X0102.received + 1);
  assert.equal(now.X0102.resolved_late, before0.X0102.resolved_late + 1);
  assert.equal(now.X0102.resolved_late_apology, before0.X0102.resolved_late_apology + 1);
  assert.equal(now.H01.received, before0.H01.received + 1);
  assert.equal(now.H01.resolved_late, before0.H01.resolved_late + 1);
  for (const u of [x0101, x0102, h01]) assertFigures(assert, now[u.code], sqlFigures(u.id, from, to), u.code);
});

test('two ingests of the same new codes at once: each stored once, counted once in the roll-ups', async () => {
  // Why: both see the codes as new; the later insert meets the other's row in the unique index
  // (1062 once it commits) and its chunk is redone with them as earlier versions. Whichever way
  // the race goes, every code is one row and the roll-ups agree with the rows.
  const x0101 = await unitByCode('X0101');
  const [from, to] = ['2023-02-01', '2023-02-28'];
  const N = 20000; // large enough that the two transactions overlap most times
  const batch = (finished) =>
    Array.from({ length: N }, (_, i) =>
      dossier(`C${RUN}-${i}`, {
        received_at: `2023-02-${String(1 + (i % 20)).padStart(2, '0')}T09:00:00+07:00`,
        due_at: '2023-02-24T17:00:00+07:00',
        ...(finished ? { status: 'finished', finished_at: `2023-02-${String(21 + (i % 7)).padStart(2, '0')}T10:00:00+07:00` } : {}),
      }),
    );
  const [a, b] = await Promise.all([bulk(batch(false)), bulk(batch(true))]);
  assert.equal(a.status, 200, a.text);
  assert.equal(b.status, 200, b.text);
  assert.equal(a.json.inserted + b.json.inserted, N, 'each code inserted once');
  assert.equal(a.json.updated + b.json.updated, N, 'and updated once by the other');
  const [[rows, finished]] = sql(`SELECT COUNT(*), SUM(status = 'finished') FROM dossiers WHERE code LIKE 'C${RUN}-%'`);
  assert.equal(Number(rows), N);
  assert.ok(Number(finished) === 0 || Number(finished) === N, `one version wins for the whole batch: ${finished}`);
  const s = await req('GET', `/api/v1/kpi/summary?unit_id=${x0101.id}&from=${from}&to=${to}`, { token: admin });
  assert.equal(s.status, 200, s.text);
  assertFigures(assert, s.json, sqlFigures(x0101.id, from, to), 'X0101, February 2023');
});

test('the body: empty, not an array, unsupported type, too large for the route', async () => {
  assertProblem(await bulk(''), 400);
  assertProblem(await bulk('{"code":"x"}'), 400);
  assertProblem(await bulk('[{"code":"x"},'), 400);
  assertProblem(await bulk('<xml/>', { type: 'application/xml' }), 415);
  const [[n]] = sql(`SELECT COUNT(*) FROM dossiers WHERE code = 'x'`);
  assert.equal(n, '0');
});

test('who may feed dossiers: province specialists and admins, one-stop service accounts', async () => {
  const rows = [dossier(`P${RUN}-1`)];
  assert.equal((await bulk(rows, { token: await login('vp.kstt') })).status, 200);
  assertProblem(await bulk(rows, { token: await login('lanhdao.tinh') }), 403);
  assertProblem(await bulk(rows, { token: await login('huyen1.daumoi') }), 403);
  assertProblem(await bulk(rows, { token: await login('xa11.daumoi') }), 403);
  assertProblem(await req('POST', '/api/v1/dossiers/bulk', { raw: JSON.stringify(rows) }), 401);
  // a service account: an officer of the province's public service centre, bearer token
  const centre = await unitByCode('TTPVHCC');
  const password = 'Dich-vu-cong-2024!';
  const u = await req('POST', '/api/v1/users', { token: admin, body: { username: `svc${RUN.toLowerCase()}`, full_name: 'Tài khoản đồng bộ một cửa', unit_id: centre.id, role: 'officer', password } });
  assert.equal(u.status, 201, u.text);
  const svc = await login(`svc${RUN.toLowerCase()}`, password);
  const r = await bulk([dossier(`P${RUN}-2`, { unit_code: 'STP' }), dossier(`P${RUN}-3`, { unit_code: 'X1003' })], { token: svc });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.inserted, 2);
  // a district's one-stop desk feeds its district only
  const h01 = await unitByCode('H01');
  const desk = await req('POST', '/api/v1/units', { token: admin, body: { code: `MC${RUN}`, name: `Bộ phận một cửa huyện ${RUN}`, level: 'onestop', parent_id: h01.id } });
  assert.equal(desk.status, 201, desk.text);
  const du = await req('POST', '/api/v1/users', { token: admin, body: { username: `desk${RUN.toLowerCase()}`, full_name: 'Đồng bộ một cửa huyện', unit_id: desk.json.id, role: 'officer', password } });
  assert.equal(du.status, 201, du.text);
  const dt = await login(`desk${RUN.toLowerCase()}`, password);
  const d = await bulk([dossier(`P${RUN}-4`, { unit_code: 'X0102' }), dossier(`P${RUN}-5`, { unit_code: 'X0201' }), dossier(`P${RUN}-2`, { unit_code: 'X0101' })], { token: dt });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.json.inserted, 1);
  assert.equal(d.json.updated, 0);
  assert.deepEqual(d.json.rejected.map((x) => [x.index, x.errors[0].field]), [[1, 'unit_code'], [2, 'code']]);
});

test('every ingest writes audit rows', async () => {
  const r = await req('GET', '/api/v1/audit?action=dossiers.ingest&per_page=5', { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.total > 0);
  assert.equal(typeof r.json.items[0].after.inserted, 'number');
});

test('a large NDJSON upload in one request', async () => {
  const rows = [];
  for (let i = 0; i < 30000; i++) {
    rows.push(dossier(`L${RUN}-${String(i).padStart(6, '0')}`, {
      unit_code: ['X0101', 'X0202', 'STP', 'H05'][i % 4],
      received_at: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00+07:00`,
      due_at: null,
      finished_at: i % 5 ? `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T15:00:00+07:00` : null,
      status: i % 5 ? 'finished' : 'processing',
    }));
  }
  const t0 = Date.now();
  const r = await bulk(toNdjson(rows), { type: 'application/x-ndjson' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.inserted, 30000);
  assert.ok(Date.now() - t0 < 60000);
  const province = await unitByCode('NDH');
  const s = await req('GET', `/api/v1/kpi/summary?unit_id=${province.id}&from=2024-01-01&to=2024-12-31`, { token: admin });
  assertFigures(assert, s.json, sqlFigures(province.id, '2024-01-01', '2024-12-31'), 'province 2024');
});
