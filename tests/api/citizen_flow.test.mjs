// The citizen's flow (issue 16), API side: a published answer's own page (exact public keys, 404
// for anything not published), the published list's field filter (in SQL, counted and paged) and
// its list of fields, and the tracking view that says why the answer date moved when an item is
// forwarded (the unit and the new date, never staff or notes). The answer page is under nginx's
// public rate limit.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { addressPool, preq, submit } from './feedback.lib.mjs';

const next = addressPool(161);
// issue 20: reopened_at and reopen_reason in the list; the single page adds letters, published, reopened
const KEYS = ['answer', 'content', 'corrected_at', 'correction_reason', 'field', 'id', 'published_at', 'received_on', 'reopen_reason', 'reopened_at', 'title', 'type', 'type_label', 'unit_id', 'unit_name'];
const ONE_KEYS = [...KEYS, 'letters', 'published', 'reopened'].sort();
const T = {};
const U = {};

async function act(who, id, action, body) {
  const r = await req(action === 'answer' ? 'PUT' : 'POST', `/api/v1/feedback/${id}/${action}`, { token: T[who], body });
  assert.equal(r.status, 200, `${who} ${action}: ${r.text}`);
  return r.json;
}

/** A fresh item taken through the whole workflow up to published, classified in `field`. */
async function published(field, extra = {}) {
  const { r, body } = await submit(next, extra);
  assert.equal(r.status, 201, r.text);
  const s = await req('GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`, { token: T.vp });
  const id = s.json.items[0].id;
  await act('vp', id, 'accept', { field, note: 'Ghi chú nội bộ không công khai' });
  await act('vp', id, 'forward', { unit_id: U.X0101, note: 'Chuyển xử lý (nội bộ)' });
  await act('xa11', id, 'receive');
  await act('xa11', id, 'submit', { answer: `Trả lời về ${field}.` });
  await act('vp', id, 'publish', { note: 'Duyệt (nội bộ)' });
  return { id, code: r.json.tracking_code, body };
}

before(async () => {
  T.vp = await login('vp.kstt');
  T.xa11 = await login('xa11.daumoi');
  for (const c of ['X0101', 'X0102']) U[c] = (await unitByCode(c)).id;
});

describe('a published answer has its own page', () => {
  let it;
  const field = `Lĩnh vực thử ${Date.now().toString(36)}`;
  before(async () => {
    it = await published(field);
  });

  test('GET /public/answers/{id}: the item and its answer, exactly the public keys', async () => {
    const r = await preq('GET', `/api/v1/public/answers/${it.id}`, { local: next() });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json).sort(), ONE_KEYS);
    assert.equal(r.json.id, it.id);
    assert.equal(r.json.title, it.body.title);
    assert.equal(r.json.field, field);
    assert.equal(r.json.unit_id, U.X0101);
    assert.equal(r.json.answer, `Trả lời về ${field}.`);
    const text = JSON.stringify(r.json);
    for (const secret of [it.body.name, it.body.phone, it.body.address, it.code, it.code.replace(/-/g, ''), 'nội bộ', 'vp.kstt'])
      assert.ok(!text.includes(secret), `public answer leaks "${secret}"`);
  });

  test('not published, unknown or not a number: 404', async () => {
    const { r } = await submit(next);
    const s = await req('GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`, { token: T.vp });
    assertProblem(await preq('GET', `/api/v1/public/answers/${s.json.items[0].id}`, { local: next() }), 404);
    assertProblem(await preq('GET', '/api/v1/public/answers/99999999', { local: next() }), 404);
    assertProblem(await preq('GET', '/api/v1/public/answers/abc', { local: next() }), 404);
    assertProblem(await preq('GET', '/api/v1/public/answers/0', { local: next() }), 404);
  });

  test('the public rate limit holds on the answer page: a fast burst gets 429 problem+json', async () => {
    // A source address of its own, so no other test shares this bucket.
    const local = '127.0.163.1';
    const rs = await Promise.all(Array.from({ length: 80 }, () => preq('GET', `/api/v1/public/answers/${it.id}`, { local })));
    const limited = rs.filter((r) => r.status === 429);
    assert.ok(limited.length > 0, 'some 429');
    assert.ok(rs.filter((r) => r.status === 200).length >= 20, 'the burst allowance passes');
    assert.match(limited[0].headers.get('content-type'), /application\/problem\+json/);
    assert.ok(limited[0].headers.get('retry-after'));
  });

  test('the list filters by field in SQL (counted and paged) and lists the fields', async () => {
    let r = await preq('GET', `/api/v1/public/feedback?field=${encodeURIComponent(field)}`, { local: next() });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 1);
    assert.deepEqual(r.json.items.map((i) => i.id), [it.id]);
    assert.ok(r.json.fields.includes(field), 'the new field is offered in the filter');
    for (const i of r.json.items) assert.deepEqual(Object.keys(i).sort(), KEYS);
    // with the other filters and the search (folded: without diacritics)
    r = await preq('GET', `/api/v1/public/feedback?field=${encodeURIComponent(field)}&unit_id=${U.X0101}&q=${encodeURIComponent('tra loi ve linh vuc thu')}`, { local: next() });
    assert.equal(r.json.total, 1);
    r = await preq('GET', `/api/v1/public/feedback?field=${encodeURIComponent(field)}&unit_id=${U.X0102}`, { local: next() });
    assert.equal(r.json.total, 0);
    r = await preq('GET', `/api/v1/public/feedback?field=${encodeURIComponent('Không có lĩnh vực này')}`, { local: next() });
    assert.equal(r.json.total, 0);
    assert.deepEqual(r.json.items, []);
    r = await preq('GET', `/api/v1/public/feedback?field=${'x'.repeat(256)}`, { local: next() });
    assertProblem(r, 422, 'field');
  });
});

