// The administrative reform index (issue 19, the index part): criteria (checks, lock, copy), the
// self-assessment with every method, submission by the leader, appraisal by Sở Nội vụ with
// reasons, one return, finalising, results (caps, competition ranks with ties in name order,
// bands) checked against a computation of their own, and the public ranking. Each run works in
// fresh years so it can run again on the same database.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';
import { ROOT } from '../lib/stack.mjs';

const T = {};
const as = async (who, method, path, body) => req(method, path, { token: T[who] || (T[who] = await login(who)), body });

// Area 1's children may reach 12 points: the area is capped at its 10.
const TREE = [
  { code: '1', name: 'Chỉ đạo, điều hành', max: 10 },
  { code: '1.1', name: 'Ban hành kế hoạch', max: 6, method: 'yesno', source: 'self' },
  { code: '1.2', name: 'Hoàn thành kế hoạch', max: 6, method: 'choice', source: 'self', params: { choices: [{ label: 'A', points: 6 }, { label: 'B', points: 2.5 }, { label: 'C', points: 0 }] } },
  { code: '2', name: 'Thủ tục hành chính', max: 20 },
  { code: '2.1', name: 'Số cuộc kiểm tra', max: 5, method: 'bands', source: 'self', params: { bands: [{ min: 0, points: 0 }, { min: 2, points: 2.5 }, { min: 5, points: 5 }] } },
  { code: '2.2', name: 'Tỷ lệ số hoá', max: 5, method: 'ratio', source: 'self', params: { threshold: 80 } },
  { code: '2.3', name: 'Hồ sơ đúng hạn', max: 5, method: 'ratio', source: 'system', params: { threshold: 95, metric: 'ontime_rate' } },
  { code: '2.4', name: 'Đánh giá của Hội đồng', max: 5, method: 'points', source: 'appraisal' },
];
const VALUES = { '1.1': true, '1.2': 'A', '2.1': 3, '2.2': 60 };
const BANDS = [[90, 'Xuất sắc'], [80, 'Tốt'], [65, 'Khá'], [50, 'Trung bình'], [0, 'Yếu']];

let Y, H01, H02, H03;
const scoresOf = (values) => Object.entries(values).map(([code, value]) => ({ code, value, note: `Ghi chú ${code}`, evidence: [{ title: `Văn bản ${code}`, url: `https://namdinh.gov.vn/cchc/${code}.pdf` }] }));
const node = (a, code) => a.criteria.find((c) => c.code === code);

before(async () => {
  [H01, H02, H03] = await Promise.all(['H01', 'H02', 'H03'].map(unitByCode));
  // two free years from 2100 down (the access matrix takes its years from 2030 up)
  for (let y = 2099; y >= 2030 && !Y; y--) {
    const a = await as('admin', 'GET', `/api/v1/index/${y}/criteria?kind=district`);
    const b = await as('admin', 'GET', `/api/v1/index/${y + 1}/criteria?kind=district`);
    if (a.json.criteria.length === 0 && b.json.criteria.length === 0) Y = y;
  }
  assert.ok(Y, 'a free year');
});

