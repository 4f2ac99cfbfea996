// Late-dossier accountability (issue 20): the handling officer arrives with the dossier in every
// ingest format; a late dossier gets explanation and apology records (with their files) from its
// unit or a unit above it, scoped, validated, the apology flag and its roll-ups following; the
// staff's late list filters on what is missing; the monthly public list names officers only when
// the `late_list` rule set in force for that month says so (checked across a month boundary).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode, BASE } from '../lib/api.mjs';
import { sql, sqlFigures } from '../lib/kpi-ref.mjs';
import { multipart } from './feedback.lib.mjs';

const RUN = Date.now().toString(36).slice(-6).toUpperCase();
const T = {};
const token = async (who) => T[who] || (T[who] = await login(who.user || who, who.password));
const as = async (who, method, path, body) => req(method, path, { token: await token(who), body });
const PDF = Buffer.from('%PDF-1.4\n% van ban giai trinh\n%%EOF\n');
const pdf = (name = 'giai-trinh.pdf') => [{ field: 'file', name, type: 'application/pdf', data: PDF }];
const post = async (who, path, fields, files = pdf()) => {
  const m = multipart(fields, files);
  return req('POST', path, { token: await token(who), raw: m.body, headers: m.headers });
};

let U; // the fresh units: A (under H01), B (under H02)
let own; // an officer of unit A
const D = {}; // dossier ids by key

