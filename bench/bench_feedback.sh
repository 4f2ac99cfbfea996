# Sourced by bench/run.sh (stack up, $B, $out, $DUR, $CONN set): durable public feedback
# submissions per second through nginx, with MariaDB at innodb_flush_log_at_trx_commit=1 (every
# 201 is a committed, fsync'ed row; files are fsync'ed before it).
#
# - The proof of work is real but easy here (KSTT_POW_MAX=1000 for this run; the server's cost to
#   check a solution does not depend on the difficulty), solved before the clock starts.
# - nginx limits /api/v1/public/ per client address; the load comes from 250 loopback source
#   addresses (127.0.90.x) with keep-alive connections, as many citizens would.
# - Two shapes: the JSON form, and the multipart form with one 100 KB PDF attachment.
# - After the run every acknowledged code is counted in the database: acknowledged == stored.
fb_bench() {
  local secs conc mysql_sock flush js
  secs=${DUR%s}
  conc=${BENCH_FEEDBACK_CONNECTIONS:-$CONN}
  mysql_sock=$KSTT_VAR/mysql.sock
  flush=$(mariadb --socket="$mysql_sock" -N -e 'SELECT @@innodb_flush_log_at_trx_commit' 2>/dev/null || echo '?')
  KSTT_POW_MAX=1000 bash scripts/stack.sh restart-api test >/dev/null
  js=$(mktemp /tmp/kstt-bench-feedback.XXXXXX.mjs)
  cat >"$js" <<'EOF'
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
const [base, secs, conc, shape] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5]];
const url = new URL(base);
const agents = Array.from({ length: 250 }, (_, i) => new http.Agent({ keepAlive: true, maxSockets: 4, localAddress: `127.0.90.${i + 1}` }));
let rr = 0;
const agent = () => agents[rr++ % agents.length];
function send(method, path, body, headers = {}) {
  return new Promise((resolve) => {
    const h = { ...headers };
    if (body) h['content-length'] = body.length;
    const q = http.request({ host: url.hostname, port: url.port, path, method, headers: h, agent: agent() }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    q.on('error', () => resolve({ status: 0, text: '' }));
    if (body) q.write(body);
    q.end();
  });
}
const need = Math.ceil(Math.max(200, secs * 1500));
const proofs = [];
async function prove() {
  while (proofs.length < need) {
    const r = await send('GET', '/api/v1/public/challenge');
    if (r.status !== 200) continue;
    const ch = JSON.parse(r.text);
    let n = 0;
    while (createHash('sha256').update(ch.salt + n).digest('hex') !== ch.challenge) n++;
    proofs.push(Buffer.from(JSON.stringify({ algorithm: ch.algorithm, challenge: ch.challenge, number: n, salt: ch.salt, signature: ch.signature })).toString('base64'));
  }
}
await Promise.all(Array.from({ length: 32 }, prove));
const tag = randomBytes(4).toString('hex');
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(100 * 1024)]);
function body(i) {
  const f = { name: 'Người gửi thử tải', address: 'Nam Định', phone: '0912345678', title: `bench ${tag} ${i}`,
    content: 'Nội dung phản ánh dùng để đo hiệu năng. '.repeat(20), type: 1, altcha: proofs[i] };
  if (shape !== 'multipart') return { b: Buffer.from(JSON.stringify(f)), h: { 'content-type': 'application/json' } };
  const bd = `----kb${randomBytes(6).toString('hex')}`;
  const parts = Object.entries(f).map(([k, v]) => Buffer.from(`--${bd}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  // A distinct file each time (its own hash, its own fsync).
  const data = Buffer.concat([pdf, Buffer.from(`\n%${i}\n`)]);
  parts.push(Buffer.from(`--${bd}\r\nContent-Disposition: form-data; name="attachments"; filename="t${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), data, Buffer.from(`\r\n--${bd}--\r\n`));
  return { b: Buffer.concat(parts), h: { 'content-type': `multipart/form-data; boundary=${bd}` } };
}
let i = 0, ok = 0, bad = 0;
const lat = [];
const t0 = Date.now();
const end = t0 + secs * 1000;
async function worker() {
  while (Date.now() < end && i < proofs.length) {
    const k = i++;
    const { b, h } = body(k);
    const s = process.hrtime.bigint();
    const r = await send('POST', '/api/v1/public/feedback', b, h);
    lat.push(Number(process.hrtime.bigint() - s) / 1e6);
    if (r.status === 201) ok++;
    else bad++;
  }
}
await Promise.all(Array.from({ length: conc }, worker));
const el = (Date.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const p = (q) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(1) : '-');
console.log(JSON.stringify({ tag, ok, bad, rps: (ok / el).toFixed(1), p50: p(0.5), p99: p(0.99), proofs: proofs.length }));
agents.forEach((a) => a.destroy());
EOF
  local shape res ok bad rps p50 p99 tag stored
  for shape in json multipart; do
    res=$(node "$js" "$B" "$secs" "$conc" "$shape")
    ok=$(echo "$res" | sed -E 's/.*"ok":([0-9]+).*/\1/')
    bad=$(echo "$res" | sed -E 's/.*"bad":([0-9]+).*/\1/')
    rps=$(echo "$res" | sed -E 's/.*"rps":"([0-9.]+)".*/\1/')
    p50=$(echo "$res" | sed -E 's/.*"p50":"([0-9.]+)".*/\1/')
    p99=$(echo "$res" | sed -E 's/.*"p99":"([0-9.]+)".*/\1/')
    tag=$(echo "$res" | sed -E 's/.*"tag":"([0-9a-f]+)".*/\1/')
    stored=$(mariadb --socket="$mysql_sock" -N -e "SELECT COUNT(*) FROM \`$KSTT_TEST_DB_NAME\`.feedback WHERE title LIKE 'bench $tag %'" 2>/dev/null || echo '?')
    printf '%-22s %8s durable submissions/s (p50 %s ms, p99 %s ms)   201: %s  other: %s  rows: %s  c=%s flush_log_at_trx_commit=%s\n' \
      "feedback_submit_$shape" "$rps" "$p50" "$p99" "$ok" "$bad" "$stored" "$conc" "$flush" | tee -a "$out"
  done
  rm -f "$js"
  bash scripts/stack.sh restart-api test >/dev/null
}
fb_bench