test('criteria: checked with the field of each error, kept by Sở Nội vụ only, read by everyone', async () => {
  const bad = structuredClone(TREE);
  bad[1].max = 11; // above its parent
  bad[2].params.choices[0].points = 7; // above its max
  bad.push({ code: '3.1', name: 'Mồ côi', max: 1, method: 'yesno', source: 'self' }); // no parent
  bad.push({ code: '2.5', name: 'Hệ thống', max: 1, method: 'ratio', source: 'system', params: { metric: 'khong_co' } });
  let r = await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, bad);
  assertProblem(r, 422, 'criteria[1].max');
  for (const f of ['criteria[2].params', 'criteria[8].code', 'criteria[9].params']) assert.ok(r.json.errors.some((e) => e.field === f), `${f}: ${r.text}`);
  assert.ok(r.json.errors.every((e) => /[à-ỹ]/.test(e.message)), 'Vietnamese messages');
  assertProblem(await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, { code: '1' }), 422, 'criteria');
  assertProblem(await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/criteria?kind=town`, TREE), 422, 'kind');
  // a specialist of another department, a province leader: not the appraiser
  assertProblem(await as('vp.kstt', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, TREE), 403);
  assertProblem(await as('lanhdao.tinh', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, TREE), 403);
  assertProblem(await as('stp.daumoi', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, TREE), 403);
  r = await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, TREE);
  assert.equal(r.status, 200, r.text);
  const get = await as('xa11.daumoi', 'GET', `/api/v1/index/${Y}/criteria?kind=district`);
  assert.equal(get.status, 200);
  assert.equal(get.json.locked, false);
  assert.deepEqual(get.json.criteria, TREE.map((n) => ({ method: null, params: null, source: null, ...n })));
  assertProblem(await as('xa11.daumoi', 'GET', `/api/v1/index/1999/criteria?kind=district`), 404);
  assertProblem(await as('xa11.daumoi', 'GET', `/api/v1/index/abcd/criteria?kind=district`), 404);
});

test('criteria: copied from the previous year; 404 without one', async () => {
  const r = await as('snv.cchc', 'POST', `/api/v1/index/${Y + 1}/criteria/copy?kind=district`);
  assert.equal(r.status, 200, r.text);
  const a = await as('admin', 'GET', `/api/v1/index/${Y}/criteria?kind=district`);
  const b = await as('admin', 'GET', `/api/v1/index/${Y + 1}/criteria?kind=district`);
  assert.deepEqual(b.json.criteria, a.json.criteria);
  assertProblem(await as('snv.cchc', 'POST', `/api/v1/index/${Y}/criteria/copy?kind=department`), 404);
  assertProblem(await as('huyen1.lanhdao', 'POST', `/api/v1/index/${Y + 1}/criteria/copy?kind=district`), 403);
});

test('criteria import: an .xlsx with Vietnamese method names, a CSV with errors named by row', async () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const file = readFileSync(`${ROOT}/tests/fixtures/index_criteria.xlsx`);
  const post = (who, raw, type) => req('POST', `/api/v1/index/${Y + 1}/criteria/import?kind=department`, { token: T[who], raw, headers: { 'content-type': type } });
  await as('snv.cchc', 'GET', '/api/v1/auth/me');
  await as('vp.kstt', 'GET', '/api/v1/auth/me');
  assertProblem(await post('vp.kstt', file, XLSX), 403);
  const r = await post('snv.cchc', file, XLSX);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.criteria.map((c) => [c.code, c.max, c.method, c.source]), [
    ['1', 10, null, null],
    ['1.1', 2.5, 'yesno', 'self'],
    ['1.2', 7.5, 'choice', 'self'],
    ['2', 10, null, null],
    ['2.1', 6, 'ratio', 'system'],
    ['2.2', 4, 'points', 'appraisal'],
  ]);
  const got = await as('xa11.daumoi', 'GET', `/api/v1/index/${Y + 1}/criteria?kind=department`);
  assert.deepEqual(got.json.criteria, r.json.criteria);
  assert.deepEqual(got.json.criteria[2].params, { choices: [{ label: 'Đạt', points: 7.5 }, { label: 'Không đạt', points: 0 }] });
  const csv = 'Mã;Tên;Điểm tối đa;Cách chấm;Nguồn\n1;Chỉ đạo;5;;\n1.1;Kế hoạch;6;có/không;tự chấm\n1.3.1;Mồ côi;1;có/không;tự chấm\n';
  const bad = await post('snv.cchc', csv, 'text/csv');
  assertProblem(bad, 422, 'rows[3].max');
  assert.ok(bad.json.errors.some((e) => e.field === 'rows[4].code'), bad.text);
  assertProblem(await post('snv.cchc', 'khong phai bang tinh', 'text/csv'), 422, 'file');
  assertProblem(await post('snv.cchc', '', 'text/csv'), 422, 'file');
});

test('self-assessment: every method scored, parents capped, checks per field, scope', async () => {
  const path = `/api/v1/index/${Y}/assessments/${H01.id}`;
  let r = await as('huyen1.daumoi', 'PUT', path, {
    scores: [
      { code: '1.2', value: 'Z' },
      { code: '2.1', value: '3' },
      { code: '2.2', value: 120 },
      { code: '1.1', value: 1 },
      { code: '2.3', value: 50 },
      { code: '2.4', value: 5 },
      { code: '9', value: 1 },
      { code: '2.1', value: 1, evidence: [{ title: 'x', url: 'javascript:alert(1)' }] },
      { code: '2.1', value: 1, extra: 1 },
    ],
  });
  assertProblem(r, 422, 'scores[0].value');
  for (const f of ['scores[1].value', 'scores[2].value', 'scores[3].value', 'scores[4].code', 'scores[5].code', 'scores[6].code', 'scores[7].evidence', 'scores[8].extra']) {
    assert.ok(r.json.errors.some((e) => e.field === f), `${f}: ${r.text}`);
  }
  r = await as('huyen1.daumoi', 'PUT', path, { scores: scoresOf(VALUES) });
  assert.equal(r.status, 200, r.text);
  const a = r.json;
  assert.equal(a.unit_id, H01.id);
  assert.equal(a.status, 'draft');
  assert.equal(node(a, '1.1').self_points, 6);
  assert.equal(node(a, '1.2').self_points, 6);
  assert.equal(node(a, '1').self_points, 10, 'capped at the area max (12 -> 10)');
  assert.equal(node(a, '2.1').self_points, 2.5);
  assert.equal(node(a, '2.2').self_points, 3.75, '5 x 60 / 80');
  assert.equal(node(a, '2.4').points, 0, 'the council has not scored');
  assert.deepEqual(node(a, '1.2').evidence, [{ title: 'Văn bản 1.2', url: 'https://namdinh.gov.vn/cchc/1.2.pdf' }]);
  assert.equal(node(a, '1.2').note, 'Ghi chú 1.2');
  // the system criterion shows its figure and its source (no dossiers that year: no denominator)
  const sys = node(a, '2.3').system;
  assert.equal(sys.metric, 'ontime_rate');
  assert.equal(sys.denominator, 0);
  assert.equal(sys.value, null);
  assert.match(sys.source, /Hồ sơ/);
  assert.equal(a.self_total, 10 + 2.5 + 3.75);
  assert.equal(a.max, 30);
  // scope: a unit's staff only for its subtree; viewers never write; communes are not assessed
  assertProblem(await as('huyen1.daumoi', 'PUT', `/api/v1/index/${Y}/assessments/${H02.id}`, { scores: [] }), 404);
  assertProblem(await as('huyen1.daumoi', 'GET', `/api/v1/index/${Y}/assessments/${H02.id}`), 404);
  assertProblem(await as('xa11.daumoi', 'GET', path), 404);
  const x = await unitByCode('X0101');
  assertProblem(await as('admin', 'GET', `/api/v1/index/${Y}/assessments/${x.id}`), 404);
  const viewer = await as('huyen1.lanhdao', 'GET', path);
  assert.equal(viewer.status, 200);
  assert.equal(viewer.json.self_total, 16.25);
  const snv = await as('snv.cchc', 'GET', path);
  assert.equal(snv.status, 200, 'the appraiser sees every assessed unit');
  // the tree is now locked
  assertProblem(await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, TREE), 409);
  assert.equal((await as('admin', 'GET', `/api/v1/index/${Y}/criteria?kind=district`)).json.locked, true);
  assertProblem(await as('snv.cchc', 'POST', `/api/v1/index/${Y}/criteria/copy?kind=district`), 409);
});

test('submit: the leader only, every self leaf answered; then locked for the unit', async () => {
  const path = `/api/v1/index/${Y}/assessments/${H01.id}`;
  assertProblem(await as('huyen1.daumoi', 'POST', `${path}/submit`), 403);
  await as('huyen1.daumoi', 'PUT', path, { scores: [{ code: '2.2', value: null }] });
  const r = await as('huyen1.lanhdao', 'POST', `${path}/submit`);
  assertProblem(r, 422, 'scores');
  assert.match(r.json.errors[0].message, /2\.2/);
  await as('huyen1.daumoi', 'PUT', path, { scores: scoresOf({ '2.2': 60 }) });
  const s = await as('huyen1.lanhdao', 'POST', `${path}/submit`);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.status, 'submitted');
  assert.ok(s.json.submitted_at);
  assert.equal(node(s.json, '2.3').system.denominator, 0);
  // Sở Nội vụ is told, the district's own staff are not
  const link = `/app/chi-so-cchc/${Y}/${H01.id}`;
  const notices = async (who) => (await as(who, 'GET', '/api/v1/notifications?per_page=200')).json.items.filter((n) => n.kind === 'index.submitted' && n.link === link);
  const told = await notices('snv.cchc');
  assert.equal(told.length, 1);
  assert.equal(told[0].entity, 'index_assessment');
  assert.match(told[0].title, new RegExp(`${H01.name}.*${Y}`));
  assert.equal((await notices('huyen1.daumoi')).length, 0);
  assertProblem(await as('huyen1.daumoi', 'PUT', path, { scores: [] }), 409);
  assertProblem(await as('huyen1.lanhdao', 'POST', `${path}/submit`), 409);
  assertProblem(await as('huyen1.lanhdao', 'POST', `/api/v1/index/${Y}/assessments/${H02.id}/submit`), 404);
});

test('appraisal: Sở Nội vụ only, a changed score needs its reason, points within the max', async () => {
  const path = `/api/v1/index/${Y}/appraisals/${H01.id}`;
  assertProblem(await as('huyen1.lanhdao', 'PUT', path, { scores: [] }), 403);
  assertProblem(await as('vp.kstt', 'PUT', path, { scores: [] }), 403);
  let r = await as('snv.cchc', 'PUT', path, { scores: [{ code: '2.1', points: 1 }, { code: '2.4', points: 6 }, { code: '2', points: 1 }] });
  assertProblem(r, 422, 'scores[0].reason');
  assert.ok(r.json.errors.some((e) => e.field === 'scores[1].points'));
  assert.ok(r.json.errors.some((e) => e.field === 'scores[2].code'));
  r = await as('snv.cchc', 'PUT', path, { scores: [{ code: '2.1', points: 1, reason: 'Chỉ có 1 biên bản kiểm tra' }, { code: '2.4', points: 4 }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'appraised');
  assert.equal(node(r.json, '2.1').appraised_points, 1);
  assert.equal(node(r.json, '2.1').reason, 'Chỉ có 1 biên bản kiểm tra');
  assert.equal(node(r.json, '2.1').points, 1);
  assert.equal(node(r.json, '2.1').self_points, 2.5);
  assert.equal(r.json.total, 10 + 1 + 3.75 + 4);
  // the council changes its mind: back to the unit's 2.5 (no reason needed when equal)
  r = await as('snv.cchc', 'PUT', path, { scores: [{ code: '2.1', points: 2.5 }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.total, 20.25);
  assertProblem(await as('snv.cchc', 'POST', `${path}/return`, { reason: 'Bổ sung' }), 409);
  assertProblem(await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/appraisals/${H02.id}`, { scores: [] }), 404);
});

