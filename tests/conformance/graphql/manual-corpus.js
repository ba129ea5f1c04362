#!/usr/bin/env node
// Writes the hand-written part of the corpus (corpus/*/manual-*.graphql). Kept as a script so that
// files with unusual bytes (BOM, CR, control characters) are easy to review.
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, 'corpus');
function write(dir, name, text) {
  fs.mkdirSync(path.join(root, dir), { recursive: true });
  fs.writeFileSync(path.join(root, dir, 'manual-' + name + '.graphql'), text);
}

write('exec', 'kitchen-sink', `# Copyright-free variant of graphql-js's kitchen sink query
query queryName($foo: ComplexType, $site: Site = MOBILE) @onQuery {
  whoever123is: node(id: [123, 456]) {
    id ,
    ... on User @onInlineFragment {
      field2 {
        id ,
        alias: field1(first:10, after:$foo,) @include(if: $foo) {
          id,
          ...frag @onFragmentSpread
        }
      }
    }
    ... @skip(unless: $foo) {
      id
    }
    ... {
      id
    }
  }
}

mutation likeStory @onMutation {
  like(story: 123) @onField {
    story {
      id @onField
    }
  }
}

subscription StoryLikeSubscription($input: StoryLikeSubscribeInput @onVariableDefinition)
  @onSubscription {
  storyLikeSubscribe(input: $input) {
    story {
      likers {
        count
      }
      likeSentence {
        text
      }
    }
  }
}

fragment frag on Friend @onFragmentDefinition {
  foo(size: $size, bar: $b, obj: {key: "value", block: """
      block string uses \\"""
  """})
}

{
  unnamed(truthy: true, falsy: false, nullish: null),
  query
}

query { __typename }
`);

write('sdl', 'kitchen-sink', `"""This is a description of the schema as a whole."""
schema {
  query: QueryType
  mutation: MutationType
}

"""
This is a description
of the \`Foo\` type.
"""
type Foo implements Bar & Baz & Two {
  "Description of the \`one\` field."
  one: Type
  """This is a description of the \`two\` field."""
  two(
    """This is a description of the \`argument\` argument."""
    argument: InputType!
  ): Type
  """This is a description of the \`three\` field."""
  three(argument: InputType, other: String): Int
  four(argument: String = "string"): String
  five(argument: [String] = ["string", "string"]): String
  six(argument: InputType = {key: "value"}): Type
  seven(argument: Int = null): Type
  eight(argument: OneOfInputType): Type
}

type AnnotatedObject {
  annotatedField(arg: String = "default"): Type
}

interface Bar {
  one: Type
  four(argument: String = "string"): String
}

interface Baz implements Two {
  two(argument: InputType!): Type
}

interface Two {
  two(argument: InputType!): Type
}

union Feed =
  | Story
  | Article
  | Advert

union AnnotatedUnion = A | B

union AnnotatedUnionTwo = | A | B

union UndefinedUnion

enum Site {
  """This is a description of the \`DESKTOP\` value"""
  DESKTOP

  """This is a description of the \`MOBILE\` value"""
  MOBILE

  "This is a description of the \`WEB\` value"
  WEB
}

enum AnnotatedEnum {
  ANNOTATED_VALUE
  OTHER_VALUE
}

enum UndefinedEnum

"""This is a description of the \`InputType\` input"""
input InputType {
  key: String!
  answer: Int = 42
}

input OneOfInputType @oneOf {
  string: String
  int: Int
}

input AnnotatedInput {
  annotatedField: Type
}

input UndefinedInput

extend type Foo {
  nine(argument: [String]): Type
}

type Story { id: ID }
type Article { id: ID }
type Advert { id: ID }
type A { a: Int }
type B { b: Int }
type Type { t: Int }
type QueryType { foo: Foo feed: Feed }
type MutationType { like: Boolean }

scalar CustomScalar

scalar AnnotatedScalar @specifiedBy(url: "https://example.com/scalar")

"""This is a description of the \`@myDirective\` directive."""
directive @myDirective(arg: String = "x") on FIELD_DEFINITION | ARGUMENT_DEFINITION

directive @myRepeatableDir(name: String!) repeatable on
  | OBJECT
  | INTERFACE

extend interface Bar {
  five(argument: String): String
}

extend union Feed = Photo

type Photo { url: String }

extend enum Site {
  VR
}

extend input InputType {
  other: Float = 1.23e4
}
`);

