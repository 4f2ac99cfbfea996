// Access matrix rows for the reform index (issue 19). Format: see the comment at the top of
// matrix.rows.mjs. Everyone reads the criteria; an assessment is seen by the units of its subtree,
// the province-wide roles and the appraiser (Sở Nội vụ or the province admin, the only appraiser
// among the principals); staff fill it, the unit's leader submits it; the appraiser keeps the
// criteria, appraises, returns and finalises. Each write row works in a year of its own (setup
// gives every one a small tree with no self-assessed leaf, so a submit needs no values).
import { signedIn, only, everyone, grant } from './matrix.rows.mjs';
import { multipart } from './feedback.lib.mjs';

const WIDE = ['admin', 'vp.kstt', 'lanhdao.tinh'];
const STAFF_ALL = ['admin', 'vp.kstt', 'lanhdao.tinh', 'stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi'];
const TREE = [
  { code: '1', name: 'Chỉ đạo, điều hành', max: 10 },
  { code: '1.1', name: 'Đánh giá của Hội đồng', max: 6, method: 'points', source: 'appraisal' },
  { code: '1.2', name: 'Nhiệm vụ đúng hạn', max: 4, method: 'ratio', source: 'system', params: { metric: 'tasks_ontime_rate' } },
];

const PDF = Buffer.from('%PDF-1.4\n% tai lieu kiem chung\n%%EOF\n');
// A fresh evidence form (code 1.1, one PDF): a body for the upload row or a throwaway file.
const evidenceForm = () => multipart({ code: '1.1' }, [{ field: 'file', name: 'kiem-chung.pdf', type: 'application/pdf', data: PDF }]);
// Uploads an evidence file to (year, unit) as the province admin: its id.
async function evidenceFile(ctx, year, unit) {
  const m = evidenceForm();
  const r = await ctx.req('POST', `/api/v1/index/${year}/assessments/${unit}/evidence`, { token: ctx.admin, raw: m.body, headers: m.headers });
  if (r.status !== 201) throw new Error(`matrix index evidence ${year}/${unit}: ${r.text}`);
  return r.json.id;
}

const CSV = 'Mã,Tên,Điểm tối đa,Cách chấm,Nguồn\n1,Chỉ đạo,10,có/không,tự chấm\n';

export async function setup(ctx) {
  const admin = ctx.admin;
  // A run of 10 fresh years (none with a tree), so the matrix may run again on the same database.
  let base;
  // the first free run from 2030 up (the API and browser tests take theirs from 2100 down)
  for (let b = 2030; b <= 2091 && !base; b += 10) {
    let free = true;
    for (let y = b; free && y <= b + 9; y++) {
      for (const kind of ['district', 'department']) {
        const r = await ctx.req('GET', `/api/v1/index/${y}/criteria?kind=${kind}`, { token: admin });
        if (r.json.criteria.length || r.json.locked) free = false;
      }
    }
    if (free) base = b;
  }
  if (!base) throw new Error('matrix index: no free years');
  const Y = { assess: base, submit: base + 1, appraise: base + 2, ret: base + 3, fin: base + 4, from: base + 6, copy: base + 7, put: base + 8 };
  for (const y of [Y.assess, Y.submit, Y.appraise, Y.ret, Y.fin, Y.from]) {
    for (const kind of ['district', 'department']) {
      const r = await ctx.req('PUT', `/api/v1/index/${y}/criteria?kind=${kind}`, { token: admin, body: TREE });
      if (r.status !== 200) throw new Error(`matrix index tree ${y}: ${r.text}`);
    }
  }
  const leader = await ctx.login('huyen1.lanhdao');
  const province = await ctx.login('lanhdao.tinh');
  const submit = async (year, unit, token) => {
    const r = await ctx.req('POST', `/api/v1/index/${year}/assessments/${unit}/submit`, { token });
    if (r.status !== 200) throw new Error(`matrix index submit ${year}/${unit}: ${r.text}`);
  };
  for (const y of [Y.appraise, Y.ret]) {
    await submit(y, ctx.U.H01.id, leader);
    await submit(y, ctx.U.H02.id, province);
  }
  await submit(Y.fin, ctx.U.H01.id, leader);
  const a = await ctx.req('PUT', `/api/v1/index/${Y.fin}/appraisals/${ctx.U.H01.id}`, { token: admin, body: { scores: [] } });
  if (a.status !== 200) throw new Error(`matrix index appraise: ${a.text}`);
  ctx.ix = Y;
  // evidence files of the open year: a district's, another district's, a department's
  ctx.ixFiles = {};
  for (const code of ['H01', 'H02', 'STP']) ctx.ixFiles[code] = await evidenceFile(ctx, Y.assess, ctx.U[code].id);
}

