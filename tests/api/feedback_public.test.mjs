// Citizen feedback, public side: the proof-of-work challenge, the form (JSON and multipart with
// attachments), every kind of bad input, the honeypot, replayed or wrong proofs of work, tracking
// by code, published answers without personal data, and nginx's rate limit (429).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem, login, req } from '../lib/api.mjs';
import {
  CODE_RE,
  addressPool,
  altcha,
  challenge,
  files,
  form,
  multipart,
  payload,
  preq,
  sleep,
  submit,
  submitMultipart,
} from './feedback.lib.mjs';

const next = addressPool(71);
const PERSONAL = ['name', 'address', 'phone', 'email', 'sender_name', 'organization', 'sender_kind'];

/** None of the sender's personal values appear anywhere in a public answer. */
function assertNoPersonalData(json, body) {
  const text = JSON.stringify(json);
  for (const k of ['name', 'address', 'phone', 'email']) {
    assert.ok(!text.includes(body[k]), `personal data (${k}) leaked: ${text.slice(0, 300)}`);
  }
  const walk = (o) => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object')
      for (const [k, v] of Object.entries(o)) {
        assert.ok(!PERSONAL.includes(k), `personal field ${k} in a public answer`);
        walk(v);
      }
  };
  walk(json);
}

async function staffSearch(q) {
  const t = await login('vp.kstt');
  const r = await req('GET', `/api/v1/feedback?box=all&q=${encodeURIComponent(q)}&per_page=50`, { token: t });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

describe('proof-of-work challenge', () => {
  test('ALTCHA format, signed, expiring, fresh each time', async () => {
    const a = await challenge(next());
    const b = await challenge(next());
    assert.deepEqual(Object.keys(a).sort(), ['algorithm', 'challenge', 'maxnumber', 'salt', 'signature']);
    assert.equal(a.algorithm, 'SHA-256');
    assert.match(a.challenge, /^[0-9a-f]{64}$/);
    assert.match(a.signature, /^[0-9a-f]{64}$/);
    assert.ok(Number.isInteger(a.maxnumber) && a.maxnumber >= 10);
    const m = a.salt.match(/^[0-9a-f]{24}\?expires=(\d+)&$/);
    assert.ok(m, a.salt);
    const exp = Number(m[1]) - Date.now() / 1000;
    assert.ok(exp > 60 && exp <= 3600, `expires in ${exp} s`);
    assert.notEqual(a.challenge, b.challenge);
    assert.notEqual(a.salt, b.salt);
    const r = await preq('GET', '/api/v1/public/challenge', { local: next() });
    assert.match(r.headers.get('cache-control') || '', /no-store/);
  });

  test('meta: the eight kinds of Nghị định 20/2008 and the time limits of the rule set', async () => {
    const r = await preq('GET', '/api/v1/public/feedback/meta', { local: next() });
    assert.equal(r.status, 200);
    assert.equal(r.json.types.length, 8);
    assert.deepEqual(r.json.types.map((t) => t.id), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.match(r.json.types[0].label, /phiền hà/);
    assert.match(r.json.types[7].label, /Sáng kiến/);
    assert.deepEqual(r.json.rules, { reject_days: 2, info_request_days: 5, forward_days: 5, answer_days: 15, publish_days: 2 });
    assert.equal(r.json.max_files, 3);
    assert.equal(r.json.max_file_bytes, 5 * 1024 * 1024);
  });
});

describe('submitting the form', () => {
  test('JSON: 201 with an unguessable readable code, the receipt time and the answer date', async () => {
    const { r, body } = await submit(next);
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(Object.keys(r.json).sort(), ['answer_due', 'receipt_mailed', 'received_at', 'tracking_code']);
    // The address was not confirmed with a code: no receipt by mail, the code is on screen.
    assert.equal(r.json.receipt_mailed, false);
    assert.match(r.json.tracking_code, CODE_RE);
    assert.match(r.json.received_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    assert.match(r.json.answer_due, /^\d{4}-\d\d-\d\d$/);
    assert.ok(Math.abs(Date.parse(r.json.received_at) - Date.now()) < 60000);
    // 20 working days (forward 5 + answer 15) are at least 4 calendar weeks away.
    assert.ok(Date.parse(r.json.answer_due) - Date.now() > 25 * 86400000);
    // Stored: the coordinator finds it, with the sender's data.
    const s = await staffSearch(r.json.tracking_code);
    assert.equal(s.items.length, 1);
    assert.equal(s.items[0].status, 'new');
    assert.equal(s.items[0].title, body.title);
  });

  test('tracking by code (any case, with or without dashes) shows status and history only', async () => {
    const { r, body } = await submit(next);
    const code = r.json.tracking_code;
    for (const c of [code, code.toLowerCase(), code.replace(/-/g, '')]) {
      const t = await preq('GET', `/api/v1/public/feedback/${c}`, { local: next() });
      assert.equal(t.status, 200, t.text);
      assert.equal(t.json.tracking_code, code);
      assert.equal(t.json.status, 'new');
      assert.ok(t.json.status_label);
      assert.equal(t.json.title, body.title);
      assert.equal(t.json.answer_due, r.json.answer_due);
      assert.equal(t.json.history.length, 1);
      assert.deepEqual(Object.keys(t.json.history[0]).sort(), ['at', 'step']);
      assert.equal(t.json.answer, null);
      assert.equal(t.json.info_request, null);
      assert.equal(t.json.can_rate, false);
      assertNoPersonalData(t.json, body);
    }
    for (const bad of ['AAAA-BBBB-CCCC', 'ABCD-EFGH-JK0M', 'xyz', '2222-2222-2222-2222']) {
      const t = await preq('GET', `/api/v1/public/feedback/${bad}`, { local: next() });
      assertProblem(t, 404);
    }
  });

  test('an organisation needs its name; a person keeps none', async () => {
    let { r } = await submit(next, { sender_kind: 'organization' });
    assertProblem(r, 422, 'organization');
    ({ r } = await submit(next, { sender_kind: 'organization', organization: 'Công ty TNHH Ánh Dương' }));
    assert.equal(r.status, 201, r.text);
    ({ r } = await submit(next, { sender_kind: 'club' }));
    assertProblem(r, 422, 'sender_kind');
  });

  test('required fields, limits and formats: 422 with Vietnamese errors per field', async () => {
    const pow = await altcha(next());
    const r = await preq('POST', '/api/v1/public/feedback', {
      body: { altcha: pow, type: 9, email: 'not-an-email', phone: 'abc', content: 'x'.repeat(10001), extra: 1 },
      local: next(),
    });
    assertProblem(r, 422);
    const fields = new Set(r.json.errors.map((e) => e.field));
    for (const f of ['name', 'address', 'title', 'type', 'content', 'extra']) assert.ok(fields.has(f), `error for ${f}: ${r.text}`);
    for (const e of r.json.errors) assert.match(e.message, /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýÁĐ]/i, e.message);
    // Each check on its own.
    const cases = [
      [{ phone: '12345' }, 'phone'],
      [{ phone: '0912 345 678 999 000 1' }, 'phone'],
      [{ email: 'a@b' }, 'email'],
      [{ email: 'two@@example.vn' }, 'email'],
      [{ title: '   ' }, 'title'],
      [{ content: '\n\n ' }, 'content'],
      [{ type: 0 }, 'type'],
      [{ type: '1' }, 'type'],
      [{ content: 'đ'.repeat(10001) }, 'content'],
      [{ procedure_code: 'KHONG.TON.TAI' }, 'procedure_code'],
      [{ unit_id: 99999999 }, 'unit_id'],
      [{ name: 'x'.repeat(256) }, 'name'],
    ];
    for (const [extra, field] of cases) {
      const { r: rr } = await submit(next, extra);
      assertProblem(rr, 422, field);
    }
    // At the limit it passes: 10,000 characters (Vietnamese, multi-byte).
    const { r: ok } = await submit(next, { content: 'ệ'.repeat(10000) });
    assert.equal(ok.status, 201, ok.text);
    // Not JSON at all.
    const bad = await preq('POST', '/api/v1/public/feedback', {
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
      local: next(),
    });
    assertProblem(bad, 400);
  });

  test('a unit and a known procedure may be named', async () => {
    const units = await req('GET', '/api/v1/units?q=X0101', { token: await login('admin') });
    const unit = units.json.items.find((u) => u.code === 'X0101');
    const { r } = await submit(next, { unit_id: unit.id });
    assert.equal(r.status, 201, r.text);
  });
});

describe('anti-abuse', () => {
  test('a filled honeypot is refused (422) and nothing is stored', async () => {
    const { r, body } = await submit(next, { website: 'http://spam.example' });
    assertProblem(r, 422, 'website');
    const s = await staffSearch(body.title);
    assert.equal(s.total, 0, 'nothing stored');
    // The same form with the honeypot empty goes through.
    const { r: ok } = await submit(next, { title: body.title });
    assert.equal(ok.status, 201);
  });

  test('a replayed proof of work is refused, the first use stands', async () => {
    const pow = await altcha(next());
    const { r: first } = await submit(next, { altcha: pow });
    assert.equal(first.status, 201, first.text);
    const { r: again, body } = await submit(next, { altcha: pow });
    assertProblem(again, 422, 'altcha');
    assert.match(again.json.errors.find((e) => e.field === 'altcha').message, /đã được sử dụng/);
    assert.equal((await staffSearch(body.title)).total, 0);
  });

  test('a proof of work used by two submissions at once is spent once', async () => {
    const pow = await altcha(next());
    const rs = await Promise.all([1, 2, 3, 4].map(() => submit(next, { altcha: pow })));
    const statuses = rs.map((x) => x.r.status).sort();
    assert.deepEqual(statuses, [201, 422, 422, 422]);
  });

  test('wrong, forged, missing or malformed proofs of work: 422 on field altcha', async () => {
    const ch = await challenge(next());
    const right = JSON.parse(Buffer.from(payload(ch), 'base64').toString());
    const variants = [
      { ...right, number: right.number + 1 }, // wrong answer
      { ...right, signature: 'a'.repeat(64) }, // forged
      { ...right, salt: right.salt.replace(/expires=\d+/, 'expires=9999999999') }, // moved expiry
      { ...right, algorithm: 'SHA-1' },
      { algorithm: 'SHA-256' },
    ];
    for (const v of variants) {
      const { r } = await submit(next, { altcha: Buffer.from(JSON.stringify(v)).toString('base64') });
      assertProblem(r, 422, 'altcha');
    }
    for (const junk of ['', 'not base64 at all!', Buffer.from('[1]').toString('base64')]) {
      const { r } = await submit(next, { altcha: junk });
      assertProblem(r, 422, 'altcha');
    }
    const body = form();
    const r = await preq('POST', '/api/v1/public/feedback', { body, local: next() });
    assertProblem(r, 422, 'altcha');
  });

  test('nginx rate limit on public endpoints: a fast burst gets 429 problem+json', async () => {
    // One source address of its own, so no other test shares this bucket.
    const local = '127.0.79.1';
    const rs = await Promise.all(Array.from({ length: 80 }, () => preq('GET', '/api/v1/public/feedback/meta', { local })));
    const limited = rs.filter((r) => r.status === 429);
    const ok = rs.filter((r) => r.status === 200);
    assert.ok(limited.length > 0, 'some 429');
    assert.ok(ok.length >= 20, `the burst allowance passes (${ok.length})`);
    const p = limited[0];
    assert.match(p.headers.get('content-type'), /application\/problem\+json/);
    assert.equal(p.json.status, 429);
    assert.match(p.json.title, /Quá nhiều yêu cầu/);
    assert.ok(p.headers.get('retry-after'));
    // Writes are limited too (the form's POST).
    const posts = await Promise.all(
      Array.from({ length: 10 }, () => preq('POST', '/api/v1/public/feedback', { body: {}, local })),
    );
    assert.ok(posts.some((r) => r.status === 429), 'POST limited as well');
    // Another address is not affected.
    const other = await preq('GET', '/api/v1/public/feedback/meta', { local: '127.0.79.2' });
    assert.equal(other.status, 200);
    await sleep(2500);
  });
});

describe('multipart form with attachments', () => {
  test('up to 3 files (PDF, PNG, JPG) stored and listed for staff', async () => {
    const pdf = files.pdf();
    const { r } = await submitMultipart(next, [
      { name: 'don-phan-anh.pdf', type: 'application/pdf', data: pdf },
      { name: 'anh chụp.png', type: 'image/png', data: files.png() },
      { name: 'bien-nhan.JPG', type: 'image/jpeg', data: files.jpg() },
    ]);
    assert.equal(r.status, 201, r.text);
    const t = await login('vp.kstt');
    const s = await staffSearch(r.json.tracking_code);
    const d = await req('GET', `/api/v1/feedback/${s.items[0].id}`, { token: t });
    assert.equal(d.json.files.length, 3);
    assert.deepEqual(d.json.files.map((f) => f.name), ['don-phan-anh.pdf', 'anh chụp.png', 'bien-nhan.JPG']);
    assert.deepEqual(d.json.files.map((f) => f.mime), ['application/pdf', 'image/png', 'image/jpeg']);
    const f = await req('GET', `/api/v1/feedback/${s.items[0].id}/files/${d.json.files[0].id}`, { token: t });
    assert.equal(f.status, 200);
    assert.equal(f.text, pdf.toString());
    assert.match(f.headers.get('content-disposition'), /attachment/);
  });

  test('files of the wrong kind, disguised by their extension, are refused', async () => {
    const cases = [
      { name: 'to-khai.pdf', data: files.exe() }, // a program named .pdf
      { name: 'anh.png', data: files.text() }, // text named .png
      { name: 'ban-scan.pdf', data: files.png() }, // a real PNG named .pdf
      { name: 'virus.exe', data: files.exe() },
      { name: 'khong-duoi', data: files.pdf() },
    ];
    for (const c of cases) {
      const { r, body } = await submitMultipart(next, [{ ...c, type: 'application/pdf' }]);
      assertProblem(r, 422, 'attachments');
      assert.equal((await staffSearch(body.title)).total, 0);
    }
  });

  test('more than 3 files, a file over 5 MB, a body over the cap', async () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ name: `t${i}.pdf`, data: files.pdf() }));
    let { r } = await submitMultipart(next, four);
    assertProblem(r, 422, 'attachments');
    const big = Buffer.concat([files.pdf(), Buffer.alloc(5 * 1024 * 1024 + 1 - files.pdf().length, 0x20)]);
    ({ r } = await submitMultipart(next, [{ name: 'lon.pdf', data: big }]));
    assertProblem(r, 422, 'attachments');
    assert.match(r.json.errors[0].message, /5 MB/);
    // Exactly 5 MB passes.
    const five = Buffer.concat([files.pdf(), Buffer.alloc(5 * 1024 * 1024 - files.pdf().length, 0x20)]);
    ({ r } = await submitMultipart(next, [{ name: 'vua-du.pdf', data: five }]));
    assert.equal(r.status, 201, r.text);
    // Over the route's body cap (16 MB): 413 before anything is parsed.
    const huge = multipart(form(), [{ name: 'a.pdf', data: Buffer.alloc(17 * 1024 * 1024, 0x41) }]);
    const h = await preq('POST', '/api/v1/public/feedback', { body: huge.body, headers: huge.headers, local: next() });
    assertProblem(h, 413);
  });

  test('JSON attachments (base64) are checked the same way', async () => {
    let { r } = await submit(next, { attachments: [{ name: 'a.pdf', content_base64: files.pdf().toString('base64') }] });
    assert.equal(r.status, 201, r.text);
    ({ r } = await submit(next, { attachments: [{ name: 'a.pdf', content_base64: files.exe().toString('base64') }] }));
    assertProblem(r, 422, 'attachments');
    ({ r } = await submit(next, { attachments: [{ name: 'a.pdf' }] }));
    assertProblem(r, 422, 'attachments');
    ({ r } = await submit(next, { attachments: 'a.pdf' }));
    assertProblem(r, 422, 'attachments');
  });

  test('malformed multipart bodies: 400 or 422, never a crash', async () => {
    const pow = await altcha(next());
    const cases = [
      { body: Buffer.from('--abc\r\nno headers end'), ct: 'multipart/form-data; boundary=abc', status: 400 },
      { body: Buffer.from('whatever'), ct: 'multipart/form-data', status: 400 },
      { body: Buffer.from(`--abc\r\nContent-Disposition: form-data; name="altcha"\r\n\r\n${pow}\r\n--abc--`), ct: 'multipart/form-data; boundary=abc', status: 422 },
      { body: Buffer.from('--abc\r\nContent-Disposition: form-data; name="title"\r\n\r\n\xff\xfe\r\n--abc--', 'latin1'), ct: 'multipart/form-data; boundary=abc', status: 422 },
    ];
    for (const c of cases) {
      const r = await preq('POST', '/api/v1/public/feedback', { body: c.body, headers: { 'content-type': c.ct }, local: next() });
      assertProblem(r, c.status);
    }
    // A field sent twice.
    const b = form();
    b.altcha = pow;
    const mp = multipart(b);
    const dup = Buffer.concat([Buffer.from(`--${mp.headers['content-type'].split('=')[1]}\r\nContent-Disposition: form-data; name="title"\r\n\r\nlặp\r\n`), mp.body]);
    const r = await preq('POST', '/api/v1/public/feedback', { body: dup, headers: mp.headers, local: next() });
    assertProblem(r, 422, 'title');
  });
});

