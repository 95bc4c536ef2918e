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
  readonly store?: string;
  readonly problems: readonly EnvironmentProblem[];
}

/** Longest token we accept from the environment; real ones are well under 200 characters. */
const MAX_TOKEN_LENGTH = 4096;

/** Reads the Shopify CLI's environment variables, reporting (never echoing) values that cannot be used. */
export function readEnvironment(env: Env): ShopifyEnvironment {
  const problems: EnvironmentProblem[] = [];
  let automationToken: AutomationToken | undefined;
  for (const variable of ['SHOPIFY_APP_AUTOMATION_TOKEN', 'SHOPIFY_CLI_PARTNERS_TOKEN'] as const) {
    const raw = env[variable];
    if (raw === undefined || automationToken) continue;
    const value = raw.trim();
    if (value === '') {
      if (raw !== '') problems.push({ variable, message: `${variable} holds only whitespace, so it is ignored. Set it to your CLI token, or unset it.` });
      continue;
    }
    if (value.length > MAX_TOKEN_LENGTH || /\s/.test(value)) {
      problems.push({ variable, message: `${variable} does not look like a token (${value.length > MAX_TOKEN_LENGTH ? `${value.length} characters` : 'it contains spaces'}), so it is ignored. Copy the token again from the Partners Dashboard.` });
      continue;
    }
    rememberSecret(value);
    automationToken = { variable, value };
  }
  let store: string | undefined;
  const rawStore = env['SHOPIFY_FLAG_STORE']?.trim();
  if (rawStore) {
    try {
      // Its form only: whether the identity server serves this kind of store is checked where it is used.
      store = normalizeStore(rawStore, DEVELOPMENT_STORES);
    } catch (error) {
      problems.push({ variable: 'SHOPIFY_FLAG_STORE', message: `SHOPIFY_FLAG_STORE is ignored: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { ...(automationToken ? { automationToken } : {}), ...(store ? { store } : {}), problems };
}
