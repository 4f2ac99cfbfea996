// Access matrix rows for plans, sections, tasks, assignments, timeline parsing and holidays (issue 4, 5).
// Format: see the comment at the top of matrix.rows.mjs. Fixtures are throwaway plans made by the admin
// through the import route: a published province plan that gives work to every principal's unit, a
// draft of each principal's own unit, and a draft and a published plan of district H02 (outside the
// scope of every district, commune and department principal).
import { randomBytes, createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { signedIn, only, grant, ADMIN } from './matrix.rows.mjs';

const MISSING = 99999999;
const STAFF = ['admin', 'vp.kstt', 'lanhdao.tinh', 'stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi'];
const PUBLISHERS = ['admin', 'vp.kstt', 'lanhdao.tinh', 'huyen1.lanhdao'];
const WIDE = ['admin', 'vp.kstt', 'lanhdao.tinh']; // province-wide
const NARROW = ['stp.daumoi', 'huyen1.lanhdao', 'huyen1.daumoi', 'xa11.daumoi', 'viewer', 'huyen1.admin', 'xa11.viewer'];
// The unit each principal plans for (its own).
const OWN = { anonymous: 'H01', admin: 'NDH', 'vp.kstt': 'VP', 'lanhdao.tinh': 'NDH', 'stp.daumoi': 'STP', 'huyen1.lanhdao': 'H01', 'huyen1.daumoi': 'H01', 'xa11.daumoi': 'X0101', viewer: 'H01', 'huyen1.admin': 'H01', 'xa11.viewer': 'X0101' };
// The unit whose assignment in the province plan each principal reads (its own when it has one).
const ASG = { ...OWN, anonymous: 'X0101', admin: 'X0101', 'lanhdao.tinh': 'X0101' };

/** Staff get `status`, the viewer 403 (role), anonymous 401. */
const staff = (status, overrides = {}) => only({ ...grant(STAFF, status), ...overrides });
/** Readers: province-wide principals `wide`, the narrow ones `narrow`. */
const byScope = (wide, narrow, base = signedIn) => base(wide, grant(NARROW, narrow));
/** Writers on an object outside the narrow scopes: wide get `status`, narrow staff 404, viewer 403. */
const writeOutside = (status, writers = STAFF) => only({ ...grant(writers.filter((w) => WIDE.includes(w)), status), ...grant(writers.filter((w) => !WIDE.includes(w)), 404) });

const GROUP = (g, text) => ({ text, unit_id: null, group: g });
const rand = () => randomBytes(4).toString('hex');
const pngBytes = (seed) => {
  const crcT = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b) => {
    let c = 0xffffffff;
    for (const x of b) c = crcT[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const px = createHash('sha256').update(seed).digest();
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, px[0], px[1], px[2]]))), chunk('IEND', Buffer.alloc(0))]);
};

