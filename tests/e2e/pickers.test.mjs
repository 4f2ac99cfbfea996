// The searchable unit picker (components/Combobox.jsx): found without diacritics, grouped by
// level, chosen with the keyboard alone, on a desktop and on a phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, newPage, waitUntil } from '../lib/browser.mjs';

describe('unit picker', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [width, height] of [[1366, 900], [360, 740]]) {
    test(`"vi xuyen" finds UBND phường Vị Xuyên, chosen with the keyboard (${width} px)`, async () => {
      const page = await newPage(browser, { width, height });
      try {
        await login(page, 'admin', undefined, { next: '/app/quan-tri/nguoi-dung' });
        const box = page.getByRole('combobox', { name: 'Đơn vị' });
        await box.waitFor();
        await box.focus();
        await page.keyboard.type('vi xuyen');
        const list = page.getByRole('listbox', { name: 'Đơn vị' });
        // The list narrows as the letters arrive: wait for the narrowed list, not the first one shown.
        let options = [];
        await waitUntil(page, async () => {
          options = await list.getByRole('option').allInnerTexts();
          return options.length >= 1 && options.every((o) => /Vị Xuyên/.test(o));
        }, 'only Vị Xuyên is offered');
        assert.equal(await box.getAttribute('aria-expanded'), 'true');
        // grouped by level: the commune sits under "Cấp xã"
        assert.ok(await list.locator('.combobox__group', { hasText: 'Cấp xã' }).count());
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowUp');
        await waitUntil(page, async () => !!(await box.getAttribute('aria-activedescendant')), 'the active option is announced');
        await page.keyboard.press('Enter');
        await waitUntil(page, async () => (await box.getAttribute('aria-expanded')) === 'false', 'the list closes on Enter');
        assert.equal(await box.inputValue(), 'UBND phường Vị Xuyên');
        // Esc closes without choosing; a typed text that was not chosen is dropped
        await box.fill('khong co don vi nay');
        await page.getByText('Không tìm thấy. Hãy gõ một phần tên, không cần dấu.').waitFor();
        await page.keyboard.press('Escape');
        await waitUntil(page, async () => (await box.inputValue()) === 'UBND phường Vị Xuyên', 'Esc restores the chosen unit');
        // the filter applies the chosen unit: every user listed is of that unit
        // (wait for the filtered list itself: the unfiltered one is on screen until it arrives)
        await page.getByRole('button', { name: 'Lọc', exact: true }).click();
        const rows = page.locator('table tbody tr:not(:has(.table__empty))');
        await waitUntil(page, async () => {
          const texts = await rows.allInnerTexts();
          return texts.length > 0 && texts.every((t) => /Vị Xuyên/.test(t));
        }, 'the list shows only the chosen unit\'s users');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
      } finally {
        await page.closeAll();
      }
    });
  }
});
