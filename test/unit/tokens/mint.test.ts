import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { FAMILIES, mintSessionToken, type MintOptions } from '../../../src/shopify/tokens';
import { CLIENT_ID, NOW, SECRET, SHOP, T } from './helpers';

const base = { shop: 'my-store', clientId: CLIENT_ID, secret: SECRET, now: NOW } as const;
const mint = (options: Partial<MintOptions> & Pick<MintOptions, 'family'>): Promise<string> => mintSessionToken({ ...base, ...options });

/** What a backend receives: the claims, in the order Shopify writes them, without the random jti and sid. */
async function claimsOf(token: string): Promise<Record<string, unknown>> {
  const { jti, sid, ...rest } = decodeJwt(token);
  assert.match(String(jti), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  if (sid !== undefined) assert.match(String(sid), /^[0-9a-f]{32}$/, 'sid is 16 random bytes as 32 hex digits');
  return { ...rest, ...(sid === undefined ? {} : { sid: 'present' }) };
}

describe('mintSessionToken writes the claims Shopify writes for each family', () => {
  it('admin: iss on /admin, dest an origin, the staff user as sub (1 unless given), and a sid', async () => {
    const claims = await claimsOf(await mint({ family: 'admin' }));
    assert.deepEqual(Object.keys(claims), ['iss', 'dest', 'aud', 'sub', 'exp', 'nbf', 'iat', 'sid']);
    assert.deepEqual(claims, { iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: CLIENT_ID, sub: '1', exp: T + 60, nbf: T, iat: T, sid: 'present' });
    assert.equal((await claimsOf(await mint({ family: 'admin', sub: '42' })))['sub'], '42');
  });

  it('pos: shaped like admin, without a sid', async () => {
    const claims = await claimsOf(await mint({ family: 'pos' }));
    assert.deepEqual(claims, { iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: CLIENT_ID, sub: '1', exp: T + 300, nbf: T, iat: T });
  });

  it('checkout: iss on /checkouts and dest the bare host; no sub unless given', async () => {
    const claims = await claimsOf(await mint({ family: 'checkout' }));
    assert.deepEqual(claims, { iss: `https://${SHOP}/checkouts`, dest: SHOP, aud: CLIENT_ID, exp: T + 300, nbf: T, iat: T });
  });

  it('customer-account: no iss at all, dest the bare host', async () => {
    const claims = await claimsOf(await mint({ family: 'customer-account' }));
    assert.deepEqual(claims, { dest: SHOP, aud: CLIENT_ID, exp: T + 300, nbf: T, iat: T });
  });

  it('extension families: only an all-digit sub becomes a customer gid; anything else is written as given', async () => {
    const sub = async (value: string): Promise<unknown> => decodeJwt(await mint({ family: 'checkout', sub: value }))['sub'];
    assert.equal(await sub('77'), 'gid://shopify/Customer/77');
    assert.equal(await sub('x77'), 'x77');
    assert.equal(await sub('77x'), '77x');
    assert.equal(await sub('gid://shopify/Customer/5'), 'gid://shopify/Customer/5');
  });

  it('every sid is 32 hex digits, leading zeros kept (twenty tokens, so a byte under 16 is all but certain)', async () => {
    for (let i = 0; i < 20; i++) await claimsOf(await mint({ family: 'admin' }));
  });

  it('is signed HS256 with the secret, header alg and typ only', async () => {
    for (const family of FAMILIES) {
      const token = await mint({ family });
      assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
      await jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: NOW });
    }
  });

  it('takes a lifetime from 1 s to 24 h, inclusive', async () => {
    for (const lifetimeSeconds of [1, 86_400]) {
      const claims = decodeJwt(await mint({ family: 'admin', lifetimeSeconds }));
      assert.equal(Number(claims.exp) - Number(claims.iat), lifetimeSeconds);
    }
  });
});

describe('mintSessionToken refuses bad options, saying which and how to mend them', () => {
  const refuses = async (options: Record<string, unknown>, message: string): Promise<void> => {
    await assert.rejects(mintSessionToken({ ...base, family: 'admin', ...options } as unknown as MintOptions), (error: unknown) => {
      assert.ok(error instanceof RangeError, String(error));
      assert.equal(error.message, message);
      return true;
    });
  };

  it('an unknown family, listing the four', async () => {
    await refuses({ family: 'storefront' }, 'family must be one of admin, checkout, customer-account, pos.');
  });

  it('a shop that is no text or no Shopify shop', async () => {
    const message = 'shop must be a shop name like "my-store" or "my-store.myshopify.com".';
    await refuses({ shop: 42 }, message);
    await refuses({ shop: 'evil.example.com' }, message);
  });

  it('a client id that is missing or blank', async () => {
    await refuses({ clientId: undefined }, 'clientId must not be empty.');
    await refuses({ clientId: '  ' }, 'clientId must not be empty.');
  });

  it('a secret that is missing, empty or key material', async () => {
    await refuses({ secret: undefined }, 'secret must not be empty.');
    await refuses({ secret: '' }, 'secret must not be empty.');
    await refuses({ secret: '{"kty":"oct","k":"abc"}' }, "secret is key material (PEM or JWK), not an app's client secret: refused.");
  });

  it('a lifetime under 1 s, over 24 h or not whole', async () => {
    const message = 'lifetimeSeconds must be a whole number from 1 to 86400.';
    for (const lifetimeSeconds of [0, 86_401, 1.5]) await refuses({ lifetimeSeconds }, message);
  });

  it('a now that is no Date or an invalid one', async () => {
    await refuses({ now: 0 }, 'now is not a valid Date.');
    await refuses({ now: new Date(Number.NaN) }, 'now is not a valid Date.');
  });
});
