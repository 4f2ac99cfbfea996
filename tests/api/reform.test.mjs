// Reform registries (issue 17, part 3): a unit's internal procedures with their simplification
// proposals, impact assessments of draft legal documents sent to the Department of Justice and
// appraised within the rule set's working days, reform initiatives assessed and decided by the
// Provincial Office. Contents of answers, Vietnamese validation, scope inside and outside.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { firstCell } from '../lib/xlsx-read.mjs';
import { lastYearWindow, refProcedures, reportFor } from '../lib/report-ref.mjs';

const T = {};
const U = {};
const tag = `rf${Date.now().toString(36)}`;
const as = async (who, method, path, body) => req(method, path, { token: T[who], body });
const ids = (a) => a.map((x) => x.id).sort((x, y) => x - y);

before(async () => {
  for (const u of ['admin', 'vp.kstt', 'stp.daumoi', 'huyen1.daumoi', 'xa11.daumoi', 'xa21.daumoi']) T[u] = await login(u);
  for (const c of ['NDH', 'VP', 'STP', 'H01', 'X0101', 'X0201']) U[c] = await unitByCode(c);
  // a viewer of commune X0101 (the demo has none): reads, never writes
  const name = `rf.viewer.${Date.now()}`, password = `Rf@${Date.now()}Aa1`;
  const v = await as('admin', 'POST', '/api/v1/users', { username: name, full_name: 'Người Xem Cải Cách', unit_id: U.X0101.id, role: 'viewer', password });
  assert.equal(v.status, 201, v.text);
  T.viewer = await login(name, password);
});

