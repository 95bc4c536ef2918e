import * as l10n from '../common/text';
import { perLanguage } from '../common/text';
import { isUtf8 } from 'node:buffer';
import { base64url } from 'jose';
import { checkBase64url } from './base64url';
import { CHECK_CODES as C, fail, pass } from './checks';
import { MAX_INPUT_LENGTH } from './input';
import { MAX_JSON_DEPTH, parseJsonObject, parseJsonText, type JsonObjectResult } from './json';
import type { Check, JsonObject } from './report';
import { kindOf, show } from './show';
import { wipe } from './wipe';

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

// Real tokens come in a handful of lengths: the passing input check of each is made once, frozen and shared.
const THREE_PARTS = l10n.perLanguage(() => new Map<number, Check>());
function threeParts(length: number): Check {
  const known = THREE_PARTS();
  let check = known.get(length);
  if (check === undefined) {
    if (known.size >= 64) known.clear();
    check = Object.freeze(pass(C.input, l10n.t('Three parts, {0} characters.', length)));
    known.set(length, check);
  }
  return check;
}

/** Splits and decodes a cleaned token. The length cap is applied by the caller, before this. */
export function readSegments(token: string): TokenParts {
  const checks: Check[] = [];
  if (token === '') {
    return { checks: [fail(C.inputEmpty, l10n.t('There is no token: paste or select one.'))], headerChecks: [], payloadChecks: [], wellFormed: false };
  }
  // Three parts are cut at their two dots (measured: a third of split's time); any other count goes through split.
  const first = token.indexOf('.');
  const second = first < 0 ? -1 : token.indexOf('.', first + 1);
  if (second >= 0 && !token.includes('.', second + 1)) {
    return readThreeSegments(token, token.slice(0, first), token.slice(first + 1, second), token.slice(second + 1));
  }
  const segments = token.split('.');
  if (segments.length === 5) {
    checks.push(
      fail(
        C.inputJwe,
        l10n.t('This has five parts: it is an encrypted JWE, not a session token. Shopify session tokens are signed JWTs with three parts.'),
      ),
    );
    return { checks, headerChecks: [], payloadChecks: [], wellFormed: false };
  }
  // Never three here: those were read above.
  checks.push(
    fail(
      C.inputSegments,
      segments.length === 1
        ? l10n.t('This has 1 part separated by dots, not three: copy the whole token (header.payload.signature).')
        : l10n.t('This has {0} parts separated by dots, not three: copy the whole token (header.payload.signature).', segments.length),
    ),
  );
  return { checks, headerChecks: [], payloadChecks: [], wellFormed: false };
}

function readThreeSegments(token: string, headerText: string, payloadText: string, signatureText: string): TokenParts {
  const checks: Check[] = [threeParts(token.length)];

  const usual = headerText === USUAL_HEADER;
  const headerProblem = usual ? undefined : checkBase64url(headerText, 'header');
  const payloadProblem = checkBase64url(payloadText, 'payload');
  const signatureProblem =
    signatureText === ''
      ? fail(
          C.signatureMissing,
          l10n.t('The signature part is empty (an unsecured token): Shopify always signs session tokens; copy the whole token.'),
        )
      : checkBase64url(signatureText, 'signature');
  const strictEncoding = headerProblem === undefined && payloadProblem === undefined && signatureProblem === undefined;
  if (strictEncoding) checks.push(STRICT_BASE64URL());
  else for (const problem of [headerProblem, payloadProblem, signatureProblem]) if (problem) checks.push(problem);

  const headerChecks: Check[] = [];
  const payloadChecks: Check[] = [];
  const header = usual ? usualHeader(headerChecks) : readObject(headerText, headerProblem === undefined, 'header', headerChecks);
  const claims = readObject(payloadText, payloadProblem === undefined, 'claims', payloadChecks);
  const signature = signatureProblem === undefined ? decodeStrict(signatureText) : undefined;

  // Absent parts are left undefined rather than spread in and out of throwaway objects: parts are never reported as such.
  return {
    checks,
    headerChecks,
    payloadChecks,
    header: header.value,
    claims: claims.value,
    signature,
    wellFormed: strictEncoding && header.clean && claims.clean,
  };
}

// Passing checks whose text never varies are made once, on first use in each language (perLanguage), and shared by every report, frozen so no report can change another's.
const CODES = {
  header: {
    json: C.headerJson,
    object: C.headerNotObject,
    duplicate: C.headerDuplicateKey,
    clean: perLanguage(() => Object.freeze(pass(C.header, l10n.t('The header is a JSON object with no repeated names.')))),
  },
  claims: {
    json: C.claimsJson,
    object: C.claimsNotObject,
    duplicate: C.claimsDuplicateKey,
    clean: perLanguage(() => Object.freeze(pass(C.claims, l10n.t('The payload is a JSON object with no repeated names.')))),
  },
} as const;
const STRICT_BASE64URL = perLanguage(() => Object.freeze(pass(C.base64url, l10n.t('All three parts are strict base64url.'))));

