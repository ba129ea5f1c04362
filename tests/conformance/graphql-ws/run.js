#!/usr/bin/env node
// Subscriptions conformance: graphql-ws's own client (graphql-transport-ws) and the legacy
// subscriptions-transport-ws client (subprotocol graphql-ws), pinned in package.json, against a live
// `refract-cli serve --preset appsync` on the demo forum. For each protocol: two subscribers (noah_k
// and johndoe, identified by JWTs in connection_init) follow onCreatePost; johndoe creates posts
// over HTTP; both get the public post, only johndoe gets the `help` post that RLS hides from
// others; then both complete. Also: a socket that never sends connection_init is closed with 4408.
//   node run.js <refract-cli> <source dir>      (needs the PG* environment of a throwaway cluster)
'use strict';
const { execFileSync, spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const WebSocket = require('ws');
const { createClient } = require('graphql-ws');
const { SubscriptionClient } = require('subscriptions-transport-ws');

const [cli, sourceDir] = process.argv.slice(2);
if (!cli || !sourceDir) {
  console.error('usage: run.js <refract-cli> <source dir>');
  process.exit(2);
}

const secret = 'graphql-ws-conformance-secret-0123456789';
const db = `gqlws_${process.pid}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function jwt(username) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: `sub-${username}`, username, aud: 'postgraphile', exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${body}.${crypto.createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function loadDatabase() {
  const sql = fs.readFileSync(path.join(sourceDir, 'resources/demo/forum_demo.sql'), 'utf8');
  execFileSync('createdb', [db]);
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', db], { input: sql, stdio: ['pipe', 'ignore', 'pipe'] });
  // `help` posts are visible to their author only.
  execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c',
    "drop policy select_post on forum_example.post; create policy select_post on forum_example.post for select using " +
    "(topic is distinct from 'help' or author_username = current_setting('appsync.identity_username', true))"],
  { stdio: ['ignore', 'ignore', 'pipe'] });
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ['serve', '--db', `dbname=${db}`, '--schema', 'forum_example', '--preset', 'appsync', '--port', '0',
      '--pool', '2', '--jwt-secret', secret, '--claims-mapping', 'appsync', '--default-role', 'forum_example_person'],
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

let failed = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failed++;
}

async function createPost(url, headline, topic, quiet = false) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${jwt('johndoe')}` },
    body: JSON.stringify({
      query: 'mutation($h: String!, $t: PostTopic) { createPost(input: {post: {authorUsername: "johndoe", headline: $h, topic: $t}}) { headline } }',
      variables: { h: headline, t: topic },
    }),
  });
  const body = await res.json();
  const ok = res.status === 200 && body.data && body.data.createPost && body.data.createPost.headline === headline;
  if (!quiet || !ok)
    check(ok, `HTTP mutation "${headline}" (${res.status} ${JSON.stringify(body)})`);
}

const subscription = 'subscription { onCreatePost { id headline topic author { username } } }';

