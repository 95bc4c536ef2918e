import * as l10n from '../common/text';
import { perLanguage } from '../common/text';
import { CHECK_CODES as C, fail, pass, warn } from './checks';
import type { Check } from './report';

export interface SecretVerdict {
  readonly checks: readonly Check[];
  /** The text may be used as an HMAC key. */
  readonly usable: boolean;
}

const PEM = /-----BEGIN [A-Z0-9 ]+-----/;

/** A JSON object with "kty" (a JWK) or "keys" (a JWK set). */
function looksLikeJwk(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return false;
  if (/"(kty|keys)"\s*:/.test(trimmed)) return true;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && ('kty' in value || 'keys' in value);
  } catch {
    return false;
  }
}

export function looksLikeKey(text: string): 'PEM' | 'JWK' | undefined {
  if (PEM.test(text)) return 'PEM';
  if (looksLikeJwk(text)) return 'JWK';
  return undefined;
}

/**
 * Whether a secret may be used to check an HS256 signature. Key material is refused outright: taking a public key's
 * text as an HMAC secret is the algorithm-confusion attack. Messages never include the secret.
 */
export function checkSecret(secret: string, which: 'current' | 'previous', clientId: string): SecretVerdict {
  const current = which === 'current';
  // One whole sentence per secret (current or previous), so a translator can word each.
  if (secret === '') {
    const message = current
      ? l10n.t('The client secret is empty: copy the app\'s client secret from the Partner Dashboard or Dev Dashboard (app > Settings > Client credentials).')
      : l10n.t('The previous client secret is empty: copy the app\'s client secret from the Partner Dashboard or Dev Dashboard (app > Settings > Client credentials).');
    return { checks: [fail(C.secretEmpty, message)], usable: false };
  }
  const key = looksLikeKey(secret);
  if (key !== undefined) {
    const message = current
      ? l10n.t(
          'The client secret is {0} key material, not a client secret: refused, because using key text as an HMAC secret is the algorithm-confusion attack. Shopify signs session tokens with the app\'s client secret: copy the app\'s client secret from the Partner Dashboard or Dev Dashboard (app > Settings > Client credentials).',
          key,
        )
      : l10n.t(
          'The previous client secret is {0} key material, not a client secret: refused, because using key text as an HMAC secret is the algorithm-confusion attack. Shopify signs session tokens with the app\'s client secret: copy the app\'s client secret from the Partner Dashboard or Dev Dashboard (app > Settings > Client credentials).',
          key,
        );
    return { checks: [fail(C.secretLooksLikeKey, message)], usable: false };
  }
  if (clientId !== '' && secret.trim() === clientId.trim()) {
    const message = current
      ? l10n.t('The client secret is the client id (API key), not the secret: copy the app\'s client secret from the Partner Dashboard or Dev Dashboard (app > Settings > Client credentials).')
      : l10n.t('The previous client secret is the client id (API key), not the secret: copy the app\'s client secret from the Partner Dashboard or Dev Dashboard (app > Settings > Client credentials).');
    return { checks: [fail(C.secretIsClientId, message)], usable: false };
  }
  if (secret.trim() !== secret) {
    const message = current
      ? l10n.t('The client secret has spaces or line breaks around it, which are used as part of it: remove them if the copy added them.')
      : l10n.t('The previous client secret has spaces or line breaks around it, which are used as part of it: remove them if the copy added them.');
    return { checks: [warn(C.secretWhitespace, message)], usable: true };
  }
  return PLAIN[which]();
}

// The usual verdicts are made once, on first use in each language (perLanguage), and shared, frozen so no report can change another's.
const PLAIN = {
  current: perLanguage((): SecretVerdict => Object.freeze({ checks: Object.freeze([Object.freeze(pass(C.secret, l10n.t('The client secret is plain text, not key material.')))]), usable: true })),
  previous: perLanguage((): SecretVerdict => Object.freeze({ checks: Object.freeze([Object.freeze(pass(C.secret, l10n.t('The previous client secret is plain text, not key material.')))]), usable: true })),
} as const satisfies Record<'current' | 'previous', () => SecretVerdict>;
