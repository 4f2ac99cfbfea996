// Plan import fidelity (issue 20): a plan written in another province's style — aliases defined in
// its prose ("sau đây gọi tắt là ..."), the abbreviations plans use, and timelines of the newer forms
// ("Quý II-2024", "quý 3 năm 2024", "Thường xuyên trong năm 2024", dates without a year, a month range
// across the new year) — previews with the right unit of every cell and the right dates of every row.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { req, login, assertProblem } from '../lib/api.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOC = readFileSync(join(resolve(HERE, '../fixtures'), 'import_variants/other_province_aliases_2024.txt'), 'utf8');
const U = {};
let admin, vp, xa11;

before(async () => {
  admin = await login('admin');
  [vp, xa11] = await Promise.all(['vp.kstt', 'xa11.daumoi'].map((u) => login(u)));
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  for (const u of r.json.items) U[u.code] = u;
});

const preview = (body, token = vp) => req('POST', '/api/v1/plans/import/preview', { token, body });
const tasks = (p) => p.sections.flatMap((s) => s.tasks.map((t) => ({ sec: s.number, ...t })));
/** A unit list as "text=unit code|group[*]", * when the document's alias resolved it. */
function units(list) {
  const code = (id) => Object.values(U).find((u) => u.id === id)?.code ?? `#${id}`;
  return list.map((u) => `${u.text}=${u.unit_id != null ? code(u.unit_id) : u.group ?? 'null'}${u.alias_of ? '*' : ''}`);
}

// Written by reading the fixture: section, number, lead, coop, timeline kind, start, due.
const EXPECTED = [
  ['I', '1', ['Văn phòng=VP*'], ['Các sở, ban, ngành=departments', 'các huyện, thành phố=districts'], 'date', null, '2024-03-15'],
  ['I', '2', ['Văn phòng=VP*'], ['Sở Nội vụ=SNV'], 'quarter', '2024-04-01', '2024-06-30'],
  ['II', '1', ['Sở KH&ĐT=SKHDT'], ['BQL=BQLKCN*', 'Trung tâm=TTPVHCC*'], 'quarter', '2024-07-01', '2024-09-30'],
  ['II', '2', ['Sở TTTT=STTTT*'], ['VP UBND tỉnh=VP'], 'continuous', '2024-01-01', '2024-12-31'],
  ['II', '3', ['Sở LĐTB&XH=SLDTBXH'], ['UBND các xã, phường, thị trấn=communes'], 'quarter', '2024-01-01', '2024-06-30'],
  ['II', '4', ['Sở NN&PTNT=SNNPTNT', 'Sở TN&MT=STNMT'], ['UBND cấp huyện=districts'], 'range', '2024-11-01', '2025-02-28'],
  ['III', '1', ['Văn phòng=VP*'], ['Sở GD&ĐT=SGDDT', 'Sở GTVT=SGTVT'], 'month', '2024-06-01', '2024-06-30'],
  ['III', '2', ['Trung tâm=TTPVHCC*'], ['Văn phòng=VP*'], 'month', '2024-10-01', '2024-10-31'],
  ['III', '3', ['Văn phòng=VP*'], [], 'unknown', null, null],
];

test('preview: every row of a plan in another style has the right units and timeline', async () => {
  const r = await preview({ text: DOC, year: 2024, unit_id: U.NDH.id });
  assert.equal(r.status, 200, r.text);
  const got = tasks(r.json);
  assert.equal(got.length, EXPECTED.length, JSON.stringify(got.map((t) => [t.sec, t.number])));
  const bad = [];
  EXPECTED.forEach(([sec, num, lead, coop, kind, start, due], i) => {
    const t = got[i];
    const row = [t.sec, t.number, units(t.lead), units(t.coop), t.timeline.kind, t.timeline.start ?? null, t.timeline.due ?? null];
    const want = [sec, num, lead, coop, kind, start, due];
    if (JSON.stringify(row) !== JSON.stringify(want)) bad.push(`row ${i + 1}\n  expected ${JSON.stringify(want)}\n  got      ${JSON.stringify(row)}`);
  });
  assert.deepEqual(bad, [], bad.join('\n'));
  // A unit found through an alias says so: the name it stands for and a note.
  const bql = got[2].coop[0];
  assert.equal(bql.alias_of, 'Ban Quản lý các khu công nghiệp tỉnh');
  assert.match(bql.note, /tên gọi tắt trong văn bản/);
  assert.equal(got[0].lead[0].alias_of, 'Văn phòng Ủy ban nhân dân tỉnh');
  // A unit resolved as written has neither.
  assert.equal(got[2].lead[0].alias_of, undefined);
  assert.equal(got[2].lead[0].note, undefined);
  // Only the unclear timeline is sent to the person, with the reason; every unit is resolved.
  assert.deepEqual(r.json.warnings.map((w) => w.where), ['Mục III, nhiệm vụ 3']);
  assert.match(r.json.warnings[0].message, /Thời gian thực hiện chưa rõ.*giữa năm/);
  assert.equal(got[8].timeline.text, 'Giữa năm 2024');
});

