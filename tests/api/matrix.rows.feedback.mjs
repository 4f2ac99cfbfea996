// Access matrix rows for citizen feedback (issue 7). Format: see the comment at the top of
// matrix.rows.mjs.
//
// Reading is open to every signed-in role, but an item is visible only to province-wide
// principals and to the subtree of the unit it is forwarded to: inside = forwarded to X0101 (in
// H01), outside = forwarded to X0201 (in H02). Coordinator actions (feedback.route) are for the
// admin and vp.kstt; each of them acts on a fresh item in the state the action needs. Unit
// actions (feedback.handle) are for the assigned unit only: xa11.daumoi on a fresh X0101 item;
// other staff who can see the item get 403, those who cannot 404. Public routes: the same status
// for everyone; they are spaced out (nginx limits /api/v1/public/ per address and the matrix
// speaks from 127.0.0.1), and the fixtures are made from other loopback addresses.
import { everyone, grant, only, signedIn } from './matrix.rows.mjs';
import { login, req } from '../lib/api.mjs';
import { addressPool, altcha, files, form, sleep, submit } from './feedback.lib.mjs';

const next = addressPool(75);
const MISSING = 99999999;
const COORD = ['admin', 'vp.kstt'];
const STAFF_VISIBLE_IN = ['admin', 'vp.kstt', 'lanhdao.tinh', 'huyen1.lanhdao', 'huyen1.daumoi'];
const WIDE = ['admin', 'vp.kstt', 'lanhdao.tinh'];

const vp = () => login('vp.kstt');
const xa11 = () => login('xa11.daumoi');

