// Access matrix rows for feedback from every channel (issue 20). Format: see the comment at the top
// of matrix.rows.mjs. Intake and reopening are the coordinator's (feedback.route: admin and
// vp.kstt; each reopens a fresh published item, X0101 inside, X0201 outside); everyone else 403.
// A reply letter (feedback.handle) is attached by the unit handling the item (xa11 on a
// processing X0101 item: 201); staff who see the item but may not attach it in that state get
// 409, those who cannot see it 404, viewers 403. The public letter and contact are the same for
// everyone (spaced out under nginx's limit); the contact is edited by the province admin only.
import { everyone, grant, only } from './matrix.rows.mjs';
import { login, req } from '../lib/api.mjs';
import { addressPool, files, sleep } from './feedback.lib.mjs';

const next = addressPool(181);
const MISSING = 99999999;
const COORD = ['admin', 'vp.kstt'];
const pdf = () => files.pdf().toString('base64');
const letter = () => ({ name: 'mx-tra-loi.pdf', content_base64: pdf() });
// the same values as feedback_channels.test.mjs, so a parallel run reads what it wrote
export const CONTACT = { hotline: '1900 1234', address: 'Số 1 đường Trần Hưng Đạo, Nam Định', email: 'kstt@namdinh.gov.vn' };

async function staff(who, method, path, body) {
  const r = await req(method, path, { token: await login(who), body });
  if (r.status >= 300) throw new Error(`matrix channels fixture ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

const intakeBody = () => ({
  channel: 'phone',
  received_at: new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10),
  title: `Phản ánh qua điện thoại (ma trận) ${Math.random().toString(36).slice(2, 8)}`,
  content: 'Người dân gọi điện phản ánh về thời gian giải quyết hồ sơ.',
  type: 1,
});

/** An item taken in by phone and forwarded to unitCode, received there (processing). */
async function processing(ctx, unitCode, officer) {
  const it = await staff('vp.kstt', 'POST', '/api/v1/feedback/intake', intakeBody());
  await staff('vp.kstt', 'POST', `/api/v1/feedback/${it.id}/accept`, {});
  await staff('vp.kstt', 'POST', `/api/v1/feedback/${it.id}/forward`, { unit_id: ctx.U[unitCode].id });
  await staff(officer, 'POST', `/api/v1/feedback/${it.id}/receive`);
  return it;
}
async function published(ctx, unitCode, officer) {
  const it = await processing(ctx, unitCode, officer);
  await staff(officer, 'POST', `/api/v1/feedback/${it.id}/submit`, { answer: 'Trả lời của ma trận.' });
  await staff('vp.kstt', 'POST', `/api/v1/feedback/${it.id}/publish`, {});
  return it;
}

export async function setup(ctx) {
  const ch = {
    inside: await processing(ctx, 'X0101', 'xa11.daumoi'),
    outside: await processing(ctx, 'X0201', 'xa21.daumoi'),
    withLetter: await processing(ctx, 'X0101', 'xa11.daumoi'),
  };
  ch.letterUnpublished = (await staff('xa11.daumoi', 'POST', `/api/v1/feedback/${ch.inside.id}/answer/letter`, letter())).id;
  ch.letter = (await staff('xa11.daumoi', 'POST', `/api/v1/feedback/${ch.withLetter.id}/answer/letter`, letter())).id;
  await staff('xa11.daumoi', 'POST', `/api/v1/feedback/${ch.withLetter.id}/submit`, { answer: 'Trả lời kèm văn bản.' });
  await staff('vp.kstt', 'POST', `/api/v1/feedback/${ch.withLetter.id}/publish`, {});
  ctx.ch = ch;
}

const pub = (status, request) => ({
  expect: everyone(status),
  request: async (ctx) => {
    await sleep(80);
    return { token: null, ...(await request(ctx)) };
  },
});
const reopen = (unitCode, officer) => async (ctx, who) => ({
  params: { id: COORD.includes(who) ? (await published(ctx, unitCode, officer)).id : ctx.ch.inside.id },
  body: { reason: 'Người dân bổ sung chứng cứ (ma trận)' },
});
const SEE_INSIDE = ['admin', 'vp.kstt', 'lanhdao.tinh', 'huyen1.lanhdao', 'huyen1.daumoi'];
const WIDE = ['admin', 'vp.kstt', 'lanhdao.tinh'];

export const rows = [
  {
    route: 'POST /api/v1/feedback/intake',
    action: 'feedback.route',
    inside: { expect: only(grant(COORD, 201)), request: async () => ({ body: intakeBody() }) },
  },
  {
    route: 'POST /api/v1/feedback/{id}/reopen',
    action: 'feedback.route',
    inside: { expect: only(grant(COORD, 200)), request: reopen('X0101', 'xa11.daumoi') },
    outside: { expect: only(grant(COORD, 200)), request: reopen('X0201', 'xa21.daumoi') },
    missing: { expect: only(grant(COORD, 404)), request: async () => ({ params: { id: MISSING }, body: { reason: 'Ma trận mở lại' } }) },
  },
  {
    route: 'POST /api/v1/feedback/{id}/answer/letter',
    action: 'feedback.handle',
    inside: {
      expect: only({ ...grant(SEE_INSIDE, 409), 'stp.daumoi': 404, 'xa11.daumoi': 201, viewer: 403 }),
      request: async (ctx) => ({ params: { id: ctx.ch.inside.id }, body: letter() }),
    },
    outside: {
      expect: only({ ...grant(WIDE, 409), 'stp.daumoi': 404, 'huyen1.lanhdao': 404, 'huyen1.daumoi': 404, 'xa11.daumoi': 404, viewer: 403 }),
      request: async (ctx) => ({ params: { id: ctx.ch.outside.id }, body: letter() }),
    },
    missing: {
      expect: only({ ...grant([...SEE_INSIDE, 'stp.daumoi', 'xa11.daumoi'], 404), viewer: 403 }),
      request: async () => ({ params: { id: MISSING }, body: letter() }),
    },
  },
  {
    route: 'GET /api/v1/public/answers/{id}/letters/{file_id}',
    action: 'public',
    inside: pub(200, async (ctx) => ({ params: { id: ctx.ch.withLetter.id, file_id: ctx.ch.letter } })),
    // a letter of an item not published: as if unknown
    outside: pub(404, async (ctx) => ({ params: { id: ctx.ch.inside.id, file_id: ctx.ch.letterUnpublished } })),
    missing: pub(404, async (ctx) => ({ params: { id: ctx.ch.withLetter.id, file_id: MISSING } })),
  },
  { route: 'GET /api/v1/public/contact', action: 'public', inside: pub(200, async () => ({})) },
  {
    route: 'PUT /api/v1/settings/contact',
    action: 'settings.write',
    inside: { expect: only(grant(['admin'], 200)), request: async () => ({ body: CONTACT }) },
  },
];
