// Comments in the browser (issue 15): a commune officer opens a task (on a 360 px screen),
// comments with a mention of a district officer who can see the task and attaches a file; the
// mentioned officer's bell counts it, and opening the notification lands on the task with the
// comment visible; an assignment's discussion opens from its row. A fresh district, commune,
// users and plan per run, so the bell's count is exact.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, login, newPage } from '../lib/browser.mjs';
import { login as apiLogin, req, unitByCode } from '../lib/api.mjs';

const RUN = randomBytes(3).toString('hex').toUpperCase();
const run = RUN.toLowerCase();
const PASSWORD = `Cm@${RUN}aa1`;
const COMMUNE_USER = `cmx${run}.xa`;
const DISTRICT_USER = `cmx${run}.huyen`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

async function ok(token, method, path, body, status = 200) {
  const r = await req(method, path, { token, body });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  return r.json;
}

describe('comments', () => {
  let browser;
  const ctx = {};
  before(async () => {
    const admin = await apiLogin('admin');
    const root = await unitByCode('NDH');
    const d = await ok(admin, 'POST', '/api/v1/units', { code: `CX${RUN}D`, name: `Huyện trao đổi ${RUN}`, level: 'district', parent_id: root.id, valid_from: '2020-01-01' }, 201);
    const c = await ok(admin, 'POST', '/api/v1/units', { code: `CX${RUN}C`, name: `Xã trao đổi ${RUN}`, level: 'commune', parent_id: d.id, valid_from: '2020-01-01' }, 201);
    await ok(admin, 'POST', '/api/v1/users', { username: COMMUNE_USER, full_name: `Cán bộ xã ${RUN}`, unit_id: c.id, role: 'officer', password: PASSWORD }, 201);
    await ok(admin, 'POST', '/api/v1/users', { username: DISTRICT_USER, full_name: `Cán bộ huyện ${RUN}`, unit_id: d.id, role: 'officer', password: PASSWORD }, 201);
    const ref = (u) => ({ text: u.name, unit_id: u.id, group: null });
    const plan = await ok(admin, 'POST', '/api/v1/plans/import', {
      title: `Kế hoạch trao đổi ${RUN}`,
      year: 2026,
      unit_id: root.id,
      sections: [{ number: 'I', title: 'Mục', tasks: [{ number: '1', title: `Rà soát thủ tục ${RUN}`, output: null, lead: [ref(d)], coop: [ref(c)], timeline: { text: 'Quý IV/2026' }, children: [] }] }],
    }, 201);
    await ok(admin, 'POST', `/api/v1/plans/${plan.id}/publish`);
    // Publishing told the district (assignment.created): read, so the bell counts the mention only.
    await ok(await apiLogin(DISTRICT_USER, PASSWORD), 'POST', '/api/v1/notifications/read-all');
    const token = await apiLogin(COMMUNE_USER, PASSWORD);
    const mine = await ok(token, 'GET', `/api/v1/assignments?per_page=50&unit_id=${c.id}`);
    ctx.task = mine.items.find((a) => a.plan_id === plan.id).task_id;
    ctx.assignment = mine.items.find((a) => a.plan_id === plan.id).id;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('comment with a mention and a file; the mentioned officer is told and lands on it', async () => {
    const text = `Đề nghị @${DISTRICT_USER} cho ý kiến về hồ sơ ${RUN}.`;
    const page = await newPage(browser, { width: 360, height: 800 });
    try {
      await login(page, COMMUNE_USER, PASSWORD, { next: `/app/nhiem-vu/${ctx.task}` });
      await page.waitForURL((u) => u.pathname === `/app/nhiem-vu/${ctx.task}`);
      const section = page.getByRole('region', { name: /^Trao đổi về nhiệm vụ/ });
      await section.getByText('Chưa có trao đổi nào.').waitFor();
      await section.getByLabel('Nội dung trao đổi').fill(text);
      await section.getByLabel(/^Tệp đính kèm/).setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: PDF });
      await section.getByRole('button', { name: 'Gửi trao đổi' }).click();
      // Announced politely, and shown in the list with its file and whom it told.
      await section.getByRole('status').filter({ hasText: `Đã gửi trao đổi và thông báo tới Cán bộ huyện ${RUN}.` }).waitFor();
      const item = section.getByRole('listitem').filter({ hasText: `cho ý kiến về hồ sơ ${RUN}` });
      await item.waitFor();
      assert.match(await item.innerText(), new RegExp(`Cán bộ xã ${RUN}`));
      const file = item.getByRole('link', { name: 'bien-ban.pdf' });
      assert.match(await file.getAttribute('href'), /^\/api\/v1\/comments\/\d+\/files\/1$/);
      await item.getByRole('button', { name: /^Sửa trao đổi/ }).waitFor();
      // The textarea is emptied for the next one; nothing wider than the phone's screen.
      assert.equal(await section.getByLabel('Nội dung trao đổi').inputValue(), '');
      const overflow = await page.evaluate(() => document.querySelector('.comments').getBoundingClientRect().right - window.innerWidth);
      assert.ok(overflow <= 0, `comments overflow by ${overflow}px at 360 px`);
      // An assignment's own discussion opens from its row, in a dialog.
      await page.getByRole('button', { name: `Trao đổi về phần việc của Xã trao đổi ${RUN}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Chưa có trao đổi nào.').waitFor();
      await dialog.getByLabel('Nội dung trao đổi').fill(`Phần việc của xã ${RUN}`);
      await dialog.getByRole('button', { name: 'Gửi trao đổi' }).click();
      await dialog.getByRole('listitem').filter({ hasText: `Phần việc của xã ${RUN}` }).waitFor();
      assert.deepEqual(page.failedRequests, []);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }

    const other = await newPage(browser);
    try {
      await login(other, DISTRICT_USER, PASSWORD);
      const bell = other.getByRole('link', { name: 'Thông báo: 1 chưa đọc' });
      await bell.waitFor();
      await bell.click();
      await other.waitForURL((u) => u.pathname === '/app/thong-bao');
      const link = other.getByRole('link', { name: new RegExp(`Cán bộ xã ${RUN} nhắc đến bạn trong trao đổi: Rà soát thủ tục ${RUN}`) });
      await link.click();
      await other.waitForURL((u) => u.pathname === `/app/nhiem-vu/${ctx.task}`);
      const section = other.getByRole('region', { name: /^Trao đổi về nhiệm vụ/ });
      const item = section.getByRole('listitem').filter({ hasText: `cho ý kiến về hồ sơ ${RUN}` });
      await item.waitFor();
      // The mention is set apart; the file downloads with the evidence headers.
      await item.locator('.comment__mention', { hasText: `@${DISTRICT_USER}` }).waitFor();
      const res = await other.request.get(await item.getByRole('link', { name: 'bien-ban.pdf' }).getAttribute('href').then((h) => new URL(h, other.url()).href));
      assert.equal(res.status(), 200);
      assert.equal(res.headers()['content-type'], 'application/pdf');
      assert.match(res.headers()['content-disposition'], /^attachment/);
      assert.deepEqual(Buffer.from(await res.body()), PDF);
      // Not the author: no edit or delete offered.
      assert.equal(await item.getByRole('button', { name: /^Sửa trao đổi/ }).count(), 0);
      await other.getByRole('link', { name: 'Thông báo: 0 chưa đọc' }).waitFor();
      assert.deepEqual(other.failedRequests, []);
    } finally {
      await other.closeAll();
    }
  });
});
