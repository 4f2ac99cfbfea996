// Plan import (issue 5): preview of a pasted table (text or HTML) against the expected_*.txt fixtures
// written by reading the documents, warnings for unresolved units, speed on a 2 MB paste, malformed
// input, and saving the reviewed preview as a draft plan in one transaction.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { req, login, assertProblem } from '../lib/api.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIX = resolve(HERE, '../fixtures');
const fixture = (name) => readFileSync(join(FIX, name), 'utf8');
const rand = () => randomBytes(4).toString('hex');
const U = {};
let admin, vp, h1lead, xa11, xa21, viewer;

before(async () => {
  admin = await login('admin');
  [vp, h1lead, xa11, xa21] = await Promise.all(['vp.kstt', 'huyen1.lanhdao', 'xa11.daumoi', 'xa21.daumoi'].map((u) => login(u)));
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  for (const u of r.json.items) U[u.code] = u;
  const username = `h10.viewer.${rand()}`;
  const password = `Pw@${rand()}Zz9`;
  const c = await req('POST', '/api/v1/users', { token: admin, body: { username, full_name: 'Người Xem Thử', unit_id: U.H01.id, role: 'viewer', password } });
  assert.equal(c.status, 201, c.text);
  viewer = await login(username, password);
});

// ---- the expected files --------------------------------------------------------------------------
/** expected_*.txt -> {title, records: [{kind: 'S'|'t', depth, number, title, output, lead, coop, timeline}]} */
function parseExpected(name) {
  const out = { title: null, records: [] };
  for (const raw of fixture(name).split('\n')) {
    let depth = 0;
    while (raw.startsWith('  '.repeat(depth + 1))) depth++;
    const line = raw.slice(depth * 2);
    if (!line || line.startsWith('#')) continue;
    const [kind, ...f] = line.split('|').map((x) => x.replace(/\\n/g, '\n'));
    if (kind === 'title') out.title = f[0];
    else if (kind === 'section') out.records.push({ kind: 'S', depth: 0, number: f[0], title: f[1] });
    else if (kind === 'task') out.records.push({ kind: 't', depth, number: f[0], title: f[1], output: f[2], lead: f[3], coop: f[4], timeline: f[5] });
    else throw new Error(`${name}: unknown record ${kind}`);
  }
  return out;
}
/** A preview flattened the same way. */
function flatten(preview) {
  const recs = [];
  const task = (t, depth) => {
    recs.push({ kind: 't', depth, number: t.number ?? '-', title: t.title, output: t.output ?? '', lead: t.lead, coop: t.coop, timeline: t.timeline?.text ?? '' });
    for (const c of t.children || []) task(c, depth + 1);
  };
  for (const s of preview.sections) {
    recs.push({ kind: 'S', depth: 0, number: s.number ?? '-', title: s.title });
    for (const t of s.tasks) task(t, 0);
  }
  return recs;
}
const counts = (recs) => ({
  sections: recs.filter((r) => r.kind === 'S').length,
  tasks: recs.filter((r) => r.kind === 't').length,
  subitems: recs.filter((r) => r.kind === 't' && r.depth > 0).length,
});
/** Expected text: exact, or a prefix when it ends with "…". */
function fieldOk(exp, got) {
  if (exp.endsWith('…')) return got.startsWith(exp.slice(0, -1));
  return exp === got;
}
const words = (s) => s.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}&]+/u).filter(Boolean);
/** The units of a cell: a non-empty cell gives units, and every word of a unit comes from the cell
 * (the splitter may complete elliptical lists: "UBND cấp huyện, xã" -> "UBND cấp xã"). */
