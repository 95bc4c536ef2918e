// The edges of reading the proxy settings as VS Code does: which proxy a request takes, which hosts skip it,
// and how a proxy address is shown without its password. Pure calls, no server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bypassesProxy, maskProxy, proxyRoute } from '../../../src/shopify/identity/proxyRoute';

const URL_ = 'https://accounts.shopify.com/oauth/token';
const PROXY = 'http://proxy.corp:3128';

describe('which proxy a request takes: the edges', () => {
  test('localhost and [::1] never go through the proxy', () => {
    assert.equal(proxyRoute('http://localhost:3000/oauth/token', { setting: PROXY, env: {} }), undefined);
    assert.equal(proxyRoute('http://[::1]:3000/oauth/token', { setting: PROXY, env: {} }), undefined);
  });

  test('an address without a host is not taken for loopback', () => {
    assert.deepEqual(proxyRoute('file:///tmp/answer.json', { setting: PROXY, env: {} }), { proxy: PROXY, source: 'http.proxy', credentials: false });
  });

  test('an http.noProxy of blank entries counts as unset: NO_PROXY applies', () => {
    assert.equal(proxyRoute(URL_, { setting: PROXY, settingNoProxy: [' ', ''], env: { NO_PROXY: 'shopify.com' } }), undefined);
  });

  test('lower-case no_proxy is read', () => {
    assert.equal(proxyRoute(URL_, { setting: PROXY, env: { no_proxy: 'accounts.shopify.com' } }), undefined);
  });

  test('NO_PROXY entries may be spaced after their commas', () => {
    assert.equal(proxyRoute(URL_, { setting: PROXY, env: { NO_PROXY: 'example.com, accounts.shopify.com' } }), undefined);
  });

  test('with no NO_PROXY, a host written with a trailing dot still takes the proxy', () => {
    assert.deepEqual(proxyRoute('https://accounts.shopify.com./oauth/token', { env: { HTTPS_PROXY: PROXY } }), { proxy: PROXY, source: 'HTTPS_PROXY', credentials: false });
  });

  test('a blank http.proxy is unset: the environment decides', () => {
    assert.deepEqual(proxyRoute(URL_, { setting: '  ', env: { HTTPS_PROXY: PROXY } }), { proxy: PROXY, source: 'HTTPS_PROXY', credentials: false });
  });

  test('a blank variable is skipped for the next one in the family', () => {
    assert.deepEqual(proxyRoute(URL_, { env: { https_proxy: ' ', HTTPS_PROXY: PROXY } }), { proxy: PROXY, source: 'HTTPS_PROXY', credentials: false });
  });

  test('spaces around a proxy address are dropped', () => {
    assert.deepEqual(proxyRoute(URL_, { env: { HTTPS_PROXY: ' proxy.corp:3128 ' } }), { proxy: PROXY, source: 'HTTPS_PROXY', credentials: false });
  });
});

describe('which hosts skip the proxy (NO_PROXY rules): the edges', () => {
  test('a rule with :80 matches a plain http address, not an https one', () => {
    assert.equal(bypassesProxy(new URL('http://internal.example/x'), ['internal.example:80']), true);
    assert.equal(bypassesProxy(new URL('https://internal.example/x'), ['internal.example:80']), false);
  });

  test('"*" is a wildcard only at the start of a rule', () => {
    assert.equal(bypassesProxy(new URL(URL_), ['accounts*.shopify.com']), false);
  });

  test('an IPv6 address rule is not read as a host and a port', () => {
    assert.equal(bypassesProxy(new URL('http://[2001:db8::1]:8080/x'), ['[2001:db8::1]']), true);
  });
});

describe('a proxy address as messages show it', () => {
  test('a user name alone is masked', () => {
    assert.deepEqual(maskProxy('http://dev@proxy.corp:3128'), { text: 'http://***@proxy.corp:3128', credentials: true });
  });

  test('a password alone is masked', () => {
    assert.deepEqual(maskProxy('http://:pa55-word@proxy.corp:3128'), { text: 'http://***:***@proxy.corp:3128', credentials: true });
  });

  test('a password typed with "@", "#" or "?" in it is masked whole: the user info runs to the last "@"', () => {
    // new URL() ends the user info at the first "@" before "#" or "?", and would show "ss/#1" as host and fragment.
    assert.deepEqual(maskProxy('http://me:P@ss#1@proxy.corp:8080'), { text: 'http://***:***@proxy.corp:8080', credentials: true });
    assert.deepEqual(maskProxy('http://me:pa?ss@proxy.corp:8080'), { text: 'http://***:***@proxy.corp:8080', credentials: true });
    assert.deepEqual(maskProxy('http://me#x@proxy.corp:3128'), { text: 'http://***@proxy.corp:3128', credentials: true });
    assert.deepEqual(maskProxy('me:P@ss#1@proxy.corp:8080'), { text: 'http://***:***@proxy.corp:8080', credentials: true });
  });

  test('spaces around the address are not part of it: the scheme is still read', () => {
    assert.deepEqual(maskProxy(' socks5://me:pw@proxy.corp:1080 '), { text: 'socks5://***:***@proxy.corp:1080', credentials: true });
  });

  test('an address that cannot be read keeps only what follows the last "@"', () => {
    assert.deepEqual(maskProxy('dev:pa55-word@proxy.corp:99999'), { text: '***@proxy.corp:99999', credentials: true });
    assert.deepEqual(maskProxy('@proxy.corp:99999'), { text: '***@proxy.corp:99999', credentials: true });
  });

  test('an address that cannot be read and has no "@" is shown as it is', () => {
    assert.deepEqual(maskProxy('proxy.corp:99999'), { text: 'proxy.corp:99999', credentials: false });
  });
});
