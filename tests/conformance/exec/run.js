#!/usr/bin/env node
// Query conformance of Refract's execution core against PostGraphile v4 (label `conformance`).
//   node run.js REFRACT_CLI SOURCE_DIR [FILTER]
// Needs the PG* environment of a throwaway cluster (scripts/pg-cluster). For each database of
// corpus/<db>/ it creates and loads a database, serves it with PostGraphile v4 (library mode, so
// that pgSettings can be given per request), and runs every corpus query through PostGraphile over
// HTTP and through `refract-cli query`; the two responses are compared exactly after JSON parsing
// (key order, cursors and nodeIds included). Prints "N passed, N failed"; exits 1 on any difference.
//
// A corpus file is a GraphQL document; leading `# key: value` lines set `variables`, `settings`
// (PostGraphile's pgSettings shape), `operation` and `options` (PostGraphile options, also given
// to Refract as --options). Identity cases: `jwt` (claims the runner signs with jsonwebtoken and
// sends as `Authorization: Bearer`, and to Refract as --jwt/--jwt-secret; `jwtSignedWith` signs
// with another secret) and `defaultRole` (PostGraphile's pgDefaultRole, Refract's --default-role).
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');

const [cli, src, filter] = process.argv.slice(2);
if (!cli || !src) {
  console.error('usage: run.js REFRACT_CLI SOURCE_DIR [FILTER]');
  process.exit(2);
}
const { postgraphile } = require(path.join(src, 'tests/conformance/postgraphile/node_modules/postgraphile'));
const here = __dirname;
const user = process.env.PGUSER || 'postgres';
if (!process.env.PGHOST || !process.env.PGPORT) {
  console.error('PG* environment of a throwaway cluster required');
  process.exit(2);
}

// name → fixtures and exposed schemas
const databases = {
  forum: { files: ['tests/fixtures/forum_example.sql'], schemas: ['forum_example'] },
  // the forum's policies keyed on jwt.claims.username: identities through verified JWTs
  forum_jwt: { files: ['tests/fixtures/forum_example.sql', 'tests/fixtures/forum_rls_jwt_claims.sql'], schemas: ['forum_example'] },
  demo: { files: ['resources/demo/forum_demo.sql'], schemas: ['forum_example'] },
  ks: { files: ['tests/fixtures/kitchen_sink.sql', 'tests/fixtures/kitchen_sink_data.sql'], schemas: ['ks_a', 'ks_b', 'ks_c'] },
};

function tolerateRoles(sql) {
  return sql.replace(/^(create role [^;]*;)$/gim, 'do $do$ begin $1 exception when duplicate_object then null; end $do$;');
}

function load(name) {
  const db = `refract_exec_conf_${name}_${process.pid}`;
  execFileSync('createdb', [db]);
  let sql = databases[name].files.map(f => fs.readFileSync(path.join(src, f), 'utf8')).join('\n');
  sql = tolerateRoles(sql.replace(/<<<lambda_runner_password>>>/g, 'conformance'));
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', db], { input: sql, stdio: ['pipe', 'ignore', 'pipe'] });
  return db;
}

function readSequences(db) {
  // The sequence relations themselves: pg_sequences.last_value may lag behind what was handed out.
  const names = execFileSync('psql', ['-At', '-d', db, '-c',
    "select quote_ident(schemaname) || '.' || quote_ident(sequencename) from pg_sequences"], { encoding: 'utf8' })
    .split('\n').filter(Boolean);
  return names.map(n => {
    const [value, called] = execFileSync('psql', ['-At', '-d', db, '-c', `select last_value, is_called from ${n}`], { encoding: 'utf8' }).trim().split('|');
    return `select setval('${n}', ${value}, ${called === 't'});`;
  }).join('\n');
}

function restoreSequences(db, sql) {
  if (sql) execFileSync('psql', ['-q', '-d', db], { input: sql, stdio: ['pipe', 'ignore', 'pipe'] });
}

function parseCase(file) {
  const text = fs.readFileSync(file, 'utf8');
  const meta = {};
  for (const line of text.split('\n')) {
    const m = /^#\s*(variables|settings|operation|options|jwt|jwtSignedWith|defaultRole):\s*(.*)$/.exec(line);
    if (m) meta[m[1]] = m[1] === 'operation' || m[1] === 'defaultRole' ? m[2].trim() : JSON.parse(m[2]);
    else if (!line.startsWith('#')) break;
  }
  return { text, ...meta };
}

function serve(url, schemas, options) {
  const middleware = postgraphile(url, schemas, {
    ...options,
    disableQueryLog: true,
    // Identity servers get their settings as a static object: PostGraphile refuses pgDefaultRole
    // next to a pgSettings function.
    pgSettings: 'pgSettings' in options ? options.pgSettings : req => JSON.parse(req.headers['x-settings'] || '{}'),
  });
  const server = http.createServer(middleware);
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const JWT_SECRET = 'conformance-jwt-secret';

function post(server, body, settings, token) {
  const data = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', 'x-settings': JSON.stringify(settings || {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    // agent: false — a fresh connection per request: a kept-alive socket may be closed by the
    // server's keep-alive timeout while refract-cli runs, and reusing it fails with ECONNRESET.
    const req = http.request({ agent: false, host: '127.0.0.1', port: server.address().port, path: '/graphql', method: 'POST',
      headers }, res => {
      let out = '';
      res.on('data', c => (out += c));
      res.on('end', () => resolve(out));
    });
    req.on('error', reject);
    req.end(data);
  });
}

