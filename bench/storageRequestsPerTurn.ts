import { messagesFunction } from '../messages/messagesFunction';
import { CollectedResponse } from '../src/bot/http/CollectedResponse';
import { azuriteConnectionString } from '../src/localHost/AzuriteProcess';
import { SimulatedPriceFeed } from '../src/prices/SimulatedPriceFeed';
import { userMessage } from '../test/support/activities';
import { callFunction } from '../test/support/callFunction';
import type { SeenRequest } from '../test/support/CountingProxy';
import { TestApp } from '../test/support/testApp';
import { defaultPatternBot } from './support/defaultPatternBot';
import { printRatio } from './support/stats';

const TURNS = 100;

/** Alternates "pizza" and the toppings: every turn moves the dialog, nothing else changes. */
const steadyTexts = Array.from({ length: TURNS }, (_, i) => (i % 2 ? 'ham' : 'pizza'));

function describe(requests: SeenRequest[]): string {
  const byMethod = new Map<string, number>();
  for (const r of requests) byMethod.set(r.method, (byMethod.get(r.method) ?? 0) + 1);
  return [...byMethod].map(([method, n]) => `${method} ${(n / TURNS).toFixed(2)}`).join(', ');
}

/**
 * Storage requests per steady-state user turn, counted at Azurite (through a counting proxy): the
 * product's messages function beside botbuilder's default pattern (ConversationState + UserState +
 * writing the reference every turn), same dialogs, same storage, same run.
 */
export async function storageRequestsPerTurn(): Promise<void> {
  const env = await TestApp.start();
  try {
    const where = { serviceUrl: env.channel.serviceUrl, conversationId: 'bench-conv' };
    const handler = messagesFunction(env.createApp().endpoint);
    const send = (text: string) => callFunction(handler, JSON.stringify(userMessage(where, text)));
    await send('help');
    await send('help');
    env.proxy.take();
    for (const text of steadyTexts) await send(text);
    const ours = env.proxy.take();

    const baseline = defaultPatternBot(azuriteConnectionString(env.proxy.port), new SimulatedPriceFeed());
    const process = (text: string) =>
      baseline.adapter.process(
        { method: 'POST', headers: {}, body: userMessage({ ...where, conversationId: 'bench-base' }, text) },
        new CollectedResponse(),
        baseline.run,
      );
    await process('help');
    await process('help');
    env.proxy.take();
    for (const text of steadyTexts) await process(text);
    const theirs = env.proxy.take();

    printRatio(
      'Storage requests per steady-state turn',
      ours.length / TURNS,
      theirs.length / TURNS,
      'requests',
    );
    console.log(`  product: ${describe(ours)}; default pattern: ${describe(theirs)} (${TURNS} turns each)`);
  } finally {
    await env.stop();
  }
}
