// Access matrix rows for following a published answer and its correction (issue 16). Follow and
// unfollow are public: the same status for everyone (inside = a published item with a wrong code,
// 422; outside = an item not yet published, 404 as if unknown; an unknown unsubscribe token,
// 404), spaced out under nginx's public rate limit. The correction is for coordinators
// (feedback.route, as publish): admin and vp.kstt correct a throwaway published item (X0101
// inside, X0201 outside); everyone else is refused by the permission (403).
import { everyone, grant, only } from './matrix.rows.mjs';
import { login, req } from '../lib/api.mjs';
import { addressPool, sleep, submit } from './feedback.lib.mjs';

const next = addressPool(172);
const MISSING = 99999999;
const COORD = ['admin', 'vp.kstt'];

async function staff(token, method, path, body) {
  const r = await req(method, path, { token: await token, body });
  if (r.status >= 300) throw new Error(`matrix follow fixture ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** A throwaway item published with an answer by the unit `unitCode`'s officer (or left new). */
async function item(ctx, unitCode, officer, publish = true) {
  const { r } = await submit(next);
  if (r.status !== 201) throw new Error(`matrix follow fixture submit: ${r.status} ${r.text}`);
  const vp = login('vp.kstt');
  const l = await staff(vp, 'GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`);
  const id = l.items[0].id;
  if (!publish) return id;
  await staff(vp, 'POST', `/api/v1/feedback/${id}/accept`, {});
  await staff(vp, 'POST', `/api/v1/feedback/${id}/forward`, { unit_id: ctx.U[unitCode].id });
  await staff(login(officer), 'POST', `/api/v1/feedback/${id}/receive`);
  await staff(login(officer), 'POST', `/api/v1/feedback/${id}/submit`, { answer: 'Trả lời ma trận.' });
  await staff(vp, 'POST', `/api/v1/feedback/${id}/publish`, {});
  return id;
}

export async function setup(ctx) {
  ctx.follow = {
    inside: await item(ctx, 'X0101', 'xa11.daumoi'),
    outside: await item(ctx, 'X0201', 'xa21.daumoi'),
    unpublished: await item(ctx, 'X0101', 'xa11.daumoi', false),
  };
}

const spaced = (status, request) => ({
  expect: everyone(status),
  request: async (ctx) => {
    await sleep(80);
    return { token: null, ...(await request(ctx)) };
  },
});
const followBody = () => ({ email: `mx.${Date.now().toString(36)}@example.vn`, email_code: '000000' });
const correction = { answer: 'Trả lời đính chính của ma trận.', reason: 'Sai số liệu' };

export const rows = [
  {
    route: 'POST /api/v1/public/answers/{id}/follow',
    action: 'public',
    inside: spaced(422, async (ctx) => ({ params: { id: ctx.follow.inside }, body: followBody() })),
    outside: spaced(404, async (ctx) => ({ params: { id: ctx.follow.unpublished }, body: followBody() })),
    missing: spaced(404, async () => ({ params: { id: MISSING }, body: followBody() })),
  },
  {
    route: 'GET /api/v1/public/unfollow',
    action: 'public',
    inside: spaced(404, async () => ({ query: `token=${'ab'.repeat(32)}` })),
  },
  {
    route: 'POST /api/v1/feedback/{id}/correct',
    action: 'feedback.route',
    inside: { expect: only(grant(COORD, 200)), request: async (ctx) => ({ params: { id: ctx.follow.inside }, body: correction }) },
    outside: { expect: only(grant(COORD, 200)), request: async (ctx) => ({ params: { id: ctx.follow.outside }, body: correction }) },
    missing: { expect: only(grant(COORD, 404)), request: async () => ({ params: { id: MISSING }, body: correction }) },
  },
];