function unitsOk(cell, units) {
  if (!cell) return units.length === 0;
  if (units.length === 0) return false;
  const c = new Set(words(cell));
  return units.every((u) => words(u.text).length > 0 && words(u.text).every((w) => c.has(w)));
}
function compare(name, preview, { withTitle = true } = {}) {
  const exp = parseExpected(name);
  const got = flatten(preview);
  if (withTitle) assert.equal(preview.title, exp.title, `${name}: title`);
  assert.deepEqual(counts(got), counts(exp.records), `${name}: sections / tasks / sub-items`);
  const bad = [];
  exp.records.forEach((e, i) => {
    const g = got[i];
    const where = `${name} record ${i + 1} (${e.kind} ${e.number} ${e.title.slice(0, 30)})`;
    if (g.kind !== e.kind || g.depth !== e.depth) return bad.push(`${where}: kind/depth ${g.kind}/${g.depth}`);
    for (const f of e.kind === 'S' ? ['number', 'title'] : ['number', 'title', 'output', 'timeline']) {
      if (!fieldOk(e[f], g[f])) bad.push(`${where}: ${f}\n   expected [${e[f]}]\n   got      [${g[f]}]`);
    }
    if (e.kind === 't') {
      for (const f of ['lead', 'coop']) if (!unitsOk(e[f], g[f])) bad.push(`${where}: ${f} [${e[f]}] -> ${JSON.stringify(g[f].map((u) => u.text))}`);
    }
  });
  assert.deepEqual(bad, [], bad.join('\n'));
}

/** The table part of a seed document: from its first header row to the prose after the table. */
function tablePart(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\t?(STT|Số TT)\s*(\t|$)/.test(l));
  assert.ok(start >= 0, 'a header row');
  let end = lines.findIndex((l, i) => i > start && /^(#{1,4} |\*\*UBND |III\. KINH PHÍ)/.test(l));
  if (end < 0) end = lines.length;
  return lines.slice(start, end).join('\n');
}

const preview = (body, token = vp) => req('POST', '/api/v1/plans/import/preview', { token, body });

// ---- the three seeds -----------------------------------------------------------------------------
for (const [seed, expected, year] of [
  ['plan_namdinh_2023.txt', 'expected_namdinh_2023.txt', 2023],
  ['plan_nghean_2023.txt', 'expected_nghean_2023.txt', 2023],
  ['plan_tiengiang_2022.txt', 'expected_tiengiang_2022.txt', 2022],
]) {
  test(`preview: the table part of ${seed} gives every section, task and sub-item of ${expected}`, async (t) => {
    const r = await preview({ text: tablePart(fixture(seed)), year, unit_id: U.NDH.id });
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.json.warnings));
    compare(expected, r.json, { withTitle: false });
    const c = counts(flatten(r.json));
    t.diagnostic(`${seed}: ${c.sections} sections, ${c.tasks} tasks (${c.subitems} sub-items), ${r.json.warnings.length} warnings`);
    // Timelines are parsed with the plan year.
    for (const rec of flatten(r.json).filter((x) => x.kind === 't')) {
      const tl = r.json.sections.flatMap((s) => s.tasks).find((x) => x.title === rec.title)?.timeline;
      if (tl && tl.due) assert.match(tl.due, /^\d{4}-\d{2}-\d{2}$/);
    }
  });
  test(`preview: the whole document ${seed} as pasted, title included`, async () => {
    const r = await preview({ text: fixture(seed), year, unit_id: U.NDH.id });
    assert.equal(r.status, 200, r.text);
    compare(expected, r.json);
  });
}

