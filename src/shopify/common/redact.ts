import { createHash } from 'node:crypto';

/** A short, stable name for a secret: enough to tell two tokens apart in a log, useless to an attacker. */
export function fingerprint(secret: string): string {
  return `#${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;
}

// Shapes a secret can take in text we did not write ourselves (server errors, exception messages).
const SECRET_SHAPES: RegExp[] = [
  // compact JWS/JWE: base64url segments joined by dots, starting with a JSON header ("ey")
  /\bey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){1,3}/g,
  // Shopify opaque tokens (identity, admin, custom app, theme access)
  /\b(?:atkn|shpat|shpua|shpca|shptka|shpss|shppa|shprt)_[A-Za-z0-9_-]{6,}/g,
  // bearer headers and form or query parameters that carry secrets
  /\b(Bearer\s+)[^\s"',;]+/gi,
  /\b((?:access_token|refresh_token|subject_token|id_token|device_code|client_secret|token|secret)=)[^\s&"',;]+/gi,
  /("(?:access_token|refresh_token|subject_token|id_token|device_code|client_secret|accessToken|refreshToken|secret)"\s*:\s*")[^"]*/gi,
];

/** Replaces anything that looks like a secret with its fingerprint. Applied to every log line and every error text shown. */
export function redact(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const secret of known) {
    if (secret.length >= 8) out = out.split(secret).join(fingerprint(secret));
  }
  for (const shape of SECRET_SHAPES) {
    out = out.replace(shape, (match: string, prefix?: unknown) => {
      if (typeof prefix === 'string' && match.startsWith(prefix)) {
        return prefix + fingerprint(match.slice(prefix.length));
      }
      return fingerprint(match);
    });
  }
  return out;
}
