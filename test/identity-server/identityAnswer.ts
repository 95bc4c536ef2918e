// The answer of the device-code and refresh grants: identity access token, refresh token,
// id_token, shaped by the configured token_type and id_token modes.
import { jsonAnswer, type Answer } from './answers.ts';
import { mintIdToken } from './idToken.ts';
import type { ServerState } from './state.ts';
import type { Session } from './tokenStore.ts';
import type { IdTokenMode } from './types.ts';
import type { JsonObject } from './validate.ts';

export async function identityTokenAnswer(
  state: ServerState,
  session: Session,
  accessToken: string,
  now: number,
  idTokenMode: IdTokenMode,
  withRefreshToken = true,
): Promise<Answer> {
  const { identityLifetime, tokenType } = state.config;
  const body: JsonObject = {
    access_token: accessToken,
    ...(withRefreshToken ? { refresh_token: session.refreshToken } : {}),
    expires_in: identityLifetime,
    scope: session.scopes.join(' '),
  };
  const idToken = await mintIdToken(
    state.key,
    { issuer: state.url, user: session.user, authTime: session.authTime, now, lifetime: identityLifetime },
    idTokenMode,
  );
  if (idToken !== undefined) body.id_token = idToken;
  if (tokenType !== 'never') body.token_type = 'bearer';
  return jsonAnswer(body);
}
