// Several evidence files per progress update (issue 15, migration 022): an update carries up to
// five files (files: [{name, content_base64}]), each checked by content; six, or one bad file
// among good ones, is 422 with nothing recorded and nothing written to the store; the lists answer
// files [{n, name, type, size}]; GET /api/v1/task-updates/{id}/files/{n} serves file n to those
// who may see the assignment (404 to others); an update with the older single attachment is
// file 1 by number and still by its sha; both shapes at once are refused.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { BASE, req, login, assertProblem } from '../lib/api.mjs';
import { STACK_ENV } from '../lib/stack.mjs';
import { sql } from './storage.lib.mjs';

const rand = () => randomBytes(4).toString('hex');
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const U = {};
let vp, xa11, xa12, h1off, asg;

function pdfBytes(text) {
  const objs = ['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R]/Count 1>>', '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>'];
  let out = `%PDF-1.4\n%${text}\n`;
  const offs = [];
  objs.forEach((o, i) => {
    offs.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
function pngBytes(r, g, b) {
  const CRC = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const x of buf) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, r, g, b]))), chunk('IEND', Buffer.alloc(0))]);
}
const att = (name, bytes) => ({ name, content_base64: bytes.toString('base64') });
const post = (body, token = xa11) => req('POST', `/api/v1/assignments/${asg.id}/updates`, { token, body: { status: 'in_progress', progress: 40, ...body } });
const updates = async () => (await req('GET', `/api/v1/assignments/${asg.id}/updates`, { token: xa11 })).json.items;
const stored = (sha) => existsSync(path.join(STACK_ENV.KSTT_UPLOAD_DIR, sha.slice(0, 2), sha));
async function file(id, n, token = xa11) {
  const res = await fetch(`${BASE}/api/v1/task-updates/${id}/files/${n}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

before(async () => {
  const admin = await login('admin');
  [vp, xa11, xa12, h1off] = await Promise.all(['vp.kstt', 'xa11.daumoi', 'xa12.daumoi', 'huyen1.daumoi'].map((u) => login(u)));
  const r = await req('GET', '/api/v1/units?per_page=1000', { token: admin });
  for (const u of r.json.items) U[u.code] = u;
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4));
  const p = await req('POST', '/api/v1/plans/import', {
    token: vp,
    body: {
      title: `Kế hoạch nhiều tệp minh chứng ${rand()}`,
      year,
      unit_id: U.NDH.id,
      sections: [{ number: 'I', title: 'Nhiệm vụ thử', tasks: [{ number: '1', title: 'Nhiệm vụ có nhiều minh chứng', output: null, lead: [{ text: U.X0101.name, unit_id: U.X0101.id, group: null }], coop: [], timeline: { text: 'Hàng quý' }, children: [] }] }],
    },
  });
  assert.equal(p.status, 201, p.text);
  assert.equal((await req('POST', `/api/v1/plans/${p.json.id}/publish`, { token: vp })).status, 200);
  const g = await req('GET', `/api/v1/plans/${p.json.id}`, { token: vp });
  asg = g.json.sections[0].tasks[0].assignments.find((a) => a.unit_id === U.X0101.id);
  assert.ok(asg);
});

test('two and five files: listed in order with number, name, type and size; each downloaded by its number', async () => {
  const two = [pdfBytes(`hai-1-${rand()}`), pngBytes(1, 2, 3)];
  let r = await post({ files: [att('Báo cáo.pdf', two[0]), att('anh.png', two[1])] });
  assert.equal(r.status, 201, r.text);
  const five = [pdfBytes(`nam-1-${rand()}`), pdfBytes(`nam-2-${rand()}`), pngBytes(9, 8, 7), pdfBytes(`nam-4-${rand()}`), pngBytes(4, 5, 6)];
  r = await post({ files: five.map((b, i) => att(`minh-chung-${i + 1}.${b[0] === 0x89 ? 'png' : 'pdf'}`, b)) });
  assert.equal(r.status, 201, r.text);
  const [u5, u2] = await updates();
  assert.deepEqual(u2.files.map((f) => [f.n, f.name, f.type, f.size]), [[1, 'Báo cáo.pdf', 'application/pdf', two[0].length], [2, 'anh.png', 'image/png', two[1].length]]);
  assert.deepEqual(u5.files.map((f) => f.n), [1, 2, 3, 4, 5]);
  assert.equal(u2.attachment_name, 'Báo cáo.pdf', 'file 1 stays in the older fields');
  for (let i = 0; i < 5; i++) {
    const f = await file(u5.id, i + 1);
    assert.equal(f.status, 200);
    assert.ok(f.body.equals(five[i]), `file ${i + 1}: the same bytes`);
  }
  const g = await file(u2.id, 2);
  assert.equal(g.type, 'image/png');
  assert.equal((await file(u2.id, 3)).status, 404, 'no file 3');
  assert.equal((await file(u2.id, 0)).status, 404);
  assert.equal((await file(u2.id, 'x')).status, 404);
  // the older download by sha also serves a file beyond the first
  const bySha = await fetch(`${BASE}/api/v1/attachments/${sha256(five[2])}`, { headers: { authorization: `Bearer ${xa11}` } });
  assert.equal(bySha.status, 200);
  // the task detail lists the files too
  const t = await req('GET', `/api/v1/tasks/${asg.task_id}`, { token: xa11 });
  assert.equal(t.status, 200, t.text);
  const tu = (t.json.updates || []).find((x) => x.id === u5.id);
  assert.ok(tu, 'the update in the task detail');
  assert.equal(tu.files.length, 5);
});

test('six files, a bad file among good ones, or both shapes at once: 422 and nothing recorded or stored', async () => {
  const before = (await updates()).length;
  const good = () => att('tot.pdf', pdfBytes(`tot-${rand()}`));
  const six = Array.from({ length: 6 }, good);
  assertProblem(await post({ files: six }), 422, 'files');
  const fresh = pdfBytes(`khong-luu-${rand()}`);
  const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(200)]);
  const r = await post({ files: [att('dau.pdf', fresh), att('chuong-trinh.pdf', exe), good()] });
  assertProblem(r, 422, 'files[1]');
  assert.equal(r.json.errors.length, 1, 'only the bad one is named');
  assertProblem(await post({ files: [good(), { name: 'x.pdf' }] }), 422, 'files[1].content_base64');
  assertProblem(await post({ files: [good(), 'x.pdf'] }), 422, 'files[1]');
  assertProblem(await post({ files: 'x.pdf' }), 422, 'files');
  assertProblem(await post({ attachment: good(), files: [good()] }), 422, 'files');
  assert.equal((await updates()).length, before, 'nothing recorded');
  assert.equal(stored(sha256(fresh)), false, 'the good file of the refused update was not written');
});

test('an update with the older single attachment is file 1, by number and by sha; scope', async () => {
  const pdf = pdfBytes(`mot-${rand()}`);
  const r = await post({ attachment: att('mot-tep.pdf', pdf) });
  assert.equal(r.status, 201, r.text);
  const [u] = await updates();
  assert.deepEqual(u.files, [{ n: 1, name: 'mot-tep.pdf', type: 'application/pdf', size: pdf.length }]);
  assert.ok((await file(u.id, 1)).body.equals(pdf));
  const bySha = await fetch(`${BASE}/api/v1/attachments/${u.attachment_sha256}`, { headers: { authorization: `Bearer ${xa11}` } });
  assert.equal(bySha.status, 200);
  // the district above and the coordinator see it; another commune does not; signed out 401
  assert.equal((await file(u.id, 1, h1off)).status, 200);
  assert.equal((await file(u.id, 1, vp)).status, 200);
  assert.equal((await file(u.id, 1, xa12)).status, 404);
  assert.equal((await file(u.id, 1, null)).status, 401);
  assert.equal((await file(999999999, 1)).status, 404);
  // every update with an attachment in the older columns (those written before 022, copied by
  // the migration, and the new ones) has it as its file 1
  const orphans = sql(
    'SELECT COUNT(*) FROM task_updates u LEFT JOIN task_update_files f ON f.update_id = u.id AND f.n = 1 ' +
      'WHERE u.attachment_sha256 IS NOT NULL AND (f.sha256 IS NULL OR f.sha256 <> u.attachment_sha256 OR f.name <> u.attachment_name)',
  );
  assert.equal(orphans[0][0], '0');
});
