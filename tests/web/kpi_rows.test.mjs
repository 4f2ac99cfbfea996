// Chart layout helpers (web/src/kpiRows.js): unit names in lines, long rankings folded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldRows, wrapLabel } from '../../web/src/kpiRows.js';

test('a long unit name is broken between words, never inside one, and nothing is lost', () => {
  assert.equal(wrapLabel('Sở Tư pháp'), 'Sở Tư pháp');
  const lines = wrapLabel('UBND thị trấn Quỹ Nhất huyện Nghĩa Hưng');
  assert.ok(Array.isArray(lines) && lines.length >= 2);
  assert.ok(lines.every((l) => l.length <= 18));
  assert.equal(lines.join(' '), 'UBND thị trấn Quỹ Nhất huyện Nghĩa Hưng');
  // one word longer than the width stays whole
  assert.equal(wrapLabel('Aaaaaaaaaaaaaaaaaaaaaaaaaaa'), 'Aaaaaaaaaaaaaaaaaaaaaaaaaaa');
  assert.equal(wrapLabel(''), '');
  assert.deepEqual(wrapLabel('a b c', 1), ['a', 'b', 'c']);
});

test('a ranking of more than 22 rows shows its first and last ten', () => {
  const rows = Array.from({ length: 229 }, (_, i) => i + 1);
  const f = foldRows(rows);
  assert.equal(f.hidden, 209);
  assert.deepEqual(f.shown, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229]);
  for (const n of [0, 1, 20, 22]) assert.deepEqual(foldRows(rows.slice(0, n)), { shown: rows.slice(0, n), hidden: 0 });
  assert.equal(foldRows(rows.slice(0, 23)).hidden, 3);
});