write('exec', 'kitchen-sink-sdl-print', `schema @onSchema { query: Q }
extend schema @onSchema
extend schema @onSchema { subscription: S }
"scalar desc" scalar CustomScalar @onScalar
extend scalar CustomScalar @onScalar
type Foo implements Bar & Baz @onObject { one: Type @onFieldDefinition two(argument: InputType! @onArgumentDefinition): Type }
extend type Foo implements Two
extend type Foo @onObject
interface Bar implements Two @onInterface { one: Type }
extend interface Bar @onInterface
union Feed @onUnion = Story | Article
extend union Feed @onUnion
enum Site @onEnum { DESKTOP @onEnumValue MOBILE }
extend enum Site @onEnum
input InputType @onInputObject { key: String! @onInputFieldDefinition answer: Int = 42 }
extend input InputType @onInputObject
directive @dir(a: Int = 1 @onArgumentDefinition) repeatable on QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | DIRECTIVE_DEFINITION
`);

// Strings, escapes and unicode.
write('exec', 'string-escapes', `{ f(a: "\\" \\\\ \\/ \\b \\f \\n \\r \\t", b: "\\u0041\\u00e9\\u2028\\uD83D\\uDE00", c: "\\u{1F600}\\u{41}\\u{0000041}", d: "\\u0000\\u001F\\u007F\\u0080\\u009F\\u00A0") }`);
write('exec', 'unicode-literal', '{ f(a: "é ü ß 中文 😀 \u2028 \u2029 \ufeff") alias_é: x }'.replace('alias_é: ', ''));
write('exec', 'unicode-in-comment', '# comment with é 😀 \u2028\n{ a } # trailing 中文\n');
write('exec', 'bom', '\ufeff{ a }');
write('exec', 'crlf', 'query Q {\r\n  a\r\n  b(x: """\r\n    line1\r\n      line2\r\n  """)\r\n}\r\n');
write('exec', 'cr-only', 'query Q {\r  a\r  b(x: """\r    line1\r    line2\r  """)\r}\r');
write('exec', 'block-strings', `{
  a(x: """""")
  b(x: """   """)
  c(x: """
  """)
  d(x: """
      indented
        more
      back
  """)
  e(x: """first line
    second
    third""")
  f(x: """  leading ws on first""")
  g(x: """contains \\""" escaped triple""")
  h(x: """ends with quote" """)
  i(x: """ends with backslash\\""")
  j(x: """
    
    blank lines around
    
  """)
  k(x: """tabs\tinside	and	at end	""")
  l(x: """${'long '.repeat(20)}""")
  m(x: """\\n is not an escape \\u0041""")
  n(x: """ends with triple \\"""""")
}`);
write('exec', 'commas-and-whitespace', ',,,{,,a,,b,,(,x,:,1,,y,:,[,1,,2,],),,},,,\t\t');
write('exec', 'numbers', '{ f(a: 0, b: -0, c: 123, d: -123, e: 1.0, f: -1.5, g: 1e10, h: 1E-10, i: 1.5e+3, j: 0.0, k: 9007199254740993, l: 1.7976931348623157e309) }');
write('exec', 'names-keywords', 'query query($query: query = query) @query { query: query(query: query) { fragment type schema on_ on2 ... on on { on } } } fragment fragment_ on fragment { a }');
write('exec', 'variables-defaults-directives', 'query Q($a: Int = 1 @dir, $b: [String!]! = ["x"] @d1 @d2(x: 1), $c: In = {a: [1, {b: null}]}) { a(a: $a, b: $b, c: {x: $c, y: [$a]}) }');
write('exec', 'descriptions-on-executable', '"""Operation description"""\nquery Q("var desc" $a: Int, """\n  block var desc\n""" $b: String) { a }\n\n"fragment description"\nfragment F on T { a }\n');
write('exec', 'multiline-vardefs', 'query Q(\n  "desc" $a: Int\n  $b: Int\n) { a }');
write('exec', 'empty-args-like', '{ a @skip(if: true) @include(if: false) b: c @x }');
write('exec', 'only-comments-and-query', '# just a comment\n\n# another\nquery { a } # end');
write('exec', 'anonymous-with-directive', 'query @dir { a }\nquery ($a: Int) { a }\nmutation { a }\nsubscription { a }');
write('exec', 'long-selection-and-args', '{ someVeryLongFieldName(argumentNumberOne: "a rather long string value", argumentNumberTwo: 12345678) { x } }');
write('exec', 'alias-long-args', '{ aVeryLongAliasNameHere: someVeryLongFieldName(argumentOne: "value one", argumentTwo: "value two") }');