test('preview: without the prose that defines them, the short names are flagged, not guessed', async () => {
  const table = DOC.slice(DOC.indexOf('II. NỘI DUNG'));
  const r = await preview({ text: table, year: 2024, unit_id: U.NDH.id });
  assert.equal(r.status, 200, r.text);
  const got = tasks(r.json);
  const bql = got.find((t) => t.sec === 'II' && t.number === '1').coop;
  assert.ok(bql.length >= 1);
  for (const u of bql) {
    assert.deepEqual([u.unit_id, u.group], [null, null], JSON.stringify(u));
    assert.ok(r.json.warnings.some((w) => w.where === 'Mục II, nhiệm vụ 1' && w.message.includes(`"${u.text}"`)), `a warning for ${u.text}`);
  }
  const lead = got.find((t) => t.sec === 'I' && t.number === '1').lead;
  assert.deepEqual(lead.map((u) => [u.text, u.unit_id]), [['Văn phòng', null]]);
  assert.ok(r.json.warnings.some((w) => w.where === 'Mục I, nhiệm vụ 1' && w.message.includes('"Văn phòng"')));
  // Abbreviations every plan uses still resolve without any definition.
  const ii4 = got.find((t) => t.sec === 'II' && t.number === '4');
  assert.deepEqual(units(ii4.lead), ['Sở NN&PTNT=SNNPTNT', 'Sở TN&MT=STNMT']);
  for (const t of got) for (const u of [...t.lead, ...t.coop]) assert.equal(u.alias_of, undefined);
});

test('preview: the same document as HTML (tags and entities in the prose) finds the same aliases', async () => {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const lines = DOC.split('\n');
  const head = lines.slice(0, lines.indexOf('II. NỘI DUNG')).map((l) => `<p>${esc(l).replace('(sau đây gọi tắt là BQL)', '(<i>sau đây gọi tắt là</i> BQL)')}</p>`);
  const rows = lines.filter((l) => l.includes('\t')).map((l) => `<tr>${l.split('\t').map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
  const html = `${head.join('')}<p>II. NỘI DUNG</p><table>${rows.join('')}</table>`;
  const r = await preview({ html, year: 2024, unit_id: U.NDH.id });
  assert.equal(r.status, 200, r.text);
  const got = tasks(r.json);
  const ii1 = got.find((t) => t.sec === 'II' && t.number === '1');
  assert.deepEqual(units(ii1.coop), ['BQL=BQLKCN*', 'Trung tâm=TTPVHCC*']);
  assert.deepEqual(units(ii1.lead), ['Sở KH&ĐT=SKHDT']);
  assert.equal(got.find((t) => t.sec === 'II' && t.number === '4').timeline.due, '2025-02-28');
});

test('preview: validation and scope are those of the import', async () => {
  let r = await preview({ text: DOC, year: 1999, unit_id: U.NDH.id });
  assertProblem(r, 422, 'year');
  // A commune's focal point cannot preview a plan for the province.
  r = await preview({ text: DOC, year: 2024, unit_id: U.NDH.id }, xa11);
  assert.ok([403, 422].includes(r.status), r.text);
  if (r.status === 422) assertProblem(r, 422, 'unit_id');
  r = await preview({ text: DOC, year: 2024, unit_id: U.NDH.id }, null);
  assert.equal(r.status, 401);
});
