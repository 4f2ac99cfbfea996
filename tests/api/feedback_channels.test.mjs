// Feedback from every channel (issue 20): staff intake with the clock from the received date under
// the rule version in force that day, reopening a published item, signed reply letters, the public
// contact. Rule versions: a `feedback` version dated 2008-01-01 (before the first real one,
// 2008-05-01) is written by SQL, so only items received before 2008-05-01 read it (decision 203).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem, login, req, unitByCode } from '../lib/api.mjs';
import { addressPool, files, preq } from './feedback.lib.mjs';
import { sql } from './storage.lib.mjs';

const next = addressPool(81);
const T = {};
const U = {};
const OLD = { reject_days: 3, info_request_days: 7, forward_days: 10, answer_days: 30, publish_days: 4 };
const b64 = (buf) => buf.toString('base64');

const as = (who, method, path, body) => req(method, path, { token: T[who], body });

/** "YYYY-MM-DD" of a Date in UTC parts. */
const iso = (d) => d.toISOString().slice(0, 10);
/** The holiday calendar as the server reads it (days off, make-up working Saturdays). */
let CAL;
function calendar() {
  if (!CAL) {
    CAL = { off: new Set(), on: new Set() };
    for (const [day, kind] of sql('SELECT day, kind FROM holidays')) (kind === 'workday' ? CAL.on : CAL.off).add(day);
  }
  return CAL;
}
/** Adds n working days over weekends and the holiday calendar. */
function addWorking(day, n) {
  const c = calendar();
  const d = new Date(`${day}T00:00:00Z`);
  while (n > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const s = iso(d);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (c.on.has(s) || (!weekend && !c.off.has(s))) n--;
  }
  return iso(d);
}
function todayVn() {
  return iso(new Date(Date.now() + 7 * 3600 * 1000));
}

function intakeBody(extra = {}) {
  const m = Math.random().toString(16).slice(2, 10);
  return {
    channel: 'letter',
    received_at: todayVn(),
    name: `Người gửi thư ${m}`,
    phone: '0228 3123 456',
    address: `Số ${m} đường Trần Hưng Đạo`,
    title: `Thư phản ánh ${m}`,
    content: `Nội dung thư phản ánh ${m}: thủ tục yêu cầu thêm giấy tờ.`,
    type: 1,
    ...extra,
  };
}

