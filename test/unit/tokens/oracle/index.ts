/**
 * The reference for the differential test: a frozen copy of the session-token checker as it was before the HS256 hot
 * path moved to node:crypto and the checklist got its fast paths (jose 6 for the signature, the plain loops for the
 * checks). Do not optimise or fix anything here: a change in behaviour belongs in src/shopify/tokens, and must show
 * up in the differential test as a difference from this copy, made on purpose.
 */
export { decodeSessionToken } from './decode';
export { verifySessionToken } from './verify';
