// The satisfaction survey (SIPAS, issue 19 part 2): the survey kept by Sở Nội vụ (checks with the
// field of each error, draft -> open -> closed), one-time links (tokens shown once, counts only
// afterwards), the public answer once by a link, paper entry by the appraiser, results scoped by
// unit and checked against a computation of their own, public results only once closed, no
// personal data anywhere, and the reform index's sipas_index criterion filling itself. Each run
// takes a fresh year, so it can run again on the same database.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem, unitByCode } from '../lib/api.mjs';

const T = {};
const as = async (who, method, path, body) => req(method, path, { token: T[who] || (T[who] = await login(who)), body });

const QUESTIONS = [
  { code: 'A1', group: 'access', text: 'Nơi ngồi chờ đủ chỗ' },
  { code: 'B1', group: 'procedures', text: 'Thủ tục công khai' },
  { code: 'C1', group: 'officials', text: 'Thái độ của công chức' },
  { code: 'D1', group: 'results', text: 'Kết quả đúng hạn' },
];
const SCALE = {
  choices: [1, 2, 3, 4, 5].map((score) => ({ score, label: ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'][score - 1] })),
  satisfied: [4, 5],
};

let Y, STP, H01, H02, H03;
const survey = () => ({ title: `Khảo sát sự hài lòng năm ${Y}`, period_from: `${Y}-03-01`, period_to: `${Y}-10-31`, questions: QUESTIONS, scale: SCALE, unit_ids: [STP.id, H01.id, H02.id] });
const S = `/api/v1/sipas`;

// The figures the API should give, computed here: hundredths rounded half up.
const half = (num, scale, den) => Math.floor((num * scale * 2 + den) / (den * 2)) / 100;
function figures(answers) {
  const count = answers.length, sum = answers.reduce((a, s) => a + s, 0), sat = answers.filter((s) => s >= 4).length;
  return count ? { count, mean: half(sum, 100, count), satisfied_share: half(sat, 10000, count), satisfied: sat } : { count: 0, mean: null, satisfied_share: null, satisfied: 0 };
}

before(async () => {
  [STP, H01, H02, H03] = await Promise.all(['STP', 'H01', 'H02', 'H03'].map(unitByCode));
  // a year with neither a survey nor an index tree (from 2089 down: the index tests take theirs
  // from 2100 down, the matrix from 2030 up)
  for (let y = 2089; y >= 2031 && !Y; y--) {
    const s = await as('admin', 'GET', `${S}/${y}/survey`);
    const c = await as('admin', 'GET', `/api/v1/index/${y}/criteria?kind=district`);
    if (s.status === 404 && c.json.criteria.length === 0 && !c.json.locked) Y = y;
  }
  assert.ok(Y, 'a free year');
});

test('survey: checked with the field of each error, kept by Sở Nội vụ only, read by everyone', async () => {
  const bad = survey();
  bad.questions = [...QUESTIONS, { code: 'A1', group: 'khac', text: '' }];
  bad.scale = { choices: [{ score: 1, label: 'Kém' }, { score: 1, label: 'Tốt' }], satisfied: [1] };
  bad.unit_ids = [STP.id, 99999999];
  bad.period_to = `${Y}-01-01`;
  let r = await as('snv.cchc', 'PUT', `${S}/${Y}/survey`, bad);
  assertProblem(r, 422, 'questions[4].code');
  for (const f of ['questions[4].group', 'questions[4].text', 'scale.choices[1].score', 'unit_ids[1]', 'period_to']) assert.ok(r.json.errors.some((e) => e.field === f), `${f}: ${r.text}`);
  assert.ok(r.json.errors.every((e) => /[à-ỹ]/.test(e.message)), 'Vietnamese messages');
  // a commune is not surveyed; every scale level satisfied says nothing
  const x = await unitByCode('X0101');
  assertProblem(await as('snv.cchc', 'PUT', `${S}/${Y}/survey`, { ...survey(), unit_ids: [x.id] }), 422, 'unit_ids[0]');
  assertProblem(await as('snv.cchc', 'PUT', `${S}/${Y}/survey`, { ...survey(), scale: { ...SCALE, satisfied: [1, 2, 3, 4, 5] } }), 422, 'scale.satisfied');
  assertProblem(await as('snv.cchc', 'PUT', `${S}/${Y}/survey`, { ...survey(), title: undefined }), 422, 'title');
  assertProblem(await as('snv.cchc', 'PUT', `${S}/1999/survey`, survey()), 404);
  for (const who of ['vp.kstt', 'lanhdao.tinh', 'huyen1.lanhdao', 'stp.daumoi']) assertProblem(await as(who, 'PUT', `${S}/${Y}/survey`, survey()), 403);
  assertProblem(await as('huyen1.daumoi', 'GET', `${S}/${Y}/survey`), 404);
  r = await as('snv.cchc', 'PUT', `${S}/${Y}/survey`, survey());
  assert.equal(r.status, 200, r.text);
  // a draft may be edited again: one unit less, then back
  r = await as('admin', 'PUT', `${S}/${Y}/survey`, { ...survey(), unit_ids: [H01.id] });
  assert.deepEqual(r.json.units.map((u) => u.id), [H01.id]);
  r = await as('snv.cchc', 'PUT', `${S}/${Y}/survey`, survey());
  r = await as('huyen1.daumoi', 'GET', `${S}/${Y}/survey`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'draft');
  assert.equal(r.json.period_from, `${Y}-03-01`);
  assert.deepEqual(r.json.questions, QUESTIONS);
  assert.deepEqual(r.json.scale, SCALE);
  assert.deepEqual(r.json.units.map((u) => u.id).sort((a, b) => a - b), [STP.id, H01.id, H02.id].sort((a, b) => a - b));
  assert.deepEqual(r.json.groups.map((g) => g.code), ['access', 'procedures', 'officials', 'results', 'feedback']);
});

let tokens = [];
test('open, links: issued while open, shown once, counted per unit in scope', async () => {
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/links`, { unit_id: H01.id, count: 2 }), 409);
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/survey/close`), 409);
  assertProblem(await as('huyen1.lanhdao', 'POST', `${S}/${Y}/survey/open`), 403);
  let r = await as('snv.cchc', 'POST', `${S}/${Y}/survey/open`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'open');
  assert.ok(r.json.opened_at);
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/survey/open`), 409);
  assertProblem(await as('snv.cchc', 'PUT', `${S}/${Y}/survey`, survey()), 409);

  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/links`, { unit_id: H03.id, count: 2 }), 422, 'unit_id');
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/links`, { unit_id: H01.id, count: 0 }), 422, 'count');
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/links`, { unit_id: H01.id, count: 201 }), 422, 'count');
  assertProblem(await as('huyen1.lanhdao', 'POST', `${S}/${Y}/links`, { unit_id: H01.id, count: 2 }), 403);
  r = await as('snv.cchc', 'POST', `${S}/${Y}/links`, { unit_id: H01.id, count: 3 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.unit_id, H01.id);
  assert.equal(r.json.links.length, 3);
  tokens = r.json.links.map((l) => l.token);
  assert.equal(new Set(tokens).size, 3);
  for (const l of r.json.links) assert.equal(l.url, `/khao-sat/${l.token}`);
  r = await as('snv.cchc', 'POST', `${S}/${Y}/links`, { unit_id: H02.id, count: 1 });
  assert.equal(r.status, 201, r.text);

  // counts only, never a token
  r = await as('admin', 'GET', `${S}/${Y}/links`);
  assert.equal(r.status, 200, r.text);
  const by = Object.fromEntries(r.json.map((x) => [x.unit_id, x]));
  assert.deepEqual([by[H01.id].issued, by[H01.id].used, by[H02.id].issued, by[STP.id].issued], [3, 0, 1, 0]);
  assert.ok(!tokens.some((t) => r.text.includes(t)), 'no token in the counts');
  r = await as('huyen1.daumoi', 'GET', `${S}/${Y}/links`);
  assert.deepEqual(r.json.map((x) => x.unit_id), [H01.id]);
  r = await as('stp.daumoi', 'GET', `${S}/${Y}/links`);
  assert.deepEqual(r.json.map((x) => x.unit_id), [STP.id]);
  r = await as('snv.cchc', 'GET', `${S}/${Y}/links?unit_id=${H02.id}`);
  assert.deepEqual(r.json.map((x) => x.unit_id), [H02.id]);
  assertProblem(await as('huyen1.daumoi', 'GET', `${S}/${Y}/links?unit_id=${H02.id}`), 404);
});

