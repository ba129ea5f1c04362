#!/usr/bin/env node
// graphql-js 16 (tests/conformance/graphql-js) on the same inputs as bench_graphql: prints one JSON
// object {name: {wall, cpu}} in milliseconds, the best of several runs of each case (CPU time is the
// process's, garbage-collector threads included: on a shared machine it is the steadier figure).
//   node bench_graphql.js DIR
'use strict';
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const g = require(path.join(__dirname, '../conformance/graphql-js/node_modules/graphql'));

function best(runs, fn) {
  let wall = Infinity, cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    fn();
    const used = process.cpuUsage(c);
    wall = Math.min(wall, Number(process.hrtime.bigint() - t) / 1e6);
    cpu = Math.min(cpu, (used.user + used.system) / 1e3);
  }
  return { wall, cpu };
}

const out = {};
{
  const schema = g.buildSchema(fs.readFileSync(path.join(dir, 'schema.graphql'), 'utf8'));
  const op = fs.readFileSync(path.join(dir, 'operation.graphql'), 'utf8');
  g.validate(schema, g.parse(op)); // warm-up: graphql-js caches per-schema state on first use
  out.parseValidate = best(30, () => g.validate(schema, g.parse(op)));
}
{
  const sdl = fs.readFileSync(path.join(dir, 'sdl.graphql'), 'utf8');
  out.parseSdl = best(3, () => g.parse(sdl, { noLocation: false }));
  // assumeValidSDL: Refract's buildSchema runs no SDL validation either (see bench_graphql.cpp); neither
  // side validates the schema here (graphql-js does it lazily on first use).
  out.buildSdlSchema = best(2, () => g.buildASTSchema(g.parse(sdl), { assumeValidSDL: true }));
  const doc = g.parse(sdl);
  out.buildSdlSchemaOnly = best(2, () => g.buildASTSchema(doc, { assumeValidSDL: true }));
}
{
  const json = fs.readFileSync(path.join(dir, 'introspection.json'), 'utf8');
  out.buildFromIntrospection = best(3, () => g.buildClientSchema(JSON.parse(json).data));
}
console.log(JSON.stringify(out));
