/** Shopify session tokens: decode, verify and mint. TypeScript on jose, with node:crypto for the HS256 check on the verify path; no editor code here. */
export { decodeSessionToken } from './decode';
export { verifySessionToken } from './verify';
export { mintSessionToken } from './mint';
export { ALL_CHECK_CODES, CHECK_CODES, type CheckCode } from './checks';
export { DEFAULT_LEEWAY_SECONDS, MAX_LEEWAY_SECONDS } from './analyse';
export { FAMILIES, FAMILY_RULES, familyLabel, recognizeFamily, type FamilyRules } from './families';
export { cleanTokenInput, MAX_INPUT_LENGTH, type CleanInput } from './input';
export { looksLikeKey } from './secret';
export { findJwtAt, findJwts, type TokenSpan } from './shape';
export { shopHostFrom } from './shop';
export { tokenName } from './show';
export { formatDuration } from './times';
export type {
  Check,
  CheckStatus,
  DecodeOptions,
  DecodeReport,
  FamilyGuess,
  JsonObject,
  JsonValue,
  MintOptions,
  SessionTokenFamily,
  SessionTokenReport,
  SignatureResult,
  SignatureStatus,
  TimeView,
  TokenFamily,
  TokenSubject,
  TokenTimes,
  VerifyOptions,
  VerifyReport,
} from './report';
// Fingerprints for the token features' log lines; the same ones the sign-in side writes.
export { fingerprint } from '../common/redact';
