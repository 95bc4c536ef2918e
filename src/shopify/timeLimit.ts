import { ShopifyAuthError } from './errors';

/** Rejects with `message` when `work` has not settled within `ms`; the work itself is not stopped. */
export function timeLimit<T>(work: PromiseLike<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ShopifyAuthError('timeout', message, { transient: true })), ms);
    Promise.resolve(work).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
