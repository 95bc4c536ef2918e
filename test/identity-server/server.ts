// The local Shopify identity server: HTTP routing on node:http and the start/close lifecycle.
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { textAnswer } from './answers.ts';
import { activatePage, activateWithCodePage, decideFromPage } from './approvalPage.ts';
import { handleControlRequest, inProcessControl } from './control.ts';
import { createSigningKey } from './idToken.ts';
import { handleIdentityRequest, IDENTITY_PATHS, methodNotAllowed, type IdentityPath, type Pipeline } from './identityEndpoints.ts';
import { writeAnswer } from './httpIo.ts';
import { ServerState } from './state.ts';
import type { ControlClient, IdentityServer, IdentityServerOptions } from './types.ts';
import { defaultConfig } from './config.ts';
import { jwksDocument, openidConfiguration } from './wellKnown.ts';

export type * from './types.ts';

const HOST = '127.0.0.1';

export async function startIdentityServer(options: IdentityServerOptions = {}): Promise<IdentityServer> {
  defaultConfig(options); // reject bad options before binding a port
  const key = await createSigningKey();
  const closing = new AbortController();
  let pipeline: Pipeline | undefined;
  let control: ControlClient | undefined;

  const handle: RequestListener = (req, res) => {
    if (!pipeline || !control) return void res.writeHead(503).end();
    // The server's clock, as every HTTP server states it; skewed when a test says so.
    const skew = pipeline.state.config.clockSkewSeconds;
    if (skew !== 0) res.setHeader('Date', new Date(Date.now() + skew * 1000).toUTCString());
    route(pipeline, control, req, res).catch((error: unknown) => {
      pipeline?.log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      writeAnswer(res, textAnswer(500, 'application/json', JSON.stringify({ error: 'server_error' })));
    });
  };
  const tls = options.tls;
  const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, handle) : http.createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://${options.hostname ?? HOST}:${port}`;
  const state = new ServerState(url, key, options);
  pipeline = { state, closing: closing.signal, log: options.log };
  control = inProcessControl(state);

  let closed: Promise<void> | undefined;
  return {
    url,
    control,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        // Hanging requests and keep-alive sockets would otherwise hold close() forever.
        server.closeAllConnections();
      });
      return closed;
    },
    setCertificate(certificate) {
      if (!(server instanceof https.Server)) throw new Error('setCertificate: this server was started without tls');
      server.setSecureContext({ cert: certificate.cert, key: certificate.key });
      server.closeIdleConnections();
    },
  };
}

async function route(pipeline: Pipeline, control: ControlClient, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;

  if ((IDENTITY_PATHS as readonly string[]).includes(path)) {
    if (method !== 'POST') return writeAnswer(res, methodNotAllowed(pipeline.state));
    return handleIdentityRequest(pipeline, path as IdentityPath, req, res);
  }
  if (path.startsWith('/__control/')) {
    return writeAnswer(res, await handleControlRequest(control, method, path.slice('/__control'.length), req));
  }
  const get = method === 'GET' || method === 'HEAD';
  switch (path) {
    case '/.well-known/openid-configuration':
      return writeAnswer(res, get ? openidConfiguration(pipeline.state) : notAllowed('GET'));
    case '/.well-known/jwks.json':
      return writeAnswer(res, get ? jwksDocument(pipeline.state) : notAllowed('GET'));
    case '/activate':
      if (get) return writeAnswer(res, activatePage());
      if (method === 'POST') return writeAnswer(res, await decideFromPage(pipeline.state, req));
      return writeAnswer(res, notAllowed('GET, POST'));
    case '/activate-with-code':
      return writeAnswer(res, get ? activateWithCodePage(pipeline.state, url.searchParams) : notAllowed('GET'));
    default:
      // Every other /oauth/ path is an identity request the server refuses.
      if (path.startsWith('/oauth/')) pipeline.state.counts.rejected++;
      return writeAnswer(res, textAnswer(404, 'application/json', JSON.stringify({ error: 'not_found' })));
  }
}

function notAllowed(allow: string) {
  return textAnswer(405, 'application/json', JSON.stringify({ error: 'method_not_allowed' }), { Allow: allow });
}
