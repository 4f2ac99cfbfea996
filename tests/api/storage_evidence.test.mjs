// Evidence is never deleted by a cascade (issue 11, item 12): deleting a task, a parent task or a
// section that has progress reports answers 409 naming what blocks it, the reports stay, and the
// database itself refuses a cascade that would take them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, login, assertProblem } from '../lib/api.mjs';
import { sql, sqlError, unitsByCode, makePlan, allTasks } from './storage.lib.mjs';

let vp, xa11, xa12, U;

before(async () => {
  [vp, xa11, xa12] = await Promise.all(['vp.kstt', 'xa11.daumoi', 'xa12.daumoi'].map((u) => login(u)));
  U = await unitsByCode(vp);
});

async function report(token, assignmentId, note) {
  const r = await req('POST', `/api/v1/assignments/${assignmentId}/updates`, { token, body: { status: 'in_progress', progress: 30, note } });
  assert.equal(r.status, 201, r.text);
}
const updatesOf = (taskIds) =>
  Number(sql(`SELECT COUNT(*) FROM task_updates u JOIN assignments a ON a.id = u.assignment_id WHERE a.task_id IN (${taskIds.join(',')})`)[0][0]);

test('a task with progress reports: 409 naming the count; its reports and assignments stay', async () => {
  const plan = await makePlan(vp, U, {
    publish: true,
    sections: [{ number: 'I', title: 'Mục có báo cáo', tasks: [{ number: '1', title: 'Nhiệm vụ có báo cáo', lead: ['X0101', 'X0102'], timeline: 'Quý I/2023' }] }],
  });
  const [t] = allTasks(plan);
  const a1 = t.assignments.find((a) => a.unit_id === U.X0101.id);
  const a2 = t.assignments.find((a) => a.unit_id === U.X0102.id);
  await report(xa11, a1.id, 'Báo cáo một');
  await report(xa11, a1.id, 'Báo cáo hai');
  await report(xa12, a2.id, 'Báo cáo ba');
  const r = await req('DELETE', `/api/v1/tasks/${t.id}`, { token: vp });
  assertProblem(r, 409);
  assert.match(r.json.detail, /Nhiệm vụ đã có 3 báo cáo tiến độ của 2 đơn vị/);
  assert.equal(updatesOf([t.id]), 3);
  assert.equal((await req('GET', `/api/v1/tasks/${t.id}`, { token: vp })).status, 200);
  // The section holding it cannot go either (published plan, and reports below it).
  const s = await req('DELETE', `/api/v1/sections/${plan.sections[0].id}`, { token: vp });
  assertProblem(s, 409);
  assert.match(s.json.detail, /3 báo cáo tiến độ/);
  assert.equal(updatesOf([t.id]), 3);
});

test('a parent task whose sub-task has reports: 409, nothing deleted', async () => {
  const plan = await makePlan(vp, U, {
    publish: true,
    sections: [{
      number: 'I',
      title: 'Mục có nhiệm vụ con',
      tasks: [{ number: '1', title: 'Nhiệm vụ cha', lead: ['X0102'], timeline: 'Quý I/2023', children: [{ number: '1.1', title: 'Nhiệm vụ con có báo cáo', lead: ['X0101'], timeline: 'Quý I/2023' }] }],
    }],
  });
  const [parent, child] = allTasks(plan);
  assert.equal(child.parent_task_id, parent.id);
  await report(xa11, child.assignments[0].id, 'Báo cáo của nhiệm vụ con');
  const r = await req('DELETE', `/api/v1/tasks/${parent.id}`, { token: vp });
  assertProblem(r, 409);
  assert.match(r.json.detail, /nhiệm vụ con.*1 báo cáo tiến độ của 1 đơn vị/);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM tasks WHERE id IN (${parent.id}, ${child.id})`)[0][0]), 2);
  assert.equal(updatesOf([child.id]), 1);
});

test('a task with assignments but no report is deleted with its assignments (204, audited)', async () => {
  const plan = await makePlan(vp, U, {
    publish: true,
    sections: [{ number: 'I', title: 'Mục', tasks: [{ number: '1', title: 'Nhiệm vụ chưa có báo cáo', lead: ['X0101'], timeline: 'Quý I/2023', children: [{ number: '1.1', title: 'Con', lead: ['X0102'], timeline: 'Quý I/2023' }] }] }],
  });
  const [t, c] = allTasks(plan);
  assert.ok(t.assignments.length > 0 && c.assignments.length > 0);
  const r = await req('DELETE', `/api/v1/tasks/${t.id}`, { token: vp });
  assert.equal(r.status, 204, r.text);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM assignments WHERE task_id IN (${t.id}, ${c.id})`)[0][0]), 0);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM tasks WHERE id IN (${t.id}, ${c.id})`)[0][0]), 0);
  const audit = sql(`SELECT JSON_VALUE(before_json, '$.assignments_removed'), JSON_VALUE(before_json, '$.subtasks_removed') FROM audit_log WHERE action = 'task.delete' AND entity_id = ${t.id}`);
  assert.deepEqual(audit, [['2', '1']]);
});

test('the database refuses a cascade that would delete reports (RESTRICT)', async () => {
  const plan = await makePlan(vp, U, {
    publish: true,
    sections: [{ number: 'I', title: 'Mục', tasks: [{ number: '1', title: 'Nhiệm vụ được bảo vệ', lead: ['X0101'], timeline: 'Quý I/2023' }] }],
  });
  const [t] = allTasks(plan);
  await report(xa11, t.assignments[0].id, 'Minh chứng');
  assert.match(sqlError(`DELETE FROM tasks WHERE id = ${t.id}`), /foreign key constraint fails/i);
  assert.match(sqlError(`DELETE FROM assignments WHERE task_id = ${t.id}`), /foreign key constraint fails/i);
  assert.match(sqlError(`DELETE FROM plans WHERE id = ${plan.id}`), /foreign key constraint fails/i);
  assert.equal(updatesOf([t.id]), 1);
});

test('a delete racing a report: either the report is stored and the delete refused, or the task is gone and the report refused', async () => {
  const outcomes = { deleted: 0, refused: 0 };
  for (let round = 0; round < 8; round++) {
    const plan = await makePlan(vp, U, {
      publish: true,
      sections: [{ number: 'I', title: 'Mục đua', tasks: [{ number: '1', title: `Nhiệm vụ đua ${round}`, lead: ['X0101'], timeline: 'Quý I/2023' }] }],
    });
    const [t] = allTasks(plan);
    const a = t.assignments[0];
    const [del, up] = await Promise.all([
      req('DELETE', `/api/v1/tasks/${t.id}`, { token: vp }),
      req('POST', `/api/v1/assignments/${a.id}/updates`, { token: xa11, body: { status: 'in_progress', progress: 10, note: `Đua ${round}` } }),
    ]);
    const stored = Number(sql(`SELECT COUNT(*) FROM task_updates WHERE assignment_id = ${a.id}`)[0][0]);
    const taskLeft = Number(sql(`SELECT COUNT(*) FROM tasks WHERE id = ${t.id}`)[0][0]);
    if (del.status === 204) {
      outcomes.deleted++;
      assertProblem(up, 404);
      assert.equal(taskLeft, 0);
      assert.equal(stored, 0);
    } else {
      outcomes.refused++;
      assertProblem(del, 409);
      assert.equal(up.status, 201, up.text);
      assert.equal(taskLeft, 1);
      assert.equal(stored, 1);
    }
  }
  console.log('race outcomes', JSON.stringify(outcomes));
});
