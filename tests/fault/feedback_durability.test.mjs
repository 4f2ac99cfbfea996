// Fault test: a worker is killed (-9) during a burst of public feedback submissions. Every
// submission that was acknowledged (201 with a tracking code) must be there afterwards: its row,
// its tracking page, and its attachment with the same bytes. Submissions cut off by the kill may
// fail (the sender saw no code and will retry) but none that was acknowledged may be lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, req } from '../lib/api.mjs';
import { apiWorkers as workers } from '../lib/stack.mjs';
import { addressPool, challenge, form, marker, multipart, payload, preq } from '../api/feedback.lib.mjs';

const TOTAL = 240;
const CONCURRENCY = 24;

test('kill -9 of a worker during a burst of submissions loses no acknowledged one', { timeout: 180000 }, async () => {
  const next = addressPool(73, 250);
  const m = marker();
  // Proofs of work first, so the burst is only submissions.
  const proofs = [];
  for (let i = 0; i < TOTAL; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, TOTAL - i) }, () => challenge(next())));
    proofs.push(...batch.map((ch) => payload(ch)));
  }
  const before = workers();
  assert.ok(before.length >= 1);
  const victim = before[0];
  const acked = [];
  let failed = 0;
  let sent = 0;
  let killed = false;
  async function one() {
    while (sent < TOTAL) {
      const i = sent++;
      if (!killed && i >= TOTAL / 3) {
        killed = true;
        process.kill(victim, 'SIGKILL');
      }
      const body = form({ title: `Bền vững ${m} số ${i}`, altcha: proofs[i] });
      const pdf = i % 2 ? Buffer.from(`%PDF-1.4\n% kstt durability ${m} ${i}\n%%EOF\n`) : null;
      try {
        let r;
        if (pdf) {
          const mp = multipart(body, [{ name: `tep-${i}.pdf`, type: 'application/pdf', data: pdf }]);
          r = await preq('POST', '/api/v1/public/feedback', { body: mp.body, headers: mp.headers, local: next() });
        } else {
          r = await preq('POST', '/api/v1/public/feedback', { body, local: next() });
        }
        if (r.status === 201) acked.push({ code: r.json.tracking_code, title: body.title, pdf });
        else failed++;
      } catch {
        failed++;
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, one));
  assert.ok(killed);
  assert.equal(acked.length + failed, TOTAL);
  // What the kill may cost: since decision 223 a worker holds every request nginx passed on its
  // kept connections, not only those its threads run, so each client's request in flight (one
  // at a time) may be lost, and one more sent on a kept connection before nginx saw it closed
  // (25 failed once with 24 clients). Everything else went through.
  assert.ok(acked.length >= TOTAL - 2 * CONCURRENCY, `${acked.length} acknowledged of ${TOTAL}`);

  // Every acknowledged code is there: by its tracking page ...
  for (let i = 0; i < acked.length; i += 20) {
    const rs = await Promise.all(acked.slice(i, i + 20).map((a) => preq('GET', `/api/v1/public/feedback/${a.code}`, { local: next() })));
    rs.forEach((r, k) => assert.equal(r.status, 200, `acknowledged ${acked[i + k].code} lost`));
  }
  // ... and as rows for staff, with the attachment's exact bytes.
  const t = await login('vp.kstt');
  const list = await req('GET', `/api/v1/feedback?box=all&q=${encodeURIComponent(`Bền vững ${m}`)}&per_page=200`, { token: t });
  const rows = new Map(list.json.items.map((x) => [x.tracking_code, x]));
  let total = list.json.total;
  if (total > 200) {
    const p2 = await req('GET', `/api/v1/feedback?box=all&q=${encodeURIComponent(`Bền vững ${m}`)}&per_page=200&page=2`, { token: t });
    p2.json.items.forEach((x) => rows.set(x.tracking_code, x));
  }
  assert.ok(total >= acked.length, `${total} rows for ${acked.length} acknowledged`);
  assert.ok(total <= TOTAL);
  for (const a of acked) assert.ok(rows.has(a.code), `row of ${a.code}`);
  for (const a of acked.filter((x) => x.pdf).slice(0, 40)) {
    const d = await req('GET', `/api/v1/feedback/${rows.get(a.code).id}`, { token: t });
    assert.equal(d.json.files.length, 1, `file of ${a.code}`);
    const f = await req('GET', `/api/v1/feedback/${d.json.id}/files/${d.json.files[0].id}`, { token: t });
    assert.equal(f.status, 200);
    assert.equal(f.text, a.pdf.toString(), `bytes of ${a.code}`);
  }
  // The supervisor replaced the worker.
  await new Promise((r) => setTimeout(r, 500));
  const after = workers();
  assert.equal(after.length, before.length);
  assert.ok(!after.includes(victim));
});
