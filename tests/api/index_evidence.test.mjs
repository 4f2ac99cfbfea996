// The reform index's evidence files and results export (issue 19): a unit uploads documents to a
// leaf's score while its self-assessment is draft or returned (checked by content, scoped), they are
// listed with the score and downloaded by the unit, the appraiser and the province, withdrawn but
// never deleted; the results .xlsx has its title row and one row per unit matching the JSON answer.
// Each run works in a fresh year so it can run again on the same database.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode, BASE } from '../lib/api.mjs';
import { multipart } from './feedback.lib.mjs';
import { sheetRows } from '../lib/xlsx-read.mjs';

const T = {};
const token = async (who) => T[who] || (T[who] = await login(who));
const as = async (who, method, path, body) => req(method, path, { token: await token(who), body });
const upload = async (who, path, fields, files) => {
  const m = multipart(fields, files);
  return req('POST', path, { token: await token(who), raw: m.body, headers: m.headers });
};
const download = async (who, path) => {
  const res = await fetch(BASE + path, { headers: who ? { authorization: `Bearer ${await token(who)}` } : {} });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
};

const TREE = [
  { code: '1', name: 'Chỉ đạo, điều hành', max: 10 },
  { code: '1.1', name: 'Ban hành kế hoạch', max: 6, method: 'yesno', source: 'self' },
  { code: '1.2', name: 'Hoàn thành kế hoạch', max: 4, method: 'choice', source: 'self', params: { choices: [{ label: 'A', points: 4 }, { label: 'B', points: 1.5 }] } },
  { code: '2', name: 'Thủ tục hành chính', max: 20 },
  { code: '2.1', name: 'Tỷ lệ số hoá', max: 10, method: 'ratio', source: 'self', params: { threshold: 80 } },
  { code: '2.2', name: 'Đánh giá của Hội đồng', max: 10, method: 'points', source: 'appraisal' },
];
const PDF = Buffer.from('%PDF-1.4\n% ke hoach cai cach hanh chinh\n%%EOF\n');
// a PNG's signature and IHDR chunk: an image is evidence too
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const pdf = (name = 'ke-hoach-cchc.pdf', data = PDF) => [{ field: 'file', name, type: 'application/pdf', data }];

let Y, H01, H02, fileId;
const evPath = (unit) => `/api/v1/index/${Y}/assessments/${unit.id}/evidence`;
const node = (a, code) => a.criteria.find((c) => c.code === code);

before(async () => {
  [H01, H02] = await Promise.all(['H01', 'H02'].map(unitByCode));
  // a free year from 2089 down (index.test.mjs takes its pairs from 2100 down, the matrix from 2030 up)
  for (let y = 2089; y >= 2031 && !Y; y--) {
    const a = await as('admin', 'GET', `/api/v1/index/${y}/criteria?kind=district`);
    if (a.json.criteria.length === 0 && !a.json.locked) Y = y;
  }
  assert.ok(Y, 'a free year');
  const r = await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, TREE);
  assert.equal(r.status, 200, r.text);
});

