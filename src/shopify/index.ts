// The core's one surface for the editor. Layers, each importing only those above it:
//   common/   errors, redaction, abort, retries, time limits, coalescing, durations
//   identity/ the API table and the client that talks to the identity server
//   storage/  the stored state, its store, and kept-aside copies of damaged data
//   sessions/ scopes, store names, session rules, the manager that ties them together
// Session tokens (tokens/) are a surface of their own, loaded only when first used.
export { formatDuration, formatUtc } from './common/duration';
export { ShopifyAuthError, findShopifyError, isShopifyError } from './common/errors';
export { fingerprint, inert, redact, rememberSecret, serverText } from './common/redact';
export { timeLimit } from './common/timeLimit';
export { useTranslations } from './common/text';
export { APIS, apiWord, type ApiName } from './identity/apis';
export { IdentityClient } from './identity/client';
export { PRODUCTION_IDENTITY_URL } from './identity/identityUrl';
export { forgetKept, keepText } from './storage/keptAside';
export { STATE_KEY, accountLabel } from './storage/state';
export { StateStore, watchState, type TextSlot } from './storage/stateStore';
export { SessionManager, type DeviceCodeView, type SignInUi, type TokenRequest } from './sessions/manager';
export { isAccountRequest } from './sessions/scopes';
export type { SessionChanges, ShopifySession } from './sessions/sessions';
export { projectStores, type ProjectStore } from './sessions/projectConfig';
export { ServerClock } from './common/clock';
export { checkConnection, type ConnectionFacts, type ConnectionResult } from './identity/connectionCheck';
export { proxyRoute, type ProxySources } from './identity/proxyRoute';
export type { NetworkRoute } from './identity/networkErrors';
