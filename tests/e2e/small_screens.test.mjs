// No page overflows horizontally on a 320 px phone (issue 16): every public route as a visitor
// and every intranet route as the administrator (who sees every page), with the demo's data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit } from '../lib/browser.mjs';
import { allRoutes, demoIds, fillRoute } from '../lib/routes.mjs';

async function overflowOf(page) {
  return page.evaluate(() => {
    const over = document.documentElement.scrollWidth - window.innerWidth;
    if (over <= 1) return null;
    // name the widest element that sticks out (a scrollable table region does not count)
    let worst = null;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && !el.closest('.table-wrap, [role="region"][tabindex]')) {
        if (!worst || r.right > worst.right) worst = { right: Math.round(r.right), what: `${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\s+/g, '.')}` };
      }
    }
    return { over, worst };
  });
}

describe('small screens: no page scrolls sideways at 320 px', () => {
  let browser;
  let ids;
  const routes = allRoutes();
  before(async () => {
    ids = await demoIds();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [name, list, who] of [['public routes, as a visitor', routes.public, null], ['intranet routes, as the administrator', routes.app, 'admin']]) {
    test(name, async () => {
      const page = await newPage(browser, { width: 320, height: 640 });
      try {
        if (who) await login(page, who);
        const bad = [];
        for (const pattern of list) {
          const p = fillRoute(pattern, ids);
          if (!p || p === '/dang-nhap') continue;
          await visit(page, p);
          await page.waitForLoadState('networkidle');
          const o = await overflowOf(page);
          if (o) bad.push(`${p}: ${o.over}px (${o.worst ? `${o.worst.what} to ${o.worst.right}px` : 'unknown'})`);
        }
        assert.deepEqual(bad, []);
      } finally {
        await page.closeAll();
      }
    });
  }
});
