// Browser test helpers: Debian's chromium driven by playwright-core (never a
// downloaded browser), pages that record console errors and failed requests,
// and a login helper. Base URL from KSTT_BASE_URL.
import { readFileSync as readAxe } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.KSTT_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const CHROMIUM = process.env.KSTT_CHROMIUM || '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Kstt@2023';

/** Absolute URL for a path on the stack under test. */
export function url(path = '/') {
  return BASE_URL + path;
}

/** Start headless chromium. Close it with browser.close(). */
export function launch(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...options,
  });
}

/**
 * A fresh context + page (own cookies) that records what went wrong:
 * page.consoleErrors: console.error messages and uncaught page errors;
 * page.failedRequests: requests that failed at the network level or got a
 * 5xx answer. 4xx answers are listed in page.clientErrors (expected ones,
 * such as 401 before login, are for the test to judge).
 */
export async function newPage(browser, { width = 1280, height = 900, locale = 'vi-VN', ...contextOptions } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    locale,
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...contextOptions,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(Number(process.env.KSTT_E2E_TIMEOUT || 10000));
  page.consoleErrors = [];
  page.failedRequests = [];
  page.clientErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.consoleErrors.push(`${msg.text()} @ ${msg.location()?.url || ''}`);
  });
  page.on('pageerror', (err) => page.consoleErrors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText || 'failed';
    // The browser aborts what a navigation or a closed page no longer needs (the favicon, a
    // superseded search): that is not a failure of the server.
    if (why.includes('ERR_ABORTED')) return;
    page.failedRequests.push(`${req.method()} ${req.url()} — ${why}`);
  });
  page.on('response', (res) => {
    const s = res.status();
    if (s >= 500) page.failedRequests.push(`${res.request().method()} ${res.url()} — ${s}`);
    else if (s >= 400) page.clientErrors.push(`${res.request().method()} ${res.url()} — ${s}`);
  });
  page.closeAll = () => context.close();
  return page;
}

/** Go to a path on the stack under test and wait for the app to render. */
export async function visit(page, path) {
  const response = await page.goto(url(path), { waitUntil: 'domcontentloaded' });
  await page.locator('#main').waitFor();
  return response;
}

/**
 * Log in through the login page and wait until the intranet shows.
 * next: the path to come back to (default /app).
 */
export async function login(page, username, password = DEMO_PASSWORD, { next } = {}) {
  await visit(page, next ? `/dang-nhap?next=${encodeURIComponent(next)}` : '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/app'));
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/**
 * Wait until a locator's text matches re (the page re-renders after a toast, so a single read
 * right after an action races it). Throws with the last text seen after the page's timeout.
 */
export async function waitForText(locator, re, { timeout = Number(process.env.KSTT_E2E_TIMEOUT || 10000) } = {}) {
  const end = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = (await locator.count()) ? await locator.first().innerText().catch(() => '') : '';
    if (re.test(last)) return last;
    if (Date.now() > end) throw new Error(`text did not match ${re} within ${timeout} ms; last: ${JSON.stringify(last.slice(0, 300))}`);
    await locator.page().waitForTimeout(50);
  }
}

/** Wait until an async predicate holds (polled every 50 ms); fail loudly with `what` otherwise. */
export async function waitUntil(page, predicate, what, { timeout = Number(process.env.KSTT_E2E_TIMEOUT || 10000) } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

/** In a searchable picker (components/Combobox.jsx): type `typed`, choose the option named `option`. */
export async function pick(scope, label, typed, option) {
  const box = scope.getByRole('combobox', { name: label });
  await box.fill(typed);
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Wait until a locator matches exactly n elements. */
export async function waitForCount(locator, n, { timeout = Number(process.env.KSTT_E2E_TIMEOUT || 10000) } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const c = await locator.count();
    if (c === n) return;
    if (Date.now() > end) throw new Error(`expected ${n} elements, still ${c} after ${timeout} ms`);
    await locator.page().waitForTimeout(50);
  }
}

const AXE_SOURCE = readAxe(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is now ("impact id: help — targets");
 * evaluated in the page, so the page's CSP does not apply.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
}
