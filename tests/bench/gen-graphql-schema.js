#!/usr/bin/env node
// A deterministic SDL of about N named types for the GraphQL benchmarks (scripts/bench-graphql):
// objects with scalar, list and connection fields and arguments (defaults included), interfaces,
// unions, enums, input objects with nested inputs, descriptions and deprecations, in the proportions
// of a large public API.
//   node gen-graphql-schema.js N > schema.graphql
'use strict';
const n = Number(process.argv[2] || 50000);
let seed = 1234567;
function rand() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const entities = Math.max(4, Math.floor(n / 5)); // each entity: object, connection, edge, filter input, order enum
const name = (i) => `Entity${i}`;
const out = [];
out.push('"""Generated benchmark schema."""\nschema {\n  query: Query\n}\n');
out.push('scalar DateTime\n\nscalar JSON\n');
out.push('enum OrderDirection {\n  ASC\n  DESC\n}\n');
out.push('interface Node {\n  id: ID!\n}\n');
out.push('interface Named {\n  name: String\n}\n');
out.push('type PageInfo {\n  hasNextPage: Boolean!\n  hasPreviousPage: Boolean!\n  startCursor: String\n  endCursor: String\n}\n');
const scalars = ['String', 'Int', 'Float', 'Boolean', 'ID', 'DateTime', 'JSON'];
for (let i = 0; i < entities; i++) {
  const e = name(i);
  const fields = [];
  fields.push('  id: ID!');
  fields.push('  name: String');
  const count = 4 + Math.floor(rand() * 6);
  for (let f = 0; f < count; f++) {
    const t = pick(scalars);
    const desc = rand() < 0.3 ? `  """The ${t} value number ${f} of ${e}."""\n` : '';
    const dep = rand() < 0.05 ? ' @deprecated(reason: "no longer used")' : '';
    fields.push(`${desc}  field${f}: ${t}${rand() < 0.4 ? '!' : ''}${dep}`);
  }
  const other = name(Math.floor(rand() * entities));
  fields.push(`  related: ${other}`);
  fields.push(`  children(first: Int = 10, after: String, orderBy: [${e}Order!] = [ID_ASC], filter: ${e}Filter): ${e}Connection!`);
  fields.push(`  tags: [String!]!`);
  out.push(`"""An entity of kind ${i}."""\ntype ${e} implements Node & Named {\n${fields.join('\n')}\n}\n`);
  out.push(`type ${e}Connection {\n  nodes: [${e}]!\n  edges: [${e}Edge!]!\n  pageInfo: PageInfo!\n  totalCount: Int!\n}\n`);
  out.push(`type ${e}Edge {\n  cursor: String\n  node: ${e}\n}\n`);
  out.push(`input ${e}Filter {\n  id: ID\n  name: String\n  nameIn: [String!]\n  and: [${e}Filter!]\n  or: [${e}Filter!]\n  not: ${e}Filter\n  limit: Int = 100\n}\n`);
  out.push(`enum ${e}Order {\n  ID_ASC\n  ID_DESC\n  NAME_ASC\n  NAME_DESC\n  NATURAL @deprecated(reason: "use ID_ASC")\n}\n`);
}
const unionMembers = [];
for (let i = 0; i < Math.min(entities, 50); i++) unionMembers.push(name(i));
out.push(`union SearchResult = ${unionMembers.join(' | ')}\n`);
const q = [];
q.push('  node(id: ID!): Node');
q.push('  search(query: String!, first: Int = 20): [SearchResult!]!');
for (let i = 0; i < entities; i++) {
  const e = name(i);
  q.push(`  entity${i}(id: ID!): ${e}`);
  if (i % 4 === 0) q.push(`  allEntity${i}(first: Int, after: String, filter: ${e}Filter, orderBy: [${e}Order!] = [ID_ASC]): ${e}Connection!`);
}
out.push(`type Query {\n${q.join('\n')}\n}\n`);
process.stdout.write(out.join('\n'));
