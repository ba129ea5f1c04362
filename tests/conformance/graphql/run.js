#!/usr/bin/env node
// Differential conformance test: graphql-js 16 (the pinned oracle) against refract-cli.
//   usage: node run.js REFRACT_CLI [CORPUS_DIR]
// For every corpus file: graphql-js `print(parse(doc))` (or its syntax error as GraphQLError.toJSON())
// against `refract-cli parse FILE`; for corpus/sdl/ also `printSchema(buildSchema(doc))` and the
// lexicographically sorted schema against `refract-cli print-schema --schema FILE [--sorted]`, and,
// where graphql-js can introspect the schema, `printSchema(buildClientSchema(introspection))` against
// `refract-cli print-schema --schema INTROSPECTION.json`, and `JSON.stringify(introspectionFromSchema(schema),
// null, 2)` against `refract-cli introspect --schema FILE` (and of that JSON through buildClientSchema); with REFRACT_PRINT15 set (CTest sets it), graphql
// 15.11's printSchema (plain and sorted) against our GraphQLJsFlavor::V15 printer.
// Prints one line per difference and the summary "N passed, N failed"; exits 1 on any difference.
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const { spawnSync } = require('child_process');

const cli = process.argv[2];
const corpus = process.argv[3] || path.join(__dirname, 'corpus');
const sourceDir = process.env.REFRACT_SOURCE_DIR || path.join(__dirname, '../../..');
const g = require(path.join(sourceDir, 'tests/conformance/graphql-js/node_modules/graphql'));
// graphql 15 (PostGraphile v4's copy) checks the V15 printing flavour through a small test helper.
const g15Path = path.join(sourceDir, 'tests/conformance/postgraphile/node_modules/graphql');
const g15 = process.env.REFRACT_PRINT15 && fs.existsSync(g15Path) ? require(g15Path) : null;
if (!cli) {
  console.error('usage: node run.js REFRACT_CLI [CORPUS_DIR]');
  process.exit(2);
}

function oracle(fn) {
  try {
    return { code: 0, out: fn() + '\n' };
  } catch (e) {
    if (e instanceof g.GraphQLError) return { code: 1, out: JSON.stringify({ errors: [e.toJSON()] }) + '\n' };
    if (e instanceof RangeError) return { code: -1, out: '' }; // graphql-js overflowed its own stack
    return { code: 1, out: null, message: String(e && e.message) }; // other errors: only the exit code is compared
  }
}

function ours(args) {
  const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function ours15(args) {
  const r = spawnSync(process.env.REFRACT_PRINT15, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function check(label, expected, actual) {
  if (expected.code === -1) {
    // graphql-js cannot parse this at all (stack overflow): we only require a clean answer, no crash.
    if (actual.code === 0 || actual.code === 1) passed++;
    else { failed++; failures.push(`${label}: crashed with status ${actual.code}`); }
    return;
  }
  const sameCode = (expected.code === 0) === (actual.code === 0);
  const sameOut = expected.out === null || expected.out === actual.out;
  if (sameCode && sameOut) {
    passed++;
    return;
  }
  failed++;
  let detail = `exit ${actual.code} (graphql-js ${expected.code})`;
  if (!sameOut) {
    const e = expected.out, a = actual.out || '';
    let i = 0;
    while (i < e.length && i < a.length && e[i] === a[i]) i++;
    detail += `; first difference at offset ${i}: graphql-js ${JSON.stringify(e.slice(i, i + 60))} vs ours ${JSON.stringify(a.slice(i, i + 60))}`;
  }
  failures.push(`${label}: ${detail}`);
}

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.name.endsWith('.graphql')) out.push(p);
  }
  return out;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'refract-gql-conformance-'));
for (const file of walk(corpus)) {
  const rel = path.relative(corpus, file);
  const text = fs.readFileSync(file, 'utf8');
  check(`parse ${rel}`, oracle(() => g.print(g.parse(text))), ours(['parse', file]));
  if (rel.split(path.sep)[0] === 'sdl') {
    const built = oracle(() => g.printSchema(g.buildSchema(text)));
    if (built.code !== 0) {
      skipped++; // the SDL corpus only holds schemas graphql-js builds; validation is not compared here
      continue;
    }
    check(`print-schema ${rel}`, built, ours(['print-schema', '--schema', file]));
    check(`print-schema --sorted ${rel}`, oracle(() => g.printSchema(g.lexicographicSortSchema(g.buildSchema(text)))),
      ours(['print-schema', '--schema', file, '--sorted']));
    if (g15) {
      // graphql 15 has no @oneOf: compare on the text without it.
      const text15 = text.replace(/ @oneOf/g, '');
      const file15 = path.join(tmp, rel.replace(/[\\/]/g, '_') + '.15.graphql');
      fs.writeFileSync(file15, text15);
      for (const sorted of [false, true]) {
        const expected15 = (() => {
          try {
            const s = g15.buildSchema(text15);
            return { code: 0, out: g15.printSchema(sorted ? g15.lexicographicSortSchema(s) : s) };
          } catch (e) {
            return null;
          }
        })();
        if (expected15)
          check(`graphql 15 print${sorted ? ' --sorted' : ''} ${rel}`, expected15,
            ours15(sorted ? [file15, '--sorted'] : [file15]));
      }
    }
    let introspection;
    try {
      introspection = g.introspectionFromSchema(g.buildSchema(text));
    } catch (e) {
      continue; // not a valid schema (graphql-js validates before introspecting)
    }
    check(`introspect ${rel}`, { code: 0, out: JSON.stringify(introspection, null, 2) + '\n' },
      ours(['introspect', '--schema', file]));
    const json = path.join(tmp, rel.replace(/[\\/]/g, '_') + '.json');
    fs.writeFileSync(json, JSON.stringify(introspection, null, 2));
    check(`print-schema (introspection) ${rel}`, oracle(() => g.printSchema(g.buildClientSchema(introspection))),
      ours(['print-schema', '--schema', json]));
    check(`introspect (introspection) ${rel}`,
      oracle(() => JSON.stringify(g.introspectionFromSchema(g.buildClientSchema(introspection)), null, 2)),
      ours(['introspect', '--schema', json]));
  }
}

fs.rmSync(tmp, { recursive: true, force: true });
for (const f of failures) console.log('FAIL ' + f);
console.log(`graphql conformance: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed ? 1 : 0);
