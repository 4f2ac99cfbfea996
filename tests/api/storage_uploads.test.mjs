// Attachment storage race (issue 11, item 13): 16 progress reports carrying identical bytes are
// posted at once (to 16 assignments, so that the test does not depend on deadlock retries); every
// one is stored, the stored file has exactly those bytes, the download hashes to the same SHA-256,
// and no temporary file is left next to it. A truncated file under the final name (what the old
// shared temporary name could leave) is replaced by the next upload of the same bytes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { req, login } from '../lib/api.mjs';
import { uploadDir, unitsByCode, makePlan, allTasks } from './storage.lib.mjs';

const N = 16;
let vp, xa11, assignments;

before(async () => {
  [vp, xa11] = await Promise.all(['vp.kstt', 'xa11.daumoi'].map((u) => login(u)));
  const U = await unitsByCode(vp);
  const tasks = Array.from({ length: N }, (_, i) => ({ number: String(i + 1), title: `Nhiệm vụ tải tệp ${i + 1}`, lead: ['X0101'], timeline: 'Quý IV/2030' }));
  const plan = await makePlan(vp, U, { publish: true, year: 2030, sections: [{ number: 'I', title: 'Mục tải tệp', tasks }] });
  assignments = allTasks(plan).map((t) => t.assignments.find((a) => a.unit_id === U.X0101.id).id);
  assert.equal(assignments.length, N);
});

/** A PDF-looking file of about 1.5 MB of random bytes (the type is detected by content). */
function pdf() {
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1536 * 1024), Buffer.from('\n%%EOF\n')]);
}
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const post = (id, bytes, name) =>
  req('POST', `/api/v1/assignments/${id}/updates`, {
    token: xa11,
    body: { status: 'in_progress', progress: 40, note: 'Kèm minh chứng', attachment: { name, content_base64: bytes.toString('base64') } },
  });
function onDisk(sha) {
  const dir = path.join(uploadDir(), sha.slice(0, 2));
  return { file: path.join(dir, sha), others: readdirSync(dir).filter((n) => n !== sha && !/^[0-9a-f]{64}$/.test(n)) };
}

test(`${N} concurrent reports with identical bytes: all stored, one intact file, the download hashes right`, async () => {
  for (let round = 0; round < 3; round++) {
    const bytes = pdf();
    const sha = sha256(bytes);
    const res = await Promise.all(assignments.map((id, i) => post(id, bytes, `minh-chung-${i}.pdf`)));
    for (const r of res) assert.equal(r.status, 201, r.text);
    const { file, others } = onDisk(sha);
    assert.equal(statSync(file).size, bytes.length);
    assert.equal(sha256(readFileSync(file)), sha, 'the stored file is intact');
    assert.deepEqual(others, [], 'no temporary file left');
    const d = await req('GET', `/api/v1/attachments/${sha}`, { token: xa11 });
    assert.equal(d.status, 200);
    // req() decodes text; fetch the bytes again as a buffer.
    const raw = await fetch(`${process.env.KSTT_BASE_URL}/api/v1/attachments/${sha}`, { headers: { authorization: `Bearer ${xa11}` } });
    const got = Buffer.from(await raw.arrayBuffer());
    assert.equal(got.length, bytes.length);
    assert.equal(sha256(got), sha, 'the download is the bytes sent');
    const ups = await Promise.all(assignments.map((id) => req('GET', `/api/v1/assignments/${id}/updates`, { token: xa11 })));
    for (const u of ups) assert.ok(u.json.items.some((x) => x.attachment_sha256 === sha && x.attachment_size === bytes.length));
  }
});

test('a truncated file under the final name is replaced by the next upload of the same bytes', async () => {
  const bytes = pdf();
  const sha = sha256(bytes);
  assert.equal((await post(assignments[0], bytes, 'ban-dau.pdf')).status, 201);
  const { file } = onDisk(sha);
  writeFileSync(file, bytes.subarray(0, 1000)); // what a torn write used to leave, trusted forever
  assert.equal((await post(assignments[1], bytes, 'lan-hai.pdf')).status, 201);
  assert.equal(statSync(file).size, bytes.length);
  assert.equal(sha256(readFileSync(file)), sha);
  assert.deepEqual(onDisk(sha).others, []);
});
