/**
 * Token builders for the tests, independent of src/shopify/tokens/mint.ts: valid tokens come from jose's SignJWT,
 * malformed ones are assembled by hand and signed with node:crypto so each one is wrong in exactly one way.
 */
import { createHmac } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { SessionTokenFamily, SessionTokenReport } from '../../../src/shopify/tokens';

export const SECRET = 'shpss_0123456789abcdef0123456789abcdef';
export const OLD_SECRET = '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';
export const CLIENT_ID = '3f6a0c2b9d1e4f5a6b7c8d9e0f1a2b3c';
export const SHOP = 'my-store.myshopify.com';
/** 2025-01-15 12:00:00 UTC, a whole second, so leeway edges are exact. */
export const NOW = new Date('2025-01-15T12:00:00Z');
export const T = NOW.getTime() / 1000;

export function b64u(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}

/** HMAC-SHA256 over "header.payload" exactly as given (whatever their spelling), base64url. */
export function sign(signingInput: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(signingInput).digest('base64url');
}

/** A token from raw JSON texts, so duplicate names, 1e309 and odd spellings survive. */
export function rawToken(headerJson: string, payloadJson: string, secret = SECRET): string {
  const input = `${b64u(headerJson)}.${b64u(payloadJson)}`;
  return `${input}.${sign(input, secret)}`;
}

/** A token from already-encoded segments (for encoding faults), signed over exactly that text. */
export function tokenFromSegments(header: string, payload: string, secret = SECRET): string {
  return `${header}.${payload}.${sign(`${header}.${payload}`, secret)}`;
}

export const HEADER = '{"alg":"HS256","typ":"JWT"}';

/** The claims each family's real tokens carry, issued 5 s before NOW. */
export function claimsFor(family: SessionTokenFamily, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = T - 5;
  const base: Record<string, unknown> =
    family === 'admin'
      ? {
          iss: `https://${SHOP}/admin`,
          dest: `https://${SHOP}`,
          aud: CLIENT_ID,
          sub: '74329876',
          exp: iat + 60,
          nbf: iat,
          iat,
          jti: '0b6a4b2e-5a0f-4c55-9f55-1d1c1e9b2a10',
          sid: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        }
      : family === 'pos'
        ? {
            iss: `https://${SHOP}/admin`,
            dest: `https://${SHOP}`,
            aud: CLIENT_ID,
            sub: '74329876',
            exp: iat + 60,
            nbf: iat,
            iat,
            jti: '7c1f3a5e-2b4d-4e6f-8a9b-0c1d2e3f4a5b',
          }
        : {
            dest: SHOP,
            aud: CLIENT_ID,
            exp: iat + 300,
            nbf: iat,
            iat,
            jti: '6c992878-dbaf-48d1-bb9d-6d9b59814fd1',
            sub: 'gid://shopify/Customer/5550001',
          };
  const merged = { ...base, ...overrides };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged;
}

/** A correctly signed token with jose's SignJWT. */
export async function joseToken(claims: Record<string, unknown>, secret = SECRET, header: Record<string, unknown> = { typ: 'JWT' }): Promise<string> {
  return new SignJWT(claims as JWTPayload)
    .setProtectedHeader({ alg: 'HS256', ...header })
    .sign(new TextEncoder().encode(secret));
}

/** A token with hand-written claims JSON (for values JSON.stringify cannot write). */
export function claimsToken(payloadJson: string, secret = SECRET, headerJson = HEADER): string {
  return rawToken(headerJson, payloadJson, secret);
}

export function codes(report: SessionTokenReport, status?: 'pass' | 'fail' | 'warn'): string[] {
  return report.checks.filter((c) => status === undefined || c.status === status).map((c) => c.code);
}

export function describeReport(report: SessionTokenReport): string {
  return `${report.summary}\n${report.checks.map((c) => `  ${c.status} ${c.code}: ${c.message}`).join('\n')}`;
}

/** Every sentence a report shows a user: messages, summary, name, input changes. */
export function sentences(report: SessionTokenReport): string[] {
  return [
    report.summary,
    report.name,
    report.signature.message,
    report.familyInfo.reason,
    report.familyInfo.label,
    ...report.inputChanges,
    ...report.checks.map((c) => c.message),
  ];
}
