// Citizen feedback, staff side: the coordinator's and the units' inboxes, every transition and its
// event, illegal transitions (409 with the allowed ones), every role in and out of scope (a unit
// never sees another unit's items), clocks from the rule set, statistics, notifications, and what
// the sender sees at each step (dates and step names only).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { addressPool, files, preq, submit } from './feedback.lib.mjs';

const next = addressPool(72);
const T = {};
const U = {};

async function as(who, method, path, body) {
  return req(method, path, { token: T[who], body });
}

/** A new feedback from the public form; returns { id, code, body }. */
async function newItem(extra = {}) {
  const { r, body } = await submit(next, extra);
  assert.equal(r.status, 201, r.text);
  const s = await as('vp', 'GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`);
  assert.equal(s.json.items.length, 1);
  return { id: s.json.items[0].id, code: r.json.tracking_code, body, receipt: r.json };
}

async function track(code) {
  const r = await preq('GET', `/api/v1/public/feedback/${code}`, { local: next() });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** Runs one action and checks the new status; returns the item. */
async function act(who, id, action, body, status) {
  const method = action === 'answer' ? 'PUT' : 'POST';
  const r = await as(who, method, `/api/v1/feedback/${id}/${action}`, body);
  assert.equal(r.status, 200, `${who} ${action}: ${r.text}`);
  if (status) assert.equal(r.json.status, status);
  return r.json;
}

before(async () => {
  for (const [k, u] of Object.entries({
    admin: 'admin',
    vp: 'vp.kstt',
    tinh: 'lanhdao.tinh',
    stp: 'stp.daumoi',
    huyen1: 'huyen1.lanhdao',
    huyen1o: 'huyen1.daumoi',
    xa11: 'xa11.daumoi',
    xa12: 'xa12.daumoi',
    xa21: 'xa21.daumoi',
  }))
    T[k] = await login(u);
  for (const c of ['VP', 'STP', 'H01', 'X0101', 'X0102', 'X0201']) U[c] = (await unitByCode(c)).id;
});

describe('inboxes and scope', () => {
  test('a new item is in the coordinator inbox with its legal clock from the rule set', async () => {
    const it = await newItem();
    const r = await as('vp', 'GET', `/api/v1/feedback?q=${it.code}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.box, 'coordinator');
    assert.deepEqual(r.json.rules, { reject_days: 2, info_request_days: 5, forward_days: 5, answer_days: 15, publish_days: 2 });
    const row = r.json.items[0];
    assert.equal(row.tracking_code, it.code);
    assert.equal(row.status, 'new');
    assert.equal(row.clock.limit, 5);
    assert.equal(row.clock.step, 'coordinator');
    assert.match(row.clock.due, /^\d{4}-\d\d-\d\d$/);
    assert.match(row.clock.reject_due, /^\d{4}-\d\d-\d\d$/);
    assert.ok(row.clock.reject_due <= row.clock.due);
    assert.equal(row.overdue, false);
    assert.equal(typeof row.due_soon, 'boolean');
    assert.equal(row.due_date, row.clock.due);
    // The detail, with the sender's data for staff and the actions this principal may take.
    const d = await as('vp', 'GET', `/api/v1/feedback/${it.id}`);
    assert.equal(d.json.sender_name, it.body.name);
    assert.equal(d.json.phone, it.body.phone);
    assert.deepEqual(d.json.allowed, ['reject', 'request_info', 'accept', 'duplicate']);
    assert.equal(d.json.events.length, 1);
    assert.equal(d.json.events[0].action, 'submit');
    assert.equal(d.json.events[0].actor_kind, 'citizen');
  });

  test('before forwarding, only province-wide principals see an item', async () => {
    const it = await newItem();
    for (const who of ['admin', 'vp', 'tinh']) assert.equal((await as(who, 'GET', `/api/v1/feedback/${it.id}`)).status, 200, who);
    for (const who of ['stp', 'huyen1', 'xa11', 'xa12', 'xa21']) {
      assertProblem(await as(who, 'GET', `/api/v1/feedback/${it.id}`), 404);
      const l = await as(who, 'GET', `/api/v1/feedback?box=all&q=${it.code}`);
      assert.equal(l.json.total, 0, who);
    }
    // The province leader reads but does not route.
    const d = await as('tinh', 'GET', `/api/v1/feedback/${it.id}`);
    assert.deepEqual(d.json.allowed, []);
    assertProblem(await as('tinh', 'POST', `/api/v1/feedback/${it.id}/accept`, {}), 403);
    // A unit cannot use the coordinator's actions, nor anyone anonymous.
    assertProblem(await as('xa11', 'POST', `/api/v1/feedback/${it.id}/accept`, {}), 403);
    assertProblem(await req('GET', `/api/v1/feedback/${it.id}`), 401);
    assertProblem(await req('GET', '/api/v1/feedback'), 401);
  });

  test('list filters: status, type, overdue, q; bad values 422; a unit out of scope 404', async () => {
    let r = await as('vp', 'GET', '/api/v1/feedback?box=all&status=published');
    assert.ok(r.json.items.length >= 2 && r.json.items.every((i) => i.status === 'published'));
    r = await as('vp', 'GET', '/api/v1/feedback?box=all&type=2');
    assert.ok(r.json.items.every((i) => i.type === 2));
    r = await as('vp', 'GET', '/api/v1/feedback?overdue=1');
    assert.ok(r.json.items.length >= 1, 'demo data has an overdue item');
    assert.ok(r.json.items.every((i) => i.overdue === true && i.clock.days_left <= 0));
    assert.ok(r.json.overdue_count >= r.json.items.length);
    r = await as('vp', 'GET', '/api/v1/feedback?due_soon=1');
    assert.ok(r.json.items.every((i) => i.due_soon === true && !i.overdue));
    r = await as('vp', 'GET', '/api/v1/feedback?box=unit');
    assert.ok(r.json.items.every((i) => ['forwarded', 'processing', 'answered'].includes(i.status) && i.assigned_unit_id));
    for (const bad of ['status=lost', 'type=9', 'box=mine', 'from=2024-02-30', 'overdue=maybe', 'per_page=1000']) {
      assertProblem(await as('vp', 'GET', `/api/v1/feedback?${bad}`), 422);
    }
    assertProblem(await as('xa11', 'GET', `/api/v1/feedback?unit_id=${U.X0102}`), 404);
    assert.equal((await as('huyen1', 'GET', `/api/v1/feedback?unit_id=${U.X0101}`)).status, 200);
    // Default box follows the role: the commune sees its own unit box.
    r = await as('xa11', 'GET', '/api/v1/feedback');
    assert.equal(r.json.box, 'unit');
    assert.ok(r.json.items.every((i) => i.assigned_unit_id === U.X0101));
  });
});

describe('the whole journey with every role', () => {
  let it;
  test('accept and classify, forward to a commune; the commune and its district see it, others never', async () => {
    it = await newItem({ type: 6 });
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/accept`, { type: 0 }), 422, 'type');
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/accept`, { procedure_code: 'KHONG-CO' }), 422, 'procedure_code');
    let d = await act('vp', it.id, 'accept', { type: 1, field: 'Hộ tịch', note: 'Phân loại lại' }, 'accepted');
    assert.equal(d.type, 1);
    assert.equal(d.field, 'Hộ tịch');
    assert.ok(d.allowed.includes('forward'));
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/forward`, {}), 422, 'unit_id');
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/forward`, { unit_id: 99999999 }), 422, 'unit_id');
    d = await act('vp', it.id, 'forward', { unit_id: U.X0101, note: 'Chuyển UBND phường xử lý' }, 'forwarded');
    assert.equal(d.assigned_unit_id, U.X0101);
    assert.equal(d.clock.step, 'unit');
    assert.equal(d.clock.limit, 15);
    assert.equal(d.answer_due, d.clock.due);
    // Who sees it now.
    for (const who of ['xa11', 'huyen1', 'huyen1o', 'vp', 'admin', 'tinh']) {
      assert.equal((await as(who, 'GET', `/api/v1/feedback/${it.id}`)).status, 200, who);
    }
    for (const who of ['xa12', 'xa21', 'stp']) {
      assertProblem(await as(who, 'GET', `/api/v1/feedback/${it.id}`), 404);
      assertProblem(await as(who, 'POST', `/api/v1/feedback/${it.id}/receive`), 404);
      assertProblem(await as(who, 'PUT', `/api/v1/feedback/${it.id}/answer`, { answer: 'x' }), 404);
      assertProblem(await as(who, 'GET', `/api/v1/feedback/${it.id}/files/1`), 404);
      const l = await as(who, 'GET', `/api/v1/feedback?box=all&q=${it.code}`);
      assert.equal(l.json.total, 0, who);
    }
    const inbox = await as('xa11', 'GET', '/api/v1/feedback');
    assert.ok(inbox.json.items.some((i) => i.id === it.id));
    // The district reads but only the commune itself handles.
    assertProblem(await as('huyen1', 'POST', `/api/v1/feedback/${it.id}/receive`), 403);
    assert.deepEqual((await as('xa11', 'GET', `/api/v1/feedback/${it.id}`)).json.allowed, ['receive', 'return']);
    // The commune was notified.
    const n = await as('xa11', 'GET', '/api/v1/notifications?unread=1');
    assert.ok(n.json.items.some((x) => x.entity_id === it.id && x.kind === 'feedback.forwarded'));
  });

  test('illegal transitions answer 409 with the allowed ones', async () => {
    let r = await as('vp', 'POST', `/api/v1/feedback/${it.id}/publish`);
    assertProblem(r, 409);
    assert.deepEqual(r.json.allowed, []);
    r = await as('xa11', 'POST', `/api/v1/feedback/${it.id}/submit`, { answer: 'Trả lời' });
    assertProblem(r, 409);
    assert.deepEqual(r.json.allowed, ['receive', 'return']);
    r = await as('vp', 'POST', `/api/v1/feedback/${it.id}/forward`, { unit_id: U.X0102 });
    assertProblem(r, 409);
  });

  test('the commune receives, drafts, submits; the coordinator sends back, then publishes', async () => {
    await act('xa11', it.id, 'receive', undefined, 'processing');
    assertProblem(await as('xa11', 'POST', `/api/v1/feedback/${it.id}/submit`), 422, 'answer');
    let d = await act('xa11', it.id, 'answer', { answer: 'Dự thảo: UBND phường đã chấn chỉnh cán bộ.' }, 'processing');
    assert.equal(d.answer_text, 'Dự thảo: UBND phường đã chấn chỉnh cán bộ.');
    assert.equal(d.events.length, 4, 'a draft is not a transition'); // submit, accept, forward, receive
    assertProblem(await as('xa11', 'PUT', `/api/v1/feedback/${it.id}/answer`, {}), 422, 'answer');
    d = await act('xa11', it.id, 'submit', undefined, 'answered');
    assert.equal(d.clock.limit, 2);
    assert.equal(d.clock.step, 'coordinator');
    // Before publication, the sender sees no answer.
    assert.equal((await track(it.code)).answer, null);
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/send-back`, {}), 422, 'note');
    d = await act('vp', it.id, 'send-back', { note: 'Bổ sung căn cứ pháp lý' }, 'processing');
    d = await act('xa11', it.id, 'submit', { answer: 'UBND phường đã chấn chỉnh cán bộ theo Nghị định 63/2010/NĐ-CP.' }, 'answered');
    d = await act('vp', it.id, 'publish', { note: 'Duyệt' }, 'published');
    assert.equal(d.answer_text, 'UBND phường đã chấn chỉnh cán bộ theo Nghị định 63/2010/NĐ-CP.');
    assert.equal(d.clock.due, null);
    assert.deepEqual(d.allowed, ['correct', 'reopen'], 'a published answer can only be corrected (issue 16) or reopened (issue 20)');
    // Every transition is an event with actor, time, from and to.
    const actions = d.events.map((e) => `${e.action}:${e.from_status ?? ''}>${e.to_status}`);
    assert.deepEqual(actions, [
      'submit:>new',
      'accept:new>accepted',
      'forward:accepted>forwarded',
      'receive:forwarded>processing',
      'submit_answer:processing>answered',
      'send_back:answered>processing',
      'submit_answer:processing>answered',
      'publish:answered>published',
    ]);
    for (const e of d.events.slice(1)) {
      assert.ok(e.actor_name, `actor of ${e.action}`);
      assert.match(e.at, /^\d{4}-\d\d-\d\dT/);
    }
    assert.equal(d.events[2].unit_id, U.X0101);
    assert.equal(d.events[5].note, 'Bổ sung căn cứ pháp lý');
  });

  test('the sender sees the answer, dates and step names only, and rates it once', async () => {
    const t = await track(it.code);
    assert.equal(t.status, 'published');
    assert.equal(t.answer.text, 'UBND phường đã chấn chỉnh cán bộ theo Nghị định 63/2010/NĐ-CP.');
    assert.equal(t.answer.unit_name, 'UBND phường Vị Xuyên');
    assert.equal(t.can_rate, true);
    const text = JSON.stringify(t);
    for (const secret of ['Trần Thị Hà', 'Hoàng Văn Nam', 'Bổ sung căn cứ pháp lý', 'Chuyển UBND phường xử lý', 'Dự thảo', 'vp.kstt']) {
      assert.ok(!text.includes(secret), `public view leaks "${secret}"`);
    }
    // A forwarding also names the unit it went to and the answer date it set (issue 16: the
    // sender is told why the clock moved); nothing else, never staff or notes.
    for (const h of t.history)
      assert.deepEqual(Object.keys(h).sort(), /chuyển cơ quan có thẩm quyền xử lý/.test(h.step) && h.unit_name !== undefined ? ['answer_due', 'at', 'step', 'unit_name'] : ['at', 'step']);
    const fw = t.history.filter((h) => h.unit_name !== undefined);
    assert.ok(fw.length >= 1, 'the forwarding is in the history with its unit');
    assert.equal(fw.at(-1).unit_name, 'UBND phường Vị Xuyên');
    assert.equal(fw.at(-1).answer_due, t.answer_due);
    assert.ok(t.history.length >= 5);
    let r = await preq('POST', `/api/v1/public/feedback/${it.code}/rating`, { body: { rating: 'satisfied', comment: 'Cảm ơn' }, local: next() });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.rating.value, 'satisfied');
    assert.equal(r.json.can_rate, false);
    r = await preq('POST', `/api/v1/public/feedback/${it.code}/rating`, { body: { rating: 'unsatisfied' }, local: next() });
    assertProblem(r, 409);
    // In the published list, without personal data.
    r = await preq('GET', `/api/v1/public/feedback?q=${encodeURIComponent(it.body.title)}`, { local: next() });
    assert.equal(r.json.total, 1);
    const pub = JSON.stringify(r.json);
    for (const k of ['name', 'address', 'phone', 'email']) assert.ok(!pub.includes(it.body[k]), k);
  });
});

