// Every token the server has issued, and the sign-in sessions behind identity tokens.
// Expiry is checked on use against expiresAt, so there are no timers to clean up.
import { randomToken } from './random.ts';
import type { TestUser } from './users.ts';
import type { ApiName, ExpireKind, IssuedToken } from './types.ts';

/** A sign-in: one approval of a device code, carried forward by refreshes. */
export interface Session {
  id: number;
  user: TestUser;
  scopes: string[];
  /** When the user approved (epoch ms): the id_token's auth_time. */
  authTime: number;
  /** The one refresh token that still works for this session. */
  refreshToken: string;
}

interface TokenRecord extends IssuedToken {
  /** The session an identity or refresh token belongs to. */
  sessionId?: number;
  /** Rotated away or revoked: refused from then on, whatever expiresAt says. */
  dead: boolean;
}

// Refresh tokens outlive any test; their real lifetime is not documented.
const REFRESH_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export class TokenStore {
  private readonly records: TokenRecord[] = [];
  private readonly byValue = new Map<string, TokenRecord>();
  private readonly sessions = new Map<number, Session>();
  private nextSessionId = 1;

  /** Starts a session with a fresh identity access token and refresh token. */
  startSession(user: TestUser, scopes: string[], authTime: number, identityLifetime: number, now: number): { session: Session; accessToken: string } {
    const refresh = this.add({ kind: 'refresh', value: randomToken('atkr_'), sub: user.sub, scopes, issuedAt: now, expiresAt: now + REFRESH_LIFETIME_MS });
    const session: Session = { id: this.nextSessionId++, user, scopes, authTime, refreshToken: refresh.value };
    refresh.sessionId = session.id;
    this.sessions.set(session.id, session);
    return { session, accessToken: this.issueIdentity(session, identityLifetime, now) };
  }

  issueIdentity(session: Session, lifetime: number, now: number): string {
    const record = this.add({
      kind: 'identity',
      value: randomToken('atkn_'),
      sub: session.user.sub,
      scopes: session.scopes,
      issuedAt: now,
      expiresAt: now + lifetime * 1000,
    });
    record.sessionId = session.id;
    return record.value;
  }

  /** Replaces the session's refresh token; the old one dies at once. */
  rotateRefresh(session: Session, now: number): string {
    const old = this.byValue.get(session.refreshToken);
    if (old) old.dead = true;
    const record = this.add({ kind: 'refresh', value: randomToken('atkr_'), sub: session.user.sub, scopes: session.scopes, issuedAt: now, expiresAt: now + REFRESH_LIFETIME_MS });
    record.sessionId = session.id;
    session.refreshToken = record.value;
    return record.value;
  }

  issueApp(fields: { sub: string; api: ApiName; audience: string; store?: string; scopes: string[] }, lifetime: number, now: number): string {
    const value = randomToken('apptk_');
    this.add({ kind: 'app', value, ...fields, issuedAt: now, expiresAt: now + lifetime * 1000 });
    return value;
  }

  /** The session of a live identity access token, 'expired' or undefined (unknown). */
  identity(value: string, now: number): Session | 'expired' | undefined {
    const record = this.byValue.get(value);
    if (!record || record.kind !== 'identity' || record.sessionId === undefined) return undefined;
    if (record.dead || record.expiresAt <= now) return 'expired';
    return this.sessions.get(record.sessionId);
  }

  /** The session behind a usable refresh token (not rotated, revoked or expired). */
  refreshSession(value: string, now: number): Session | undefined {
    const record = this.byValue.get(value);
    if (!record || record.kind !== 'refresh' || record.dead || record.expiresAt <= now) return undefined;
    return record.sessionId === undefined ? undefined : this.sessions.get(record.sessionId);
  }

  /** Whether an identity access token (live or not) was issued to this session. */
  belongsTo(accessToken: string, session: Session): boolean {
    const record = this.byValue.get(accessToken);
    return record?.kind === 'identity' && record.sessionId === session.id;
  }

  /** Marks live identity and/or app tokens expired now. Refresh tokens are killed with revoke. */
  expire(kind: ExpireKind, now: number): number {
    let expired = 0;
    for (const record of this.records) {
      if (record.kind === 'refresh' || (kind !== 'all' && record.kind !== kind)) continue;
      if (record.dead || record.expiresAt <= now) continue;
      record.expiresAt = now;
      expired++;
    }
    return expired;
  }

  /** Kills every live refresh token of a user: their next refresh gets invalid_grant. */
  revoke(sub: string): number {
    let revoked = 0;
    for (const record of this.records) {
      if (record.kind !== 'refresh' || record.sub !== sub || record.dead) continue;
      record.dead = true;
      revoked++;
    }
    return revoked;
  }

  issued(): IssuedToken[] {
    return this.records.map(({ sessionId: _session, dead: _dead, scopes, ...token }) => ({ ...token, scopes: [...scopes] }));
  }

  private add(token: IssuedToken): TokenRecord {
    const record: TokenRecord = { ...token, scopes: [...token.scopes], dead: false };
    this.records.push(record);
    this.byValue.set(record.value, record);
    return record;
  }
}
