// "Shopify: Check Connection" without the editor: one request the way sign-in travels (VS Code's fetch,
// through a real squid when configured), a verdict in one line, and a report with every secret left out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ServerClock } from '../../../src/shopify/common/clock';
import { checkConnection, type ConnectionFacts } from '../../../src/shopify/identity/connectionCheck';
import { bypassesProxy, proxyRoute } from '../../../src/shopify/identity/proxyRoute';
import { startIdentityServer } from '../../identity-server/server';
import { FAST_POLL_S } from '../support/fixture';
import type { IdentityServer } from '../../identity-server/types';
import { makeTestCertificates, type TestCertificates } from '../../network/certificates';
import { startSquid, type Squid } from '../../network/squid';
import { vscodeFetch } from '../../network/vscodeFetch';

const HOST = 'accounts.shopify.test';
const BOUND = { timeout: 30_000 };
const PASSWORD = 'pr0xy-Pa55word';
const AUTOMATION_TOKEN = 'atkn_automation_secret_value_123456';

describe('Check Connection', () => {
  let certs: TestCertificates;
  let server: IdentityServer;
  let squid: Squid;
  before(async () => {
    certs = makeTestCertificates(HOST);
    server = await startIdentityServer({ interval: FAST_POLL_S, tls: certs.good, hostname: HOST, clockSkewSeconds: -5400 });
    squid = await startSquid({ hosts: { [HOST]: '127.0.0.1' }, credentials: { user: 'dev', password: PASSWORD } });
  });
  after(async () => {
    await squid.close();
    await server.close();
  });

  function facts(proxyUrl: string): ConnectionFacts {
    const env = { HTTPS_PROXY: proxyUrl, NO_PROXY: 'internal.example', SHOPIFY_APP_AUTOMATION_TOKEN: AUTOMATION_TOKEN, NODE_EXTRA_CA_CERTS: certs.caFile };
    return {
      identityUrl: server.url,
      proxy: proxyRoute(server.url, { setting: '', settingNoProxy: [], env }),
      settings: { 'shopifyAuth.identityUrl': server.url, 'http.proxy': proxyUrl, 'http.proxyStrictSSL': true },
      env,
      versions: { 'Shopify Authentication': '0.1.0', 'VS Code': '1.100.3' },
      accounts: 2,
    };
  }

  test('through the proxy: the verdict names the route and the clock, the report keeps no secret', BOUND, async () => {
    const proxyUrl = squid.url.replace('http://', `http://dev:${PASSWORD}@`);
    const clock = new ServerClock();
    const result = await checkConnection({ facts: facts(proxyUrl), timeoutMs: 10_000, clock, fetch: vscodeFetch({ proxy: proxyUrl, systemCertificates: [certs.ca] }) });
    const masked = `${squid.url.replace('http://', 'http://***:***@')}`;
    assert.equal(result.ok, true, result.report);
    assert.match(result.verdict, new RegExp(`^Connected to ${HOST}:\\d+ through the proxy ${escape(masked)} \\(HTTPS_PROXY\\) in \\d+ ms, but this computer's clock is 1 h 30 min ahead\\.$`));
    for (const line of [/^Route: through the proxy .* \(HTTPS_PROXY\)$/m, /^Reached: yes, HTTP 200 in \d+ ms$/m, /^TLS: certificate verified$/m, /^Clock: This computer's clock is 1 h 30 min ahead of Shopify's/m, /^Accounts signed in: 2$/m, /SHOPIFY_APP_AUTOMATION_TOKEN is set \(value not shown\)/, /NODE_EXTRA_CA_CERTS=\//, /^Versions: Shopify Authentication 0\.1\.0, VS Code 1\.100\.3$/m]) {
      assert.match(result.report, line);
    }
    for (const secret of [PASSWORD, 'dev:', AUTOMATION_TOKEN, 'atkn_']) assert.ok(!result.report.includes(secret), `the report holds ${secret}:\n${result.report}`);
    // The check also teaches the shared clock.
    assert.ok(Math.abs(clock.offsetMs + 5_400_000) < 3000);
  });

  test('a proxy that wants a password: the verdict says so in its first words', BOUND, async () => {
    const result = await checkConnection({ facts: facts(squid.url), timeoutMs: 10_000, fetch: vscodeFetch({ proxy: squid.url, systemCertificates: [certs.ca] }) });
    assert.equal(result.ok, false);
    assert.match(result.verdict, new RegExp(`^Cannot reach ${HOST}:\\d+: The proxy ${escape(squid.url)} \\(HTTPS_PROXY\\) wants a user name and password \\(HTTP 407\\)`));
    assert.match(result.report, /^Cause in detail: TypeError < .*Error/m);
  });

  test('an untrusted certificate: the verdict names it and the fix', BOUND, async () => {
    const proxyUrl = squid.url.replace('http://', `http://dev:${PASSWORD}@`);
    const result = await checkConnection({ facts: facts(proxyUrl), timeoutMs: 10_000, fetch: vscodeFetch({ proxy: proxyUrl }) });
    assert.equal(result.ok, false);
    assert.match(result.verdict, /^Cannot reach .*: The certificate presented for .* is issued by an authority this computer does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\. .*NODE_EXTRA_CA_CERTS/);
    assert.ok(!result.report.includes(PASSWORD));
  });
});

describe('Check Connection with a setting that cannot be used', () => {
  test('an identity URL with a password: the verdict says what is wrong, the report never shows the password', async () => {
    const identityUrl = 'https://me:hunter2-secret@accounts.shopify.com';
    const result = await checkConnection({
      facts: { identityUrl, proxy: undefined, settings: { 'shopifyAuth.identityUrl': identityUrl }, env: {}, versions: {}, accounts: 0 },
      timeoutMs: 1000,
      fetch: () => assert.fail('nothing may be sent'),
    });
    assert.equal(result.ok, false);
    assert.match(result.verdict, /^Cannot check the connection: The setting shopifyAuth\.identityUrl .* contains a user name or password/);
    assert.ok(!result.report.includes('hunter2') && !result.verdict.includes('hunter2'), result.report);
  });
});

describe('which proxy a request takes, as VS Code decides', () => {
  const url = 'https://accounts.shopify.com';
  test('http.proxy first, then the HTTPS_PROXY family; loopback never', () => {
    assert.deepEqual(proxyRoute(url, { setting: 'http://u:p@proxy:3128', env: { HTTPS_PROXY: 'http://other:8080' } }), { proxy: 'http://***:***@proxy:3128', source: 'http.proxy', credentials: true });
    assert.deepEqual(proxyRoute(url, { env: { http_proxy: 'proxy.corp:8080' } }), { proxy: 'http://proxy.corp:8080', source: 'http_proxy', credentials: false });
    assert.equal(proxyRoute('http://127.0.0.1:3000', { setting: 'http://proxy:3128', env: {} }), undefined);
    assert.equal(proxyRoute(url, { env: {} }), undefined);
  });
  test('http.noProxy, when set, replaces NO_PROXY', () => {
    assert.equal(proxyRoute(url, { setting: 'http://proxy:3128', settingNoProxy: ['.shopify.com'], env: {} }), undefined);
    assert.equal(proxyRoute(url, { setting: 'http://proxy:3128', env: { NO_PROXY: 'example.com,shopify.com' } }), undefined);
    assert.ok(proxyRoute(url, { setting: 'http://proxy:3128', settingNoProxy: ['example.com'], env: { NO_PROXY: 'shopify.com' } }));
  });
  test('NO_PROXY rules: *, host, .domain, *.domain, :port', () => {
    const target = new URL('https://accounts.shopify.com');
    assert.equal(bypassesProxy(target, ['*']), true);
    assert.equal(bypassesProxy(target, ['accounts.shopify.com']), true);
    assert.equal(bypassesProxy(target, ['*.shopify.com']), true);
    assert.equal(bypassesProxy(target, ['shopify.com:443']), true);
    assert.equal(bypassesProxy(target, ['shopify.com:8443']), false);
    assert.equal(bypassesProxy(target, ['myshopify.com', '']), false);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
