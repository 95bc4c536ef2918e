import * as l10n from '../common/text';
import { perLanguage } from '../common/text';
import type { FamilyGuess, JsonObject, SessionTokenFamily, TokenFamily } from './report';
import { issSurface, type DestForm } from './shop';

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
    get short() {
      return l10n.t({ message: 'admin', comment: ['A kind of Shopify session token, inside sentences such as "Shopify issues {0} tokens for 60 s".'] });
    },
    get label() {
      return l10n.t('admin (App Bridge ID token)');
    },
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
    get short() {
      return l10n.t({ message: 'checkout', comment: ['A kind of Shopify session token, inside sentences such as "Shopify issues {0} tokens for 60 s".'] });
    },
    get label() {
      return l10n.t('checkout UI extension');
    },
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
    get short() {
      return l10n.t({ message: 'customer account', comment: ['A kind of Shopify session token, inside sentences such as "Shopify issues {0} tokens for 60 s".'] });
    },
    get label() {
      return l10n.t('customer account UI extension');
    },
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
    get short() {
      return l10n.t({ message: 'POS', comment: ['A kind of Shopify session token, inside sentences such as "Shopify issues {0} tokens for 60 s".'] });
    },
    get label() {
      return l10n.t('POS UI extension');
    },
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
  return family === 'unknown' ? l10n.t('unknown kind of token') : FAMILY_RULES[family].label;
}

function guess(family: TokenFamily, candidates: TokenFamily[], reason: () => string, label = () => familyLabel(family)): () => FamilyGuess {
  // Every guess is one of a few fixed ones: made on first use (its texts localised by then), frozen, and shared by the
  // reports that carry it.
  return perLanguage(() => Object.freeze({ family, candidates: Object.freeze(candidates), label: label(), reason: reason() }));
}

// One whole sentence per case, so a translator can word each as the language needs.
const HINTED: Readonly<Record<SessionTokenFamily, () => FamilyGuess>> = {
  admin: guess('admin', ['admin'], () => l10n.t('You said it comes from an admin (App Bridge ID token).')),
  checkout: guess('checkout', ['checkout'], () => l10n.t('You said it comes from a checkout UI extension.')),
  'customer-account': guess('customer-account', ['customer-account'], () => l10n.t('You said it comes from a customer account UI extension.')),
  pos: guess('pos', ['pos'], () => l10n.t('You said it comes from a POS UI extension.')),
};
const ADMIN_BY_ISS = {
  withSid: guess('admin', ['admin', 'pos'], () => l10n.t('Its iss ends in /admin and it has a sid, as App Bridge ID tokens do.')),
  withoutSid: guess('pos', ['pos', 'admin'], () => l10n.t('Its iss ends in /admin but it has no sid, which App Bridge ID tokens always carry: read as a POS token.')),
};
const ADMIN_BY_DEST = {
  withSid: guess('admin', ['admin', 'pos'], () => l10n.t('Its dest is a shop address and it has a sid, as App Bridge ID tokens do.')),
  withoutSid: guess('pos', ['pos', 'admin'], () => l10n.t('Its dest is a shop address but it has no sid, which App Bridge ID tokens always carry: read as a POS token.')),
};
const CHECKOUT_BY_ISS = guess('checkout', ['checkout'], () => l10n.t('Its iss ends in /checkouts.'));
const EXTENSION_BY_DEST = guess(
  'checkout',
  ['checkout', 'customer-account'],
  () => l10n.t('Its dest is a bare shop host, as in UI extension tokens; checkout and customer account tokens carry the same claims, and both are checked alike.'),
  () => l10n.t('checkout or customer account UI extension'),
);
const UNREADABLE = guess('unknown', ['unknown'], () => l10n.t('The claims could not be read.'));
const NO_SHOP = guess('unknown', ['unknown'], () => l10n.t('It has neither an iss nor a dest naming a shop.'));

/**
 * Which family the claims belong to. Some families look alike: admin and POS tokens both come from the admin
 * (told apart by the admin token's sid), checkout and customer account tokens carry the same claims. A caller
 * who knows where the token came from passes `hint` and gets exactly that family's rules.
 */
export function recognizeFamily(claims: JsonObject | undefined, hint?: SessionTokenFamily): FamilyGuess {
  if (hint !== undefined) return HINTED[hint]();
  if (claims === undefined) return UNREADABLE();

  const hasSid = typeof claims['sid'] === 'string' && claims['sid'] !== '';
  const iss = claims['iss'];
  if (typeof iss === 'string') {
    const surface = issSurface(iss);
    if (surface === '/admin') return hasSid ? ADMIN_BY_ISS.withSid() : ADMIN_BY_ISS.withoutSid();
    if (surface === '/checkouts') return CHECKOUT_BY_ISS();
  }
  const dest = claims['dest'];
  if (typeof dest === 'string' && dest !== '') {
    if (/^https?:\/\//i.test(dest)) return hasSid ? ADMIN_BY_DEST.withSid() : ADMIN_BY_DEST.withoutSid();
    return EXTENSION_BY_DEST();
  }
  return NO_SHOP();
}
