import * as l10n from '../common/text';
import { perLanguage } from '../common/text';
import { CHECK_CODES as C, fail, pass, warn } from './checks';
import type { Check, JsonObject } from './report';
import { show } from './show';

/** Header members that point at keys elsewhere. Shopify tokens use the client secret, so these are never followed. */
const KEY_REFERENCES = ['kid', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'jwk'] as const;

/** HMAC-SHA256 output. */
const HS256_SIGNATURE_BYTES = 32;

// Checks whose text never varies are made once, on first use in each language (perLanguage), and shared by every report, frozen so no report can change another's.
const PASS_ALG = perLanguage(() => Object.freeze(pass(C.headerAlg, l10n.t('alg is HS256, as Shopify signs session tokens.'))));
const PASS_NO_CRIT = perLanguage(() => Object.freeze(pass(C.headerCrit, l10n.t('No crit or b64 parameters.'))));
const PASS_NO_TYP = perLanguage(() => Object.freeze(pass(C.headerTyp, l10n.t('No typ (it is optional).'))));
const PASS_TYP = perLanguage(() => Object.freeze(pass(C.headerTyp, l10n.t('typ is JWT.'))));

export interface HeaderVerdict {
  readonly checks: Check[];
  /** alg is HS256 and nothing asks for processing we refuse: the signature may be checked. */
  readonly verifiable: boolean;
  readonly alg: unknown;
}

export function checkHeader(header: JsonObject, signature: Uint8Array | undefined): HeaderVerdict {
  const checks: Check[] = [];
  const alg = header['alg'];
  let algOk = false;
  if (alg === 'HS256') {
    // First, as nearly every token says it; the same verdict the checks below reach, without lower-casing a copy.
    algOk = true;
    checks.push(PASS_ALG());
  } else if (alg === undefined) {
    checks.push(fail(C.headerAlgMissing, l10n.t('The header has no alg: Shopify session tokens always say "HS256"; this is not one.')));
  } else if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    checks.push(
      fail(
        C.headerAlgNone,
        l10n.t('The header says alg {0}, an unsigned token: anyone can write one, so it is always refused.', show(alg)),
      ),
    );
  } else {
    checks.push(
      fail(
        C.headerAlg,
        l10n.t('The header says alg {0}, not "HS256": Shopify signs session tokens only with HS256, so this token was made by something else.', show(alg)),
      ),
    );
  }

  const hasCrit = Object.hasOwn(header, 'crit');
  const hasB64 = Object.hasOwn(header, 'b64');
  if (hasCrit) {
    checks.push(
      fail(C.headerCrit, l10n.t('The header has crit {0}: it demands extensions Shopify tokens never use, so it is refused.', show(header['crit']))),
    );
  }
  if (hasB64) {
    checks.push(
      fail(C.headerB64, l10n.t('The header has b64 {0} (unencoded payload): Shopify tokens never use it, so it is refused.', show(header['b64']))),
    );
  }
  if (!hasCrit && !hasB64) checks.push(PASS_NO_CRIT());

  const typ = header['typ'];
  if (typ === undefined) checks.push(PASS_NO_TYP());
  else if (typ === 'JWT') checks.push(PASS_TYP());
  else {
    checks.push(
      warn(C.headerTyp, l10n.t('typ is {0}, not "JWT": Shopify\'s tokens say "JWT"; check where this token came from.', show(typ))),
    );
  }

  if (KEY_REFERENCES.some((name) => Object.hasOwn(header, name))) {
    const references = KEY_REFERENCES.filter((name) => Object.hasOwn(header, name));
    checks.push(
      warn(
        C.headerKeyReference,
        l10n.t('The header has {0}: ignored and never fetched; Shopify tokens are checked with the app\'s client secret only.', references.join(', ')),
      ),
    );
  }

  if (algOk && signature !== undefined && signature.length !== HS256_SIGNATURE_BYTES) {
    checks.push(
      fail(
        C.signatureLength,
        l10n.t('The signature is {0} bytes; HS256 makes {1}: the token was cut or altered; copy it again.', signature.length, HS256_SIGNATURE_BYTES),
      ),
    );
  }

  return { checks, verifiable: algOk && !hasCrit && !hasB64, alg };
}
