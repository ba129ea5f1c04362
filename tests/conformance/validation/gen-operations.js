#!/usr/bin/env node
// Generates operations/<schema>.graphql for the generated and exported schemas: random operations walked
// from the schema (aliases, arguments as literals and variables, named and inline fragments, directives),
// about one in five valid and the others with one defect each (typo in a field, missing or unknown
// argument, wrong literal, undefined/unused/mistyped variable, alias conflict, missing or extra
// selection, unknown fragment or directive, impossible spread, duplicate operation, …). Deterministic:
//   node gen-operations.js forum-v4 150 > operations/forum-v4.graphql
//   node gen-operations.js large 150 > operations/large.graphql
//   node gen-operations.js large bench > /tmp/bench.graphql   (one ~2,000-line valid operation)
'use strict';
const fs = require('fs');
const path = require('path');
const g = require(path.join(__dirname, '../graphql-js/node_modules/graphql'));

const name = process.argv[2];
const count = process.argv[3] || '100';
const schema = g.buildSchema(fs.readFileSync(path.join(__dirname, 'schemas', name + '.graphql'), 'utf8'));
let seed = 7;
for (const c of name) seed = (seed * 31 + c.charCodeAt(0)) % 2147483647;
function rand() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const chance = (p) => rand() < p;

const DEFECTS = ['typoField', 'missingArg', 'badLiteral', 'unknownArg', 'undefinedVar', 'unusedVar', 'badVarType',
  'aliasConflict', 'missingSelection', 'leafSelection', 'unknownFragment', 'unknownDirective', 'misplacedDirective',
  'wrongFragmentType', 'dupOperation', 'unusedFragment', 'nullToNonNull', 'unknownVarType', 'typoArgEnum',
  'fragmentCycle', 'anonymousAndNamed', 'duplicateArg', 'duplicateInputField', 'argConflict'];

