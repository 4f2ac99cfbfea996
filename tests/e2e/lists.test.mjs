// Every list says it is loading, says when it is empty, and offers to try again when loading
// failed (issue 16). The network is made slow, empty or failing with Playwright's routing, the
// real server answers everything else.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, visit } from '../lib/browser.mjs';

const PAGES = [
  // [path, API path the list loads, who looks]
  ['/app/viec-cua-toi', '/api/v1/assignments', 'xa11.daumoi'],
  ['/app/ke-hoach', '/api/v1/plans'],
  ['/app/phan-anh', '/api/v1/feedback?'],
  ['/app/thu-tuc', '/api/v1/procedures?'],
  ['/app/quan-tri/nhat-ky', '/api/v1/audit'],
  ['/app/quan-tri/nguoi-dung', '/api/v1/users'],
];

describe('lists: loading, empty, retry', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [path, api, who = 'admin'] of PAGES) {
    test(`${path}: a failed load offers "Thử lại", which loads the list`, async () => {
      const page = await newPage(browser);
      try {
        await login(page, who);
        let failures = 1;
        await page.route((u) => u.pathname + u.search === api || (u.pathname + '?' + u.search.slice(1)).startsWith(api) || u.pathname === api, async (route) => {
          if (failures > 0) {
            failures--;
            await route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Dịch vụ tạm thời không sẵn sàng', status: 503 }) });
          } else {
            await route.continue();
          }
        });
        await visit(page, path);
        const alert = page.getByRole('alert').filter({ hasText: 'Dịch vụ tạm thời không sẵn sàng' });
        await alert.waitFor();
        await alert.getByRole('button', { name: 'Thử lại' }).click();
        await alert.waitFor({ state: 'detached' });
        // rows, not the loading or empty line
        await page.locator('table tbody tr:not(:has(.table__empty))').first().waitFor();
      } finally {
        await page.closeAll();
      }
    });
  }

  test('a slow list says it is loading; an empty one says so', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'admin');
      let release;
      const gate = new Promise((r) => (release = r));
      await page.route((u) => u.pathname === '/api/v1/audit', async (route) => {
        await gate;
        await route.continue();
      });
      await visit(page, '/app/quan-tri/nhat-ky');
      await page.getByText(/Đang tải/).first().waitFor();
      release();
      await page.locator('table tbody tr:not(:has(.table__empty))').first().waitFor();
      await page.unroute((u) => u.pathname === '/api/v1/audit');
      // a filter that matches nothing
      await page.getByLabel('Người thực hiện').fill('khong-ai-ca');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.getByText('Không có bản ghi nào phù hợp.').waitFor();
    } finally {
      await page.closeAll();
    }
  });
});
