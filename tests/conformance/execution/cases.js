// The cases of the execution conformance test: [{schema, query, variables, operationName}], generated
// deterministically. Used by run.js.
'use strict';
const path = require('path');

const validationSchemas = path.join(__dirname, '../validation/schemas');
const coercion = path.join(__dirname, 'schemas/coercion.graphql');

// Variable values tried against every variable type.
const values = [
  1, 0, -1, 2147483647, 2147483648, -2147483649, 1.5, 1e300, -0.0, '1', '', 'abc', 'RED', 'red', 'DARK_RED', 'OLD',
  true, false, null, [], [1, 2, 3], [1, null], [[1], [2, null]], ['RED', 'BLUE'], ['RED', null], {}, { x: 1 },
  { x: 1, y: 2, label: 'p' }, { x: null }, { y: 1 }, { x: 1, z: 2 }, { name: 'n', color: 'GREEN' },
  { name: 1, colors: 'RED', ids: [1, '2', 1.5], tags: 'a', amount: '1' }, { nested: { nested: { color: 'PINK', required: null } } },
  { a: 1 }, { a: 1, b: 'x' }, { a: null }, { b: 'x', zz: 1 }, { p: { x: 'no' } },
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { deep: { deeper: { deepest: { x: 1 } } } }, [[[[1]]]],
  { 1: 'one', b: 2, 0: 'zero' }, 'line\nbreak "quoted" \u00e9',
];
const types = [
  ['Int', 'i'], ['Int!', 'ni'], ['Float', 'f'], ['String', 's'], ['Boolean', 'b'], ['ID', 'id'], ['Color', 'c'],
  ['[Int]', 'li'], ['[Int!]', 'nli'], ['[[Int]]', 'mi'], ['Filter', 'filter'], ['Point', 'point'], ['Choice', 'choice'],
  ['JSON', 'j'], ['Date', 'd'], ['[Point!]', 'points'], ['[Color!]', 'lc'],
];

