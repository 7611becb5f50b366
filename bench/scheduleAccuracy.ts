import { userMessage } from '../test/support/activities';
import { TestApp } from '../test/support/testApp';
import { median, printRatio } from './support/stats';

const SENDS = 20;
const LEAD_MS = 3_000;
const SPACING_MS = 150;

/**
 * Timer accuracy of scheduled sends (`sendAt`) on the local host: SENDS notifies scheduled
 * LEAD_MS ahead, SPACING_MS apart, each to its own conversation; lateness = when the channel received
 * the message − sendAt. Baselines, in the same run: a plain setTimeout to the same instants, and an
 * immediate notify's time from call to arrival (what a send costs once the timer has fired).
 */
export async function scheduleAccuracy(): Promise<void> {
  const env = await TestApp.start();
  const local = env.createLocalApp();
  const port = await local.host.start(0);
  const url = `http://127.0.0.1:${port}`;
  try {
    const conversations = Array.from({ length: SENDS }, (_, i) => `schedule-${i}`);
    for (const id of conversations) {
      const where = { serviceUrl: env.channel.serviceUrl, conversationId: id, userId: `user-${id}` };
      await post(`${url}/api/messages`, userMessage(where, 'help'));
    }
    const immediate: number[] = [];
    for (const id of conversations) {
      const started = Date.now();
      const status = await post(`${url}/api/notify`, { to: { conversationId: id }, text: 'now' });
      if (status !== 200) throw new Error(`notify answered ${status}`);
      immediate.push(arrivalOf(env, id, 'now') - started);
    }
    const first = Date.now() + LEAD_MS;
    const targets = conversations.map((_, i) => first + i * SPACING_MS);
    const baseline = Promise.all(targets.map((target) => timeoutLateness(target)));
    for (const [i, id] of conversations.entries()) {
      const sendAt = new Date(targets[i] ?? 0).toISOString();
      const status = await post(`${url}/api/notify`, {
        to: { conversationId: id },
        text: 'scheduled',
        sendAt,
      });
      if (status !== 202) throw new Error(`notify answered ${status}`);
    }
    const plain = await baseline;
    const ours = await Promise.all(conversations.map((id, i) => arrivalLateness(env, id, targets[i] ?? 0)));
    if (ours.some((late) => late < 0)) throw new Error(`a send arrived early: ${JSON.stringify(ours)}`);
    printRatio(`scheduled send lateness, median of ${SENDS}`, median(ours), median(plain), 'ms');
    printRatio(`scheduled send lateness, max of ${SENDS}`, Math.max(...ours), Math.max(...plain), 'ms');
    printRatio(
      `scheduled send lateness vs an immediate notify (call to arrival), median`,
      median(ours),
      median(immediate),
      'ms',
    );
  } finally {
    await local.runtime.idle();
    await local.host.stop();
    await local.services.channel.close();
    await env.stop();
  }
}

function timeoutLateness(target: number): Promise<number> {
  return new Promise((resolve) => setTimeout(() => resolve(Date.now() - target), target - Date.now()));
}

async function arrivalLateness(env: TestApp, conversationId: string, target: number): Promise<number> {
  await env.channel.waitForCount(conversationId, 3, 30_000);
  return arrivalOf(env, conversationId, 'scheduled') - target;
}

function arrivalOf(env: TestApp, conversationId: string, text: string): number {
  const received = env.channel.received.find(
    (r) => r.conversationId === conversationId && r.activity.text === text,
  );
  if (!received) throw new Error(`"${text}" did not arrive in ${conversationId}`);
  return received.at;
}

/** POSTs JSON to the local host; its answer's status. */
async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}
