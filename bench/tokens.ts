// Figure 6: session-token verifications per second, ours (signature plus the whole checklist, with a report)
// against decodeSessionToken of @shopify/shopify-api (signature, exp/nbf, aud), on the same valid tokens in the
// same process. Rounds alternate which side runs first so warm-up and machine load fall on both.
// Two more pairs show where the time goes: our checklist without the signature against the reference's whole
// check, and the HS256 signature alone with our jose 6 (WebCrypto, async) against the jose 5 that
// @shopify/shopify-api bundles (node:crypto, synchronous HMAC).
import '@shopify/shopify-api/adapters/node';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import * as jose6 from 'jose';
import { decodeSessionToken, mintSessionToken, verifySessionToken } from '../src/shopify/tokens';
import { hmacKey } from '../src/shopify/tokens/hmacKey';
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

  // shopify-api's own jose, resolved from its folder as it resolves it.
  const jose5 = createRequire(require.resolve('@shopify/shopify-api'))('jose') as typeof jose6;
  const secretBytes = new TextEncoder().encode(SECRET);
  const key = await hmacKey(SECRET);
  const checklistOnly: Check = async (token) => {
    if (decodeSessionToken(token).checks.some((c) => c.status === 'fail')) throw new Error('our checklist failed a valid bench token');
  };
  const signatureJose6: Check = async (token) => {
    await jose6.compactVerify(token, key, { algorithms: ['HS256'] });
  };
  const signatureJose5: Check = async (token) => {
    await jose5.compactVerify(token, secretBytes, { algorithms: ['HS256'] });
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
  const pair = async (a: Check, b: Check) => {
    const rates = { a: [] as number[], b: [] as number[] };
    for (let round = 0; round < ROUNDS / 2; round++) {
      if (round % 2 === 0) {
        rates.a.push(await rate(a));
        rates.b.push(await rate(b));
      } else {
        rates.b.push(await rate(b));
        rates.a.push(await rate(a));
      }
    }
    return { a: median(rates.a), b: median(rates.b), raw: rates };
  };
  const checklist = await pair(checklistOnly, theirs);
  const signature = await pair(signatureJose6, signatureJose5);
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
      {
        figure: 'Token checking',
        measure: 'where the time goes: our checklist alone (decodeSessionToken, no signature)',
        ours: perSecond(checklist.a),
        reference: `${perSecond(checklist.b)} (@shopify/shopify-api decodeSessionToken)`,
        ratio: checklist.a / checklist.b,
        target: '—',
      },
      {
        figure: 'Token checking',
        measure: 'where the time goes: HS256 signature alone, jose 6 (WebCrypto, key cached) vs jose 5 (node:crypto)',
        ours: perSecond(signature.a),
        reference: `${perSecond(signature.b)} (jose 5 in @shopify/shopify-api)`,
        ratio: signature.a / signature.b,
        target: '—',
      },
    ],
    raw: {
      tokens: TOKENS,
      rounds: ROUNDS,
      verificationsPerRound: TOKENS * PASSES,
      oursPerSecond: oursRates,
      shopifyApiPerSecond: theirRates,
      ratios,
      checklistOnlyPerSecond: checklist.raw.a,
      shopifyApiAgainstChecklistPerSecond: checklist.raw.b,
      jose6SignaturePerSecond: signature.raw.a,
      jose5SignaturePerSecond: signature.raw.b,
    },
  };
}
