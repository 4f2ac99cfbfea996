// Fails the build when dist/index.html would break the strict CSP
// (inline script, inline style, event-handler attributes) or loads anything
// from another origin.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const problems = [];

for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc=/.test(m[1]) || m[2].trim() !== '') problems.push('inline <script>');
}
if (/<style\b/i.test(html)) problems.push('inline <style>');
if (/\sstyle\s*=/i.test(html)) problems.push('style="" attribute');
if (/\son[a-z]+\s*=/i.test(html)) problems.push('event-handler attribute');
if (/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html)) problems.push('reference to another origin');

const assets = readdirSync(join(dist, 'assets'));
for (const f of assets.filter((f) => f.endsWith('.js'))) {
  const js = readFileSync(join(dist, 'assets', f), 'utf8');
  if (/fonts\.(googleapis|gstatic)\.com|cdn\.jsdelivr|unpkg\.com/.test(js)) problems.push(`${f}: CDN reference`);
}
if (!assets.some((f) => /-[\w-]{8}\.js$/.test(f))) problems.push('no hashed JS asset');
if (!assets.some((f) => /-[\w-]{8}\.css$/.test(f))) problems.push('no hashed CSS asset');

if (problems.length) {
  console.error('dist/index.html is not CSP-safe:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`dist OK: ${assets.length} hashed assets, index.html has no inline script or style`);