// Signed tokens (jwtPgTypeIdentifier) differ in `iat` and in the order of their claims: compare
// them as `JWT<claims>` after verifying the signature with the case's jwtSecret, claims sorted and a
// numeric `iat` shown as '<number>' (PostGraphile's own test does the same).
const jsonwebtoken = require(path.join(src, 'tests/conformance/postgraphile/node_modules/jsonwebtoken'));
function normaliseTokens(v, secret) {
  if (typeof v === 'string' && secret && /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(v)) {
    let claims;
    try {
      claims = jsonwebtoken.verify(v, secret, { algorithms: ['HS256'], ignoreExpiration: true });
    } catch (e) {
      return `JWT<${e.message}>`;
    }
    if (typeof claims.iat === 'number') claims.iat = '<number>';
    return `JWT<${JSON.stringify(Object.fromEntries(Object.entries(claims).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))}>`;
  }
  if (Array.isArray(v)) return v.map(x => normaliseTokens(x, secret));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normaliseTokens(x, secret)]));
  return v;
}

// Refract adds extensions.code to PostgreSQL errors (PostGraphile only with extendedErrors):
// compare errors by message, locations and path.
function normalise(json, options) {
  const v = JSON.parse(json);
  if (v.errors) v.errors = v.errors.map(e => ({ message: e.message, locations: e.locations, path: e.path }));
  if (v.data && options && options.jwtSecret) v.data = normaliseTokens(v.data, options.jwtSecret);
  return JSON.stringify(v);
}

(async () => {
  let passed = 0, failed = 0;
  const dbs = [];
  try {
    for (const name of Object.keys(databases)) {
      const dir = path.join(here, 'corpus', name);
      if (!fs.existsSync(dir)) continue;
      let files = fs.readdirSync(dir).filter(f => f.endsWith('.graphql')).sort();
      if (filter) files = files.filter(f => `${name}/${f}`.includes(filter));
      if (!files.length) continue;
      const db = load(name);
      dbs.push(db);
      const url = `postgres://${user}@${process.env.PGHOST}:${process.env.PGPORT}/${db}`;
      const servers = new Map(); // options JSON → server
      for (const f of files) {
        const c = parseCase(path.join(dir, f));
        const optKey = JSON.stringify(c.options || {});
        const identity = c.jwt !== undefined || c.defaultRole !== undefined;
        const serverOptions = identity
          ? { ...(c.options || {}), jwtSecret: JWT_SECRET, pgDefaultRole: c.defaultRole, pgSettings: c.settings || {} }
          : (c.options || {});
        const serverKey = JSON.stringify(serverOptions);
        if (!servers.has(serverKey)) servers.set(serverKey, await serve(url, databases[name].schemas, serverOptions));
        const token = c.jwt !== undefined ? jsonwebtoken.sign(c.jwt, c.jwtSignedWith || JWT_SECRET, { noTimestamp: true }) : null;
        // Mutations: Refract runs first and rolls back (--dry-run); the sequences it advanced are
        // put back, then PostGraphile runs on the same state and commits.
        const isMutation = /^\s*mutation\b/m.test(c.text.replace(/^#.*$/gm, ''));
        const args = ['query', '--db', url, '--schema', databases[name].schemas.join(','), '--options', optKey];
        if (isMutation) args.push('--dry-run');
        if (c.settings) args.push('--settings', JSON.stringify(c.settings));
        if (c.variables) args.push('--variables', JSON.stringify(c.variables));
        if (c.operation) args.push('--operation', c.operation);
        if (token) args.push('--jwt', token, '--jwt-secret', JWT_SECRET);
        if (c.defaultRole) args.push('--default-role', c.defaultRole);
        args.push(path.join(dir, f));
        const sequences = isMutation ? readSequences(db) : null;
        let actual;
        try {
          actual = execFileSync(cli, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        } catch (e) {
          actual = e.stdout || `refract-cli failed: ${e.stderr}`;
        }
        if (isMutation) restoreSequences(db, sequences);
        const expected = await post(servers.get(serverKey), { query: c.text, variables: c.variables || null, operationName: c.operation || null }, c.settings, token);
        let same = false;
        try { same = normalise(expected, c.options) === normalise(actual, c.options); } catch (e) { same = false; }
        if (same) {
          passed++;
          console.log(`ok   ${name}/${f}`);
        } else {
          failed++;
          console.log(`FAIL ${name}/${f}`);
          console.log(`  postgraphile: ${expected.trim().slice(0, 1500)}`);
          let a = actual.trim();
          try { a = JSON.stringify(JSON.parse(a)); } catch (e) { /* keep raw */ }
          console.log(`  refract:      ${a.slice(0, 1500)}`);
        }
      }
      for (const s of servers.values()) s.close();
    }
  } finally {
    await new Promise(r => setTimeout(r, 200));
    for (const db of dbs) {
      try { execFileSync('dropdb', ['--if-exists', '--force', db], { stdio: 'ignore' }); } catch (e) { /* ignore */ }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch(e => {
  console.error(e);
  process.exit(1);
});
