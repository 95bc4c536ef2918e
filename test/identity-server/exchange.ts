// RFC 8693 token exchange: an identity (or automation) token in, one API's app token out.
import { jsonAnswer, oauthError, type Answer } from './answers.ts';
import { clientError, type GrantContext } from './context.ts';
import { required, splitScopes, type FormParams } from './form.ts';
import {
  ACCESS_TOKEN_TYPE,
  ADMIN_AUDIENCE,
  API_NAMES,
  APIS,
  APP_MANAGEMENT_SCOPE,
  AUTOMATION_APIS,
  isAdminScope,
  isMyshopifyHost,
  isWellFormedScope,
} from './shopifyData.ts';
import { AUTOMATION_SUB, staffs, type TestUser } from './users.ts';
import type { ApiName } from './types.ts';
import type { JsonObject } from './validate.ts';

/**
 * Which API an exchange is for. App management shares the admin audience: it is the one that
 * asks for organization.apps.manage and no shop.admin scope (so it needs no store).
 */
export function classifyExchange(params: FormParams): ApiName | undefined {
  const audience = params.get('audience');
  if (audience === ADMIN_AUDIENCE) {
    const scopes = splitScopes(params.get('scope') ?? '');
    return scopes.includes(APP_MANAGEMENT_SCOPE) && !scopes.some(isAdminScope) ? 'app-management' : 'admin';
  }
  return API_NAMES.find((api) => APIS[api].audience === audience);
}

const DESTINATION = /^https:\/\/([^/?#@:]+)\/admin$/;

export function tokenExchange({ state, params, now }: GrantContext): Answer {
  const invalid = params.repeatedError() ?? clientError(params);
  if (invalid) return invalid;
  for (const name of ['subject_token_type', 'requested_token_type']) {
    const value = required(params, name);
    if (typeof value !== 'string') return value;
    if (value !== ACCESS_TOKEN_TYPE) return oauthError('invalid_request', `unsupported ${name}: ${value}`);
  }
  const audience = required(params, 'audience');
  if (typeof audience !== 'string') return audience;
  const api = classifyExchange(params);
  if (!api) return oauthError('invalid_request', `unknown audience: ${audience}`);
  const scope = required(params, 'scope');
  if (typeof scope !== 'string') return scope;
  const scopes = splitScopes(scope);
  const bad = scopes.find((s) => !isWellFormedScope(s));
  if (bad !== undefined) return oauthError('invalid_scope', `malformed scope: ${bad}`);
  const subjectToken = required(params, 'subject_token');
  if (typeof subjectToken !== 'string') return subjectToken;
  const store = api === 'admin' && scopes.some(isAdminScope) ? destinationStore(params) : undefined;
  if (store !== undefined && typeof store !== 'string') return store;

  // Who is asking: a live identity token's user, or an automation token (every scope, no user).
  let user: TestUser | undefined;
  let granted: readonly string[] | 'all';
  const session = state.tokens.identity(subjectToken, now);
  if (session === 'expired') return oauthError('invalid_grant', 'subject_token has expired');
  if (session) {
    user = session.user;
    granted = session.scopes;
  } else if (state.config.automationTokens.includes(subjectToken)) {
    if (!AUTOMATION_APIS.includes(api)) return oauthError('invalid_grant', `an automation token cannot be exchanged for ${api} tokens`);
    granted = 'all';
  } else {
    return oauthError('invalid_grant', 'subject_token is not a valid access token');
  }
  if (granted !== 'all') {
    const missing = scopes.filter((s) => !granted.includes(s));
    if (missing.length > 0) return oauthError('invalid_scope', `scope not granted to the subject token: ${missing.join(' ')}`);
  }
  if (store !== undefined) {
    if (!isMyshopifyHost(store)) return oauthError('invalid_target', `${store} is not a permanent *.myshopify.com store domain`);
    if (!user || !staffs(user, store)) return oauthError('invalid_target', `the user has no access to ${store}`);
  }

  const { appLifetime, tokenType } = state.config;
  const accessToken = state.tokens.issueApp(
    { sub: user?.sub ?? AUTOMATION_SUB, api, audience, ...(store !== undefined ? { store } : {}), scopes },
    appLifetime,
    now,
  );
  const body: JsonObject = { access_token: accessToken, expires_in: appLifetime, scope: scopes.join(' ') };
  if (tokenType === 'always') {
    body.token_type = 'bearer';
    body.issued_token_type = ACCESS_TOKEN_TYPE;
  }
  return jsonAnswer(body);
}

/** The store of an admin exchange: destination=https://<store>/admin, with the CLI's store= agreeing. */
function destinationStore(params: FormParams): string | Answer {
  const destination = required(params, 'destination');
  if (typeof destination !== 'string') return destination;
  const host = DESTINATION.exec(destination)?.[1];
  if (host === undefined) return oauthError('invalid_request', 'destination must be https://<store>/admin');
  const store = params.get('store');
  if (store !== undefined && store.toLowerCase() !== host.toLowerCase()) {
    return oauthError('invalid_request', 'store does not match destination');
  }
  return host;
}