/** A plan of `code` made by the admin: {id, tasks: [normal, event], sectionId}, optionally published. */
async function plan(ctx, code, { publish = false, lead } = {}) {
  const unitRef = (c) => ({ text: ctx.U[c].name, unit_id: ctx.U[c].id, group: null });
  const r = await ctx.req('POST', '/api/v1/plans/import', {
    token: ctx.admin,
    body: {
      title: `Kế hoạch ma trận ${code} ${ctx.rand()}`,
      year: 2023,
      unit_id: ctx.U[code].id,
      sections: [{ number: 'I', title: 'Mục ma trận', tasks: [
        { number: '1', title: 'Nhiệm vụ ma trận', lead: lead || [unitRef(code)], coop: [], timeline: { text: 'Quý II/2023' }, children: [] },
        { number: '2', title: 'Nhiệm vụ theo sự kiện', lead: lead || [unitRef(code)], coop: [], timeline: { text: 'Chậm nhất 05 ngày làm việc kể từ ngày ban hành Quyết định công bố' }, children: [] },
      ] }],
    },
  });
  if (r.status !== 201) throw new Error(`matrix fixture plan ${code}: ${r.text}`);
  if (publish) {
    const p = await ctx.req('POST', `/api/v1/plans/${r.json.id}/publish`, { token: ctx.admin });
    if (p.status !== 200) throw new Error(`matrix fixture publish: ${p.text}`);
  }
  const g = await ctx.req('GET', `/api/v1/plans/${r.json.id}`, { token: ctx.admin });
  const s = g.json.sections[0];
  return { id: r.json.id, sectionId: s.id, tasks: s.tasks };
}
async function newSection(ctx, planId) {
  const r = await ctx.req('POST', `/api/v1/plans/${planId}/sections`, { token: ctx.admin, body: { title: `Mục tạm ${ctx.rand()}` } });
  if (r.status !== 201) throw new Error(`matrix fixture section: ${r.text}`);
  return r.json.id;
}
async function newHoliday(ctx) {
  const day = `2099-${String(1 + (randomBytes(1)[0] % 12)).padStart(2, '0')}-${String(1 + (randomBytes(1)[0] % 28)).padStart(2, '0')}`;
  const r = await ctx.req('POST', '/api/v1/holidays', { token: ctx.admin, body: { day, name: 'Ngày nghỉ ma trận' } });
  if (r.status !== 200) throw new Error(`matrix fixture holiday: ${r.text}`);
  return day;
}

export async function setup(ctx) {
  const P = {};
  // Work for every principal's unit: departments (VP, STP), districts (H01, H02), communes (X0101, X0201).
  P.province = await plan(ctx, 'NDH', { publish: true, lead: [GROUP('departments', 'Các sở, ban, ngành'), GROUP('districts', 'UBND cấp huyện'), GROUP('communes', 'UBND cấp xã')] });
  P.h02draft = await plan(ctx, 'H02');
  P.h02pub = await plan(ctx, 'H02', { publish: true });
  P.own = {};
  for (const who of Object.keys(OWN)) P.own[who] = await plan(ctx, OWN[who]);
  const asg = (task, code) => task.assignments.find((a) => a.unit_id === ctx.U[code].id).id;
  P.asg = Object.fromEntries(Object.entries(ASG).map(([who, code]) => [who, asg(P.province.tasks[0], code)]));
  P.asgOutside = asg(P.province.tasks[0], 'X0201');
  // One evidence file per assignment read (distinct bytes: the same file twice is another case).
  P.sha = {};
  const upload = async (id) => {
    const bytes = pngBytes(`${id} ${rand()}`);
    const r = await ctx.req('POST', `/api/v1/assignments/${id}/updates`, { token: ctx.admin, body: { status: 'in_progress', progress: 10, attachment: { name: 'minh-chung.png', content_base64: bytes.toString('base64') } } });
    if (r.status !== 201) throw new Error(`matrix fixture attachment: ${r.text}`);
    return createHash('sha256').update(bytes).digest('hex');
  };
  for (const [who, id] of Object.entries(P.asg)) P.sha[who] = await upload(id);
  P.shaOutside = await upload(P.asgOutside);
  ctx.plans = P;
}

const TABLE = 'STT\tNhiệm vụ\tKết quả\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian thực hiện\nI\tCÔNG TÁC CHỈ ĐẠO\t\t\t\t\n1\tXây dựng kế hoạch\tKế hoạch\tVăn phòng UBND tỉnh\tCác sở, ban, ngành\tQuý I/2023';
const importBody = (ctx, who) => ({
  title: `Kế hoạch nhập ma trận ${ctx.rand()}`,
  year: 2023,
  unit_id: ctx.U[OWN[who]].id,
  sections: [{ number: 'I', title: 'Mục', tasks: [{ number: '1', title: 'Nhiệm vụ nhập', lead: [], coop: [], timeline: 'Quý I/2023', children: [] }] }],
});
const task = (p, i = 0) => p.tasks[i].id;

