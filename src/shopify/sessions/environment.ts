import * as l10n from '../common/text';
import { rememberSecret } from '../common/redact';
import { DEVELOPMENT_STORES, normalizeStore } from './storeName';

type Env = Readonly<Record<string, string | undefined>>;

export interface AutomationToken {
  /** Which variable it came from, for messages. */
  readonly variable: 'SHOPIFY_APP_AUTOMATION_TOKEN' | 'SHOPIFY_CLI_PARTNERS_TOKEN';
  readonly value: string;
}

export interface EnvironmentProblem {
  readonly variable: string;
  readonly message: string;
}

export interface ShopifyEnvironment {
  readonly automationToken?: AutomationToken;
  /** Also set, but not used: SHOPIFY_APP_AUTOMATION_TOKEN comes first. */
  readonly ignoredVariable?: AutomationToken['variable'];
  readonly store?: string;
  readonly problems: readonly EnvironmentProblem[];
}

/** Longest token we accept from the environment; real ones are well under 200 characters. */
const MAX_TOKEN_LENGTH = 4096;

/** Reads the Shopify CLI's environment variables, reporting (never echoing) values that cannot be used. */
export function readEnvironment(env: Env): ShopifyEnvironment {
  const problems: EnvironmentProblem[] = [];
  const automation = readAutomationToken(env, problems);
  const automationToken = automation?.token;
  // Held now: redaction must know it, whatever its shape.
  if (automationToken) rememberSecret(automationToken.value);
  let store: string | undefined;
  const rawStore = env['SHOPIFY_FLAG_STORE']?.trim();
  if (rawStore) {
    try {
      // Its form only: whether the identity server serves this kind of store is checked where it is used.
      store = normalizeStore(rawStore, DEVELOPMENT_STORES);
    } catch (error) {
      problems.push({ variable: 'SHOPIFY_FLAG_STORE', message: l10n.t('SHOPIFY_FLAG_STORE is ignored: {0}', error instanceof Error ? error.message : String(error)) });
    }
  }
  return {
    ...(automationToken ? { automationToken } : {}),
    ...(automation?.ignored ? { ignoredVariable: automation.ignored } : {}),
    ...(store ? { store } : {}),
    problems,
  };
}

type AutomationVariable = AutomationToken['variable'];

/**
 * The CLI's rule: SHOPIFY_APP_AUTOMATION_TOKEN when it is set at all, else SHOPIFY_CLI_PARTNERS_TOKEN. Set but empty
 * means no automation token, not "use the other one": whoever emptied it meant to turn it off.
 */
function readAutomationToken(env: Env, problems: EnvironmentProblem[]): { token?: AutomationToken; ignored?: AutomationVariable } | undefined {
  const first = 'SHOPIFY_APP_AUTOMATION_TOKEN';
  const second = 'SHOPIFY_CLI_PARTNERS_TOKEN';
  const variable: AutomationVariable | undefined = env[first] !== undefined ? first : env[second] !== undefined ? second : undefined;
  if (variable === undefined) return undefined;
  const ignored = variable === first && env[second] !== undefined && env[second]?.trim() !== '' ? second : undefined;
  const raw = env[variable] ?? '';
  const value = raw.trim();
  if (value === '') {
    if (ignored) {
      problems.push({ variable, message: l10n.t('{0} is set but empty, so no automation token is used and {1} is ignored too, as the Shopify CLI does. Unset {2} to use {3}.', first, second, first, second) });
    } else if (raw !== '') {
      problems.push({ variable, message: l10n.t('{0} holds only whitespace, so it is ignored. Set it to your CLI token, or unset it.', variable) });
    }
    return undefined;
  }
  if (value.length > MAX_TOKEN_LENGTH || /\s/.test(value)) {
    problems.push({ variable, message: notATokenMessage(variable, value.length > MAX_TOKEN_LENGTH ? value.length : undefined, ignored) });
    return undefined;
  }
  return { token: { variable, value }, ...(ignored ? { ignored } : {}) };
}

/** One whole sentence per case: too long (with its length) or holding spaces, with or without a second variable ignored. */
function notATokenMessage(variable: string, tooLong: number | undefined, ignored: string | undefined): string {
  if (tooLong !== undefined) {
    return ignored
      ? l10n.t('{0} does not look like a token ({1} characters), so it is ignored, and so is {2}. Copy the token again from the Partners Dashboard.', variable, tooLong, ignored)
      : l10n.t('{0} does not look like a token ({1} characters), so it is ignored. Copy the token again from the Partners Dashboard.', variable, tooLong);
  }
  return ignored
    ? l10n.t('{0} does not look like a token (it contains spaces), so it is ignored, and so is {1}. Copy the token again from the Partners Dashboard.', variable, ignored)
    : l10n.t('{0} does not look like a token (it contains spaces), so it is ignored. Copy the token again from the Partners Dashboard.', variable);
}