const online = [5, 4, 2, 3]; // the citizen's answers to A1, B1, C1, D1
const paper = [4, 4, 5]; // a paper form for H02: A1, B1, D1 (C1 left blank)
test('public answer: by a one-time link, once; nothing about the respondent kept', async () => {
  let r = await req('GET', `/api/v1/public/sipas/${tokens[0]}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.unit_name, H01.name);
  assert.equal(r.json.year, Y);
  assert.deepEqual(r.json.questions, QUESTIONS);
  assert.deepEqual(r.json.scale, SCALE);
  assert.ok(!('unit_id' in r.json) && !('id' in r.json));
  assertProblem(await req('GET', `/api/v1/public/sipas/khongcomaguinaydauthatday`), 404);
  assertProblem(await req('GET', `/api/v1/public/sipas/x`), 404);

  r = await req('POST', `/api/v1/public/sipas/${tokens[0]}`, { body: { answers: [{ code: 'A1', score: 6 }, { code: 'Z9', score: 3 }] } });
  assertProblem(r, 422, 'answers[0].score');
  assert.ok(r.json.errors.some((e) => e.field === 'answers[1].code'));
  assert.ok(r.json.errors.every((e) => /[à-ỹ]/.test(e.message)));
  assertProblem(await req('POST', `/api/v1/public/sipas/${tokens[0]}`, { body: { answers: [] } }), 422, 'answers');
  assertProblem(await req('POST', `/api/v1/public/sipas/${tokens[0]}`, { body: {} }), 422, 'answers');
  const answers = QUESTIONS.map((q, i) => ({ code: q.code, score: online[i] }));
  r = await req('POST', `/api/v1/public/sipas/${tokens[0]}`, { body: { answers } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.received, true);
  // once
  assertProblem(await req('POST', `/api/v1/public/sipas/${tokens[0]}`, { body: { answers } }), 409);
  assertProblem(await req('GET', `/api/v1/public/sipas/${tokens[0]}`), 404);
  r = await as('admin', 'GET', `${S}/${Y}/links?unit_id=${H01.id}`);
  assert.deepEqual([r.json[0].issued, r.json[0].used], [3, 1]);
});

test('paper entry: by Sở Nội vụ while open, recorded with who typed it', async () => {
  const answers = [{ code: 'A1', score: paper[0] }, { code: 'B1', score: paper[1] }, { code: 'D1', score: paper[2] }];
  for (const who of ['huyen1.lanhdao', 'vp.kstt', 'stp.daumoi']) assertProblem(await as(who, 'POST', `${S}/${Y}/responses`, { unit_id: H02.id, answers }), 403);
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/responses`, { unit_id: H03.id, answers }), 422, 'unit_id');
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/responses`, { unit_id: H02.id, answers: [{ code: 'A1', score: 4 }, { code: 'A1', score: 5 }] }), 422, 'answers[1].code');
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/responses`, { unit_id: H02.id }), 422, 'answers');
  assertProblem(await as('snv.cchc', 'POST', `/api/v1/sipas/1999/responses`, { unit_id: H02.id, answers }), 404);
  const r = await as('snv.cchc', 'POST', `${S}/${Y}/responses`, { unit_id: H02.id, answers });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.channel, 'paper');
  assert.equal(r.json.unit_id, H02.id);
  const me = await as('snv.cchc', 'GET', '/api/v1/auth/me');
  assert.equal(r.json.entered_by, me.json.user.id);
});

