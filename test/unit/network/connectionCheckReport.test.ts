// "Shopify: Check Connection", read word for word: the report a user pastes into a support request, line by
// line, and the one-line verdict for each route (direct or through a proxy) and clock state, against the local
// identity server, a CONNECT proxy on loopback, and raw sockets for what the identity server cannot be (a host
// that never answers, a portal that redirects and sends no Date header).
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { checkConnection, type ConnectionFacts } from '../../../src/shopify/identity/connectionCheck';
import type { Fetch } from '../../../src/shopify/identity/fetchAdapter';
import type { ProxyRoute } from '../../../src/shopify/identity/proxyRoute';
import { identityServer } from '../support/fixture';
import type { IdentityServer } from '../../identity-server/types';
import { vscodeFetch } from '../../network/vscodeFetch';

const BOUND = { timeout: 20_000 };
const REPORT_TIME = Date.parse('2026-12-01T06:00:00.000Z');
const REPORT_HEAD = 'Shopify Authentication: connection check, 2026-12-01T06:00:00.000Z';
const plainFetch: Fetch = (url, init) => fetch(url, init);

/**
 * The local clock as the check reads it (request sent, answer received, report written), chosen so that the
 * server's Date header reads exactly `offsetMs` from the request's midpoint. Date headers carry whole seconds,
 * so the time of arrival is picked once the answer's header is known; the fetch only looks at the header.
 */
function clockOffBy(offsetMs: number, base: Fetch = plainFetch): { now: () => number; fetch: Fetch; roundTripMs: () => number } {
  const times: number[] = [];
  let header: number | undefined;
  // The header is less than a second behind the real time (two, with a late timer), so the round trip below is
  // positive and a few seconds at most.
  const sentAt = Date.now() - offsetMs - 2000;
  return {
    fetch: async (url, init) => {
      const response = await base(url, init);
      header = Date.parse(response.headers.get('date') ?? '');
      return response;
    },
    now: () => {
      const t = times.length === 0 ? sentAt : times.length === 1 ? 2 * ((header ?? NaN) - offsetMs) - sentAt : REPORT_TIME;
      times.push(t);
      return t;
    },
    roundTripMs: () => (times[1] ?? NaN) - (times[0] ?? NaN),
  };
}

/** A local clock that reads the given times, one per call, then the report's time. */
function scriptedClock(...times: number[]): () => number {
  let call = 0;
  return () => times[call++] ?? REPORT_TIME;
}

interface RawServer {
  url: string;
  port: number;
  /** The head of every request received (request line and headers). */
  heads: string[];
  close(): Promise<void>;
}

/** Listens on a free loopback port; closing also ends the connections still open. */
async function listening(server: net.Server, sockets: Set<net.Socket>, heads: string[]): Promise<RawServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    heads,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that records what arrives and answers `answer` (raw HTTP), or never answers at all. */
async function rawServer(answer?: string): Promise<RawServer> {
  const heads: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      heads.push(received.slice(0, end));
      received = received.slice(end + 4);
      if (answer !== undefined) socket.write(answer);
    });
  });
  return listening(server, sockets, heads);
}

/** A forward proxy that opens every CONNECT tunnel to the asked port on 127.0.0.1, and counts them. */
async function connectProxy(): Promise<RawServer> {
  const heads: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    client.once('data', (chunk) => {
      const head = chunk.toString('latin1');
      heads.push(head.slice(0, head.indexOf('\r\n\r\n')));
      const port = Number(/^CONNECT [^\s]*:(\d+) /.exec(head)?.[1]);
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    });
  });
  return listening(server, sockets, heads);
}

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function facts(identityUrl: string, more: Partial<ConnectionFacts> = {}): ConnectionFacts {
  return { identityUrl, proxy: undefined, settings: {}, env: {}, versions: {}, accounts: 0, ...more };
}

function lines(report: string): string[] {
  return report.split('\n');
}

