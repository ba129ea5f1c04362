#!/usr/bin/env node
// Differential conformance test of validation: graphql-js 16 (the pinned oracle) against refract-cli.
//   usage: node run.js REFRACT_CLI [FILTER]
// For every schema schemas/<name>.graphql and every case of operations/<name>.graphql (cases are
// separated by lines "#---"), compares `refract-cli validate --schema schemas/<name>.graphql -` (the
// case on stdin) with graphql-js `validate(buildSchema(sdl), parse(case))` serialised as
// {"errors":[GraphQLError.toJSON()…]} (a syntax error is serialised the same way), and the exit code
// (0 valid, 1 not). Prints one line per difference and "validation conformance: N passed, N failed";
// exits 1 on any difference. Small schemas are also given as introspection JSON (graphql-js
// introspectionFromSchema → buildClientSchema on both sides) and every case is run against that too.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const cli = process.argv[2];
const filter = process.argv[3] || '';
const sourceDir = process.env.REFRACT_SOURCE_DIR || path.join(__dirname, '../../..');
const g = require(path.join(sourceDir, 'tests/conformance/graphql-js/node_modules/graphql'));
if (!cli) {
  console.error('usage: node run.js REFRACT_CLI [FILTER]');
  process.exit(2);
}

function splitCases(text) {
  return text.split(/^#---[^\n]*\n/m).map((c) => c.replace(/^(#[^\n]*\n)+/, '')).filter((c) => c.trim() !== '');
}

function oracle(schema, text) {
  let doc;
  try {
    doc = g.parse(text);
  } catch (e) {
    if (e instanceof g.GraphQLError) return { code: 1, out: JSON.stringify({ errors: [e.toJSON()] }) + '\n' };
    throw e;
  }
  const errors = g.validate(schema, doc);
  return { code: errors.length ? 1 : 0, out: JSON.stringify({ errors: errors.map((e) => e.toJSON()) }) + '\n' };
}

let passed = 0;
let failed = 0;
const failures = [];
const schemaDir = path.join(__dirname, 'schemas');
for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.graphql')).sort()) {
  const name = file.replace(/\.graphql$/, '');
  const casesFile = path.join(__dirname, 'operations', name + '.graphql');
  if (!fs.existsSync(casesFile)) continue;
  const schemaPath = path.join(schemaDir, file);
  const schema = g.buildSchema(fs.readFileSync(schemaPath, 'utf8'));
  const cases = splitCases(fs.readFileSync(casesFile, 'utf8'));
  // The same cases against the schema's introspection JSON (graphql-js buildClientSchema), for the
  // schemas small enough to make that cheap.
  const variants = [{ suffix: '', schema, schemaPath }];
  if (cases.length && fs.statSync(schemaPath).size < 200000) {
    const jsonPath = path.join(require('os').tmpdir(), `refract-validation-${process.pid}-${name}.json`);
    const introspection = g.introspectionFromSchema(schema);
    fs.writeFileSync(jsonPath, JSON.stringify({ data: introspection }));
    variants.push({ suffix: '(json)', schema: g.buildClientSchema(introspection), schemaPath: jsonPath });
    process.on('exit', () => fs.rmSync(jsonPath, { force: true }));
  }
  for (const v of variants) cases.forEach((text, i) => {
    const label = `${name}${v.suffix}#${i + 1}`;
    if (filter && !label.includes(filter)) return;
    const expected = oracle(v.schema, text);
    const r = spawnSync(cli, ['validate', '--schema', v.schemaPath, '-'], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status === expected.code && r.stdout === expected.out) {
      passed++;
      return;
    }
    failed++;
    const e = expected.out, a = r.stdout || '';
    let k = 0;
    while (k < e.length && k < a.length && e[k] === a[k]) k++;
    failures.push(`${label}: exit ${r.status} (graphql-js ${expected.code}); first difference at offset ${k}: ` +
      `graphql-js ${JSON.stringify(e.slice(k, k + 100))} vs ours ${JSON.stringify(a.slice(k, k + 100))}` +
      (r.stderr ? ` stderr: ${r.stderr.trim()}` : ''));
  });
}
for (const f of failures) console.log(f);
console.log(`validation conformance: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
