// How long until (or since) something, and when, as messages show it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDuration, formatUtc } from '../../../src/shopify/common/duration';

describe('durations and times in messages', () => {
  test('seconds under a minute, minutes under an hour, then hours and minutes; past and future alike', () => {
    assert.equal(formatDuration(0), '0 s');
    assert.equal(formatDuration(59_499), '59 s');
    assert.equal(formatDuration(59_500), '1 min');
    assert.equal(formatDuration(-40_000), '40 s');
    assert.equal(formatDuration(-150_000), '3 min');
    assert.equal(formatDuration(59 * 60_000), '59 min');
    assert.equal(formatDuration(59.5 * 60_000), '1 h');
    assert.equal(formatDuration(3_600_000), '1 h');
    assert.equal(formatDuration(3_900_000), '1 h 5 min');
    assert.equal(formatDuration(26 * 3_600_000 + 60_000), '26 h 1 min');
  });

  test('the time alone for today, with the date for any other day', () => {
    const at = Date.UTC(2026, 10, 23, 14, 5, 30);
    assert.equal(formatUtc(at, Date.UTC(2026, 10, 23, 23, 59)), '14:05 UTC');
    assert.equal(formatUtc(at, Date.UTC(2026, 10, 24, 0, 1)), '2026-11-23 14:05 UTC');
    assert.match(formatUtc(Date.now()), /^\d\d:\d\d UTC$/);
  });
});
