import type { FamilyGuess, JsonObject, SessionTokenFamily, TokenFamily } from './report';
import { readIss, type DestForm } from './shop';

/** What each family's tokens carry, from shopify.dev and Shopify's own libraries (see docs/session-tokens.md). */
export interface FamilyRules {
  readonly family: SessionTokenFamily;
  readonly label: string;
  /** The family's name inside a sentence: "admin", "checkout", "customer account", "POS". */
  readonly short: string;
  /** exp - iat as Shopify issues it; longer is warned about. */
  readonly lifetimeSeconds: number;
  readonly destForm: DestForm;
  /** Accepted iss paths; undefined when the family has no documented iss path. */
  readonly issPaths?: readonly string[];
  readonly issRequired: boolean;
  readonly subRequired: boolean;
  readonly sidRequired: boolean;
  /** What a well-formed sub is for this family. */
  readonly subKind: 'user' | 'customer';
  /** The call that hands out a fresh token, for "fetch a fresh token" advice. */
  readonly freshTokenCall: string;
}

export const FAMILY_RULES: Readonly<Record<SessionTokenFamily, FamilyRules>> = {
  admin: {
    family: 'admin',
    short: 'admin',
    label: 'admin (App Bridge ID token)',
    lifetimeSeconds: 60,
    destForm: 'origin',
    issPaths: ['/admin'],
    issRequired: true,
    subRequired: true,
    sidRequired: true,
    subKind: 'user',
    freshTokenCall: 'shopify.idToken()',
  },
  checkout: {
    family: 'checkout',
    short: 'checkout',
    label: 'checkout UI extension',
    lifetimeSeconds: 300,
    destForm: 'bare',
    issPaths: ['/checkouts'],
    issRequired: false,
    subRequired: false,
    sidRequired: false,
    subKind: 'customer',
    freshTokenCall: 'shopify.sessionToken.get()',
  },
  'customer-account': {
    family: 'customer-account',
    short: 'customer account',
    label: 'customer account UI extension',
    lifetimeSeconds: 300,
    destForm: 'bare',
    issRequired: false,
    subRequired: false,
    sidRequired: false,
    subKind: 'customer',
    freshTokenCall: 'shopify.sessionToken.get()',
  },
  pos: {
    family: 'pos',
    short: 'POS',
    label: 'POS UI extension',
    // Documented only as "short"; the extension bound keeps a real POS token from being warned about.
    lifetimeSeconds: 300,
    destForm: 'origin',
    issPaths: ['/admin'],
    issRequired: false,
    subRequired: false,
    sidRequired: false,
    subKind: 'user',
    freshTokenCall: 'shopify.session.getSessionToken()',
  },
};

export const FAMILIES: readonly SessionTokenFamily[] = ['admin', 'checkout', 'customer-account', 'pos'];

export function familyLabel(family: TokenFamily): string {
  return family === 'unknown' ? 'unknown kind of token' : FAMILY_RULES[family].label;
}

function guess(family: TokenFamily, candidates: TokenFamily[], reason: string, label = familyLabel(family)): FamilyGuess {
  return { family, candidates, label, reason };
}

/**
 * Which family the claims belong to. Some families look alike: admin and POS tokens both come from the admin
 * (told apart by the admin token's sid), checkout and customer account tokens carry the same claims. A caller
 * who knows where the token came from passes `hint` and gets exactly that family's rules.
 */
export function recognizeFamily(claims: JsonObject | undefined, hint?: SessionTokenFamily): FamilyGuess {
  if (hint !== undefined) return guess(hint, [hint], `You said it comes from ${hint === 'admin' ? 'an' : 'a'} ${FAMILY_RULES[hint].label}.`);
  if (claims === undefined) return guess('unknown', ['unknown'], 'The claims could not be read.');

  const hasSid = typeof claims['sid'] === 'string' && claims['sid'] !== '';
  const adminLike = (why: string): FamilyGuess =>
    hasSid
      ? guess('admin', ['admin', 'pos'], `${why} and it has a sid, as App Bridge ID tokens do.`)
      : guess('pos', ['pos', 'admin'], `${why} but it has no sid, which App Bridge ID tokens always carry: read as a POS token.`);

  const iss = claims['iss'];
  if (typeof iss === 'string') {
    const reading = readIss(iss);
    if (reading.ok && reading.path === '/admin') return adminLike('Its iss ends in /admin');
    if (reading.ok && reading.path === '/checkouts') return guess('checkout', ['checkout'], 'Its iss ends in /checkouts.');
  }
  const dest = claims['dest'];
  if (typeof dest === 'string' && dest !== '') {
    if (/^https?:\/\//i.test(dest)) return adminLike('Its dest is a shop address');
    return guess(
      'checkout',
      ['checkout', 'customer-account'],
      'Its dest is a bare shop host, as in UI extension tokens; checkout and customer account tokens carry the same claims, and both are checked alike.',
      'checkout or customer account UI extension',
    );
  }
  return guess('unknown', ['unknown'], 'It has neither an iss nor a dest naming a shop.');
}
