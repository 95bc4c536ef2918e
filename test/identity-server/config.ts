// The server's runtime configuration: defaults from the start options, patched by /__control/configure.
import { DEFAULT_AUTOMATION_TOKENS } from './users.ts';
import { ANSWER_STYLES } from './answerStyles.ts';
import type { IdentityServerOptions, IdTokenMode, ServerConfig, TokenTypeMode } from './types.ts';
import {
  ControlError,
  expectNonNegativeInteger,
  expectObject,
  expectOneOf,
  expectString,
  rejectUnknownKeys,
} from './validate.ts';

const TOKEN_TYPE_MODES: readonly TokenTypeMode[] = ['always', 'never', 'not-on-exchange'];
const ID_TOKEN_MODES: readonly IdTokenMode[] = ['valid', 'bad-signature', 'no-sub', 'no-email', 'absent', 'malformed'];
const NUMERIC_KEYS = ['identityLifetime', 'appLifetime', 'deviceCodeLifetime', 'interval'] as const;
const CONFIG_KEYS = [...NUMERIC_KEYS, 'tokenType', 'idToken', 'rotateRefreshTokens', 'omitUnrotatedRefreshToken', 'automationTokens', 'answerStyle', 'clockSkewSeconds', 'withheldScopes'] as const;
/** Ten years either way: enough for any wrong clock. */
const MAX_SKEW_S = 10 * 366 * 86_400;

export function defaultConfig(options: IdentityServerOptions): ServerConfig {
  const config: ServerConfig = {
    identityLifetime: 7200,
    appLifetime: 7200,
    deviceCodeLifetime: 600,
    interval: 5,
    tokenType: 'not-on-exchange',
    idToken: 'valid',
    rotateRefreshTokens: true,
    omitUnrotatedRefreshToken: false,
    automationTokens: [...DEFAULT_AUTOMATION_TOKENS],
    answerStyle: 'standard',
    clockSkewSeconds: options.clockSkewSeconds === undefined ? 0 : expectSkew(options.clockSkewSeconds),
    withheldScopes: [],
  };
  for (const key of NUMERIC_KEYS) {
    const value = options[key];
    if (value !== undefined) config[key] = key === 'interval' ? expectInterval(value) : expectNonNegativeInteger(value, key);
  }
  return config;
}

/** A new config with the patch applied; throws ControlError on an unknown field or bad value. */
export function applyConfigPatch(config: ServerConfig, patch: unknown): ServerConfig {
  const input = expectObject(patch, 'configure body');
  rejectUnknownKeys(input, CONFIG_KEYS, 'configure');
  const next: ServerConfig = { ...config, automationTokens: [...config.automationTokens], withheldScopes: [...config.withheldScopes] };
  for (const key of NUMERIC_KEYS) {
    if (input[key] !== undefined) next[key] = key === 'interval' ? expectInterval(input[key]) : expectNonNegativeInteger(input[key], key);
  }
  if (input.tokenType !== undefined) next.tokenType = expectOneOf(input.tokenType, TOKEN_TYPE_MODES, 'tokenType');
  if (input.answerStyle !== undefined) next.answerStyle = expectOneOf(input.answerStyle, ANSWER_STYLES, 'answerStyle');
  if (input.idToken !== undefined) next.idToken = expectOneOf(input.idToken, ID_TOKEN_MODES, 'idToken');
  if (input.rotateRefreshTokens !== undefined) {
    if (typeof input.rotateRefreshTokens !== 'boolean') throw new ControlError(400, 'rotateRefreshTokens must be a boolean');
    next.rotateRefreshTokens = input.rotateRefreshTokens;
  }
  if (input.omitUnrotatedRefreshToken !== undefined) {
    if (typeof input.omitUnrotatedRefreshToken !== 'boolean') throw new ControlError(400, 'omitUnrotatedRefreshToken must be a boolean');
    next.omitUnrotatedRefreshToken = input.omitUnrotatedRefreshToken;
  }
  if (input.automationTokens !== undefined) {
    if (!Array.isArray(input.automationTokens)) throw new ControlError(400, 'automationTokens must be an array of strings');
    next.automationTokens = input.automationTokens.map((t: unknown, i) => expectString(t, `automationTokens[${i}]`));
  }
  if (input.clockSkewSeconds !== undefined) next.clockSkewSeconds = expectSkew(input.clockSkewSeconds);
  if (input.withheldScopes !== undefined) {
    if (!Array.isArray(input.withheldScopes)) throw new ControlError(400, 'withheldScopes must be an array of strings');
    const withheld = input.withheldScopes.map((s: unknown, i) => expectString(s, `withheldScopes[${i}]`));
    if (withheld.includes('openid')) throw new ControlError(400, 'withheldScopes cannot hold openid: every sign-in is granted it');
    next.withheldScopes = withheld;
  }
  return next;
}

function expectSkew(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > MAX_SKEW_S) {
    throw new ControlError(400, `clockSkewSeconds must be an integer between -${MAX_SKEW_S} and ${MAX_SKEW_S}`);
  }
  return value;
}

/**
 * RFC 8628 gives the interval as a JSON number of seconds, not necessarily whole: Shopify sends 5, and the unit
 * tests poll every tenth of a second so that a sign-in does not cost them a second each.
 */
function expectInterval(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ControlError(400, 'interval must be a non-negative number of seconds');
  return value;
}
