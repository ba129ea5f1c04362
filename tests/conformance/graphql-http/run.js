#!/usr/bin/env node
// GraphQL-over-HTTP conformance: graphql-http's own server audits (serverAudits, pinned in
// package.json) against a live `refract-cli serve` on the forum example. Fails on any MUST or
// SHOULD audit that does not pass; MAY audits are reported only.
//   node run.js <refract-cli> <source dir>      (needs the PG* environment of a throwaway cluster)
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { serverAudits } = require('graphql-http');

const [cli, sourceDir] = process.argv.slice(2);
if (!cli || !sourceDir) {
  console.error('usage: run.js <refract-cli> <source dir>');
  process.exit(2);
}

const db = `gqlhttp_${process.pid}`;
function loadFixture() {
  let sql = fs.readFileSync(path.join(sourceDir, 'tests/fixtures/forum_example.sql'), 'utf8');
  // Roles are cluster-wide: creating one that exists (another test made it) is not an error.
  sql = sql.replace(/^(create role [^;]*;)$/gim, 'do $do$ begin $1 exception when duplicate_object then null; end $do$;');
  execFileSync('createdb', [db]);
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', db], { input: sql, stdio: ['pipe', 'ignore', 'pipe'] });
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ['serve', '--db', `dbname=${db}`, '--schema', 'forum_example', '--port', '0', '--pool', '2'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60000);
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) { clearTimeout(timer); resolve({ child, url: out.slice(0, nl).trim() }); }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}): ${err}`)); });
  });
}

async function main() {
  loadFixture();
  let server;
  let failed = 0;
  try {
    server = await startServer();
    console.log(`auditing ${server.url}`);
    const audits = serverAudits({ url: server.url });
    const results = await Promise.all(audits.map(({ fn }) => fn()));
    for (const r of results) {
      const level = r.name.split(' ')[0];
      if (r.status === 'ok') {
        console.log(`ok    ${r.id} ${r.name}`);
      } else {
        const mandatory = level === 'MUST' || level === 'SHOULD';
        if (mandatory) failed++;
        const detail = r.reason + (r.response ? ` (status ${r.response.status})` : '');
        console.log(`${mandatory ? 'FAIL' : 'note'}  ${r.id} ${r.name}: ${detail}`);
      }
    }
    const counts = { ok: 0, warn: 0, error: 0 };
    for (const r of results) counts[r.status]++;
    console.log(`${results.length} audits: ${counts.ok} ok, ${failed} MUST/SHOULD failures`);
    // Clean shutdown on SIGTERM is part of the contract of `serve`.
    server.child.removeAllListeners('exit');
    const exited = new Promise((resolve) => server.child.once('exit', (code, signal) => resolve({ code, signal })));
    server.child.kill('SIGTERM');
    const { code, signal } = await Promise.race([exited, new Promise((r) => setTimeout(() => r({ code: 'timeout' }), 10000))]);
    if (code !== 0) {
      console.log(`FAIL  serve did not exit cleanly on SIGTERM (code ${code}, signal ${signal})`);
      failed++;
    }
    server = null;
  } finally {
    if (server) server.child.kill('SIGKILL');
    try { execFileSync('dropdb', ['--if-exists', '--force', db]); } catch (e) { /* best effort */ }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); try { execFileSync('dropdb', ['--if-exists', '--force', db]); } catch (_) {} process.exit(1); });