test('preview: units resolve against the unit tree; what cannot be resolved is flagged, not guessed', async () => {
  // Nam Định's own plan: its units are all known (or groups).
  let r = await preview({ text: tablePart(fixture('plan_namdinh_2023.txt')), year: 2023, unit_id: U.NDH.id });
  const tasks = (p) => p.sections.flatMap((s) => s.tasks.flatMap((t) => [t, ...t.children]));
  const nd = tasks(r.json);
  const t1 = nd[0];
  assert.deepEqual(t1.lead.map((u) => u.group), ['departments', 'districts']);
  assert.ok(nd.some((t) => t.lead.some((u) => u.unit_id === U.VP.id)), 'Văn phòng UBND tỉnh resolved');
  assert.ok(nd.some((t) => t.coop.some((u) => u.unit_id === U.STP.id)), 'Sở Tư pháp resolved');
  assert.ok(nd.some((t) => t.lead.some((u) => u.group === 'communes')), 'UBND cấp xã is a group');
  assert.ok(nd.some((t) => t.coop.some((u) => u.group === 'related')), 'các cơ quan có liên quan');
  // The time column: "Thường xuyên" is continuous, "Quý I/2023" a quarter, an empty cell flagged.
  assert.equal(nd.find((t) => t.timeline.text === 'Quý I/2023').timeline.due, '2023-03-31');
  assert.equal(nd.find((t) => t.timeline.text === 'Thường xuyên').timeline.kind, 'continuous');
  assert.ok(r.json.warnings.some((w) => /Mục V, nhiệm vụ 1/.test(w.where) && /thời gian/i.test(w.message)));
  for (const w of r.json.warnings) {
    assert.equal(typeof w.where, 'string');
    assert.ok(w.message.length > 5);
  }
  // Nghệ An's plan names units Nam Định does not have: each is flagged with its text.
  r = await preview({ text: tablePart(fixture('plan_nghean_2023.txt')), year: 2023, unit_id: U.NDH.id });
  assert.equal(r.status, 200, r.text);
  const na = tasks(r.json);
  const units = na.flatMap((t) => [...t.lead, ...t.coop]);
  const unresolved = units.filter((u) => u.unit_id == null && u.group == null);
  assert.ok(unresolved.some((u) => /Báo Nghệ An/.test(u.text)), JSON.stringify(unresolved.slice(0, 5)));
  for (const u of unresolved) {
    assert.ok(r.json.warnings.some((w) => w.message.includes(`"${u.text}"`)), `warning for ${u.text}`);
  }
  const w = r.json.warnings.find((x) => x.message.includes('Báo Nghệ An'));
  assert.match(w.where, /^Mục I, nhiệm vụ 2$/);
  assert.match(w.message, /Chưa xác định được đơn vị phối hợp/);
  // Known units by their abbreviations still resolve in another province's plan.
  assert.ok(na.some((t) => t.lead.some((u) => u.unit_id === U.VP.id)));
  // UNIT = {text, unit_id: int|null, group: str|null}: every key present, also when null.
  for (const u of units) assert.deepEqual(Object.keys(u).sort(), ['group', 'text', 'unit_id'], JSON.stringify(u));
});

// ---- variants, HTML --------------------------------------------------------------------------------
test('preview: HTML of the table (as from a .docx converted in the browser) works', async () => {
  let r = await preview({ html: fixture('import_variants/namdinh_table.html'), year: 2023, unit_id: U.NDH.id });
  assert.equal(r.status, 200, r.text);
  compare('expected_variant_namdinh_html.txt', r.json, { withTitle: false });
  r = await preview({ html: fixture('import_variants/district_prose.html'), year: 2023, unit_id: U.H02.id });
  assert.equal(r.status, 200, r.text);
  compare('expected_variant_district_prose.txt', r.json, { withTitle: false });
  // HTML pasted into the text box is recognised too.
  r = await preview({ text: fixture('import_variants/namdinh_table.html'), year: 2023, unit_id: U.NDH.id });
  assert.equal(r.status, 200, r.text);
  compare('expected_variant_namdinh_html.txt', r.json, { withTitle: false });
});

test('preview: hand-made variants (columns reordered, no diacritics, prose sections) import', async () => {
  for (const [file, expected] of [
    ['import_variants/columns_reordered.txt', 'expected_variant_columns_reordered.txt'],
    ['import_variants/namdinh_no_diacritics.txt', 'expected_variant_namdinh_no_diacritics.txt'],
    ['import_variants/district_prose.txt', 'expected_variant_district_prose.txt'],
  ]) {
    const r = await preview({ text: fixture(file), year: 2023, unit_id: U.NDH.id });
    assert.equal(r.status, 200, `${file}: ${r.text}`);
    compare(expected, r.json, { withTitle: false });
  }
});

// ---- size and speed -------------------------------------------------------------------------------
function bigTable(bytes) {
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
  const lines = ['STT\tNhiệm vụ\tKết quả công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện'];
  let size = 0, s = 0, n = 0;
  while (size < bytes) {
    if (n % 50 === 0) {
      const l = `${roman[s % 12]}\tNHÓM NHIỆM VỤ SỐ ${s + 1} VỀ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH\t\t\t\t`;
      lines.push(l);
      size += Buffer.byteLength(l) + 1;
      s++;
    }
    n++;
    const l = `${(n % 50) + 1}\tTriển khai thực hiện rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý, nhiệm vụ số ${n}, bảo đảm đúng tiến độ\tBáo cáo kết quả thực hiện gửi Văn phòng UBND tỉnh\tSở Tư pháp; UBND cấp huyện\tCác sở, ban, ngành; UBND cấp xã\tQuý ${roman[n % 4]}/2023`;
    lines.push(l);
    size += Buffer.byteLength(l) + 1;
  }
  return lines.join('\n');
}

