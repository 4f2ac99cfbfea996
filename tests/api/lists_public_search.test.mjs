// Public search of published answers (issue 11, item 16): % and _ are not wildcards. A query of
// symbols only matches nothing (it used to match every published answer); a real query still
// finds its item, literally.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addressPool, preq } from './feedback.lib.mjs';
import { sql, rand } from './storage.lib.mjs';

const next = addressPool(213);
const marker = `psq${rand()}`;
let ids = [];

before(() => {
  // Two published answers whose folded text differs in one character where "_" would match any.
  sql(`INSERT INTO feedback (tracking_code, status, sender_name, address, phone, title, content, type, received_at,
         intake_at, status_since, answer_due, published_at, answer_text, search_folded)
       VALUES ('${marker.slice(3, 7)}PSQ00001', 'published', 'Người Thử', 'Địa chỉ', '0912345678', '${marker} a b', 'Nội dung', 1,
               NOW(), NOW(), NOW(), CURDATE(), NOW(), 'Trả lời', '${marker} a b noi dung tra loi'),
              ('${marker.slice(3, 7)}PSQ00002', 'published', 'Người Thử', 'Địa chỉ', '0912345678', '${marker} axb', 'Nội dung', 1,
               NOW(), NOW(), NOW(), CURDATE(), NOW(), 'Trả lời', '${marker} axb noi dung tra loi')`);
  ids = sql(`SELECT id FROM feedback WHERE title LIKE '${marker}%' ORDER BY id`).map((r) => Number(r[0]));
  assert.equal(ids.length, 2);
});
after(() => sql(`DELETE FROM feedback WHERE title LIKE '${marker}%'`));

const search = async (q) => {
  const r = await preq('GET', `/api/v1/public/feedback?q=${encodeURIComponent(q)}&per_page=50`, { local: next() });
  assert.equal(r.status, 200, r.text);
  return r.json;
};

test('a query of % or _ alone matches nothing', async () => {
  const all = await search('');
  assert.ok(all.total >= 2, 'there are published answers');
  for (const q of ['%', '_', '%%', '%_%', '\\', '_%_ ']) {
    const r = await search(q);
    assert.equal(r.total, 0, `q=${q}`);
    assert.deepEqual(r.items, [], `q=${q}`);
  }
});

test('a real query finds its item literally: "a_b" is not "axb"', async () => {
  let r = await search(`${marker} a_b`);
  assert.deepEqual(r.items.map((i) => i.id), [ids[0]]);
  r = await search(`${marker} axb`);
  assert.deepEqual(r.items.map((i) => i.id), [ids[1]]);
  r = await search(marker);
  assert.deepEqual(r.items.map((i) => i.id).sort((a, b) => a - b), ids);
  assert.equal(r.total, 2);
});
