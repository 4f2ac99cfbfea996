// The global ceiling on public submissions (issue 11, item 6), from the feedback rule set: when
// the hour's count reaches it, the form is answered 429 with a Vietnamese message. It lowers a
// ceiling every submission shares, so it runs here, one file at a time, after the API suites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertProblem } from '../lib/api.mjs';
import { sql } from '../lib/kpi-ref.mjs';
import { addressPool, submit } from '../api/feedback.lib.mjs';

const next = addressPool(91);
const rule = (key) => sql(`SELECT JSON_EXTRACT(rules_json, '$.${key}') FROM rule_sets WHERE name = 'feedback' ORDER BY effective_from DESC LIMIT 1`)[0][0];
const setRule = (key, v) => sql(`UPDATE rule_sets SET rules_json = JSON_SET(rules_json, '$.${key}', ${Number(v)}) WHERE name = 'feedback'`);

test('the hourly ceiling reached: 429 with Retry-After and nothing stored; raised again, the form works', async () => {
  const saved = rule('public_per_hour');
  const { r: first } = await submit(next);
  assert.equal(first.status, 201, first.text);
  const [[n]] = sql("SELECT COUNT(*) FROM feedback WHERE channel = 'web' AND received_at > NOW() - INTERVAL 1 HOUR");
  try {
    setRule('public_per_hour', n);
    const { r, body } = await submit(next);
    assertProblem(r, 429);
    assert.match(r.json.detail, /Hệ thống đang nhận quá nhiều phản ánh, kiến nghị/);
    const ra = Number(r.headers.get('retry-after'));
    assert.ok(ra > 0 && ra <= 3600, `Retry-After ${ra}`);
    assert.equal(sql(`SELECT COUNT(*) FROM feedback WHERE title = '${body.title.replace(/'/g, '')}'`)[0][0], '0');
  } finally {
    setRule('public_per_hour', saved);
  }
  const { r: ok } = await submit(next);
  assert.equal(ok.status, 201, ok.text);
});