// How fast is measured in bench/ (docs/PERFORMANCE.md), never asserted here: a loaded CI machine
// would make a timed assertion flaky. This checks that a 2 MB paste, as text and as HTML, is read
// whole, and reports the times as diagnostics.
test('preview: a 2 MB paste is read whole, as text and as HTML', async (t) => {
  const text = bigTable(2 * 1024 * 1024);
  assert.ok(Buffer.byteLength(text) >= 2 * 1024 * 1024);
  await preview({ text: 'STT\tNhiệm vụ\tĐơn vị chủ trì\tThời gian\n1\tKhởi động\tSở Tư pháp\tQuý I/2023', year: 2023, unit_id: U.NDH.id });
  const times = [];
  let r;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    r = await preview({ text, year: 2023, unit_id: U.NDH.id });
    times.push(performance.now() - t0);
    assert.equal(r.status, 200, r.text.slice(0, 300));
  }
  const c = counts(flatten(r.json));
  t.diagnostic(`2 MB paste (${Buffer.byteLength(text)} bytes, ${c.sections} sections, ${c.tasks} tasks, response ${r.text.length} bytes): ${times.map((x) => x.toFixed(0)).join(' / ')} ms`);
  assert.ok(c.tasks > 5000);
  // The same size as HTML.
  const html = `<table><tr><td>STT</td><td>Nhiệm vụ</td><td>Kết quả công việc</td><td>Đơn vị chủ trì</td><td>Đơn vị phối hợp</td><td>Thời gian thực hiện</td></tr>${text
    .split('\n')
    .slice(1)
    .map((l) => `<tr>${l.split('\t').map((c2) => `<td><p>${c2}</p></td>`).join('')}</tr>`)
    .join('')}</table>`;
  const t0 = performance.now();
  r = await preview({ html, year: 2023, unit_id: U.NDH.id });
  const ms = performance.now() - t0;
  assert.equal(r.status, 200, r.text.slice(0, 300));
  t.diagnostic(`${(Buffer.byteLength(html) / 1048576).toFixed(1)} MB of HTML: ${ms.toFixed(0)} ms`);
  assert.ok(counts(flatten(r.json)).tasks > 5000, 'the HTML table is read whole too');
});

// ---- malformed input ---------------------------------------------------------------------------------
test('preview: garbage, empty, both or neither inputs are 422 with a clear message; bad JSON 400', async () => {
  for (const [body, field] of [
    [{ text: 'xin chào, đây không phải là một bảng kế hoạch nào cả.\nchỉ là vài dòng chữ.', year: 2023, unit_id: 1 }, 'text'],
    [{ text: '��� <<<>>> ;;;; \t\t\t\n\n\n%%%% \u00a0\u00a0 ||||', year: 2023, unit_id: 1 }, 'text'],
    [{ html: '<p>Chỉ có một đoạn văn</p><div><span>không có bảng</span></div>', year: 2023, unit_id: 1 }, 'html'],
    [{ text: '', year: 2023, unit_id: 1 }, 'text'],
    [{ year: 2023, unit_id: 1 }, 'text'],
    [{ text: 'STT\tNhiệm vụ', html: '<table></table>', year: 2023, unit_id: 1 }, 'html'],
    [{ text: 'STT\tNhiệm vụ', unit_id: 1 }, 'year'],
    [{ text: 'STT\tNhiệm vụ', year: 1800, unit_id: 1 }, 'year'],
    [{ text: 'STT\tNhiệm vụ', year: 2023 }, 'unit_id'],
    [{ text: 42, year: 2023, unit_id: 1 }, 'text'],
    [{ text: 'STT\tNhiệm vụ', year: 2023, unit_id: 1, docx: 'UEsDBA==' }, 'docx'],
  ]) {
    const b = { ...body };
    if (b.unit_id === 1) b.unit_id = U.NDH.id;
    const r = await preview(b);
    assertProblem(r, 422, field);
    const e = r.json.errors.find((x) => x.field === field);
    assert.ok(e.message.length > 10 && /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụ]/i.test(e.message), `clear Vietnamese message: ${e.message}`);
  }
  const g = await preview({ text: 'lorem ipsum dolor sit amet', year: 2023, unit_id: U.NDH.id });
  assert.match(g.json.errors[0].message, /bảng|nhiệm vụ|STT/i);
  assertProblem(await req('POST', '/api/v1/plans/import/preview', { token: vp, raw: '{"text": "STT', headers: { 'content-type': 'application/json' } }), 400, 'body');
});