test('evidence: the unit uploads a file to a leaf, checked by content, listed with the score', async () => {
  let r = await upload('huyen1.daumoi', evPath(H01), { code: '1.1' }, pdf());
  assert.equal(r.status, 201, r.text);
  fileId = r.json.id;
  assert.equal(r.json.code, '1.1');
  assert.equal(r.json.name, 'ke-hoach-cchc.pdf');
  assert.equal(r.json.mime, 'application/pdf');
  assert.equal(r.json.size, PDF.length);
  assert.equal(r.json.unit_id, H01.id);
  assert.equal(r.json.withdrawn, false);
  assert.equal(r.json.sha256, undefined, 'the hash stays on the server');
  r = await upload('huyen1.daumoi', evPath(H01), { code: '2.1' }, [{ field: 'file', name: 'anh-chup.png', type: 'image/png', data: PNG }]);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.mime, 'image/png');
  const png = r.json.id;

  // validation: each error under its field, in Vietnamese
  const bad = [
    [await as('huyen1.daumoi', 'POST', evPath(H01), { code: '1.1' }), 'file'],
    [await upload('huyen1.daumoi', evPath(H01), {}, pdf()), 'code'],
    [await upload('huyen1.daumoi', evPath(H01), { code: '1' }, pdf()), 'code'],
    [await upload('huyen1.daumoi', evPath(H01), { code: '9.9' }, pdf()), 'code'],
    [await upload('huyen1.daumoi', evPath(H01), { code: '1.1' }, []), 'file'],
    [await upload('huyen1.daumoi', evPath(H01), { code: '1.1' }, pdf('gia-mao.pdf', Buffer.from('khong phai PDF, chi la van ban'))), 'file'],
    [await upload('huyen1.daumoi', evPath(H01), { code: '1.1' }, pdf('chuong-trinh.exe', Buffer.from('MZ\x90\x00 chuong trinh'))), 'file'],
    [await upload('huyen1.daumoi', evPath(H01), { code: '1.1', extra: 'x' }, pdf()), 'extra'],
  ];
  for (const [res, field] of bad) {
    assertProblem(res, 422, field);
    assert.ok(res.json.errors.every((e) => /[à-ỹ]/.test(e.message)), `Vietnamese: ${res.text}`);
  }
  // two files in one form: one file per upload
  const two = await upload('huyen1.daumoi', evPath(H01), { code: '1.1' }, [...pdf('a.pdf'), ...pdf('b.pdf')]);
  assertProblem(two, 422, 'file');

  // scope: a unit's staff for its own subtree only; the appraiser reads but does not upload
  assertProblem(await upload('huyen1.daumoi', evPath(H02), { code: '1.1' }, pdf()), 404);
  assertProblem(await upload('xa11.daumoi', evPath(H01), { code: '1.1' }, pdf()), 404);
  assertProblem(await upload('stp.daumoi', evPath(H01), { code: '1.1' }, pdf()), 404);
  assertProblem(await upload('snv.cchc', evPath(H01), { code: '1.1' }, pdf()), 404);
  assertProblem(await upload('huyen1.daumoi', `/api/v1/index/1999/assessments/${H01.id}/evidence`, { code: '1.1' }, pdf()), 404);
  // the province-wide roles work on any unit (as they do on the scores)
  r = await upload('vp.kstt', evPath(H02), { code: '1.2' }, pdf('h02.pdf'));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.unit_id, H02.id);

  // listed with the score, for everyone who sees the assessment
  for (const who of ['huyen1.lanhdao', 'snv.cchc', 'lanhdao.tinh']) {
    const a = await as(who, 'GET', `/api/v1/index/${Y}/assessments/${H01.id}`);
    assert.equal(a.status, 200, a.text);
    assert.deepEqual(node(a.json, '1.1').files.map((f) => [f.id, f.name, f.mime, f.size, f.withdrawn]), [[fileId, 'ke-hoach-cchc.pdf', 'application/pdf', PDF.length, false]]);
    assert.deepEqual(node(a.json, '2.1').files.map((f) => f.id), [png]);
    assert.deepEqual(node(a.json, '1.2').files, [], 'H02\'s file is not H01\'s');
    assert.equal(node(a.json, '1').files, undefined, 'a parent has no files');
  }
});

test('evidence: downloaded by the unit, the appraiser and the province; 404 outside', async () => {
  const path = `/api/v1/index/${Y}/evidence/${fileId}`;
  for (const who of ['huyen1.daumoi', 'huyen1.lanhdao', 'snv.cchc', 'lanhdao.tinh', 'vp.kstt', 'admin']) {
    const d = await download(who, path);
    assert.equal(d.status, 200, who);
    assert.deepEqual(d.body, PDF, `${who}: the same bytes`);
    assert.equal(d.headers.get('content-type'), 'application/pdf');
    assert.match(d.headers.get('content-disposition'), /attachment;.*ke-hoach-cchc\.pdf/);
  }
  for (const who of ['stp.daumoi', 'xa11.daumoi']) assertProblem(await as(who, 'GET', path), 404);
  assert.equal((await download(null, path)).status, 401);
  assertProblem(await as('huyen1.daumoi', 'GET', `/api/v1/index/${Y + 1}/evidence/${fileId}`), 404);
  assertProblem(await as('huyen1.daumoi', 'GET', `/api/v1/index/${Y}/evidence/99999999`), 404);
});

