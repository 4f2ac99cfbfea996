// docs/openapi.yaml describes exactly the routes of the route table (`kstt-api routes`), both ways,
// with a summary, responses, the right security (public routes: `security: []`), path parameters and
// resolvable $refs. The YAML is read by a small line parser (no dependency): the file keeps a regular
// layout — top-level `paths:`, path keys indented by two spaces, method keys by four.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = process.env.KSTT_ROOT || resolve(HERE, '../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function routeTable() {
  const out = execFileSync(join(ROOT, 'build/kstt-api'), ['routes'], { encoding: 'utf8' });
  const routes = new Map();
  for (const line of out.split('\n')) {
    const m = line.trim().match(/^([A-Z]+) (\/\S*) (\S+)$/);
    if (m) routes.set(`${m[1]} ${m[2]}`, m[3]);
  }
  return routes;
}

const indent = (l) => l.length - l.trimStart().length;
const isBlank = (l) => !l.trim() || l.trimStart().startsWith('#');

// { ops: Map('METHOD /path' -> {lines}), pathLevel: Map('/path' -> lines), components: {section: Set(names)},
//   topLevel: Map(key -> lines), dupes: [] }
function parseSpec(text) {
  const lines = text.split('\n');
  const top = new Map();
  let cur = null;
  for (const l of lines) {
    if (isBlank(l)) continue;
    if (indent(l) === 0) {
      const m = l.match(/^([\w-]+):(.*)$/);
      assert.ok(m, `top-level line is not a key: ${l}`);
      cur = m[1];
      top.set(cur, [l]);
    } else if (cur) top.get(cur).push(l);
  }
  const ops = new Map();
  const pathLevel = new Map();
  const dupes = [];
  let path = null;
  let op = null;
  for (const l of (top.get('paths') || []).slice(1)) {
    const ind = indent(l);
    if (ind === 2) {
      const m = l.match(/^ {2}(\/\S*):\s*$/);
      assert.ok(m, `path key expected at two spaces: ${l}`);
      path = m[1];
      if (pathLevel.has(path)) dupes.push(path);
      pathLevel.set(path, []);
      op = null;
    } else if (ind === 4) {
      const m = l.match(/^ {4}([a-z]+):\s*(.*)$/);
      assert.ok(m && path, `key expected at four spaces under a path: ${l}`);
      if (METHODS.includes(m[1])) {
        op = `${m[1].toUpperCase()} ${path}`;
        if (ops.has(op)) dupes.push(op);
        ops.set(op, []);
      } else {
        op = null;
        pathLevel.get(path).push(l);
      }
    } else if (op) ops.get(op).push(l);
    else if (path) pathLevel.get(path).push(l);
  }
  const components = {};
  let section = null;
  for (const l of (top.get('components') || []).slice(1)) {
    if (indent(l) === 2) {
      section = l.trim().replace(/:$/, '');
      components[section] = new Set();
    } else if (indent(l) === 4 && section) {
      components[section].add(l.trim().replace(/:.*$/, ''));
    }
  }
  return { top, ops, pathLevel, components, dupes, text };
}

const spec = parseSpec(readFileSync(join(ROOT, 'docs/openapi.yaml'), 'utf8'));
const ROUTES = routeTable();
// Direct children (indent 6) of an operation: key -> value text.
const opKeys = (lines) => new Map(lines.filter((l) => indent(l) === 6).map((l) => {
  const m = l.trim().match(/^([\w-]+):\s*(.*)$/);
  return m ? [m[1], m[2]] : [l.trim(), ''];
}));

test('docs/openapi.yaml is OpenAPI 3.1 with info, paths and components', () => {
  assert.match(spec.top.get('openapi')?.[0] || '', /^openapi: 3\.1\.\d+\s*$/);
  for (const k of ['info', 'paths', 'components', 'security']) assert.ok(spec.top.has(k), `top-level ${k}`);
  assert.ok(!spec.text.includes('\t'), 'no tabs');
  assert.deepEqual(spec.dupes, [], 'no duplicate paths or operations');
  const sec = spec.top.get('security').join('\n');
  assert.match(sec, /bearerAuth/);
  assert.match(sec, /cookieAuth/);
  for (const s of ['bearerAuth', 'cookieAuth']) assert.ok(spec.components.securitySchemes?.has(s), `securityScheme ${s}`);
  for (const s of ['Problem', 'ValidationProblem', 'Unit', 'User']) assert.ok(spec.components.schemas?.has(s), `schema ${s}`);
});

test('the (method, path) pairs of docs/openapi.yaml equal those of the route table, both ways', () => {
  const documented = [...spec.ops.keys()].sort();
  const routed = [...ROUTES.keys()].sort();
  const missing = routed.filter((r) => !spec.ops.has(r)).map((r) => `not documented: ${r}`);
  const extra = documented.filter((r) => !ROUTES.has(r)).map((r) => `documented but not routed: ${r}`);
  assert.deepEqual([...missing, ...extra], []);
});

test('every operation has a summary, an operationId, responses with a success status, and the right security', () => {
  const problems = [];
  const ids = new Set();
  for (const [op, lines] of spec.ops) {
    const keys = opKeys(lines);
    if (!keys.get('summary')) problems.push(`${op}: no summary`);
    const oid = keys.get('operationId');
    if (!oid) problems.push(`${op}: no operationId`);
    else if (ids.has(oid)) problems.push(`${op}: duplicate operationId ${oid}`);
    else ids.add(oid);
    if (!keys.has('responses')) problems.push(`${op}: no responses`);
    const codes = lines.filter((l) => indent(l) === 8).map((l) => l.trim().match(/^'?(\d{3})'?:/)?.[1]).filter(Boolean);
    if (!codes.some((c) => c.startsWith('2'))) problems.push(`${op}: no 2xx response`);
    const action = ROUTES.get(op);
    if (!action) continue;
    const isPublic = action === 'public';
    if (isPublic && keys.get('security') !== '[]') problems.push(`${op}: public route needs security: []`);
    if (!isPublic && keys.has('security')) problems.push(`${op}: protected route must keep the global security`);
    if (!isPublic && !codes.includes('401')) problems.push(`${op}: protected route documents no 401`);
    if (/^(POST|PUT|PATCH)$/.test(op.split(' ')[0]) && keys.has('requestBody')) {
      const body = lines.join('\n');
      if (!/application\/json/.test(body)) problems.push(`${op}: request body is not JSON`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every {param} of a path is declared as a path parameter', () => {
  const problems = [];
  const paramDefs = (spec.top.get('components') || []).join('\n');
  for (const [path, lines] of spec.pathLevel) {
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
      const declares = (ls) => {
        const t = ls.join('\n');
        return new RegExp(`name: ${name}\\b[\\s\\S]*?in: path`).test(t) || (name === 'id' && t.includes("$ref: '#/components/parameters/Id'"));
      };
      const opLines = [...spec.ops].filter(([k]) => k.endsWith(` ${path}`)).map(([, l]) => l);
      const declared = declares(lines) || (opLines.length > 0 && opLines.every(declares));
      if (!declared) problems.push(`${path}: {${name}} not declared for every operation`);
    }
  }
  assert.match(paramDefs, /\n {4}Id:\n {6}name: id\n {6}in: path\n {6}required: true/);
  assert.deepEqual(problems, []);
});

test('every $ref points to a defined component', () => {
  const problems = [];
  for (const m of spec.text.matchAll(/\$ref: '#\/components\/(\w+)\/(\w+)'/g)) {
    if (!spec.components[m[1]]?.has(m[2])) problems.push(`unresolved $ref ${m[0]}`);
  }
  assert.deepEqual(problems, []);
});
