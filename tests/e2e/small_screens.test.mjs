// Every page on a 320 px phone and on a desktop (issue 16): no page scrolls sideways at 320 px,
// and axe-core finds no serious or critical violation at either width — every public route as a
// visitor and every intranet route as the administrator (who sees every page), with demo data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launch, login, newPage, visit } from '../lib/browser.mjs';
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

describe('every page: no sideways scrolling at 320 px, no serious accessibility violation', () => {
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

  const cases = [];
  for (const [width, height] of [[320, 640], [1366, 900]]) {
    cases.push([`public routes, as a visitor, ${width} px`, routes.public, null, width, height]);
    cases.push([`intranet routes, as the administrator, ${width} px`, routes.app, 'admin', width, height]);
  }
  for (const [name, list, who, width, height] of cases) {
    test(name, async () => {
      const page = await newPage(browser, { width, height });
      try {
        if (who) await login(page, who);
        const bad = [];
        for (const pattern of list) {
          const p = fillRoute(pattern, ids);
          if (!p || (p === '/dang-nhap' && who)) continue;
          await visit(page, p);
          await page.waitForLoadState('networkidle');
          if (width <= 360) {
            const o = await overflowOf(page);
            if (o) bad.push(`${p}: ${o.over}px (${o.worst ? `${o.worst.what} to ${o.worst.right}px` : 'unknown'})`);
          }
          for (const v of await axeViolations(page)) bad.push(`${p}: ${v}`);
        }
        assert.deepEqual(bad, []);
      } finally {
        await page.closeAll();
      }
    });
  }
});
