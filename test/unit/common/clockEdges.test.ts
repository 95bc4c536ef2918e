/** Where a Date header starts to count as a wrong local clock: a minute, plus what the measure itself cannot tell apart. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ServerClock } from '../../../src/shopify/common/clock';

// Server time on a whole second, as Date headers give it.
const SERVER = Date.UTC(2026, 10, 23, 14, 5, 0);
const header = new Date(SERVER).toUTCString();

/** A clock told of one answer whose request left at `sentAt` and whose answer came at `receivedAt` (local time). */
function afterOneAnswer(sentAt: number, receivedAt: number) {
  const warnings: number[] = [];
  const clock = new ServerClock({ local: () => receivedAt, onSkew: (_message, offset) => warnings.push(offset) });
  clock.observe(header, sentAt, receivedAt);
  return { offset: clock.offsetMs, warnings };
}

describe('ServerClock tolerance', () => {
  test('an instant answer: a minute plus half a second of header rounding is tolerated, a millisecond more is not', () => {
    // Local clock 60.5 s slow: the header's whole seconds could account for the half second.
    assert.deepEqual(afterOneAnswer(SERVER - 60_500, SERVER - 60_500), { offset: 0, warnings: [] });
    assert.deepEqual(afterOneAnswer(SERVER - 60_501, SERVER - 60_501), { offset: 60_501, warnings: [60_501] });
    // Exactly a minute off is still "within a minute".
    assert.deepEqual(afterOneAnswer(SERVER + 60_000, SERVER + 60_000), { offset: 0, warnings: [] });
  });

  test('a slow answer widens the doubt by half its round trip, no more', () => {
    // 10 s round trip: the server wrote the header anywhere in it, so 5 s more (5.5 s in all) is doubt.
    const rtt = 10_000;
    const around = (midpoint: number) => afterOneAnswer(midpoint - rtt / 2, midpoint + rtt / 2);
    assert.deepEqual(around(SERVER - 65_000), { offset: 0, warnings: [] }, '65 s off, within 60 s + 5.5 s');
    assert.deepEqual(around(SERVER - 70_000), { offset: 70_000, warnings: [70_000] }, '70 s off is beyond it');
  });
});
