import type { Check } from './report';

/**
 * Every check code, shared by the core, the UI and the tests. A code names one rule and never changes meaning.
 * A passing line carries the code of the rule (or group of rules) it confirms; a failing or warning line
 * carries the code of the rule that broke.
 */
export const CHECK_CODES = {
  // The pasted text as a whole
  input: 'input',
  inputEmpty: 'input.empty',
  inputTooLong: 'input.too_long',
  inputSegments: 'input.segments',
  inputJwe: 'input.jwe',

  // Each segment's encoding (jose is more lenient than these)
  base64url: 'base64url',
  base64urlEmpty: 'base64url.empty',
  base64urlPadding: 'base64url.padding',
  base64urlAlphabet: 'base64url.alphabet',
  base64urlWhitespace: 'base64url.whitespace',
  base64urlCharacter: 'base64url.character',
  base64urlLength: 'base64url.length',
  base64urlNoncanonical: 'base64url.noncanonical',

  // JOSE header
  header: 'header',
  headerJson: 'header.json',
  headerNotObject: 'header.not_object',
  headerDuplicateKey: 'header.duplicate_key',
  headerAlg: 'header.alg',
  headerAlgNone: 'header.alg.none',
  headerAlgMissing: 'header.alg.missing',
  headerCrit: 'header.crit',
  headerB64: 'header.b64',
  headerTyp: 'header.typ',
  headerKeyReference: 'header.key_reference',

  // Signature segment shape (the verdict itself is in report.signature)
  signatureMissing: 'signature.missing',
  signatureLength: 'signature.length',

  // What the caller gave us to verify with
  clientIdMissing: 'client_id.missing',
  secret: 'secret',
  secretEmpty: 'secret.empty',
  secretLooksLikeKey: 'secret.looks_like_key',
  secretIsClientId: 'secret.is_client_id',
  secretWhitespace: 'secret.whitespace',
  secretPreviousSame: 'secret.previous_same',

  // Claims set
  claims: 'claims',
  claimsJson: 'claims.json',
  claimsNotObject: 'claims.not_object',
  claimsDuplicateKey: 'claims.duplicate_key',

  exp: 'claims.exp',
  expMissing: 'claims.exp.missing',
  expType: 'claims.exp.type',
  expNotFinite: 'claims.exp.not_finite',
  expExpired: 'claims.exp.expired',

  nbf: 'claims.nbf',
  nbfMissing: 'claims.nbf.missing',
  nbfType: 'claims.nbf.type',
  nbfNotFinite: 'claims.nbf.not_finite',
  nbfFuture: 'claims.nbf.future',

  iat: 'claims.iat',
  iatMissing: 'claims.iat.missing',
  iatType: 'claims.iat.type',
  iatNotFinite: 'claims.iat.not_finite',
  iatFuture: 'claims.iat.future',

  msTimestamp: 'claims.ms_timestamp',
  window: 'claims.window',
  lifetime: 'claims.lifetime',

  aud: 'claims.aud',
  audMissing: 'claims.aud.missing',
  audArray: 'claims.aud.array',
  audType: 'claims.aud.type',

  dest: 'claims.dest',
  destMissing: 'claims.dest.missing',
  destType: 'claims.dest.type',
  destFormat: 'claims.dest.format',
  destHost: 'claims.dest.host',
  destForm: 'claims.dest.form',

  iss: 'claims.iss',
  issMissing: 'claims.iss.missing',
  issFormat: 'claims.iss.format',
  issHost: 'claims.iss.host',
  issPath: 'claims.iss.path',

  sub: 'claims.sub',
  subMissing: 'claims.sub.missing',
  subFormat: 'claims.sub.format',

  sid: 'claims.sid',
  sidMissing: 'claims.sid.missing',

  jti: 'claims.jti',
  jtiMissing: 'claims.jti.missing',

  family: 'claims.family',
} as const;

export type CheckCode = (typeof CHECK_CODES)[keyof typeof CHECK_CODES];

export const ALL_CHECK_CODES: readonly CheckCode[] = Object.freeze(Object.values(CHECK_CODES));

export const pass = (code: CheckCode, message: string): Check => ({ code, status: 'pass', message });
export const fail = (code: CheckCode, message: string): Check => ({ code, status: 'fail', message });
export const warn = (code: CheckCode, message: string): Check => ({ code, status: 'warn', message });

