import { runPacedBroadcast } from '../test/support/runPacedBroadcast';
import { printRatio } from './support/stats';

const RATE = 50;
/** The figure before issue 12 (notify to last answer, 500 recipients), printed beside today's. */
const BEFORE_ISSUE_12 = 43.6;

/**
 * Issue 12: a throttled broadcast reaches the ceiling without going over it, small or large. The
 * achieved rate is recipients per second from the notify call to the last answer (as before issue
 * 12, so it includes planning before the first send); the steady rate is the pacing's alone.
 */
export async function pacedBroadcast(): Promise<void> {
  console.log(`Broadcast at NOTIFY_RATE_PER_SECOND=${RATE}, channel enforcing ${RATE}/s strictly:`);
  for (const recipients of [10, 83, 200, 500]) {
    const run = await runPacedBroadcast(RATE, recipients);
    const line =
      `${run.throttled} answers 429, at most ${run.most} sends in any 1 s, ` +
      `first send ${run.firstMs} ms after the notify call`;
    if (recipients < RATE * 2) {
      console.log(`  ${recipients} recipients: ${line}`);
      continue;
    }
    printRatio(`  ${recipients} recipients, achieved rate / ceiling`, run.perSecond, RATE, 'msg/s');
    printRatio(`  ${recipients} recipients, steady rate / ceiling`, run.steady, RATE, 'msg/s');
    const before = recipients === 500 ? ` (before issue 12: ${BEFORE_ISSUE_12} msg/s achieved)` : '';
    console.log(`    ${line}${before}`);
  }
}
