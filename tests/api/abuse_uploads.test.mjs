// Unauthenticated disk filling (issue 11, item 4): a spent proof of work, a honeypot, a bad field,
// an unknown code or a wrong state, sent with attachments, leave nothing in the upload store
// (every cheap rejection comes before a file touches the disk); `kstt-api sweep-uploads` (the
// scheduler's hourly job) removes files older than a day that no row names, and keeps every file
// a feedback item or a progress report names.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertProblem, login, req } from '../lib/api.mjs';
import { STACK_ENV, kstt } from '../lib/stack.mjs';
import { sql } from '../lib/kpi-ref.mjs';
import { addressPool, altcha, files, form, multipart, preq, submit, submitMultipart } from './feedback.lib.mjs';

const next = addressPool(83);
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

const UPLOADS = STACK_ENV.KSTT_UPLOAD_DIR;
const stored = (sha) => existsSync(path.join(UPLOADS, sha.slice(0, 2), sha));
const sweep = () => kstt('sweep-uploads');

/** A small real PDF whose bytes (and so whose name in the store) no other test sends. */
const uniquePdf = () => Buffer.from(`%PDF-1.4\n% abuse test ${randomBytes(12).toString('hex')}\n%%EOF\n`);

before(() => {
  assert.ok(UPLOADS && existsSync(UPLOADS), `upload directory ${UPLOADS}`);
});

test('a replayed proof of work with files: 422 on altcha and no file written (multipart and JSON)', async () => {
  const pow = await altcha(next());
  const first = await submit(next, { altcha: pow });
  assert.equal(first.r.status, 201, first.r.text);
  // multipart
  const pdf = uniquePdf();
  const body = form({ altcha: pow });
  const mp = multipart(body, [{ name: 'ban-sao.pdf', type: 'application/pdf', data: pdf }]);
  const r = await preq('POST', '/api/v1/public/feedback', { body: mp.body, headers: mp.headers, local: next() });
  assertProblem(r, 422, 'altcha');
  assert.match(r.json.errors.find((e) => e.field === 'altcha').message, /đã được sử dụng/);
  assert.equal(stored(sha256(pdf)), false, 'the replay left its file in the store');
  // JSON with base64 attachments
  const pdf2 = uniquePdf();
  const { r: r2 } = await submit(next, { altcha: pow, attachments: [{ name: 'b.pdf', content_base64: pdf2.toString('base64') }] });
  assertProblem(r2, 422, 'altcha');
  assert.equal(stored(sha256(pdf2)), false);
  // The same file with a fresh proof of work is stored (the check above can see a file).
  const { r: ok } = await submitMultipart(next, [{ name: 'ban-sao.pdf', type: 'application/pdf', data: pdf }]);
  assert.equal(ok.status, 201, ok.text);
  assert.equal(stored(sha256(pdf)), true);
});

test('one proof of work sent four times at once with different files: one stored, three leave nothing', async () => {
  const pow = await altcha(next());
  const pdfs = [0, 1, 2, 3].map(uniquePdf);
  const rs = await Promise.all(
    pdfs.map((pdf) => {
      const mp = multipart(form({ altcha: pow }), [{ name: 'tep.pdf', type: 'application/pdf', data: pdf }]);
      return preq('POST', '/api/v1/public/feedback', { body: mp.body, headers: mp.headers, local: next() });
    }),
  );
  assert.deepEqual(rs.map((r) => r.status).sort(), [201, 422, 422, 422]);
  rs.forEach((r, i) => assert.equal(stored(sha256(pdfs[i])), r.status === 201, `file ${i} (${r.status})`));
});

test('honeypot, invalid proof of work, invalid fields and the per-number ceiling with files: nothing written', async () => {
  const cases = [
    { website: 'http://spam.example' },
    { altcha: Buffer.from('{"algorithm":"SHA-256"}').toString('base64') },
    { title: '   ', phone: 'abc' },
    { unit_id: 99999999 },
  ];
  for (const extra of cases) {
    const pdf = uniquePdf();
    const body = form(extra);
    if (!('altcha' in extra)) body.altcha = await altcha(next());
    const mp = multipart(body, [{ name: 'tep.pdf', type: 'application/pdf', data: pdf }]);
    const r = await preq('POST', '/api/v1/public/feedback', { body: mp.body, headers: mp.headers, local: next() });
    assertProblem(r, 422);
    assert.equal(stored(sha256(pdf)), false, `${JSON.stringify(extra)} left its file`);
  }
});

test('/public/feedback/{code}/info with files: an unknown code (404) or a wrong state (409) writes nothing', async () => {
  const { r } = await submit(next);
  assert.equal(r.status, 201, r.text);
  for (const [code, status] of [['2222-2222-2222', 404], [r.json.tracking_code, 409]]) {
    const pdf = uniquePdf();
    const x = await preq('POST', `/api/v1/public/feedback/${code}/info`, {
      body: { reply: 'Tôi xin bổ sung giấy tờ', attachments: [{ name: 'bo-sung.pdf', content_base64: pdf.toString('base64') }] },
      local: next(),
    });
    assertProblem(x, status);
    assert.equal(stored(sha256(pdf)), false, `${status} left its file`);
  }
});

// ---- the sweep ------------------------------------------------------------------------------------

function plant(bytes, ageDays) {
  const sha = sha256(bytes);
  const dir = path.join(UPLOADS, sha.slice(0, 2));
  mkdirSync(dir, { recursive: true });
  const p = path.join(dir, sha);
  writeFileSync(p, bytes);
  const t = Date.now() / 1000 - ageDays * 86400;
  utimesSync(p, t, t);
  return p;
}
const age = (p, days) => {
  const t = Date.now() / 1000 - days * 86400;
  utimesSync(p, t, t);
};

