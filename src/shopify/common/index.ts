// The bottom layer on its own, for code that must not pull in the session core (the lazily loaded token features).
export { formatDuration, formatUtc } from './duration';
export { ShopifyAuthError, findShopifyError, isShopifyError } from './errors';
export { fingerprint, inert, redact, rememberSecret, serverText } from './redact';
export { timeLimit } from './timeLimit';
export { useTranslations } from './text';
