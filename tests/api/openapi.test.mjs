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

// --- Declared inputs (`kstt-api routes --json`) against the operations' parameters and bodies ---
// The route table declares each route's query and JSON body fields (fcgi/server/input.h); the
// server checks requests against exactly those tables, so the documentation must say the same:
// every declared field documented with the same type, required, nullable, enum and bounds, and
// no documented query parameter or body property that the table does not declare.

const DECLARED = JSON.parse(execFileSync(join(ROOT, 'build/kstt-api'), ['routes', '--json'], { encoding: 'utf8' }));

/** A schema with $ref followed and allOf merged (properties, required). */
function flat(schema) {
  const s = deref(schema) || {};
  if (!s.allOf) return s;
  const out = { ...s, properties: { ...(s.properties || {}) }, required: [...(s.required || [])] };
  delete out.allOf;
  for (const part of s.allOf.map(flat)) {
    Object.assign(out.properties, part.properties || {});
    out.required.push(...(part.required || []));
    for (const k of ['type', 'additionalProperties']) if (part[k] !== undefined && out[k] === undefined) out[k] = part[k];
  }
  return out;
}

/** The JSON types a schema allows ([] = any), through oneOf/anyOf alternatives. */
const typesOf = (s) => {
  const alts = s.oneOf || s.anyOf;
  if (alts) return alts.flatMap((a) => typesOf(flat(a)));
  return Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
};

/** Differences between one declared field and its documented schema (empty when they agree). */
function fieldProblems(where, f, schema, required) {
  const p = [];
  const s = flat(schema);
  const types = typesOf(s).filter((t) => t !== 'null');
  const nullable = typesOf(s).includes('null') || (Array.isArray(s.enum) && s.enum.includes(null));
  const want = {
    string: ['string'], date: ['string'], enum: ['string'], integer: ['integer'], id: ['integer'],
    number: ['number'], boolean: ['boolean'], json: ['object', 'array'],
  }[f.type];
  const queryBool = f.in === 'query' && f.type === 'boolean' && types.includes('string') &&
    JSON.stringify([...(s.enum || [])].sort()) === JSON.stringify(['0', '1', 'false', 'true']);
  if (!queryBool && (types.length === 0 ? f.type !== 'json' : !types.every((t) => want.includes(t)))) {
    p.push(`${where}: type ${JSON.stringify(s.type)}, table says ${f.type}`);
  }
  if (f.type === 'date' && s.format !== 'date') p.push(`${where}: date needs format: date`);
  if (f.in === 'body' && nullable !== f.nullable) p.push(`${where}: nullable ${nullable}, table says ${f.nullable}`);
  if (required !== f.required) p.push(`${where}: required ${required}, table says ${f.required}`);
  if (f.type === 'enum') {
    const doc = (s.enum || []).filter((v) => v !== null).map(String).sort();
    if (JSON.stringify(doc) !== JSON.stringify([...f.enum].sort())) p.push(`${where}: enum ${JSON.stringify(doc)}, table says ${JSON.stringify(f.enum)}`);
  }
  const bound = (key, val) => {
    if ((s[key] ?? undefined) !== val) p.push(`${where}: ${key} ${s[key]}, table says ${val}`);
  };
  if (f.type === 'integer' || f.type === 'number') {
    bound('minimum', f.min);
    bound('maximum', f.max);
  }
  if (f.type === 'id') bound('minimum', 1);
  if (f.type === 'string') {
    bound('minLength', f.min);
    bound('maxLength', f.max);
  }
  if (f.default !== undefined) bound('default', f.default);
  return p;
}

test('declared query parameters equal the documented ones, with the same type, required, enum and bounds', () => {
  const problems = [];
  for (const route of DECLARED.filter((r) => r.declared_query)) {
    const key = `${route.method} ${route.path}`;
    const op = OPS.get(key);
    if (!op) continue; // the (method, path) test reports it
    const item = spec.paths[route.path];
    const params = [...(item.parameters || []), ...(op.parameters || [])].map(deref).filter((x) => x && x.in === 'query');
    const byName = new Map(params.map((x) => [x.name, x]));
    for (const f of route.query) {
      const doc = byName.get(f.name);
      if (!doc) problems.push(`${key}: query ${f.name} not documented`);
      else problems.push(...fieldProblems(`${key} ?${f.name}`, f, doc.schema, !!doc.required));
    }
    for (const name of byName.keys()) if (!route.query.some((f) => f.name === name)) problems.push(`${key}: query ${name} documented but not declared`);
  }
  assert.deepEqual(problems, []);
});

test('declared JSON bodies equal the documented request bodies, both ways', () => {
  const problems = [];
  for (const route of DECLARED.filter((r) => r.declared_body)) {
    const key = `${route.method} ${route.path}`;
    const op = OPS.get(key);
    if (!op) continue;
    const schema = deref(op.requestBody)?.content?.['application/json']?.schema;
    if (!schema) {
      problems.push(`${key}: declared body but no application/json request body documented`);
      continue;
    }
    const s = flat(schema);
    const props = s.properties || {};
    const req = new Set(s.required || []);
    if (s.additionalProperties !== false) problems.push(`${key}: body schema needs additionalProperties: false (unknown keys are refused)`);
    for (const f of route.body) {
      if (!props[f.name]) problems.push(`${key}: body ${f.name} not documented`);
      else problems.push(...fieldProblems(`${key} .${f.name}`, f, props[f.name], req.has(f.name)));
    }
    for (const name of Object.keys(props)) if (!route.body.some((f) => f.name === name)) problems.push(`${key}: body ${name} documented but not declared`);
  }
  assert.deepEqual(problems, []);
});
