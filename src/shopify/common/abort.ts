import { ShopifyAuthError } from './errors';

/** The error a cancelled wait ends with: the caller's own reason when it gave one. */
export function abortReason(signal: AbortSignal, fallback = 'Cancelled.'): ShopifyAuthError {
  const reason: unknown = signal.reason;
  return reason instanceof ShopifyAuthError ? reason : new ShopifyAuthError('cancelled', fallback);
}

/** Stops waiting for `work` when `signal` aborts; the work itself goes on (someone else may need it). */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, fallback?: string): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => {}); // its outcome is someone else's now
    return Promise.reject(abortReason(signal, fallback));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal, fallback));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
