// The real editor behind a real proxy. The identity server speaks HTTPS with a certificate from a test
// authority made for this run, under a name (accounts.shopify.test) that only squid resolves: any request
// that reaches it came through squid, which counts the tunnels it opens. VS Code is configured as a user
// behind a corporate proxy would configure it: http.proxy with a password, the authority in
// NODE_EXTRA_CA_CERTS and http.systemCertificates off (measured: VS Code 1.100 ignores NODE_EXTRA_CA_CERTS
// for extensions' requests while http.systemCertificates is on).
// Run alone: node scripts/run-tests.mjs --test-concurrency=1 test/editor/network.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { alice } from '../identity-server/users.ts';
import { makeTestCertificates, type TestCertificates } from '../network/certificates.ts';
import { startSquid, type Squid } from '../network/squid.ts';
import { ConsumerCallError } from './harness/consumer.ts';
import { pollUntil, sleep } from './harness/net.ts';
import { startRealExtension, type RealExtension } from './support/realExtension.ts';

const HOST = 'accounts.shopify.test';
const USER = 'dev';
const PASSWORD = 'pr0xy-Pa55';
const CODE_TOAST = /Your Shopify sign-in code is ([A-Z0-9]{4}-[A-Z0-9]{4})\./;
const CONSENT = /wants to sign in using Shopify/;

interface CheckResult {
  ok: boolean;
  verdict: string;
  report: string;
}