describe('tracking: a forwarding says why the answer date moved', () => {
  test('each forwarding names its unit and the answer date it set; the last one is the date shown', async () => {
    const { r } = await submit(next);
    const code = r.json.tracking_code;
    const s = await req('GET', `/api/v1/feedback?box=all&q=${code}`, { token: T.vp });
    const id = s.json.items[0].id;
    let t = await preq('GET', `/api/v1/public/feedback/${code}`, { local: next() });
    assert.deepEqual(t.json.history.map((h) => Object.keys(h).sort()), [['at', 'step']]);
    await act('vp', id, 'accept', { note: 'Ghi chú nội bộ' });
    const d1 = await act('vp', id, 'forward', { unit_id: U.X0101, note: 'Ghi chú chuyển nội bộ' });
    await act('xa11', id, 'return', { reason: 'Không thuộc thẩm quyền (nội bộ)' });
    // Move the first forwarding to an earlier day, as if the return took a week: the second
    // forwarding then sets a later date, and each step keeps its own.
    const { sql } = await import('../lib/kpi-ref.mjs');
    sql(`UPDATE feedback_events SET at = at - INTERVAL 7 DAY WHERE feedback_id = ${Number(id)} AND action IN ('submit','accept','forward','return')`);
    const d2 = await act('vp', id, 'forward', { unit_id: U.X0102, note: 'Chuyển lại (nội bộ)' });
    t = await preq('GET', `/api/v1/public/feedback/${code}`, { local: next() });
    assert.equal(t.status, 200, t.text);
    const fw = t.json.history.filter((h) => h.unit_name !== undefined);
    assert.equal(fw.length, 2, JSON.stringify(t.json.history));
    for (const h of fw) assert.deepEqual(Object.keys(h).sort(), ['answer_due', 'at', 'step', 'unit_name']);
    assert.equal(fw[0].unit_name, 'UBND phường Vị Xuyên');
    assert.equal(fw[1].unit_name, (await unitById(U.X0102)).name);
    assert.equal(fw[1].answer_due, d2.answer_due, 'the last forwarding shows the stored answer date');
    assert.equal(t.json.answer_due, d2.answer_due);
    assert.match(fw[0].answer_due, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(fw[0].answer_due < fw[1].answer_due, `${fw[0].answer_due} < ${fw[1].answer_due}`);
    assert.ok(d1.answer_due >= fw[0].answer_due);
    for (const h of t.json.history.filter((x) => x.unit_name === undefined)) assert.deepEqual(Object.keys(h).sort(), ['at', 'step']);
    const text = JSON.stringify(t.json);
    for (const secret of ['nội bộ', 'vp.kstt', 'xa11', 'Ghi chú']) assert.ok(!text.includes(secret), `tracking leaks "${secret}"`);
  });
});

async function unitById(id) {
  const r = await req('GET', `/api/v1/units/${id}`, { token: T.vp });
  assert.equal(r.status, 200, r.text);
  return r.json;
}