test('return: once, with a reason; the unit completes and submits again', async () => {
  const a = `/api/v1/index/${Y}/assessments/${H02.id}`;
  assert.equal((await as('admin', 'PUT', a, { scores: scoresOf(VALUES) })).status, 200);
  assert.equal((await as('lanhdao.tinh', 'POST', `${a}/submit`)).status, 200);
  const path = `/api/v1/index/${Y}/appraisals/${H02.id}/return`;
  assertProblem(await as('snv.cchc', 'POST', path, { reason: '' }), 422, 'reason');
  let r = await as('snv.cchc', 'POST', path, { reason: 'Thiếu tài liệu kiểm chứng tiêu chí 2.1' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'returned');
  assert.equal(r.json.returned_count, 1);
  assert.equal(r.json.return_reason, 'Thiếu tài liệu kiểm chứng tiêu chí 2.1');
  assert.equal((await as('admin', 'PUT', a, { scores: scoresOf({ '2.1': 3 }) })).status, 200);
  assert.equal((await as('lanhdao.tinh', 'POST', `${a}/submit`)).status, 200);
  assertProblem(await as('snv.cchc', 'POST', path, { reason: 'Lần nữa' }), 409);
  r = await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/appraisals/${H02.id}`, { scores: [{ code: '2.4', points: 4 }] });
  assert.equal(r.json.total, 20.25, 'the same total as H01: a tie');
});

// The ranking computed here from the assessments' leaf points, independently of the server.
function expectedRanking(assessments, names) {
  const leafPts = (a) => Object.fromEntries(a.criteria.filter((c) => c.leaf).map((c) => [c.code, c.appraised_points ?? c.self_points ?? 0]));
  const rows = assessments.map((a) => {
    const pts = leafPts(a);
    const sum = (code) => {
      const n = TREE.find((t) => t.code === code);
      const kids = TREE.filter((t) => t.code.startsWith(`${code}.`) && t.code.split('.').length === code.split('.').length + 1);
      const raw = kids.length ? kids.reduce((s, k) => s + sum(k.code), 0) : pts[code] || 0;
      return Math.min(raw, n.max);
    };
    const areas = TREE.filter((t) => !t.code.includes('.')).map((t) => ({ code: t.code, points: sum(t.code), max: t.max }));
    const total = Math.round(areas.reduce((s, x) => s + x.points, 0) * 100) / 100;
    const percent = Math.round((total / 30) * 10000) / 100;
    return { unit_id: a.unit_id, name: names[a.unit_id], total, percent, band: BANDS.find(([m]) => percent >= m)[1], areas };
  });
  rows.sort((x, y) => y.total - x.total || names.order.indexOf(x.unit_id) - names.order.indexOf(y.unit_id));
  rows.forEach((r, i) => (r.rank = i > 0 && r.total === rows[i - 1].total ? rows[i - 1].rank : i + 1));
  return rows;
}

test('finalize and results: ties share a rank in name order, bands, areas; public only when final', async () => {
  // a third unit, lower, still submitted only
  const a3 = `/api/v1/index/${Y}/assessments/${H03.id}`;
  assert.equal((await as('admin', 'PUT', a3, { scores: scoresOf({ ...VALUES, '1.2': 'C' }) })).status, 200);
  assert.equal((await as('lanhdao.tinh', 'POST', `${a3}/submit`)).status, 200);
  assertProblem(await req('GET', `/api/v1/public/index/${Y}/results?kind=district`), 404);
  // before the decision: a district sees its own row, ranked among all
  const mine = await as('huyen1.daumoi', 'GET', `/api/v1/index/${Y}/results?kind=district`);
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.json.map((x) => x.unit_id), [H01.id]);
  assert.equal(mine.json[0].rank, 1);
  assert.deepEqual((await as('xa11.daumoi', 'GET', `/api/v1/index/${Y}/results?kind=district`)).json, []);
  // not everything appraised yet
  assertProblem(await as('snv.cchc', 'POST', `/api/v1/index/${Y}/finalize`, { decision_no: '15/QĐ-UBND', decision_date: '2026-02-01' }), 409);
  assert.equal((await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/appraisals/${H03.id}`, { scores: [{ code: '2.4', points: 4 }] })).status, 200);
  assertProblem(await as('snv.cchc', 'POST', `/api/v1/index/${Y}/finalize`, { decision_no: '', decision_date: '2026-02-30' }), 422, 'decision_date');
  assertProblem(await as('huyen1.lanhdao', 'POST', `/api/v1/index/${Y}/finalize`, { decision_no: '15/QĐ-UBND', decision_date: '2026-02-01' }), 403);
  const f = await as('snv.cchc', 'POST', `/api/v1/index/${Y}/finalize`, { decision_no: '15/QĐ-UBND', decision_date: '2026-02-01' });
  assert.equal(f.status, 200, f.text);
  assert.deepEqual(f.json, { year: Y, decision_no: '15/QĐ-UBND', decision_date: '2026-02-01', units: 3 });
  assertProblem(await as('snv.cchc', 'POST', `/api/v1/index/${Y}/finalize`, { decision_no: '16/QĐ-UBND', decision_date: '2026-02-02' }), 409);
  assertProblem(await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/appraisals/${H01.id}`, { scores: [] }), 409);

  const assessments = [];
  for (const u of [H01, H02, H03]) assessments.push((await as('admin', 'GET', `/api/v1/index/${Y}/assessments/${u.id}`)).json);
  assert.ok(assessments.every((a) => a.status === 'final'));
  const res = await as('huyen1.daumoi', 'GET', `/api/v1/index/${Y}/results?kind=district`);
  assert.equal(res.status, 200);
  // name order of the tie: "UBND huyện Mỹ Lộc" (H02) before "UBND thành phố Nam Định" (H01)
  const names = { [H01.id]: H01.name, [H02.id]: H02.name, [H03.id]: H03.name, order: [H02.id, H01.id, H03.id] };
  const want = expectedRanking(assessments, names);
  assert.deepEqual(res.json.map((x) => [x.unit_id, x.rank]), [[H02.id, 1], [H01.id, 1], [H03.id, 3]]);
  for (const w of want) {
    const got = res.json.find((x) => x.unit_id === w.unit_id);
    assert.equal(got.unit_name, w.name);
    assert.equal(got.total, w.total);
    assert.equal(got.max, 30);
    assert.equal(got.percent, w.percent);
    assert.equal(got.rank, w.rank);
    assert.equal(got.band, w.band);
    assert.deepEqual(got.areas.map(({ code, points, max }) => ({ code, points, max })), w.areas);
    assert.equal(got.previous_total, null);
    assert.equal(got.change, null);
  }
  assert.equal(res.json[0].total, 20.25);
  assert.equal(res.json[0].band, 'Khá');
  assert.equal(res.json[2].total, 16.25);
  assert.equal(res.json[2].band, 'Trung bình');
  const pub = await req('GET', `/api/v1/public/index/${Y}/results?kind=district`);
  assert.equal(pub.status, 200);
  assert.deepEqual(pub.json, res.json);
  assert.deepEqual((await req('GET', `/api/v1/public/index/${Y}/results?kind=department`)).json, []);
});

test('the demo year 2024 is published with last year compared, and 2025 is open', async () => {
  const r = await req('GET', '/api/v1/public/index/2024/results?kind=department');
  assert.equal(r.status, 200);
  assert.ok(r.json.length >= 15);
  for (let i = 1; i < r.json.length; i++) assert.ok(r.json[i - 1].total >= r.json[i].total);
  assert.ok(r.json.every((x) => x.max === 100 && x.areas.length === 4 && x.total <= 100));
  assertProblem(await req('GET', '/api/v1/public/index/2025/results?kind=department'), 404);
  const stp = await unitByCode('STP');
  const a = await as('stp.daumoi', 'GET', `/api/v1/index/2024/assessments/${stp.id}`);
  assert.equal(a.status, 200);
  assert.equal(a.json.status, 'final');
  const sys = node(a.json, '2.1').system;
  assert.equal(sys.metric, 'ontime_rate');
  assert.ok(sys.denominator >= sys.numerator);
});
