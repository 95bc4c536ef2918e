// Figure 6: session-token verifications per second, ours (signature plus the whole checklist, with a report)
// against decodeSessionToken of @shopify/shopify-api (signature, exp/nbf, aud), on the same valid tokens in the
// same process. Rounds alternate which side runs first so warm-up and machine load fall on both.
import '@shopify/shopify-api/adapters/node';
import { performance } from 'node:perf_hooks';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { mintSessionToken, verifySessionToken } from '../src/shopify/tokens';
import type { FigureResult } from './figure';
import { median } from './figure';

const CLIENT_ID = 'bench0123456789abcdef0123456789ab';
// A fixed, made-up app secret: the bench's tokens are signed with it and thrown away.
const SECRET = 'shpss_bench_0123456789abcdef0123456789';
const TOKENS = 200;
const ROUNDS = 12;
const PASSES = 10;

type Check = (token: string) => Promise<void>;

export async function measureTokens(): Promise<FigureResult> {
  const tokens = await Promise.all(
    Array.from({ length: TOKENS }, (_, i) => mintSessionToken({ family: 'admin', shop: `shop-${i}`, clientId: CLIENT_ID, secret: SECRET, lifetimeSeconds: 600, sub: String(1000 + i) })),
  );
  const shopify = shopifyApi({
    apiKey: CLIENT_ID,
    apiSecretKey: SECRET,
    hostName: 'bench.example.com',
    apiVersion: ApiVersion.January25,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => undefined },
  });
  const ours: Check = async (token) => {
    const report = await verifySessionToken(token, { clientId: CLIENT_ID, secret: SECRET });
    if (!report.valid) throw new Error(`our verifier rejected a valid bench token: ${report.summary}`);
  };
  const theirs: Check = async (token) => {
    const payload = await shopify.session.decodeSessionToken(token);
    if (payload.aud !== CLIENT_ID) throw new Error('decodeSessionToken answered another audience');
  };

  const rate = async (check: Check) => {
    const start = performance.now();
    for (let pass = 0; pass < PASSES; pass++) for (const token of tokens) await check(token);
    return (PASSES * TOKENS) / ((performance.now() - start) / 1000);
  };
  await rate(ours);
  await rate(theirs);
  const oursRates: number[] = [];
  const theirRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      oursRates.push(await rate(ours));
      theirRates.push(await rate(theirs));
    } else {
      theirRates.push(await rate(theirs));
      oursRates.push(await rate(ours));
    }
  }
  const ratios = oursRates.map((r, i) => r / (theirRates[i] ?? Number.NaN));
  const perSecond = (v: number) => `${Math.round(v).toLocaleString('en-US')}/s`;
  const ratio = median(ratios);
  return {
    id: 'tokens',
    rows: [
      {
        figure: 'Token checking',
        measure: `verifications/s, ${TOKENS} valid admin tokens, median of ${ROUNDS} rounds`,
        ours: perSecond(median(oursRates)),
        reference: `${perSecond(median(theirRates))} (@shopify/shopify-api decodeSessionToken)`,
        ratio,
        target: '≥ 1.0',
        met: ratio >= 1,
      },
    ],
    raw: { tokens: TOKENS, rounds: ROUNDS, verificationsPerRound: TOKENS * PASSES, oursPerSecond: oursRates, shopifyApiPerSecond: theirRates, ratios },
  };
}
