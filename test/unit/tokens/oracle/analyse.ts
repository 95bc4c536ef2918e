import { CHECK_CODES as C, fail } from './checks';
import { checkClaims } from './claims';
import { FAMILIES, recognizeFamily } from './families';
import { checkHeader, type HeaderVerdict } from './header';
import { cleanTokenInput, MAX_INPUT_LENGTH } from './input';
import type { Check, DecodeOptions, FamilyGuess, SessionTokenReport, SignatureResult, TokenTimes } from './report';
import { readSegments, type TokenParts } from './segments';
import { count, tokenName } from './show';
import { formatLocal, formatUtc, timeView, toEpochSeconds } from './times';

export const DEFAULT_LEEWAY_SECONDS = 10;
/** More leeway than this would hide real clock or expiry problems. */
export const MAX_LEEWAY_SECONDS = 300;

/** Everything decode and verify share, before the signature is looked at. Holds the cleaned token: never put it in a report. */
export interface Analysis {
  readonly token: string;
  readonly parts?: TokenParts;
  readonly header?: HeaderVerdict;
  readonly structureChecks: Check[];
  readonly claimChecks: Check[];
  readonly base: Omit<SessionTokenReport, 'mode' | 'valid' | 'summary' | 'signature' | 'checks'>;
}

function resolveClock(options: DecodeOptions): { asOf: number; asOfIsNow: boolean; now: number; leeway: number } {
  const nowDate = options.now ?? new Date();
  if (!(nowDate instanceof Date) || Number.isNaN(nowDate.getTime())) throw new RangeError('options.now is not a valid Date.');
  const now = nowDate.getTime() / 1000;
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

export function analyse(raw: unknown, options: DecodeOptions, clientId: string | undefined): Analysis {
  if (typeof raw !== 'string') throw new TypeError('The token must be a string.');
  const { asOf, asOfIsNow, now, leeway } = resolveClock(options);
  const asOfDate = new Date(asOf * 1000);
  const asOfView = {
    epochSeconds: asOf,
    utc: formatUtc(asOfDate),
    local: formatLocal(asOfDate),
    relative: timeView(asOf, now, true)?.relative ?? 'now',
    isNow: asOfIsNow,
  };

  if (raw.length > MAX_INPUT_LENGTH) {
    const unknownFamily: FamilyGuess = { family: 'unknown', candidates: ['unknown'], label: 'unknown kind of token', reason: 'The input was not read.' };
    return {
      token: '',
      structureChecks: [
        fail(
          C.inputTooLong,
          `The input is ${raw.length} characters; session tokens are about 500, and anything over ${MAX_INPUT_LENGTH} is refused unread: paste only the token.`,
        ),
      ],
      claimChecks: [],
      base: {
        name: `input of ${raw.length} characters`,
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
  const structureChecks = [...parts.checks, ...parts.headerChecks, ...(header?.checks ?? [])];

  const familyInfo = recognizeFamily(parts.claims, options.family);
  const claimVerdict = parts.claims
    ? checkClaims(parts.claims, {
        asOf,
        asOfIsNow,
        leeway,
        family: familyInfo,
        familyHinted: options.family !== undefined,
        ...(clientId !== undefined ? { clientId } : {}),
      })
    : undefined;

  const claims = parts.claims;
  const times: TokenTimes = {};
  if (claims) {
    for (const name of ['exp', 'nbf', 'iat'] as const) {
      const view = timeView(claims[name], asOf, asOfIsNow);
      if (view) Object.assign(times, { [name]: view });
    }
  }

  return {
    token,
    parts,
    ...(header ? { header } : {}),
    structureChecks,
    claimChecks: [...parts.payloadChecks, ...(claimVerdict?.checks ?? [])],
    base: {
      name: tokenName(token, claims?.['jti']),
      family: familyInfo.family,
      familyInfo,
      ...(claimVerdict?.shop ? { shop: claimVerdict.shop } : {}),
      ...(claimVerdict?.subject ? { subject: claimVerdict.subject } : {}),
      ...(parts.header ? { header: parts.header } : {}),
      ...(claims ? { claims } : {}),
      inputChanges: changes,
      times,
      leewaySeconds: leeway,
      asOf: asOfView,
    },
  };
}

/** One sentence for notifications and the API: the verdict, then the first thing to fix. */
export function summarize(mode: 'decode' | 'verify', valid: boolean, signature: SignatureResult, checks: readonly Check[]): string {
  const failures = checks.filter((c) => c.status === 'fail');
  const warnings = checks.filter((c) => c.status === 'warn');
  const warned = warnings.length > 0 ? ` (${count(warnings.length, 'warning')})` : '';
  if (mode === 'decode') {
    return failures.length === 0
      ? `Decoded; no check failed${warned}. Signature not verified.`
      : `Decoded; ${count(failures.length, 'check')} failed, first: ${failures[0]?.message ?? ''} Signature not verified.`;
  }
  if (valid) return `Valid: ${signature.message} No check failed${warned}.`;
  const reasons: string[] = [];
  if (signature.status !== 'verified') reasons.push(signature.message);
  if (failures.length > 0) reasons.push(`${count(failures.length, 'check')} failed, first: ${failures[0]?.message ?? ''}`);
  return `Not valid: ${reasons.join(' ')}`;
}
