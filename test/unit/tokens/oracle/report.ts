import type { CheckCode } from './checks';

/** The kinds of Shopify session token this module knows. */
export type SessionTokenFamily = 'admin' | 'checkout' | 'customer-account' | 'pos';
export type TokenFamily = SessionTokenFamily | 'unknown';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type CheckStatus = 'pass' | 'fail' | 'warn';

/** One rule applied to the token: a stable code, what happened, and one sentence that says what to do. */
export interface Check {
  readonly code: CheckCode;
  readonly status: CheckStatus;
  readonly message: string;
}

export type SignatureStatus = 'verified' | 'mismatch' | 'not-checked' | 'unsupported';

/** The signature verdict, kept apart from the claim checks on purpose. */
export interface SignatureResult {
  readonly status: SignatureStatus;
  /** Which secret verified the signature, when one did. */
  readonly matched?: 'current' | 'previous';
  readonly message: string;
}

/** A point in time in the three forms the user reads: UTC, local, and relative to the report's "as of" time. */
export interface TimeView {
  readonly epochSeconds: number;
  /** e.g. "2024-05-01 12:03:07 UTC" */
  readonly utc: string;
  /** e.g. "2024-05-01 14:03:07 UTC+02:00", in this machine's time zone */
  readonly local: string;
  /** e.g. "in 45 s", "3 min ago", or "3 min before the as-of time" */
  readonly relative: string;
}

export interface TokenTimes {
  readonly exp?: TimeView;
  readonly nbf?: TimeView;
  readonly iat?: TimeView;
}

export interface TokenSubject {
  readonly value: string;
  /** A numeric staff user id (admin, POS), a customer gid (extensions), or anything else. */
  readonly kind: 'user' | 'customer' | 'other';
  readonly userId?: string;
  readonly customerId?: string;
}

export interface FamilyGuess {
  readonly family: TokenFamily;
  /** Families the claims are equally consistent with, the chosen one first. */
  readonly candidates: readonly TokenFamily[];
  /** Human name, e.g. "checkout or customer account UI extension". */
  readonly label: string;
  /** Why this family was chosen. */
  readonly reason: string;
}

/** What decode and verify both return. Claims are for display only: never persist them. */
export interface SessionTokenReport {
  readonly mode: 'decode' | 'verify';
  /** True only when the signature verified and no check failed (warnings allowed). Always false for a decode. */
  readonly valid: boolean;
  /** One sentence: the verdict and the first thing to fix. */
  readonly summary: string;
  /** How messages refer to this token: by its jti, or its first characters. Never the whole token. */
  readonly name: string;
  readonly family: TokenFamily;
  readonly familyInfo: FamilyGuess;
  /** The shop's host, e.g. "my-store.myshopify.com", from `dest`. */
  readonly shop?: string;
  readonly subject?: TokenSubject;
  readonly header?: JsonObject;
  readonly claims?: JsonObject;
  readonly signature: SignatureResult;
  readonly checks: readonly Check[];
  /** Each change made to the pasted text before reading it (prefix removed, URL parameter taken, ...). */
  readonly inputChanges: readonly string[];
  readonly times: TokenTimes;
  readonly leewaySeconds: number;
  /** The time the claims were judged against: now, or the "as of" time asked for. */
  readonly asOf: TimeView & { readonly isNow: boolean };
}

export type DecodeReport = SessionTokenReport & { readonly mode: 'decode' };
export type VerifyReport = SessionTokenReport & { readonly mode: 'verify' };

export interface DecodeOptions {
  /** The clock; defaults to the system clock. */
  readonly now?: Date;
  /** Judge the time claims as of this moment (a Date, or seconds since the epoch) instead of now. */
  readonly at?: Date | number;
  readonly leewaySeconds?: number;
  /** Where the token came from, when known: resolves admin/POS and checkout/customer-account look-alikes. */
  readonly family?: SessionTokenFamily;
}

export interface VerifyOptions extends DecodeOptions {
  /** The app's client id (API key): `aud` must equal it. */
  readonly clientId: string;
  /** The app's client secret (shared secret). Without it the signature is not checked. */
  readonly secret?: string;
  /** The secret before the last rotation, tried only after the current one does not match. Empty means none. */
  readonly previousSecret?: string;
}

export interface MintOptions {
  readonly family: SessionTokenFamily;
  /** The shop, e.g. "my-store" or "my-store.myshopify.com". */
  readonly shop: string;
  readonly clientId: string;
  readonly secret: string;
  /** Defaults to the family's lifetime (60 s admin, 300 s extensions). */
  readonly lifetimeSeconds?: number;
  /** Staff user id (admin, POS) or customer gid/id (checkout, customer account). */
  readonly sub?: string;
  readonly now?: Date;
}
