import { messagesFunction } from '../messages/messagesFunction';
import { CollectedResponse } from '../src/bot/http/CollectedResponse';
import { azuriteConnectionString } from '../src/localHost/AzuriteProcess';
import { SimulatedPriceFeed } from '../src/prices/SimulatedPriceFeed';
import { userMessage } from '../test/support/activities';
import type { Where } from '../test/support/activities';
import { callFunction } from '../test/support/callFunction';
import type { SeenRequest } from '../test/support/CountingProxy';
import { TestApp } from '../test/support/testApp';
import { defaultPatternBot } from './support/defaultPatternBot';
import { printRatio } from './support/stats';

/** First turns counted one at a time (storage requests), then first turns timed 16 at once. */
const COUNTED = 40;
const TIMED = 160;
const AT_ONCE = 16;
const TEXT = 'pizza';

type FirstTurn = (where: Where) => Promise<unknown>;

function describe(requests: SeenRequest[], turns: number): string {
  const byMethod = new Map<string, number>();
  for (const r of requests) byMethod.set(r.method, (byMethod.get(r.method) ?? 0) + 1);
  return [...byMethod].map(([method, n]) => `${method} ${(n / turns).toFixed(2)}`).join(', ');
}

/** Runs `count` first turns (new conversation, new user each), `atOnce` in flight; turns per second. */
async function turnsPerSecond(turn: FirstTurn, env: TestApp, tag: string, count: number, atOnce: number) {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await turn(env.where(`${tag}-${i}`));
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  return count / ((performance.now() - started) / 1000);
}

/**
 * A new user's first turn in a new conversation ("pizza": the dialog starts, so state is created),
 * counted at Azurite through the counting proxy and timed 16 at once: the product's messages function
 * beside botbuilder's default pattern (ConversationState + UserState + the reference written on every
 * turn), same dialogs, same storage, same run. Both are warmed up first (containers exist).
 */
export async function firstTurn(): Promise<void> {
  const env = await TestApp.start();
  try {
    const handler = messagesFunction(env.createApp().endpoint);
    const ours: FirstTurn = async (where) => {
      const answer = await callFunction(handler, JSON.stringify(userMessage(where, TEXT)));
      if (answer.status !== 200) throw new Error(`first turn answered ${answer.status}`);
    };
    const baseline = defaultPatternBot(azuriteConnectionString(env.proxy.port), new SimulatedPriceFeed());
    const theirs: FirstTurn = (where) =>
      baseline.adapter.process(
        { method: 'POST', headers: {}, body: userMessage(where, TEXT) },
        new CollectedResponse(),
        baseline.run,
      );
    await ours(env.where('warm-ours'));
    await theirs(env.where('warm-base'));

    const counted: Record<string, SeenRequest[]> = {};
    for (const [name, turn] of [
      ['ours', ours],
      ['base', theirs],
    ] as const) {
      env.proxy.take();
      for (let i = 0; i < COUNTED; i++) await turn(env.where(`count-${name}-${i}`));
      counted[name] = env.proxy.take();
    }
    const oursSeen = counted.ours ?? [];
    const baseSeen = counted.base ?? [];
    printRatio(
      'Storage requests per first turn of a new user',
      oursSeen.length / COUNTED,
      baseSeen.length / COUNTED,
      'requests',
    );
    console.log(
      `  product: ${describe(oursSeen, COUNTED)}; default pattern: ${describe(baseSeen, COUNTED)} (${COUNTED} turns each)`,
    );

    // Alternate, so that neither side always runs on the emptier Azurite.
    const rates = { ours: [] as number[], base: [] as number[], oursOne: [] as number[] };
    for (let round = 0; round < 2; round++) {
      rates.ours.push(await turnsPerSecond(ours, env, `ours-${round}`, TIMED, AT_ONCE));
      rates.base.push(await turnsPerSecond(theirs, env, `base-${round}`, TIMED, AT_ONCE));
      rates.oursOne.push(await turnsPerSecond(ours, env, `one-${round}`, TIMED / 4, 1));
    }
    const best = (values: number[]) => Math.max(...values);
    printRatio(`First turns per second, ${AT_ONCE} at once`, best(rates.ours), best(rates.base), 'turns/s');
    printRatio(
      `First turns per second, product: ${AT_ONCE} at once vs one at a time`,
      best(rates.ours),
      best(rates.oursOne),
      'turns/s',
    );
  } finally {
    await env.stop();
  }
}
