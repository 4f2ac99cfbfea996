// Sign-in journeys: a commune officer and the administrator see what their
// role allows; a bad password gets a Vietnamese error; the intranet sends
// signed-out visitors to the login page and brings them back afterwards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, launch, login, newPage, visit } from '../lib/browser.mjs';

const menu = (page) => page.getByRole('navigation', { name: 'Menu chức năng' });

describe('sign-in and roles', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('signed out: /app redirects to /dang-nhap?next=/app', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/app');
      await page.waitForURL((u) => u.pathname === '/dang-nhap');
      const u = new URL(page.url());
      assert.equal(u.searchParams.get('next'), '/app');
      assert.match(u.search, /^\?next=(\/|%2F)app$/);
      await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    } finally {
      await page.closeAll();
    }
  });

  test('a commune officer sees the intranet without the Quản trị menu', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'xa11.daumoi', DEMO_PASSWORD);
      assert.equal(new URL(page.url()).pathname, '/app');
      await page.getByRole('heading', { level: 1, name: 'Trang làm việc' }).waitFor();
      const header = page.getByRole('banner');
      assert.match(await header.innerText(), /Cán bộ/);
      const nav = menu(page);
      assert.ok(await nav.getByRole('link', { name: 'Tài khoản của tôi' }).isVisible());
      assert.equal(await nav.getByText('Quản trị').count(), 0);
      assert.equal(await nav.getByRole('link', { name: 'Người dùng' }).count(), 0);
      // Typing an admin address by hand shows a refusal, not the page.
      await visit(page, '/app/quan-tri/nguoi-dung');
      await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
      // My account shows the unit and offers the password form.
      await menu(page).getByRole('link', { name: 'Tài khoản của tôi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
      assert.match(await page.getByRole('main').innerText(), /xa11\.daumoi/);
      assert.ok(await page.getByLabel('Mật khẩu hiện tại').isVisible());
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('the administrator sees Quản trị: units tree, users, audit log', async () => {
    const page = await newPage(browser);
    try {
      await login(page, 'admin', DEMO_PASSWORD);
      const nav = menu(page);
      await nav.getByText('Quản trị').waitFor();
      assert.match(await page.getByRole('banner').innerText(), /Quản trị hệ thống/);

      // Units: the tree, searched without diacritics.
      await nav.getByRole('link', { name: 'Đơn vị', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
      const tree = page.getByRole('list', { name: 'Cây đơn vị' });
      await tree.waitFor();
      await page.getByLabel('Tìm đơn vị').fill('van phong');
      const office = tree.getByRole('button', { name: /Văn phòng (UBND|Ủy ban nhân dân) tỉnh/i }).first();
      await office.waitFor();
      await office.click();
      const details = page.getByRole('region', { name: 'Chi tiết đơn vị' });
      await details.getByRole('heading', { name: /Văn phòng/ }).waitFor();
      assert.ok(await details.getByRole('button', { name: 'Sáp nhập' }).isVisible());

      // Users: a table with the demo accounts.
      await nav.getByRole('link', { name: 'Người dùng' }).click();
      await page.getByRole('heading', { level: 1, name: 'Người dùng' }).waitFor();
      const users = page.getByRole('table');
      await users.getByText('xa11.daumoi', { exact: true }).or(users.getByText('admin', { exact: true })).first().waitFor();
      assert.ok((await users.locator('tbody tr').count()) > 1);

      // Audit log: at least the sign-in just made.
      await nav.getByRole('link', { name: 'Nhật ký' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhật ký hệ thống' }).waitFor();
      const audit = page.getByRole('table');
      await audit.locator('tbody tr td:not(.table__empty)').first().waitFor();
      assert.ok((await audit.locator('tbody tr').count()) >= 1);
      // In Vietnamese: the action and the object by name, filters by Vietnamese choices.
      await page.getByLabel('Hành động').selectOption({ label: 'Đăng nhập' });
      await page.getByLabel('Đối tượng').selectOption({ label: 'Người dùng' });
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      const first = audit.locator('tbody tr').first();
      await first.locator('td', { hasText: /^Người dùng: / }).waitFor();
      const cells = await first.locator('td').allInnerTexts();
      assert.equal(cells[3], 'Đăng nhập');
      assert.match(cells[4], /^Người dùng: \S/);
      assert.doesNotMatch(cells.join(' '), /auth\.login|\buser\b/);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });

  test('a wrong password shows a Vietnamese error and stays on the login page', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/dang-nhap');
      await page.getByLabel('Tên đăng nhập').fill('xa12.daumoi');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /Đăng nhập không thành công|không đúng/);
      assert.equal(new URL(page.url()).pathname, '/dang-nhap');
    } finally {
      await page.closeAll();
    }
  });

  test('after signing in, the visitor comes back to the page asked for; signing out ends the session', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/app/tai-khoan');
      await page.waitForURL((u) => u.pathname === '/dang-nhap');
      assert.equal(new URL(page.url()).searchParams.get('next'), '/app/tai-khoan');
      await page.getByLabel('Tên đăng nhập').fill('xa21.daumoi');
      await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/app/tai-khoan');
      await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();

      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL((u) => u.pathname === '/dang-nhap');
      await visit(page, '/app');
      await page.waitForURL((u) => u.pathname === '/dang-nhap');
    } finally {
      await page.closeAll();
    }
  });
});