async function intake(extra, who = 'vp') {
  const r = await as(who, 'POST', '/api/v1/feedback/intake', intakeBody(extra));
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function act(who, id, action, body, status) {
  const r = await as(who, action === 'answer' ? 'PUT' : 'POST', `/api/v1/feedback/${id}/${action}`, body);
  assert.equal(r.status, 200, `${who} ${action}: ${r.text}`);
  if (status) assert.equal(r.json.status, status);
  return r.json;
}

/** Intake -> accept -> forward to X0101 -> receive -> answer -> publish. */
async function published(extra) {
  const it = await intake(extra);
  await act('vp', it.id, 'accept', {}, 'accepted');
  await act('vp', it.id, 'forward', { unit_id: U.X0101 }, 'forwarded');
  await act('xa11', it.id, 'receive', {}, 'processing');
  await act('xa11', it.id, 'submit', { answer: 'UBND xã đã hướng dẫn người dân.' }, 'answered');
  await act('vp', it.id, 'publish', {}, 'published');
  return it;
}

before(async () => {
  for (const [k, u] of Object.entries({
    admin: 'admin',
    vp: 'vp.kstt',
    tinh: 'lanhdao.tinh',
    stp: 'stp.daumoi',
    huyen1: 'huyen1.lanhdao',
    xa11: 'xa11.daumoi',
  }))
    T[k] = await login(u);
  for (const c of ['VP', 'STP', 'X0101']) U[c] = (await unitByCode(c)).id;
  sql(
    `INSERT IGNORE INTO rule_sets (name, effective_from, rules_json, note) VALUES ('feedback', '2008-01-01', '${JSON.stringify(OLD)}', 'Kiểm thử: phiên bản trước 2008-05-01')`,
  );
  assert.equal(sql("SELECT COUNT(*) FROM holidays WHERE YEAR(day) = 2008")[0][0], '0', 'no holiday rows in 2008');
});

describe('staff intake', () => {
  test('a letter received earlier: channel, sender as given, files, clock from the received date', async () => {
    const day = addWorking(todayVn(), 0);
    const received = iso(new Date(new Date(`${day}T00:00:00Z`).getTime() - 3 * 86400000));
    const pdf = files.pdf();
    const r = await intake({ received_at: received, email: 'nguoigui@example.vn', attachments: [{ name: 'thu.pdf', content_base64: b64(pdf) }] });
    assert.match(r.tracking_code, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    assert.equal(r.channel, 'letter');
    assert.equal(r.received_at, received);
    const g = await as('vp', 'GET', `/api/v1/feedback/${r.id}`);
    assert.equal(g.status, 200, g.text);
    const d = g.json;
    assert.equal(d.status, 'new');
    assert.equal(d.channel, 'letter');
    assert.ok(d.received_at.startsWith(received), d.received_at);
    assert.ok(d.intake_at.startsWith(received));
    assert.match(d.sender_name, /^Người gửi thư/);
    assert.equal(d.phone, '0228 3123 456');
    assert.equal(d.email, 'nguoigui@example.vn');
    assert.equal(d.files.length, 1);
    assert.equal(d.files[0].kind, 'intake');
    assert.equal(d.files[0].mime, 'application/pdf');
    assert.equal(d.clock.due, r.due_date);
    assert.equal(d.clock.limit, d.rules.forward_days);
    assert.deepEqual(d.allowed.includes('accept'), true);
    assert.equal(d.events[0].action, 'submit');
    assert.ok(d.events[0].at.startsWith(received), 'the receipt is dated when it was received');
    assert.match(d.events[0].note, /thư, văn bản/);
    const f = await req('GET', `/api/v1/feedback/${r.id}/files/${d.files[0].id}`, { token: T.vp });
    assert.equal(f.status, 200);
    const audit = sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'feedback.intake' AND entity_id = '${r.id}'`);
    assert.equal(audit[0][0], '1');
    // the sender follows it by the tracking code like a web submission, without personal data
    const t = await preq('GET', `/api/v1/public/feedback/${r.tracking_code}`, { local: next() });
    assert.equal(t.status, 200, t.text);
    assert.equal(t.json.status, 'new');
    assert.equal(t.json.history[0].step, 'Đã nhận phản ánh, kiến nghị');
    assert.ok(t.json.history[0].at.startsWith(received));
    assert.ok(!t.text.includes('0228 3123 456') && !t.text.includes('nguoigui@example.vn'));
    // in the coordinator's inbox
    const l = await as('vp', 'GET', `/api/v1/feedback?q=${r.tracking_code}`);
    assert.equal(l.json.items.length, 1);
    assert.equal(l.json.items[0].channel, 'letter');
  });

  test('a phone call without the sender details is taken; each given detail is checked', async () => {
    const r = await intake({ channel: 'phone', name: null, phone: null, address: null });
    const g = await as('vp', 'GET', `/api/v1/feedback/${r.id}`);
    assert.equal(g.json.channel, 'phone');
    assert.equal(g.json.sender_name, '');
    assert.equal(g.json.phone, '');
    for (const ch of ['in_person', 'email', 'hotline']) assert.equal((await intake({ channel: ch })).channel, ch);
  });

  test('422 with the field: future or too early date, phone, e-mail, channel, title, file', async () => {
    const tomorrow = iso(new Date(new Date(`${todayVn()}T00:00:00Z`).getTime() + 86400000));
    const cases = [
      [{ received_at: tomorrow }, 'received_at'],
      [{ received_at: '2000-01-01' }, 'received_at'],
      [{ received_at: '2024-02-30' }, 'received_at'],
      [{ phone: '12ab' }, 'phone'],
      [{ email: 'khong-hop-le' }, 'email'],
      [{ channel: 'fax' }, 'channel'],
      [{ title: '   ' }, 'title'],
      [{ type: 9 }, 'type'],
      [{ attachments: [{ name: 'a.exe', content_base64: b64(Buffer.from('MZ\x90\x00')) }] }, 'attachments'],
      [{ unit_id: 99999999 }, 'unit_id'],
    ];
    for (const [extra, field] of cases) {
      const r = await as('vp', 'POST', '/api/v1/feedback/intake', intakeBody(extra));
      assertProblem(r, 422, field);
    }
    const r = await as('vp', 'POST', '/api/v1/feedback/intake', { ...intakeBody(), extra: 1 });
    assert.equal(r.status, 422);
  });

  test('only the coordinator office records intake', async () => {
    for (const who of ['stp', 'huyen1', 'xa11', 'tinh']) {
      const r = await as(who, 'POST', '/api/v1/feedback/intake', intakeBody());
      assertProblem(r, 403);
    }
  });
});

describe('clocks by the rule version in force on the received date', () => {
  test('items received on each side of 2008-05-01 get each version’s deadlines', async () => {
    const a = await intake({ received_at: '2008-03-03' }); // Monday, the test version
    const b = await intake({ received_at: '2008-06-02' }); // Monday, Nghị định 20/2008
    assert.deepEqual(a.rules, OLD);
    assert.equal(b.rules.forward_days, 5);
    assert.equal(b.rules.answer_days, 15);
    assert.equal(a.due_date, addWorking('2008-03-03', 10));
    assert.equal(a.answer_due, addWorking('2008-03-03', 40));
    assert.equal(b.due_date, addWorking('2008-06-02', 5));
    assert.equal(b.answer_due, addWorking('2008-06-02', 20));
    const ga = (await as('vp', 'GET', `/api/v1/feedback/${a.id}`)).json;
    const gb = (await as('vp', 'GET', `/api/v1/feedback/${b.id}`)).json;
    assert.deepEqual(ga.rules, OLD);
    assert.equal(ga.clock.due, addWorking('2008-03-03', 10));
    assert.equal(ga.clock.reject_due, addWorking('2008-03-03', 3));
    assert.equal(gb.clock.due, addWorking('2008-06-02', 5));
    assert.equal(gb.clock.reject_due, addWorking('2008-06-02', 2));
    assert.ok(ga.clock.overdue && gb.clock.overdue);
    // the list computes each row by its own version, and filters overdue on the stored dates
    const l = await as('vp', 'GET', `/api/v1/feedback?box=all&overdue=true&from=2008-01-01&to=2008-12-31&per_page=200`);
    const rows = Object.fromEntries(l.json.items.map((x) => [x.id, x]));
    assert.equal(rows[a.id].clock.due, addWorking('2008-03-03', 10));
    assert.equal(rows[b.id].clock.due, addWorking('2008-06-02', 5));
    assert.equal(sql(`SELECT due_date FROM feedback WHERE id = ${a.id}`)[0][0], addWorking('2008-03-03', 10));
    // forwarding: the unit's answer clock uses the item's version too
    await act('vp', a.id, 'accept', {}, 'accepted');
    const f = await act('vp', a.id, 'forward', { unit_id: U.X0101 }, 'forwarded');
    assert.equal(f.clock.limit, 30);
    assert.equal(f.answer_due, f.clock.due);
    await act('vp', b.id, 'accept', {}, 'accepted');
    const fb = await act('vp', b.id, 'forward', { unit_id: U.X0101 }, 'forwarded');
    assert.equal(fb.clock.limit, 15);
  });
});

describe('reopening a published item', () => {
  let it;
  before(async () => {
    it = await published({ received_at: '2008-03-04' });
  });

  test('422 without a reason of 5+ characters; 403 for a unit; 409 when not published', async () => {
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/reopen`, {}), 422, 'reason');
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/reopen`, { reason: 'abc' }), 422, 'reason');
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${it.id}/reopen`, { reason: '     ' }), 422, 'reason');
    assertProblem(await as('xa11', 'POST', `/api/v1/feedback/${it.id}/reopen`, { reason: 'Mở lại thử' }), 403);
    const fresh = await intake({});
    assertProblem(await as('vp', 'POST', `/api/v1/feedback/${fresh.id}/reopen`, { reason: 'Mở lại thử' }), 409);
  });

  test('back to the unit, clock restarted by the item’s rules, shown publicly with the reason', async () => {
    const reason = 'Người dân cung cấp thêm chứng cứ mới';
    const d = await act('vp', it.id, 'reopen', { reason }, 'processing');
    assert.equal(d.assigned_unit_id, U.X0101);
    assert.equal(d.clock.step, 'unit');
    assert.equal(d.clock.limit, OLD.answer_days);
    assert.equal(d.clock.due, addWorking(todayVn(), OLD.answer_days));
    assert.equal(d.answer_due, d.clock.due);
    const ev = d.events.at(-1);
    assert.equal(ev.action, 'reopen');
    assert.equal(ev.from_status, 'published');
    assert.equal(ev.to_status, 'processing');
    assert.equal(ev.note, reason);
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'feedback.reopen' AND entity_id = '${it.id}'`)[0][0], '1');
    const p = await preq('GET', `/api/v1/public/answers/${it.id}`, { local: next() });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.published, false);
    assert.equal(p.json.reopened, true);
    assert.equal(p.json.reopen_reason, reason);
    assert.equal(p.json.answer, null);
    const t = await preq('GET', `/api/v1/public/feedback/${it.tracking_code}`, { local: next() });
    assert.equal(t.json.reopened.reason, reason);
    assert.equal(t.json.answer, null);
    assert.ok(t.json.history.some((h) => h.step === 'Đã mở lại để xử lý tiếp'));
    const l = await preq('GET', `/api/v1/public/feedback?per_page=50`, { local: next() });
    assert.ok(!l.json.items.some((x) => x.id === it.id), 'not in the published list while reopened');
    // the unit answers again; once republished the page shows the answer and that it was reopened
    await act('xa11', it.id, 'submit', { answer: 'Trả lời bổ sung sau khi mở lại.' }, 'answered');
    await act('vp', it.id, 'publish', {}, 'published');
    const q = await preq('GET', `/api/v1/public/answers/${it.id}`, { local: next() });
    assert.equal(q.json.published, true);
    assert.equal(q.json.reopened, true);
    assert.equal(q.json.answer, 'Trả lời bổ sung sau khi mở lại.');
  });
});

describe('signed reply letters', () => {
  test('the unit attaches a PDF while handling; public once published; checked by content', async () => {
    const it = await intake({});
    await act('vp', it.id, 'accept', {}, 'accepted');
    await act('vp', it.id, 'forward', { unit_id: U.X0101 }, 'forwarded');
    const path = `/api/v1/feedback/${it.id}/answer/letter`;
    const pdf = files.pdf();
    // not yet received: 409; another unit: 404; a PNG, bad base64: 422
    assertProblem(await as('xa11', 'POST', path, { name: 'tl.pdf', content_base64: b64(pdf) }), 409);
    await act('xa11', it.id, 'receive', {}, 'processing');
    assertProblem(await as('stp', 'POST', path, { name: 'tl.pdf', content_base64: b64(pdf) }), 404);
    assertProblem(await as('xa11', 'POST', path, { name: 'tl.png', content_base64: b64(files.png()) }), 422, 'content_base64');
    assertProblem(await as('xa11', 'POST', path, { name: 'tl.pdf', content_base64: '@@@' }), 422, 'content_base64');
    assertProblem(await as('xa11', 'POST', path, { name: 'tl.pdf' }), 422, 'content_base64');
    const r = await as('xa11', 'POST', path, { name: 'van-ban-tra-loi.pdf', content_base64: b64(pdf) });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'reply_letter');
    assert.equal(r.json.mime, 'application/pdf');
    assert.equal(r.json.name, 'van-ban-tra-loi.pdf');
    assert.equal(r.json.size, pdf.length);
    // not public before publication
    assertProblem(await preq('GET', `/api/v1/public/answers/${it.id}/letters/${r.json.id}`, { local: next() }), 404);
    await act('xa11', it.id, 'submit', { answer: 'Văn bản trả lời kèm theo.' }, 'answered');
    await act('vp', it.id, 'publish', {}, 'published');
    // the coordinator may add one after publication
    const c = await as('vp', 'POST', path, { name: 'ban-sao.pdf', content_base64: b64(pdf) });
    assert.equal(c.status, 201, c.text);
    const p = await preq('GET', `/api/v1/public/answers/${it.id}`, { local: next() });
    assert.deepEqual(p.json.letters.map((x) => x.name), ['van-ban-tra-loi.pdf', 'ban-sao.pdf']);
    const dl = await preq('GET', `/api/v1/public/answers/${it.id}/letters/${r.json.id}`, { local: next() });
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/pdf');
    assert.ok(dl.buffer.equals(pdf));
    const t = await preq('GET', `/api/v1/public/feedback/${it.tracking_code}`, { local: next() });
    assert.equal(t.json.answer.letters.length, 2);
    // a file of another kind is not a letter
    const g = (await as('vp', 'GET', `/api/v1/feedback/${it.id}`)).json;
    assert.ok(g.events.some((e) => e.action === 'attach_letter' && e.note === 'van-ban-tra-loi.pdf'));
    assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'feedback.letter' AND entity_id = '${it.id}'`)[0][0], '2');
  });
});

