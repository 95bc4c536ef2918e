// The real editor behind a real proxy: an HTTPS identity server with a certificate from a test
// authority, reachable only through squid (only squid knows its name), and VS Code's proxy settings.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestCertificates, type TestCertificates } from '../network/certificates.ts';
import { startSquid, type Squid } from '../network/squid.ts';
import { startRealExtension, type RealExtension } from './support/realExtension.ts';

const HOST = 'accounts.shopify.test';

describe('experiment', { timeout: 600_000 }, () => {
  let certs: TestCertificates;
  let squid: Squid;
  let env: RealExtension;
  before(async () => {
    certs = makeTestCertificates(HOST);
    squid = await startSquid({ hosts: { [HOST]: '127.0.0.1' }, credentials: { user: 'dev', password: 'pw-123' } });
    env = await startRealExtension({
      identity: { tls: certs.good, hostname: HOST },
      settings: { 'http.proxy': squid.url.replace('http://', 'http://dev:pw-123@'), ...JSON.parse(process.env.EXP_SETTINGS ?? '{}') },
      env: process.env.EXP_NO_EXTRA ? {} : { NODE_EXTRA_CA_CERTS: certs.caFile },
    });
  });
  after(async () => {
    await env?.stop();
    await squid?.close();
  });
  it('check', async () => {
    console.log(JSON.stringify(await env.consumer.command('shopify.checkConnection'), null, 1));
    await env.wb.screenshot('network-exp');
    console.log(JSON.stringify(squid.tunnels()));
  });
});
