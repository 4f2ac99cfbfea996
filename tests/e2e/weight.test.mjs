// The public home page is light (issue 12): its first load is at most 30 KB of JavaScript as
// transferred (gzipped by nginx), because the intranet, the charts and the importers are lazy
// chunks. Sizes are deterministic, so this is an assertion; the load time on a slow 3G profile
// is a measurement (bench/home_3g.mjs, docs/PERFORMANCE.md), not a timed assertion.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, visit } from '../lib/browser.mjs';

const LIMIT = 30 * 1024;

describe('public home weight', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the first load of / transfers at most 30 KB of JavaScript, gzipped, and no intranet chunk', async () => {
    const page = await newPage(browser);
    const scripts = [];
    page.on('requestfinished', async (req) => {
      if (req.resourceType() !== 'script') return;
      const res = await req.response();
      scripts.push({ url: req.url(), encoding: (await res.headerValue('content-encoding')) || '', sizes: req.sizes() });
    });
    try {
      await visit(page, '/');
      await page.waitForLoadState('networkidle');
      const rows = await Promise.all(scripts.map(async (s) => ({ ...s, body: (await s.sizes).responseBodySize })));
      const total = rows.reduce((n, r) => n + r.body, 0);
      const report = rows.map((r) => `${r.url.replace(/^.*\/assets\//, '')} ${r.body} B ${r.encoding}`).join('; ');
      console.log(`# JavaScript transferred for /: ${total} B (${(total / 1024).toFixed(1)} KB): ${report}`);
      assert.ok(rows.length > 0, 'some JavaScript was loaded');
      // Sizes are of the bytes on the wire: nginx must have gzipped each script.
      for (const r of rows) assert.equal(r.encoding, 'gzip', `${r.url} not gzipped`);
      assert.ok(total <= LIMIT, `JavaScript for / is ${total} B > ${LIMIT} B: ${report}`);
      for (const r of rows) assert.doesNotMatch(r.url, /\/assets\/(intranet|DashboardWidgets|apidocs)-/, `${r.url} loaded by /`);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });
});
