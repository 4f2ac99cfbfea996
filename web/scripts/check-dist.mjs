// Fails the build when dist/index.html or dist/api-docs/index.html would break the strict CSP
// (inline script, inline style, event-handler attributes) or loads anything
// from another origin.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const problems = [];

// Both pages: the app and the API reference (/api/docs).
for (const page of ['index.html', 'api-docs/index.html']) {
  const html = readFileSync(join(dist, page), 'utf8');
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(m[1]) || m[2].trim() !== '') problems.push(`${page}: inline <script>`);
  }
  if (/<style\b/i.test(html)) problems.push(`${page}: inline <style>`);
  if (/\sstyle\s*=/i.test(html)) problems.push(`${page}: style="" attribute`);
  if (/\son[a-z]+\s*=/i.test(html)) problems.push(`${page}: event-handler attribute`);
  if (/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html)) problems.push(`${page}: reference to another origin`);
}

const assets = readdirSync(join(dist, 'assets'));
for (const f of assets.filter((f) => f.endsWith('.js'))) {
  const js = readFileSync(join(dist, 'assets', f), 'utf8');
  if (/fonts\.(googleapis|gstatic)\.com|cdn\.jsdelivr|unpkg\.com/.test(js)) problems.push(`${f}: CDN reference`);
}
if (!assets.some((f) => /-[\w-]{8}\.js$/.test(f))) problems.push('no hashed JS asset');
if (!assets.some((f) => /-[\w-]{8}\.css$/.test(f))) problems.push('no hashed CSS asset');

if (problems.length) {
  console.error('dist is not CSP-safe:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`dist OK: ${assets.length} hashed assets, index.html and api-docs/index.html have no inline script or style`);