async function xlsxTitle(path) {
  const res = await fetch(BASE + path, { headers: { authorization: `Bearer ${T['vp.kstt']}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  return firstCell(Buffer.from(await res.arrayBuffer()));
}

test('internal procedures: create with involved units, read in scope, status workflow, list filters', async () => {
  const body = { unit_id: U.X0101.id, name: `Quy trình cấp giấy đi đường ${tag}`, code: 'NB-01', field: 'Hành chính', legal_basis: 'Quyết định 12/QĐ-UBND', involved_unit_ids: [U.X0101.id, U.H01.id] };
  let r = await as('xa11.daumoi', 'POST', '/api/v1/internal-procedures', body);
  assert.equal(r.status, 201, r.text);
  const ip = r.json;
  assert.equal(ip.unit_id, U.X0101.id);
  assert.equal(ip.status, 'in_force');
  assert.equal(ip.code, 'NB-01');
  assert.deepEqual(ids(ip.involved_units), ids([U.X0101, U.H01]));
  assert.deepEqual(ip.proposals, []);

  // validation: Vietnamese messages naming the field
  r = await as('xa11.daumoi', 'POST', '/api/v1/internal-procedures', { ...body, name: 'ab' });
  assertProblem(r, 422, 'name');
  r = await as('xa11.daumoi', 'POST', '/api/v1/internal-procedures', { ...body, involved_unit_ids: [99999999] });
  assertProblem(r, 422, 'involved_unit_ids');
  assert.match(r.json.errors.find((e) => e.field === 'involved_unit_ids').message, /đơn vị/);
  r = await as('xa11.daumoi', 'POST', '/api/v1/internal-procedures', { ...body, involved_unit_ids: [U.H01.id, U.H01.id] });
  assertProblem(r, 422, 'involved_unit_ids');
  r = await as('xa11.daumoi', 'POST', '/api/v1/internal-procedures', { ...body, status: 'x' });
  assertProblem(r, 422);
  // a commune cannot file for another commune; a viewer cannot write at all
  assertProblem(await as('xa11.daumoi', 'POST', '/api/v1/internal-procedures', { ...body, unit_id: U.X0201.id }), 422, 'unit_id');
  assertProblem(await as('viewer', 'POST', '/api/v1/internal-procedures', body), 403);

  // reading: the commune, its district and the province; not another commune
  for (const who of ['xa11.daumoi', 'huyen1.daumoi', 'vp.kstt']) {
    r = await as(who, 'GET', `/api/v1/internal-procedures/${ip.id}`);
    assert.equal(r.status, 200, `${who}: ${r.text}`);
    assert.equal(r.json.id, ip.id);
    assert.equal(r.json.unit_id, U.X0101.id);
  }
  assertProblem(await as('xa21.daumoi', 'GET', `/api/v1/internal-procedures/${ip.id}`), 404);
  assertProblem(await as('xa21.daumoi', 'PUT', `/api/v1/internal-procedures/${ip.id}`, { status: 'proposed' }), 404);

  // list: paged, filtered by words, unit subtree, field and status; scope applied
  r = await as('huyen1.daumoi', 'GET', `/api/v1/internal-procedures?q=${tag}&unit_id=${U.H01.id}&field=${encodeURIComponent('Hành chính')}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((x) => x.id), [ip.id]);
  assert.equal(r.json.total, 1);
  assert.match(r.json.items[0].involved_text, new RegExp(U.H01.name));
  r = await as('xa21.daumoi', 'GET', `/api/v1/internal-procedures?q=${tag}`);
  assert.equal(r.json.total, 0);
  r = await as('huyen1.daumoi', 'GET', '/api/v1/internal-procedures?per_page=100');
  assert.ok(r.json.items.length > 0);
  for (const it of r.json.items) assert.ok([U.H01.id].includes(it.unit_id) || it.unit_name.length > 0);
  assertProblem(await as('vp.kstt', 'GET', '/api/v1/internal-procedures?status=gone'), 422, 'status');

  // status workflow: in force -> proposed, but not straight to simplified from in force
  assertProblem(await as('xa11.daumoi', 'PUT', `/api/v1/internal-procedures/${ip.id}`, { status: 'simplified' }), 409);
  r = await as('xa11.daumoi', 'PUT', `/api/v1/internal-procedures/${ip.id}`, { status: 'proposed', involved_unit_ids: [U.X0101.id] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'proposed');
  assert.deepEqual(ids(r.json.involved_units), [U.X0101.id]);
  r = await as('vp.kstt', 'GET', `/api/v1/internal-procedures?q=${tag}&status=proposed`);
  assert.deepEqual(r.json.items.map((x) => x.id), [ip.id]);
  r = await as('vp.kstt', 'GET', `/api/v1/internal-procedures?q=${tag}&status=in_force`);
  assert.equal(r.json.total, 0);

  // export: a title row naming what and whose
  let title = await xlsxTitle(`/api/v1/internal-procedures/export?q=${tag}`);
  assert.match(title, /^Danh mục thủ tục hành chính nội bộ — toàn tỉnh — lập lúc \d/);
  title = await xlsxTitle(`/api/v1/internal-procedures/export?q=${tag}&unit_id=${U.H01.id}`);
  assert.match(title, new RegExp(`— ${U.H01.name} — lập lúc`));
});

test('simplification proposals: the unit proposes, the Provincial Office accepts, the unit records the implementing document', async () => {
  // dates relative to today, so that the report window below holds the implementing document
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const daysBefore = (n) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86400e3).toISOString().slice(0, 10);
  const docDate = daysBefore(3);
  let r = await as('xa11.daumoi', 'POST', '/api/v1/internal-procedures', { unit_id: U.X0101.id, name: `Quy trình tiếp công dân ${tag}`, involved_unit_ids: [U.X0101.id] });
  assert.equal(r.status, 201, r.text);
  const ip = r.json;
  const base = `/api/v1/internal-procedures/${ip.id}/proposals`;
  assertProblem(await as('xa11.daumoi', 'POST', base, { text: 'ab' }), 422, 'text');
  assertProblem(await as('xa21.daumoi', 'POST', base, { text: 'Bỏ bước trình ký giấy' }), 404);
  assertProblem(await as('viewer', 'POST', base, { text: 'Bỏ bước trình ký giấy' }), 403);
  r = await as('xa11.daumoi', 'POST', base, { text: 'Bỏ bước trình ký giấy, ký số trên hệ thống' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.proposals.length, 1);
  const p = r.json.proposals[0];
  assert.equal(p.n, 1);
  assert.equal(p.unit_id, U.X0101.id);
  assert.equal(p.status, 'proposed');
  // the Provincial Office may propose on a commune's procedure too
  r = await as('vp.kstt', 'POST', base, { text: 'Gộp hai bước kiểm tra hồ sơ', unit_id: U.VP.id });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.proposals.map((x) => [x.n, x.unit_id]), [[1, U.X0101.id], [2, U.VP.id]]);

  // only the Office accepts or rejects
  assertProblem(await as('xa11.daumoi', 'PUT', `${base}/1`, { status: 'accepted' }), 403);
  assertProblem(await as('vp.kstt', 'PUT', `${base}/9`, { status: 'accepted' }), 404);
  assertProblem(await as('vp.kstt', 'PUT', `${base}/1`, { status: 'maybe' }), 422, 'status');
  r = await as('vp.kstt', 'PUT', `${base}/1`, { status: 'accepted' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.proposals[0].status, 'accepted');
  // implemented needs the document; then the unit records it
  r = await as('xa11.daumoi', 'PUT', `${base}/1`, { status: 'implemented' });
  assertProblem(r, 422, 'doc_no');
  assert.ok(r.json.errors.some((e) => e.field === 'doc_date'));
  assertProblem(await as('xa11.daumoi', 'PUT', `${base}/2`, { status: 'implemented', doc_no: '5/QĐ', doc_date: docDate }), 409);
  r = await as('xa11.daumoi', 'PUT', `${base}/1`, { status: 'implemented', doc_no: '15/QĐ-UBND', doc_date: docDate });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.proposals[0].status, r.json.proposals[0].doc_no, r.json.proposals[0].doc_date], ['implemented', '15/QĐ-UBND', docDate]);
  assertProblem(await as('vp.kstt', 'PUT', `${base}/1`, { status: 'rejected' }), 409);
  r = await as('vp.kstt', 'PUT', `${base}/2`, { status: 'rejected' });
  assert.equal(r.json.proposals[1].status, 'rejected');
  r = await as('huyen1.daumoi', 'GET', `/api/v1/internal-procedures?q=${encodeURIComponent('tiếp công dân ' + tag)}`);
  assert.equal(r.json.items[0].proposal_count, 2);
  // the periodic report of the commune (the last 360 days) counts it simplified, as its reference does
  const { from } = lastYearWindow();
  r = { json: await reportFor(T['xa11.daumoi'], U.X0101.id, from, today, `Báo cáo TTHC nội bộ ${tag}`) };
  const t = r.json.computed.procedures;
  const ref = refProcedures(U.X0101.id, from, today, true);
  assert.deepEqual([t.internal_in_force, t.internal_simplified], [ref.internal_in_force, ref.internal_simplified]);
  assert.ok(t.internal_simplified >= 1 && t.internal_in_force >= 1, JSON.stringify(t));
  // the district's figures over its subtree include the commune's
  r = { json: await reportFor(T['huyen1.daumoi'], U.H01.id, from, today, `Báo cáo TTHC nội bộ huyện ${tag}`) };
  assert.equal(r.json.system.procedures.internal_simplified, refProcedures(U.H01.id, from, today, false).internal_simplified);
});