function dossier(code, unit, extra = {}) {
  return {
    code,
    unit_code: unit,
    channel: 'direct',
    received_at: '2024-03-01T08:00:00+07:00',
    due_at: '2024-03-05T17:00:00+07:00',
    status: 'finished',
    finished_at: '2024-03-08T10:00:00+07:00',
    handler_name: 'Nguyễn Văn Xử Lý',
    handler_code: 'CB01',
    ...extra,
  };
}
async function bulk(body, type = 'application/json') {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const r = await req('POST', '/api/v1/dossiers/bulk', { token: await token('admin'), raw, headers: { 'content-type': type } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}
const idOf = (code) => Number(sql(`SELECT id FROM dossiers WHERE code = '${code}'`)[0][0]);

before(async () => {
  const [h01, h02] = [await unitByCode('H01'), await unitByCode('H02')];
  U = {};
  for (const [k, parent] of [['A', h01], ['B', h02]]) {
    const r = await as('admin', 'POST', '/api/v1/units', { code: `LT${RUN}${k}`, name: `Xã trễ hạn ${RUN} ${k}`, level: 'commune', parent_id: parent.id, valid_from: '2020-01-01' });
    assert.equal(r.status, 201, r.text);
    U[k] = r.json;
  }
  const password = `Lt@${RUN}aa1`;
  const u = await as('admin', 'POST', '/api/v1/users', { username: `lt.${RUN.toLowerCase()}`, full_name: `Cán bộ xã ${RUN}`, unit_id: U.A.id, role: 'officer', password });
  assert.equal(u.status, 201, u.text);
  own = { user: `lt.${RUN.toLowerCase()}`, password };
  const r = await bulk([
    dossier(`LT${RUN}-late`, U.A.code),
    dossier(`LT${RUN}-late2`, U.A.code, { handler_name: null, handler_code: null, finished_at: '2024-03-09T10:00:00+07:00' }),
    dossier(`LT${RUN}-ontime`, U.A.code, { finished_at: '2024-03-04T10:00:00+07:00' }),
    dossier(`LT${RUN}-open`, U.A.code, { status: 'processing', finished_at: null }),
    dossier(`LT${RUN}-other`, U.B.code),
  ]);
  assert.equal(r.inserted, 5, JSON.stringify(r));
  for (const k of ['late', 'late2', 'ontime', 'open', 'other']) D[k] = idOf(`LT${RUN}-${k}`);
});

test('the handling officer is stored from JSON, NDJSON and CSV, and checked', async () => {
  assert.deepEqual(sql(`SELECT handler_name, handler_code FROM dossiers WHERE id = ${D.late}`), [['Nguyễn Văn Xử Lý', 'CB01']]);
  assert.deepEqual(sql(`SELECT handler_name IS NULL, handler_code IS NULL FROM dossiers WHERE id = ${D.late2}`), [['1', '1']]);
  const nd = [dossier(`LT${RUN}-nd`, U.A.code, { handler_name: 'Trần Thị Bình', handler_code: null, status: 'processing', finished_at: null })].map((o) => JSON.stringify(o)).join('\n');
  assert.equal((await bulk(nd, 'application/x-ndjson')).inserted, 1);
  assert.deepEqual(sql(`SELECT handler_name, handler_code IS NULL FROM dossiers WHERE code = 'LT${RUN}-nd'`), [['Trần Thị Bình', '1']]);
  const csv = `code;unit_code;channel;received_at;status;handler_name;handler_code\nLT${RUN}-csv;${U.A.code};online;2024-03-01T08:00:00+07:00;processing;Lê Văn Cường;CB-09\n`;
  assert.equal((await bulk(csv, 'text/csv')).inserted, 1);
  assert.deepEqual(sql(`SELECT handler_name, handler_code FROM dossiers WHERE code = 'LT${RUN}-csv'`), [['Lê Văn Cường', 'CB-09']]);
  // a code without a name, a name too long: the row is rejected naming the field
  const bad = await bulk([
    dossier(`LT${RUN}-bad1`, U.A.code, { handler_name: null, handler_code: 'CB02' }),
    dossier(`LT${RUN}-bad2`, U.A.code, { handler_name: 'x'.repeat(101) }),
  ]);
  assert.equal(bad.inserted, 0);
  assert.deepEqual(bad.rejected.map((x) => x.errors.map((e) => e.field)), [['handler_name'], ['handler_name']]);
});

test('an explanation is recorded by the unit with its file, listed and downloaded in scope', async () => {
  const path = `/api/v1/dossiers/${D.late}/explanations`;
  const r = await post(own, path, { doc_no: '12/GT-UBND', doc_date: '2024-03-10', reason: 'Hồ sơ phải xác minh thực địa.' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.doc_no, '12/GT-UBND');
  assert.equal(r.json.doc_date, '2024-03-10');
  assert.equal(r.json.reason, 'Hồ sơ phải xác minh thực địa.');
  assert.equal(r.json.recorded_unit_id, U.A.id);
  assert.equal(r.json.file_name, 'giai-trinh.pdf');
  assert.equal(r.json.size, PDF.length);
  // the district above records too
  const d = await post('huyen1.daumoi', path, { doc_no: '5/GT-H01', doc_date: '2024-03-11', reason: 'Bổ sung giải trình của huyện.' });
  assert.equal(d.status, 201, d.text);
  const list = await as('huyen1.lanhdao', 'GET', path);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.dossier.code, `LT${RUN}-late`);
  assert.equal(list.json.dossier.late, true);
  assert.equal(list.json.dossier.handler_name, 'Nguyễn Văn Xử Lý');
  assert.deepEqual(list.json.items.map((x) => x.doc_no), ['12/GT-UBND', '5/GT-H01']);
  const file = await fetch(`${BASE}${path}/${r.json.id}/file`, { headers: { authorization: `Bearer ${await token(own)}` } });
  assert.equal(file.status, 200);
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PDF);
  // a sibling commune and a department see nothing; the record of another dossier is not this one's
  for (const who of ['xa11.daumoi', 'stp.daumoi']) {
    assertProblem(await as(who, 'GET', path), 404);
    assertProblem(await post(who, path, { doc_no: '1', doc_date: '2024-03-10', reason: 'x' }), 404);
  }
  assertProblem(await as('admin', 'GET', `/api/v1/dossiers/${D.other}/explanations/${r.json.id}/file`), 404);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'dossier.explanation' AND entity_id = ${r.json.id}`)[0][0]), 1);
});

test('records are refused for a dossier that is not late, and bad forms name their field', async () => {
  const r = await post(own, `/api/v1/dossiers/${D.ontime}/explanations`, { doc_no: '1', doc_date: '2024-03-10', reason: 'x' });
  assertProblem(r, 409);
  assertProblem(await post(own, `/api/v1/dossiers/${D.ontime}/apologies`, { letter_no: '1', letter_date: '2024-03-04', sent_via: 'direct' }), 409);
  const path = `/api/v1/dossiers/${D.late}/explanations`;
  const cases = [
    [{ doc_date: '2024-03-10', reason: 'x' }, 'doc_no'],
    [{ doc_no: '1', doc_date: '2024-02-30', reason: 'x' }, 'doc_date'],
    [{ doc_no: '1', doc_date: '2999-01-01', reason: 'x' }, 'doc_date'],
    [{ doc_no: '1', doc_date: '2024-03-10', reason: '   ' }, 'reason'],
    [{ doc_no: '1', doc_date: '2024-03-10', reason: 'x', extra: 'y' }, 'extra'],
  ];
  for (const [fields, field] of cases) assertProblem(await post(own, path, fields), 422, field);
  assertProblem(await post(own, path, { doc_no: '1', doc_date: '2024-03-10', reason: 'x' }, []), 422, 'file');
  // a file that is not a document
  assertProblem(await post(own, path, { doc_no: '1', doc_date: '2024-03-10', reason: 'x' }, [{ field: 'file', name: 'a.exe', type: 'application/pdf', data: Buffer.from('MZ\x90\x00binary') }]), 422);
  const ap = `/api/v1/dossiers/${D.late}/apologies`;
  assertProblem(await post(own, ap, { letter_no: '1', letter_date: '2024-03-06', sent_via: 'pigeon' }), 422, 'sent_via');
  assertProblem(await post(own, ap, { letter_no: '1', letter_date: '2024-03-06', sent_via: 'postal', new_due_date: '2024-03-01' }), 422, 'new_due_date');
  assertProblem(await as(own, 'POST', ap, { letter_no: '1', letter_date: '2024-03-06', sent_via: 'postal' }), 422, 'file');
  assert.equal(Number(sql(`SELECT COUNT(*) FROM dossier_apologies WHERE dossier_id = ${D.late}`)[0][0]), 0);
  assertProblem(await as('admin', 'GET', '/api/v1/dossiers/99999999/explanations'), 404);
});

test('an apology sets the dossier flag and moves the roll-ups; a later ingest does not undo it', async () => {
  const before = await as('admin', 'GET', `/api/v1/kpi/summary?unit_id=${U.A.id}&from=2024-03-01&to=2024-03-31`);
  assert.equal(before.status, 200, before.text);
  const r = await post(own, `/api/v1/dossiers/${D.late}/apologies`, { letter_no: '3/XL', letter_date: '2024-03-06', sent_via: 'postal', new_due_date: '2024-03-08' }, pdf('xin-loi.pdf'));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.sent_via, 'postal');
  assert.equal(r.json.new_due_date, '2024-03-08');
  assert.equal(r.json.letter_no, '3/XL');
  const after = await as('admin', 'GET', `/api/v1/kpi/summary?unit_id=${U.A.id}&from=2024-03-01&to=2024-03-31`);
  assert.equal(after.json.figures?.resolved_late_apology ?? after.json.resolved_late_apology, (before.json.figures?.resolved_late_apology ?? before.json.resolved_late_apology) + 1, after.text);
  assert.equal(sqlFigures(U.A.id, '2024-03-01', '2024-03-31').resolved_late_apology, 1);
  // the one-stop system sends the dossier again without the flag: it stays issued
  await bulk([dossier(`LT${RUN}-late`, U.A.code, { apology_issued: false })]);
  assert.deepEqual(sql(`SELECT apology_issued FROM dossiers WHERE id = ${D.late}`), [['1']]);
  assert.equal(sqlFigures(U.A.id, '2024-03-01', '2024-03-31').resolved_late_apology, 1);
  const again = await as('admin', 'GET', `/api/v1/kpi/summary?unit_id=${U.A.id}&from=2024-03-01&to=2024-03-31`);
  assert.deepEqual(again.json, after.json);
  const list = await as(own, 'GET', `/api/v1/dossiers/${D.late}/apologies`);
  assert.equal(list.json.dossier.apology_issued, true);
  assert.deepEqual(list.json.items.map((x) => [x.letter_no, x.file_name]), [['3/XL', 'xin-loi.pdf']]);
  // an overdue dossier still in progress takes an apology (the letter that sets a new date)
  const open = await post(own, `/api/v1/dossiers/${D.open}/apologies`, { letter_no: '4/XL', letter_date: '2024-03-06', sent_via: 'sms' });
  assert.equal(open.status, 201, open.text);
});

test('the late list shows each late dossier with what is recorded, and filters on what is missing', async () => {
  const base = `/api/v1/kpi/late-dossiers?unit_id=${U.A.id}&from=2024-03-01&to=2024-03-31`;
  const all = await as('huyen1.lanhdao', 'GET', base);
  assert.equal(all.status, 200, all.text);
  assert.equal(all.json.total, 2);
  const byCode = Object.fromEntries(all.json.items.map((x) => [x.code, x]));
  const late = byCode[`LT${RUN}-late`];
  assert.equal(late.id, D.late);
  assert.equal(late.has_explanation, true);
  assert.equal(late.explanations, 2);
  assert.equal(late.apologies, 1);
  assert.equal(late.apology_issued, true);
  assert.equal(late.handler_name, 'Nguyễn Văn Xử Lý');
  assert.equal(late.days_late, 3);
  const late2 = byCode[`LT${RUN}-late2`];
  assert.equal(late2.has_explanation, false);
  assert.equal(late2.apology_issued, false);
  assert.equal(late2.handler_name, null);
  for (const m of ['explanation', 'apology']) {
    const r = await as('huyen1.lanhdao', 'GET', `${base}&missing=${m}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((x) => x.code), [`LT${RUN}-late2`]);
    assert.equal(r.json.total, 1);
  }
  const paged = await as('admin', 'GET', `${base}&per_page=1&page=2`);
  assert.equal(paged.json.total, 2);
  assert.equal(paged.json.items.length, 1);
  assertProblem(await as('admin', 'GET', `${base}&missing=both`), 422, 'missing');
  assertProblem(await as('xa11.daumoi', 'GET', base), 404);
});

