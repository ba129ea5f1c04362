#!/usr/bin/env node
// Writes the differential-conformance corpus into corpus/ (deterministic: a fixed-seed PRNG).
//   corpus/exec/*.graphql   executable documents, valid and invalid      → refract-cli parse
//   corpus/sdl/*.graphql    type-system documents that graphql-js builds → parse, print-schema, --sorted
//   corpus/errors/*.graphql syntax errors of every kind graphql-js raises → parse
// Hand-written files live in corpus/*/manual-*.graphql and are kept; generated ones are rewritten.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, 'corpus');
let seed = 20240611;
function rnd() { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x80000000; }
function pick(a) { return a[Math.floor(rnd() * a.length)]; }
function int(n) { return Math.floor(rnd() * n); }

function write(dir, name, text) {
  fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, dir, name + '.graphql'), text);
}
for (const dir of ['exec', 'sdl', 'errors']) {
  const d = path.join(root, dir);
  if (fs.existsSync(d)) for (const f of fs.readdirSync(d)) if (f.startsWith('gen-')) fs.unlinkSync(path.join(d, f));
}

// ---------- random executable documents ----------
const names = ['a', 'b', 'user', 'id', 'name', 'friends', 'node', '__typename', 'x_1', 'Z', 'on_', 'query', 'type', 'fragment', 'true_', 'nullable'];
const strings = ['', 'hello', 'with "quotes"', 'back\\slash', 'tab\there', 'new\nline', 'unicode é 😀 ✓', '\u0001ctl', '\u007f\u0085', 'a'.repeat(90)];
function rString(s) {
  switch (int(4)) {
    case 0: return JSON.stringify(s).replace(/\u2028/g, '\\u2028');
    case 1: return '"' + [...s].map((c) => (c.codePointAt(0) > 0xffff ? '\\u{' + c.codePointAt(0).toString(16) + '}' : c < ' ' || c === '"' || c === '\\' ? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0') : c)).join('') + '"';
    case 2: if (!s.includes('"""') && !/[\u0000-\u0008\u000b-\u001f]/.test(s)) return '"""' + s.replace(/\\/g, '\\') + '"""';
    // falls through
    default: return JSON.stringify(s);
  }
}
function rValue(depth, isConst) {
  const k = int(depth > 3 ? 7 : 10);
  switch (k) {
    case 0: return String(int(2000) - 1000);
    case 1: return pick(['1.5', '-0.0', '1e10', '6.02E+23', '0.000001', '1.0e-5', '3.14159']);
    case 2: return rString(pick(strings));
    case 3: return pick(['true', 'false', 'null']);
    case 4: return pick(['RED', 'GREEN', 'ENUM_VALUE', 'on', 'query']);
    case 5: return isConst ? '42' : '$' + pick(names.filter((n) => !n.startsWith('__')));
    case 6: return '0';
    case 7: return '[' + Array.from({ length: int(4) }, () => rValue(depth + 1, isConst)).join(pick([', ', ' ', ','])) + ']';
    default: return '{' + Array.from({ length: int(4) }, () => pick(names) + ': ' + rValue(depth + 1, isConst)).join(pick([', ', ' '])) + '}';
  }
}
function rArgs(depth, isConst) {
  if (rnd() < 0.5) return '';
  return '(' + Array.from({ length: 1 + int(4) }, () => pick(names) + ': ' + rValue(depth, isConst)).join(pick([', ', ' ', '\n  '])) + ')';
}
function rDirectives(isConst) {
  let s = '';
  while (rnd() < 0.3) s += ' @' + pick(['skip', 'include', 'dir', 'a_b']) + rArgs(2, isConst);
  return s;
}
function rType(d = 0) {
  const r = int(d > 2 ? 2 : 4);
  if (r === 0) return pick(['Int', 'String', 'MyInput', 'ID']);
  if (r === 1) return pick(['Int', 'Boolean', 'Filter']) + '!';
  if (r === 2) return '[' + rType(d + 1) + ']';
  return '[' + rType(d + 1) + ']!';
}
function rSelectionSet(depth) {
  const n = 1 + int(depth > 3 ? 2 : 4);
  const items = [];
  for (let i = 0; i < n; i++) {
    const r = int(10);
    if (r < 6 || depth > 4) {
      const alias = rnd() < 0.2 ? pick(names) + ': ' : '';
      items.push(alias + pick(names) + rArgs(0, false) + rDirectives(false) + (rnd() < 0.4 && depth < 5 ? ' ' + rSelectionSet(depth + 1) : ''));
    } else if (r < 8) {
      items.push('...' + pick(['F', 'Frag', 'onX', 'f1']) + rDirectives(false));
    } else {
      items.push('...' + (rnd() < 0.7 ? ' on ' + pick(['User', 'Node', 'T']) : '') + rDirectives(false) + ' ' + rSelectionSet(depth + 1));
    }
  }
  const sep = pick(['\n', ' ', ', ', ',\n']);
  return '{' + sep + items.join(sep) + sep + '}';
}
function rDescription() {
  if (rnd() < 0.7) return '';
  return rString(pick(['Operation description', 'multi\nline', ' leading space', 'trailing "quote"', 'x'.repeat(80)])) + '\n';
}
function rVarDefs() {
  if (rnd() < 0.4) return '';
  return '(' + Array.from({ length: 1 + int(3) }, () => rDescription() + '$' + pick(names.filter((n) => !n.startsWith('__'))) + ': ' + rType() + (rnd() < 0.3 ? ' = ' + rValue(0, true) : '') + rDirectives(true)).join(pick([', ', ' ', '\n'])) + ')';
}
function rOperation() {
  const r = int(10);
  if (r < 2) return rSelectionSet(0);
  if (r < 8) {
    return rDescription() + pick(['query', 'mutation', 'subscription']) + (rnd() < 0.7 ? ' ' + pick(['Q', 'GetUser', 'op_1']) : '') + rVarDefs() + rDirectives(false) + ' ' + rSelectionSet(0);
  }
  return rDescription() + 'fragment ' + pick(['F', 'Frag', 'f1']) + ' on ' + pick(['User', 'T']) + rDirectives(false) + ' ' + rSelectionSet(0);
}
const execDocs = [];
for (let i = 0; i < 140; i++) {
  const doc = Array.from({ length: 1 + int(3) }, rOperation).join(pick(['\n\n', '\n', ' ']));
  execDocs.push(doc);
  write('exec', 'gen-random-' + String(i).padStart(3, '0'), doc);
}

// ---------- random SDL documents (always buildable) ----------
function rSdl(idx) {
  const types = [];
  const nObj = 1 + int(4), nEnum = int(3), nInput = int(3), nIface = int(3), nScalar = int(2);
  const objNames = ['Query'].concat(Array.from({ length: nObj }, (_, i) => 'Obj' + (i * 7) % 13 + (i ? 'x' + i : '')));
  const enumNames = Array.from({ length: nEnum }, (_, i) => 'Enum' + i);
  const inputNames = Array.from({ length: nInput }, (_, i) => 'Input' + (10 - i));
  const ifaceNames = Array.from({ length: nIface }, (_, i) => 'Iface' + i);
  const scalarNames = Array.from({ length: nScalar }, (_, i) => 'Scalar' + i);
  const outTypes = objNames.concat(enumNames, ifaceNames, scalarNames, ['Int', 'String', 'Boolean', 'Float', 'ID']);
  const inTypes = enumNames.concat(inputNames, scalarNames, ['Int', 'String', 'Boolean', 'Float', 'ID']);
  const enumValues = {};
  for (const e of enumNames) enumValues[e] = ['A', 'B2', 'B10', 'c', 'VALUE_' + int(100)].slice(0, 2 + int(3));
  const wrap = (t) => pick([t, t + '!', '[' + t + ']', '[' + t + '!]!', '[[' + t + ']]']);
  function desc(ind) {
    const r = int(8);
    const texts = ['Short', 'A longer description that goes past seventy characters in total for the printer', 'Line one\nLine two', ' starts with space', 'ends with "quote"', 'has \\ backslash', 'has """ triple', 'unicode: é ✓ 😀', '\ttab start', 'ctrl \u0007 char'];
    if (r < 4) return '';
    const t = pick(texts);
    return ind + (rnd() < 0.5 && !/[\u0000-\u0008]/.test(t) && !t.includes('"""') ? '"""' + t.replace(/\\/g, '\\\\').replace(/\\\\/g, '\\') + '"""' : JSON.stringify(t)) + '\n';
  }
  function defaultFor(t) {
    const base = t.replace(/[\[\]!]/g, '');
    const isList = t.startsWith('[');
    let v;
    if (base === 'Int') v = pick(['0', '-5', '42', '2147483647', '99999999999']);
    else if (base === 'Float') v = pick(['1.5', '1', '1e3', '-0.0', '1.0E-7', '3']);
    else if (base === 'String') v = pick(['"x"', '"with \\"quote\\""', '"""block"""', '"é\\u00e9"', '1']);
    else if (base === 'Boolean') v = pick(['true', 'false']);
    else if (base === 'ID') v = pick(['"1"', '2', '"abc"', '"007"']);
    else if (enumValues[base]) v = pick(enumValues[base].concat(['NOPE']));
    else if (base.startsWith('Input')) v = pick(['{}', '{f0: 1}', '{f1: "s"}']);
    else v = pick(['1', '"s"', 'true']);
    if (isList && rnd() < 0.5) v = '[' + v + ', ' + v + ']';
    if (rnd() < 0.1) v = 'null';
    return v;
  }
  function args() {
    if (rnd() < 0.6) return '';
    const n = 1 + int(3);
    const items = [];
    const used = new Set();
    for (let i = 0; i < n; i++) {
      let name = pick(['first', 'after', 'arg1', 'arg10', 'arg2', 'filter', 'orderBy']);
      if (used.has(name)) continue;
      used.add(name);
      const t = wrap(pick(inTypes));
      items.push(desc('    ') + '    ' + name + ': ' + t + (rnd() < 0.4 ? ' = ' + defaultFor(t) : '') + (rnd() < 0.1 ? ' @deprecated' : ''));
    }
    return '(\n' + items.join('\n') + '\n  )';
  }
  function dep() {
    const r = int(10);
    if (r === 0) return ' @deprecated';
    if (r === 1) return ' @deprecated(reason: ' + JSON.stringify(pick(['Use other', 'No longer supported', 'multi\nline', 'quote "x"'])) + ')';
    return '';
  }
  function fields(names0) {
    const used = new Set();
    const out = [];
    for (const n of names0) { if (used.has(n)) continue; used.add(n); out.push(desc('  ') + '  ' + n + args() + ': ' + wrap(pick(outTypes)) + dep()); }
    return out;
  }
  const fieldPool = ['id', 'name', 'field2', 'field10', 'Field1', '_private', 'zeta', 'alpha', 'nodes', 'edges'];
  const ifaceFields = {};
  for (const i of ifaceNames) {
    const fs0 = ['id', pick(fieldPool)];
    ifaceFields[i] = fs0;
    types.push(desc('') + 'interface ' + i + ' {\n  id: ID!\n' + (fs0[1] !== 'id' ? '  ' + fs0[1] + ': String\n' : '') + '}');
  }
  for (const o of objNames) {
    const impl = ifaceNames.filter(() => rnd() < 0.4);
    const fl = [];
    for (const i of impl) for (const f of ifaceFields[i]) if (!fl.some((x) => x.startsWith('  ' + f + ':'))) fl.push('  ' + f + (f === 'id' ? ': ID!' : ': String'));
    const extra = fields(Array.from({ length: 1 + int(5) }, () => pick(fieldPool)).filter((f) => !impl.some((i) => ifaceFields[i].includes(f))));
    types.push(desc('') + 'type ' + o + (impl.length ? ' implements ' + impl.join(' & ') : '') + ' {\n' + fl.concat(extra).join('\n') + '\n}');
  }
  for (const e of enumNames) types.push(desc('') + 'enum ' + e + ' {\n' + enumValues[e].map((v) => desc('  ') + '  ' + v + dep()).join('\n') + '\n}');
  for (const n of inputNames) {
    const used = new Set();
    const fl = [];
    for (let i = 0; i < 1 + int(4); i++) {
      const f = 'f' + int(3);
      if (used.has(f)) continue;
      used.add(f);
      const t = wrap(pick(inTypes.filter((x) => x !== n)));
      fl.push(desc('  ') + '  ' + f + ': ' + t.replace(/!$/, '') + (rnd() < 0.4 ? ' = ' + defaultFor(t) : ''));
    }
    types.push(desc('') + 'input ' + n + ' {\n' + fl.join('\n') + '\n}');
  }
  for (const s of scalarNames) types.push(desc('') + 'scalar ' + s + (rnd() < 0.4 ? ' @specifiedBy(url: "https://example.com/' + s + '")' : ''));
  if (objNames.length > 2 && rnd() < 0.6) types.push(desc('') + 'union U' + idx + ' = ' + objNames.slice(1).join(' | '));
  if (rnd() < 0.3) types.push('directive @dir' + idx + args().replace(/\n  \)/, '\n)').replace(/\n    /g, '\n  ') + (rnd() < 0.5 ? ' repeatable' : '') + ' on FIELD_DEFINITION | OBJECT | QUERY');
  if (rnd() < 0.3) types.push('extend type Query {\n  extended' + idx + ': Int\n}');
  if (rnd() < 0.2) types.push('schema {\n  query: Query\n' + (objNames.length > 1 ? '  mutation: ' + objNames[1] + '\n' : '') + '}');
  // shuffle
  for (let i = types.length - 1; i > 0; i--) { const j = int(i + 1); [types[i], types[j]] = [types[j], types[i]]; }
  return types.join('\n\n') + '\n';
}
const g = require(process.env.GRAPHQL_JS || path.join(process.env.REFRACT_SOURCE_DIR || path.join(__dirname, '../../..'), 'tests/conformance/graphql-js/node_modules/graphql'));
let sdlCount = 0;
const sdlDocs = [];
for (let i = 0; sdlCount < 90 && i < 500; i++) {
  const sdl = rSdl(i);
  try { g.printSchema(g.buildSchema(sdl)); } catch (e) { continue; }
  sdlDocs.push(sdl);
  write('sdl', 'gen-random-' + String(sdlCount++).padStart(3, '0'), sdl);
}

// ---------- syntax errors by mutation of valid documents ----------
const junk = ['{', '}', '(', ')', '[', ']', ':', '$', '@', '!', '=', '|', '&', '...', '..', '.', '"', '"""', '\\', "'", '%', '#', '\u00e9', '\ud83d\ude00', '\ud800', '\u0000', '\u0007', '0', '01', '1.', '1e', '-', '1.2.3', 'on', 'null', 'true', ' ', '\n', '\r', '\r\n', '\t', ',', '\ufeff', '\u2028', '"\\x"', '"\\u12"', '"\\u{}"', '"\\u{110000}"', '"\\uD800"', '"\\uD800\\u0041"'];
let errCount = 0;
const bases = execDocs.concat(sdlDocs);
for (let i = 0; errCount < 120 && i < 2000; i++) {
  const base = pick(bases);
  let doc;
  const r = int(3);
  if (r === 0) doc = base.slice(0, int(base.length)); // truncated
  else if (r === 1) { const p = int(base.length); doc = base.slice(0, p) + pick(junk) + base.slice(p); } // inserted junk
  else { const p = int(base.length); doc = base.slice(0, p) + base.slice(p + 1 + int(3)); } // deleted characters
  try { g.parse(doc); continue; } catch (e) { if (!(e instanceof g.GraphQLError)) continue; }
  write('errors', 'gen-mutated-' + String(errCount++).padStart(3, '0'), doc);
}

// ---------- structural cases ----------
const nest = (n) => '{ ' + 'a { '.repeat(n) + 'b' + ' }'.repeat(n) + ' }';
write('exec', 'gen-nesting-100', nest(100));
write('exec', 'gen-nesting-1000', nest(1000));
write('exec', 'gen-nesting-list-500', '{ f(a: ' + '['.repeat(500) + '1' + ']'.repeat(500) + ') }');
write('exec', 'gen-nesting-object-300', '{ f(a: ' + '{a: '.repeat(300) + '1' + '}'.repeat(300) + ') }');
write('exec', 'gen-nesting-type-300', 'query($a: ' + '['.repeat(300) + 'Int' + ']'.repeat(300) + ') { a }');
write('exec', 'gen-many-fields', '{\n' + Array.from({ length: 3000 }, (_, i) => '  f' + i + '(a: ' + i + ')').join('\n') + '\n}');
write('errors', 'gen-unclosed-nesting-200', '{ ' + 'a { '.repeat(200));
// Argument wrapping happens when the line would exceed 80 characters: probe around the boundary.
for (let n = 60; n <= 84; n++) {
  const v = 'x'.repeat(Math.max(0, n - 14));
  write('exec', 'gen-wrap-' + n, '{ field(arg: "' + v + '") { a } alias: field(a: 1, b: "' + v + '") }');
}
write('exec', 'gen-wrap-block-string-arg', '{ f(a: """\n  multi\n  line\n""", b: 1) { x } }');
write('exec', 'gen-wrap-nested-object', '{ f(input: {' + Array.from({ length: 12 }, (_, i) => 'key' + i + ': "value' + i + '"').join(', ') + '}) { x } }');
console.log(`wrote ${execDocs.length} random executable, ${sdlCount} SDL, ${errCount} mutated-error documents`);
