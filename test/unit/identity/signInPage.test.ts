// What the browser is sent to, and what a bad setting echoes: the sign-in page must be on the identity
// server's own host, and a user name and password in shopifyAuth.identityUrl are never repeated.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { redact } from '../../../src/shopify/common/redact';
import { IdentityClient } from '../../../src/shopify/identity/client';
import { checkSignInPage, identityEndpoints } from '../../../src/shopify/identity/identityUrl';
import type { IdentityServer } from '../../identity-server/types';
import { identityServer } from '../support/fixture';

/**
 * A server that answers the device authorization as Shopify does, except that it names `page` as its
 * sign-in page: what a misconfigured or hostile identity URL would do.
 */
async function deviceServerNaming(page: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = JSON.stringify({ device_code: 'dc-0123456789', user_code: 'ABCD-EFGH', expires_in: 600, interval: 1, ...page });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the sign-in page the server names', () => {
  let real: IdentityServer;
  before(async () => (real = await identityServer()));
  after(() => real.close());

  test('the local identity server\'s own page is accepted', async () => {
    const device = await new IdentityClient({ identityUrl: real.url }).requestDeviceCode(['openid']);
    assert.ok(device.verificationUri.startsWith(`${real.url}/`));
    assert.ok(device.verificationUriComplete.startsWith(`${real.url}/`));
  });

  const pages: Array<Record<string, string>> = [
    { verification_uri: 'https://evil.example/activate' },
    { verification_uri: 'http://127.0.0.1/activate', verification_uri_complete: 'https://shopify.com.evil.example/activate?code=1' },
    { verification_uri: 'javascript:alert(1)' },
    { verification_uri: 'file:///etc/passwd' },
  ];
  for (const page of pages) {
    test(`is refused, and nothing opened, when it is ${JSON.stringify(page)}`, async () => {
      const server = await deviceServerNaming(page);
      try {
        await assert.rejects(new IdentityClient({ identityUrl: server.url }).requestDeviceCode(['openid']), (e: unknown) => {
          assert.ok(e instanceof ShopifyAuthError, String(e));
          assert.equal(e.code, 'bad-response');
          assert.match(e.message, /sign-in page .* so it was not opened\. Check the setting shopifyAuth\.identityUrl/);
          return true;
        });
      } finally {
        await server.close();
      }
    });
  }

  test('production: only https pages on accounts.shopify.com', () => {
    const production = identityEndpoints('https://accounts.shopify.com');
    assert.equal(checkSignInPage('https://accounts.shopify.com/activate-with-code?x=1', production), 'https://accounts.shopify.com/activate-with-code?x=1');
    for (const page of ['http://accounts.shopify.com/activate', 'https://accounts.shopify.com.evil.example/', 'https://evil.example/?accounts.shopify.com', 'https://user:pw@accounts.shopify.com/activate']) {
      assert.throws(() => checkSignInPage(page, production), /was not opened/, page);
    }
  });
});

describe('a user name and password in shopifyAuth.identityUrl', () => {
  test('are refused without being repeated in the error', () => {
    assert.throws(
      () => new IdentityClient({ identityUrl: 'https://alice:hunter2-secret@accounts.example.com/' }),
      (e: unknown) => {
        assert.ok(e instanceof ShopifyAuthError && e.code === 'bad-setting');
        assert.ok(!e.message.includes('hunter2-secret') && !e.message.includes('alice'), e.message);
        assert.match(e.message, /user name or password/);
        return true;
      },
    );
    // Also when the value is not even a URL.
    assert.throws(
      () => new IdentityClient({ identityUrl: 'https://alice:hunter2-secret@@bad host' }),
      (e: unknown) => e instanceof ShopifyAuthError && !e.message.includes('hunter2-secret'),
    );
  });

  test('are never written to the log: every log line is redacted, and redaction removes them', () => {
    const line = redact('Identity server is now https://alice:hunter2-secret@accounts.example.com/');
    assert.ok(!line.includes('hunter2-secret') && !line.includes('alice:'), line);
    assert.match(line, /https:\/\/\*\*\*:\*\*\*@accounts\.example\.com\//);
  });
});

test('the user:password placeholder in our own hints stays readable', () => {
  const hint = 'Put them in the setting http.proxy (http://user:password@host:port).';
  assert.equal(redact(hint), hint);
});
