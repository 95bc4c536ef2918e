import { base64url } from 'jose';
import { checkBase64url } from './base64url';
import { CHECK_CODES as C, fail, pass } from './checks';
import { parseJsonObject } from './json';
import type { Check, JsonObject } from './report';
import { show } from './show';

/** A compact token taken apart, strictly, with a check for each step. */
export interface TokenParts {
  /** Input shape and encoding. */
  readonly checks: Check[];
  /** Header and payload as JSON objects, kept apart so each reads next to its own rules. */
  readonly headerChecks: Check[];
  readonly payloadChecks: Check[];
  readonly header?: JsonObject;
  readonly claims?: JsonObject;
  readonly signature?: Uint8Array;
  /**
   * True when all three segments are strict base64url and header and claims are JSON objects without
   * duplicate names: only then is the signature worth checking.
   */
  readonly wellFormed: boolean;
}

/** Splits and decodes a cleaned token. The length cap is applied by the caller, before this. */
export function readSegments(token: string): TokenParts {
  const checks: Check[] = [];
  if (token === '') {
    return { checks: [fail(C.inputEmpty, 'There is no token: paste or select one.')], headerChecks: [], payloadChecks: [], wellFormed: false };
  }
  const segments = token.split('.');
  if (segments.length === 5) {
    checks.push(
      fail(
        C.inputJwe,
        'This has five parts: it is an encrypted JWE, not a session token. Shopify session tokens are signed JWTs with three parts.',
      ),
    );
    return { checks, headerChecks: [], payloadChecks: [], wellFormed: false };
  }
  if (segments.length !== 3) {
    checks.push(
      fail(
        C.inputSegments,
        `This has ${segments.length} part${segments.length === 1 ? '' : 's'} separated by dots, not three: copy the whole token (header.payload.signature).`,
      ),
    );
    return { checks, headerChecks: [], payloadChecks: [], wellFormed: false };
  }
  const [headerText, payloadText, signatureText] = segments as [string, string, string];
  checks.push(pass(C.input, `Three parts, ${token.length} characters.`));

  const headerProblem = checkBase64url(headerText, 'header');
  const payloadProblem = checkBase64url(payloadText, 'payload');
  const signatureProblem =
    signatureText === ''
      ? fail(
          C.signatureMissing,
          'The signature part is empty (an unsecured token): Shopify always signs session tokens; copy the whole token.',
        )
      : checkBase64url(signatureText, 'signature');
  const encodingProblems = [headerProblem, payloadProblem, signatureProblem].filter((c): c is Check => c !== undefined);
  if (encodingProblems.length === 0) checks.push(pass(C.base64url, 'All three parts are strict base64url.'));
  else checks.push(...encodingProblems);

  const headerChecks: Check[] = [];
  const payloadChecks: Check[] = [];
  const header = readObject(headerText, headerProblem === undefined, 'header', headerChecks);
  const claims = readObject(payloadText, payloadProblem === undefined, 'claims', payloadChecks);
  const signature = signatureProblem === undefined ? decodeLoosely(signatureText) : undefined;

  return {
    checks,
    headerChecks,
    payloadChecks,
    ...(header.value ? { header: header.value } : {}),
    ...(claims.value ? { claims: claims.value } : {}),
    ...(signature ? { signature } : {}),
    wellFormed: encodingProblems.length === 0 && header.clean && claims.clean,
  };
}

const CODES = {
  header: { ok: C.header, json: C.headerJson, object: C.headerNotObject, duplicate: C.headerDuplicateKey, name: 'header' },
  claims: { ok: C.claims, json: C.claimsJson, object: C.claimsNotObject, duplicate: C.claimsDuplicateKey, name: 'payload' },
} as const;

function readObject(
  segment: string,
  strict: boolean,
  which: keyof typeof CODES,
  checks: Check[],
): { value?: JsonObject; clean: boolean } {
  const codes = CODES[which];
  // A segment that failed the strict checks is still read leniently so the user sees its contents,
  // but such a token can never be valid: the failure above stays.
  const bytes = strict ? decodeLoosely(segment) : decodeLoosely(segment.replace(/\s+/g, '').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
  if (bytes === undefined) {
    if (strict) checks.push(fail(codes.json, `The ${codes.name} cannot be decoded: copy the token again from its source.`));
    return { clean: false };
  }
  const parsed = parseJsonObject(bytes);
  if (!parsed.ok) {
    const code = parsed.problem === 'not-object' ? codes.object : codes.json;
    checks.push(fail(code, `The ${codes.name} ${parsed.detail}: this is not a JWT, or it was damaged in the copy.`));
    return { clean: false };
  }
  if (parsed.duplicates.length > 0) {
    checks.push(
      fail(
        codes.duplicate,
        `The ${codes.name} names ${parsed.duplicates.slice(0, 5).map(show).join(', ')} more than once: libraries disagree on which value wins, so such a token is refused; Shopify never issues one.`,
      ),
    );
    return { value: parsed.value, clean: false };
  }
  if (strict) {
    checks.push(pass(codes.ok, `The ${codes.name} is a JSON object with no repeated names.`));
  }
  return { value: parsed.value, clean: strict };
}

function decodeLoosely(segment: string): Uint8Array | undefined {
  try {
    return base64url.decode(segment);
  } catch {
    return undefined;
  }
}
