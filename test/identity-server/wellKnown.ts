// OpenID discovery and JWKS. Like the real service's document (shopify-identity.md), the
// discovery document does not list device_authorization_endpoint.
import { jsonAnswer, type Answer } from './answers.ts';
import { jwks } from './idToken.ts';
import { ALL_DEFAULT_SCOPES, GRANT_DEVICE_CODE, GRANT_REFRESH_TOKEN, GRANT_TOKEN_EXCHANGE } from './shopifyData.ts';
import type { ServerState } from './state.ts';

export function openidConfiguration(state: ServerState): Answer {
  return jsonAnswer({
    issuer: state.url,
    token_endpoint: `${state.url}/oauth/token`,
    jwks_uri: `${state.url}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    grant_types_supported: [GRANT_DEVICE_CODE, GRANT_REFRESH_TOKEN, GRANT_TOKEN_EXCHANGE],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['openid', ...ALL_DEFAULT_SCOPES],
    claims_supported: ['iss', 'aud', 'sub', 'email', 'email_verified', 'iat', 'exp', 'auth_time'],
  });
}

export function jwksDocument(state: ServerState): Answer {
  return jsonAnswer({ ...jwks(state.key) });
}
