#!/usr/bin/env node
// Hand-written type-system documents that exercise buildSchema + printSchema edge cases
// (corpus/sdl/manual-*.graphql). Every file here builds in graphql-js 16.
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, 'corpus', 'sdl');
function write(name, text) {
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'manual-' + name + '.graphql'), text);
}

write('schema-extension-only', `type Query { a: Int }
type M { b: Int }
extend schema { mutation: M }
`);
write('schema-description', `"""The schema"""
schema { query: Query }
type Query { a: Int }
`);
write('custom-root-names', `schema { query: Root subscription: Events }
type Root { a: Int }
type Events { e: String }
type Query { unused: Int }
`);
write('interfaces-implementing-interfaces', `interface Node { id: ID! }
interface Resource implements Node { id: ID! url: String }
interface Image implements Resource & Node { id: ID! url: String thumbnail: String }
type Photo implements Image & Resource & Node { id: ID! url: String thumbnail: String width: Int }
type Query { node(id: ID!): Node photos(first: Int = 10): [Photo!]! }
`);
write('deprecations', `type Query {
  a: Int @deprecated
  b: Int @deprecated(reason: "Use \`a\`.")
  c(old: Int @deprecated(reason: "gone"), new: Int): Int
  d: Int @deprecated(reason: "")
  e: Int @deprecated(reason: "No longer supported")
  f(input: In): E
}
input In { x: Int @deprecated y: String @deprecated(reason: "why\\nmultiline") }
enum E { A @deprecated B @deprecated(reason: "b") C }
`);
write('arguments-with-descriptions', `directive @auth(
  "Roles allowed"
  roles: [String!]! = ["admin"]
  """
  A multi-line
  description
  """
  mode: Mode = STRICT
) repeatable on FIELD_DEFINITION | OBJECT

enum Mode { STRICT LAX }

type Query {
  search(
    "The text"
    text: String!
    limit: Int = 20
    """Block"""
    offset: Int = 0
  ): [String] @auth(roles: ["user"])
}
`);
write('default-values', `enum Color { RED GREEN BLUE }
input Point { x: Float! = 0 y: Float! = 0 label: String color: Color = RED tags: [String!] = [] }
input Box { min: Point = {x: 1} max: Point! corners: [Point] = [{x: 1, y: 2}, {y: 3}] }
input Holder { box: Box inner: [[Int]] = 5 id: ID = 7 idString: ID = "42" }
type Query {
  a(p: Point = {x: 1.5, y: -2, color: BLUE, tags: "one"}): Int
  b(box: Box = {max: {x: 3}, min: null}): Int
  c(f: Float = 1e2, g: Float = 0.1, h: Float = 123456789012345678901234567890, i: Float = 1.0E-7): Int
  d(i: Int = -0, j: Int = 2147483647, k: Int = -2147483648, l: [Int] = [1, null, 3]): Int
  e(s: String = "tab\\there \\u00e9 \\u{1F600}", t: String = """block
  string""", u: [String] = "single"): Int
  f(h: Holder = {box: {max: {}}, inner: [[1], [2, 3]]}): Int
  g(colors: [Color!]! = [RED, GREEN]): Int
  h(invalid: Int = "string", invalid2: Color = PURPLE, invalid3: Point = {z: 1}): Int
  i(id: ID = 123, id2: ID = "abc", id3: [ID] = [1, "2"]): Int
  j(b: Boolean = true, n: Boolean = null): Int
}
`);
write('one-of', `input Pick @oneOf { id: ID name: String }
type Query { find(by: Pick = {id: 1}): String find2(by: Pick): String }
`);
write('specified-by-and-scalars', `scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time")
scalar Json
"""Description on a custom scalar"""
scalar Email @specifiedBy(url: "https://example.com/email?a=\\"b\\"")
extend scalar Json @specifiedBy(url: "https://ignored.example")
type Query { at: DateTime data(j: Json = {a: 1}): Json mail: Email }
`.replace('data(j: Json = {a: 1}): Json', 'data(j: Json = "x"): Json'));
write('extensions-everywhere', `type Query { a: Int }
extend type Query { b: String }
extend type Query implements Node { id: ID! }
interface Node { id: ID! }
union U = Query
extend union U = Other
type Other { x: Int }
enum E { A }
extend enum E { B C }
input I { a: Int }
extend input I { b: String = "x" }
interface Named { name: String }
extend interface Named { nick: String }
extend type Other implements Named { name: String nick: String }
`);
write('descriptions-everywhere', `"""
Type description with
several lines and "quotes" and \\\\backslashes\\\\ and trailing spaces   
"""
type Query {
  "Field description that is quite long: ${'x'.repeat(80)}"
  a(
    "Arg description ending with a quote\\""
    x: Int
  ): Int
  "  indented description"
  b: Int
  "unicode ✓ é 中文 😀"
  c: Int
  "control \\u0007 and tab\\t here"
  d: Int
  "carriage\\rreturn"
  e: Int
  ""
  f: Int
}
`);
write('natural-sort', `type Query { field10: Int field2: Int Field1: Int field1: Int _x: Int a: Int A: Int b10a: Int b2a: Int b02: Int }
type Type10 { a: Int }
type Type2 { a: Int }
type type1 { a: Int }
enum Enum { V10 V2 v1 V1 _v }
directive @z on FIELD
directive @a on QUERY | FIELD | MUTATION
directive @B repeatable on SCHEMA
`);
write('builtin-redefinition', `scalar String
"""My own Int"""
scalar Int
type Query { a: String b: Int }
`);
write('unicode-bom-crlf', '\ufeff"""Description\r\nwith CRLF lines\r\n"""\r\ntype Query {\r\n  "é"\r\n  a: Int\r\n}\r\n');
write('empty-types', `type Query { a: Int }
type Empty
interface EmptyInterface
enum EmptyEnum
input EmptyInput
union EmptyUnion
`);
write('long-union-and-implements', `interface ${Array.from({ length: 1 }, () => 'I1').join('')} { id: ID }
interface I2 { id: ID }
interface I3 { id: ID }
type A implements I1 & I2 & I3 { id: ID }
type B implements I1 { id: ID }
type C implements I1 & I2 { id: ID }
union All = A | B | C
type Query { all: [All] i: I1 }
`);
write('own-specified-directives', `"My own deprecated"
directive @deprecated(reason: String = "mine") on FIELD_DEFINITION | ENUM_VALUE
directive @skip(if: Boolean!, why: String) on FIELD
type Query { a: Int @deprecated b: Int @deprecated(reason: "x") }
`);
// The builder's shortcuts: Int and enum defaults printed without the value round trip (-0, limits,
// out of range, single value for a list type, empty and nested lists, unknown names), and member lists
// long enough for its hashed duplicate check, with extensions adding to them.
write('builder-default-shortcuts', `enum Color { RED GREEN BLUE }
input Inner { x: Int = 1 y: Color = BLUE z: [Color!] = [GREEN] }
input Opts {
  a: Int = -0
  b: Int = 2147483647
  c: Int = -2147483648
  d: Int! = 7
  e: Color = RED
  f: [Color] = GREEN
  g: [Color!]! = [RED, BLUE]
  h: [Color] = []
  i: [[Color]] = [[RED], BLUE]
  j: Int = 0
  k: [Int] = 3
  l: Int = 2147483648
  m: Int = -2147483649
  n: Color = PURPLE
  o: [Color] = [RED, PURPLE]
  p: Float = 10
  nested: Inner = {x: 5}
}
type Query {
  f(a: Int = -0, b: Int! = 42, c: [Color!] = [BLUE, RED], d: Color = GREEN, e: [Color] = BLUE, o: Opts = {}, p: Inner = {x: 2}, q: Int = 12345678901): Int
  ${Array.from({ length: 40 }, (_, i) => 'f' + i + '(n: Int = ' + (i - 20) + '): Color').join('\n  ')}
}
enum Many { ${Array.from({ length: 40 }, (_, i) => 'V' + i).join(' ')} }
extend enum Many { W1 W2 }
extend type Query { g1: Many g2(m: [Many!] = [V39, W2]): Int }
extend input Opts { q: Many = V0 }
`);
console.log('wrote manual SDL corpus');
