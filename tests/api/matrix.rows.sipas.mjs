// Access matrix rows for the satisfaction survey (SIPAS, issue 19 part 2). Format: see the comment
// at the top of matrix.rows.mjs. Everyone signed in reads the survey; links' counts and results
// are scoped (a unit its subtree; the province-wide roles and the appraiser every unit); only the
// appraiser (Sở Nội vụ or the province admin, the only appraiser among the principals) edits,
// opens, closes, issues links and types paper forms. The public form takes one answer per link.
// Setup works in fresh years from 2030 up, so the matrix may run again on the same database.
import { signedIn, only, everyone, grant, PRINCIPALS } from './matrix.rows.mjs';

const WIDE = ['admin', 'vp.kstt', 'lanhdao.tinh'];
const QUESTIONS = [
  { code: 'A1', group: 'access', text: 'Nơi ngồi chờ' },
  { code: 'C1', group: 'officials', text: 'Thái độ công chức' },
];
const SCALE = { choices: [{ score: 1, label: 'Không hài lòng' }, { score: 2, label: 'Bình thường' }, { score: 3, label: 'Hài lòng' }], satisfied: [3] };
const ANSWERS = [{ code: 'A1', score: 3 }, { code: 'C1', score: 2 }];

export async function setup(ctx) {
  const admin = ctx.admin;
  let base;
  for (let b = 2030; b <= 2085 && !base; b += 5) {
    let free = true;
    for (let y = b; free && y <= b + 4; y++) {
      const r = await ctx.req('GET', `/api/v1/sipas/${y}/survey`, { token: admin });
      if (r.status !== 404) free = false;
    }
    if (free) base = b;
  }
  if (!base) throw new Error('matrix sipas: no free years');
  const Y = { put: base, open: base + 1, close: base + 2, live: base + 3 };
  const body = (y) => ({ title: `Khảo sát ${y}`, questions: QUESTIONS, scale: SCALE, unit_ids: [ctx.U.STP.id, ctx.U.H01.id, ctx.U.H02.id] });
  for (const y of [Y.open, Y.close, Y.live]) {
    const r = await ctx.req('PUT', `/api/v1/sipas/${y}/survey`, { token: admin, body: body(y) });
    if (r.status !== 200) throw new Error(`matrix sipas survey ${y}: ${r.text}`);
  }
  for (const y of [Y.close, Y.live]) {
    const r = await ctx.req('POST', `/api/v1/sipas/${y}/survey/open`, { token: admin });
    if (r.status !== 200) throw new Error(`matrix sipas open ${y}: ${r.text}`);
  }
  // one unused link per principal for the public answer, one read-only link, one used link
  const r = await ctx.req('POST', `/api/v1/sipas/${Y.live}/links`, { token: admin, body: { unit_id: ctx.U.H01.id, count: PRINCIPALS.length + 2 } });
  if (r.status !== 201) throw new Error(`matrix sipas links: ${r.text}`);
  const tokens = r.json.links.map((l) => l.token);
  const used = tokens.pop(), read = tokens.pop();
  const a = await ctx.req('POST', `/api/v1/public/sipas/${used}`, { body: { answers: ANSWERS } });
  if (a.status !== 201) throw new Error(`matrix sipas answer: ${a.text}`);
  ctx.sp = { Y, body, tokens, read, used };
}

const mine = (ctx, who) => (who === 'stp.daumoi' ? ctx.U.STP.id : who.startsWith('xa11') ? ctx.U.X0101.id : ctx.U.H01.id);
const SCOPED_404 = (status) => signedIn(404, grant(WIDE, status));

