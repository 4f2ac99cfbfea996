// docs/openapi.yaml describes exactly the routes of the route table (`kstt-api routes`), both ways,
// with a summary, responses, the right security (public routes: `security: []`), path parameters and
// resolvable $refs. The file is read with a real YAML parser (npm `yaml`, duplicate keys are errors),
// so it must be valid YAML that any tool (Redocly in `make lint`, the /api/docs page) can read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

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

const TEXT = readFileSync(join(ROOT, 'docs/openapi.yaml'), 'utf8');
const DOC = parseDocument(TEXT, { uniqueKeys: true, prettyErrors: true });
const spec = DOC.errors.length ? {} : DOC.toJS();
const ROUTES = routeTable();

// 'METHOD /path' -> operation object, in file order.
const OPS = new Map();
for (const [path, item] of Object.entries(spec.paths || {})) {
  for (const [k, op] of Object.entries(item || {})) if (METHODS.includes(k)) OPS.set(`${k.toUpperCase()} ${path}`, op);
}

/** Follows a local $ref ('#/components/parameters/Id') to its target, or returns the object itself. */
function deref(obj) {
  if (!obj || typeof obj.$ref !== 'string') return obj;
  let cur = spec;
  for (const part of obj.$ref.replace(/^#\//, '').split('/')) cur = cur?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return cur;
}

test('docs/openapi.yaml is valid YAML: OpenAPI 3.1 with info, paths and components', () => {
  assert.deepEqual(DOC.errors.map((e) => e.message), [], 'YAML errors (duplicate keys included)');
  assert.match(String(spec.openapi), /^3\.1\.\d+$/);
  for (const k of ['info', 'paths', 'components', 'security']) assert.ok(spec[k], `top-level ${k}`);
  assert.ok(!TEXT.includes('\t'), 'no tabs');
  const schemes = spec.security.flatMap((s) => Object.keys(s));
  assert.ok(schemes.includes('bearerAuth') && schemes.includes('cookieAuth'), 'global security: bearerAuth and cookieAuth');
  for (const s of ['bearerAuth', 'cookieAuth']) assert.ok(spec.components.securitySchemes?.[s], `securityScheme ${s}`);
  for (const s of ['Problem', 'ValidationProblem', 'Unit', 'User']) assert.ok(spec.components.schemas?.[s], `schema ${s}`);
});

test('the (method, path) pairs of docs/openapi.yaml equal those of the route table, both ways', () => {
  const documented = [...OPS.keys()].sort();
  const routed = [...ROUTES.keys()].sort();
  const missing = routed.filter((r) => !OPS.has(r)).map((r) => `not documented: ${r}`);
  const extra = documented.filter((r) => !ROUTES.has(r)).map((r) => `documented but not routed: ${r}`);
  assert.deepEqual([...missing, ...extra], []);
});

test('every operation has a summary, an operationId, responses with a success status, and the right security', () => {
  const problems = [];
  const ids = new Set();
  for (const [op, o] of OPS) {
    if (!o.summary) problems.push(`${op}: no summary`);
    if (!o.operationId) problems.push(`${op}: no operationId`);
    else if (ids.has(o.operationId)) problems.push(`${op}: duplicate operationId ${o.operationId}`);
    else ids.add(o.operationId);
    if (!o.responses) problems.push(`${op}: no responses`);
    const codes = Object.keys(o.responses || {});
    // A browser redirect endpoint (the OpenID Connect login and callback) succeeds with a 302.
    if (!codes.some((c) => c.startsWith('2') || c === '302')) problems.push(`${op}: no 2xx response`);
    const action = ROUTES.get(op);
    if (!action) continue;
    const isPublic = action === 'public';
    if (isPublic && !(Array.isArray(o.security) && o.security.length === 0)) problems.push(`${op}: public route needs security: []`);
    if (!isPublic && 'security' in o) problems.push(`${op}: protected route must keep the global security`);
    if (!isPublic && !codes.includes('401')) problems.push(`${op}: protected route documents no 401`);
    if (/^(POST|PUT|PATCH)$/.test(op.split(' ')[0]) && o.requestBody) {
      // JSON for most; the imports take CSV/.xlsx and the public form multipart, so the check is
      // that every declared media type has a schema (the line reader only grepped for "json").
      const media = Object.entries(deref(o.requestBody)?.content || {});
      if (!media.length) problems.push(`${op}: request body declares no media type`);
      for (const [type, m] of media) if (!m?.schema) problems.push(`${op}: request body ${type} has no schema`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every {param} of a path is declared as a path parameter', () => {
  const problems = [];
  const inPath = (list, name) => (list || []).map(deref).some((p) => p && p.in === 'path' && p.name === name);
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
      const ops = METHODS.filter((m) => item[m]).map((m) => item[m]);
      const declared = inPath(item.parameters, name) || (ops.length > 0 && ops.every((o) => inPath(o.parameters, name)));
      if (!declared) problems.push(`${path}: {${name}} not declared for every operation`);
    }
  }
  const id = spec.components.parameters?.Id;
  assert.deepEqual(id && [id.name, id.in, id.required], ['id', 'path', true], 'components/parameters/Id');
  assert.deepEqual(problems, []);
});

test('every $ref points to a defined component', () => {
  const problems = [];
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string' && deref(node) === undefined) problems.push(`unresolved $ref ${node.$ref}`);
      Object.values(node).forEach(walk);
    }
  };
  walk(spec);
  assert.deepEqual(problems, []);
});