function cases() {
  const out = [];
  const add = (schema, query, variables, operationName) => out.push({ schema, query, variables: variables === undefined ? null : variables, operationName: operationName || null });

  // 1. Every variable type against every value.
  for (const [type, arg] of types)
    for (const v of values)
      add(coercion, `query Q($v: ${type}) { echo(${arg}: $v ${arg === 'ni' ? '' : ', ni: 1'}) }`, { v });

  // 2. Hand-written coercion cases.
  const c = (query, variables, operationName) => add(coercion, query, variables, operationName);
  c('query Q($v: Int!) { echo(ni: $v) }', {});
  c('query Q($v: Int!) { echo(ni: $v) }', null);
  c('query Q($v: Int! = 3) { echo(ni: $v) }', {});
  c('query Q($v: Int = 3) { echo(ni: $v) }', { v: null });
  c('query Q($v: Int = 3) { echo(ni: $v) }', {});
  c('query Q($v: Int = 3) { echo(ni: 1, i: $v) }', { v: null });
  c('query Q($v: Point = {x: 5}) { echo(ni: 1, point: $v) }', {});
  c('query Q($v: [Color] = [GREEN]) { echo(ni: 1, defColors: $v) }', {});
  c('query Q($v: [Color]) { echo(ni: 1, defColors: $v) }', {});
  c('query Q($v: Filter = {name: "x", nested: {color: BLUE}}) { echo(ni: 1, filter: $v) }', {});
  c('query Q($x: Int) { echo(ni: 1, point: {x: $x}) }', {});
  c('query Q($x: Int) { echo(ni: 1, point: {x: 2, y: $x}) }', {});
  c('query Q($x: Int) { echo(ni: 1, point: {x: 2, y: $x}) }', { x: 7 });
  c('query Q($x: Int) { echo(ni: 1, li: [1, $x, 3]) }', {});
  c('query Q($x: Int) { echo(ni: 1, nli: [1, $x]) }', { x: 2 });
  c('query Q($x: Int) { echo(ni: 1, mi: [[1], [$x]]) }', {});
  c('query Q($x: Int) { echo(ni: 1, choice: {a: $x}) }', { x: 4 });
  c('query Q($x: JSON) { echo(ni: 1, j: {a: [1, $x, {b: $x}]}) }', { x: { y: true } });
  c('query Q($x: JSON) { echo(ni: 1, j: {a: [1, $x]}) }', {});
  c('{ echo(ni: 1, j: {b: 2, a: [1.5e3, "s", true, null, ENUM], 0: 1}) }');
  c('{ echo(ni: 1, d: "2020-01-01", id: 12, s: """block\n  text""", f: 3, c: DARK_RED, lc: BLUE) }');
  c('{ echo(ni: 1) e2: echo(ni: 2, def: null, defPoint: null, defColors: null) }');
  c('{ required(v: 1, w: {x: 1}) }');
  c('query Q($w: Point!) { required(v: 1, w: $w) }', { w: { x: 1, y: null } });
  c('query Q($w: Point!) { required(v: 1, w: $w) }', { w: [{ x: 1 }] });
  c('query Q($w: Point!) { required(v: 1, w: $w) }', { w: 'x' });
  c('query Q($a: Int, $b: Int) { echo(ni: 1, li: [$a, $b]) }', { a: 1 });
  c('query Q($f: Filter) { echo(ni: 1, filter: $f) }', { f: { name: 'a', nested: { name: 'b', nested: { name: 'c', point: { x: 1 } } } } });
  c('query Q($f: Filter) { echo(ni: 1, filter: $f) }', { f: { naem: 'a', colros: [], nested: { amout: 1 } } });
  c('query Q($f: Filter) { echo(ni: 1, filter: $f) }', { f: { old: 'x', required: false } });
  c('query Q($p: [Point!]) { echo(ni: 1, points: $p) }', { p: [{ x: 1 }, null, { y: 2 }, { x: 'a' }, 5] });
  c('query Q($c: Choice) { echo(ni: 1, choice: $c) }', { c: { a: 1, p: { x: 1 } } });
  c('query Q($c: Choice) { echo(ni: 1, choice: $c) }', { c: { p: { x: 1 } } });
  c('query Q($c: Choice!) { echo(ni: 1, choice: $c) }', { c: { b: null } });
  // More than 50 variable errors: graphql-js stops with "Too many errors".
  {
    const defs = [], args = [], vars = {};
    for (let i = 0; i < 60; i++) { defs.push(`$v${i}: Int`); vars[`v${i}`] = 'x' + i; }
    c(`query Q(${defs.join(', ')}) { echo(ni: 1, li: [${Object.keys(vars).map((k) => '$' + k).join(', ')}]) }`, vars);
  }
  // Output coercion (serialize) of the built-in scalars and enums.
  for (const v of [1, 1.5, -0, 1e10, '12', ' 7 ', '', 'x', true, false, null, [1], { a: 1 }, 'RED', 'NOPE', 2147483648])
    c(`query Q($v: JSON) { int(i: $v) float(f: $v) string(s: $v) bool(b: $v) id(id: $v) color(c: $v) ints(li: $v) }`, { v });
  c('query Q($v: JSON) { ints(li: $v) }', { v: [1, null, 3] });
  c('query Q($v: JSON) { ints(li: $v) }', { v: 'abc' });
  // Objects, non-null propagation, lists, abstract types.
  c('{ typed(i: 1, s: "a", c: RED, li: [1, 2], point: {x: 1}) { i s c li point { x y } missing: f } }');
  c('{ nonNull(i: 1) { i } }');
  c('{ list(li: [1]) { i } }');
  c('{ shape(name: "x") { name } }');
  c('{ any(name: "x") { __typename } }');
  c('{ a: echo(ni: 1) b: echo(ni: 2) a: echo(ni: 1) __typename }');
  c('query A { a: __typename } query B { b: __typename }', {}, 'B');
  c('query A { a: __typename } query B { b: __typename }', {});
  c('query A { a: __typename } query B { b: __typename }', {}, 'C');
  c('mutation { __typename }');
  c('query Q($s: Boolean!, $i: Boolean!) { a: echo(ni: 1) @skip(if: $s) b: echo(ni: 2) @include(if: $i) c: echo(ni: 3) @skip(if: $s) @include(if: $i) }', { s: true, i: true });
  c('query Q($s: Boolean!, $i: Boolean!) { a: echo(ni: 1) @skip(if: $s) b: echo(ni: 2) @include(if: $i) c: echo(ni: 3) @skip(if: $s) @include(if: $i) }', { s: false, i: false });
  c('query Q($s: Boolean = false) { a: echo(ni: 1) @skip(if: $s) }', { s: null });
  c('{ typed(i: 1) { ...F ... on Echo { s } ... @skip(if: true) { f } } } fragment F on Echo { i li }');
  return out;
}

