import * as l10n from '../common/text';
import { perLanguage } from '../common/text';
import { analyse, summarize, type Analysis } from './analyse';
import { assembleReport } from './assemble';
import { CHECK_CODES as C, fail, warn } from './checks';
import { hs256Matches } from './hs256';
import type { Check, SignatureResult, VerifyOptions, VerifyReport } from './report';
import { checkSecret } from './secret';
import { show } from './show';

// Verdicts whose text never varies are made once, on first use in each language (perLanguage), and shared by every report, frozen so no report can change another's.
const VERIFIED_CURRENT = perLanguage((): SignatureResult => Object.freeze({ status: 'verified', matched: 'current', message: l10n.t('Signature verified with the current client secret.') }));
const VERIFIED_PREVIOUS = perLanguage((): SignatureResult => Object.freeze({
  status: 'verified',
  matched: 'previous',
  message: l10n.t('Signature verified with the previous client secret, not the current one: the token was signed before the rotation finished; keep the previous secret until the rotation is complete.'),
}));
const MISMATCH_BOTH = perLanguage((): SignatureResult => Object.freeze({
  status: 'mismatch',
  message: l10n.t('Signature does not match the current or the previous client secret: check that the secrets belong to this client id; a token from another app, or one edited after signing, never matches.'),
}));
const MISMATCH = perLanguage((): SignatureResult => Object.freeze({
  status: 'mismatch',
  message: l10n.t('Signature does not match the client secret: check that the secret belongs to this client id (and was not rotated); a token from another app, or one edited after signing, never matches.'),
}));

/** Why the signature was not even tried, when that is the case. */
function notTried(analysis: Analysis): SignatureResult | undefined {
  const header = analysis.header;
  if (header && !header.verifiable) {
    const alg = header.alg;
    return {
      status: 'unsupported',
      message:
        alg === 'HS256'
          ? l10n.t('Signature not checked: the header asks for processing Shopify tokens never use (see the failed header checks).')
          : l10n.t('Signature not checked: alg {0} is not HS256, the only algorithm Shopify signs session tokens with.', show(alg)),
    };
  }
  if (!analysis.parts?.wellFormed || !header) {
    return { status: 'not-checked', message: l10n.t('Signature not checked: the token is malformed (see the failed checks); fix or re-copy it first.') };
  }
  return undefined;
}

/**
 * Checks a session token against the app's client id and secret. The signature verdict and the claim checks are
 * reported separately; `valid` needs both. The previous secret is tried only when the current one does not match.
 */
export async function verifySessionToken(token: string, options: VerifyOptions): Promise<VerifyReport> {
  if (typeof options !== 'object' || options === null) throw new TypeError('verifySessionToken needs options with a clientId.');
  const { clientId, secret } = options;
  // A blank "previous secret" (an unset variable, an empty field) means there is none: nothing to refuse.
  const previousSecret = options.previousSecret === '' ? undefined : options.previousSecret;
  if (typeof clientId !== 'string') throw new TypeError('options.clientId must be a string.');
  if (secret !== undefined && typeof secret !== 'string') throw new TypeError('options.secret must be a string.');
  if (previousSecret !== undefined && typeof previousSecret !== 'string') throw new TypeError('options.previousSecret must be a string.');

  // Made before the analysis, which places them between the structure and the claim checks.
  const configChecks: Check[] = [];
  if (clientId === '') {
    configChecks.push(fail(C.clientIdMissing, l10n.t('No client id was given, so aud cannot be compared: enter the app\'s client id (API key).')));
  }

  const current = secret === undefined ? undefined : checkSecret(secret, 'current', clientId);
  const previous = previousSecret === undefined ? undefined : checkSecret(previousSecret, 'previous', clientId);
  if (current) for (const c of current.checks) configChecks.push(c);
  if (previous) for (const c of previous.checks) configChecks.push(c);
  if (secret !== undefined && previousSecret !== undefined && secret === previousSecret && secret !== '') {
    configChecks.push(warn(C.secretPreviousSame, l10n.t('The previous secret is the same as the current one: nothing to fall back to; remove it or store the real old secret.')));
  }
  const analysis = analyse(token, options, clientId, configChecks);

  let signature: SignatureResult;
  const skip = notTried(analysis);
  if (secret === undefined || current === undefined) {
    signature = {
      status: 'not-checked',
      message: l10n.t('Signature not verified: no client secret was given for client id {0}. Provide the app\'s client secret to verify it.', show(clientId)),
    };
  } else if (skip) {
    signature = skip;
  } else if (!current.usable) {
    signature = { status: 'not-checked', message: l10n.t('Signature not checked: the client secret was refused (see the secret check).') };
  } else {
    signature = checkSignature(analysis, secret, previousSecret, previous?.usable === true);
  }

  const checks = analysis.checks;
  const valid = signature.status === 'verified' && !checks.some((c) => c.status === 'fail');
  return assembleReport<VerifyReport>({ mode: 'verify', valid, summary: summarize('verify', valid, signature, checks), signature, checks }, analysis.base);
}

/** Only called when notTried found nothing wrong: the token has three strict segments and its signature is decoded. */
function checkSignature(analysis: Analysis, secret: string, previousSecret: string | undefined, previousUsable: boolean): SignatureResult {
  const token = analysis.token;
  const signingInput = token.slice(0, token.lastIndexOf('.'));
  const signature = analysis.parts?.signature ?? new Uint8Array(0);
  if (hs256Matches(signingInput, signature, secret)) return VERIFIED_CURRENT();
  // Only a real mismatch with the current secret earns a second try.
  if (previousSecret !== undefined && previousUsable && previousSecret !== secret) {
    return hs256Matches(signingInput, signature, previousSecret) ? VERIFIED_PREVIOUS() : MISMATCH_BOTH();
  }
  return MISMATCH();
}
