// No page of the web app announces a feature instead of having it (issue 15): the words "sắp ra
// mắt", "sẽ xuất hiện", "đang phát triển" (compared without case or diacritics) appear neither in
// the sources (web/src) nor in the built app (web/dist), nor in the text of any route of
// PUBLIC_ROUTES and APP_ROUTES as the administrator sees it in Chromium (a route with a parameter
// gets a demo object's id or code).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { launch, login, newPage, visit } from '../lib/browser.mjs';
import { login as apiLogin, req } from '../lib/api.mjs';
import { ROOT } from '../lib/stack.mjs';

const PHRASES = ['sap ra mat', 'se xuat hien', 'dang phat trien'];

/** Lower case, diacritics removed, đ → d, runs of white space as one space. */
const fold = (s) =>
  String(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ');

/** The placeholder phrases found in a text, with what surrounds them. */
function found(text) {
  const f = fold(text);
  const out = [];
  for (const p of PHRASES) {
    const i = f.indexOf(p);
    if (i >= 0) out.push(`"${p}" in …${f.slice(Math.max(0, i - 40), i + p.length + 40)}…`);
  }
  return out;
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(jsx?|mjs|css|html|json|svg|txt)$/.test(name)) yield p;
  }
}

/** The route patterns of a route table in a source file: `{ path: '/x', ... }`. */
function routesOf(file, table) {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const start = src.indexOf(`const ${table} = [`);
  assert.ok(start >= 0, `${table} in ${file}`);
  const body = src.slice(start, src.indexOf('];', start));
  return [...body.matchAll(/path:\s*'([^']+)'/g)].map((m) => m[1]);
}

describe('no placeholder wording', () => {
  test('the phrases are in neither web/src nor web/dist', () => {
    const hits = [];
    for (const dir of ['web/src', 'web/dist']) {
      for (const f of files(path.join(ROOT, dir))) {
        for (const h of found(readFileSync(f, 'utf8'))) hits.push(`${path.relative(ROOT, f)}: ${h}`);
      }
    }
    assert.deepEqual(hits, []);
  });

  test('the fold catches the phrase in any case and without diacritics', () => {
    for (const s of ['Sắp ra mắt', 'SẼ XUẤT HIỆN', 'dang phat trien', 'Đang  phát\ntriển']) assert.equal(found(s).length, 1, s);
    assert.equal(found('Sắp xếp theo mức độ ra mắt').length, 0);
  });

  describe('every route, as the administrator sees it', () => {
    let browser;
    let page;
    const ids = {};
    before(async () => {
      const t = await apiLogin('admin');
      const first = async (p, key = 'id') => {
        const r = await req('GET', p, { token: t });
        assert.equal(r.status, 200, `${p}: ${r.text}`);
        const it = (r.json.items || r.json)[0];
        assert.ok(it, `a demo object from ${p}`);
        return it[key];
      };
      ids.feedback = await first('/api/v1/feedback?box=all&per_page=1');
      ids.procedure = await first('/api/v1/procedures?per_page=1');
      ids.code = await first('/api/v1/public/procedures?per_page=1', 'code');
      ids.plan = await first('/api/v1/plans?per_page=1');
      const plan = (await req('GET', `/api/v1/plans/${ids.plan}`, { token: t })).json;
      ids.task = plan.sections.flatMap((s) => s.tasks)[0].id;
      ids.report = await first('/api/v1/reports?per_page=1');
      browser = await launch();
      page = await newPage(browser);
      await login(page, 'admin');
    });
    after(async () => {
      await page?.closeAll();
      await browser?.close();
    });

    /** A route pattern with its parameter filled from the demo data. */
    function fill(pattern) {
      if (!pattern.includes(':')) return pattern;
      const by = [
        [/^\/thu-tuc\/:code$/, `/thu-tuc/${encodeURIComponent(ids.code)}`],
        [/^\/app\/phan-anh\/:id$/, `/app/phan-anh/${ids.feedback}`],
        [/^\/app\/thu-tuc\/:id/, pattern.replace(':id', ids.procedure)],
        [/^\/app\/ke-hoach\/:id$/, `/app/ke-hoach/${ids.plan}`],
        [/^\/app\/nhiem-vu\/:id$/, `/app/nhiem-vu/${ids.task}`],
        [/^\/app\/bao-cao\/:id/, pattern.replace(':id', ids.report)],
      ];
      const hit = by.find(([re]) => re.test(pattern));
      assert.ok(hit, `no demo id for ${pattern}: add one here`);
      return hit[1];
    }

    test('no route shows the phrases', async () => {
      const routes = [...routesOf('web/src/app.jsx', 'PUBLIC_ROUTES'), ...routesOf('web/src/intranet.jsx', 'APP_ROUTES')];
      assert.ok(routes.length >= 20, `routes found: ${routes.length}`);
      const hits = [];
      for (const pattern of routes) {
        const p = fill(pattern);
        await visit(page, p);
        // Lazy pages and their data: wait until the network is quiet, then read the page.
        await page.waitForLoadState('networkidle');
        const text = await page.locator('body').innerText();
        for (const h of found(text)) hits.push(`${p}: ${h}`);
      }
      assert.deepEqual(hits, []);
    });
  });
});