/**
 * {"alg":"HS256","typ":"JWT"} as every Shopify session token spells its header: strict base64url of a flat JSON object
 * with no repeated names, so its reading is known without decoding or parsing it.
 */
const USUAL_HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

/** What readObject finds in USUAL_HEADER, with a new object each time: a report's header is its own. */
function usualHeader(checks: Check[]): { value: JsonObject; clean: boolean } {
  checks.push(CODES.header.clean());
  return { value: { alg: 'HS256', typ: 'JWT' }, clean: true };
}

function readObject(
  segment: string,
  strict: boolean,
  which: keyof typeof CODES,
  checks: Check[],
): { value?: JsonObject; clean: boolean } {
  const codes = CODES[which];
  // A segment that failed the strict checks is still read leniently so the user sees its contents,
  // but such a token can never be valid: the failure above stays.
  let parsed: JsonObjectResult;
  if (strict) {
    parsed = parseJsonText(strictText(segment));
  } else {
    const bytes = decodeLoosely(segment.replace(/\s+/g, '').replace(/(?<!=)=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
    if (bytes === undefined) return { clean: false };
    parsed = parseJsonObject(bytes);
  }
  if (!parsed.ok) {
    const code = parsed.problem === 'not-object' ? codes.object : codes.json;
    checks.push(fail(code, which === 'header' ? headerUnread(parsed) : payloadUnread(parsed)));
    return { clean: false };
  }
  if (parsed.duplicates.length > 0) {
    checks.push(
      fail(
        codes.duplicate,
        which === 'header'
          ? l10n.t('The header names {0} more than once: libraries disagree on which value wins, so such a token is refused; Shopify never issues one.', parsed.duplicates.slice(0, 5).map(show).join(', '))
          : l10n.t('The payload names {0} more than once: libraries disagree on which value wins, so such a token is refused; Shopify never issues one.', parsed.duplicates.slice(0, 5).map(show).join(', ')),
      ),
    );
    return { value: parsed.value, clean: false };
  }
  if (strict) {
    checks.push(codes.clean());
  }
  return { value: parsed.value, clean: strict };
}

/**
 * A segment that passed the strict checks has exactly one reading, so Node's own decoder (native, and lenient only
 * about what the strict checks already refused) gives the bytes jose's would, without jose's atob round trip.
 */
function decodeStrict(segment: string): Uint8Array {
  return Buffer.from(segment, 'base64url');
}

// Decoded text is shorter than the input it came from, which the caller caps at MAX_INPUT_LENGTH.
const SCRATCH = Buffer.allocUnsafeSlow(MAX_INPUT_LENGTH);

/**
 * The UTF-8 text of a strict segment, or undefined when its bytes are not UTF-8, decoded through one reused buffer
 * instead of a new one per segment. Invalid bytes would come out as U+FFFD, so only text holding one is checked
 * byte by byte. The bytes are wiped after reading.
 */
function strictText(segment: string): string | undefined {
  const length = SCRATCH.write(segment, 'base64url');
  const text = SCRATCH.toString('utf8', 0, length);
  const valid = !text.includes('\ufffd') || isUtf8(SCRATCH.subarray(0, length));
  wipe(SCRATCH, 0, length);
  return valid ? text : undefined;
}

/** jose's decoder for segments that failed the strict checks: what it refuses, the report says cannot be decoded. */
function decodeLoosely(segment: string): Uint8Array | undefined {
  try {
    return base64url.decode(segment);
  } catch {
    return undefined;
  }
}

type Unread = Exclude<JsonObjectResult, { ok: true }>;

// Why a header or payload could not be read: one whole sentence per part and problem, so a translator can word each.
function headerUnread(parsed: Unread): string {
  switch (parsed.problem) {
    case 'utf8':
      return l10n.t('The header is not UTF-8 text: this is not a JWT, or it was damaged in the copy.');
    case 'syntax':
      return l10n.t('The header is not valid JSON: this is not a JWT, or it was damaged in the copy.');
    case 'not-object':
      return l10n.t('The header is {0}, not a JSON object: this is not a JWT, or it was damaged in the copy.', kindOf(parsed.value));
    case 'too-deep':
      return l10n.t('The header nests objects or lists more than {0} deep: Shopify\'s tokens are flat, so this one is refused and its contents are not shown.', MAX_JSON_DEPTH);
  }
}

function payloadUnread(parsed: Unread): string {
  switch (parsed.problem) {
    case 'utf8':
      return l10n.t('The payload is not UTF-8 text: this is not a JWT, or it was damaged in the copy.');
    case 'syntax':
      return l10n.t('The payload is not valid JSON: this is not a JWT, or it was damaged in the copy.');
    case 'not-object':
      return l10n.t('The payload is {0}, not a JSON object: this is not a JWT, or it was damaged in the copy.', kindOf(parsed.value));
    case 'too-deep':
      return l10n.t('The payload nests objects or lists more than {0} deep: Shopify\'s tokens are flat, so this one is refused and its contents are not shown.', MAX_JSON_DEPTH);
  }
}