function expected() {
  const h01 = figures(online), h02 = figures(paper), all = figures([...online, ...paper]);
  return { h01, h02, all };
}

test('results: scoped by unit, figures as computed here, the public ones only once closed', async () => {
  const E = expected();
  let r = await as('admin', 'GET', `${S}/${Y}/results`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.responses, 2);
  assert.equal(r.json.count, E.all.count);
  assert.equal(r.json.satisfied, E.all.satisfied);
  assert.equal(r.json.index, E.all.satisfied_share);
  assert.equal(r.json.mean, E.all.mean);
  const units = Object.fromEntries(r.json.units.map((u) => [u.unit_id, u]));
  assert.deepEqual(Object.keys(units).map(Number).sort((a, b) => a - b), [STP.id, H01.id, H02.id].sort((a, b) => a - b));
  for (const [id, e, n] of [[H01.id, E.h01, 1], [H02.id, E.h02, 1], [STP.id, figures([]), 0]]) {
    assert.equal(units[id].responses, n);
    assert.equal(units[id].count, e.count);
    assert.equal(units[id].index, e.satisfied_share);
    assert.equal(units[id].mean, e.mean);
  }
  // per question: C1 answered once (2, not satisfied), A1 twice (5 and 4)
  const q = Object.fromEntries(r.json.questions.map((x) => [x.code, x]));
  assert.deepEqual([q.A1.count, q.A1.mean, q.A1.satisfied_share], [2, 4.5, 100]);
  assert.deepEqual([q.C1.count, q.C1.mean, q.C1.satisfied_share], [1, 2, 0]);
  assert.equal(q.D1.text, 'Kết quả đúng hạn');
  const g = Object.fromEntries(r.json.groups.map((x) => [x.group, x]));
  assert.equal(g.procedures.count, 2);
  assert.equal(g.feedback, undefined); // no question of that group
  const h01q = Object.fromEntries(units[H01.id].questions.map((x) => [x.code, x]));
  assert.deepEqual([h01q.C1.count, h01q.C1.mean], [1, 2]);

  // a district sees its own unit only; the figures are its own
  r = await as('huyen1.daumoi', 'GET', `${S}/${Y}/results`);
  assert.deepEqual(r.json.units.map((u) => u.unit_id), [H01.id]);
  assert.equal(r.json.index, E.h01.satisfied_share);
  r = await as('stp.daumoi', 'GET', `${S}/${Y}/results`);
  assert.deepEqual(r.json.units.map((u) => u.unit_id), [STP.id]);
  assert.equal(r.json.index, null);
  assertProblem(await as('huyen1.daumoi', 'GET', `${S}/${Y}/results?unit_id=${H02.id}`), 404);
  r = await as('snv.cchc', 'GET', `${S}/${Y}/results?unit_id=${H02.id}`);
  assert.deepEqual(r.json.units.map((u) => u.unit_id), [H02.id]);
  r = await as('lanhdao.tinh', 'GET', `${S}/${Y}/results`);
  assert.equal(r.json.units.length, 3);
  assertProblem(await as('admin', 'GET', `${S}/1999/results`), 404);

  // public: only once closed
  assertProblem(await req('GET', `/api/v1/public/sipas/${Y}/results`), 404);
  assertProblem(await as('huyen1.lanhdao', 'POST', `${S}/${Y}/survey/close`), 403);
  r = await as('snv.cchc', 'POST', `${S}/${Y}/survey/close`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'closed');
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/survey/close`), 409);
  // a closed survey takes no more answers, links or paper forms
  assertProblem(await req('GET', `/api/v1/public/sipas/${tokens[1]}`), 404);
  assertProblem(await req('POST', `/api/v1/public/sipas/${tokens[1]}`, { body: { answers: [{ code: 'A1', score: 5 }] } }), 404);
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/links`, { unit_id: H01.id, count: 1 }), 409);
  assertProblem(await as('snv.cchc', 'POST', `${S}/${Y}/responses`, { unit_id: H01.id, answers: [{ code: 'A1', score: 5 }] }), 409);
  r = await req('GET', `/api/v1/public/sipas/${Y}/results`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.index, E.all.satisfied_share);
  assert.equal(r.json.units.length, 3);
  // no personal data: no person, token, address or typist in any answer
  const me = await as('snv.cchc', 'GET', '/api/v1/auth/me');
  for (const text of [r.text, (await as('admin', 'GET', `${S}/${Y}/results`)).text]) {
    assert.ok(!/entered_by|token|remote|"ip"|phone|email|username/.test(text), text.slice(0, 200));
    assert.ok(!text.includes(me.json.user.full_name), 'no officer name');
    assert.ok(!tokens.some((t) => text.includes(t)));
  }
});