async function staff(token, method, path, body) {
  const r = await req(method, path, { token: await token, body });
  if (r.status >= 300) throw new Error(`matrix feedback fixture ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** A new item from the public form, with a PDF attached. */
async function fresh() {
  const { r } = await submit(next, { attachments: [{ name: 'mx.pdf', content_base64: files.pdf().toString('base64') }] });
  if (r.status !== 201) throw new Error(`matrix feedback fixture submit: ${r.status} ${r.text}`);
  const l = await staff(vp(), 'GET', `/api/v1/feedback?box=all&q=${r.json.tracking_code}`);
  const d = await staff(vp(), 'GET', `/api/v1/feedback/${l.items[0].id}`);
  return { id: d.id, code: r.json.tracking_code, fileId: d.files[0].id };
}
async function accepted() {
  const it = await fresh();
  await staff(vp(), 'POST', `/api/v1/feedback/${it.id}/accept`, {});
  return it;
}
async function forwarded(unitId) {
  const it = await accepted();
  await staff(vp(), 'POST', `/api/v1/feedback/${it.id}/forward`, { unit_id: unitId });
  return it;
}
async function processing(ctx) {
  const it = await forwarded(ctx.U.X0101.id);
  await staff(xa11(), 'POST', `/api/v1/feedback/${it.id}/receive`);
  return it;
}
async function answered(ctx) {
  const it = await processing(ctx);
  await staff(xa11(), 'POST', `/api/v1/feedback/${it.id}/submit`, { answer: 'Trả lời của ma trận.' });
  return it;
}

export async function setup(ctx) {
  const fx = {};
  fx.inside = await forwarded(ctx.U.X0101.id);
  fx.outside = await forwarded(ctx.U.X0201.id);
  // Notifications: forwarding wrote one for each unit.
  const n = await staff(xa11(), 'GET', '/api/v1/notifications?per_page=50');
  fx.noteInside = n.items.find((x) => x.entity_id === fx.inside.id).id;
  const n2 = await staff(login('xa21.daumoi'), 'GET', '/api/v1/notifications?per_page=50');
  fx.noteOutside = n2.items.find((x) => x.entity_id === fx.outside.id).id;
  ctx.fb = fx;
}

/** A coordinator action: admin and vp.kstt each act on a fresh item made by prepare(). */
const coord = (route, prepare, body = () => ({})) => {
  const request = async (ctx, who) => ({
    params: { id: COORD.includes(who) ? (await prepare(ctx)).id : ctx.fb.inside.id },
    body: await body(ctx),
  });
  return {
    route,
    action: 'feedback.route',
    inside: { expect: only(grant(COORD, 200)), request },
    outside: { expect: only(grant(COORD, 200)), request },
    missing: { expect: only(grant(COORD, 404)), request: async (ctx) => ({ params: { id: MISSING }, body: await body(ctx) }) },
  };
};

/** A unit action: xa11 acts on a fresh X0101 item made by prepare(); the rest are refused. */
const unit = (route, prepare, body) => ({
  route,
  action: 'feedback.handle',
  inside: {
    expect: only({ ...grant(STAFF_VISIBLE_IN, 403), 'stp.daumoi': 404, 'xa11.daumoi': 200, viewer: 403 }),
    request: async (ctx, who) => ({ params: { id: who === 'xa11.daumoi' ? (await prepare(ctx)).id : ctx.fb.inside.id }, body }),
  },
  outside: {
    expect: only({ ...grant(WIDE, 403), 'stp.daumoi': 404, 'huyen1.lanhdao': 404, 'huyen1.daumoi': 404, 'xa11.daumoi': 404, viewer: 403 }),
    request: async (ctx) => ({ params: { id: ctx.fb.outside.id }, body }),
  },
  missing: {
    expect: only({ ...grant([...STAFF_VISIBLE_IN, 'stp.daumoi', 'xa11.daumoi'], 404), viewer: 403 }),
    request: async () => ({ params: { id: MISSING }, body }),
  },
});

/** A public route: the same status for everyone, spaced out under nginx's limit. */
const pub = (route, cases) => {
  const row = { route, action: 'public' };
  for (const [name, [status, request]] of Object.entries(cases)) {
    row[name] = {
      expect: everyone(status),
      request: async (ctx, who) => {
        await sleep(80);
        return { token: null, ...(await request(ctx, who)) };
      },
    };
  }
  return row;
};

export const rows = [
  pub('GET /api/v1/public/challenge', { inside: [200, async () => ({})] }),
  pub('GET /api/v1/public/feedback/meta', { inside: [200, async () => ({})] }),
  pub('GET /api/v1/public/feedback', { inside: [200, async () => ({ query: 'q=chung%20thuc&per_page=5' })] }),
  pub('POST /api/v1/public/feedback', { inside: [201, async () => ({ body: { ...form(), altcha: await altcha(next()) } })] }),
  pub('POST /api/v1/public/email-code', {
    inside: [202, async () => ({ body: { email: `mx.${Math.random().toString(36).slice(2)}@example.vn`, altcha: await altcha(next()) } })],
  }),
  pub('GET /api/v1/public/feedback/{code}', {
    inside: [200, async (ctx) => ({ params: { code: ctx.fb.inside.code } })],
    outside: [200, async (ctx) => ({ params: { code: ctx.fb.outside.code } })],
    missing: [404, async () => ({ params: { code: '2222-2222-2222' } })],
  }),
  // No information was asked for, nothing is published yet: 409 shows the route is open to all.
  pub('POST /api/v1/public/feedback/{code}/info', {
    inside: [409, async (ctx) => ({ params: { code: ctx.fb.inside.code }, body: { reply: 'Bổ sung' } })],
    outside: [409, async (ctx) => ({ params: { code: ctx.fb.outside.code }, body: { reply: 'Bổ sung' } })],
    missing: [404, async () => ({ params: { code: '2222-2222-2222' }, body: { reply: 'Bổ sung' } })],
  }),
  pub('POST /api/v1/public/feedback/{code}/rating', {
    inside: [409, async (ctx) => ({ params: { code: ctx.fb.inside.code }, body: { rating: 'satisfied' } })],
    outside: [409, async (ctx) => ({ params: { code: ctx.fb.outside.code }, body: { rating: 'satisfied' } })],
    missing: [404, async () => ({ params: { code: '2222-2222-2222' }, body: { rating: 'satisfied' } })],
  }),

  { route: 'GET /api/v1/feedback', action: 'feedback.read', inside: { expect: signedIn(200), request: async () => ({ query: 'box=all&per_page=5' }) } },
  { route: 'GET /api/v1/feedback/stats', action: 'feedback.read', inside: { expect: signedIn(200), request: async () => ({}) } },
  { route: 'POST /api/v1/feedback/reminders', action: 'feedback.route', inside: { expect: only(grant(COORD, 200)), request: async () => ({}) } },
  {
    route: 'GET /api/v1/feedback/{id}',
    action: 'feedback.read',
    inside: { expect: signedIn(200, { 'stp.daumoi': 404 }), request: async (ctx) => ({ params: { id: ctx.fb.inside.id } }) },
    outside: { expect: signedIn(404, grant(WIDE, 200)), request: async (ctx) => ({ params: { id: ctx.fb.outside.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'GET /api/v1/feedback/{id}/files/{file_id}',
    action: 'feedback.read',
    inside: { expect: signedIn(200, { 'stp.daumoi': 404 }), request: async (ctx) => ({ params: { id: ctx.fb.inside.id, file_id: ctx.fb.inside.fileId } }) },
    outside: { expect: signedIn(404, grant(WIDE, 200)), request: async (ctx) => ({ params: { id: ctx.fb.outside.id, file_id: ctx.fb.outside.fileId } }) },
    missing: { expect: signedIn(404), request: async (ctx) => ({ params: { id: ctx.fb.inside.id, file_id: MISSING } }) },
  },
  coord('POST /api/v1/feedback/{id}/reject', fresh, () => ({ reason: 'not_admin_regulation', note: 'Ma trận' })),
  coord('POST /api/v1/feedback/{id}/request-info', fresh, () => ({ question: 'Đề nghị bổ sung số biên nhận.' })),
  coord('POST /api/v1/feedback/{id}/accept', fresh, () => ({ type: 2 })),
  coord('POST /api/v1/feedback/{id}/forward', accepted, (ctx) => ({ unit_id: ctx.U.X0101.id })),
  coord('POST /api/v1/feedback/{id}/duplicate', fresh, (ctx) => ({ duplicate_of: ctx.fb.inside.id })),
  coord('POST /api/v1/feedback/{id}/publish', answered),
  coord('POST /api/v1/feedback/{id}/send-back', answered, () => ({ note: 'Bổ sung căn cứ' })),
  unit('POST /api/v1/feedback/{id}/receive', (ctx) => forwarded(ctx.U.X0101.id), undefined),
  unit('POST /api/v1/feedback/{id}/return', (ctx) => forwarded(ctx.U.X0101.id), { reason: 'Không thuộc thẩm quyền' }),
  unit('PUT /api/v1/feedback/{id}/answer', processing, { answer: 'Dự thảo ma trận' }),
  unit('POST /api/v1/feedback/{id}/submit', processing, { answer: 'Trả lời ma trận' }),

  { route: 'GET /api/v1/notifications', action: 'auth', inside: { expect: signedIn(200), request: async () => ({}) } },
  {
    route: 'POST /api/v1/notifications/{id}/read',
    action: 'auth',
    inside: { expect: signedIn(404, { 'xa11.daumoi': 204 }), request: async (ctx) => ({ params: { id: ctx.fb.noteInside } }) },
    outside: { expect: signedIn(404), request: async (ctx) => ({ params: { id: ctx.fb.noteOutside } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  // Marks only the caller's own (tests/api/notifications.test.mjs): every signed-in role may.
  { route: 'POST /api/v1/notifications/read-all', action: 'auth', inside: { expect: signedIn(200), request: async () => ({}) } },
];