export const rows = [
  // Timeline parsing and the holiday calendar
  { route: 'POST /api/v1/timeline/parse', action: 'timeline.parse', inside: { expect: signedIn(200), request: async () => ({ body: { text: 'Quý I/2023', year: 2023 } }) } },
  { route: 'GET /api/v1/holidays', action: 'auth', inside: { expect: signedIn(200), request: async () => ({ query: 'year=2023' }) } },
  {
    route: 'POST /api/v1/holidays',
    action: 'holidays.write',
    inside: { expect: only(grant(ADMIN, 200)), request: async () => ({ body: { day: '2099-12-31', name: 'Ngày nghỉ ma trận' } }) },
  },
  {
    route: 'DELETE /api/v1/holidays/{day}',
    action: 'holidays.write',
    // The calendar has no scope: inside and outside are both a day made for the admin to remove.
    inside: { expect: only(grant(ADMIN, 204)), request: async (ctx, who) => ({ params: { day: who === 'admin' ? await newHoliday(ctx) : '2099-12-30' } }) },
    outside: { expect: only(grant(ADMIN, 204)), request: async (ctx, who) => ({ params: { day: who === 'admin' ? await newHoliday(ctx) : '2099-12-30' } }) },
    missing: { expect: only(grant(ADMIN, 404)), request: async () => ({ params: { day: '2098-01-01' } }) },
  },

  // Plans: every signed-in principal reads the plans of its scope and those giving it work; staff
  // write their own unit's plans; leaders, specialists and the admin publish.
  { route: 'GET /api/v1/plans', action: 'plans.read', inside: { expect: signedIn(200), request: async () => ({ query: 'per_page=5' }) } },
  {
    route: 'POST /api/v1/plans',
    action: 'plans.write',
    inside: { expect: staff(201), request: async (ctx, who) => ({ body: { unit_id: ctx.U[OWN[who]].id, year: 2023, title: `Kế hoạch ma trận ${ctx.rand()}` } }) },
  },
  {
    route: 'POST /api/v1/plans/import/preview',
    action: 'plans.write',
    inside: { expect: staff(200), request: async (ctx, who) => ({ body: { text: TABLE, year: 2023, unit_id: ctx.U[OWN[who]].id } }) },
  },
  { route: 'POST /api/v1/plans/import', action: 'plans.write', inside: { expect: staff(201), request: async (ctx, who) => ({ body: importBody(ctx, who) }) } },
  {
    route: 'GET /api/v1/plans/{id}',
    action: 'plans.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.plans.province.id } }) },
    outside: { expect: byScope(200, 404), request: async (ctx) => ({ params: { id: ctx.plans.h02draft.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/plans/{id}',
    action: 'plans.write',
    inside: { expect: staff(200), request: async (ctx, who) => ({ params: { id: ctx.plans.own[who].id }, body: { title: `Đổi tên kế hoạch ${ctx.rand()}` } }) },
    outside: { expect: writeOutside(200), request: async (ctx) => ({ params: { id: ctx.plans.h02draft.id }, body: { title: `Đổi tên kế hoạch ${ctx.rand()}` } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING }, body: { title: 'Không có kế hoạch' } }) },
  },
  {
    route: 'DELETE /api/v1/plans/{id}',
    action: 'plans.write',
    inside: { expect: staff(204), request: async (ctx, who) => ({ params: { id: (await plan(ctx, OWN[who])).id } }) },
    outside: { expect: writeOutside(204), request: async (ctx) => ({ params: { id: (await plan(ctx, 'H02')).id } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'POST /api/v1/plans/{id}/publish',
    action: 'plans.publish',
    inside: { expect: only(grant(PUBLISHERS, 200)), request: async (ctx, who) => ({ params: { id: (await plan(ctx, OWN[who])).id } }) },
    outside: { expect: only({ ...grant(WIDE, 200), 'huyen1.lanhdao': 404 }), request: async (ctx) => ({ params: { id: (await plan(ctx, 'H02')).id } }) },
    missing: { expect: only(grant(PUBLISHERS, 404)), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'POST /api/v1/plans/{id}/close',
    action: 'plans.publish',
    inside: { expect: only(grant(PUBLISHERS, 200)), request: async (ctx, who) => ({ params: { id: (await plan(ctx, OWN[who], { publish: true })).id } }) },
    outside: { expect: only({ ...grant(WIDE, 200), 'huyen1.lanhdao': 404 }), request: async (ctx) => ({ params: { id: (await plan(ctx, 'H02', { publish: true })).id } }) },
    missing: { expect: only(grant(PUBLISHERS, 404)), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'POST /api/v1/plans/{id}/derive',
    action: 'plans.write',
    // From the province plan, for one's own unit; from H02's published plan (invisible to the narrow ones).
    inside: { expect: staff(201), request: async (ctx, who) => ({ params: { id: ctx.plans.province.id }, body: { unit_id: ctx.U[OWN[who]].id } }) },
    outside: { expect: writeOutside(201), request: async (ctx, who) => ({ params: { id: ctx.plans.h02pub.id }, body: { unit_id: ctx.U[OWN[who]].id } }) },
    missing: { expect: staff(404), request: async (ctx, who) => ({ params: { id: MISSING }, body: { unit_id: ctx.U[OWN[who]].id } }) },
  },
  {
    route: 'GET /api/v1/plans/{id}/progress',
    action: 'plans.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.plans.province.id } }) },
    outside: { expect: byScope(200, 404), request: async (ctx) => ({ params: { id: ctx.plans.h02draft.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'GET /api/v1/plans/{id}/export',
    action: 'plans.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: ctx.plans.province.id } }) },
    outside: { expect: byScope(200, 404), request: async (ctx) => ({ params: { id: ctx.plans.h02draft.id } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },

  // Sections and tasks: written by staff of the plan's owner subtree (404 outside it).
  {
    route: 'POST /api/v1/plans/{id}/sections',
    action: 'plans.write',
    inside: { expect: staff(201), request: async (ctx, who) => ({ params: { id: ctx.plans.own[who].id }, body: { title: `Mục ma trận ${ctx.rand()}` } }) },
    outside: { expect: writeOutside(201), request: async (ctx) => ({ params: { id: ctx.plans.h02draft.id }, body: { title: `Mục ma trận ${ctx.rand()}` } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING }, body: { title: 'Mục không có' } }) },
  },
  {
    route: 'PUT /api/v1/sections/{id}',
    action: 'plans.write',
    inside: { expect: staff(200), request: async (ctx, who) => ({ params: { id: ctx.plans.own[who].sectionId }, body: { title: `Mục đổi tên ${ctx.rand()}` } }) },
    outside: { expect: writeOutside(200), request: async (ctx) => ({ params: { id: ctx.plans.h02draft.sectionId }, body: { title: `Mục đổi tên ${ctx.rand()}` } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING }, body: { title: 'Mục không có' } }) },
  },
  {
    route: 'DELETE /api/v1/sections/{id}',
    action: 'plans.write',
    inside: { expect: staff(204), request: async (ctx, who) => ({ params: { id: await newSection(ctx, ctx.plans.own[who].id) } }) },
    outside: { expect: writeOutside(204), request: async (ctx) => ({ params: { id: await newSection(ctx, ctx.plans.h02draft.id) } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'POST /api/v1/plans/{id}/tasks',
    action: 'plans.write',
    inside: { expect: staff(201), request: async (ctx, who) => ({ params: { id: ctx.plans.own[who].id }, body: { title: 'Nhiệm vụ ma trận', lead_text: 'UBND cấp xã', timeline_text: 'Quý III/2023' } }) },
    outside: { expect: writeOutside(201), request: async (ctx) => ({ params: { id: ctx.plans.h02draft.id }, body: { title: 'Nhiệm vụ ma trận', timeline_text: 'Quý III/2023' } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING }, body: { title: 'Nhiệm vụ không có' } }) },
  },
  {
    route: 'GET /api/v1/tasks/{id}',
    action: 'plans.read',
    inside: { expect: signedIn(200), request: async (ctx) => ({ params: { id: task(ctx.plans.province) } }) },
    outside: { expect: byScope(200, 404), request: async (ctx) => ({ params: { id: task(ctx.plans.h02draft) } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'PUT /api/v1/tasks/{id}',
    action: 'plans.write',
    inside: { expect: staff(200), request: async (ctx, who) => ({ params: { id: task(ctx.plans.own[who]) }, body: { title: `Nhiệm vụ đổi tên ${ctx.rand()}` } }) },
    outside: { expect: writeOutside(200), request: async (ctx) => ({ params: { id: task(ctx.plans.h02draft) }, body: { title: `Nhiệm vụ đổi tên ${ctx.rand()}` } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING }, body: { title: 'Nhiệm vụ không có' } }) },
  },
  {
    route: 'DELETE /api/v1/tasks/{id}',
    action: 'plans.write',
    inside: { expect: staff(204), request: async (ctx, who) => ({ params: { id: task(await plan(ctx, OWN[who])) } }) },
    outside: { expect: writeOutside(204), request: async (ctx) => ({ params: { id: task(await plan(ctx, 'H02')) } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'POST /api/v1/tasks/{id}/event',
    action: 'plans.write',
    inside: { expect: staff(200), request: async (ctx, who) => ({ params: { id: task(ctx.plans.own[who], 1) }, body: { date: '2023-03-01' } }) },
    outside: { expect: writeOutside(200), request: async (ctx) => ({ params: { id: task(ctx.plans.h02draft, 1) }, body: { date: '2023-03-01' } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING }, body: { date: '2023-03-01' } }) },
  },

  // Assignments: read by the assigned unit and those above it (and the plan's writers); updated by
  // staff in the assigned unit's scope; evidence files follow the assignment.
  { route: 'GET /api/v1/assignments', action: 'assignments.read', inside: { expect: signedIn(200), request: async () => ({ query: 'per_page=5' }) } },
  {
    route: 'GET /api/v1/assignments/{id}',
    action: 'assignments.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: ctx.plans.asg[who] } }) },
    outside: { expect: byScope(200, 404), request: async (ctx) => ({ params: { id: ctx.plans.asgOutside } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'GET /api/v1/assignments/{id}/updates',
    action: 'assignments.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { id: ctx.plans.asg[who] } }) },
    outside: { expect: byScope(200, 404), request: async (ctx) => ({ params: { id: ctx.plans.asgOutside } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { id: MISSING } }) },
  },
  {
    route: 'POST /api/v1/assignments/{id}/updates',
    action: 'assignments.update',
    inside: { expect: staff(201), request: async (ctx, who) => ({ params: { id: ctx.plans.asg[who] }, body: { status: 'in_progress', progress: 30, note: 'Ma trận' } }) },
    outside: { expect: writeOutside(201), request: async (ctx) => ({ params: { id: ctx.plans.asgOutside }, body: { status: 'in_progress', progress: 30 } }) },
    missing: { expect: staff(404), request: async () => ({ params: { id: MISSING }, body: { status: 'in_progress', progress: 30 } }) },
  },
  {
    route: 'GET /api/v1/attachments/{sha}',
    action: 'assignments.read',
    inside: { expect: signedIn(200), request: async (ctx, who) => ({ params: { sha: ctx.plans.sha[who] } }) },
    outside: { expect: byScope(200, 404), request: async (ctx) => ({ params: { sha: ctx.plans.shaOutside } }) },
    missing: { expect: signedIn(404), request: async () => ({ params: { sha: '0'.repeat(64) } }) },
  },
];

