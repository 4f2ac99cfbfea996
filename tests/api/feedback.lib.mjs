// Helpers for the feedback tests (not a test file): public requests from chosen loopback source
// addresses, the proof of work, sample forms and files.
//
// nginx rate-limits /api/v1/public/ per client address (the test stack: 20 r/s, burst 40). Every
// suite runs from 127.0.0.1 and node runs test files in parallel, so the feedback tests send their
// public requests from other loopback addresses (all of 127/8 is local): each file rotates over its
// own block, which keeps them under the limit and leaves 127.0.0.1's budget to the other suites.
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { BASE } from '../lib/api.mjs';

const url = new URL(BASE);

/** A pool of source addresses 127.<block>.<1..n>, taken in turn. */
export function addressPool(block, n = 200) {
  let i = 0;
  return () => `127.0.${block}.${(i++ % n) + 1}`;
}

/**
 * A request from a given source address. body: object (JSON) or Buffer/string (raw, with the
 * content type in headers). Returns { status, headers: { get(name) }, json, text, buffer }.
 */
export function preq(method, path, { body, headers = {}, local, token } = {}) {
  const h = { ...headers };
  let payload;
  if (Buffer.isBuffer(body) || typeof body === 'string') payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = h['content-type'] || 'application/json';
  }
  if (payload !== undefined) h['content-length'] = Buffer.byteLength(payload);
  if (token) h.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const q = http.request(
      { host: url.hostname, port: url.port, path, method, headers: h, localAddress: local, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buffer = Buffer.concat(chunks);
          const text = buffer.toString('utf8');
          const ct = res.headers['content-type'] || '';
          let json = null;
          if (ct.includes('json') && text) {
            try {
              json = JSON.parse(text);
            } catch {
              json = null;
            }
          }
          resolve({ status: res.statusCode, headers: { get: (n) => res.headers[n.toLowerCase()] ?? null }, json, text, buffer });
        });
        res.on('error', reject);
      },
    );
    q.on('error', reject);
    if (payload !== undefined) q.write(payload);
    q.end();
  });
}

/** The number n with SHA-256(salt + n) = challenge, as the browser finds it. */
export function solve(ch) {
  for (let n = 0; n <= ch.maxnumber; n++) {
    if (createHash('sha256').update(ch.salt + n).digest('hex') === ch.challenge) return n;
  }
  throw new Error('challenge has no solution');
}

/** The widget's payload: base64 of the JSON solution. */
export function payload(ch, number = solve(ch)) {
  return Buffer.from(
    JSON.stringify({ algorithm: ch.algorithm, challenge: ch.challenge, number, salt: ch.salt, signature: ch.signature, took: 5 }),
  ).toString('base64');
}

export async function challenge(local) {
  const r = await preq('GET', '/api/v1/public/challenge', { local });
  if (r.status !== 200) throw new Error(`challenge: ${r.status} ${r.text}`);
  return r.json;
}

/** A fresh, solved proof of work. */
export async function altcha(local) {
  return payload(await challenge(local));
}

export const marker = () => randomBytes(5).toString('hex');

/** A complete, valid form (without the proof of work). */
export function form(extra = {}) {
  const m = marker();
  return {
    name: `Người gửi ${m}`,
    address: `Số ${m} đường Hùng Vương, Nam Định`,
    // A number of its own: the per-number ceiling (5 a day) must not trip across tests.
    phone: `09${String(parseInt(m, 16) % 100000000).padStart(8, '0')}`,
    email: `nguoigui.${m}@example.vn`,
    sender_kind: 'person',
    title: `Phản ánh thử ${m}`,
    content: `Nội dung phản ánh thử nghiệm ${m}: cán bộ yêu cầu thêm giấy tờ ngoài quy định.`,
    type: 1,
    website: '',
    ...extra,
  };
}

/** Submits a JSON form with a fresh proof of work; returns the response. */
export async function submit(next, extra = {}, opts = {}) {
  const body = form(extra);
  if (!('altcha' in extra)) body.altcha = await altcha(next());
  const r = await preq('POST', '/api/v1/public/feedback', { body, local: next(), ...opts });
  return { r, body };
}

// ---- sample files: real magic bytes, tiny bodies --------------------------------------------------
export const files = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'),
  png: () =>
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR' + 'x'.repeat(40))]),
  jpg: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF' + 'y'.repeat(40))]),
  exe: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]),
  text: () => Buffer.from('just some text, not an image'),
};

/** A multipart/form-data body: fields (strings/numbers) and files [{ field, name, type, data }]. */
export function multipart(fields, fileList = []) {
  const boundary = `----kstt${randomBytes(8).toString('hex')}`;
  const parts = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of fileList) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field || 'attachments'}"; filename="${f.name}"\r\n` +
          `Content-Type: ${f.type || 'application/octet-stream'}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Submits the form as multipart with files; returns the response. */
export async function submitMultipart(next, fileList, extra = {}) {
  const body = form(extra);
  body.altcha = await altcha(next());
  const mp = multipart(body, fileList);
  const r = await preq('POST', '/api/v1/public/feedback', { body: mp.body, headers: mp.headers, local: next() });
  return { r, body };
}

export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

export const CODE_RE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;
