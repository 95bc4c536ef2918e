// Test-only "other extension": it calls the Shopify provider's public surface the way a
// real consumer would, including the @shopify-auth-dev/vscode-session library (packages/session),
// which the test harness bundles into this folder as session.js when it installs it, and the end-to-end tests drive it over a loopback HTTP server
// (the port comes from CONSUMER_PORT, which code-server passes on to the extension host).
// Requests are answered only when the VS Code call settles, so a call that waits on UI
// (the consent dialog, a device-code sign-in) holds its HTTP request open; no timeouts here.
'use strict';

const http = require('node:http');
const vscode = require('vscode');

const PROVIDER_ID = 'shopify';
const API_EXTENSION_ID = 'shopify-auth-dev.shopify-authentication';
const MAX_BODY_BYTES = 1024 * 1024;

/** @type {http.Server | undefined} */
let server;

// Identifies this extension host: after a reload the old host can answer for a moment,
// so tests wait for a new instance before trusting what they read.
const INSTANCE = `${process.pid}-${Date.now()}`;

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  const events = [];
  let eventCount = 0;
  context.subscriptions.push(
    vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id !== PROVIDER_ID) return;
      eventCount += 1;
      events.push({ n: eventCount, at: Date.now(), provider: { id: e.provider.id, label: e.provider.label } });
    }),
  );

  // The bench's activation figure: ask github-authentication for a session (silently, nothing is shown) at the
  // moment VS Code activates this extension and ours, so both are timed under the same startup load.
  if (process.env.CONSUMER_ASK_GITHUB_AT_START === '1') {
    vscode.authentication.getSession('github', ['read:user'], { silent: true }).then(undefined, (error) => console.log(`[consumer] github at start: ${error}`));
  }

  const firstPort = Number(process.env.CONSUMER_PORT);
  if (!Number.isInteger(firstPort) || firstPort <= 0) return; // not under test: stay inert
  // Several windows of one editor run one extension host each, all with the same environment:
  // CONSUMER_PORT_SPAN > 1 lets a later host take the next free port (GET /health says which).
  const span = Math.max(1, Math.min(16, Number(process.env.CONSUMER_PORT_SPAN) || 1));
  let port = firstPort;

  /** @type {Record<string, (body: any) => Promise<unknown>>} */
  const routes = {
    'GET /health': async () => ({ ok: true, vscodeVersion: vscode.version, instance: INSTANCE, port, trusted: vscode.workspace.isTrusted }),
    'GET /events': async () => ({ count: eventCount, events }),
    'POST /getSession': async ({ scopes, options }) => ({
      session: plainSession(await vscode.authentication.getSession(PROVIDER_ID, scopes ?? [], options ?? {})),
    }),
    'POST /getAccounts': async () => ({
      accounts: (await vscode.authentication.getAccounts(PROVIDER_ID)).map((a) => ({ id: a.id, label: a.label })),
    }),
    'POST /api': async ({ method, args }) => {
      const ext = vscode.extensions.getExtension(API_EXTENSION_ID);
      if (!ext) throw new Error(`extension ${API_EXTENSION_ID} is not installed`);
      const api = await ext.activate();
      const fn = api && api[method];
      if (typeof fn !== 'function') throw new Error(`the API of ${API_EXTENSION_ID} has no method ${method}`);
      return { result: await fn.apply(api, Array.isArray(args) ? args : []) };
    },
    // The Shopify CLI-shaped helpers, from the library, bound to this extension's own vscode API.
    'POST /session': async ({ method, args, options }) => {
      const { createSession } = require('./session.js');
      const helpers = createSession(vscode, options ?? {});
      const fn = helpers[method];
      if (typeof fn !== 'function') throw new Error(`the session library has no method ${method}`);
      return { result: await fn.apply(helpers, Array.isArray(args) ? args : []) };
    },
    'POST /command': async ({ id, args }) => ({
      result: await vscode.commands.executeCommand(id, ...(Array.isArray(args) ? args : [])),
    }),
    // A user setting, as a person would change it in the Settings editor (the network tests switch http.proxy).
    'POST /setting': async ({ key, value }) => {
      await vscode.workspace.getConfiguration().update(String(key), value, vscode.ConfigurationTarget.Global);
      return { ok: true };
    },
    // Another provider (e.g. 'github'): the bench asks it silently so VS Code activates it on demand.
    'POST /getSessionFrom': async ({ providerId, scopes, options }) => ({
      session: plainSession(await vscode.authentication.getSession(String(providerId), scopes ?? [], options ?? {})),
    }),
  };

  server = http.createServer((req, res) => {
    const route = routes[`${req.method} ${(req.url ?? '').split('?')[0]}`];
    if (!route) return reply(res, 404, { error: `no route ${req.method} ${req.url}` });
    readJson(req)
      .then((body) => route(body))
      .then(
        (result) => reply(res, 200, result),
        // A rejected VS Code call is an answer, not a transport failure: 200 with {error}.
        (err) => reply(res, 200, { error: err instanceof Error ? err.message : String(err), ...(err && typeof err.code === 'string' ? { code: err.code } : {}) }),
      );
  });
  // Consent and sign-in can take as long as the test lets them: never cut a request short.
  server.requestTimeout = 0;
  server.timeout = 0;
  server.keepAliveTimeout = 1000;
  // The previous extension host (before a reload) may still hold the port: keep trying.
  let attempts = 0;
  server.on('error', (err) => {
    if (err.code === 'EADDRINUSE' && attempts++ < 240) {
      port = firstPort + (port - firstPort + 1) % span;
      setTimeout(() => server && server.listen(port, '127.0.0.1'), 250);
      return;
    }
    console.error(`[consumer] server error: ${err.message}`);
  });
  server.on('listening', () => console.log(`[consumer] ${INSTANCE} listening on 127.0.0.1:${port}`));
  server.listen(port, '127.0.0.1');
}

function deactivate() {
  return new Promise((resolve) => (server ? server.close(() => resolve(undefined)) : resolve(undefined)));
}

/** Copies the fields a session has into a plain object so JSON keeps them all. */
function plainSession(s) {
  if (!s) return null;
  return {
    id: s.id,
    accessToken: s.accessToken,
    account: { id: s.account.id, label: s.account.label },
    scopes: [...s.scopes],
    idToken: s.idToken,
  };
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) return reject(new Error('request body too large'));
      chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error('request body is not JSON'));
      }
    });
  });
}

function reply(res, status, body) {
  const text = JSON.stringify(body === undefined ? {} : body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

module.exports = { activate, deactivate };