async function progressReportWithFile(pdf) {
  const vp = await login('vp.kstt');
  const units = (await req('GET', '/api/v1/units?per_page=1000', { token: vp })).json.items;
  const x0101 = units.find((u) => u.code === 'X0101');
  const ndh = units.find((u) => u.code === 'NDH');
  const year = new Date().getFullYear();
  const imp = await req('POST', '/api/v1/plans/import', {
    token: vp,
    body: {
      title: `Kế hoạch thử dọn tệp ${randomBytes(4).toString('hex')}`,
      year,
      unit_id: ndh.id,
      sections: [{ number: 'I', title: 'Thử', tasks: [{ number: '1', title: 'Báo cáo có tệp', output: null, lead: [{ text: x0101.name, unit_id: x0101.id, group: null }], coop: [], timeline: { text: 'Theo yêu cầu' }, children: [] }] }],
    },
  });
  assert.equal(imp.status, 201, imp.text);
  assert.equal((await req('POST', `/api/v1/plans/${imp.json.id}/publish`, { token: vp })).status, 200);
  const plan = await req('GET', `/api/v1/plans/${imp.json.id}`, { token: vp });
  const a = plan.json.sections[0].tasks[0].assignments.find((x) => x.unit_id === x0101.id);
  const xa11 = await login('xa11.daumoi');
  const up = await req('POST', `/api/v1/assignments/${a.id}/updates`, {
    token: xa11,
    body: { status: 'in_progress', progress: 40, attachment: { name: 'bao-cao.pdf', content_base64: pdf.toString('base64') } },
  });
  assert.equal(up.status, 201, up.text);
}

test('the sweep removes old orphans and old temporary files, keeps new ones and every file a row names', async () => {
  const oldOrphan = plant(uniquePdf(), 2);
  const newOrphan = plant(uniquePdf(), 0);
  const tmp = path.join(path.dirname(oldOrphan), `.tmp-999999-${randomBytes(8).toString('hex')}`);
  writeFileSync(tmp, 'half a file');
  age(tmp, 2);
  // A feedback file and a progress-report file, both older than a day.
  const fbPdf = uniquePdf();
  const { r } = await submitMultipart(next, [{ name: 'phan-anh.pdf', type: 'application/pdf', data: fbPdf }]);
  assert.equal(r.status, 201, r.text);
  const repPdf = uniquePdf();
  await progressReportWithFile(repPdf);
  for (const b of [fbPdf, repPdf]) age(path.join(UPLOADS, sha256(b).slice(0, 2), sha256(b)), 3);

  const out = sweep();
  const m = out.match(/sweep-uploads: (\d+) removed/);
  assert.ok(m && Number(m[1]) >= 2, out);
  assert.equal(existsSync(oldOrphan), false, 'an orphan older than a day is removed');
  assert.equal(existsSync(tmp), false, 'a temporary file older than a day is removed');
  assert.equal(existsSync(newOrphan), true, 'a recent file is kept (its row may not be committed yet)');
  assert.equal(stored(sha256(fbPdf)), true, 'a feedback file is kept');
  assert.equal(stored(sha256(repPdf)), true, 'a progress report file is kept');
  // Still served.
  const vp = await login('vp.kstt');
  const s = await req('GET', `/api/v1/feedback?box=all&q=${encodeURIComponent(r.json.tracking_code)}`, { token: vp });
  const d = await req('GET', `/api/v1/feedback/${s.json.items[0].id}`, { token: vp });
  const f = await req('GET', `/api/v1/feedback/${s.json.items[0].id}/files/${d.json.files[0].id}`, { token: vp });
  assert.equal(f.status, 200);
  assert.equal(f.text, fbPdf.toString());
  // No file the database names is missing from the store.
  const names = readdirSync(UPLOADS).flatMap((d2) => (/^[0-9a-f]{2}$/.test(d2) ? readdirSync(path.join(UPLOADS, d2)) : []));
  assert.ok(names.includes(sha256(repPdf)));
});

test('a new submission that reuses the bytes of an old orphan marks the file used, so the sweep cannot take it mid-request', async () => {
  const pdf = uniquePdf();
  const p = plant(pdf, 2);
  assert.ok(Date.now() - statSync(p).mtimeMs > 86400e3);
  const { r } = await submitMultipart(next, [{ name: 'lai.pdf', type: 'application/pdf', data: pdf }]);
  assert.equal(r.status, 201, r.text);
  assert.ok(Date.now() - statSync(p).mtimeMs < 60e3, 'the reused file is marked as just used');
  sweep();
  assert.equal(existsSync(p), true);
});

test('the sweep keeps a file named by any column called sha256 or *_sha256, in a table it was never told about', async () => {
  // The list of file columns is read from the schema (decision 131): a module that adds a table of
  // evidence files is covered without registering it anywhere.
  const kept = uniquePdf();
  const gone = uniquePdf();
  const pKept = plant(kept, 2);
  const pGone = plant(gone, 2);
  sql('CREATE TABLE IF NOT EXISTS zz_sweep_probe (id INT AUTO_INCREMENT PRIMARY KEY, evidence_sha256 CHAR(64) NULL)');
  try {
    sql(`INSERT INTO zz_sweep_probe (evidence_sha256) VALUES ('${sha256(kept)}'), (NULL)`);
    sweep();
    assert.equal(existsSync(pKept), true, 'the probe table names it: kept');
    assert.equal(existsSync(pGone), false, 'nothing names it: removed');
  } finally {
    sql('DROP TABLE IF EXISTS zz_sweep_probe');
  }
});
