// The id_token: RS256 with a key made at start, published as a JWKS. The broken variants
// exist because the extension must cope with an id_token it cannot verify.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { CLI_CLIENT_ID } from './shopifyData.ts';
import type { TestUser } from './users.ts';
import type { IdTokenMode } from './types.ts';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomBytes(8).toString('hex');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

export function jwks(key: SigningKey): { keys: JWK[] } {
  return { keys: [key.publicJwk] };
}

export interface IdTokenInput {
  issuer: string;
  user: TestUser;
  /** epoch ms */
  authTime: number;
  now: number;
  lifetime: number;
}

/** The id_token for the answer, or undefined when the mode says to leave it out. */
export async function mintIdToken(key: SigningKey, input: IdTokenInput, mode: IdTokenMode): Promise<string | undefined> {
  if (mode === 'absent') return undefined;
  if (mode === 'malformed') return 'not-a-jwt';
  const iat = Math.floor(input.now / 1000);
  const claims: Record<string, unknown> = {
    iss: input.issuer,
    aud: CLI_CLIENT_ID,
    sub: input.user.sub,
    email: input.user.email,
    email_verified: true,
    iat,
    exp: iat + input.lifetime,
    auth_time: Math.floor(input.authTime / 1000),
  };
  if (mode === 'no-sub') delete claims.sub;
  if (mode === 'no-email') {
    // Shopify leaves email out when the email scope was not granted.
    delete claims.email;
    delete claims.email_verified;
  }
  const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  return mode === 'bad-signature' ? corruptSignature(jwt) : jwt;
}

/** Same header and claims, but a signature the published key does not match. */
function corruptSignature(jwt: string): string {
  const [header, payload, signature = ''] = jwt.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}