// The monthly public list across a rule change at a month boundary: dossiers late in July and in
// August 2099 (future months, so the rule versions can be posted through the API and again on a
// re-run); officers are named from August, when publish_officers turns true, and only those with
// at least min_count late dossiers.
test('the public monthly list names officers only in months whose rule set says so', async () => {
  const rows = [];
  for (const [month, n] of [['07', 3], ['08', 3]]) {
    for (let i = 0; i < n; i++) {
      rows.push(dossier(`LT${RUN}-p${month}-${i}`, U.A.code, {
        received_at: `2099-${month}-01T08:00:00+07:00`,
        due_at: `2099-${month}-03T17:00:00+07:00`,
        finished_at: `2099-${month}-10T08:00:00+07:00`,
        handler_name: i < 2 ? 'Phạm Văn An' : 'Hoàng Thị Ba',
        handler_code: i < 2 ? `AN${RUN}` : `BA${RUN}`,
      }));
    }
  }
  assert.equal((await bulk(rows)).inserted, 6);
  const e = await post(own, `/api/v1/dossiers/${idOf(`LT${RUN}-p08-0`)}/explanations`, { doc_no: '9/GT', doc_date: '2024-03-10', reason: 'Thiếu hồ sơ gốc.' });
  assert.equal(e.status, 201, e.text);
  for (const [day, rules] of [['2099-08-01', { publish_officers: true, min_count: 2 }], ['2099-09-01', { publish_officers: false, min_count: 1 }]]) {
    const r = await as('admin', 'POST', '/api/v1/rule-sets/late_list', { effective_from: day, rules, note: 'Thử nghiệm công khai tên cán bộ' });
    assert.ok([200, 201].includes(r.status), r.text);
  }
  const mine = (r) => r.json.items.find((x) => x.unit_id === U.A.id);
  const jul = await req('GET', '/api/v1/public/late-units?month=2099-07');
  assert.equal(jul.status, 200, jul.text);
  assert.equal(jul.json.officers_published, false);
  assert.equal(mine(jul).late, 3);
  assert.equal(mine(jul).officers, undefined);
  assert.ok(!jul.text.includes('Phạm Văn An'));
  const aug = await req('GET', '/api/v1/public/late-units?month=2099-08');
  assert.equal(aug.json.officers_published, true);
  assert.equal(aug.json.rule_effective_from, '2099-08-01');
  assert.equal(aug.json.officers_min_count, 2);
  const a = mine(aug);
  assert.equal(a.late, 3);
  assert.equal(a.explained, 1);
  assert.equal(a.apologised, 0);
  assert.ok(Math.abs(a.explained_share - 1 / 3) < 1e-9);
  assert.equal(a.unit_name, U.A.name);
  // the officer with one late dossier is under min_count: not named
  assert.deepEqual(a.officers, [{ name: 'Phạm Văn An', late: 2 }]);
  assert.ok(!aug.text.includes(`AN${RUN}`), 'officer codes are never published');
  const sep = await req('GET', '/api/v1/public/late-units?month=2099-09');
  assert.equal(sep.json.officers_published, false);
  assert.equal(mine(sep), undefined);
  for (const bad of ['2099-13', '2099-7', 'july', '']) assertProblem(await req('GET', `/api/v1/public/late-units?month=${bad}`), 422, 'month');
  // no dossier code reaches the public
  assert.ok(!aug.text.includes(`LT${RUN}-p08`));
});
