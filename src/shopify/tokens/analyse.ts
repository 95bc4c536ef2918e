import * as l10n from '../common/text';
import { CHECK_CODES as C, fail } from './checks';
import { checkClaims } from './claims';
import { FAMILIES, recognizeFamily } from './families';
import { checkHeader, type HeaderVerdict } from './header';
import { cleanTokenInput, MAX_INPUT_LENGTH } from './input';
import type { Check, DecodeOptions, FamilyGuess, SessionTokenReport, SignatureResult, TimeView } from './report';
import { readSegments, type TokenParts } from './segments';
import { tokenName } from './show';
import { asOfTexts, formatRelative, timeView, toEpochSeconds } from './times';

export const DEFAULT_LEEWAY_SECONDS = 10;
/** More leeway than this would hide real clock or expiry problems. */
export const MAX_LEEWAY_SECONDS = 300;

/** Everything decode and verify share, before the signature is looked at. Holds the cleaned token: never put it in a report. */
export interface Analysis {
  readonly token: string;
  readonly parts?: TokenParts;
  readonly header?: HeaderVerdict;
  /** Structure checks, then the caller's `configChecks`, then the payload and claim checks: the report's order. */
  readonly checks: Check[];
  readonly base: Omit<SessionTokenReport, 'mode' | 'valid' | 'summary' | 'signature' | 'checks'>;
}

function resolveClock(options: DecodeOptions): { asOf: number; asOfIsNow: boolean; now: number; leeway: number } {
  const nowDate = options.now;
  if (nowDate !== undefined && nowDate !== null && (!(nowDate instanceof Date) || Number.isNaN(nowDate.getTime()))) {
    throw new RangeError('options.now is not a valid Date.');
  }
  // The system clock without a Date object when none was given: the same milliseconds new Date() would hold.
  const now = (nowDate === undefined || nowDate === null ? Date.now() : nowDate.getTime()) / 1000;
  const asOf = options.at === undefined ? now : toEpochSeconds(options.at, 'options.at');
  const leeway = options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;
  if (typeof leeway !== 'number' || !Number.isFinite(leeway) || leeway < 0 || leeway > MAX_LEEWAY_SECONDS) {
    throw new RangeError(`options.leewaySeconds must be between 0 and ${MAX_LEEWAY_SECONDS}.`);
  }
  if (options.family !== undefined && !FAMILIES.includes(options.family)) {
    throw new RangeError(`options.family must be one of ${FAMILIES.join(', ')}.`);
  }
  return { asOf, asOfIsNow: options.at === undefined || asOf === now, now, leeway };
}

/** Appends `more` to `out`: the report's checks are gathered in one array, not concatenated step by step. */
function append(out: Check[], more: readonly Check[]): void {
  for (let i = 0; i < more.length; i++) out.push(more[i] as Check);
}

