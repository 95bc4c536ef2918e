import { compactVerify, errors } from 'jose';
import { analyse, summarize, type Analysis } from './analyse';
import { CHECK_CODES as C, fail, warn } from './checks';
import type { Check, SignatureResult, VerifyOptions, VerifyReport } from './report';
import { hmacKey } from './hmacKey';
import { checkSecret } from './secret';
import { show } from './show';

type Outcome = 'match' | 'mismatch' | { readonly error: string };

/** One HS256 check with jose. Only reached for tokens that passed the strict structure and header checks. */
async function hs256(token: string, secret: string): Promise<Outcome> {
  try {
    await compactVerify(token, await hmacKey(secret), { algorithms: ['HS256'] });
    return 'match';
  } catch (e: unknown) {
    if (e instanceof errors.JWSSignatureVerificationFailed) return 'mismatch';
    // jose's own code, never its message: messages are not ours to vet for token text.
    return { error: e instanceof errors.JOSEError ? e.code : 'an unexpected error' };
  }
}

/** Why the signature was not even tried, when that is the case. */
function notTried(analysis: Analysis): SignatureResult | undefined {
  const header = analysis.header;
  if (header && !header.verifiable) {
    const alg = header.alg;
    return {
      status: 'unsupported',
      message:
        alg === 'HS256'
          ? 'Signature not checked: the header asks for processing Shopify tokens never use (see the failed header checks).'
          : `Signature not checked: alg ${show(alg)} is not HS256, the only algorithm Shopify signs session tokens with.`,
    };
  }
  if (!analysis.parts?.wellFormed || !header) {
    return { status: 'not-checked', message: 'Signature not checked: the token is malformed (see the failed checks); fix or re-copy it first.' };
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

  const analysis = analyse(token, options, clientId);
  const configChecks: Check[] = [];
  if (clientId === '') {
    configChecks.push(fail(C.clientIdMissing, "No client id was given, so aud cannot be compared: enter the app's client id (API key)."));
  }

  const current = secret === undefined ? undefined : checkSecret(secret, 'current', clientId);
  const previous = previousSecret === undefined ? undefined : checkSecret(previousSecret, 'previous', clientId);
  if (current) configChecks.push(...current.checks);
  if (previous) configChecks.push(...previous.checks);
  if (secret !== undefined && previousSecret !== undefined && secret === previousSecret && secret !== '') {
    configChecks.push(warn(C.secretPreviousSame, 'The previous secret is the same as the current one: nothing to fall back to; remove it or store the real old secret.'));
  }

  let signature: SignatureResult;
  const skip = notTried(analysis);
  if (secret === undefined || current === undefined) {
    signature = {
      status: 'not-checked',
      message: `Signature not verified: no client secret was given for client id ${show(clientId)}. Provide the app's client secret to verify it.`,
    };
  } else if (skip) {
    signature = skip;
  } else if (!current.usable) {
    signature = { status: 'not-checked', message: 'Signature not checked: the client secret was refused (see the secret check).' };
  } else {
    signature = await checkSignature(analysis.token, secret, previousSecret, previous?.usable === true);
  }

  const checks = [...analysis.structureChecks, ...configChecks, ...analysis.claimChecks];
  const valid = signature.status === 'verified' && checks.every((c) => c.status !== 'fail');
  return {
    mode: 'verify',
    valid,
    summary: summarize('verify', valid, signature, checks),
    signature,
    checks,
    ...analysis.base,
  };
}

async function checkSignature(
  token: string,
  secret: string,
  previousSecret: string | undefined,
  previousUsable: boolean,
): Promise<SignatureResult> {
  const first = await hs256(token, secret);
  if (first === 'match') return { status: 'verified', matched: 'current', message: 'Signature verified with the current client secret.' };
  if (typeof first === 'object') return { status: 'unsupported', message: `Signature not checked: jose refused the token (${first.error}).` };

  // Only a real mismatch with the current secret earns a second try.
  if (previousSecret !== undefined && previousUsable && previousSecret !== secret) {
    const second = await hs256(token, previousSecret);
    if (second === 'match') {
      return {
        status: 'verified',
        matched: 'previous',
        message: 'Signature verified with the previous client secret, not the current one: the token was signed before the rotation finished; keep the previous secret until the rotation is complete.',
      };
    }
    return {
      status: 'mismatch',
      message: 'Signature does not match the current or the previous client secret: check that the secrets belong to this client id; a token from another app, or one edited after signing, never matches.',
    };
  }
  return {
    status: 'mismatch',
    message: 'Signature does not match the client secret: check that the secret belongs to this client id (and was not rotated); a token from another app, or one edited after signing, never matches.',
  };
}
