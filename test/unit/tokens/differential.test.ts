/**
 * The fast checker against the reference (test/unit/tokens/oracle, a frozen copy of the jose-based checker): on the
 * corpus and on thousands of seeded, damaged tokens, under several option sets and time zones, both must give the
 * same report, byte for byte as JSON (member order included). A report that differs fails with the case named,
 * never with the token.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { decodeSessionToken, verifySessionToken, type DecodeOptions, type VerifyOptions } from '../../../src/shopify/tokens';
import * as oracle from './oracle';
import { CASES } from './corpus';
import { CLIENT_ID, claimsFor, joseToken, NOW, OLD_SECRET, SECRET, T } from './helpers';
import { mutatedTokens } from './mutations';

const VERIFY_OPTIONS: readonly VerifyOptions[] = [
  { clientId: CLIENT_ID, secret: SECRET, now: NOW },
  { clientId: CLIENT_ID, secret: 'a-fourth-secret-value', previousSecret: SECRET, now: NOW },
  { clientId: CLIENT_ID, secret: SECRET, previousSecret: OLD_SECRET, at: new Date((T - 3600) * 1000), now: NOW, family: 'admin' },
  { clientId: '', secret: SECRET, leewaySeconds: 0, family: 'checkout', at: T + 30, now: NOW },
  { clientId: CLIENT_ID, secret: SECRET, previousSecret: SECRET, leewaySeconds: 300, at: (T + 100) * 1000, family: 'pos', now: NOW },
  { clientId: CLIENT_ID, now: NOW, family: 'customer-account' },
  { clientId: CLIENT_ID, secret: ` ${SECRET}`, previousSecret: '', leewaySeconds: 2.5, now: NOW },
  { clientId: CLIENT_ID, secret: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----', previousSecret: OLD_SECRET, now: NOW },
  { clientId: CLIENT_ID, secret: OLD_SECRET, previousSecret: '{"kty":"oct","k":"c2VjcmV0"}', at: T, now: NOW },
];

const DECODE_OPTIONS: readonly DecodeOptions[] = [{ now: NOW }, { now: NOW, family: 'admin', at: T - 10, leewaySeconds: 5 }, { now: new Date((T + 0.25) * 1000) }];

const MUTATED = 3000;
const OPTION_SETS_PER_TOKEN = 3;

/** The first report member that differs, for the failure message (reports hold claims, never the token). */
function firstDifference(ours: unknown, reference: unknown): string {
  const a = ours as Record<string, unknown>;
  const b = reference as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  if (JSON.stringify(Object.keys(a)) !== JSON.stringify(Object.keys(b))) return `member order: ${Object.keys(a).join(',')} vs ${Object.keys(b).join(',')}`;
  for (const key of keys) {
    const x = JSON.stringify(a[key]);
    const y = JSON.stringify(b[key]);
    if (x !== y) return `${key}:\n  ours      ${x}\n  reference ${y}`;
  }
  return 'no member differs';
}

async function sameVerify(token: string, options: VerifyOptions, what: string): Promise<void> {
  const ours = await verifySessionToken(token, options);
  const reference = await oracle.verifySessionToken(token, options);
  if (JSON.stringify(ours) !== JSON.stringify(reference)) assert.fail(`${what}: reports differ in ${firstDifference(ours, reference)}`);
}

function sameDecode(token: string, options: DecodeOptions, what: string): void {
  const ours = decodeSessionToken(token, options);
  const reference = oracle.decodeSessionToken(token, options);
  if (JSON.stringify(ours) !== JSON.stringify(reference)) assert.fail(`${what}: reports differ in ${firstDifference(ours, reference)}`);
}

describe('the fast checker gives the reference checker\'s reports', () => {
  const zone = process.env['TZ'];
  after(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('on the corpus, under every option set', async () => {
    const tokens = [
      ...(await Promise.all(CASES.map((c) => c.token()))),
      ...(await Promise.all((['admin', 'pos', 'checkout', 'customer-account'] as const).map((f) => joseToken(claimsFor(f))))),
      await joseToken(claimsFor('admin'), OLD_SECRET),
    ];
    for (const [t, token] of tokens.entries()) {
      for (const [o, options] of VERIFY_OPTIONS.entries()) await sameVerify(token, options, `corpus token ${t}, verify option set ${o}`);
      for (const [o, options] of DECODE_OPTIONS.entries()) sameDecode(token, options, `corpus token ${t}, decode option set ${o}`);
      const c = CASES[t];
      if (c?.options) await sameVerify(token, { clientId: CLIENT_ID, secret: SECRET, now: NOW, ...c.options }, `corpus case ${c.name} with its own options`);
    }
  });

  it(`on ${MUTATED} damaged tokens, each under ${OPTION_SETS_PER_TOKEN} option sets`, async () => {
    const tokens = mutatedTokens(16, MUTATED);
    for (const [t, token] of tokens.entries()) {
      for (let k = 0; k < OPTION_SETS_PER_TOKEN; k++) {
        const o = (t + k * 4) % VERIFY_OPTIONS.length;
        await sameVerify(token, VERIFY_OPTIONS[o] ?? { clientId: CLIENT_ID }, `damaged token ${t} (seed 16), verify option set ${o}`);
      }
      const d = t % DECODE_OPTIONS.length;
      sameDecode(token, DECODE_OPTIONS[d] ?? {}, `damaged token ${t} (seed 16), decode option set ${d}`);
    }
  });

  for (const tz of ['America/St_Johns', 'Asia/Kathmandu', 'Europe/Amsterdam']) {
    it(`in the ${tz} time zone (local times with odd offsets, summer time and local mean time)`, async () => {
      process.env['TZ'] = tz;
      const tokens = mutatedTokens(tz.length, 300);
      for (const [t, token] of tokens.entries()) {
        const o = t % VERIFY_OPTIONS.length;
        await sameVerify(token, VERIFY_OPTIONS[o] ?? { clientId: CLIENT_ID }, `${tz}: damaged token ${t}, verify option set ${o}`);
      }
      for (const at of [0, -2e9, 1e9, 1.7e9 + 0.5, 8.64e12]) {
        await sameVerify(await joseToken(claimsFor('admin')), { clientId: CLIENT_ID, secret: SECRET, at, now: NOW }, `${tz}: as of ${at}`);
      }
    });
  }
});