async function catalogueProcedure() {
  const r = await as('admin', 'GET', '/api/v1/procedures?per_page=1');
  assert.equal(r.status, 200, r.text);
  return r.json.items[0];
}

test('impact assessments: a draft, sent to the Department of Justice with its due date, appraised by it', async () => {
  const proc = await catalogueProcedure();
  const body = {
    unit_id: U.H01.id,
    title: `Dự thảo quyết định quy định thủ tục cấp phép ${tag}`,
    doc_kind: 'Quyết định',
    procedures: [{ action: 'create', name: 'Cấp giấy phép tạm thời' }, { action: 'change', procedure_id: proc.id, name: proc.name }],
    answers: { necessity: 'Cần thiết để quản lý', reasonableness: 'Hợp lý', lawfulness: 'Phù hợp luật', cost: 'Thấp', cost_vnd: 150000 },
  };
  let r = await as('huyen1.daumoi', 'POST', '/api/v1/impact-assessments', body);
  assert.equal(r.status, 201, r.text);
  const ia = r.json;
  assert.equal(ia.unit_id, U.H01.id);
  assert.equal(ia.status, 'draft');
  assert.equal(ia.procedures.length, 2);
  assert.equal(ia.procedures[1].procedure_id, proc.id);
  assert.equal(ia.answers.cost_vnd, 150000);
  assert.equal(ia.due_date, null);

  // validation
  assertProblem(await as('huyen1.daumoi', 'POST', '/api/v1/impact-assessments', { ...body, answers: { other: 'x' } }), 422, 'answers');
  assertProblem(await as('huyen1.daumoi', 'POST', '/api/v1/impact-assessments', { ...body, answers: { cost_vnd: -1 } }), 422, 'answers');
  assertProblem(await as('huyen1.daumoi', 'POST', '/api/v1/impact-assessments', { ...body, procedures: [{ action: 'change', procedure_id: 99999999, name: 'Không có' }] }), 422, 'procedures');
  r = await as('huyen1.daumoi', 'POST', '/api/v1/impact-assessments', { ...body, title: 'ab' });
  assertProblem(r, 422, 'title');
  assertProblem(await as('huyen1.daumoi', 'POST', '/api/v1/impact-assessments', { ...body, unit_id: U.X0201.id }), 422, 'unit_id');

  // a draft is the drafting side's only: not the Department of Justice yet, not another commune
  assertProblem(await as('stp.daumoi', 'GET', `/api/v1/impact-assessments/${ia.id}`), 404);
  assertProblem(await as('xa21.daumoi', 'GET', `/api/v1/impact-assessments/${ia.id}`), 404);
  r = await as('huyen1.daumoi', 'PUT', `/api/v1/impact-assessments/${ia.id}`, { doc_kind: 'Nghị quyết' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.doc_kind, 'Nghị quyết');
  assertProblem(await as('stp.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/appraise`, { opinion: 'Đồng ý với dự thảo' }), 404);

  // sending: not in the future; the clock from the rule set (10 working days)
  assertProblem(await as('huyen1.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/send`, { sent_date: '2099-01-01' }), 422, 'sent_date');
  r = await as('huyen1.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/send`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'sent');
  assert.equal(r.json.appraisal_days, 10);
  assert.ok(r.json.due_date > r.json.sent_date, r.text);
  assert.equal(r.json.overdue, false);
  assertProblem(await as('huyen1.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/send`, {}), 409);
  assertProblem(await as('huyen1.daumoi', 'PUT', `/api/v1/impact-assessments/${ia.id}`, { doc_kind: 'Quyết định' }), 409);

  // the Department of Justice now reads it and appraises; the drafting district may not
  r = await as('stp.daumoi', 'GET', `/api/v1/impact-assessments/${ia.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.can_appraise, true);
  r = await as('stp.daumoi', 'GET', `/api/v1/impact-assessments?q=${tag}&status=sent`);
  assert.deepEqual(r.json.items.map((x) => x.id), [ia.id]);
  assert.equal(r.json.appraiser, true);
  assertProblem(await as('huyen1.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/appraise`, { opinion: 'Đồng ý với dự thảo' }), 403);
  assertProblem(await as('stp.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/appraise`, { opinion: 'ok' }), 422, 'opinion');
  assertProblem(await as('stp.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/appraise`, { opinion: 'Đồng ý với dự thảo', appraised_date: '2020-01-01' }), 422, 'appraised_date');
  assertProblem(await as('stp.daumoi', 'PUT', `/api/v1/impact-assessments/${ia.id}`, { doc_kind: 'Quyết định' }), 404);
  r = await as('stp.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/appraise`, { opinion: 'Đồng ý, đề nghị làm rõ chi phí tuân thủ' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'appraised');
  assert.equal(r.json.opinion, 'Đồng ý, đề nghị làm rõ chi phí tuân thủ');
  assert.equal(r.json.days_left, null);
  assertProblem(await as('stp.daumoi', 'POST', `/api/v1/impact-assessments/${ia.id}/appraise`, { opinion: 'Đồng ý lần nữa' }), 409);

  // lists for the drafting side and the province; filters
  r = await as('vp.kstt', 'GET', `/api/v1/impact-assessments?q=${tag}&unit_id=${U.H01.id}&status=appraised`);
  assert.deepEqual(r.json.items.map((x) => [x.id, x.unit_id, x.procedure_count]), [[ia.id, U.H01.id, 2]]);
  r = await as('xa21.daumoi', 'GET', `/api/v1/impact-assessments?q=${tag}`);
  assert.equal(r.json.total, 0);
  // one sent long ago and never appraised is overdue: the filter finds it, the clock says so
  r = await as('huyen1.daumoi', 'POST', '/api/v1/impact-assessments', { ...body, title: `Dự thảo nghị quyết quá hạn ${tag}` });
  assert.equal(r.status, 201, r.text);
  const late = r.json;
  r = await as('huyen1.daumoi', 'POST', `/api/v1/impact-assessments/${late.id}/send`, { sent_date: '2026-01-05' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.sent_date, '2026-01-05');
  assert.ok(r.json.due_date > '2026-01-15' && r.json.due_date < '2026-02-01', r.json.due_date); // 10 working days (add_working_days)
  assert.equal(r.json.overdue, true);
  assert.ok(r.json.days_left < 0, r.text);
  r = await as('stp.daumoi', 'GET', `/api/v1/impact-assessments?q=${tag}&overdue=true`);
  assert.deepEqual(r.json.items.map((x) => [x.id, x.overdue]), [[late.id, true]]);
  r = await as('vp.kstt', 'GET', `/api/v1/impact-assessments?q=${tag}&overdue=false`);
  assert.deepEqual(r.json.items.map((x) => x.id), [ia.id]);
  const title = await xlsxTitle(`/api/v1/impact-assessments/export?q=${tag}`);
  assert.match(title, /^Đánh giá tác động TTHC trong dự thảo văn bản QPPL — toàn tỉnh — lập lúc \d/);
});

test('initiatives: proposed by a unit, assessed and decided by the Provincial Office', async () => {
  const body = { unit_id: U.X0101.id, title: `Sáng kiến trả kết quả qua bưu chính ${tag}`, description: 'Trả kết quả tận nhà cho người cao tuổi', benefit: 'Giảm số lần đi lại' };
  let r = await as('xa11.daumoi', 'POST', '/api/v1/initiatives', body);
  assert.equal(r.status, 201, r.text);
  const ini = r.json;
  assert.deepEqual([ini.unit_id, ini.status, ini.benefit], [U.X0101.id, 'proposed', 'Giảm số lần đi lại']);
  assertProblem(await as('xa11.daumoi', 'POST', '/api/v1/initiatives', { ...body, title: 'ab' }), 422, 'title');
  assertProblem(await as('xa11.daumoi', 'POST', '/api/v1/initiatives', { ...body, description: undefined }), 422, 'description');
  assertProblem(await as('xa11.daumoi', 'POST', '/api/v1/initiatives', { ...body, unit_id: U.X0201.id }), 422, 'unit_id');
  assertProblem(await as('viewer', 'POST', '/api/v1/initiatives', body), 403);

  assertProblem(await as('xa21.daumoi', 'GET', `/api/v1/initiatives/${ini.id}`), 404);
  r = await as('huyen1.daumoi', 'GET', `/api/v1/initiatives/${ini.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.unit_id, U.X0101.id);
  r = await as('xa11.daumoi', 'PUT', `/api/v1/initiatives/${ini.id}`, { benefit: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.benefit, null);

  // decisions before an assessment, and by the unit itself, are refused
  assertProblem(await as('vp.kstt', 'POST', `/api/v1/initiatives/${ini.id}/decide`, { adopted: true, decision_no: '1/QĐ', decision_date: '2026-02-01' }), 409);
  assertProblem(await as('xa11.daumoi', 'POST', `/api/v1/initiatives/${ini.id}/assess`, { assessment: 'Khả thi cao' }), 403);
  assertProblem(await as('vp.kstt', 'POST', `/api/v1/initiatives/${ini.id}/assess`, { assessment: 'Khả thi cao', score: 101 }), 422, 'score');
  r = await as('vp.kstt', 'POST', `/api/v1/initiatives/${ini.id}/assess`, { assessment: 'Khả thi cao, chi phí thấp', score: 85 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.score, r.json.assessment], ['assessed', 85, 'Khả thi cao, chi phí thấp']);
  assertProblem(await as('xa11.daumoi', 'PUT', `/api/v1/initiatives/${ini.id}`, { benefit: 'Khác' }), 409);
  assertProblem(await as('vp.kstt', 'POST', `/api/v1/initiatives/${ini.id}/decide`, { adopted: true, decision_no: '12/QĐ-UBND' }), 422, 'decision_date');
  r = await as('vp.kstt', 'POST', `/api/v1/initiatives/${ini.id}/decide`, { adopted: true, decision_no: '12/QĐ-UBND', decision_date: '2026-02-01' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.decision_no, r.json.decision_date], ['adopted', '12/QĐ-UBND', '2026-02-01']);
  assertProblem(await as('vp.kstt', 'POST', `/api/v1/initiatives/${ini.id}/assess`, { assessment: 'Đánh giá lại' }), 409);

  r = await as('huyen1.daumoi', 'GET', `/api/v1/initiatives?q=${tag}&status=adopted&unit_id=${U.X0101.id}`);
  assert.deepEqual(r.json.items.map((x) => [x.id, x.unit_id]), [[ini.id, U.X0101.id]]);
  r = await as('xa21.daumoi', 'GET', `/api/v1/initiatives?q=${tag}`);
  assert.equal(r.json.total, 0);
  const title = await xlsxTitle(`/api/v1/initiatives/export?q=${tag}`);
  assert.match(title, /^Sáng kiến cải cách thủ tục hành chính — toàn tỉnh — lập lúc \d/);
});
