// Importing a plan whose prose defines short names (issue 20): the preview shows each unit found
// through the document's alias with the name it stands for, and the unclear timeline is flagged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, login, newPage } from '../lib/browser.mjs';

const DOC = readFileSync(new URL('../fixtures/import_variants/other_province_aliases_2024.txt', import.meta.url), 'utf8');

describe('import a plan that defines aliases', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the preview says which units were read through the document\'s short names', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'vp.kstt');
      await page.getByRole('navigation', { name: 'Menu chức năng' }).getByRole('link', { name: 'Kế hoạch' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kế hoạch' }).waitFor();
      await page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhập kế hoạch từ văn bản' }).waitFor();
      await page.waitForFunction(() => document.querySelector('#imp-unit_id')?.value);
      await page.getByLabel('Năm của kế hoạch').selectOption('2024');
      await page.getByLabel('Nội dung bảng').fill(DOC);
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const preview = page.getByRole('region', { name: 'Xem trước kế hoạch' });
      await preview.waitFor();

      // Three sections, nine tasks; no unit left unresolved: the aliases settled them.
      assert.equal(await preview.locator('tbody.plan-section').count(), 3);
      assert.equal(await preview.locator('tr.plan-task').count(), 9);
      assert.equal(await preview.locator('.unit-list__item.is-unresolved').count(), 0);
      // "BQL" in the cooperating cell of II.1 is read as the unit the prose defines.
      const bql = preview.locator('.unit-list__item', { hasText: /^BQL/ });
      await bql.first().waitFor();
      assert.match(await bql.first().innerText(), /Theo tên gọi tắt trong văn bản: «Ban Quản lý các khu công nghiệp tỉnh»/);
      const vp = preview.locator('.unit-list__item', { hasText: /^Văn phòng/ }).first();
      assert.match(await vp.innerText(), /«Văn phòng Ủy ban nhân dân tỉnh»/);
      // A unit written out in full has no such line.
      const snv = preview.locator('.unit-list__item', { hasText: /^Sở Nội vụ/ }).first();
      assert.doesNotMatch(await snv.innerText(), /gọi tắt/);
    } finally {
      await page.close();
    }
  });
});
