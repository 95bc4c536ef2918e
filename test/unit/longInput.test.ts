/**
 * Long hostile input does not stall the extension host: a workspace file, a setting, an environment variable or
 * a pasted token of many thousand characters is read in time that grows with its length, not with its square.
 * Before these patterns started matching only where a run starts, each input here took seconds (one, minutes).
 * The bounds are generous on purpose (each takes a few milliseconds now): they tell linear from quadratic, not fast
 * from slow; the token case compares with a harmless token of the same length in the same run instead.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConnection } from '../../src/shopify/identity/connectionCheck';
import { identityEndpoints } from '../../src/shopify/identity/identityUrl';
import { projectStores } from '../../src/shopify/sessions/projectConfig';
import { decodeSessionToken } from '../../src/shopify/tokens';

const BOUND_MS = 2_000;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

describe('long hostile input is read in linear time', () => {
  test('a project file line of 4,000 spaces after "[" (was 20 s), and a long unclosed header, name no table', () => {
    for (const line of [`[${' '.repeat(4_000)}a`, `[a${' '.repeat(100_000)}b`]) {
      const { value, ms } = timed(() => projectStores('shopify.app.toml', `${line}\n[build]\ndev_store_url = "my-store"`));
      assert.deepEqual(value.stores.map((s) => s.store), ['my-store.myshopify.com']);
      assert.ok(ms < BOUND_MS, `took ${Math.round(ms)} ms`);
    }
  });

  test('an identity URL with 100,000 slashes inside its path (was 9 s) is read, trailing slashes dropped', () => {
    const path = `/x${'/'.repeat(100_000)}y`;
    const { value, ms } = timed(() => identityEndpoints(`https://accounts.example.test${path}//`));
    assert.equal(value.issuer, `https://accounts.example.test${path}`);
    assert.ok(ms < BOUND_MS, `took ${Math.round(ms)} ms`);
  });

  test('Check Connection with a 100,000-character NO_PROXY (was 8 s) still writes its report, credentials masked', async () => {
    const started = performance.now();
    const result = await checkConnection({
      facts: {
        identityUrl: 'https://accounts.example.test',
        proxy: undefined,
        settings: { 'http.proxy': 'http://me:secret@proxy.example.test:3128' },
        env: { NO_PROXY: 'a.'.repeat(50_000) },
        versions: {},
        accounts: 0,
      },
      timeoutMs: 1_000,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const ms = performance.now() - started;
    assert.ok(ms < BOUND_MS, `took ${Math.round(ms)} ms`);
    const report = JSON.stringify(result);
    assert.ok(!report.includes('me:secret'), 'the proxy credentials are masked');
  });

  test('a token whose payload is 16,000 "=" then a letter reads about as fast as a harmless token of that length', () => {
    const hostile = `e30.${'='.repeat(16_000)}x.c2ln`;
    const harmless = `e30.${'A'.repeat(16_000)}x.c2ln`;
    for (let i = 0; i < 3; i++) [hostile, harmless].forEach((t) => decodeSessionToken(t)); // warm up
    const slow = timed(() => decodeSessionToken(hostile)).ms;
    const fast = timed(() => decodeSessionToken(harmless)).ms;
    // Quadratic trimming made the hostile one about 250 ms, a hundred times the other.
    assert.ok(slow < Math.max(20 * fast, 25), `hostile ${slow.toFixed(1)} ms, harmless ${fast.toFixed(1)} ms`);
  });
});
