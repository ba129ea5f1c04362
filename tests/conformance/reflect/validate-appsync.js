#!/usr/bin/env node
// Validates an AppSync SDL with graphql-js (buildSchema + assertValidSchema) after prepending the
// prelude that declares AppSync's predefined scalars and directives.
//   node validate-appsync.js PRELUDE.graphql SCHEMA.graphql
'use strict';
const fs = require('fs');
const path = require('path');
const { buildSchema, assertValidSchema } = require(
  path.join(__dirname, '../graphql-js/node_modules/graphql'));

const [prelude, sdl] = process.argv.slice(2);
try {
  const schema = buildSchema(fs.readFileSync(prelude, 'utf8') + '\n' + fs.readFileSync(sdl, 'utf8'));
  assertValidSchema(schema);
} catch (e) {
  console.error(String(e.message || e).split('\n')[0]);
  process.exit(1);
}