describe('side paths', () => {
  test('reject: reasons from the list, where to go instead; final', async () => {
    const it = await newItem();
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/reject`, { reason: 'bored' }), 422, 'reason');
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/reject`, { reason: 'other' }), 422, 'note');
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/reject`, { reason: 'complaint' }), 422, 'redirect_to');
    const d = await act('vp', it.id, 'reject', {
      reason: 'complaint',
      note: 'Nội dung là khiếu nại quyết định hành chính.',
      redirect_to: 'Gửi đơn khiếu nại đến UBND thành phố Nam Định.',
    }, 'rejected');
    assert.equal(d.reject_reason, 'complaint');
    assert.ok(d.reject_reason_label);
    assert.equal(d.clock.due, null);
    const t = await track(it.code);
    assert.equal(t.status, 'rejected');
    assert.equal(t.rejection.reason, 'complaint');
    assert.equal(t.rejection.redirect_to, 'Gửi đơn khiếu nại đến UBND thành phố Nam Định.');
    const r = await as('vp', 'POST', `/api/v1/feedback/${it.id}/accept`, {});
    assertProblem(r, 409);
    assert.deepEqual(r.json.allowed, []);
  });

  test('request for information: once; the sender answers once; the clock restarts', async () => {
    const it = await newItem();
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/request-info`, { question: '' }), 422, 'question');
    let d = await act('vp', it.id, 'request-info', { question: 'Đề nghị cho biết số biên nhận hồ sơ.' }, 'needs_info');
    assert.equal(d.clock.due, null);
    assert.equal(d.clock.step, 'citizen');
    let t = await track(it.code);
    assert.equal(t.info_request.question, 'Đề nghị cho biết số biên nhận hồ sơ.');
    assert.equal(t.info_request.can_reply, true);
    let r = await preq('POST', `/api/v1/public/feedback/${it.code}/info`, {
      body: { reply: 'Số biên nhận 000.12.34.H40-230101-0001', attachments: [{ name: 'bien-nhan.pdf', content_base64: files.pdf().toString('base64') }] },
      local: next(),
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'new');
    assert.equal(r.json.info_request.can_reply, false);
    r = await preq('POST', `/api/v1/public/feedback/${it.code}/info`, { body: { reply: 'Lần hai' }, local: next() });
    assertProblem(r, 409);
    d = (await as('vp', 'GET', `/api/v1/feedback/${it.id}`)).json;
    assert.equal(d.status, 'new');
    assert.equal(d.info_reply, 'Số biên nhận 000.12.34.H40-230101-0001');
    assert.equal(d.files.length, 1);
    assert.equal(d.files[0].kind, 'info_reply');
    assert.ok(!d.allowed.includes('request_info'), 'asked once');
    r = await as('vp', 'POST', `/api/v1/feedback/${it.id}/request-info`, { question: 'Lần hai nữa' });
    assertProblem(r, 409);
    assert.ok(r.json.allowed.includes('accept') && !r.json.allowed.includes('request_info'));
    t = await track(it.code);
    assert.ok(t.history.some((h) => /bổ sung/.test(h.step)));
    // The coordinator was told.
    const n = await as('vp', 'GET', '/api/v1/notifications');
    assert.ok(n.json.items.some((x) => x.entity_id === it.id && x.kind === 'feedback.info_reply'));
  });

  test('a unit returns an item as not its competence; it loses sight of it; re-forwarded elsewhere', async () => {
    const it = await newItem();
    await act('vp', it.id, 'accept', {}, 'accepted');
    await act('vp', it.id, 'forward', { unit_id: U.X0101 }, 'forwarded');
    await act('xa11', it.id, 'receive', undefined, 'processing');
    await act('xa11', it.id, 'answer', { answer: 'Nháp của phường' });
    assertProblem(await as('xa11', 'POST', `/api/v1/feedback/${it.id}/return`, {}), 422, 'reason');
    const d = await act('xa11', it.id, 'return', { reason: 'Thuộc thẩm quyền Sở Tư pháp' }, 'returned');
    assert.equal(d.assigned_unit_id, null);
    assert.equal(d.return_reason, 'Thuộc thẩm quyền Sở Tư pháp');
    assertProblem(await as('xa11', 'GET', `/api/v1/feedback/${it.id}`), 404);
    const c = await as('vp', 'GET', `/api/v1/feedback?q=${it.code}`);
    assert.equal(c.json.items[0].status, 'returned');
    assert.equal(c.json.items[0].clock.step, 'coordinator');
    const n = await as('vp', 'GET', '/api/v1/notifications');
    assert.ok(n.json.items.some((x) => x.entity_id === it.id && x.kind === 'feedback.returned'));
    const f = await act('vp', it.id, 'forward', { unit_id: U.STP }, 'forwarded');
    assert.equal(f.answer_text, null, "the previous unit's draft does not follow the item");
    assert.equal((await as('stp', 'GET', `/api/v1/feedback/${it.id}`)).status, 200);
    assertProblem(await as('xa11', 'GET', `/api/v1/feedback/${it.id}`), 404);
  });

  test('duplicate links to the original (the root of a chain)', async () => {
    const a = await newItem();
    const b = await newItem();
    const c = await newItem();
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${b.id}/duplicate`, { duplicate_of: b.id }), 422, 'duplicate_of');
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${b.id}/duplicate`, { duplicate_of: 99999999 }), 422, 'duplicate_of');
    let d = await act('vp', b.id, 'duplicate', { duplicate_of: a.id }, 'duplicate');
    assert.equal(d.duplicate_of, a.id);
    assert.equal(d.duplicate.tracking_code, a.code);
    d = await act('vp', c.id, 'duplicate', { duplicate_of: b.id }, 'duplicate');
    assert.equal(d.duplicate_of, a.id);
    const t = await track(b.code);
    assert.equal(t.status, 'duplicate');
    assert.ok(!JSON.stringify(t).includes(a.code), "never the other sender's code");
  });

  test('files are served to staff in scope only', async () => {
    const it = await newItem({ attachments: [{ name: 'giay-to.pdf', content_base64: files.pdf().toString('base64') }] });
    const d = (await as('vp', 'GET', `/api/v1/feedback/${it.id}`)).json;
    const fid = d.files[0].id;
    assert.equal((await as('vp', 'GET', `/api/v1/feedback/${it.id}/files/${fid}`)).status, 200);
    assertProblem(await as('xa11', 'GET', `/api/v1/feedback/${it.id}/files/${fid}`), 404);
    assertProblem(await as('vp', 'GET', `/api/v1/feedback/${it.id}/files/99999999`), 404);
    await act('vp', it.id, 'accept', {}, 'accepted');
    await act('vp', it.id, 'forward', { unit_id: U.X0101 }, 'forwarded');
    assert.equal((await as('xa11', 'GET', `/api/v1/feedback/${it.id}/files/${fid}`)).status, 200);
    assertProblem(await as('xa12', 'GET', `/api/v1/feedback/${it.id}/files/${fid}`), 404);
  });

  test('the suggested unit comes from the procedure catalogue when it names the agency', async () => {
    const admin = T.admin;
    const f = await req('POST', '/api/v1/procedure-fields', { token: admin, body: { name: `Lĩnh vực thử ${Date.now()}` } });
    assert.equal(f.status, 201, f.text);
    // A catalogue code is "N.NNNNNN": six digits after the dot, leading zeros kept.
    const code = `9.${String(Date.now() % 1000000).padStart(6, '0')}`;
    const p = await req('POST', '/api/v1/procedures', {
      token: admin,
      body: { code, name: 'Thủ tục thử cho phản ánh', field_id: f.json.id, levels: ['province'], agency_unit_id: U.STP },
    });
    assert.equal(p.status, 201, p.text);
    const it = await newItem({ procedure_code: code });
    const d = (await as('vp', 'GET', `/api/v1/feedback/${it.id}`)).json;
    assert.equal(d.procedure_code, code);
    assert.equal(d.suggested_unit.unit_id, U.STP);
    await act('vp', it.id, 'accept', { procedure_code: code }, 'accepted');
  });
});