describe('Check Connection, the report word for word', () => {
  let server: IdentityServer;
  let host: string;
  before(async () => {
    server = await identityServer();
    host = new URL(server.url).host;
  });
  after(async () => server.close());

  test('a direct check: every line of the report, settings and variables as they are shown', BOUND, async () => {
    const clock = clockOffBy(60_000);
    const result = await checkConnection({
      facts: facts(server.url, {
        settings: { 'shopifyAuth.identityUrl': server.url, 'http.proxy': '', 'http.proxyStrictSSL': true, 'http.noProxy': ['a.example'], 'shopifyAuth.requestTimeoutSeconds': undefined },
        env: {
          https_proxy: 'http://alice:s3cret-one@proxy-a.corp:3128',
          HTTPS_PROXY: 'proxy-b.corp:8080',
          http_proxy: 'http://proxy-c.corp:3128',
          HTTP_PROXY: 'http://bob:s3cret-two@proxy-d.corp:3128',
          no_proxy: 'a.example,.b.example',
          NO_PROXY: 'c.example',
          NODE_EXTRA_CA_CERTS: '/etc/corp/root.pem',
          SSL_CERT_FILE: '/etc/ssl/cert.pem',
          SSL_CERT_DIR: '/etc/ssl/certs',
          SHOPIFY_APP_AUTOMATION_TOKEN: '',
          SHOPIFY_CLI_PARTNERS_TOKEN: 'partners-token-value',
          SHOPIFY_FLAG_STORE: 'shop-one.myshopify.com',
        },
        versions: { 'Shopify Authentication': '0.1.0', 'VS Code': '1.100.3', Node: '20.19.0' },
        accounts: 3,
      }),
      timeoutMs: 5000,
      fetch: clock.fetch,
      now: clock.now,
    });
    const ms = clock.roundTripMs();
    const verdict = `Connected to ${host} directly (no proxy configured for it) in ${ms} ms.`;
    assert.equal(result.ok, true, result.report);
    assert.equal(result.verdict, verdict);
    assert.deepEqual(lines(result.report), [
      REPORT_HEAD,
      `Verdict: ${verdict}`,
      `Identity server: ${server.url}`,
      'Route: directly (no proxy configured for it)',
      `Reached: yes, HTTP 200 in ${ms} ms`,
      'TLS: none (plain http on loopback)',
      "Clock: within a minute of the server's (+1 min)",
      `Settings: shopifyAuth.identityUrl="${server.url}", http.proxy="", http.proxyStrictSSL=true, http.noProxy=["a.example"], shopifyAuth.requestTimeoutSeconds=null`,
      'Environment: https_proxy=http://***:***@proxy-a.corp:3128, HTTPS_PROXY=http://proxy-b.corp:8080, http_proxy=http://proxy-c.corp:3128, HTTP_PROXY=http://***:***@proxy-d.corp:3128, ' +
        'no_proxy=a.example,.b.example, NO_PROXY=c.example, NODE_EXTRA_CA_CERTS=/etc/corp/root.pem, SSL_CERT_FILE=/etc/ssl/cert.pem, SSL_CERT_DIR=/etc/ssl/certs, ' +
        'SHOPIFY_APP_AUTOMATION_TOKEN is set (empty), SHOPIFY_CLI_PARTNERS_TOKEN is set (value not shown), SHOPIFY_FLAG_STORE is set (value not shown)',
      'Versions: Shopify Authentication 0.1.0, VS Code 1.100.3, Node 20.19.0',
      'Accounts signed in: 3',
    ]);
  });

  test('nothing set: the settings line is empty, the variables "none that matter here", a proxy setting shown masked', BOUND, async () => {
    const clock = clockOffBy(0);
    const result = await checkConnection({
      facts: facts(server.url, { settings: { 'http.proxy': 'http://carol:pa55@proxy.corp:3128', 'shopifyAuth.identityUrl': 'http://ann:pa55@example.test' }, env: { NODE_EXTRA_CA_CERTS: '', SHOPIFY_APP_AUTOMATION_TOKEN: undefined } }),
      timeoutMs: 5000,
      fetch: clock.fetch,
      now: clock.now,
    });
    const report = lines(result.report);
    assert.equal(report[6], "Clock: within a minute of the server's (+0 s)");
    assert.equal(report[7], 'Settings: http.proxy=http://***:***@proxy.corp:3128, shopifyAuth.identityUrl="http://***:***@example.test"');
    assert.equal(report[8], 'Environment: none that matter here');
    assert.equal(report[9], 'Versions: ');
    assert.equal(report[10], 'Accounts signed in: 0');
  });

  test('a clock a minute ahead is still within a minute, shown with its sign', BOUND, async () => {
    const clock = clockOffBy(-60_000);
    const result = await checkConnection({ facts: facts(server.url), timeoutMs: 5000, fetch: clock.fetch, now: clock.now });
    assert.equal(result.verdict, `Connected to ${host} directly (no proxy configured for it) in ${clock.roundTripMs()} ms.`);
    assert.equal(lines(result.report)[6], "Clock: within a minute of the server's (-1 min)");
  });

  test('a direct check with the clock a moment more than a minute behind: the verdict says so', BOUND, async () => {
    const clock = clockOffBy(60_001);
    const result = await checkConnection({ facts: facts(server.url), timeoutMs: 5000, fetch: clock.fetch, now: clock.now });
    assert.equal(result.ok, true);
    assert.equal(result.verdict, `Connected to ${host} directly (no proxy configured for it) in ${clock.roundTripMs()} ms, but this computer's clock is 1 min behind.`);
    assert.match(lines(result.report)[6] ?? '', /^Clock: This computer's clock is 1 min behind Shopify's\. /);
  });

  test('a direct check with the clock 1 h 30 min ahead: the verdict says so', BOUND, async () => {
    const clock = clockOffBy(-5_400_000);
    const result = await checkConnection({ facts: facts(server.url), timeoutMs: 5000, fetch: clock.fetch, now: clock.now });
    assert.equal(result.verdict, `Connected to ${host} directly (no proxy configured for it) in ${clock.roundTripMs()} ms, but this computer's clock is 1 h 30 min ahead.`);
  });

  describe('through a proxy', () => {
    let proxy: RawServer;
    let route: ProxyRoute;
    before(async () => {
      proxy = await connectProxy();
      route = { proxy: proxy.url, source: 'http.proxy', credentials: false };
    });
    after(async () => proxy.close());

    for (const [offset, tail] of [
      [0, '.'],
      [-5_400_000, ", but this computer's clock is 1 h 30 min ahead."],
      [120_000, ", but this computer's clock is 2 min behind."],
    ] as const) {
      test(`the verdict names the proxy and where it is set, clock off by ${offset} ms`, BOUND, async () => {
        const tunnels = proxy.heads.length;
        const clock = clockOffBy(offset, vscodeFetch({ proxy: proxy.url }));
        const result = await checkConnection({ facts: facts(server.url, { proxy: route }), timeoutMs: 5000, fetch: clock.fetch, now: clock.now });
        assert.equal(result.verdict, `Connected to ${host} through the proxy ${proxy.url} (http.proxy) in ${clock.roundTripMs()} ms${tail}`);
        assert.equal(lines(result.report)[3], `Route: through the proxy ${proxy.url} (http.proxy)`);
        assert.equal(proxy.heads.length, tunnels + 1, 'the request went through the proxy');
        assert.match(proxy.heads[tunnels] ?? '', new RegExp(`^CONNECT 127\\.0\\.0\\.1:${new URL(server.url).port} `));
      });
    }
  });

  test('a setting that cannot be used: the report says why, and nothing was sent', BOUND, async () => {
    const result = await checkConnection({
      facts: facts('ftp://accounts.shopify.com'),
      timeoutMs: 1000,
      fetch: () => assert.fail('nothing may be sent'),
      now: scriptedClock(),
    });
    const cause =
      'The setting shopifyAuth.identityUrl ("ftp://accounts.shopify.com") uses "ftp:". Use https://accounts.shopify.com, or http://127.0.0.1:<port> for a local identity server.';
    assert.equal(result.ok, false);
    assert.equal(result.verdict, `Cannot check the connection: ${cause}`);
    assert.deepEqual(lines(result.report), [
      REPORT_HEAD,
      `Verdict: Cannot check the connection: ${cause}`,
      'Identity server: ftp://accounts.shopify.com',
      'Route: directly (no proxy configured for it)',
      `Cause: ${cause}`,
      'Settings: ',
      'Environment: none that matter here',
      'Versions: ',
      'Accounts signed in: 0',
    ]);
  });
});