describe('published answers', () => {
  test('list: title, content, unit, dates and answer, never personal data', async () => {
    const r = await preq('GET', '/api/v1/public/feedback', { local: next() });
    assert.equal(r.status, 200);
    assert.ok(r.json.total >= 2, 'demo data has published answers');
    for (const it of r.json.items) {
      assert.deepEqual(
        Object.keys(it).sort(),
        ['answer', 'content', 'corrected_at', 'correction_reason', 'field', 'id', 'published_at', 'received_on', 'reopen_reason', 'reopened_at', 'title', 'type', 'type_label', 'unit_id', 'unit_name'],
      );
      assert.ok(it.answer);
    }
    assert.ok(!JSON.stringify(r.json).includes('0912345678'), 'the demo sender phone never appears');
    assert.ok(!JSON.stringify(r.json).includes('Nguyễn Thị Dân'), 'the demo sender name never appears');
  });

  test('search ignores diacritics; filters by type and unit; paging', async () => {
    let r = await preq('GET', `/api/v1/public/feedback?q=${encodeURIComponent('chung thuc')}`, { local: next() });
    assert.equal(r.status, 200);
    assert.ok(r.json.items.some((i) => /chứng thực/i.test(i.title + i.content + i.answer)));
    r = await preq('GET', `/api/v1/public/feedback?q=${encodeURIComponent('zzzkhongcogi')}`, { local: next() });
    assert.equal(r.json.total, 0);
    r = await preq('GET', '/api/v1/public/feedback?type=2', { local: next() });
    assert.ok(r.json.items.length > 0 && r.json.items.every((i) => i.type === 2));
    const unit = r.json.items[0].unit_id;
    r = await preq('GET', `/api/v1/public/feedback?unit_id=${unit}`, { local: next() });
    assert.ok(r.json.items.every((i) => i.unit_id === unit));
    r = await preq('GET', '/api/v1/public/feedback?per_page=1&page=2', { local: next() });
    assert.equal(r.json.items.length, 1);
    assert.equal(r.json.page, 2);
    r = await preq('GET', '/api/v1/public/feedback?type=9', { local: next() });
    assertProblem(r, 422, 'type');
    r = await preq('GET', '/api/v1/public/feedback?per_page=500', { local: next() });
    assertProblem(r, 422, 'per_page');
  });

  test('the sender cannot answer an information request nobody made, nor rate too early', async () => {
    const { r } = await submit(next);
    const code = r.json.tracking_code;
    let x = await preq('POST', `/api/v1/public/feedback/${code}/info`, { body: { reply: 'Tôi bổ sung' }, local: next() });
    assertProblem(x, 409);
    x = await preq('POST', `/api/v1/public/feedback/${code}/rating`, { body: { rating: 'satisfied' }, local: next() });
    assertProblem(x, 409);
    x = await preq('POST', `/api/v1/public/feedback/${code}/rating`, { body: { rating: 'great' }, local: next() });
    assertProblem(x, 422, 'rating');
    x = await preq('POST', '/api/v1/public/feedback/2222-2222-2222/rating', { body: { rating: 'satisfied' }, local: next() });
    assertProblem(x, 404);
    x = await preq('POST', `/api/v1/public/feedback/${code}/info`, { body: { reply: '' }, local: next() });
    assertProblem(x, 422, 'reply');
  });
});
