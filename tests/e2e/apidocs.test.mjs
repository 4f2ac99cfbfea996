// /api/docs: the API reference rendered from docs/openapi.yaml (Swagger UI, a separate web entry)
// served by nginx as a static page under the same strict CSP as the app, with no violation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { launch, newPage, url } from '../lib/browser.mjs';

const ROOT = process.env.KSTT_ROOT || resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The number of operations docs/openapi.yaml declares (every method under every path). */
function specOperations() {
  const spec = parse(readFileSync(join(ROOT, 'docs/openapi.yaml'), 'utf8'));
  const methods = new Set(['get', 'put', 'post', 'delete', 'patch']);
  let n = 0;
  for (const item of Object.values(spec.paths)) n += Object.keys(item).filter((k) => methods.has(k)).length;
  return n;
}

/**
 * Every operation block the page renders, by its element id. Swagger UI virtualises the list once a
 * spec has 150 tags and operations or more (only what is near the viewport is in the DOM), so the
 * page is walked from top to bottom, collecting the ids as they appear.
 */
async function renderedOperations(page) {
  const seen = new Set();
  const collect = async () => {
    for (const id of await page.locator('.opblock[id]').evaluateAll((els) => els.map((e) => e.id))) seen.add(id);
  };
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let step = 0; step < 400; step++) {
    await collect();
    const atEnd = await page.evaluate(() => {
      const before = window.scrollY;
      window.scrollBy(0, Math.floor(window.innerHeight * 0.8));
      return window.scrollY === before;
    });
    if (atEnd) break;
    // The virtualiser renders on the next frames: wait for them rather than for a fixed time.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await collect();
  return seen;
}

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
      // Every operation of the spec is listed, not only the first screens of a virtualised list.
      const ops = await renderedOperations(page);
      assert.equal(ops.size, specOperations(), 'every operation of docs/openapi.yaml is listed');
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