test('evidence: withdrawn by the unit, never deleted; closed once submitted, open again when returned', async () => {
  const w = `/api/v1/index/${Y}/evidence/${fileId}/withdraw`;
  assertProblem(await as('stp.daumoi', 'POST', w), 404);
  assertProblem(await as('snv.cchc', 'POST', w), 404, undefined);
  assertProblem(await as('huyen1.daumoi', 'POST', `/api/v1/index/${Y}/evidence/99999999/withdraw`), 404);
  let r = await as('huyen1.daumoi', 'POST', w);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.id, fileId);
  assert.equal(r.json.withdrawn, true);
  assert.ok(r.json.withdrawn_at);
  assertProblem(await as('huyen1.daumoi', 'POST', w), 409);
  // kept: still listed (marked) and still downloadable as evidence
  const a = await as('snv.cchc', 'GET', `/api/v1/index/${Y}/assessments/${H01.id}`);
  assert.deepEqual(node(a.json, '1.1').files.map((f) => [f.id, f.withdrawn]), [[fileId, true]]);
  assert.deepEqual((await download('snv.cchc', `/api/v1/index/${Y}/evidence/${fileId}`)).body, PDF);
  // the audit trail names the upload and the withdrawal
  const audit = await as('admin', 'GET', `/api/v1/audit?entity=index_evidence&entity_id=${fileId}`);
  assert.equal(audit.status, 200, audit.text);
  assert.deepEqual(audit.json.items.map((x) => x.action).sort(), ['index.evidence', 'index.evidence_withdraw']);

  // submitted: no more uploads or withdrawals
  const s = `/api/v1/index/${Y}/assessments/${H01.id}`;
  r = await as('huyen1.daumoi', 'PUT', s, { scores: [{ code: '1.1', value: true }, { code: '1.2', value: 'A' }, { code: '2.1', value: 70 }] });
  assert.equal(r.status, 200, r.text);
  assert.equal((await as('huyen1.lanhdao', 'POST', `${s}/submit`)).status, 200);
  assertProblem(await upload('huyen1.daumoi', evPath(H01), { code: '1.1' }, pdf()), 409);
  const png = node((await as('huyen1.daumoi', 'GET', s)).json, '2.1').files[0].id;
  assertProblem(await as('huyen1.daumoi', 'POST', `/api/v1/index/${Y}/evidence/${png}/withdraw`), 409);
  // returned for completion: the unit adds the missing document
  assert.equal((await as('snv.cchc', 'POST', `/api/v1/index/${Y}/appraisals/${H01.id}/return`, { reason: 'Bổ sung biên bản' })).status, 200);
  r = await upload('huyen1.daumoi', evPath(H01), { code: '1.1' }, pdf('bien-ban-bo-sung.pdf'));
  assert.equal(r.status, 201, r.text);
  const got = node((await as('huyen1.daumoi', 'GET', s)).json, '1.1').files;
  assert.deepEqual(got.map((f) => [f.name, f.withdrawn]), [['ke-hoach-cchc.pdf', true], ['bien-ban-bo-sung.pdf', false]]);
});

// The results' cells as the export writes them: rank, unit, total, max, percent, band, change, areas.
const rowOf = (x) => [x.rank, x.unit_name, x.total, x.max, x.percent, x.band, x.change ?? '', ...x.areas.map((a) => a.points)];