describe('Check Connection when no answer comes', () => {
  test('nothing listens: the verdict names the refused connection, the report how long it took and the codes', BOUND, async () => {
    const port = await closedPort();
    const identityUrl = `http://127.0.0.1:${port}`;
    const result = await checkConnection({ facts: facts(identityUrl), timeoutMs: 5000, now: scriptedClock(1_000_000, 1_000_042) });
    const cause = `Could not reach Shopify's identity service at 127.0.0.1:${port}: nothing accepted the connection (ECONNREFUSED). Check your internet connection and the setting shopifyAuth.identityUrl, and http.proxy if your network needs a proxy, then try again.`;
    assert.equal(result.ok, false);
    assert.equal(result.verdict, `Cannot reach 127.0.0.1:${port}: ${cause}`);
    assert.deepEqual(lines(result.report).slice(0, 7), [
      REPORT_HEAD,
      `Verdict: Cannot reach 127.0.0.1:${port}: ${cause}`,
      `Identity server: ${identityUrl}`,
      'Route: directly (no proxy configured for it)',
      'Reached: no, after 42 ms',
      `Cause: ${cause}`,
      'Cause in detail: TypeError < Error ECONNREFUSED',
    ]);
  });

  test('a host that never answers: the verdict names the timeout in seconds, and the request asked for JSON', BOUND, async () => {
    const silent = await rawServer();
    try {
      const result = await checkConnection({ facts: facts(silent.url), timeoutMs: 500, now: scriptedClock(2_000_000, 2_000_503) });
      const cause = `127.0.0.1:${silent.port} did not answer within 1 s directly (no proxy configured for it). Check your connection, http.proxy and shopifyAuth.requestTimeoutSeconds.`;
      assert.equal(result.ok, false);
      assert.equal(result.verdict, `Cannot reach 127.0.0.1:${silent.port}: ${cause}`);
      assert.deepEqual(lines(result.report).slice(4, 7), ['Reached: no, after 503 ms', `Cause: ${cause}`, 'Cause in detail: TimeoutError']);
      assert.equal(silent.heads.length, 1);
      const [requestLine, ...headers] = (silent.heads[0] ?? '').split('\r\n');
      assert.equal(requestLine, 'GET /.well-known/openid-configuration HTTP/1.1');
      assert.ok(headers.some((h) => h.toLowerCase() === 'accept: application/json'), headers.join('\n'));
    } finally {
      await silent.close();
    }
  });

  test('a proxy that never answers: the verdict names the proxy and where it is set', BOUND, async () => {
    const silent = await rawServer();
    try {
      const route: ProxyRoute = { proxy: silent.url, source: 'HTTPS_PROXY', credentials: false };
      const result = await checkConnection({ facts: facts('https://accounts.shopify.test', { proxy: route }), timeoutMs: 500, fetch: vscodeFetch({ proxy: silent.url }), now: scriptedClock() });
      assert.equal(
        result.verdict,
        `Cannot reach accounts.shopify.test: accounts.shopify.test did not answer within 1 s through the proxy ${silent.url} (HTTPS_PROXY). Check your connection, http.proxy and shopifyAuth.requestTimeoutSeconds.`,
      );
      assert.match(silent.heads[0] ?? '', /^CONNECT accounts\.shopify\.test:443 /);
    } finally {
      await silent.close();
    }
  });

  test('a proxy that wants a password: the verdict shows where it goes, its placeholder readable', BOUND, async () => {
    const proxy = await rawServer('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
    try {
      const route: ProxyRoute = { proxy: proxy.url, source: 'http.proxy', credentials: false };
      const result = await checkConnection({ facts: facts('https://accounts.shopify.test', { proxy: route }), timeoutMs: 5000, fetch: vscodeFetch({ proxy: proxy.url }), now: scriptedClock() });
      assert.equal(
        result.verdict,
        `Cannot reach accounts.shopify.test: The proxy ${proxy.url} (http.proxy) wants a user name and password (HTTP 407) before it connects to accounts.shopify.test. Put them in the proxy address in the setting http.proxy (http://user:password@host:port) or in HTTPS_PROXY, then try again.`,
      );
    } finally {
      await proxy.close();
    }
  });

  test('a user name and password in any URL the report shows are masked, even with a "#" or "?" in them', BOUND, async () => {
    for (const identityUrl of ['https://ann:pa#ss@accounts.shopify.com', 'https://ann?x:pass@accounts.shopify.com', 'git+https://ann:pa#ss@accounts.shopify.com', 'HTTPS://ann:pa#ss@accounts.shopify.com']) {
      const result = await checkConnection({ facts: facts(identityUrl), timeoutMs: 1000, fetch: () => assert.fail('nothing may be sent'), now: scriptedClock() });
      const scheme = identityUrl.slice(0, identityUrl.indexOf('://') + 3);
      assert.equal(lines(result.report)[2], `Identity server: ${scheme}***:***@accounts.shopify.com`, result.report);
      for (const secret of ['pa#ss', 'ann:', 'ann?', 'pass@']) assert.ok(!result.report.includes(secret), result.report);
    }
  });

  test('an identity URL whose password holds "/" or a quote is masked whole, in its own line and in the settings line', BOUND, async () => {
    // Quoted as JSON, a quote becomes \" and a "/" stops redact's mask for running text: the setting is masked as one URL first.
    for (const password of ['a/b-secret', 'p"w-secret']) {
      const identityUrl = `https://ann:${password}@accounts.shopify.com`;
      const result = await checkConnection({
        facts: facts(identityUrl, { settings: { 'shopifyAuth.identityUrl': identityUrl } }),
        timeoutMs: 1000,
        fetch: () => assert.fail('nothing may be sent'),
        now: scriptedClock(),
      });
      assert.equal(lines(result.report)[2], 'Identity server: https://***:***@accounts.shopify.com', result.report);
      assert.ok(result.report.includes('Settings: shopifyAuth.identityUrl="https://***:***@accounts.shopify.com"'), result.report);
      for (const text of [result.verdict, result.report]) assert.ok(!text.includes('-secret'), text);
    }
  });

  test('a mistyped identity URL with a stray character before its scheme: its password is still masked everywhere', BOUND, async () => {
    for (const [identityUrl, shown] of [
      ['1https://ann:secret-one@accounts.shopify.com', '1https://***:***@accounts.shopify.com'],
      ['-https://ann:pa#ss@accounts.shopify.com', '-https://***:***@accounts.shopify.com'],
      ['x://ann:pa#ss@accounts.shopify.com', 'x://***:***@accounts.shopify.com'],
    ] as const) {
      const result = await checkConnection({
        facts: facts(identityUrl, { settings: { 'shopifyAuth.identityUrl': identityUrl }, env: { NO_PROXY: `corp.example,${identityUrl}` } }),
        timeoutMs: 1000,
        fetch: () => assert.fail('nothing may be sent'),
        now: scriptedClock(),
      });
      assert.equal(lines(result.report)[2], `Identity server: ${shown}`, result.report);
      assert.equal(lines(result.report)[6], `Environment: NO_PROXY=corp.example,${shown}`, result.report);
      for (const text of [result.verdict, result.report]) for (const secret of ['secret-one', 'pa#ss', 'ann:']) assert.ok(!text.includes(secret), text);
    }
  });

  test('cancelled by the user: the check rejects with the cancellation at once, and gives no verdict', BOUND, async () => {
    const silent = await rawServer();
    try {
      const controller = new AbortController();
      const cancelled = new Error('cancelled by the user');
      const started = Date.now();
      setTimeout(() => controller.abort(cancelled), 50);
      await assert.rejects(checkConnection({ facts: facts(silent.url), timeoutMs: 3000, signal: controller.signal }), (e: unknown) => e === cancelled);
      assert.ok(Date.now() - started < 2500, 'it waited for the timeout');
    } finally {
      await silent.close();
    }
  });
});

describe('Check Connection with an answer that is not the discovery document', () => {
  test('a redirect is the answer, not followed; without a Date header the clock is not judged', BOUND, async () => {
    const portal = await rawServer('HTTP/1.1 302 Found\r\nLocation: /login\r\nContent-Length: 0\r\n\r\n');
    try {
      const result = await checkConnection({ facts: facts(portal.url), timeoutMs: 5000, now: scriptedClock(3_000_000, 3_000_017) });
      assert.equal(result.ok, true, result.report);
      assert.equal(result.verdict, `Connected to 127.0.0.1:${portal.port} directly (no proxy configured for it) in 17 ms.`);
      assert.deepEqual(lines(result.report).slice(4, 7), ['Reached: yes, HTTP 302 in 17 ms', 'TLS: none (plain http on loopback)', 'Clock: the server sent no Date header']);
      assert.equal(portal.heads.length, 1, 'the redirect was followed');
    } finally {
      await portal.close();
    }
  });
});

describe('Check Connection with an error the editor fetch wraps deeply', () => {
  test('the detail line names six layers at most', BOUND, async () => {
    // The editor's fetch (VS Code's proxy support) may wrap the real failure in layers of its own.
    let error: Error = Object.assign(new Error('innermost'), { code: 'ECONNRESET' });
    for (let i = 0; i < 7; i++) error = new TypeError(`layer ${i}`, { cause: error });
    const thrown = error;
    const result = await checkConnection({ facts: facts('https://accounts.shopify.com'), timeoutMs: 5000, fetch: () => Promise.reject(thrown), now: scriptedClock() });
    assert.equal(lines(result.report)[6], 'Cause in detail: TypeError < TypeError < TypeError < TypeError < TypeError < TypeError');
  });

  test('a cause chain that loops ends after six', BOUND, async () => {
    const looping = Object.assign(new Error('loop'), { code: 'ECONNRESET' });
    (looping as { cause?: unknown }).cause = looping;
    const result = await checkConnection({ facts: facts('https://accounts.shopify.com'), timeoutMs: 5000, fetch: () => Promise.reject(looping), now: scriptedClock() });
    assert.equal(lines(result.report)[6], `Cause in detail: ${Array(6).fill('Error ECONNRESET').join(' < ')}`);
  });

  test('a failure that is not an Error: the detail line names its type', BOUND, async () => {
    const result = await checkConnection({ facts: facts('https://accounts.shopify.com'), timeoutMs: 5000, fetch: () => Promise.reject('socket hang up'), now: scriptedClock() });
    assert.equal(lines(result.report)[6], 'Cause in detail: string');
  });
});
