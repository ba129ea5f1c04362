#!/usr/bin/env node
// Differential conformance test of execution: graphql-js 16 `graphql()` (the pinned oracle) against
// graphql_exec_driver on the cases of cases.js (variable coercion, argument coercion, output coercion,
// null propagation, introspection).
//   usage: node run.js DRIVER [FILTER]
// Root fields echo their arguments on both sides (a rootValue whose every member is `(args) => args`).
// Prints one line per difference and "execution conformance: N passed, N failed"; exits 1 on any.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const driver = process.argv[2];
const filter = process.argv[3] || '';
const sourceDir = process.env.REFRACT_SOURCE_DIR || path.join(__dirname, '../../..');
const g = require(path.join(sourceDir, 'tests/conformance/graphql-js/node_modules/graphql'));
if (!driver) {
  console.error('usage: node run.js DRIVER [FILTER]');
  process.exit(2);
}
const { cases, introspectionCases } = require('./cases.js');

let all = [...cases(), ...introspectionCases(g)];
all = all.map((c, i) => ({ ...c, label: `${path.basename(c.schema)}#${i + 1}` })).filter((c) => !filter || c.label.includes(filter));

const schemas = new Map();
const rootValue = new Proxy({}, { get: (target, key) => (typeof key === 'string' ? (args) => args : undefined) });
function oracle(c) {
  if (!schemas.has(c.schema)) schemas.set(c.schema, g.buildSchema(fs.readFileSync(c.schema, 'utf8')));
  const result = g.graphqlSync({ schema: schemas.get(c.schema), source: c.query, rootValue,
    variableValues: c.variables, operationName: c.operationName });
  return JSON.stringify(result);
}

const casesFile = path.join(os.tmpdir(), `refract-exec-cases-${process.pid}.json`);
fs.writeFileSync(casesFile, JSON.stringify(all.map(({ schema, query, variables, operationName }) => ({ schema, query, variables, operationName }))));
const r = spawnSync(driver, [casesFile], { encoding: 'utf8', maxBuffer: 1 << 30 });
fs.rmSync(casesFile, { force: true });
if (r.status !== 0) {
  console.log(`driver failed (exit ${r.status}): ${r.stderr}`);
  process.exit(1);
}
const lines = r.stdout.split('\n');
let passed = 0, failed = 0;
const failures = [];
all.forEach((c, i) => {
  const e = oracle(c), a = lines[i] || '';
  if (e === a) { passed++; return; }
  failed++;
  let k = 0;
  while (k < e.length && k < a.length && e[k] === a[k]) k++;
  failures.push(`${c.label} ${JSON.stringify(c.query.slice(0, 80))} vars ${JSON.stringify(c.variables).slice(0, 80)}: first difference at ${k}: ` +
    `graphql-js ${JSON.stringify(e.slice(Math.max(0, k - 40), k + 100))} vs ours ${JSON.stringify(a.slice(Math.max(0, k - 40), k + 100))}`);
});
for (const f of failures) console.log(f);
console.log(`execution conformance: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
