import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import { SharedSendBudget } from '../src/budget/SharedSendBudget';
import { LocalBroadcastStarter } from '../src/localHost/durable/LocalBroadcastStarter';
import { containerNames } from '../src/storage/containerNames';
import { NotifyCalls } from '../test/support/notifyCalls';
import { TestApp } from '../test/support/testApp';
import { printRatio } from './support/stats';

const RATE = 50;
const RECIPIENTS = 200;
/** Storage requests per instance-second before issue 12 (this machine, 2 cores), by run length and instances. */
const BEFORE_ISSUE_12: Record<number, Record<number, number>> = {
  6: { 1: 1.83, 2: 3.33, 4: 3.83 },
  20: { 1: 1.25, 2: 2.5, 4: 2.8 },
};

/** `k` broadcasts to the same 200 recipients at once, on one app, against a channel enforcing 50/s strictly. */
async function concurrentBroadcasts(env: TestApp, k: number) {
  const local = env.createLocalApp({ NOTIFY_RATE_PER_SECOND: String(RATE) });
  const starter = new LocalBroadcastStarter(local.runtime, 'http://localhost:7071');
  const calls = new NotifyCalls(local.services, () => starter);
  const arrivalsBefore = env.channel.arrivals.length;
  const throttledBefore = env.channel.throttled;
  const answers = await Promise.all(
    Array.from({ length: k }, (_, i) => calls.notify({ to: 'all', text: `bench ${k}.${i}` })),
  );
  if (answers.some((a) => a.status !== 202)) throw new Error('a broadcast did not start');
  const started = Date.now();
  await local.runtime.idle();
  const seconds = (Date.now() - started) / 1_000;
  const arrivals = env.channel.arrivals.slice(arrivalsBefore);
  const first = arrivals[0] ?? 0;
  const last = arrivals[arrivals.length - 1] ?? 0;
  const budget = local.services.budget;
  const requests = budget instanceof SharedSendBudget ? budget.ledger.requests : NaN;
  await local.services.channel.close();
  return {
    // Sends per second while sending: the first to the last arrival.
    achieved: (arrivals.length - 1) / ((last - first) / 1_000),
    throttled: env.channel.throttled - throttledBefore,
    sent: arrivals.length,
    requestsPerSecond: requests / seconds,
  };
}

/** `instances` budgets on one storage, each with 16 sends always waiting, for `seconds`: storage requests per instance-second. */
async function budgetsOnly(env: TestApp, instances: number, seconds: number) {
  const container = env.azurite
    .blobs()
    .getContainerClient(`${containerNames.sendBudget}-${instances}-${seconds}`);
  const budgets = Array.from({ length: instances }, () => new SharedSendBudget(RATE, container));
  let granted = 0;
  const until = Date.now() + seconds * 1_000;
  const limit = pLimit(16 * instances);
  const worker = async (budget: SharedSendBudget) => {
    while (Date.now() < until) {
      const permit = await budget.acquire({ channelId: 'test' });
      if (Date.now() < until) granted += 1;
      await sleep(5);
      permit.done();
    }
  };
  await Promise.all(budgets.flatMap((b) => Array.from({ length: 16 }, () => limit(() => worker(b)))));
  const requests = budgets.reduce((sum, b) => sum + b.ledger.requests, 0);
  return { perSecond: granted / seconds, requestsPerInstanceSecond: requests / (instances * seconds) };
}

/** Issue 14: the achieved share of the one budget, and what the shared budget costs in storage. */
export async function sharedBudget(): Promise<void> {
  const env = await TestApp.start();
  env.channel.keep = false;
  env.channel.throttlePerSecond = RATE;
  env.channel.throttleStrict = true;
  try {
    const setup = env.createLocalApp();
    const limit = pLimit(32);
    await Promise.all(
      Array.from({ length: RECIPIENTS }, (_, i) =>
        limit(() =>
          setup.services.references.save({
            channelId: 'test',
            conversationId: `shared-${i}`,
            userId: `shared-user-${i}`,
            serviceUrl: env.channel.serviceUrl,
            reference: {
              channelId: 'test',
              serviceUrl: env.channel.serviceUrl,
              conversation: { id: `shared-${i}` },
              user: { id: `shared-user-${i}` },
              bot: { id: 'bot' },
            },
          }),
        ),
      ),
    );
    console.log(`Shared send budget, NOTIFY_RATE_PER_SECOND=${RATE}, channel enforcing ${RATE}/s strictly:`);
    for (const k of [1, 2, 4]) {
      const run = await concurrentBroadcasts(env, k);
      printRatio(
        `  ${k} concurrent broadcast(s) of ${RECIPIENTS}, achieved rate / budget`,
        run.achieved,
        RATE,
        'msg/s',
      );
      console.log(
        `    ${run.sent} requests, ${run.throttled} answers 429, ${run.requestsPerSecond.toFixed(2)} budget storage requests per second`,
      );
    }
    for (const seconds of [6, 20]) {
      for (const instances of [1, 2, 4]) {
        const run = await budgetsOnly(env, instances, seconds);
        const before = BEFORE_ISSUE_12[seconds]?.[instances];
        console.log(
          `  ${instances} instance(s) sending on one key for ${seconds} s: ${run.perSecond.toFixed(1)} permits/s in all, ` +
            `${run.requestsPerInstanceSecond.toFixed(2)} storage requests per instance-second` +
            (before === undefined ? '' : ` (before issue 12: ${before})`),
        );
      }
    }
  } finally {
    await env.stop();
  }
}