export function analyse(raw: unknown, options: DecodeOptions, clientId: string | undefined, configChecks: readonly Check[]): Analysis {
  if (typeof raw !== 'string') throw new TypeError('The token must be a string.');
  const { asOf, asOfIsNow, now, leeway } = resolveClock(options);
  const { utc, local } = asOfTexts(asOf);
  const asOfView = {
    epochSeconds: asOf,
    utc,
    local,
    // toEpochSeconds and the Date behind now keep both inside Date's range, where timeView's relative form is this.
    relative: formatRelative(asOf, now, true),
    isNow: asOfIsNow,
  };

  if (raw.length > MAX_INPUT_LENGTH) {
    const unknownFamily: FamilyGuess = { family: 'unknown', candidates: ['unknown'], label: l10n.t('unknown kind of token'), reason: l10n.t('The input was not read.') };
    return {
      token: '',
      checks: [
        fail(
          C.inputTooLong,
          l10n.t('The input is {0} characters; session tokens are about 500, and anything over {1} is refused unread: paste only the token.', raw.length, MAX_INPUT_LENGTH),
        ),
        ...configChecks,
      ],
      base: {
        name: l10n.t('input of {0} characters', raw.length),
        family: 'unknown',
        familyInfo: unknownFamily,
        inputChanges: [],
        times: {},
        leewaySeconds: leeway,
        asOf: asOfView,
      },
    };
  }

  const { token, changes } = cleanTokenInput(raw);
  const parts = readSegments(token);
  const header = parts.header ? checkHeader(parts.header, parts.signature) : undefined;
  // readSegments makes a new list for every token and keeps no reference to it: it becomes the report's.
  const checks = parts.checks;
  append(checks, parts.headerChecks);
  if (header) append(checks, header.checks);
  append(checks, configChecks);
  append(checks, parts.payloadChecks);

  const claims = parts.claims;
  // Before the claim checks, which quote the same times in UTC: each is formatted once per token.
  const times: { exp?: TimeView; nbf?: TimeView; iat?: TimeView } = {};
  if (claims) {
    const exp = timeView(claims['exp'], asOf, asOfIsNow);
    if (exp) times.exp = exp;
    const nbf = timeView(claims['nbf'], asOf, asOfIsNow, exp);
    if (nbf) times.nbf = nbf;
    const iat = timeView(claims['iat'], asOf, asOfIsNow, nbf);
    if (iat) times.iat = iat;
  }

  const familyInfo = recognizeFamily(claims, options.family);
  const claimVerdict = claims
    ? checkClaims(checks, claims, {
        asOf,
        asOfIsNow,
        leeway,
        family: familyInfo,
        familyHinted: options.family !== undefined,
        times,
        clientId,
      })
    : undefined;

  return {
    token,
    parts,
    header,
    checks,
    base: {
      name: tokenName(token, claims?.['jti']),
      family: familyInfo.family,
      familyInfo,
      // Undefined ones are left out of the report by assembleReport.
      shop: claimVerdict?.shop,
      subject: claimVerdict?.subject,
      header: parts.header,
      claims,
      inputChanges: changes,
      times,
      leewaySeconds: leeway,
      asOf: asOfView,
    },
  };
}

/** One sentence for notifications and the API: the verdict, then the first thing to fix. */
export function summarize(mode: 'decode' | 'verify', valid: boolean, signature: SignatureResult, checks: readonly Check[]): string {
  // One pass for both counts and the first failure: this runs for every token verified.
  let failures = 0;
  let warnings = 0;
  let firstFailure: Check | undefined;
  for (const c of checks) {
    if (c.status === 'fail') {
      failures++;
      firstFailure ??= c;
    } else if (c.status === 'warn') warnings++;
  }
  // One whole template per case (how many failed, how many warned), so a translator can word each one.
  const first = firstFailure?.message ?? '';
  if (mode === 'decode') {
    if (failures === 0) {
      if (warnings === 0) return l10n.t('Decoded; no check failed. Signature not verified.');
      return warnings === 1 ? l10n.t('Decoded; no check failed (1 warning). Signature not verified.') : l10n.t('Decoded; no check failed ({0} warnings). Signature not verified.', warnings);
    }
    return failures === 1 ? l10n.t('Decoded; 1 check failed, first: {0} Signature not verified.', first) : l10n.t('Decoded; {0} checks failed, first: {1} Signature not verified.', failures, first);
  }
  if (valid) {
    if (warnings === 0) return l10n.t('Valid: {0} No check failed.', signature.message);
    return warnings === 1 ? l10n.t('Valid: {0} No check failed (1 warning).', signature.message) : l10n.t('Valid: {0} No check failed ({1} warnings).', signature.message, warnings);
  }
  if (signature.status === 'verified') {
    return failures === 1 ? l10n.t('Not valid: 1 check failed, first: {0}', first) : l10n.t('Not valid: {0} checks failed, first: {1}', failures, first);
  }
  if (failures === 0) return l10n.t('Not valid: {0}', signature.message);
  return failures === 1
    ? l10n.t('Not valid: {0} 1 check failed, first: {1}', signature.message, first)
    : l10n.t('Not valid: {0} {1} checks failed, first: {2}', signature.message, failures, first);
}