describe('statistics, reminders, notifications', () => {
  test('stats: received by type, unit and channel, answered on time, overdue, published, satisfaction', async () => {
    const r = await as('vp', 'GET', '/api/v1/feedback/stats');
    assert.equal(r.status, 200, r.text);
    const s = r.json;
    for (const k of ['received', 'rejected', 'duplicate', 'answered', 'answered_on_time', 'answered_late', 'overdue_open', 'published', 'satisfied', 'unsatisfied']) {
      assert.equal(typeof s[k], 'number', k);
    }
    assert.ok(s.received >= 10);
    assert.ok(s.published >= 2);
    assert.ok(s.satisfied >= 1);
    assert.equal(s.by_type.reduce((a, x) => a + x.count, 0), s.received);
    assert.equal(s.by_channel.reduce((a, x) => a + x.count, 0), s.received);
    assert.ok(s.by_unit.some((u) => u.unit_id === U.X0101));
    assert.ok(s.satisfaction_rate === null || (s.satisfaction_rate >= 0 && s.satisfaction_rate <= 1));
    // Counts are integers, and the rates follow from them (a SUM() read as a real once made the
    // on-time rate null although items were answered).
    for (const k of ['rejected', 'answered', 'answered_on_time', 'published', 'satisfied']) assert.ok(Number.isInteger(s[k]), k);
    assert.ok(s.answered > 0, 'the demo has answered items');
    assert.equal(s.on_time_rate, s.answered_on_time / s.answered);
    assert.equal(s.satisfaction_rate, s.satisfied + s.unsatisfied ? s.satisfied / (s.satisfied + s.unsatisfied) : null);
    // A commune sees its own figures only; another unit's are out of scope.
    const c = await as('xa11', 'GET', '/api/v1/feedback/stats');
    assert.equal(c.status, 200);
    assert.ok(c.json.received < s.received);
    assert.ok(c.json.by_unit.every((u) => u.unit_id === U.X0101));
    assertProblem(await as('xa11', 'GET', `/api/v1/feedback/stats?unit_id=${U.X0102}`), 404);
    const h = await as('huyen1', 'GET', `/api/v1/feedback/stats?unit_id=${U.X0101}`);
    assert.equal(h.status, 200);
    // A period.
    const empty = await as('vp', 'GET', '/api/v1/feedback/stats?from=2000-01-01&to=2000-12-31');
    assert.equal(empty.json.received, 0);
    assert.equal(empty.json.on_time_rate, null);
    assertProblem(await as('vp', 'GET', '/api/v1/feedback/stats?from=2024-02-01&to=2024-01-01'), 422, 'to');
    assertProblem(await req('GET', '/api/v1/feedback/stats'), 401);
  });

  test('reminders: overdue and due-soon items notify whoever must act; once a day', async () => {
    assertProblem(await as('xa11', 'POST', '/api/v1/feedback/reminders'), 403);
    const r = await as('vp', 'POST', '/api/v1/feedback/reminders');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.notifications >= 1);
    const reminders = async () => {
      const n = await as('vp', 'GET', '/api/v1/notifications?per_page=200');
      return n.json.items.filter((x) => x.kind === 'feedback.overdue' || x.kind === 'feedback.due_soon').map((x) => x.id);
    };
    const first = await reminders();
    assert.ok(first.length >= 1, 'the coordinator hears of overdue items');
    // Running again the same day writes no second copy (other suites may add other kinds meanwhile).
    await as('vp', 'POST', '/api/v1/feedback/reminders');
    assert.deepEqual(await reminders(), first);
  });

  test('notifications: read one of mine; never another unit\'s', async () => {
    const n = await as('xa11', 'GET', '/api/v1/notifications');
    assert.ok(n.json.items.length > 0);
    const id = n.json.items[0].id;
    assertProblem(await as('xa12', 'POST', `/api/v1/notifications/${id}/read`), 404);
    const r = await as('xa11', 'POST', `/api/v1/notifications/${id}/read`);
    assert.equal(r.status, 204);
    const after = await as('xa11', 'GET', '/api/v1/notifications?per_page=200');
    assert.ok(after.json.items.find((x) => x.id === id).read_at);
    assert.equal(typeof after.json.unread, 'number');
    const unread = await as('xa11', 'GET', '/api/v1/notifications?unread=1&per_page=200');
    assert.ok(!unread.json.items.some((x) => x.id === id), 'a read one is not listed as unread');
    assertProblem(await req('GET', '/api/v1/notifications'), 401);
  });

  test('every action writes an audit row', async () => {
    for (const x of ['feedback.submit', 'feedback.accept', 'feedback.forward', 'feedback.publish', 'feedback.rate', 'feedback.draft']) {
      const a = await as('admin', 'GET', `/api/v1/audit?entity=feedback&action=${x}&per_page=1`);
      assert.equal(a.status, 200);
      assert.ok(a.json.items.length === 1, x);
    }
  });
});