describe('behind a proxy, with a private certificate authority, in the real editor', { timeout: 900_000 }, () => {
  let certs: TestCertificates;
  let squid: Squid | undefined;
  let env: RealExtension | undefined;
  const real = (): RealExtension => env ?? assert.fail('the editor did not start');
  const proxyWithPassword = (): string => (squid ?? assert.fail('no squid')).url.replace('http://', `http://${USER}:${PASSWORD}@`);
  const masked = (): RegExp => new RegExp(`http://\\*\\*\\*:\\*\\*\\*@127\\.0\\.0\\.1:${squid?.port} \\(http\\.proxy\\)`);

  before(async () => {
    certs = makeTestCertificates(HOST);
    squid = await startSquid({ hosts: { [HOST]: '127.0.0.1' }, credentials: { user: USER, password: PASSWORD } });
    env = await startRealExtension({
      identity: { tls: certs.good, hostname: HOST },
      settings: { 'http.proxy': proxyWithPassword(), 'http.systemCertificates': false },
      env: { NODE_EXTRA_CA_CERTS: certs.caFile },
    });
  });

  after(async () => {
    await env?.stop();
    await squid?.close();
  });

  /** Changes http.proxy as a person would in Settings, and waits until the extension host reads the new value. */
  async function setProxySetting(value: string): Promise<void> {
    const { consumer } = real();
    await consumer.setSetting('http.proxy', value);
    const shown = value.includes('@') ? 'http://***:***@' : 'http://127';
    await pollUntil(
      'VS Code to apply the new http.proxy',
      async () => ((await consumer.command<CheckResult>('shopify.checkConnection')).report.includes(`http.proxy=${shown}`) ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
  }

  /** Runs a session-library call that must fail, and returns its message. */
  async function failure(method: string, args: unknown[]): Promise<string> {
    try {
      await real().consumer.session(method, args);
    } catch (error) {
      if (error instanceof ConsumerCallError) return error.message;
      throw error;
    }
    return assert.fail(`${method} succeeded`);
  }

  it('Check Connection names the proxy, and its copied report holds no password', async () => {
    const { wb } = real();
    await wb.runCommand('Shopify: Check Connection');
    const verdict = await wb.waitForNotification(/^Connected to accounts\.shopify\.test:\d+ through the proxy/, { timeoutMs: 60_000 });
    assert.match(verdict, masked());
    await wb.screenshot('network-01-check-connection');
    await wb.clickNotificationButton('Copy Report', { notification: /^Connected to/ });
    await wb.waitForNotification('Connection report copied');
    const report = await wb.readClipboard();
    assert.match(report, /^TLS: certificate verified$/m);
    assert.match(report, /^Accounts signed in: 0$/m);
    assert.match(report, /^Versions: Shopify Authentication \S+, VS Code 1\.100\.3/m);
    assert.match(report, /http\.systemCertificates=false/);
    assert.ok(!report.includes(PASSWORD) && !report.includes(`${USER}:`), report);
  });

  it('sign-in, exchange and refresh all go through the proxy', async () => {
    const { wb, consumer, server } = real();
    // A short-lived identity token, so that the next API token needs a refresh first (renewed at half its life).
    await server.control.configure({ identityLifetime: 16 });
    const outcome = consumer.getSession(['partners'], { createIfNone: true }).then((value) => ({ value }), (error: unknown) => ({ error }));
    await wb.waitForDialog(CONSENT, { timeoutMs: 60_000 });
    await wb.clickDialogButton('Allow');
    const code = await pollUntil('the sign-in code notification', async () => (await wb.notifications()).map((m) => CODE_TOAST.exec(m)?.[1]).find((c) => c !== undefined), {
      timeoutMs: 60_000,
    });
    await server.control.approve(code, 'alice');
    const result = await outcome;
    assert.ok('value' in result, `getSession rejected: ${String('error' in result ? result.error : '')}`);
    const issued = await server.control.issued();
    assert.ok(issued.some((t) => t.value === result.value?.accessToken && t.api === 'partners' && t.sub === alice.sub), 'not a token the server issued');

    await server.control.configure({ identityLifetime: 7200 });
    await sleep(9000);
    const storefront = await consumer.session<string>('ensureAuthenticatedStorefront');
    assert.ok((await server.control.issued()).some((t) => t.value === storefront && t.api === 'storefront-renderer'));
    const counts = await server.control.counts();
    assert.deepEqual([counts.deviceAuthorization, counts.refresh, counts.exchange.partners, counts.exchange['storefront-renderer']], [1, 1, 1, 1]);
  });

  it("a TLS-inspecting firewall's chain, then an expired certificate: each named, with the fix", async () => {
    const { wb, server } = real();
    server.setCertificate(certs.firewallChain);
    const intercepted = await failure('ensureAuthenticatedAdmin', ['shop-one']);
    assert.match(intercepted, /The connection to accounts\.shopify\.test:\d+ through the proxy .* is intercepted: .*\(SELF_SIGNED_CERT_IN_CHAIN\)/);
    assert.match(intercepted, /NODE_EXTRA_CA_CERTS/);
    assert.match(intercepted, /http\.systemCertificates/);
    await wb.runCommand('Shopify: Check Connection');
    await wb.waitForNotification(/^Cannot reach accounts\.shopify\.test:\d+: The connection to .* is intercepted/, { timeoutMs: 60_000 });
    await wb.screenshot('network-02-intercepted');

    // What the message claims about VS Code 1.100, checked: http.proxyStrictSSL off does not let it through...
    await real().consumer.setSetting('http.proxyStrictSSL', false);
    await sleep(1000);
    assert.match((await real().consumer.command<CheckResult>('shopify.checkConnection')).verdict, /SELF_SIGNED_CERT_IN_CHAIN/);
    await real().consumer.setSetting('http.proxyStrictSSL', true);
    // ...and with http.systemCertificates on, NODE_EXTRA_CA_CERTS is ignored: the good certificate is refused.
    server.setCertificate(certs.good);
    await real().consumer.setSetting('http.systemCertificates', true);
    const refused = await pollUntil(
      'http.systemCertificates to apply',
      async () => {
        const check = await real().consumer.command<CheckResult>('shopify.checkConnection');
        return check.ok ? undefined : check.verdict;
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
    assert.match(refused, /issued by an authority this computer does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    await real().consumer.setSetting('http.systemCertificates', false);
    await pollUntil('http.systemCertificates off again', async () => ((await real().consumer.command<CheckResult>('shopify.checkConnection')).ok ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 1000,
    });

    server.setCertificate(certs.expired);
    assert.match(await failure('ensureAuthenticatedAdmin', ['shop-one']), /The certificate presented for accounts\.shopify\.test:\d+ .*has expired \(CERT_HAS_EXPIRED\)\. Check that this computer's date and time are right/);
    server.setCertificate(certs.good);
    assert.equal((await server.control.counts()).exchange.admin, 0, 'a request got through a certificate that should have stopped it');
  });

  it('a proxy that wants a password names http.proxy', async () => {
    await setProxySetting((squid ?? assert.fail('no squid')).url);
    const message = await failure('ensureAuthenticatedAdmin', ['shop-two']);
    assert.match(message, /The proxy http:\/\/127\.0\.0\.1:\d+ \(http\.proxy\) wants a user name and password \(HTTP 407\)/);
    assert.match(message, /http\.proxy \(http:\/\/user:password@host:port\)/);
    await setProxySetting(proxyWithPassword());
    const admin = await real().consumer.session<{ token: string; storeFqdn: string }>('ensureAuthenticatedAdmin', ['shop-two']);
    assert.equal(admin.storeFqdn, 'shop-two.myshopify.com');
  });

  it('a wrong local clock is named once', async () => {
    const { wb, server, consumer } = real();
    await server.control.configure({ clockSkewSeconds: 2 * 3600 });
    // Earlier notifications (a long error among them) would leave no room for a new toast.
    await consumer.command('notifications.clearAll');
    await pollUntil('the notifications to clear', async () => ((await wb.notifications()).length === 0 ? true : undefined), { timeoutMs: 10_000 });
    await sleep(1000);
    for (let i = 0; i < 2; i++) await consumer.command('shopify.checkConnection');
    await wb.waitForNotification(/^This computer's clock is 2 h behind Shopify's/, { timeoutMs: 30_000 });
    await wb.screenshot('network-03-clock');
    assert.equal((await wb.notificationHistory()).filter((m) => m.startsWith("This computer's clock")).length, 1);
    await server.control.configure({ clockSkewSeconds: 0 });
  });

  it('squid carried every request: its tunnels all lead to the identity server', async () => {
    const proxy = squid ?? assert.fail('no squid');
    // squid logs a tunnel when it closes: stop the editor's connections first.
    await env?.stop();
    env = undefined;
    await proxy.close();
    // VS Code's own traffic (telemetry) takes http.proxy too; what matters is the identity server's share.
    const ours = proxy.tunnels().filter((t) => t.target.startsWith(`${HOST}:`));
    assert.ok(ours.every((t) => t.method === 'CONNECT'), JSON.stringify(ours));
    assert.ok(ours.filter((t) => t.status === 200).length >= 3, JSON.stringify(ours));
    assert.ok(ours.some((t) => t.status === 407), `the refused tunnel was not logged: ${JSON.stringify(ours)}`);
  });
});

describe('HTTPS_PROXY from the environment, and http.noProxy, in the real editor', { timeout: 600_000 }, () => {
  let certs: TestCertificates;
  let squid: Squid | undefined;
  let env: RealExtension | undefined;
  const real = (): RealExtension => env ?? assert.fail('the editor did not start');

  before(async () => {
    certs = makeTestCertificates(HOST);
    squid = await startSquid({ hosts: { [HOST]: '127.0.0.1' } });
    env = await startRealExtension({
      identity: { tls: certs.good, hostname: HOST },
      settings: { 'http.systemCertificates': false },
      env: { NODE_EXTRA_CA_CERTS: certs.caFile, HTTPS_PROXY: squid.url },
    });
  });

  after(async () => {
    await env?.stop();
    await squid?.close();
  });

  it('the proxy from HTTPS_PROXY carries the requests', async () => {
    const result = await real().consumer.command<CheckResult>('shopify.checkConnection');
    assert.equal(result.ok, true, result.report);
    assert.match(result.verdict, new RegExp(`^Connected to accounts\\.shopify\\.test:\\d+ through the proxy http://127\\.0\\.0\\.1:${squid?.port} \\(HTTPS_PROXY\\)`));
  });

  it('a host in http.noProxy goes direct, and a name only the proxy knows then fails as DNS, named', async () => {
    const { consumer, wb } = real();
    await consumer.setSetting('http.noProxy', [HOST]);
    const result = await pollUntil(
      'VS Code to apply http.noProxy',
      async () => {
        const check = await consumer.command<CheckResult>('shopify.checkConnection');
        return check.ok ? undefined : check;
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
    assert.match(result.verdict, /^Cannot reach accounts\.shopify\.test:\d+: The name accounts\.shopify\.test could not be found \((ENOTFOUND|EAI_AGAIN)\)/);
    assert.match(result.verdict, /shopifyAuth\.identityUrl/);
    assert.match(result.report, /^Route: directly/m);
    await consumer.command('notifications.clearAll');
    await wb.runCommand('Shopify: Check Connection');
    // The polls above showed the same error each time; VS Code may then keep the palette's copy in the notification
    // centre without a toast (seen under load), so the centre is where the user is sure to find it.
    await wb.runCommand('Notifications: Show Notifications');
    const dns = /^Cannot reach accounts\.shopify\.test:\d+: The name accounts\.shopify\.test could not be found/;
    await pollUntil(
      'the DNS verdict in the notification centre',
      async () => ((await centreMessages(wb.page)).some((m) => dns.test(m)) ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    await wb.screenshot('network-04-dns');
  });
});

/** The messages listed in VS Code's notification centre, newest first. */
function centreMessages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.notifications-center .notification-list-item-message')).map((e) => e.textContent?.trim() ?? ''),
  );
}
