// The daily working surface end to end (issue 15): a commune officer lands and sees overdue work
// at the top, opens a task from its reminder notification, comments with a mention of the
// Provincial Office's officer, and posts an update with two evidence files; the coordinator's
// landing then shows the commune's update and the mention in its queue of notifications.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { launch, login, newPage } from '../lib/browser.mjs';
import { login as apiLogin, req } from '../lib/api.mjs';
import { kstt } from '../lib/stack.mjs';

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const vnDate = (d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const daysAgo = (n) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86400000).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const RUN = randomBytes(3).toString('hex');

describe('a day at work: commune and Provincial Office', () => {
  let browser;
  let taskId;
  const title = `Rà soát niêm yết thủ tục tại bộ phận một cửa ${RUN}`;
  before(async () => {
    browser = await launch();
    const vp = await apiLogin('vp.kstt');
    const admin = await apiLogin('admin');
    const units = (await req('GET', '/api/v1/units?per_page=1000', { token: admin })).json.items;
    const U = Object.fromEntries(units.map((u) => [u.code, u]));
    const office = units.find((u) => u.name === 'Văn phòng UBND tỉnh');
    // Led by the Provincial Office and the commune, due three weeks ago: overdue, and still
    // within the reminders' reach.
    const r = await req('POST', '/api/v1/plans/import', {
      token: vp,
      body: {
        title: `Kế hoạch kiểm tra niêm yết ${RUN}`,
        year: Number(TODAY.slice(0, 4)),
        unit_id: U.NDH.id,
        sections: [
          {
            number: 'I',
            title: 'Kiểm tra',
            tasks: [
              {
                number: '1',
                title,
                output: 'Báo cáo kết quả',
                lead: [
                  { text: office.name, unit_id: office.id, group: null },
                  { text: U.X0101.name, unit_id: U.X0101.id, group: null },
                ],
                coop: [],
                timeline: { text: `Trước ${vnDate(daysAgo(21))}` },
                children: [],
              },
            ],
          },
        ],
      },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal((await req('POST', `/api/v1/plans/${r.json.id}/publish`, { token: vp })).status, 200);
    const plan = (await req('GET', `/api/v1/plans/${r.json.id}`, { token: vp })).json;
    taskId = plan.sections[0].tasks[0].id;
    // The scheduler's reminder of overdue work (run now instead of waiting for the hour).
    kstt('run-job', 'task-reminders');
  });
  after(async () => {
    await browser?.close();
  });

  test('the commune officer acts on the reminder; the coordinator sees it on landing', async () => {
    const page = await newPage(browser, { width: 360, height: 740 });
    try {
      await login(page, 'xa11.daumoi');
      // the landing: overdue work first, in its own queue, each row overdue
      const overdue = page.locator('section[data-queue="ws-overdue"]');
      await overdue.locator('.ws-item').first().waitFor();
      assert.match(await overdue.locator('.ws-item').first().innerText(), /Quá hạn [\d.]+ ngày làm việc/);
      const queues = await page.locator('section.ws-queue').evaluateAll((s) => s.map((x) => x.dataset.queue));
      assert.ok(queues.indexOf('ws-overdue') <= 1, `overdue work is near the top: ${queues.join(', ')}`);

      // the reminder in the bell's list opens the task
      await page.getByRole('link', { name: /^Thông báo: \d+ chưa đọc$/ }).click();
      await page.getByRole('link', { name: new RegExp(title) }).first().click();
      await page.waitForURL((u) => u.pathname === `/app/nhiem-vu/${taskId}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();

      // a comment that mentions the Provincial Office's officer
      const talk = page.getByRole('region', { name: /^Trao đổi về nhiệm vụ/ });
      await talk.getByLabel('Nội dung trao đổi').fill(`@vp.kstt xã đã niêm yết đủ, đề nghị Văn phòng kiểm tra lại ${RUN}`);
      await talk.getByRole('button', { name: 'Gửi trao đổi' }).click();
      await talk.getByRole('listitem').filter({ hasText: `đề nghị Văn phòng kiểm tra lại ${RUN}` }).waitFor();

      // a progress update with two evidence files
      await page.getByRole('button', { name: /^Cập nhật tiến độ/ }).first().click();
      const form = page.getByRole('dialog', { name: 'Cập nhật tiến độ' });
      await form.getByLabel('Tình trạng').selectOption('in_progress');
      await form.getByLabel('Tiến độ (%)').fill('80');
      await form.getByLabel('Nội dung đã thực hiện, vướng mắc').fill(`Đã niêm yết 80% thủ tục ${RUN}`);
      await form.getByLabel('Tệp đính kèm').setInputFiles([
        { name: 'anh-niem-yet.pdf', mimeType: 'application/pdf', buffer: PDF },
        { name: 'bien-ban-kiem-tra.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF.toString('latin1').replace('%PDF-1.4\n', '%PDF-1.4\n% bien ban\n'), 'latin1') },
      ]);
      await form.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã gửi báo cáo tiến độ' }).waitFor();
      const mine = page.getByRole('region', { name: 'Phần việc của UBND phường Vị Xuyên' });
      await mine.getByRole('link', { name: 'bien-ban-kiem-tra.pdf' }).waitFor();
      assert.ok(await mine.getByRole('link', { name: 'anh-niem-yet.pdf' }).count());
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no sideways scrolling on the phone (${overflow}px)`);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.closeAll();
    }

    // the coordinator lands: the commune's update and the mention are in its queue
    const vpPage = await newPage(browser);
    try {
      await login(vpPage, 'vp.kstt');
      const notes = vpPage.locator('section[data-queue="ws-notifications"]');
      await notes.waitFor();
      await notes.getByRole('link', { name: new RegExp(`UBND phường Vị Xuyên cập nhật tiến độ: ${title}`) }).waitFor();
      await notes.getByRole('link', { name: new RegExp(`nhắc đến bạn.*${title}`) }).waitFor();
      assert.deepEqual(vpPage.consoleErrors, []);
    } finally {
      await vpPage.closeAll();
    }
  });
});
