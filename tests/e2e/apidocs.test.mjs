// /api/docs: the API reference rendered from docs/openapi.yaml (Swagger UI, a separate web entry)
// served by nginx as a static page under the same strict CSP as the app, with no violation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, url } from '../lib/browser.mjs';

describe('API reference page', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('/api/docs renders the operations under the strict CSP without console errors', async () => {
    const page = await newPage(browser);
    try {
      const res = await page.goto(url('/api/docs'), { waitUntil: 'domcontentloaded' });
      assert.equal(res.status(), 200);
      assert.match(await res.headerValue('content-type'), /^text\/html/);
      const csp = (await res.headerValue('content-security-policy')) || '';
      assert.match(csp, /script-src 'self';/, `CSP: ${csp}`);
      assert.match(csp, /style-src 'self';/, `CSP: ${csp}`);
      await page.locator('.info .title').waitFor();
      assert.match(await page.locator('.info .title').innerText(), /KSTT API/);
      const health = page.locator('.opblock', { hasText: '/api/v1/health' }).first();
      await health.waitFor();
      // Opening an operation renders its responses (schemas, examples) under the same policy.
      await health.locator('.opblock-summary').click();
      await health.locator('.responses-wrapper').waitFor();
      assert.ok((await page.locator('.opblock').count()) >= 50, 'the operations are listed');
      await page.waitForLoadState('networkidle');
      // A CSP violation is reported as a console error.
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the app does not load the API reference bundle, and /api/ still reaches the api', async () => {
    const r = await fetch(url('/api/v1/health'));
    assert.equal(r.status, 200);
    const css = await fetch(url('/api/docs/swagger-ui.css'));
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') || '', /^text\/css/);
    const html = await (await fetch(url('/'))).text();
    assert.doesNotMatch(html, /apidocs|swagger/i);
  });
});
