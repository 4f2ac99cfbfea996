// Single sign-on in Chromium against the real OpenID provider of the test stack (oidc-provider,
// started by scripts/test.sh): the button on the sign-in page, the provider's own login and
// consent pages, the intranet with the unit and role the provider's claims name; signing out ends
// the provider session too, and its back-channel logout signs out a second browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, visit, waitForText } from '../lib/browser.mjs';

const OP_PORT = Number(process.env.KSTT_OIDC_PORT || 18090);
const OP = `http://127.0.0.1:${OP_PORT}`;
const BUTTON = 'Đăng nhập bằng tài khoản dùng chung của tỉnh';

// From KSTT's sign-in page through the provider's pages to the intranet.
async function ssoSignIn(page, username) {
  await visit(page, '/dang-nhap');
  await page.getByRole('link', { name: BUTTON }).click();
  await page.waitForURL((u) => u.origin === OP && u.pathname.startsWith('/interaction/'));
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('Sso@2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đồng ý' }).click();
  await page.waitForURL((u) => u.pathname === '/app');
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

describe('single sign-on through the province\'s identity provider', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('sign in with the SSO button, land on the intranet with the right unit and role; single logout', async () => {
    const a = await newPage(browser);
    const b = await newPage(browser);
    try {
      // The sign-in page offers both providers next to the local form.
      await visit(a, '/dang-nhap');
      await a.getByRole('link', { name: BUTTON }).waitFor();
      assert.ok(await a.getByRole('link', { name: 'Đăng nhập bằng tài khoản của Bộ' }).isVisible());
      assert.ok(await a.getByLabel('Mật khẩu', { exact: true }).isVisible(), 'the local form is still there');

      await ssoSignIn(a, 'sso.e2e');
      const header = a.getByRole('banner');
      await waitForText(header, /Sở Tài chính/);
      await waitForText(header, /Chuyên viên/);
      assert.deepEqual(a.failedRequests, []);

      // A second browser (its own provider session) signs in as the same person.
      await ssoSignIn(b, 'sso.e2e');

      // Signing out of KSTT goes on to the provider, which asks to confirm and comes back.
      await a.getByRole('button', { name: 'Đăng xuất' }).click();
      await a.waitForURL((u) => u.origin === OP);
      await a.getByRole('button', { name: 'Đăng xuất' }).click();
      await a.waitForURL((u) => u.pathname === '/dang-nhap');
      await a.getByRole('link', { name: BUTTON }).waitFor();

      // The provider session is over: the button leads to the provider's password form again.
      await a.getByRole('link', { name: BUTTON }).click();
      await a.waitForURL((u) => u.origin === OP && u.pathname.startsWith('/interaction/'));
      await a.getByLabel('Mật khẩu').waitFor();

      // The provider's back-channel logout ended the second browser's session too.
      await visit(b, '/app');
      await b.waitForURL((u) => u.pathname === '/dang-nhap');
      assert.deepEqual(b.failedRequests, []);
    } finally {
      await a.closeAll();
      await b.closeAll();
    }
  });

  test('a refused sign-in lands on the sign-in page with a Vietnamese message', async () => {
    const page = await newPage(browser);
    try {
      await visit(page, '/dang-nhap');
      await page.getByRole('link', { name: BUTTON }).click();
      await page.waitForURL((u) => u.origin === OP);
      await page.getByLabel('Tên đăng nhập').fill('sso.khongdonvi');
      await page.getByLabel('Mật khẩu').fill('Sso@2026');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('button', { name: 'Đồng ý' }).click();
      await page.waitForURL((u) => u.pathname === '/dang-nhap');
      assert.equal(new URL(page.url()).searchParams.get('loi'), 'don_vi');
      await waitForText(page.getByRole('alert'), /Đơn vị ghi trong tài khoản dùng chung của bạn không có trong hệ thống/);
      assert.deepEqual(page.failedRequests, []);
    } finally {
      await page.closeAll();
    }
  });
});
