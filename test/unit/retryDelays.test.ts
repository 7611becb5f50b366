import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../../src/delivery/backoffDelay';
import { retryAfterMs } from '../../src/delivery/retryAfterMs';

const options = { minDelayMs: 500, maxDelayMs: 10_000 };

test('backoff doubles from the first delay up to the cap, with jitter in the upper half', () => {
  assert.equal(
    backoffDelay(1, options, () => 0),
    250,
  );
  assert.equal(
    backoffDelay(1, options, () => 1),
    500,
  );
  assert.equal(
    backoffDelay(2, options, () => 1),
    1_000,
  );
  assert.equal(
    backoffDelay(3, options, () => 0.5),
    1_500,
  );
  assert.equal(
    backoffDelay(10, options, () => 1),
    10_000,
  );
  assert.equal(
    backoffDelay(60, options, () => 0),
    5_000,
    'no overflow far out',
  );
});

test('backoff delays differ from one send to the next (jitter)', () => {
  const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3, options)));
  assert.ok(delays.size > 10, `${delays.size} distinct delays of 20`);
  for (const delay of delays) assert.ok(delay >= 1_000 && delay <= 2_000, String(delay));
});

test('Retry-After: delay-seconds or an HTTP date; garbage, negative and absurd values are ignored', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);
  assert.equal(retryAfterMs('1', now), 1_000);
  assert.equal(retryAfterMs(' 2.5 ', now), 2_500);
  assert.equal(retryAfterMs(['3', '9'], now), 3_000);
  assert.equal(retryAfterMs('Wed, 25 Nov 2026 12:00:04 GMT', now), 4_000);
  assert.equal(retryAfterMs('Wed, 25 Nov 2026 11:00:00 GMT', now), 0, 'a date gone by: at once');
  for (const bad of [undefined, '', 'soon', '-1', '1e3', '0x10', '99999999', 'Sat, 99 Foo 2026']) {
    assert.equal(retryAfterMs(bad, now), undefined, String(bad));
  }
});