export const rows = [
  {
    route: 'GET /api/v1/sipas/{year}/survey',
    action: 'index.read',
    inside: { expect: signedIn(200), request: async () => ({ params: { year: 2025 } }) },
    outside: { expect: signedIn(200), request: async (ctx) => ({ params: { year: ctx.sp.Y.live } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { year: 2000 } }) },
  },
  {
    route: 'PUT /api/v1/sipas/{year}/survey',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.sp.Y.put }, body: ctx.sp.body(ctx.sp.Y.put) }) },
    // an open survey is no longer edited
    outside: { expect: only(grant(['admin'], 409)), request: async (ctx) => ({ params: { year: ctx.sp.Y.live }, body: ctx.sp.body(ctx.sp.Y.live) }) },
  },
  {
    route: 'POST /api/v1/sipas/{year}/survey/open',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.sp.Y.open } }) },
    outside: { expect: only(grant(['admin'], 409)), request: async () => ({ params: { year: 2025 } }) },
    missing: { expect: only(grant(['admin'], 404)), request: async () => ({ params: { year: 2000 } }) },
  },
  {
    route: 'POST /api/v1/sipas/{year}/survey/close',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.sp.Y.close } }) },
    outside: { expect: only(grant(['admin'], 409)), request: async () => ({ params: { year: 2025 } }) },
    missing: { expect: only(grant(['admin'], 404)), request: async () => ({ params: { year: 2000 } }) },
  },
  {
    route: 'POST /api/v1/sipas/{year}/links',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 201)), request: async (ctx) => ({ params: { year: ctx.sp.Y.live }, body: { unit_id: ctx.U.H01.id, count: 1 } }) },
    outside: { expect: only(grant(['admin'], 201)), request: async (ctx) => ({ params: { year: ctx.sp.Y.live }, body: { unit_id: ctx.U.H02.id, count: 1 } }) },
    missing: { expect: only(grant(['admin'], 404)), request: async (ctx) => ({ params: { year: 2000 }, body: { unit_id: ctx.U.H01.id, count: 1 } }) },
  },
  {
    route: 'GET /api/v1/sipas/{year}/links',
    action: 'index.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { year: ctx.sp.Y.live }, query: `unit_id=${mine(ctx, who)}` }) },
    outside: { expect: SCOPED_404(200), request: async (ctx) => ({ params: { year: ctx.sp.Y.live }, query: `unit_id=${ctx.U.H02.id}` }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { year: 1999 } }) },
  },
  {
    route: 'POST /api/v1/sipas/{year}/responses',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 201)), request: async (ctx) => ({ params: { year: ctx.sp.Y.live }, body: { unit_id: ctx.U.H01.id, answers: ANSWERS } }) },
    outside: { expect: only(grant(['admin'], 201)), request: async (ctx) => ({ params: { year: ctx.sp.Y.live }, body: { unit_id: ctx.U.H02.id, answers: ANSWERS } }) },
    missing: { expect: only(grant(['admin'], 404)), request: async (ctx) => ({ params: { year: 2000 }, body: { unit_id: ctx.U.H01.id, answers: ANSWERS } }) },
  },
  {
    route: 'GET /api/v1/sipas/{year}/results',
    action: 'index.read',
    // each principal gets its subtree's units (checked by the scope walk)
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { year: 2025 }, query: `unit_id=${mine(ctx, who)}` }) },
    outside: { expect: SCOPED_404(200), request: async (ctx) => ({ params: { year: 2025 }, query: `unit_id=${ctx.U.H02.id}` }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { year: 2000 } }) },
  },
  {
    route: 'GET /api/v1/public/sipas/{year}/results',
    action: 'public',
    inside: { expect: everyone(200), request: async () => ({ params: { year: 2025 }, token: null }) },
    // still open: not public
    outside: { expect: everyone(404), request: async (ctx) => ({ params: { year: ctx.sp.Y.live }, token: null }) },
  },
  {
    route: 'GET /api/v1/public/sipas/{token}',
    action: 'public',
    inside: { expect: everyone(200), request: async (ctx) => ({ params: { token: ctx.sp.read }, token: null }) },
    outside: { expect: everyone(404), request: async (ctx) => ({ params: { token: ctx.sp.used }, token: null }) },
    missing: { expect: everyone(404), request: async () => ({ params: { token: 'khongcoduongdannaotrongcoso' }, token: null }) },
  },
  {
    route: 'POST /api/v1/public/sipas/{token}',
    action: 'public',
    inside: { expect: everyone(201), request: async (ctx, who) => ({ params: { token: ctx.sp.tokens[PRINCIPALS.indexOf(who)] }, body: { answers: ANSWERS }, token: null }) },
    outside: { expect: everyone(409), request: async (ctx) => ({ params: { token: ctx.sp.used }, body: { answers: ANSWERS }, token: null }) },
  },
];