test('results export: the title row and one row per unit, the same figures as the JSON answer', async () => {
  const url = `/api/v1/index/${Y}/results/export?kind=district`;
  assertProblem(await as('snv.cchc', 'GET', `/api/v1/index/${Y}/results/export?kind=town`), 422, 'kind');
  assert.equal((await download(null, url)).status, 401);
  // before the decision: a district sees its own row only, the appraiser every unit
  let d = await download('huyen1.daumoi', url);
  assert.equal(d.status, 200);
  assert.match(d.headers.get('content-type'), /spreadsheetml/);
  assert.match(d.headers.get('content-disposition'), new RegExp(`chi-so-cchc-${Y}-district\\.xlsx`));
  let rows = sheetRows(d.body);
  assert.match(rows[0][0], new RegExp(`KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${Y} — UBND cấp huyện — ${H01.name} — chưa có quyết định.* lập lúc`));
  assert.deepEqual(rows[1], ['TT', 'Xếp hạng', 'Đơn vị', 'Tổng điểm', 'Điểm tối đa', 'Tỷ lệ (%)', 'Xếp loại', 'Tăng/giảm so với năm trước', '1. Chỉ đạo, điều hành (tối đa 10)', '2. Thủ tục hành chính (tối đa 20)']);
  assert.deepEqual(rows.slice(2).map((x) => x[2]), [H01.name]);
  d = await download('snv.cchc', url);
  rows = sheetRows(d.body);
  assert.match(rows[0][0], /— toàn tỉnh —/);
  assert.deepEqual(new Set(rows.slice(2).map((x) => x[2])), new Set([H01.name, H02.name]));

  // finalised: the decision in the title; each row equals the JSON entry
  const s = `/api/v1/index/${Y}/assessments/${H02.id}`;
  assert.equal((await as('vp.kstt', 'PUT', s, { scores: [{ code: '1.1', value: true }, { code: '1.2', value: 'B' }, { code: '2.1', value: 80 }] })).status, 200);
  assert.equal((await as('lanhdao.tinh', 'POST', `${s}/submit`)).status, 200);
  assert.equal((await as('huyen1.lanhdao', 'POST', `/api/v1/index/${Y}/assessments/${H01.id}/submit`)).status, 200);
  for (const [u, p] of [[H01, 7.5], [H02, 3]]) {
    const r = await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/appraisals/${u.id}`, { scores: [{ code: '2.2', points: p }] });
    assert.equal(r.status, 200, r.text);
  }
  const f = await as('snv.cchc', 'POST', `/api/v1/index/${Y}/finalize`, { decision_no: '77/QĐ-UBND', decision_date: '2026-03-02' });
  assert.equal(f.status, 200, f.text);
  const json = (await as('stp.daumoi', 'GET', `/api/v1/index/${Y}/results?kind=district`)).json;
  assert.equal(json.length, 2);
  d = await download('stp.daumoi', url);
  rows = sheetRows(d.body);
  assert.match(rows[0][0], /— toàn tỉnh — kết quả chính thức theo Quyết định số 77\/QĐ-UBND ngày 02\/03\/2026 — lập lúc/);
  assert.deepEqual(rows.slice(2), json.map((x, i) => [i + 1, ...rowOf(x)]));
  // H01: 6 + 4 | 8.75 (10 x 70 / 80) + 7.5 = 26.25; H02: 6 + 1.5 | 10 + 3 = 20.5
  assert.deepEqual(rows.slice(2).map((x) => [x[2], x[3], x[5], x[6]]), [[H01.name, 26.25, 87.5, 'Tốt'], [H02.name, 20.5, 68.33, 'Khá']]);
  // no department was assessed this year: the export has its title and headings only
  rows = sheetRows((await download('stp.daumoi', `/api/v1/index/${Y}/results/export?kind=department`)).body);
  assert.equal(rows.length, 2, 'title and headings only');
});

test('results export: the published demo year compares with the year before', async () => {
  const json = (await as('snv.cchc', 'GET', '/api/v1/index/2024/results?kind=department')).json;
  const rows = sheetRows((await download('snv.cchc', '/api/v1/index/2024/results/export?kind=department')).body);
  assert.match(rows[0][0], /NĂM 2024 — các sở, ban, ngành — toàn tỉnh — kết quả chính thức theo Quyết định số 412\/QĐ-UBND/);
  assert.equal(rows.length - 2, json.length);
  assert.deepEqual(rows.slice(2), json.map((x, i) => [i + 1, ...rowOf(x)]));
  assert.equal(rows[1].length, 8 + json[0].areas.length);
});