// Both protocols behind one interface: subscribe(user) → { events, complete(), close() }.
const protocols = {
  'graphql-transport-ws (graphql-ws client)': async (wsUrl, user) => {
    const events = [];
    let acked;
    const ack = new Promise((r) => { acked = r; });
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${jwt(user)}` }, on: { connected: () => acked() } });
    await ack;
    let completed = false;
    const unsubscribe = client.subscribe({ query: subscription }, {
      next: (v) => events.push(v), error: (e) => events.push({ error: e }), complete: () => { completed = true; },
    });
    return { events, complete: () => unsubscribe(), completed: () => completed, close: () => client.dispose() };
  },
  'graphql-ws (subscriptions-transport-ws client)': async (wsUrl, user) => {
    const events = [];
    const client = new SubscriptionClient(wsUrl, { reconnect: false, lazy: false,
      connectionParams: { Authorization: `Bearer ${jwt(user)}` } }, WebSocket);
    await new Promise((resolve, reject) => { client.onConnected(resolve); client.onError(reject); });
    let completed = false;
    const sub = client.request({ query: subscription }).subscribe({
      next: (v) => events.push(v), error: (e) => events.push({ error: e }), complete: () => { completed = true; },
    });
    return { events, complete: () => { sub.unsubscribe(); completed = true; }, completed: () => completed, close: () => client.close() };
  },
};

async function waitFor(pred, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return true;
    await sleep(20);
  }
  return false;
}

async function runProtocol(name, open, url, wsUrl) {
  console.log(`# ${name}`);
  const noah = await open(wsUrl, 'noah_k');
  const john = await open(wsUrl, 'johndoe');
  const tag = name.split(' ')[0];
  // The subscribe message has no acknowledgement in either protocol: warm up until both
  // subscriptions deliver, then start from empty queues.
  let warm = false;
  for (let i = 0; i < 40 && !warm; i++) {
    await createPost(url, `Warm-up ${tag} ${i}`, 'SHOWCASE', true);
    warm = await waitFor(() => noah.events.length > 0 && john.events.length > 0, 500);
  }
  check(warm, 'both subscriptions are live');
  await sleep(200);
  noah.events.length = 0;
  john.events.length = 0;
  await createPost(url, `Public ${tag}`, 'SHOWCASE');
  const got = (s, h) => s.events.some((e) => e.data && e.data.onCreatePost && e.data.onCreatePost.headline === h);
  check(await waitFor(() => got(noah, `Public ${tag}`) && got(john, `Public ${tag}`)), 'both subscribers receive the public post');
  const ev = noah.events.find((e) => e.data);
  check(ev && ev.data.onCreatePost.author.username === 'johndoe' && ev.data.onCreatePost.topic === 'SHOWCASE' && ev.data.onCreatePost.id > 0,
    `the event is re-read with its selection (${JSON.stringify(ev)})`);
  await createPost(url, `Private ${tag}`, 'HELP');
  check(await waitFor(() => got(john, `Private ${tag}`)), 'the author receives the help post');
  await sleep(300);
  check(!got(noah, `Private ${tag}`) && noah.events.length === 1, `RLS keeps the help post from noah_k (${noah.events.length} events)`);
  check(!noah.events.concat(john.events).some((e) => e.error), 'no errors');
  noah.complete();
  john.complete();
  await sleep(500); // complete/stop has no acknowledgement either
  await createPost(url, `After ${tag}`, 'DISCUSSION');
  await sleep(300);
  check(!got(noah, `After ${tag}`) && !got(john, `After ${tag}`), 'no events after complete');
  check(noah.completed() && john.completed(), 'subscriptions completed');
  noah.close();
  john.close();
}

async function initTimeout(wsUrl) {
  const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
  const closed = await new Promise((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
    setTimeout(() => resolve({ code: 'none' }), 10000);
  });
  check(closed.code === 4408, `no connection_init: closed with 4408 (${closed.code} ${closed.reason})`);
}

async function main() {
  loadDatabase();
  let server;
  try {
    server = await startServer();
    const url = server.url;
    const wsUrl = url.replace(/^http/, 'ws');
    console.log(`subscribing at ${wsUrl}`);
    for (const [name, open] of Object.entries(protocols))
      await runProtocol(name, open, url, wsUrl);
    await initTimeout(wsUrl);
    server.child.removeAllListeners('exit');
    const exited = new Promise((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(10000).then(() => 'timeout')]);
    check(code === 0, `serve exits cleanly on SIGTERM with sockets open before (${code})`);
    server = null;
  } catch (e) {
    console.log(`FAIL  ${e && e.stack ? e.stack : e}`);
    failed++;
  } finally {
    if (server) server.child.kill('SIGKILL');
    try { execFileSync('dropdb', ['--if-exists', '--force', db]); } catch (e) { /* best effort */ }
  }
  console.log(failed ? `${failed} failures` : 'all passed');
  process.exit(failed ? 1 : 0);
}

main();
