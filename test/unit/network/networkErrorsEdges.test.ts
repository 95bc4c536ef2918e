// A request that got no HTTP answer, as the user reads it: every certificate verdict OpenSSL gives, every DNS
// and socket code node reports, a proxy's refusal by status, each with and without a proxy in the way, and what
// calling code reads from the error (its kind, whether to retry, whether the request left this machine, its cause).
// Errors are shaped as node and undici make them: "fetch failed" wrapping the real failure, with node's codes;
// a refused connection comes from a real socket.
import assert from 'node:assert/strict';
import net from 'node:net';
import os from 'node:os';
import util from 'node:util';
import tls from 'node:tls';
import { describe, test } from 'node:test';
import { ShopifyAuthError } from '../../../src/shopify/common/errors';
import { networkFailure } from '../../../src/shopify/identity/networkErrors';

const URL_ = 'https://accounts.shopify.com/oauth/token';
const HOST = 'accounts.shopify.com';
const PROXY = { proxy: 'http://proxy.corp:3128 (http.proxy)' };
const TRUST_FIX =
  "get your network's root certificate from your IT team and add it to this computer's trusted certificates (VS Code reads them while http.systemCertificates is on); or save it as a PEM file, start VS Code with NODE_EXTRA_CA_CERTS set to that file and turn http.systemCertificates off. Turning off http.proxyStrictSSL does not help here.";

/** How undici's fetch rejects: a TypeError "fetch failed" whose cause is what went wrong. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

/** A TLS verification failure as node reports it: OpenSSL's text, its code. */
function certificateError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A system error as node's net and dns make them: "<syscall> <CODE> <address>", errno, code, syscall. */
function systemError(name: keyof typeof os.constants.errno, syscall: string, address: string): Error {
  const errno = -os.constants.errno[name];
  const code = util.getSystemErrorName(errno);
  return Object.assign(new Error(`${syscall} ${code} ${address}`), { errno, code, syscall });
}

/** A DNS failure as dns.lookup reports it (getaddrinfo's codes are not errno values). */
function dnsError(code: string, hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { errno: -3008, code, syscall: 'getaddrinfo', hostname });
}

/** The error a real connection to a closed port on this machine gives. */
async function refusedConnection(): Promise<Error> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return new Promise<Error>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', resolve);
  });
}

function failure(error: unknown, route = {}): ShopifyAuthError {
  const result = networkFailure(error, URL_, route);
  assert.ok(result instanceof ShopifyAuthError);
  assert.equal(result.cause, error, 'the original error is kept as the cause');
  return result;
}

