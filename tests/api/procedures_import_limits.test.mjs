// Imports of spreadsheets are bounded (issue 11 item 8): the .xlsx is streamed, rows and cells per
// import are capped (KSTT_IMPORT_MAX_ROWS / KSTT_IMPORT_MAX_CELLS, defaults 20000 and 500000) and
// the shared strings table is bounded; a file past a limit is refused whole with a 422 naming
// the limit, before anything is written.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, crc32 } from 'node:zlib';
import { req, login, assertProblem } from '../lib/api.mjs';

const MAX_ROWS = 20000;
const MAX_CELLS = 500000;
const RUN = Number.parseInt(Date.now().toString().slice(-5), 10) % 90000; // codes of this run
let admin;
before(async () => {
  admin = await login('admin');
});

// A minimal .xlsx: the given parts, deflated, in a zip with a central directory.
function zip(parts) {
  const locals = [], central = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text, 'utf8'), packed = deflateRawSync(data), n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc32(data), 14); lh.writeUInt32LE(packed.length, 18); lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc32(data), 16); ch.writeUInt32LE(packed.length, 20); ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, packed);
    central.push(ch, n);
    offset += 30 + n.length + packed.length;
  }
  const cd = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const cell = (ref, v) => `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
const col = (i) => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
const code = (i) => `1.${String(600000 + ((RUN * 7 + i) % 100000))}`;

// A header and n procedures; extra empty-named columns when wide (for the cell limit).
function sheetXlsx(n, wide = 0, sst = null) {
  const header = ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cấp thực hiện', 'Mức độ DVC'];
  const rows = [`<row r="1">${header.map((h, c) => cell(`${col(c)}1`, h)).join('')}</row>`];
  for (let i = 1; i <= n; i++) {
    const vals = [code(i), `Thủ tục giới hạn ${RUN}-${i}`, 'Hộ tịch', 'Cấp Xã', 'Toàn trình'];
    for (let k = 0; k < wide; k++) vals.push('x');
    rows.push(`<row r="${i + 1}">${vals.map((v, c) => cell(`${col(c)}${i + 1}`, v)).join('')}</row>`);
  }
  const parts = [['xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`]];
  if (sst) parts.unshift(['xl/sharedStrings.xml', sst]);
  return zip(parts);
}

const post = (body, qs = '') => req('POST', `/api/v1/procedures/import${qs}`, { token: admin, raw: body, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });

function expectRefused(r, pattern) {
  assertProblem(r, 422, 'file');
  const e = r.json.errors.find((x) => x.field === 'file');
  assert.match(e.message, pattern, r.text);
}

async function absent(c) {
  const r = await req('GET', `/api/v1/public/procedures/${c}`);
  assert.equal(r.status, 404, `${c} must not have been written: ${r.text}`);
}

test('an .xlsx under the limits is streamed and imported row by row', async () => {
  const r = await post(sheetXlsx(300), '?dry_run=true');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.format, 'xlsx');
  assert.equal(r.json.total, 300);
  assert.equal(r.json.rows.length, 300);
  assert.deepEqual(r.json.rows.slice(0, 2).map((x) => [x.row, x.code]), [[2, code(1)], [3, code(2)]]);
  assert.equal(r.json.rows[299].code, code(300));
});

test('more rows than KSTT_IMPORT_MAX_ROWS: 422 naming the limit, nothing written', async () => {
  const r = await post(sheetXlsx(MAX_ROWS + 1));
  expectRefused(r, new RegExp(`tối đa ${MAX_ROWS} dòng`));
  await absent(code(1));
  await absent(code(MAX_ROWS));
  // exactly at the limit (header included) is not refused for its size
  const csvRows = ['Mã thủ tục,Tên thủ tục'];
  for (let i = 1; i < MAX_ROWS; i++) csvRows.push(`${code(i)},Thủ tục ${i}`);
  const atLimit = await req('POST', '/api/v1/procedures/import?dry_run=true', { token: admin, raw: csvRows.join('\n'), headers: { 'content-type': 'text/csv' } });
  assert.equal(atLimit.status, 200, atLimit.text.slice(0, 300));
  assert.equal(atLimit.json.total, MAX_ROWS - 1);
  // the same limit holds for CSV
  csvRows.push(`${code(MAX_ROWS)},Thủ tục cuối`, `${code(MAX_ROWS + 1)},Thủ tục thừa`);
  const csv = await req('POST', '/api/v1/procedures/import', { token: admin, raw: csvRows.join('\n'), headers: { 'content-type': 'text/csv' } });
  expectRefused(csv, new RegExp(`tối đa ${MAX_ROWS} dòng`));
  await absent(code(1));
});

test('more non-empty cells than KSTT_IMPORT_MAX_CELLS: 422 naming the limit', async () => {
  const rows = Math.ceil(MAX_CELLS / 30) + 10; // 30 cells a row
  const r = await post(sheetXlsx(rows, 25));
  expectRefused(r, new RegExp(`tối đa ${MAX_CELLS} ô`));
  await absent(code(1));
});

test('a shared strings table that would not fit: refused with the reason', async () => {
  const sst = `<sst>${'<si/>'.repeat(1000001)}</sst>`;
  const file = sheetXlsx(2, 0, sst);
  assert.ok(file.length < 200000, 'a few kB that would inflate into a million strings');
  expectRefused(await post(file), /chuỗi dùng chung/);
});

test('a damaged .xlsx is refused before any row is written, even when its first rows are sound', async () => {
  const good = sheetXlsx(50);
  // cut the zip inside the sheet's compressed data, then patch nothing: the directory is gone
  expectRefused(await post(good.subarray(0, good.length - 200)), /\.xlsx/);
  // a CRC that does not match: found at the end of the sheet, after every row was parsed
  const bad = Buffer.from(good);
  const cd = bad.readUInt32LE(bad.length - 6);
  bad.writeUInt32LE((bad.readUInt32LE(cd + 16) ^ 1) >>> 0, cd + 16);
  expectRefused(await post(bad), /bị hỏng/);
  await absent(code(1));
});
