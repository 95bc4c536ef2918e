import { abortReason, raceAbort } from './abort';

interface Pending<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  waiting: number;
  /** Joined without a signal: that caller can never give up, so the work must not stop. */
  keptAlive: boolean;
}

/**
 * Shares one pending run per key: every caller asking while it runs gets the same result.
 * Each caller's cancel ends only its own wait; the shared work is told to stop (through the
 * signal it is given) once every caller has given up, never because the first one did.
 */
export class Coalescer<T> {
  private readonly pending = new Map<string, Pending<T>>();

  run(key: string, work: (signal: AbortSignal) => Promise<T>, caller?: AbortSignal): Promise<T> {
    let entry = this.pending.get(key);
    if (!entry) {
      // Nobody would wait for it: starting work here could only spend what the next caller needs.
      if (caller?.aborted) return Promise.reject(abortReason(caller));
      const controller = new AbortController();
      const promise: Promise<T> = work(controller.signal).finally(() => {
        if (this.pending.get(key)?.promise === promise) this.pending.delete(key);
      });
      entry = { promise, controller, waiting: 0, keptAlive: false };
      this.pending.set(key, entry);
    }
    this.join(key, entry, caller);
    return raceAbort(entry.promise, caller);
  }

  get size(): number {
    return this.pending.size;
  }

  private join(key: string, entry: Pending<T>, caller: AbortSignal | undefined): void {
    if (!caller) {
      entry.keptAlive = true;
      return;
    }
    entry.waiting += 1;
    const leave = () => {
      entry.waiting -= 1;
      if (entry.waiting > 0 || entry.keptAlive) return;
      entry.controller.abort(caller.reason);
      // Abandoned: whoever asks next starts afresh instead of joining work that is stopping.
      if (this.pending.get(key) === entry) this.pending.delete(key);
    };
    if (caller.aborted) return leave();
    caller.addEventListener('abort', leave, { once: true });
    void entry.promise.then(
      () => caller.removeEventListener('abort', leave),
      () => caller.removeEventListener('abort', leave),
    );
  }
}