test('demo: the closed 2025 survey is public with its figures', async () => {
  const r = await req('GET', '/api/v1/public/sipas/2025/results');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.responses > 0 && r.json.units.length > 0);
  const sum = r.json.units.reduce((a, u) => a + u.count, 0), sat = r.json.units.reduce((a, u) => a + u.satisfied, 0);
  assert.equal(r.json.count, sum);
  assert.equal(r.json.index, half(sat, 10000, sum));
  // the demo index tree's 4.3 reads the same figure for a surveyed unit of 2025
  const u = r.json.units.find((x) => x.count > 0);
  const a = await as('admin', 'GET', `/api/v1/index/2025/assessments/${u.unit_id}`);
  assert.equal(a.status, 200, a.text);
  const sys = a.json.criteria.find((c) => c.code === '4.3').system;
  assert.deepEqual([sys.metric, sys.numerator, sys.denominator, sys.value], ['sipas_index', u.satisfied, u.count, u.index]);
});

test('reform index: a system criterion with metric sipas_index fills itself from the survey', async () => {
  const tree = [
    { code: '1', name: 'Sự hài lòng', max: 10 },
    { code: '1.1', name: 'Chỉ số hài lòng SIPAS', max: 10, method: 'ratio', source: 'system', params: { threshold: 100, metric: 'sipas_index' } },
  ];
  let r = await as('snv.cchc', 'PUT', `/api/v1/index/${Y}/criteria?kind=district`, tree);
  assert.equal(r.status, 200, r.text);
  r = await as('huyen1.lanhdao', 'GET', `/api/v1/index/${Y}/assessments/${H01.id}`);
  assert.equal(r.status, 200, r.text);
  const leaf = r.json.criteria.find((c) => c.code === '1.1');
  const e = figures(online);
  assert.equal(leaf.system.metric, 'sipas_index');
  assert.equal(leaf.system.numerator, e.satisfied);
  assert.equal(leaf.system.denominator, e.count);
  assert.equal(leaf.system.value, e.satisfied_share);
  // ratio up to 100 %: points = 10 x share
  assert.equal(leaf.self_points, Math.round(e.satisfied_share * 10) / 100);
  // a unit without answers: no figure
  r = await as('admin', 'GET', `/api/v1/index/${Y}/assessments/${H03.id}`);
  assert.equal(r.json.criteria.find((c) => c.code === '1.1').system.value, null);
});
