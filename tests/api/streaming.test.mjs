// Large JSON answers are streamed (issue 21, decision 217): an answer over one FastCGI record
// (65,528 bytes) goes out as the server serializes it, without a Content-Length, and nginx sends
// it chunked; a smaller one keeps its Content-Length. Either way the client gets every row. The
// framing is looked at with `Accept-Encoding: identity`: nginx compresses JSON for clients that
// take gzip, and a compressed answer never has a length.
// 120 audit rows with a 1.2 KB after-image each (an unknown actor, dated 2020, so no other
// suite's list meets them) make the audit list's page of 100 about 150 KB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { req, login } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';

const marker = `stream_${randomBytes(4).toString('hex')}`;
const N = 120;
const RECORD = 65528;
let admin;

before(async () => {
  admin = await login('admin');
  sql(
    `INSERT INTO audit_log (at, actor_id, actor_username, action, entity, entity_id, after_json)
     SELECT '2020-01-02 03:04:05' + INTERVAL s.seq SECOND, NULL, NULL, 'stream.check', '${marker}',
            CONCAT('e', s.seq), JSON_OBJECT('n', s.seq, 'text', REPEAT('Đường ống ', 120))
     FROM seq_1_to_${N} s`,
  );
});

after(() => {
  sql(`DELETE FROM audit_log WHERE entity = '${marker}'`);
});

const plain = { 'accept-encoding': 'identity' };
const ids = (limit, offset) =>
  sql(`SELECT id FROM audit_log WHERE entity = '${marker}' ORDER BY id DESC LIMIT ${limit} OFFSET ${offset}`).map((r) => Number(r[0]));

test('a page over 64 KB is streamed without a length and arrives whole', async () => {
  const r = await req('GET', `/api/v1/audit?entity=${marker}&per_page=100`, { token: admin, headers: plain });
  assert.equal(r.status, 200, r.text);
  const bytes = Buffer.byteLength(r.text);
  assert.ok(bytes > 2 * RECORD, `${bytes} bytes: more than two records`);
  assert.equal(r.headers.get('content-length'), null, 'a streamed answer has no length');
  assert.equal(r.headers.get('transfer-encoding'), 'chunked');
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.json.total, N);
  assert.deepEqual(r.json.items.map((a) => a.id), ids(100, 0), 'the rows the database orders first');
  for (const a of r.json.items) {
    assert.equal(a.entity, marker);
    assert.equal(a.action, 'stream.check');
    assert.equal(a.entity_id, `e${a.after.n}`);
    assert.equal(a.after.text, 'Đường ống '.repeat(120), 'text intact across record boundaries');
  }
  const gz = await req('GET', `/api/v1/audit?entity=${marker}&per_page=100`, { token: admin });
  assert.equal(gz.text, r.text, 'the same bytes when nginx compresses the stream');
});

test('a page under 64 KB keeps its Content-Length', async () => {
  const r = await req('GET', `/api/v1/audit?entity=${marker}&per_page=100&page=2`, { token: admin, headers: plain });
  assert.equal(r.status, 200, r.text);
  assert.equal(Number(r.headers.get('content-length')), Buffer.byteLength(r.text));
  assert.deepEqual(r.json.items.map((a) => a.id), ids(100, 100));
});

test('streamed answers do not mix when many are sent at once', async () => {
  const pages = [10, 40, 60, 100];
  const all = await Promise.all(
    Array.from({ length: 24 }, (_, i) => req('GET', `/api/v1/audit?entity=${marker}&per_page=${pages[i % 4]}`, { token: admin })),
  );
  all.forEach((r, i) => {
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((a) => a.id), ids(pages[i % 4], 0), `request ${i}`);
  });
});

test('refusals of the same list are small problems with a length', async () => {
  for (const [token, status] of [[await login('xa11.daumoi'), 403], [undefined, 401]]) {
    const r = await req('GET', `/api/v1/audit?entity=${marker}&per_page=100`, { token, headers: plain });
    assert.equal(r.status, status, r.text);
    assert.match(r.headers.get('content-type'), /problem\+json/);
    assert.equal(Number(r.headers.get('content-length')), Buffer.byteLength(r.text));
    assert.ok(!r.text.includes(marker), 'no row leaks into a refusal');
  }
  const bad = await req('GET', `/api/v1/audit?entity=${marker}&per_page=501`, { token: admin });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.errors.some((e) => e.field === 'per_page'));
});
