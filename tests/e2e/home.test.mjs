// Public home page: renders in Vietnamese with its links, no console errors,
// strict CSP, not-found page, skip link first in tab order, no horizontal
// scroll at 360 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, visit } from '../lib/browser.mjs';

describe('public home page', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('leads with the procedure search: typed without diacritics, it opens the matching procedures', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/');
      const search = page.getByRole('search', { name: 'Tìm thủ tục hành chính' });
      // the search comes before the list of services in the page
      const order = await page.evaluate(() => {
        const f = document.querySelector('form[role="search"]');
        const s = document.getElementById('services-title');
        return f && s ? f.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
      });
      assert.ok(order, 'the search box comes first');
      await search.getByLabel('Tìm thủ tục hành chính').fill('khai sinh');
      await search.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.waitForURL((u) => u.pathname === '/thu-tuc' && u.searchParams.get('q') === 'khai sinh');
      await page.getByRole('link', { name: /khai sinh/i }).first().waitFor();
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('renders its Vietnamese heading and links without console errors', async () => {
    const page = await newPage(browser);
    try {
      const res = await visit(page, '/');
      assert.equal(res.status(), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      const h1 = page.getByRole('heading', { level: 1 });
      assert.match(await h1.innerText(), /Cổng thông tin kiểm soát thủ tục hành chính/);
      // The four public services are listed (linked once their pages exist).
      for (const name of ['Tra cứu thủ tục hành chính', 'Gửi phản ánh, kiến nghị', 'Tra cứu phản ánh', 'Bảng xếp hạng']) {
        assert.equal(await page.getByText(name, { exact: false }).count() > 0, true, `missing "${name}"`);
      }
      // Every link on the page goes to a route of this app or the login.
      const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.includes('/'), 'home link');
      // every service has its page now: each is a link, none announced as coming
      for (const h of ['/thu-tuc', '/phan-anh', '/phan-anh/tra-cuu', '/bang-xep-hang']) assert.ok(hrefs.includes(h), `service link ${h}`);
      assert.equal(await page.getByText('Sắp ra mắt').count(), 0, 'no service announced as coming');
      assert.ok(hrefs.some((h) => h === '/app' || h.startsWith('/dang-nhap')), 'login link');
      for (const h of hrefs) assert.ok(h.startsWith('/') || h.startsWith('#'), `external or odd link ${h}`);
      assert.ok(await page.getByRole('banner').count(), 'header landmark');
      assert.ok(await page.getByRole('main').count(), 'main landmark');
      assert.ok(await page.getByRole('contentinfo').count(), 'footer landmark');
      await page.waitForLoadState('networkidle');
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('is served with a strict Content-Security-Policy', async () => {
    const page = await newPage(browser);
    try {
      const res = await visit(page, '/');
      const csp = (await res.headerValue('content-security-policy')) || '';
      assert.match(csp, /default-src 'self'/, `CSP: ${csp}`);
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)[1];
      assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'/, `script-src: ${scriptSrc}`);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(await res.headerValue('x-content-type-options'), 'nosniff');
      // The page itself runs under that policy: a violation would be a console error.
      await page.waitForLoadState('networkidle');
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }
  });

  test('an unknown route shows the not-found page', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/khong-co-trang-nay');
      await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
      assert.match(await page.title(), /Không tìm thấy trang/);
      // And from a link inside the app, back home.
      await page.getByRole('main').getByRole('link', { name: 'trang chủ', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Cổng thông tin/ }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
    } finally {
      await page.closeAll();
    }
  });

  test('Tab reaches the skip link first, and it leads to the main content', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        text: document.activeElement?.textContent?.trim(),
        href: document.activeElement?.getAttribute('href'),
      }));
      assert.equal(focused.href, '#main');
      assert.match(focused.text, /Bỏ qua đến nội dung chính/);
      await page.keyboard.press('Enter');
      const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.closest('#main')?.id);
      assert.equal(id, 'main');
    } finally {
      await page.closeAll();
    }
  });

  test('has no horizontal scroll at 360 px wide', async () => {
    for (const path of ['/', '/dang-nhap', '/khong-co-trang-nay']) {
      const page = await newPage(browser, { width: 360, height: 740, isMobile: true, hasTouch: true });
      try {
        await visit(page, path);
        await page.waitForLoadState('networkidle');
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `${path}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
      } finally {
        await page.closeAll();
      }
    }
  });
});