describe('the public contact', () => {
  test('the demo province ships one: the public pages never show an empty contact', async () => {
    // set by db/demo/012_public_contact.sql unless an administrator (or the test below) changed it
    const changed = sql("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.contact'")[0][0] !== '0';
    const g = await preq('GET', '/api/v1/public/contact', { local: next() });
    assert.equal(g.status, 200);
    if (!changed) assert.deepEqual([g.json.hotline, g.json.email], ['0228 3649 888', 'kstt@namdinh.gov.vn']);
    for (const k of ['hotline', 'address', 'email']) assert.ok(g.json[k], `${k} is set`);
  });
  test('the province admin edits it; the public reads it; 422 with the field; others 403', async () => {
    const body = { hotline: '1900 1234', address: 'Số 1 đường Trần Hưng Đạo, Nam Định', email: 'kstt@namdinh.gov.vn' };
    const r = await as('admin', 'PUT', '/api/v1/settings/contact', body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.hotline, '1900 1234');
    const g = await preq('GET', '/api/v1/public/contact', { local: next() });
    assert.equal(g.status, 200);
    assert.equal(g.json.hotline, body.hotline);
    assert.equal(g.json.address, body.address);
    assert.equal(g.json.email, body.email);
    assert.ok(g.json.updated_at);
    assertProblem(await as('admin', 'PUT', '/api/v1/settings/contact', { ...body, hotline: 'abc' }), 422, 'hotline');
    assertProblem(await as('admin', 'PUT', '/api/v1/settings/contact', { ...body, email: 'x@' }), 422, 'email');
    assertProblem(await as('admin', 'PUT', '/api/v1/settings/contact', { hotline: '1022' }), 422, 'address');
    for (const who of ['vp', 'tinh', 'huyen1', 'stp']) assertProblem(await as(who, 'PUT', '/api/v1/settings/contact', body), 403);
    assert.equal(sql("SELECT COUNT(*) > 0 FROM audit_log WHERE action = 'settings.contact'")[0][0], '1');
  });
});
