// Bench fixture: a published province plan of 100 tasks × 40 assignees (39 communes + Sở Tư pháp),
// made through the API as a coordinator would, with a spread of progress updates so the plan table
// and "my assignments" carry real states. Prints "PLAN_ID COORDINATOR_TOKEN COMMUNE_TOKEN" on one line.
// usage: KSTT_BASE_URL=http://127.0.0.1:18280 node bench/gen_plan.mjs [tasks=100]
const BASE = process.env.KSTT_BASE_URL || 'http://127.0.0.1:18280';
const PASSWORD = process.env.KSTT_DEMO_PASSWORD || 'Kstt@2023';
const NTASKS = Number(process.argv[2] || 100);

async function call(method, path, token, body) {
  const res = await fetch(BASE + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}
const login = async (username) => (await call('POST', '/api/v1/auth/login', null, { username, password: PASSWORD })).access_token;

const vp = await login('vp.kstt');
const xa = await login('xa11.daumoi');
const units = (await call('GET', '/api/v1/units?per_page=1000', vp)).items;
const code = (c) => units.find((u) => u.code === c);
const ndh = code('NDH'), stp = code('STP');
const communes = units.filter((u) => u.level === 'commune' && u.valid_to === null);
if (communes.length + 1 !== 40) process.stderr.write(`gen_plan: ${communes.length + 1} assignees per task (demo data changed?)\n`);

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const TIMELINES = ['Quý I/2023', 'Tháng 6/2023 (Cấp xã: 7/2023)', 'Thường xuyên', 'Trước 15/09/2023', 'Hàng quý', 'Trong năm'];
const perSection = 20;
const sections = [];
for (let i = 0; i < NTASKS; i++) {
  const s = Math.floor(i / perSection);
  if (!sections[s]) sections[s] = { number: ROMAN[s % 10], title: `NHÓM NHIỆM VỤ ${ROMAN[s % 10]} VỀ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH`, tasks: [] };
  sections[s].tasks.push({
    number: String((i % perSection) + 1),
    title: `Triển khai rà soát, đơn giản hóa thủ tục hành chính thuộc lĩnh vực số ${i + 1}; công khai kết quả tại Bộ phận Một cửa các cấp`,
    output: 'Báo cáo kết quả thực hiện gửi Văn phòng UBND tỉnh',
    lead: [{ text: 'UBND cấp xã', unit_id: null, group: 'communes' }],
    coop: [{ text: stp.name, unit_id: stp.id, group: null }],
    timeline: { text: TIMELINES[i % TIMELINES.length] },
    children: [],
  });
}
const plan = await call('POST', '/api/v1/plans/import', vp, { title: `Kế hoạch đo tải ${NTASKS} nhiệm vụ × 40 đơn vị`, year: 2023, unit_id: ndh.id, sections });
const pub = await call('POST', `/api/v1/plans/${plan.id}/publish`, vp);

// Progress: the first commune reports on most of its work (done, some late, some in progress).
const mine = (await call('GET', `/api/v1/assignments?plan_id=${plan.id}&per_page=500`, xa)).items;
let n = 0;
for (const a of mine) {
  const k = n++ % 5;
  if (k === 4) continue;
  const body = k < 2 ? { status: 'done', note: 'Đã hoàn thành', evidence_no: `${n}/BC-UBND`, evidence_date: '2023-06-30' } : { status: 'in_progress', progress: 25 * k, note: 'Đang thực hiện' };
  await call('POST', `/api/v1/assignments/${a.id}/updates`, xa, body);
}
process.stderr.write(`gen_plan: plan ${plan.id}, ${NTASKS} tasks, ${pub.assignment_count} assignments, ${n - Math.floor(n / 5)} updates\n`);
// The demo plan (Nam Định 2023, as imported from its document) for the 20 ms goal.
const demo = (await call('GET', '/api/v1/plans?year=2023&status=published&per_page=200', vp)).items.find((p) => p.unit_id === ndh.id && /Nam Định năm 2023/.test(p.title));
process.stdout.write(`${plan.id} ${vp} ${xa} ${demo ? demo.id : ''}\n`);
