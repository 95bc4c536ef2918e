import * as l10n from './text';
import { formatDuration } from './duration';

/** Beyond this, the local clock is called wrong; below it, Date headers (whole seconds, plus travel time) are noise. */
export const CLOCK_TOLERANCE_MS = 60_000;

export interface ClockOptions {
  /** The local clock. */
  readonly local?: () => number;
  /** Told once, the first time the local clock is found off by more than the tolerance. */
  readonly onSkew?: (message: string, offsetMs: number) => void;
}

/**
 * Time as the identity server tells it. Token expiry is judged by this clock, so a computer whose clock is wrong
 * neither uses tokens Shopify already considers expired nor throws away good ones. The offset is learned from the
 * Date header of every answer (RFC 9110 §6.6.1) and is zero until an answer shows the local clock off by more
 * than a minute.
 */
export class ServerClock {
  private offset = 0;
  private warned = false;
  private readonly local: () => number;

  constructor(private readonly options: ClockOptions = {}) {
    this.local = options.local ?? Date.now;
  }

  /** Server time minus local time, in ms; 0 while the local clock is within the tolerance. */
  get offsetMs(): number {
    return this.offset;
  }

  readonly now = (): number => this.local() + this.offset;

  /**
   * An answer's Date header, with the local times the request left and the answer arrived: the server wrote the
   * header somewhere in between, so the midpoint is compared.
   */
  observe(dateHeader: string | null, sentAt: number, receivedAt: number): void {
    const measured = measureOffset(dateHeader, sentAt, receivedAt);
    if (measured === undefined) return;
    // Half a second of the header's rounding, plus half the round trip, is what the measure cannot tell apart.
    const slack = 500 + (receivedAt - sentAt) / 2;
    if (Math.abs(measured) <= CLOCK_TOLERANCE_MS + slack) {
      this.offset = 0;
      return;
    }
    this.offset = Math.round(measured);
    if (this.warned) return;
    this.warned = true;
    this.options.onSkew?.(skewMessage(this.offset), this.offset);
  }
}

/** Server time minus local time by one answer's Date header; undefined when there is no readable header. */
export function measureOffset(dateHeader: string | null, sentAt: number, receivedAt: number): number | undefined {
  if (dateHeader === null) return undefined;
  const server = Date.parse(dateHeader);
  return Number.isFinite(server) ? Math.round(server - (sentAt + receivedAt) / 2) : undefined;
}

export function skewMessage(offsetMs: number): string {
  const skew = formatDuration(Math.abs(offsetMs));
  return offsetMs < 0
    ? l10n.t("This computer's clock is {0} ahead of Shopify's. Shopify's time is used to judge when tokens expire; set your date and time to update automatically to fix the clock.", skew)
    : l10n.t("This computer's clock is {0} behind Shopify's. Shopify's time is used to judge when tokens expire; set your date and time to update automatically to fix the clock.", skew);
}
