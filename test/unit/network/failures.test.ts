// What a user behind a real network meets, against real servers on loopback: certificates a machine
// does not trust (unknown authority, a TLS-inspecting firewall's own root, self-signed, expired), a
// name that does not resolve, and a proxy (squid) that wants a password. Each failure must name its
// cause and the setting that fixes it, never a bare "fetch failed". Requests go through the fetch an
// extension gets in VS Code 1.100 (its proxy support and certificate handling, from the test editor).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { identityScopes } from '../../../src/shopify/identity/apis';
import { IdentityClient } from '../../../src/shopify/identity/client';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import type { Fetch } from '../../../src/shopify/identity/fetchAdapter';
import { startIdentityServer } from '../../identity-server/server';
import { FAST_POLL_S } from '../support/fixture';
import type { IdentityServer } from '../../identity-server/types';
import { makeTestCertificates, type Certificate, type TestCertificates } from '../../network/certificates';
import { startSquid, type Squid } from '../../network/squid';
import { vscodeFetch } from '../../network/vscodeFetch';

const HOST = 'accounts.shopify.test';
const BOUND = { timeout: 30_000 };

function expectFailure(code: string, ...patterns: RegExp[]) {
  return (e: unknown): true => {
    assert.ok(e instanceof ShopifyAuthError, `not our error: ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.doesNotMatch(e.message, /fetch failed/);
    for (const pattern of patterns) assert.match(e.message, pattern);
    return true;
  };
}

describe('network failures name the cause and the fix', () => {
  let certs: TestCertificates;
  const servers: IdentityServer[] = [];
  before(() => (certs = makeTestCertificates(HOST)));
  after(async () => Promise.all(servers.map((s) => s.close())));

  async function tlsServer(cert: Certificate, hostname = '127.0.0.1'): Promise<IdentityServer> {
    const server = await startIdentityServer({ interval: FAST_POLL_S, tls: cert, hostname });
    servers.push(server);
    return server;
  }
  /** A client as the extension builds it, on VS Code's fetch that trusts the test authority like a system certificate. */
  function client(server: IdentityServer | string, fetch: Fetch = vscodeFetch({ systemCertificates: [certs.ca] }), proxy?: string): IdentityClient {
    return new IdentityClient({ identityUrl: typeof server === 'string' ? server : server.url, requestTimeoutMs: 10_000, fetch, ...(proxy ? { route: () => ({ proxy }) } : {}) });
  }
  async function refusedBeforeAnyRequest(server: IdentityServer, check: (e: unknown) => true): Promise<void> {
    await assert.rejects(client(server).requestDeviceCode(identityScopes()), check);
    assert.equal((await server.control.counts()).deviceAuthorization, 0, 'a request got through');
  }

  test('a certificate from a trusted authority works (the control case)', BOUND, async () => {
    const server = await tlsServer(certs.good);
    const device = await client(server).requestDeviceCode(identityScopes());
    assert.match(device.userCode, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  test('an unknown authority', BOUND, async () => {
    await refusedBeforeAnyRequest(
      await tlsServer(certs.unknownAuthority),
      expectFailure('tls', /^The certificate presented for 127\.0\.0\.1:\d+ is issued by an authority this computer does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/, /NODE_EXTRA_CA_CERTS/, /http\.systemCertificates/),
    );
  });

  test("a TLS-inspecting firewall's self-signed chain", BOUND, async () => {
    await refusedBeforeAnyRequest(
      await tlsServer(certs.firewallChain),
      expectFailure('tls', /^The connection to 127\.0\.0\.1:\d+ is intercepted: .*\(SELF_SIGNED_CERT_IN_CHAIN\)/, /root certificate/, /NODE_EXTRA_CA_CERTS/),
    );
  });

  test('a self-signed server certificate', BOUND, async () => {
    await refusedBeforeAnyRequest(await tlsServer(certs.selfSigned), expectFailure('tls', /self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/, /shopifyAuth\.identityUrl/));
  });

  test('an expired certificate', BOUND, async () => {
    await refusedBeforeAnyRequest(await tlsServer(certs.expired), expectFailure('tls', /has expired \(CERT_HAS_EXPIRED\)/, /date and time/));
  });

  test('a name that does not resolve (real DNS)', BOUND, async () => {
    await assert.rejects(
      client('https://accounts.shopify.invalid', vscodeFetch()).requestDeviceCode(identityScopes()),
      expectFailure('network', /^The name accounts\.shopify\.invalid could not be found \((ENOTFOUND|EAI_AGAIN)\)/, /shopifyAuth\.identityUrl/, /http\.proxy/),
    );
  });

  describe('behind a proxy that wants a password (squid)', () => {
    let squid: Squid;
    let server: IdentityServer;
    before(async () => {
      server = await tlsServer(certs.good, HOST);
      const port = new URL(server.url).port;
      squid = await startSquid({ hosts: { [HOST]: '127.0.0.1' }, credentials: { user: 'dev', password: 'pa55-word' } });
      assert.ok(port);
    });
    after(async () => squid.close());

    test('407 names the proxy and where the password goes', BOUND, async () => {
      const identity = client(server, vscodeFetch({ proxy: squid.url, systemCertificates: [certs.ca] }), `${squid.url} (http.proxy)`);
      await assert.rejects(
        identity.requestDeviceCode(identityScopes()),
        expectFailure('proxy', new RegExp(`^The proxy ${squid.url.replace(/\./g, '\\.')} \\(http\\.proxy\\) wants a user name and password \\(HTTP 407\\)`), /http\.proxy \(http:\/\/user:password@host:port\)/, /HTTPS_PROXY/),
      );
      assert.equal((await server.control.counts()).deviceAuthorization, 0);
      const refused = await squid.logged((t) => t.method === 'CONNECT' && t.target === new URL(server.url).host && t.status === 407);
      assert.ok(refused, JSON.stringify(squid.tunnels()));
    });

    test('with the password in the proxy URL, sign-in, exchange and refresh all go through it', BOUND, async () => {
      const proxy = squid.url.replace('http://', 'http://dev:pa55-word@');
      const identity = client(server, vscodeFetch({ proxy, systemCertificates: [certs.ca] }));
      const device = await identity.requestDeviceCode(identityScopes());
      await server.control.approve(device.userCode);
      const tokens = await identity.waitForApproval(device);
      await identity.exchange(tokens.accessToken, 'partners', [], undefined);
      await identity.refresh(tokens.refreshToken, tokens.accessToken, tokens.scopes);
      const counts = await server.control.counts();
      assert.deepEqual([counts.deviceAuthorization, counts.exchange.partners, counts.refresh], [1, 1, 1]);
      // The server's name is known only to squid, so every request above came through a tunnel it opened.
      await squid.close();
      const tunnels = squid.tunnels().filter((t) => t.method === 'CONNECT' && t.status === 200);
      assert.ok(tunnels.length >= 1, JSON.stringify(squid.tunnels()));
      assert.ok(tunnels.every((t) => t.target === new URL(server.url).host));
    });
  });
});
