// packages/session, the CLI-shaped helpers other extensions bundle: what it asks VS Code for, how it
// reads the answers, and that the package builds and packs on its own.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { createSession, ShopifySessionError, type AuthenticationSessionLike, type GetSessionOptionsLike, type VsCodeLike } from '../../../packages/session/src/index';

const PACKAGE_DIR = path.resolve(__dirname, '../../../packages/session');

// The caller passes its own `vscode` module: it must fit what the library asks for.
const fits: (api: typeof vscode) => VsCodeLike = (api) => api;
void fits;

interface Call {
  providerId: string;
  scopes: readonly string[];
  options: GetSessionOptionsLike | undefined;
}

/**
 * VS Code's getSession as a caller sees it, for one account: a session per scope list, handed out only
 * once the extension is allowed; a consent prompt that the "user" answers with `answer`.
 */
class Authentication {
  readonly calls: Call[] = [];
  allowed = false;
  answer: 'allow' | 'cancel' = 'allow';
  private readonly account = { id: 'user-1', label: 'dev@example.com' };

  constructor(private readonly activeStore?: string) {}

  async getSession(providerId: string, scopes: readonly string[], options?: GetSessionOptionsLike): Promise<AuthenticationSessionLike | undefined> {
    this.calls.push({ providerId, scopes: [...scopes], options });
    if (providerId !== 'shopify') throw new Error(`No authentication provider '${providerId}' is currently registered.`);
    if (!this.allowed) {
      if (options?.silent || !options?.createIfNone) return undefined;
      if (this.answer === 'cancel') throw new Error('User did not consent to login.');
      this.allowed = true;
    }
    const store = scopes.find((s) => s.startsWith('store:'))?.slice(6) ?? (scopes[0] === 'admin' ? this.activeStore : undefined);
    const fqdn = store === undefined ? undefined : store.includes('.') ? store : `${store}.myshopify.com`;
    return {
      accessToken: `token:${scopes[0]}${fqdn ? `:${fqdn}` : ''}`,
      account: this.account,
      scopes: [scopes[0] ?? '', ...(fqdn ? [`store:${fqdn}`] : []), ...scopes.filter((s) => s !== scopes[0] && !s.startsWith('store:'))],
    };
  }
}

const api = (auth: Authentication): VsCodeLike => ({ authentication: auth });

describe('the session library', () => {
  test('each helper asks getSession for exactly one API, creating if none, and reads the answer the CLI way', async () => {
    const auth = new Authentication('active-store');
    const shopify = createSession(api(auth));
    assert.deepEqual(await shopify.ensureAuthenticatedPartners(['cli-access']), { token: 'token:partners', userId: 'user-1' });
    assert.deepEqual(await shopify.ensureAuthenticatedAdmin('my-store', ['themes']), { token: 'token:admin:my-store.myshopify.com', storeFqdn: 'my-store.myshopify.com' });
    assert.deepEqual(await shopify.ensureAuthenticatedAdmin(), { token: 'token:admin:active-store.myshopify.com', storeFqdn: 'active-store.myshopify.com' });
    assert.equal(await shopify.ensureAuthenticatedStorefront(), 'token:storefront');
    assert.equal(await shopify.ensureAuthenticatedBusinessPlatform(), 'token:business-platform');
    assert.equal(await shopify.ensureAuthenticatedAppManagement(), 'token:app-management');
    assert.deepEqual(
      auth.calls.map((c) => [c.providerId, c.scopes.join(' '), JSON.stringify(c.options)]),
      [
        ['shopify', 'partners cli-access', '{"createIfNone":true}'],
        ['shopify', 'admin store:my-store themes', '{"createIfNone":true}'],
        // No store: the provider uses the active store, and asks the user when none is set.
        ['shopify', 'admin', '{"createIfNone":true}'],
        ['shopify', 'storefront', '{"createIfNone":true}'],
        ['shopify', 'business-platform', '{"createIfNone":true}'],
        ['shopify', 'app-management', '{"createIfNone":true}'],
      ],
    );
  });

  test('ensureAuthenticated asks for each API in turn and returns them in the CLI shape', async () => {
    const auth = new Authentication();
    const all = await createSession(api(auth)).ensureAuthenticated({ adminApi: { storeFqdn: 'shop-one' }, partnersApi: {}, storefrontRendererApi: { scopes: ['devtools'] } });
    assert.deepEqual(all, {
      admin: { token: 'token:admin:shop-one.myshopify.com', storeFqdn: 'shop-one.myshopify.com' },
      partners: 'token:partners',
      storefront: 'token:storefront',
      userId: 'user-1',
    });
    assert.deepEqual(auth.calls.map((c) => c.scopes.join(' ')), ['admin store:shop-one', 'partners', 'storefront devtools']);
    await assert.rejects(createSession(api(auth)).ensureAuthenticated({}), /needs at least one of adminApi/);
  });

  test('Cancel in the consent dialog is a consent-refused error that says how to allow it', async () => {
    const auth = new Authentication();
    auth.answer = 'cancel';
    const error = await createSession(api(auth)).ensureAuthenticatedAdmin('my-store').then(
      () => assert.fail('a token was returned'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ShopifySessionError);
    assert.equal(error.code, 'consent-refused');
    assert.match(error.message, /^No Admin API token for my-store was issued: access to your Shopify account was not allowed/);
    assert.match(error.message, /Manage Trusted Extensions/);
  });

  test('silent never asks: no session is a no-session error; once allowed it returns the token', async () => {
    const auth = new Authentication();
    const silent = createSession(api(auth), { silent: true });
    await assert.rejects(silent.ensureAuthenticatedPartners(), (e: unknown) => e instanceof ShopifySessionError && e.code === 'no-session');
    assert.deepEqual(auth.calls[0]?.options, { silent: true });
    auth.allowed = true;
    assert.equal((await silent.ensureAuthenticatedPartners()).token, 'token:partners');
  });

  test('without the Shopify Authentication extension the error says to install it', async () => {
    const missing: VsCodeLike = {
      authentication: { getSession: () => Promise.reject(new Error("Timed out waiting for authentication provider 'shopify' to register.")) },
    };
    await assert.rejects(createSession(missing).ensureAuthenticatedStorefront(), (e: unknown) => {
      assert.ok(e instanceof ShopifySessionError && e.code === 'not-installed');
      assert.match(e.message, /install and enable the "Shopify Authentication" extension \(shopify-auth-dev\.shopify-authentication\)/);
      return true;
    });
  });

  test('an empty store name is refused before VS Code is asked', async () => {
    const auth = new Authentication();
    await assert.rejects(createSession(api(auth)).ensureAuthenticatedAdmin('  '), /store name is empty/);
    assert.equal(auth.calls.length, 0);
  });

  test('the package builds and packs on its own, shipping only its build, types and README', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: PACKAGE_DIR, encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(out.slice(out.indexOf('\n[') + 1)) as Array<{ name: string; files: Array<{ path: string }> }>;
    assert.equal(report[0]?.name, '@shopify-auth-dev/vscode-session');
    const files = (report[0]?.files ?? []).map((f) => f.path).sort();
    for (const want of ['README.md', 'dist/index.d.ts', 'dist/index.js', 'package.json']) assert.ok(files.includes(want), `${want} missing from ${files.join(', ')}`);
    assert.ok(!files.some((f) => f.startsWith('src/')), 'the TypeScript sources are not shipped');
    // What was built runs in plain Node, with no `vscode` module anywhere.
    const built = require(path.join(PACKAGE_DIR, 'dist/index.js')) as { createSession?: unknown };
    assert.equal(typeof built.createSession, 'function');
  });
});