// The assessed unit inside each principal's scope (communes have none: their own is a commune).
const mine = (ctx, who) => (who === 'stp.daumoi' ? ctx.U.STP.id : who.startsWith('xa11') ? ctx.U.X0101.id : ctx.U.H01.id);
const COMMUNE_404 = { 'xa11.daumoi': 404 };
// The evidence file inside each principal's scope (a commune's principals get the district's: 404).
const mineFile = (ctx, who) => ctx.ixFiles[who === 'stp.daumoi' ? 'STP' : 'H01'];

export const rows = [
  {
    route: 'GET /api/v1/index/{year}/criteria',
    action: 'index.read',
    inside: { expect: signedIn(200), request: async () => ({ params: { year: 2024 }, query: 'kind=district' }) },
    outside: { expect: signedIn(200), request: async () => ({ params: { year: 2025 }, query: 'kind=department' }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { year: 1999 }, query: 'kind=district' }) },
  },
  {
    route: 'PUT /api/v1/index/{year}/criteria',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.ix.put }, query: 'kind=district', body: TREE }) },
    // 2024 has assessments: its tree is locked
    outside: { expect: only(grant(['admin'], 409)), request: async () => ({ params: { year: 2024 }, query: 'kind=district', body: TREE }) },
  },
  {
    route: 'POST /api/v1/index/{year}/criteria/copy',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.ix.copy }, query: 'kind=district' }) },
    outside: { expect: only(grant(['admin'], 409)), request: async () => ({ params: { year: 2024 }, query: 'kind=district' }) },
    missing: { expect: only(grant(['admin'], 404)), request: async () => ({ params: { year: 2000 }, query: 'kind=district' }) },
  },
  {
    route: 'POST /api/v1/index/{year}/criteria/import',
    action: 'index.appraise',
    inside: {
      expect: only(grant(['admin'], 200)),
      request: async (ctx) => ({ params: { year: ctx.ix.put }, query: 'kind=department', headers: { 'content-type': 'text/csv' }, raw: CSV }),
    },
    outside: { expect: only(grant(['admin'], 409)), request: async () => ({ params: { year: 2024 }, query: 'kind=department', headers: { 'content-type': 'text/csv' }, raw: CSV }) },
  },
  {
    route: 'GET /api/v1/index/{year}/assessments/{unit_id}',
    action: 'index.read',
    inside: { expect: signedIn(200, COMMUNE_404), request: async (ctx, who) => ({ params: { year: 2024, unit_id: mine(ctx, who) } }) },
    outside: { expect: signedIn(404, grant(WIDE, 200)), request: async (ctx) => ({ params: { year: 2024, unit_id: ctx.U.H02.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { year: 2024, unit_id: 99999999 } }) },
  },
  {
    route: 'PUT /api/v1/index/{year}/assessments/{unit_id}',
    action: 'index.assess',
    inside: {
      expect: only({ ...grant(STAFF_ALL, 200), ...COMMUNE_404 }),
      request: async (ctx, who) => ({ params: { year: ctx.ix.assess, unit_id: mine(ctx, who) }, body: { scores: [] } }),
    },
    outside: {
      expect: only({ ...grant(STAFF_ALL, 404), ...grant(WIDE, 200) }),
      request: async (ctx) => ({ params: { year: ctx.ix.assess, unit_id: ctx.U.H02.id }, body: { scores: [] } }),
    },
    missing: { expect: only(grant(STAFF_ALL, 404)), request: async (ctx) => ({ params: { year: ctx.ix.assess, unit_id: 99999999 }, body: { scores: [] } }) },
  },
  {
    route: 'POST /api/v1/index/{year}/assessments/{unit_id}/submit',
    action: 'index.submit',
    inside: {
      expect: only({ 'huyen1.lanhdao': 200, 'lanhdao.tinh': 200, 'huyen1.admin': 403 }),
      request: async (ctx, who) => ({ params: { year: ctx.ix.submit, unit_id: who === 'lanhdao.tinh' ? ctx.U.H02.id : ctx.U.H01.id } }),
    },
    outside: {
      expect: only({ 'huyen1.lanhdao': 404, 'lanhdao.tinh': 200, 'huyen1.admin': 403 }),
      request: async (ctx) => ({ params: { year: ctx.ix.submit, unit_id: ctx.U.H03.id } }),
    },
    missing: {
      expect: only({ 'huyen1.lanhdao': 404, 'lanhdao.tinh': 404, 'huyen1.admin': 403 }),
      request: async (ctx) => ({ params: { year: ctx.ix.submit, unit_id: 99999999 } }),
    },
  },
  {
    route: 'POST /api/v1/index/{year}/assessments/{unit_id}/evidence',
    action: 'index.assess',
    inside: {
      expect: only({ ...grant(STAFF_ALL, 201), ...COMMUNE_404 }),
      request: async (ctx, who) => {
        const m = evidenceForm();
        return { params: { year: ctx.ix.assess, unit_id: mine(ctx, who) }, raw: m.body, headers: m.headers };
      },
    },
    outside: {
      expect: only({ ...grant(STAFF_ALL, 404), ...grant(WIDE, 201) }),
      request: async (ctx) => {
        const m = evidenceForm();
        return { params: { year: ctx.ix.assess, unit_id: ctx.U.H02.id }, raw: m.body, headers: m.headers };
      },
    },
    missing: {
      expect: only(grant(STAFF_ALL, 404)),
      request: async (ctx) => {
        const m = evidenceForm();
        return { params: { year: ctx.ix.assess, unit_id: 99999999 }, raw: m.body, headers: m.headers };
      },
    },
  },
  {
    route: 'GET /api/v1/index/{year}/evidence/{id}',
    action: 'index.read',
    inside: { expect: signedIn(200, COMMUNE_404), request: async (ctx, who) => ({ params: { year: ctx.ix.assess, id: mineFile(ctx, who) } }) },
    outside: { expect: signedIn(404, grant(WIDE, 200)), request: async (ctx) => ({ params: { year: ctx.ix.assess, id: ctx.ixFiles.H02 } }) },
    missing: { expect: signedIn(404), request: async (ctx) => ({ params: { year: ctx.ix.assess, id: 99999999 } }) },
  },
  {
    route: 'POST /api/v1/index/{year}/evidence/{id}/withdraw',
    action: 'index.assess',
    // a throwaway file per request: a withdrawn one cannot be withdrawn again
    inside: {
      expect: only({ ...grant(STAFF_ALL, 200), ...COMMUNE_404 }),
      request: async (ctx, who) => ({ params: { year: ctx.ix.assess, id: await evidenceFile(ctx, ctx.ix.assess, who === 'stp.daumoi' ? ctx.U.STP.id : ctx.U.H01.id) } }),
    },
    outside: {
      expect: only({ ...grant(STAFF_ALL, 404), ...grant(WIDE, 200) }),
      request: async (ctx) => ({ params: { year: ctx.ix.assess, id: await evidenceFile(ctx, ctx.ix.assess, ctx.U.H02.id) } }),
    },
    missing: { expect: only(grant(STAFF_ALL, 404)), request: async (ctx) => ({ params: { year: ctx.ix.assess, id: 99999999 } }) },
  },
  {
    route: 'PUT /api/v1/index/{year}/appraisals/{unit_id}',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.ix.appraise, unit_id: ctx.U.H01.id }, body: { scores: [{ code: '1.1', points: 5 }] } }) },
    outside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.ix.appraise, unit_id: ctx.U.H02.id }, body: { scores: [] } }) },
    missing: { expect: only(grant(['admin'], 404)), request: async (ctx) => ({ params: { year: ctx.ix.appraise, unit_id: 99999999 }, body: { scores: [] } }) },
  },
  {
    route: 'POST /api/v1/index/{year}/appraisals/{unit_id}/return',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.ix.ret, unit_id: ctx.U.H01.id }, body: { reason: 'Bổ sung tài liệu kiểm chứng' } }) },
    outside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.ix.ret, unit_id: ctx.U.H02.id }, body: { reason: 'Bổ sung' } }) },
    missing: { expect: only(grant(['admin'], 404)), request: async (ctx) => ({ params: { year: ctx.ix.ret, unit_id: 99999999 }, body: { reason: 'Bổ sung' } }) },
  },
  {
    route: 'POST /api/v1/index/{year}/finalize',
    action: 'index.appraise',
    inside: { expect: only(grant(['admin'], 200)), request: async (ctx) => ({ params: { year: ctx.ix.fin }, body: { decision_no: '1/QĐ-UBND', decision_date: '2026-03-01' } }) },
    outside: { expect: only(grant(['admin'], 409)), request: async () => ({ params: { year: 2024 }, body: { decision_no: '2/QĐ-UBND', decision_date: '2026-03-01' } }) },
  },
  {
    route: 'GET /api/v1/index/{year}/results',
    action: 'index.read',
    // not final: each principal gets the rows of its subtree (checked by the scope walk)
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { year: ctx.ix.assess }, query: 'kind=district' }) },
    // final: the published ranking, every unit for everyone
    outside: { expect: signedIn(200), request: async () => ({ params: { year: 2024 }, query: 'kind=district' }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { year: 1999 }, query: 'kind=district' }) },
  },
  {
    route: 'GET /api/v1/index/{year}/results/export',
    action: 'index.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { year: ctx.ix.assess }, query: 'kind=district' }) },
    outside: { expect: signedIn(200), request: async () => ({ params: { year: 2024 }, query: 'kind=district' }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { year: 1999 }, query: 'kind=district' }) },
  },
  {
    route: 'GET /api/v1/public/index/{year}/results',
    action: 'public',
    inside: { expect: everyone(200), request: async () => ({ params: { year: 2024 }, query: 'kind=department', token: null }) },
    outside: { expect: everyone(404), request: async () => ({ params: { year: 2025 }, query: 'kind=department', token: null }) },
  },
];
