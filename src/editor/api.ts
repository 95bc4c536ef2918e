import { type CliSession } from '../shopify';
import { toCallerError } from './errors';

/** Wraps every call so a caller gets a clean, token-free Error with a message that says what to do. */
function guarded<A extends unknown[], R>(run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await run(...args);
    } catch (error) {
      throw toCallerError(error);
    }
  };
}

/** What activate() returns: the Shopify CLI's session module, for other extensions (see api/shopify-auth.d.ts). */
export function createSessionApi(cli: CliSession) {
  return {
    ensureAuthenticatedStorefront: guarded((scopes?: readonly string[]) => cli.ensureAuthenticatedStorefront(scopes)),
    ensureAuthenticatedPartners: guarded((scopes?: readonly string[]) => cli.ensureAuthenticatedPartners(scopes)),
    ensureAuthenticatedAdmin: guarded((store?: string, scopes?: readonly string[]) => cli.ensureAuthenticatedAdmin(store, scopes)),
    ensureAuthenticatedBusinessPlatform: guarded((scopes?: readonly string[]) => cli.ensureAuthenticatedBusinessPlatform(scopes)),
    ensureAuthenticatedAppManagement: guarded((scopes?: readonly string[]) => cli.ensureAuthenticatedAppManagement(scopes)),
    ensureAuthenticated: guarded((applications: Parameters<CliSession['ensureAuthenticated']>[0]) => cli.ensureAuthenticated(applications)),
  };
}