// Introspection of every schema, and assorted __type / __schema queries.
function introspectionCases(g) {
  const out = [];
  const schemas = [coercion, path.join(validationSchemas, 'kitchensink.graphql'), path.join(validationSchemas, 'forum-v4.graphql'),
    path.join(validationSchemas, 'large.graphql')];
  const full = g.getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
    inputValueDeprecation: true, oneOf: true });
  for (const s of schemas) {
    out.push({ schema: s, query: full, variables: null, operationName: null });
    out.push({ schema: s, query: g.getIntrospectionQuery(), variables: null, operationName: null });
  }
  const small = schemas.slice(0, 2);
  const queries = [
    ['{ __type(name: "Filter") { name kind description inputFields { name defaultValue type { ...T } } isOneOf } } fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { name } } } }'],
    ['{ __type(name: "Filter") { inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } } }'],
    ['{ a: __type(name: "Query") { n: name f: fields { name args { name defaultValue } } } b: __type(name: "Nope") { name } __typename }'],
    ['{ __type(name: "Color") { enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } }'],
    ['{ __type(name: "Shape") { possibleTypes { name } interfaces { name } fields { name } } u: __type(name: "Any") { possibleTypes { name } fields { name } } }'],
    ['{ __type(name: "Pet") { possibleTypes { name } interfaces { name } } e: __type(name: "Entity") { interfaces { name } possibleTypes { name } } }'],
    ['{ __type(name: "Float") { name description } i: __type(name: "Int") { name kind specifiedByURL } }'],
    ['{ __type(name: "__Schema") { name description fields { name description type { kind name ofType { name } } } } }'],
    ['{ __type(name: "__TypeKind") { enumValues { name description } } d: __type(name: "__DirectiveLocation") { enumValues { name } } }'],
    ['{ __schema { description queryType { name } mutationType { name } subscriptionType { name } directives { name locations isRepeatable args { name type { name kind } } } } }'],
    ['{ __schema { types { name kind } } }'],
    ['query Q($t: String!, $d: Boolean!) { __type(name: $t) { name fields(includeDeprecated: $d) { name isDeprecated } ... on __Type @include(if: $d) { kind } } }', { t: 'Dog', d: true }],
    ['query Q($t: String!, $d: Boolean!) { __type(name: $t) { name fields(includeDeprecated: $d) { name isDeprecated } ... on __Type @include(if: $d) { kind } } }', { t: 'Query', d: false }],
    ['query Q($t: String!) { __type(name: $t) { name } }', {}],
    ['query Q($t: String!) { __type(name: $t) { name } }', { t: 5 }],
    ['{ __type(name: "Date") { name specifiedByURL } j: __type(name: "DateTime") { specifiedByURL } }'],
    ['{ __typename ... on Query { __typename t: __typename } ...F } fragment F on Query { __schema { queryType { __typename name } } }'],
    ['{ __type(name: "Echo") { fields { name type { name kind ofType { kind } } __typename } __typename } }'],
    ['{ __type(name: "Query") { fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }'],
    ['{ __schema { directives(includeDeprecated: true) { name } } }'],
  ];
  for (const s of small) for (const [q, v] of queries) out.push({ schema: s, query: q, variables: v || null, operationName: null });
  return out;
}

module.exports = { cases, introspectionCases };
