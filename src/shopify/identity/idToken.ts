import * as l10n from '../common/text';
import { decodeJwt } from 'jose';
import { ShopifyAuthError } from '../common/errors';

export interface IdentityClaims {
  readonly userId: string;
  readonly email?: string;
}

/**
 * Who signed in, read from the id_token without verifying it, as the Shopify CLI does: it came straight
 * from the token endpoint over TLS, and Shopify publishes no metadata to verify it against.
 */
export function readIdToken(idToken: unknown): IdentityClaims {
  if (typeof idToken !== 'string' || idToken === '') {
    throw new ShopifyAuthError('bad-response', l10n.t('Shopify\'s sign-in answer did not say who signed in (no id_token). Sign in again; if it keeps happening, report it.'));
  }
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(idToken);
  } catch {
    throw new ShopifyAuthError('bad-response', l10n.t('Shopify\'s sign-in answer carried an id_token that cannot be read. Sign in again; if it keeps happening, report it.'));
  }
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw new ShopifyAuthError('bad-response', l10n.t('Shopify\'s sign-in answer did not say who signed in (its id_token has no subject). Sign in again; if it keeps happening, report it.'));
  }
  const email = claims['email'];
  return typeof email === 'string' && email.includes('@') ? { userId: sub, email } : { userId: sub };
}