test('preview: scope and roles', async () => {
  const body = (code) => ({ text: fixture('import_variants/columns_reordered.txt'), year: 2023, unit_id: U[code].id });
  assert.equal((await preview(body('H01'), h1lead)).status, 200);
  assert.equal((await preview(body('X0101'), xa11)).status, 200);
  assertProblem(await preview(body('H01'), xa21), 422, 'unit_id');
  assertProblem(await preview(body('NDH'), h1lead), 422, 'unit_id');
  assertProblem(await preview({ ...body('H01'), unit_id: 99999999 }, vp), 422, 'unit_id');
  assertProblem(await preview(body('H01'), viewer), 403);
  assertProblem(await req('POST', '/api/v1/plans/import/preview', { body: body('H01') }), 401);
});

// ---- saving ------------------------------------------------------------------------------------------
async function plansOf(code) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await req('GET', `/api/v1/plans?per_page=200&page=${page}&unit_id=${U[code].id}`, { token: vp });
    assert.equal(r.status, 200, r.text);
    out.push(...r.json.items);
    if (r.json.items.length < 200) return out;
  }
}
function bodyCounts(plan) {
  let tasks = 0, sub = 0;
  const walk = (list, depth) => list.forEach((t) => { tasks++; if (depth) sub++; walk(t.children, depth + 1); });
  for (const s of plan.sections) walk(s.tasks, 0);
  walk(plan.unsectioned_tasks, 0);
  return { sections: plan.sections.length, tasks, subitems: sub };
}

