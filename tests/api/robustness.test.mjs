// Issue 11, items 7 and 11: an anonymous large body is refused before it is read, and concurrent
// writes to one row (deadlocks, certification failures) are retried: no 500, nothing lost.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { BASE, req, login } from '../lib/api.mjs';

const rand = () => randomBytes(4).toString('hex');
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const YEAR = Number(TODAY.slice(0, 4));

/**
 * Sends the headers of a POST declaring `declared` bytes and only `sent` bytes of body, then
 * waits for an answer. Resolves with { status, head, body, ms } or rejects on timeout: a server
 * that waited for the whole body would never answer.
 */
function partialPost(path, declared, sent, headers = {}) {
  const u = new URL(BASE);
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const s = net.connect(Number(u.port), u.hostname);
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no answer within 5 s after ${sent} of ${declared} bytes`));
    }, 5000);
    s.on('connect', () => {
      const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      s.write(`POST ${path} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: text/csv\r\nContent-Length: ${declared}\r\n${extra}\r\n`);
      s.write(Buffer.alloc(sent, 0x61));
    });
    s.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const text = data.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /content-length: (\d+)/i.exec(text.slice(0, end));
      if (m && Buffer.byteLength(text.slice(end + 4)) < Number(m[1])) return;
      clearTimeout(timer);
      s.destroy();
      resolve({ status: Number(text.split(' ')[1]), head: text.slice(0, end), body: text.slice(end + 4), ms: Date.now() - t0 });
    });
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

test('an anonymous 200 MB upload is refused with 401 after 64 KB, without the body being read', async () => {
  for (const [path, size] of [
    ['/api/v1/dossiers/bulk', 200_000_000],
    ['/api/v1/plans/import', 8_000_000],
    ['/api/v1/procedures/import', 16_000_000],
    ['/api/v1/assignments/1/updates', 8_000_000],
  ]) {
    const r = await partialPost(path, size, 65536);
    assert.equal(r.status, 401, `${path}: ${r.head}`);
    assert.match(r.head, /content-type: application\/problem\+json/i);
    assert.match(r.head, /www-authenticate: Bearer/i);
    const p = JSON.parse(r.body);
    assert.equal(p.status, 401);
    assert.match(p.detail, /đăng nhập/);
  }
});

test('a signed-in user without the permission gets 403 before the body; a forged token 401', async () => {
  const xa = await login('xa11.daumoi'); // a commune officer may not ingest dossiers
  let r = await partialPost('/api/v1/dossiers/bulk', 200_000_000, 65536, { Authorization: `Bearer ${xa}` });
  assert.equal(r.status, 403, r.head);
  assert.match(JSON.parse(r.body).detail, /không được phép/);
  r = await partialPost('/api/v1/dossiers/bulk', 200_000_000, 65536, { Authorization: 'Bearer a.b.c' });
  assert.equal(r.status, 401, r.head);
  assert.match(r.head, /invalid_token/);
});

test('an authorised large-body route still works through the check (import preview)', async () => {
  const vp = await login('vp.kstt');
  const r = await req('POST', '/api/v1/plans/import/preview', {
    token: vp,
    raw: 'KẾ HOẠCH\nKiểm soát thủ tục hành chính năm 2026\nI. MỤC ĐÍCH\n',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
  assert.notEqual(r.status, 401, r.text);
  assert.notEqual(r.status, 403, r.text);
  assert.ok(r.status < 500, r.text);
});

// ---- deadlock storm ----------------------------------------------------------------------------
let asg, xa11;
before(async () => {
  const vp = await login('vp.kstt');
  xa11 = await login('xa11.daumoi');
  const units = (await req('GET', '/api/v1/units?per_page=1000', { token: vp })).json.items;
  const by = Object.fromEntries(units.map((u) => [u.code, u]));
  const r = await req('POST', '/api/v1/plans/import', {
    token: vp,
    body: {
      title: `Kế hoạch thử tranh chấp ${rand()}`,
      year: YEAR,
      unit_id: by.NDH.id,
      sections: [{ number: 'I', title: 'Thử', tasks: [{ number: '1', title: 'Nhiệm vụ cập nhật đồng thời', output: null, lead: [{ text: by.X0101.name, unit_id: by.X0101.id, group: null }], coop: [], timeline: { text: `Trước 31/12/${YEAR}` }, children: [] }] }],
    },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal((await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token: vp })).status, 200);
  const g = await req('GET', `/api/v1/plans/${r.json.id}`, { token: vp });
  asg = g.json.sections[0].tasks[0].assignments.find((a) => a.unit_id === by.X0101.id);
  assert.ok(asg, 'the commune got the task');
});

test('32 concurrent progress updates to one assignment: no 5xx, every acknowledged update stored', async () => {
  const N = 32;
  const results = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      req('POST', `/api/v1/assignments/${asg.id}/updates`, { token: xa11, body: { status: 'in_progress', progress: i + 1, note: `Cập nhật đồng thời số ${i + 1}` } }),
    ),
  );
  const statuses = results.map((r) => r.status);
  assert.deepEqual(statuses.filter((s) => s >= 500), [], `no 5xx: ${statuses.join(',')}`);
  const acked = results.filter((r) => r.status === 201).map((r) => r.json.update_id);
  assert.equal(acked.length, N, `all acknowledged: ${statuses.join(',')}`);
  const ups = await req('GET', `/api/v1/assignments/${asg.id}/updates?per_page=200`, { token: xa11 });
  assert.equal(ups.status, 200, ups.text);
  const stored = new Set(ups.json.items.map((u) => u.id));
  for (const id of acked) assert.ok(stored.has(id), `update ${id} stored`);
  const notes = new Set(ups.json.items.map((u) => u.note));
  for (let i = 1; i <= N; i++) assert.ok(notes.has(`Cập nhật đồng thời số ${i}`), `note ${i} stored`);
  const a = await req('GET', `/api/v1/assignments/${asg.id}`, { token: xa11 });
  assert.equal(a.status, 200, a.text);
  assert.ok(a.json.progress >= 1 && a.json.progress <= N, 'the assignment carries one of the updates');
});
