// Access matrix rows for the citizen's flow (issue 16): a published answer's own page. Public: the
// same status for everyone; inside = a published item (200), outside = an item not yet published
// (404, as if unknown), missing = an id nobody has. Spaced out under nginx's public rate limit.
import { everyone } from './matrix.rows.mjs';
import { login, req } from '../lib/api.mjs';
import { sleep } from './feedback.lib.mjs';

const MISSING = 99999999;

export async function setup(ctx) {
  const pub = await req('GET', '/api/v1/public/feedback?per_page=1');
  if (pub.status !== 200 || !pub.json.items.length) throw new Error(`matrix citizen fixture: ${pub.status} ${pub.text}`);
  const t = await login('vp.kstt');
  const all = await req('GET', '/api/v1/feedback?box=all&per_page=50', { token: t });
  const unpublished = (all.json?.items || []).find((i) => i.status !== 'published');
  if (!unpublished) throw new Error('matrix citizen fixture: no unpublished item');
  ctx.citizen = { published: pub.json.items[0].id, unpublished: unpublished.id };
}

const spaced = (status, request) => ({
  expect: everyone(status),
  request: async (ctx) => {
    await sleep(80);
    return { token: null, ...(await request(ctx)) };
  },
});

export const rows = [
  {
    route: 'GET /api/v1/public/answers/{id}',
    action: 'public',
    inside: spaced(200, async (ctx) => ({ params: { id: ctx.citizen.published } })),
    outside: spaced(404, async (ctx) => ({ params: { id: ctx.citizen.unpublished } })),
    missing: spaced(404, async () => ({ params: { id: MISSING } })),
  },
];
