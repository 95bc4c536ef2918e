// What the token figures share: the bench's tokens, the reference decodeSessionToken of @shopify/shopify-api, and our
// verifier from the built bundle, each wrapped as "check one token" so the speed and memory figures run the same code.
import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import type { BuiltTokens } from './builtTokens';

export const CLIENT_ID = 'bench0123456789abcdef0123456789ab';
// A fixed, made-up app secret: the bench's tokens are signed with it and thrown away.
export const SECRET = 'shpss_bench_0123456789abcdef0123456789';
export const TOKENS = 200;

export type Check = (token: string) => Promise<void>;

/**
 * Valid admin tokens, each issued a second apart (so no two share exp, nbf or iat, as in a real stream of
 * requests), all still valid for several minutes.
 */
export function mintBenchTokens(built: BuiltTokens): Promise<string[]> {
  const now = Date.now();
  return Promise.all(
    Array.from({ length: TOKENS }, (_, i) =>
      built.mintSessionToken({ family: 'admin', shop: `shop-${i}`, clientId: CLIENT_ID, secret: SECRET, lifetimeSeconds: 900, sub: String(1000 + i), now: new Date(now - i * 1000) }),
    ),
  );
}

/** Our full verification: signature plus the whole checklist, with its report. */
export function oursCheck(built: BuiltTokens): Check {
  return async (token) => {
    const report = await built.verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET });
    if (!report.valid) throw new Error('our verifier rejected a valid bench token');
  };
}

/** The reference: @shopify/shopify-api's decodeSessionToken (signature, exp/nbf, aud), as an app backend calls it. */
export function referenceCheck(): Check {
  const shopify = shopifyApi({
    apiKey: CLIENT_ID,
    apiSecretKey: SECRET,
    hostName: 'bench.example.com',
    apiVersion: ApiVersion.January25,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => undefined },
  });
  return async (token) => {
    const payload = await shopify.session.decodeSessionToken(token);
    if (payload.aud !== CLIENT_ID) throw new Error('decodeSessionToken answered another audience');
  };
}