describe('certificates the connection could not trust', () => {
  for (const [code, message] of [
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
    ['UNABLE_TO_GET_ISSUER_CERT', 'unable to get issuer certificate'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'],
    ['CERT_UNTRUSTED', 'certificate not trusted'],
    ['CERT_SIGNATURE_FAILURE', 'certificate signature failure'],
  ] as const) {
    test(`${code}: an authority this computer does not trust, and how to trust it`, () => {
      const error = failure(fetchFailed(certificateError(code, message)));
      assert.equal(error.code, 'tls');
      assert.equal(error.transient, false);
      assert.equal(error.message, `The certificate presented for ${HOST} is issued by an authority this computer does not trust (${code}). If your network inspects traffic: ${TRUST_FIX}`);
      assert.equal(
        failure(fetchFailed(certificateError(code, message)), PROXY).message,
        `The certificate presented for ${HOST} through the proxy ${PROXY.proxy} is issued by an authority this computer does not trust (${code}). If your network inspects traffic: ${TRUST_FIX}`,
      );
    });
  }

  test('an expired certificate through a proxy names the proxy and the clock', () => {
    const error = failure(fetchFailed(certificateError('CERT_HAS_EXPIRED', 'certificate has expired')), PROXY);
    assert.equal(error.code, 'tls');
    assert.equal(
      error.message,
      `The certificate presented for ${HOST} through the proxy ${PROXY.proxy} has expired (CERT_HAS_EXPIRED). Check that this computer's date and time are right; if they are, the server or a proxy on your network presents an outdated certificate: tell your IT team, and check the setting shopifyAuth.identityUrl.`,
    );
  });

  test('a certificate not valid yet: the clock is probably behind, with and without a proxy', () => {
    const cause = () => fetchFailed(certificateError('CERT_NOT_YET_VALID', 'certificate is not yet valid'));
    assert.equal(failure(cause()).code, 'tls');
    assert.equal(
      failure(cause()).message,
      `The certificate presented for ${HOST} is not valid yet (CERT_NOT_YET_VALID): this computer's clock is probably behind. Set the date and time automatically, then try again.`,
    );
    assert.equal(
      failure(cause(), PROXY).message,
      `The certificate presented for ${HOST} through the proxy ${PROXY.proxy} is not valid yet (CERT_NOT_YET_VALID): this computer's clock is probably behind. Set the date and time automatically, then try again.`,
    );
  });

  test("a certificate for another name (node's own check): the identity URL, or an inspecting network", () => {
    const mismatch = tls.checkServerIdentity(HOST, { subject: { CN: 'intercept.corp' }, subjectaltname: 'DNS:intercept.corp' } as unknown as tls.PeerCertificate);
    assert.ok(mismatch instanceof Error);
    const error = failure(fetchFailed(mismatch));
    assert.equal(error.code, 'tls');
    assert.equal(error.message, `The certificate presented for ${HOST} is for another name (ERR_TLS_CERT_ALTNAME_INVALID). Check the setting shopifyAuth.identityUrl. On a network that inspects traffic: ${TRUST_FIX}`);
    assert.equal(
      failure(fetchFailed(mismatch), PROXY).message,
      `The certificate presented for ${HOST} through the proxy ${PROXY.proxy} is for another name (ERR_TLS_CERT_ALTNAME_INVALID). Check the setting shopifyAuth.identityUrl. On a network that inspects traffic: ${TRUST_FIX}`,
    );
  });

  test('self-signed, in the chain or the server itself, through a proxy', () => {
    assert.equal(
      failure(fetchFailed(certificateError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain')), PROXY).message,
      `The connection to ${HOST} through the proxy ${PROXY.proxy} is intercepted: its certificate chain ends in a self-signed authority this computer does not trust (SELF_SIGNED_CERT_IN_CHAIN), as TLS-inspecting proxies and firewalls do. To trust it: ${TRUST_FIX}`,
    );
    assert.equal(
      failure(fetchFailed(certificateError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')), PROXY).message,
      `${HOST} through the proxy ${PROXY.proxy} presented a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT), which this computer does not trust. Check the setting shopifyAuth.identityUrl. If your network inspects traffic: ${TRUST_FIX}`,
    );
  });
});

describe('a proxy that refused the tunnel', () => {
  test("407 in VS Code's words, with no proxy known: where the password goes", () => {
    class ProxyAuthError extends Error {
      constructor(readonly proxyAuthenticate: string) {
        super('Proxy authentication required');
      }
    }
    const error = failure(fetchFailed(new ProxyAuthError('Basic realm="corp"')));
    assert.equal(error.code, 'proxy');
    assert.equal(error.transient, false);
    assert.equal(
      error.message,
      `A proxy wants a user name and password (HTTP 407) before it connects to ${HOST}. Put them in the proxy address in the setting http.proxy (http://user:password@host:port) or in HTTPS_PROXY, then try again.`,
    );
  });

  test("the phrase quoted inside another failure's text is not the proxy's demand: the failure's own code is named", () => {
    // Only VS Code's ProxyAuthError says it as its whole message; advice to put a password in http.proxy would send
    // the user the wrong way when the socket was reset and some text merely mentions a 407.
    const reset = Object.assign(new Error('read ECONNRESET (last answer: Proxy authentication required)'), { code: 'ECONNRESET' });
    const error = failure(fetchFailed(reset));
    assert.equal(error.code, 'network');
    assert.equal(error.message, `Could not reach Shopify's identity service at ${HOST} (ECONNRESET). Check your internet connection, proxy (http.proxy) or VPN, then try again.`);
  });

  for (const [status, transient] of [
    [403, false],
    [499, false],
    [500, true],
    [502, true],
  ] as const) {
    test(`undici's "Proxy response (${status})": the proxy would not connect; retried later: ${transient}`, () => {
      const cause = () => fetchFailed(Object.assign(new Error(`Proxy response (${status}) !== 200 when HTTP Tunneling`), { code: 'UND_ERR_ABORTED' }));
      const error = failure(cause());
      assert.equal(error.code, 'proxy');
      assert.equal(error.transient, transient);
      assert.equal(
        error.message,
        `A proxy would not connect to ${HOST} (HTTP ${status}). Ask your IT team to allow ${HOST}; if it is reachable without the proxy, add it to the setting http.noProxy. The proxy comes from http.proxy or HTTPS_PROXY.`,
      );
      const proxied = failure(cause(), PROXY);
      assert.equal(proxied.transient, transient);
      assert.equal(
        proxied.message,
        `The proxy ${PROXY.proxy} would not connect to ${HOST} (HTTP ${status}). Ask your IT team to allow ${HOST}; if it is reachable without the proxy, add it to the setting http.noProxy. The proxy comes from http.proxy or HTTPS_PROXY.`,
      );
    });
  }
});

describe('names that do not resolve', () => {
  for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']) {
    test(`${code}: the name could not be found; safe to send again`, () => {
      const error = failure(fetchFailed(dnsError(code, HOST)));
      assert.equal(error.code, 'network');
      assert.equal(error.transient, true);
      assert.equal(error.neverSent, true);
      assert.equal(
        error.message,
        `The name ${HOST} could not be found (${code}): this computer's DNS does not know it. Check the address in the setting shopifyAuth.identityUrl and your internet connection; if your network needs a proxy to reach the internet, set it in http.proxy (or HTTPS_PROXY), then try again.`,
      );
    });
  }

  test('through a proxy: check the proxy address', () => {
    const error = failure(fetchFailed(dnsError('ENOTFOUND', 'proxy.corp')), PROXY);
    assert.equal(error.message, `The name ${HOST} could not be found (ENOTFOUND): this computer's DNS does not know it. Check the proxy address in http.proxy or HTTPS_PROXY, then try again.`);
    assert.deepEqual([error.transient, error.neverSent], [true, true]);
  });
});

describe('connections that failed', () => {
  test('a real refused connection: nothing accepted it; safe to send again', async () => {
    const refused = await refusedConnection();
    assert.equal((refused as { code?: string }).code, 'ECONNREFUSED');
    const error = failure(fetchFailed(refused));
    assert.equal(error.code, 'network');
    assert.deepEqual([error.transient, error.neverSent], [true, true]);
    assert.equal(
      error.message,
      `Could not reach Shopify's identity service at ${HOST}: nothing accepted the connection (ECONNREFUSED). Check your internet connection and the setting shopifyAuth.identityUrl, and http.proxy if your network needs a proxy, then try again.`,
    );
    const proxied = failure(fetchFailed(refused), PROXY);
    assert.deepEqual([proxied.transient, proxied.neverSent], [true, true]);
    assert.equal(
      proxied.message,
      `Could not reach Shopify's identity service at ${HOST}: the proxy ${PROXY.proxy} accepted no connection (ECONNREFUSED). Check your internet connection and the proxy address in http.proxy or HTTPS_PROXY, then try again.`,
    );
  });

  for (const name of ['ENETUNREACH', 'EHOSTUNREACH'] as const) {
    test(`${name}: named, and the request never left this machine`, () => {
      const error = failure(fetchFailed(systemError(name, 'connect', '23.227.38.33:443')));
      assert.equal(error.code, 'network');
      assert.deepEqual([error.transient, error.neverSent], [true, true]);
      assert.equal(error.message, `Could not reach Shopify's identity service at ${HOST} (${name}). Check your internet connection, proxy (http.proxy) or VPN, then try again.`);
    });
  }

  test('ETIMEDOUT and ECONNRESET: named, but the request may have arrived', () => {
    for (const name of ['ETIMEDOUT', 'ECONNRESET'] as const) {
      const error = failure(fetchFailed(systemError(name, name === 'ETIMEDOUT' ? 'connect' : 'read', '23.227.38.33:443')), PROXY);
      assert.deepEqual([error.transient, error.neverSent], [true, false]);
      assert.equal(error.message, `Could not reach Shopify's identity service at ${HOST} through the proxy ${PROXY.proxy} (${name}). Check your internet connection, proxy (http.proxy) or VPN, then try again.`);
    }
  });

  test("undici's own codes are named", () => {
    const error = failure(fetchFailed(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })));
    assert.equal(error.message, `Could not reach Shopify's identity service at ${HOST} (UND_ERR_SOCKET). Check your internet connection, proxy (http.proxy) or VPN, then try again.`);
    assert.equal(error.neverSent, false);
  });

  test("no code at all: the plain sentence, and not known to be unsent", () => {
    const error = failure(fetchFailed(new Error('socket hang up')));
    assert.deepEqual([error.code, error.transient, error.neverSent], ['network', true, false]);
    assert.equal(error.message, `Could not reach Shopify's identity service at ${HOST}. Check your internet connection, proxy (http.proxy) or VPN, then try again.`);
    assert.equal(
      failure(fetchFailed(new Error('socket hang up')), PROXY).message,
      `Could not reach Shopify's identity service at ${HOST} through the proxy ${PROXY.proxy}. Check your internet connection, proxy (http.proxy) or VPN, then try again.`,
    );
  });

  test("one of node's internal codes above the system's: the system's is named", () => {
    const inner = systemError('ECONNREFUSED', 'connect', '127.0.0.1:3128');
    const error = failure(fetchFailed(Object.assign(new Error('socket closed', { cause: inner }), { code: 'ERR_SOCKET_CLOSED' })), PROXY);
    assert.deepEqual([error.transient, error.neverSent], [true, true]);
    assert.match(error.message, /: the proxy .* accepted no connection \(ECONNREFUSED\)\./);
  });

  test('a code more than six causes deep is not read', () => {
    let deep: Error = systemError('ECONNREFUSED', 'connect', '127.0.0.1:1');
    for (let i = 0; i < 6; i++) deep = new Error(`layer ${i}`, { cause: deep });
    const error = failure(deep);
    assert.equal(error.message, `Could not reach Shopify's identity service at ${HOST}. Check your internet connection, proxy (http.proxy) or VPN, then try again.`);
    assert.equal(error.neverSent, false);
    // Six deep is still read.
    assert.match(failure((deep.cause as Error)).message, /nothing accepted the connection \(ECONNREFUSED\)/);
  });
});
