#!/usr/bin/env node
// Export PostGraphile v4's SDL for a database with library options the CLI does not expose
// (graphileBuildOptions such as pgGeometricTypes), sorted and printed exactly as
// `postgraphile --export-schema-graphql … --sort-export` does. Used to check the kitchen-sink
// fixture (tests/fixtures/README.md) and by conformance tests that need such option sets.
//
//   node postgraphile-export.js CONNECTION SCHEMAS OUT.graphql ['{"graphileBuildOptions":{…},…}']
'use strict';
const path = require('path');
const fs = require('fs');
const nm = path.join(__dirname, '../../conformance/postgraphile/node_modules');
const { createPostGraphileSchema } = require(path.join(nm, 'postgraphile'));
const { printSchema, lexicographicSortSchema } = require(path.join(nm, 'graphql'));

async function main() {
  const [connection, schemas, out, json] = process.argv.slice(2);
  if (!out) throw new Error('usage: postgraphile-export.js CONNECTION SCHEMAS OUT [OPTIONS_JSON]');
  const options = json ? JSON.parse(json) : {};
  const schema = await createPostGraphileSchema(connection, schemas.split(','), options);
  fs.writeFileSync(out, printSchema(lexicographicSortSchema(schema)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