test('import: the reviewed preview becomes a draft plan with all sections, tasks and sub-items, in one request', async () => {
  const p = await preview({ text: fixture('plan_namdinh_2023.txt'), year: 2023, unit_id: U.NDH.id });
  assert.equal(p.status, 200, p.text);
  const pv = p.json;
  // The reviewer fixes one unit by hand (picks Sở Nội vụ as cooperating unit of the first task).
  pv.sections[0].tasks[0].coop = [{ text: 'Sở Nội vụ', unit_id: U.SNV.id, group: null }];
  const title = `Kế hoạch KSTT năm 2023 (nhập từ văn bản) ${rand()}`;
  const r = await req('POST', '/api/v1/plans/import', {
    token: vp,
    body: { title, year: 2023, unit_id: U.NDH.id, kind: 'kstt', decision_no: '3014/QĐ-UBND', decision_date: '2022-12-28', sections: pv.sections, warnings: pv.warnings },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'draft');
  assert.equal(r.json.title, title);
  assert.equal(r.json.decision_no, '3014/QĐ-UBND');
  const want = counts(flatten(pv));
  assert.equal(r.json.task_count, want.tasks);
  const g = await req('GET', `/api/v1/plans/${r.json.id}`, { token: vp });
  assert.equal(g.status, 200, g.text);
  assert.deepEqual(bodyCounts(g.json), want);
  // Same order, same texts; units and timelines kept (timelines parsed again by the server).
  const saved = flatten({ sections: g.json.sections.map((s) => ({ ...s, tasks: s.tasks.map(function fix(t) { return { ...t, timeline: { text: t.timeline_text ?? '' }, children: t.children.map(fix) }; }) })) });
  const orig = flatten(pv);
  assert.deepEqual(saved.map((x) => [x.kind, x.depth, x.number, x.title]), orig.map((x) => [x.kind, x.depth, x.number, x.title]));
  const first = g.json.sections[0].tasks[0];
  assert.deepEqual(first.coop.map((u) => u.unit_id), [U.SNV.id]);
  assert.deepEqual(first.lead.map((u) => u.group), ['departments', 'districts']);
  assert.equal(first.due_date, '2022-12-31');
  assert.ok(allDue(g.json).some((t) => t.timeline_text === 'Quý I/2023' && t.due_date === '2023-03-31'));
  // A district imports its prose plan for itself.
  const d = await preview({ text: fixture('import_variants/district_prose.txt'), year: 2023, unit_id: U.H01.id }, h1lead);
  const dr = await req('POST', '/api/v1/plans/import', { token: h1lead, body: { title: 'Kế hoạch KSTT huyện năm 2023', year: 2023, unit_id: U.H01.id, sections: d.json.sections } });
  assert.equal(dr.status, 201, dr.text);
  assert.equal(dr.json.unit_id, U.H01.id);
  assert.equal(dr.json.task_count, counts(flatten(d.json)).tasks);
});
function allDue(plan) {
  const out = [];
  const walk = (l) => l.forEach((t) => (out.push(t), walk(t.children)));
  plan.sections.forEach((s) => walk(s.tasks));
  return out;
}

test('import: an invalid unit id, or any bad task, saves nothing (422)', async () => {
  const before = (await plansOf('NDH')).length;
  const good = { number: '1', title: 'Nhiệm vụ hợp lệ', output: null, lead: [{ text: 'Sở Tư pháp', unit_id: U.STP.id, group: null }], coop: [], timeline: { text: 'Quý I/2023' }, children: [] };
  const title = `Kế hoạch không được lưu ${rand()}`;
  const base = { title, year: 2023, unit_id: U.NDH.id };
  for (const [sections, field] of [
    [[{ number: 'I', title: 'Mục một', tasks: [good] }, { number: 'II', title: 'Mục hai', tasks: [good, { ...good, lead: [{ text: 'Đơn vị ma', unit_id: 99999999 }] }] }], 'sections[1].tasks[1]'],
    [[{ number: 'I', title: 'Mục một', tasks: [good, { ...good, coop: [{ text: 'Sở', unit_id: 'STP' }] }] }], 'sections[0].tasks[1]'],
    [[{ number: 'I', title: 'Mục một', tasks: [good, { ...good, lead: 'Sở Tư pháp' }] }], 'sections[0].tasks[1]'],
    [[{ number: 'I', title: 'Mục một', tasks: [good] }, { number: 'II', title: 'Mục hai', tasks: [{ ...good, title: '' }] }], 'sections[1].tasks[0]'],
    [[{ number: 'I', title: 'Mục một', tasks: [{ ...good, children: [{ ...good, children: [{ ...good, title: null }] }] }] }], 'sections[0].tasks[0]'],
    [[{ number: 'I', title: 'Mục một', tasks: [good] }, { number: 'II', tasks: [good] }], 'sections[1]'],
    [[], 'sections'],
    ['Mục I', 'sections'],
  ]) {
    const r = await req('POST', '/api/v1/plans/import', { token: vp, body: { ...base, sections } });
    assertProblem(r, 422, field);
  }
  for (const [over, field] of [[{ title: undefined }, 'title'], [{ title: 'abc' }, 'title'], [{ year: undefined }, 'year'], [{ unit_id: undefined }, 'unit_id'], [{ kind: 'x' }, 'kind'], [{ decision_date: '2022/12/28' }, 'decision_date'], [{ extra: 1 }, 'extra']]) {
    const r = await req('POST', '/api/v1/plans/import', { token: vp, body: { ...base, sections: [{ number: 'I', title: 'Mục một', tasks: [good] }], ...over } });
    assertProblem(r, 422, field);
  }
  assertProblem(await req('POST', '/api/v1/plans/import', { token: vp, raw: '{"title":', headers: { 'content-type': 'application/json' } }), 400);
  // (Other suites may add plans meanwhile: look for this one's title.)
  const after = await plansOf('NDH');
  assert.ok(after.length >= before);
  assert.ok(!after.some((p) => p.title === title), 'no plan was saved');
});

test('import: scope and roles', async () => {
  const sections = [{ number: 'I', title: 'Mục một', tasks: [{ number: '1', title: 'Nhiệm vụ của xã', lead: [], coop: [], timeline: 'Quý I/2023', children: [] }] }];
  const body = (code) => ({ title: `Kế hoạch nhập ${rand()}`, year: 2023, unit_id: U[code].id, sections });
  assert.equal((await req('POST', '/api/v1/plans/import', { token: xa11, body: body('X0101') })).status, 201);
  assertProblem(await req('POST', '/api/v1/plans/import', { token: xa21, body: body('H01') }), 422, 'unit_id');
  assertProblem(await req('POST', '/api/v1/plans/import', { token: h1lead, body: body('NDH') }), 422, 'unit_id');
  assertProblem(await req('POST', '/api/v1/plans/import', { token: viewer, body: body('H01') }), 403);
  assertProblem(await req('POST', '/api/v1/plans/import', { body: body('H01') }), 401);
});

// ---- layouts the importer had not seen (issue 20) ----------------------------------------------
const NEW_LAYOUTS = [
  ['import_variants/district_subitems.html', 'expected_variant_district_subitems.txt', 'html'],
  ['import_variants/province_subitems.txt', 'expected_variant_province_subitems.txt', 'text'],
  ['import_variants/province_groups.html', 'expected_variant_province_groups.txt', 'html'],
  ['import_variants/district_groups.txt', 'expected_variant_district_groups.txt', 'text'],
  ['import_variants/commune_prose.txt', 'expected_variant_commune_prose.txt', 'text'],
  ['import_variants/mixed_appendix.html', 'expected_variant_mixed_appendix_html.txt', 'html'],
  ['import_variants/mixed_appendix.txt', 'expected_variant_mixed_appendix_text.txt', 'text'],
];
/** The group (4th and 5th fields) of each section record of an expected file. */
const expectedGroups = (name) =>
  fixture(name).split('\n').filter((l) => l.startsWith('section|')).map((l) => {
    const f = l.split('|');
    return f.length > 3 ? { number: f[3] || null, title: f[4] } : null;
  });
const walkTasks = (pv) => {
  const out = [];
  const walk = (t, sec) => (out.push({ ...t, sec }), t.children.forEach((c) => walk(c, sec)));
  pv.sections.forEach((s) => s.tasks.forEach((t) => walk(t, s.number)));
  return out;
};

test('preview: plans in layouts of other provinces, districts and communes give every section, group, task and sub-item', async () => {
  for (const [file, expected, kind] of NEW_LAYOUTS) {
    const r = await preview({ [kind]: fixture(file), year: 2025, unit_id: U.NDH.id });
    assert.equal(r.status, 200, `${file}: ${r.text}`);
    compare(expected, r.json);
    assert.deepEqual(r.json.sections.map((s) => s.group), expectedGroups(expected), `${file}: groups`);
  }
});

test('preview: every row has a confidence with its reasons, and the doubts are counted', async () => {
  const r = await preview({ html: fixture('import_variants/district_subitems.html'), year: 2025, unit_id: U.NDH.id });
  assert.equal(r.status, 200, r.text);
  const all = walkTasks(r.json);
  for (const t of all) {
    assert.ok(['high', 'medium', 'low'].includes(t.confidence), JSON.stringify(t));
    assert.ok(Array.isArray(t.reasons));
    assert.equal(t.confidence === 'high', t.reasons.length === 0, `${t.number} ${t.title}: ${t.reasons}`);
  }
  const n = (c) => all.filter((t) => t.confidence === c).length;
  assert.deepEqual(r.json.confidence, { high: n('high'), medium: n('medium'), low: n('low'), review: n('medium') + n('low') });
  assert.ok(r.json.confidence.review > 0);
  // The row split over a page break is joined and flagged low; the unnumbered merged sub-row is a doubt.
  const [s1, s2] = r.json.sections;
  const joined = s2.tasks[0];
  assert.equal(joined.output, 'Báo cáo kết quả tiếp nhận, xử lý gửi Văn phòng UBND tỉnh qua Hệ thống quản lý văn bản');
  assert.equal(joined.confidence, 'low');
  assert.ok(joined.reasons.some((x) => /tách sang trang/.test(x)), joined.reasons.join('; '));
  const merged = s2.tasks[3].children[0];
  assert.equal(merged.number, null);
  assert.ok(merged.reasons.some((x) => /ô gộp/.test(x)), merged.reasons.join('; '));
  // Numbered sub-items are read from their own text, not doubted for it.
  assert.deepEqual(s1.tasks[1].children.map((c) => c.number), ['2.1', '2.2', '2.3']);
  for (const c of s1.tasks[1].children) assert.ok(!c.reasons.some((x) => /ô gộp|tách sang trang/.test(x)), c.reasons.join('; '));
  // A district office the province's tree does not hold is an unresolved lead: low, with the reason.
  const land = s1.tasks[1].children[0];
  assert.equal(land.lead[0].text, 'Phòng Tài nguyên và Môi trường');
  if (land.lead[0].unit_id == null && land.lead[0].group == null) {
    assert.equal(land.confidence, 'low');
    assert.ok(land.reasons.includes('Có đơn vị chủ trì chưa xác định được.'));
  }
  // A row with known units and a clear timeline is high.
  const g = await preview({ html: fixture('import_variants/province_groups.html'), year: 2025, unit_id: U.NDH.id });
  const first = g.json.sections[0].tasks[0];
  assert.deepEqual(first.lead.map((u) => u.unit_id), [U.VP.id]);
  assert.equal(first.timeline.due, '2025-01-31');
  assert.equal(first.confidence, 'high', first.reasons.join('; '));
  // Prose items whose lead comes from the section heading say so.
  const c = await preview({ text: fixture('import_variants/commune_prose.txt'), year: 2025, unit_id: U.NDH.id });
  assert.ok(c.json.sections[1].tasks[0].reasons.includes('Đơn vị chủ trì hoặc thời gian lấy theo đề mục phía trên.'));
});

test('import: a plan with sub-items and groups is saved in the document\'s shape; the report lists what is unresolved', async () => {
  const p = await preview({ html: fixture('import_variants/province_groups.html'), year: 2025, unit_id: U.NDH.id });
  assert.equal(p.status, 200, p.text);
  const r = await req('POST', '/api/v1/plans/import', {
    token: vp,
    body: { title: `Kế hoạch CCHC 2025 (hai cấp đề mục) ${rand()}`, year: 2025, unit_id: U.NDH.id, sections: p.json.sections },
  });
  assert.equal(r.status, 201, r.text);
  const g = await req('GET', `/api/v1/plans/${r.json.id}`, { token: vp });
  assert.equal(g.status, 200, g.text);
  // Group A before I and II, group B before its I and II.
  assert.deepEqual(g.json.sections.map((s) => [s.number, s.tasks.length]), [['A', 0], ['I', 2], ['II', 2], ['B', 0], ['I', 1], ['II', 1]]);
  assert.equal(g.json.sections[3].title, 'NHIỆM VỤ CỦA UBND CẤP HUYỆN, CẤP XÃ');
  assert.ok(Array.isArray(r.json.unresolved));
  // Sub-items from the output column keep their numbers; unresolved leads are reported with the task.
  const d = await preview({ html: fixture('import_variants/district_subitems.html'), year: 2025, unit_id: U.NDH.id });
  const dr = await req('POST', '/api/v1/plans/import', {
    token: vp,
    body: { title: `Kế hoạch KSTT huyện 2025 (ý con) ${rand()}`, year: 2025, unit_id: U.NDH.id, sections: d.json.sections },
  });
  assert.equal(dr.status, 201, dr.text);
  const dg = await req('GET', `/api/v1/plans/${dr.json.id}`, { token: vp });
  const t2 = dg.json.sections[0].tasks[1];
  assert.deepEqual(t2.children.map((c) => c.number), ['2.1', '2.2', '2.3']);
  assert.equal(t2.children[2].title, 'Tổng hợp kết quả rà soát, báo cáo UBND tỉnh.');
  const ids = new Set(allDue(dg.json).map((t) => t.id));
  const expectUnresolved = walkTasks(d.json).filter((t) => t.lead.some((u) => u.unit_id == null && u.group == null));
  assert.ok(expectUnresolved.length > 0);
  assert.equal(dr.json.unresolved.filter((u) => /Chưa xác định được đơn vị chủ trì/.test(u.message)).length,
    expectUnresolved.reduce((n, t) => n + t.lead.filter((u) => u.unit_id == null && u.group == null).length, 0));
  for (const u of dr.json.unresolved) {
    assert.ok(ids.has(u.task_id), JSON.stringify(u));
    assert.match(u.where, /^Mục (I|II), nhiệm vụ /);
  }
  const land = allDue(dg.json).find((t) => t.number === '2.1' && /đất đai/.test(t.title));
  assert.ok(dr.json.unresolved.some((u) => u.task_id === land.id && u.message.includes('Phòng Tài nguyên và Môi trường')));
});
