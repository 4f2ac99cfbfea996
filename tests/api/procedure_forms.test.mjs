// The forms of a procedure (mẫu đơn, tờ khai, issue 16): the catalogue's writers upload files
// (multipart, checked by content), the staff and the public procedure pages list them, the public
// downloads them by number, and a withdrawn form leaves the pages but keeps its row and file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { assertProblem, login, req } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';
import { addressPool, files, multipart, preq } from './feedback.lib.mjs';

const next = addressPool(246);
const pdf = (label) => Buffer.from(`%PDF-1.4\n% ${label} ${randomBytes(6).toString('hex')}\n%%EOF\n`);
let admin;
let vp;

/** A throwaway procedure the admin makes: { id, code }. */
async function newProcedure() {
  const fields = await req('GET', '/api/v1/procedure-fields', { token: admin });
  const fieldId = fields.json.items[0].id;
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = `1.7${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const r = await req('POST', '/api/v1/procedures', {
      token: admin,
      body: { code, name: `Thủ tục có mẫu đơn ${randomBytes(3).toString('hex')}`, field_id: fieldId, levels: ['commune'] },
    });
    if (r.status === 201) return r.json;
    assert.equal(r.status, 422, r.text);
  }
  throw new Error('no free procedure code');
}

function upload(id, token, list, fields = {}) {
  const mp = multipart(fields, list.map((f) => ({ field: 'files', type: 'application/octet-stream', ...f })));
  return req('POST', `/api/v1/procedures/${id}/forms`, { token, raw: mp.body, headers: mp.headers });
}
const pub = (path) => preq('GET', path, { local: next() });

before(async () => {
  admin = await login('admin');
  vp = await login('vp.kstt');
});

test('a writer uploads forms; the staff and public pages list them; the public downloads each by number', async () => {
  const p = await newProcedure();
  const a = pdf('to-khai');
  const b = files.png();
  const r = await upload(p.id, vp, [
    { name: 'To khai dang ky.pdf', data: a },
    { name: 'mau-don.png', data: b },
  ]);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(
    r.json.forms.map((f) => [f.n, f.name, f.mime, f.size]),
    [
      [1, 'To khai dang ky.pdf', 'application/pdf', a.length],
      [2, 'mau-don.png', 'image/png', b.length],
    ],
  );
  const staff = await req('GET', `/api/v1/procedures/${p.id}`, { token: vp });
  assert.deepEqual(staff.json.forms.map((f) => f.name), ['To khai dang ky.pdf', 'mau-don.png']);
  const page = await pub(`/api/v1/public/procedures/${p.code}`);
  assert.equal(page.status, 200, page.text);
  assert.deepEqual(page.json.forms.map((f) => [f.n, f.name]), [
    [1, 'To khai dang ky.pdf'],
    [2, 'mau-don.png'],
  ]);
  const d1 = await pub(`/api/v1/public/procedures/${p.code}/forms/1`);
  assert.equal(d1.status, 200);
  assert.ok(d1.buffer.equals(a), 'the bytes uploaded');
  assert.match(d1.headers.get('content-type'), /^application\/pdf/);
  assert.match(d1.headers.get('content-disposition'), /^attachment/);
  const d2 = await req('GET', `/api/v1/procedures/${p.id}/forms/2`, { token: await login('xa11.daumoi') });
  assert.equal(d2.status, 200, 'every signed-in reader downloads from the staff page');
  // The audit names the writer's action and the forms.
  const audit = await req('GET', `/api/v1/audit?entity=procedure&entity_id=${p.id}&action=procedure.forms_add`, { token: admin });
  assert.equal(audit.status, 200, audit.text);
  assert.equal(audit.json.items.length, 1);
});

test('a withdrawn form leaves both pages and its download, keeps its row and file, and numbers are not reused', async () => {
  const p = await newProcedure();
  assert.equal((await upload(p.id, vp, [{ name: 'a.pdf', data: pdf('a') }, { name: 'b.pdf', data: pdf('b') }])).status, 201);
  const w = await req('DELETE', `/api/v1/procedures/${p.id}/forms/1`, { token: vp });
  assert.equal(w.status, 204, w.text);
  assertProblem(await req('DELETE', `/api/v1/procedures/${p.id}/forms/1`, { token: vp }), 404);
  const staff = await req('GET', `/api/v1/procedures/${p.id}`, { token: vp });
  assert.deepEqual(staff.json.forms.map((f) => f.n), [2]);
  const page = await pub(`/api/v1/public/procedures/${p.code}`);
  assert.deepEqual(page.json.forms.map((f) => f.n), [2]);
  assert.equal((await pub(`/api/v1/public/procedures/${p.code}/forms/1`)).status, 404);
  assert.equal((await req('GET', `/api/v1/procedures/${p.id}/forms/1`, { token: vp })).status, 404);
  const kept = sql(`SELECT n, withdrawn_at IS NOT NULL, withdrawn_by IS NOT NULL FROM procedure_forms WHERE procedure_id = ${Number(p.id)} ORDER BY n`);
  assert.deepEqual(kept, [
    ['1', '1', '1'],
    ['2', '0', '0'],
  ]);
  const again = await upload(p.id, vp, [{ name: 'c.pdf', data: pdf('c') }]);
  assert.deepEqual(again.json.forms.map((f) => f.n), [2, 3], 'a new form takes the next number, never a withdrawn one');
});

test('validation: a form body of files only, named in Vietnamese; type by content; at most 5 per upload and 20 offered', async () => {
  const p = await newProcedure();
  const json = await req('POST', `/api/v1/procedures/${p.id}/forms`, { token: vp, body: { files: [] } });
  assertProblem(json, 422, 'files');
  assertProblem(await upload(p.id, vp, []), 422, 'files');
  const exe = await upload(p.id, vp, [{ name: 'mau.pdf', data: files.exe() }]);
  assertProblem(exe, 422, 'files');
  assert.match(exe.json.errors[0].message, /không đúng định dạng/);
  assertProblem(await upload(p.id, vp, [{ name: 'a.pdf', data: pdf('x') }], { note: 'thừa' }), 422, 'note');
  const six = Array.from({ length: 6 }, (_, i) => ({ name: `m${i}.pdf`, data: pdf(`six${i}`) }));
  assertProblem(await upload(p.id, vp, six), 422, 'files');
  for (let i = 0; i < 4; i++) assert.equal((await upload(p.id, vp, six.slice(0, 5).map((f) => ({ ...f, data: pdf(`cap${i}`) })))).status, 201);
  const over = await upload(p.id, vp, [{ name: 'z.pdf', data: pdf('z') }]);
  assertProblem(over, 422, 'files');
  assert.match(over.json.errors[0].message, /tối đa 20/);
  const stored = sql(`SELECT COUNT(*) FROM procedure_forms WHERE procedure_id = ${Number(p.id)}`);
  assert.deepEqual(stored, [['20']], 'no row from a rejected upload');
  assertProblem(await upload(99999999, vp, [{ name: 'a.pdf', data: pdf('missing') }]), 404);
  assertProblem(await req('GET', `/api/v1/procedures/${p.id}/forms/abc`, { token: vp }), 404);
  assert.equal((await pub(`/api/v1/public/procedures/${p.code}/forms/0`)).status, 404);
  assert.equal((await pub('/api/v1/public/procedures/not-a-code/forms/1')).status, 404);
});

test('roles: only the catalogue writers upload and withdraw; the public and every reader download', async () => {
  const p = await newProcedure();
  assert.equal((await upload(p.id, vp, [{ name: 'a.pdf', data: pdf('roles') }])).status, 201);
  for (const who of ['xa11.daumoi', 'huyen1.lanhdao', 'lanhdao.tinh']) {
    const t = await login(who);
    assertProblem(await upload(p.id, t, [{ name: 'b.pdf', data: pdf(who) }]), 403);
    assertProblem(await req('DELETE', `/api/v1/procedures/${p.id}/forms/1`, { token: t }), 403);
  }
  assertProblem(await upload(p.id, null, [{ name: 'b.pdf', data: pdf('anon') }]), 401);
  assert.equal((await req('GET', `/api/v1/procedures/${p.id}/forms/1`)).status, 401);
  assert.equal((await upload(p.id, admin, [{ name: 'b.pdf', data: pdf('admin') }])).status, 201, 'the admin writes too');
});