class Gen {
  constructor(defect, maxDepth, width) {
    this.defect = defect;
    this.done = !defect;
    this.vars = [];
    this.fragments = [];
    this.maxDepth = maxDepth;
    this.width = width;
    this.varCount = 0;
    this.fragCount = 0;
  }
  fire(kind, p = 0.2) {
    if (!this.done && this.defect === kind && chance(p)) {
      this.done = true;
      return true;
    }
    return false;
  }
  literal(type, depth = 0) {
    if (g.isNonNullType(type)) return this.literal(type.ofType, depth);
    if (g.isListType(type)) return chance(0.5) ? `[${this.literal(type.ofType, depth)}, ${this.literal(type.ofType, depth)}]` : this.literal(type.ofType, depth);
    if (g.isEnumType(type)) {
      if (this.fire('typoArgEnum', 0.5)) return pick(type.getValues()).name.toLowerCase() + 'x';
      return pick(type.getValues()).name;
    }
    if (g.isInputObjectType(type)) {
      const parts = [];
      const fields = Object.values(type.getFields());
      for (const f of fields) {
        if ((g.isNonNullType(f.type) && f.defaultValue === undefined) || (depth < 2 && chance(0.3)))
          parts.push(`${f.name}: ${this.literal(f.type, depth + 1)}`);
      }
      if (parts.length && this.fire('duplicateInputField', 0.5)) parts.push(parts[0]);
      return `{${parts.join(', ')}}`;
    }
    switch (type.name) {
      case 'Int': return String(Math.floor(rand() * 100));
      case 'Float': return pick(['1.5', '2', '-0.25', '3e2']);
      case 'Boolean': return pick(['true', 'false']);
      case 'ID': return pick(['"id-1"', '42']);
      default: return pick(['"text"', '"2024-01-01T00:00:00Z"', '"x\\ny"']);
    }
  }
  badLiteral(type) {
    const named = g.getNamedType(type);
    if (g.isEnumType(named)) return '"' + named.getValues()[0].name + '"';
    if (g.isInputObjectType(named)) return pick(['1', '"object"', '{unknownField: 1}']);
    switch (named.name) {
      case 'Int': return pick(['"1"', '1.5', '2147483648', 'true']);
      case 'Float': return pick(['"1.5"', 'false', 'ONE']);
      case 'Boolean': return pick(['1', '"true"', 'TRUE']);
      case 'String': return pick(['1', 'true', 'ENUM_VALUE', '[1]']);
      case 'ID': return pick(['1.5', 'true', 'ENUM']);
      default: return 'null';
    }
  }
  variable(type) {
    const vname = 'v' + this.varCount++;
    let typeStr = String(type);
    if (this.fire('badVarType', 0.5)) {
      const named = g.getNamedType(type);
      typeStr = named.name === 'String' ? 'Int' : 'String';
    } else if (this.fire('unknownVarType', 0.5)) {
      typeStr = typeStr.replace(/[A-Za-z]+/, (m) => m.slice(0, -1));
    } else if (g.isNonNullType(type) && chance(0.3)) {
      typeStr = String(type.ofType) + ` = ${this.literal(type.ofType)}`;
    }
    this.vars.push(`$${vname}: ${typeStr}`);
    return '$' + vname;
  }
  args(field) {
    const parts = [];
    for (const a of field.args) {
      const required = g.isNonNullType(a.type) && a.defaultValue === undefined;
      if (required && this.fire('missingArg', 0.5)) continue;
      if (!required && !chance(0.3)) continue;
      let value;
      if (this.fire('badLiteral', 0.4)) value = this.badLiteral(a.type);
      else if (required && this.fire('nullToNonNull', 0.5)) value = 'null';
      else if (this.fire('undefinedVar', 0.3)) value = '$undefinedVariable';
      else if (chance(0.3)) value = this.variable(a.type);
      else value = this.literal(a.type);
      parts.push(`${a.name}: ${value}`);
    }
    if (this.fire('unknownArg', 0.2)) parts.push(`${field.args.length ? field.args[0].name + 'x' : 'unknownArg'}: 1`);
    if (parts.length && this.fire('duplicateArg', 0.3)) parts.push(parts[0]);
    return parts.length ? `(${parts.join(', ')})` : '';
  }
  selection(type, depth, indent) {
    const pad = '  '.repeat(indent);
    const lines = [];
    if (g.isUnionType(type)) {
      lines.push(pad + '__typename');
      for (const t of schema.getPossibleTypes(type).slice(0, 2)) lines.push(pad + `... on ${t.name} {\n${this.selection(t, depth + 1, indent + 1)}\n${pad}}`);
      return lines.join('\n');
    }
    const fields = Object.values(type.getFields());
    const n = Math.min(fields.length, 1 + Math.floor(rand() * this.width));
    const chosen = [];
    for (let i = 0; i < n; i++) chosen.push(pick(fields));
    for (const f of chosen) {
      const named = g.getNamedType(f.type);
      let fname = f.name;
      if (this.fire('typoField', 0.15)) fname = fname.length > 3 ? fname.slice(0, 2) + fname.slice(3) : fname + 's';
      let alias = chance(0.15) ? `a${Math.floor(rand() * 1000)}: ` : '';
      const args = this.args(f);
      let dirs = '';
      if (this.fire('unknownDirective', 0.1)) dirs = ' @unknownDirective';
      else if (this.fire('misplacedDirective', 0.1)) dirs = ' @deprecated';
      else if (chance(0.05)) dirs = ` @include(if: ${pick(['true', 'false'])})`;
      let sub = '';
      if (g.isCompositeType(named)) {
        if (!this.fire('missingSelection', 0.3)) {
          if (depth >= this.maxDepth) sub = ` {\n${pad}  __typename\n${pad}}`;
          else if (chance(0.15)) sub = ` {\n${pad}  ...${this.fragment(named, depth + 1)}\n${pad}}`;
          else sub = ` {\n${this.selection(named, depth + 1, indent + 1)}\n${pad}}`;
        }
      } else if (this.fire('leafSelection', 0.2)) {
        sub = ' { value }';
      }
      lines.push(`${pad}${alias}${fname}${args}${dirs}${sub}`);
      if (this.fire('aliasConflict', 0.2)) {
        const other = fields.find((x) => x.name !== f.name && g.isLeafType(g.getNamedType(x.type)) && !x.args.some((a) => g.isNonNullType(a.type)));
        if (other) lines.push(`${pad}${alias ? alias : f.name + ': '}${other.name}`);
      }
      if (this.fire('argConflict', 0.3) && f.args.length && g.isLeafType(named)) {
        const a = f.args.find((x) => g.isLeafType(g.getNamedType(x.type)));
        if (a) {
          lines.push(`${pad}${alias}${f.name}(${a.name}: ${this.literal(a.type)})`);
          lines.push(`${pad}${alias}${f.name}(${a.name}: ${this.literal(a.type)})`);
        }
      }
    }
    if (g.isInterfaceType(type) && chance(0.4)) {
      const impl = schema.getPossibleTypes(type);
      if (impl.length) {
        const t = pick(impl);
        lines.push(`${pad}... on ${t.name} {\n${this.selection(t, depth + 1, indent + 1)}\n${pad}}`);
      }
    }
    if (this.fire('wrongFragmentType', 0.2)) {
      const others = Object.values(schema.getTypeMap()).filter((t) => g.isObjectType(t) && !t.name.startsWith('__') && !g.doTypesOverlap(schema, t, type));
      if (others.length) lines.push(`${pad}... on ${pick(others).name} {\n${pad}  __typename\n${pad}}`);
    }
    if (this.fire('unknownFragment', 0.1)) lines.push(`${pad}...MissingFragment`);
    return lines.join('\n');
  }
  fragment(type, depth) {
    const fname = 'Frag' + this.fragCount++;
    const index = this.fragments.length;
    this.fragments.push(null);
    let body = this.selection(type, depth, 1);
    if (this.fire('fragmentCycle', 0.5)) body += `\n  ...${fname}`;
    this.fragments[index] = `fragment ${fname} on ${type.name} {\n${body}\n}`;
    return fname;
  }
  operation(kind, opName) {
    const root = kind === 'mutation' ? schema.getMutationType() : schema.getQueryType();
    const body = this.selection(root, 1, 1);
    if (this.fire('unusedVar', 1)) this.vars.push('$unusedVariable: Int');
    if (this.fire('unusedFragment', 1)) this.fragments.push(`fragment UnusedFragment on ${root.name} {\n  __typename\n}`);
    const vars = this.vars.length ? `(${this.vars.join(', ')})` : '';
    let doc = `${kind} ${opName}${vars} {\n${body}\n}`;
    if (this.fire('dupOperation', 1)) doc += `\n\n${kind} ${opName} {\n  __typename\n}`;
    if (this.fire('anonymousAndNamed', 1)) doc += '\n\n{\n  __typename\n}';
    return [doc, ...this.fragments].join('\n\n');
  }
}

if (count === 'bench') {
  // One valid ~2,000-line operation: many root fields, deep selections, fragments.
  let text = '';
  let i = 0;
  while (text.split('\n').length < 2000) {
    const gen = new Gen(null, 4, 5);
    gen.varCount = i * 100;
    gen.fragCount = i * 100;
    const part = gen.operation('query', 'Bench' + i++);
    text += (text ? '\n\n' : '') + part;
  }
  process.stdout.write(text + '\n');
} else {
  const cases = [];
  for (let i = 0; i < Number(count); i++) {
    const defect = i % 5 === 0 ? null : DEFECTS[i % DEFECTS.length];
    const kind = schema.getMutationType() && i % 7 === 3 ? 'mutation' : 'query';
    const gen = new Gen(defect, 2 + (i % 3), 4);
    cases.push(`# case ${i + 1}: ${defect || 'valid'}\n` + gen.operation(kind, 'Op' + (i + 1)));
  }
  process.stdout.write(`# Generated by gen-operations.js for schemas/${name}.graphql; cases separated by "#---".\n` + cases.join('\n#---\n') + '\n');
}
