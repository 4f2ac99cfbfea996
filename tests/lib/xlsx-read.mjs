// Reading an exported .xlsx in the API tests: the zip's entries (stored or deflated) and the XML
// text unescaped, so a test can check what a person opening the file would see.
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';

/** The entries of a zip file (stored or deflated), by name. */
export function unzip(buf) {
  const out = new Map();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'zip end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    const lstart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(lstart, lstart + csize);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

/** XML character data with the five predefined entities unescaped. */
export const xmlText = (s) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of cell A1 of the first sheet (a shared, inline or formula string): an export's title row. */
export function firstCell(buf) {
  const zip = unzip(buf);
  const sheet = zip.get('xl/worksheets/sheet1.xml').toString('utf8');
  const c = sheet.match(/<c r="A1"([^>]*)>(.*?)<\/c>/s);
  assert.ok(c, 'cell A1');
  const texts = (xml) => xmlText([...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
  if (/t="s"/.test(c[1])) {
    const shared = [...(zip.get('xl/sharedStrings.xml')?.toString('utf8') || '').matchAll(/<si>(.*?)<\/si>/gs)].map((m) => texts(m[1]));
    return shared[Number(c[2].match(/<v>(\d+)<\/v>/)[1])];
  }
  if (/t="inlineStr"/.test(c[1])) return texts(c[2]);
  return xmlText(c[2].match(/<v>([^<]*)<\/v>/)?.[1] || '');
}

/** Every row of the first sheet as an array of cell values (strings for shared or inline strings,
 * numbers for numeric cells, '' for an empty column before a filled one): what a reader sees. */
export function sheetRows(buf) {
  const zip = unzip(buf);
  const sheet = zip.get('xl/worksheets/sheet1.xml').toString('utf8');
  const texts = (xml) => xmlText([...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
  const shared = [...(zip.get('xl/sharedStrings.xml')?.toString('utf8') || '').matchAll(/<si>(.*?)<\/si>/gs)].map((m) => texts(m[1]));
  const col = (ref) => [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const rows = [];
  for (const row of sheet.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    const cells = [];
    for (const c of row[2].matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const i = col(c[1]);
      while (cells.length < i) cells.push('');
      const body = c[3] || '';
      const v = body.match(/<v>([^<]*)<\/v>/)?.[1];
      if (/t="s"/.test(c[2])) cells[i] = shared[Number(v)];
      else if (/t="inlineStr"/.test(c[2])) cells[i] = texts(body);
      else if (/t="str"/.test(c[2])) cells[i] = xmlText(v || '');
      else cells[i] = v === undefined ? '' : Number(v);
    }
    rows[Number(row[1]) - 1] = cells;
  }
  return rows;
}
