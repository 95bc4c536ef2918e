import * as l10n from './text';
import { ShopifyAuthError, isShopifyError } from './errors';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  /** A server asking for a longer wait than this is not waited for: the user is told instead. */
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 400, maxWaitMs: 10_000 };

/** Which failures a request may be sent again after. A refresh can rotate the token on the server, so it is retried only when the server surely did nothing. */
export type Idempotence = 'idempotent' | 'once';

export function mayRetry(error: unknown, idempotence: Idempotence): error is ShopifyAuthError {
  if (!isShopifyError(error) || !error.transient) return false;
  if (idempotence === 'idempotent') return true;
  return error.neverSent || error.code === 'rate-limited' || (error.code === 'server' && error.retryAfterMs !== undefined);
}

export async function withRetries<T>(
  run: () => Promise<T>,
  idempotence: Idempotence,
  options: { policy?: RetryPolicy; signal?: AbortSignal; onRetry?: (error: ShopifyAuthError, delayMs: number) => void } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= policy.attempts || !mayRetry(error, idempotence) || options.signal?.aborted) throw error;
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      const delay = Math.max(backoff, error.retryAfterMs ?? 0);
      if (delay > policy.maxWaitMs) throw error;
      options.onRetry?.(error, delay);
      await pause(delay, options.signal);
    }
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', stop);
      resolve();
    }
    function stop(): void {
      clearTimeout(timer);
      reject(new ShopifyAuthError('cancelled', l10n.t('Cancelled.')));
    }
    signal?.addEventListener('abort', stop, { once: true });
  });
}
