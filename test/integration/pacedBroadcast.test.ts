import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPacedBroadcast } from '../support/runPacedBroadcast';

const RATE = 50;

for (const recipients of [83, 500]) {
  test(`a broadcast of ${recipients} at NOTIFY_RATE_PER_SECOND=50, the channel enforcing 50/s strictly: no 429, no burst over the ceiling at the start, the rate near it`, async () => {
    const run = await runPacedBroadcast(RATE, recipients);
    console.log(
      `# ${recipients} recipients: ${run.steady.toFixed(1)} msg/s while sending, ${run.throttled} × 429, ` +
        `at most ${run.most} in any 1 s`,
    );
    assert.deepEqual(run.output, { sent: recipients, gone: 0, failed: 0, pending: 0 });
    assert.equal(run.throttled, 0, `${run.throttled} answers 429`);
    assert.equal(run.requests, recipients, 'one request per recipient: nothing retried');
    assert.ok(run.most <= RATE, `${run.most} sends in one second`);
    assert.ok(run.steady >= 45, `${run.steady.toFixed(1)} msg/s`);
  });
}
