import { raceAbort } from './abort';
import { ShopifyAuthError } from './errors';

/** Rejects with `message` when `work` has not settled within `ms`; the work itself is not stopped. */
export function timeLimit<T>(work: PromiseLike<T>, ms: number, message: string): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ShopifyAuthError('timeout', message, { transient: true })), ms);
  return raceAbort(Promise.resolve(work), deadline.signal).finally(() => clearTimeout(timer));
}
