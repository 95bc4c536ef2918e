// Second bundle (dist/tokens.js): the session-token features, loaded on their first use so that activation, which
// every window pays for, loads only the sign-in code.
export { createSessionTokenFeatures } from './editor/tokens/features';
// The checker itself, for the bench: it measures verification in this built file, as the editor runs it.
export { decodeSessionToken, mintSessionToken, verifySessionToken } from './shopify/tokens';
