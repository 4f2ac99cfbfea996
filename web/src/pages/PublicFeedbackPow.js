// Proof of work for the public feedback form (ALTCHA format): find n with
// SHA-256(salt + n) = challenge, then send base64 of the JSON solution in the
// field "altcha". Web Crypto where the page is a secure context (HTTPS or
// localhost), otherwise a small SHA-256 in plain JS, so the form also works on
// a plain-HTTP intranet address.

import { api } from '../api.js';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of a byte array (plain JS; for short messages such as salt + number). */
export function sha256(bytes) {
  const len = bytes.length;
  const total = ((len + 9 + 63) >> 6) << 6;
  const m = new Uint8Array(total);
  m.set(bytes);
  m[len] = 0x80;
  const bits = len * 8;
  const dv = new DataView(m.buffer);
  dv.setUint32(total - 4, bits >>> 0);
  dv.setUint32(total - 8, Math.floor(bits / 0x100000000));
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = dv.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]);
  return out;
}

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/**
 * Finds the number for a challenge {algorithm, challenge, salt, signature, maxnumber}.
 * onProgress(fraction) is called now and then; signal (AbortSignal) stops the search.
 */
export async function solveChallenge(ch, { onProgress, signal } = {}) {
  if (ch.algorithm !== 'SHA-256') throw new Error('Thuật toán không được hỗ trợ');
  const enc = new TextEncoder();
  const target = hexToBytes(ch.challenge);
  const max = Number(ch.maxnumber) || 1000000;
  const subtle = globalThis.isSecureContext && globalThis.crypto && globalThis.crypto.subtle;
  const BATCH = subtle ? 256 : 2000;
  for (let start = 0; start <= max; start += BATCH) {
    if (signal && signal.aborted) throw new Error('Đã hủy');
    const end = Math.min(start + BATCH - 1, max);
    if (subtle) {
      const jobs = [];
      for (let n = start; n <= end; n++) jobs.push(subtle.digest('SHA-256', enc.encode(ch.salt + n)));
      const hashes = await Promise.all(jobs);
      for (let i = 0; i < hashes.length; i++) if (same(new Uint8Array(hashes[i]), target)) return start + i;
    } else {
      for (let n = start; n <= end; n++) if (same(sha256(enc.encode(ch.salt + n)), target)) return n;
      await tick(); // let the page breathe
    }
    if (onProgress) onProgress(end / max);
  }
  throw new Error('Không tìm được lời giải cho mã xác minh');
}

/** The widget's payload: base64 of the JSON solution. */
export function altchaPayload(ch, number, took) {
  const json = JSON.stringify({ algorithm: ch.algorithm, challenge: ch.challenge, number, salt: ch.salt, signature: ch.signature, took });
  return btoa(json);
}

/** Fetches a fresh challenge and solves it; resolves to the payload for the field "altcha". */
export async function proofOfWork(opts = {}) {
  // Through the one API client: a refusal (429 and the like) is an ApiError like any other.
  const ch = await api.get('/public/challenge', undefined, { auth: false, redirect: false });
  const t0 = Date.now();
  const n = await solveChallenge(ch, opts);
  return altchaPayload(ch, n, Date.now() - t0);
}