// Syntax errors, one per message graphql-js can give (plus positions on later lines).
const errors = {
  'empty': '',
  'only-whitespace': '  \n\t ',
  'only-comment': '# nothing here',
  'unexpected-brace': '}',
  'expected-name-eof': '{',
  'expected-name-found-brace': '{ }',
  'unexpected-name': 'notAKeyword { a }',
  'unexpected-int': '123',
  'unexpected-string': '"just a description"',
  'description-on-shorthand': '"desc" { a }',
  'description-on-extension': '"desc" extend type A { a: Int }',
  'description-on-unknown': '"desc" foo',
  'single-quote': "{ a(x: 'single') }",
  'unexpected-character-percent': '{ a % }',
  'unexpected-character-unicode': '{ a é }',
  'unexpected-character-emoji': '{ 😀 }',
  'unexpected-character-nul': '{ a \u0000 }',
  'unexpected-character-bell': '{ a \u0007 }',
  'unexpected-dot': '{ a . b }',
  'unexpected-two-dots': '{ .. }',
  'unexpected-question': 'query? { a }',
  'zero-digit': '{ a(x: 01) }',
  'minus-alone': '{ a(x: -) }',
  'minus-name': '{ a(x: -a) }',
  'float-no-fraction': '{ a(x: 1.) }',
  'float-dot-name': '{ a(x: 1.a) }',
  'float-no-exponent': '{ a(x: 1e) }',
  'float-exponent-sign-only': '{ a(x: 1e+) }',
  'float-double-dot': '{ a(x: 1.2.3) }',
  'int-followed-by-name': '{ a(x: 123abc) }',
  'float-leading-dot': '{ a(x: .5) }',
  'number-eof': '{ a(x: 1.',
  'unterminated-string': '{ a(x: "abc) }',
  'unterminated-string-newline': '{ a(x: "abc\n") }',
  'unterminated-string-eof': '{ a(x: "abc',
  'unterminated-block-string': '{ a(x: """abc) }',
  'bad-escape': '{ a(x: "\\x") }',
  'bad-escape-eof': '{ a(x: "\\',
  'bad-unicode-short': '{ a(x: "\\u12") }',
  'bad-unicode-letters': '{ a(x: "\\uXYZW") }',
  'bad-unicode-braces-empty': '{ a(x: "\\u{}") }',
  'bad-unicode-braces-toolarge': '{ a(x: "\\u{110000}") }',
  'bad-unicode-braces-long': '{ a(x: "\\u{000000000041}") }',
  'bad-unicode-braces-unclosed': '{ a(x: "\\u{41") }',
  'bad-unicode-braces-surrogate': '{ a(x: "\\u{D800}") }',
  'bad-unicode-lone-lead-surrogate': '{ a(x: "\\uD800") }',
  'bad-unicode-lone-trail-surrogate': '{ a(x: "\\uDC00") }',
  'bad-unicode-lead-then-bmp': '{ a(x: "\\uD800\\u0041") }',
  'variable-in-const-default': 'query Q($a: Int = $b) { a }',
  'variable-in-const-directive': 'query Q($a: Int @dir(x: $b)) { a }',
  'variable-in-sdl-default': 'type T { f(a: Int = $x): Int }',
  'dollar-in-const': 'query Q($a: Int = $) { a }',
  'dollar-alone': '{ a(x: $) }',
  'enum-true': 'enum E { true }',
  'enum-false': 'enum E { A false }',
  'enum-null': 'enum E { null }',
  'bad-directive-location': 'directive @d on FIELD | NOT_A_LOCATION',
  'directive-missing-on': 'directive @d(a: Int) FIELD',
  'directive-missing-at': 'directive d on FIELD',
  'fragment-named-on': 'fragment on on T { a }',
  'fragment-missing-on': 'fragment F T { a }',
  'fragment-spread-on': '{ ...on }',
  'inline-fragment-no-selection': '{ ... on T }',
  'extend-nothing': 'extend type A',
  'extend-schema-nothing': 'extend schema',
  'extend-scalar-nothing': 'extend scalar S',
  'extend-union-nothing': 'extend union U',
  'extend-enum-nothing': 'extend enum E',
  'extend-input-nothing': 'extend input I',
  'extend-interface-nothing': 'extend interface I',
  'extend-unknown': 'extend foo A',
  'extend-directive': 'extend directive @a @b',
  'directive-on-directive-def': 'directive @a @b on FIELD',
  'schema-empty-braces': 'schema {}',
  'schema-bad-operation': 'schema { foo: Bar }',
  'empty-selection-set-nested': '{ a { } }',
  'empty-args': '{ a() }',
  'empty-fields': 'type T {}',
  'empty-enum': 'enum E {}',
  'empty-var-defs': 'query Q() { a }',
  'missing-colon-arg': '{ a(x 1) }',
  'missing-value-arg': '{ a(x: ) }',
  'missing-type-vardef': 'query Q($a) { a }',
  'unclosed-list-type': 'query Q($a: [Int) { a }',
  'unclosed-list-value': '{ a(x: [1, 2) }',
  'unclosed-object-value': '{ a(x: {a: 1) }',
  'object-value-missing-colon': '{ a(x: {a 1}) }',
  'double-bang': 'type T { f: Int!! }',
  'implements-trailing-amp': 'type T implements A & { f: Int }',
  'union-trailing-pipe': 'union U = A |',
  'field-def-missing-type': 'type T { f: }',
  'field-def-missing-colon': 'type T { f Int }',
  'input-missing-type': 'input I { a }',
  'second-line-error': 'query Q {\n  a\n  b(c: %)\n}',
  'error-after-crlf': '{\r\n  a\r\n  %\r\n}',
  'error-after-cr': '{\r  a\r  %\r}',
  'error-after-block-string': '{ a(x: """\n  line\n  line\n""") % }',
  'error-after-unicode': '{ a(x: "😀😀") % }',
  'error-column-after-tab': '{\n\t\ta %\n}',
  'error-after-bom': '\ufeff{ % }',
  'unexpected-eof-in-directive': '{ a @',
  'unexpected-eof-in-vardefs': 'query Q($a: Int',
  'unexpected-bang-value': '{ a(x: !) }',
  'unexpected-pipe': '| { a }',
  'unexpected-amp': '{ a & }',
  'unexpected-spread-in-value': '{ a(x: ...) }',
  'unexpected-at-top': '@dir { a }',
  'block-description-shorthand': '"""desc""" { a }',
  'query-keyword-only': 'query',
  'mutation-keyword-eof': 'mutation M',
  'subscription-paren': 'subscription (',
  'operation-name-string': 'query "name" { a }',
  'type-in-selection': '{ a: }',
  'alias-double': '{ a: b: c }',
  'nested-unterminated': '{ a { b { c }',
  'directive-repeatable-typo': 'directive @d repeatabel on FIELD',
  'schema-missing-brace': 'schema query: Q',
  'variable-missing-name': 'query Q($: Int) { a }',
  'keyword-as-value-ok-then-error': '{ a(x: true, y: null, z: on) ) }',
};
for (const [name, text] of Object.entries(errors)) write('errors', name, text);
console.log(`wrote manual corpus (${Object.keys(errors).length} error cases)`);
