import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { Alert } from '../../src/alerts/Alert';
import { AlertStore } from '../../src/alerts/AlertStore';
import { ConversationReferenceStore } from '../../src/references/ConversationReferenceStore';
import { containerNames } from '../../src/storage/containerNames';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { mostInWindow } from '../support/mostInWindow';
import { TestChannel } from '../support/TestChannel';
import { TestAzurite } from '../support/testAzurite';
const RATE = 50;
const RECIPIENTS = 200;
const ALERTS = 40;
const folder = mkdtempSync(join(tmpdir(), 'shared-budget-'));
const prices = join(folder, 'prices.json');
let azurite: TestAzurite;
let channel: TestChannel;
let hosts: LocalHostProcess[] = [];
let references: ConversationReferenceStore;

before(async () => {
  writeFileSync(prices, JSON.stringify({ GOOG: 140 }));
  azurite = await TestAzurite.start();
  channel = new TestChannel();
  await channel.start();
  channel.throttlePerSecond = RATE;
  channel.throttleStrict = true;
  references = new ConversationReferenceStore(azurite.blobs().getContainerClient(containerNames.references));
  const env = {
    AzureWebJobsStorage: azurite.connectionString,
    NOTIFY_RATE_PER_SECOND: String(RATE),
    ALERT_SCHEDULE: '0 0 0 1 1 *',
    PRICE_FEED: `file:${prices}`,
  };
  hosts = await Promise.all([LocalHostProcess.start(env, folder), LocalHostProcess.start(env, folder)]);
});

after(async () => {
  await Promise.all(hosts.map((h) => h.stop()));
  await channel.stop();
  await azurite.stop();
});

async function saveRecipients(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(
      ids.slice(i, i + 20).map(async (conversationId) => {
        await references.pointUser({ channelId: 'test', userId: `user-${conversationId}`, conversationId });
        await references.save({
          channelId: 'test',
          conversationId,
          userId: `user-${conversationId}`,
          serviceUrl: channel.serviceUrl,
          reference: {
            channelId: 'test',
            serviceUrl: channel.serviceUrl,
            conversation: { id: conversationId },
            user: { id: `user-${conversationId}` },
            bot: { id: 'bot' },
          },
        });
      }),
    );
  }
  return ids;
}

async function notify(host: LocalHostProcess, body: object): Promise<{ status: number; json: unknown }> {
  const answer = await fetch(`${host.baseUrl}/api/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: answer.status, json: await answer.json() };
}

async function finished(host: LocalHostProcess, id: string, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await fetch(`${host.baseUrl}/runtime/webhooks/durabletask/instances/${id}`);
    const status = (await answer.json()) as { runtimeStatus: string; output: unknown };
    if (status.runtimeStatus === 'Completed') return status.output;
    await sleep(250);
  }
  throw new Error(`broadcast ${id} not finished in ${timeoutMs} ms:\n${host.output.slice(-2000)}`);
}

/** How many times each conversation received a message with exactly this text. */
function countsOf(text: (t: string) => boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of channel.received) {
    if (typeof r.activity.text === 'string' && text(r.activity.text))
      counts.set(r.conversationId, (counts.get(r.conversationId) ?? 0) + 1);
  }
  return counts;
}

/** Arrivals (every request, throttled or not) per whole second from `from`. */
function perSecond(times: readonly number[], from: number, to: number): number[] {
  const buckets = Array.from({ length: Math.floor((to - from) / 1_000) }, () => 0);
  for (const t of times) {
    const i = Math.floor((t - from) / 1_000);
    if (i >= 0 && i < buckets.length) buckets[i] = (buckets[i] ?? 0) + 1;
  }
  return buckets;
}

test('two hosts on one storage, a channel enforcing 50/s strictly: two broadcasts (one per host), single sends every 150 ms and an alert fan-out stay within the one budget, nothing lost', async () => {
  const ids = await saveRecipients('c', RECIPIENTS);
  const alerts = new AlertStore(azurite.blobs().getContainerClient(containerNames.alerts));
  for (const conversationId of ids.slice(0, ALERTS)) {
    const alert: Alert = {
      id: `alert-${conversationId}`,
      channelId: 'test',
      userId: `user-${conversationId}`,
      conversationId,
      symbol: 'GOOG',
      direction: 'above',
      threshold: 150,
      createdAt: Date.now(),
    };
    await alerts.update(alerts.shardOf('test', alert.userId), (list) => [...list, alert]);
  }
  const [a, b] = hosts;
  assert.ok(a && b);
  const startedAt = Date.now();
  const [fromA, fromB] = await Promise.all([
    notify(a, { to: 'all', text: 'broadcast-A' }),
    notify(b, { to: 'all', text: 'broadcast-B' }),
  ]);
  assert.equal(fromA.status, 202);
  assert.equal(fromB.status, 202);
  writeFileSync(prices, JSON.stringify({ GOOG: 151.2 }));
  const tick = await fetch(`${a.baseUrl}/admin/functions/alertTimer`, {
    method: 'POST',
    body: '{"input": ""}',
  });
  assert.equal(tick.status, 202);
  let done = false;
  const singles: Promise<{ status: string; ms: number }>[] = [];
  const sending = (async () => {
    for (let k = 0; !done; k++) {
      const host = k % 2 === 0 ? a : b;
      const sentAt = Date.now();
      singles.push(
        notify(host, { to: { conversationId: ids[k % RECIPIENTS] }, text: `single-${k}` }).then((answer) => ({
          status:
            (answer.json as { results?: { status: string }[] }).results?.[0]?.status ??
            `HTTP ${answer.status}`,
          ms: Date.now() - sentAt,
        })),
      );
      await sleep(150);
    }
  })();
  const outputs = await Promise.all([
    finished(a, (fromA.json as { id: string }).id, 60_000),
    finished(b, (fromB.json as { id: string }).id, 60_000),
  ]);
  done = true;
  await sending;
  const results = await Promise.all(singles);
  const elapsed = (Date.now() - startedAt) / 1_000;
  const alerted = countsOf((t) => t.startsWith('Sorry to interrupt, but you asked me to warn you when GOOG'));
  const most = mostInWindow(channel.arrivals, 1_000);
  const latencies = results.map((r) => r.ms).sort((x, y) => x - y);
  const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
  console.log(
    `# ${elapsed.toFixed(1)} s: ${channel.accepted} accepted, ${channel.throttled} × 429, at most ${most} arrivals in any 1 s; ` +
      `${results.length} single sends, latency p95 ${p95} ms, max ${latencies.at(-1)} ms; ${alerted.size} alerts`,
  );
  console.log(`# arrivals per second: ${perSecond(channel.arrivals, startedAt, Date.now()).join(' ')}`);
  for (const output of outputs)
    assert.deepEqual(output, { sent: RECIPIENTS, gone: 0, failed: 0, pending: 0 });
  for (const text of ['broadcast-A', 'broadcast-B']) {
    const counts = countsOf((t) => t === text);
    assert.equal(counts.size, RECIPIENTS, `${text}: every recipient`);
    assert.ok(
      [...counts.values()].every((c) => c === 1),
      `${text}: each exactly once`,
    );
  }
  assert.deepEqual(
    results.filter((r) => r.status !== 'sent'),
    [],
    'every single send delivered',
  );
  assert.ok(results.length >= 20, `${results.length} single sends while the broadcasts ran`);
  assert.ok(p95 < 1_000, `single sends' p95 latency ${p95} ms`);
  assert.equal(alerted.size, ALERTS, 'every alert delivered');
  assert.ok(
    [...alerted.values()].every((c) => c === 1),
    'each alert once',
  );
  assert.ok(channel.throttled <= 5, `${channel.throttled} answers 429`);
  assert.ok(most <= RATE * 1.1, `${most} arrivals in one second`);
});

test('2× overload: the channel halves its limit for 10 s mid-broadcast, then restores it; the budget follows it down and back up on both hosts, nothing lost', async () => {
  const ids = await saveRecipients('o', 600);
  const [a, b] = hosts;
  assert.ok(a && b);
  const throttledBefore = channel.throttled;
  const started = await Promise.all([
    notify(a, { to: { userIds: ids.slice(0, 300).map((c) => `user-${c}`) }, text: 'overload-A' }),
    notify(b, { to: { userIds: ids.slice(300).map((c) => `user-${c}`) }, text: 'overload-B' }),
  ]);
  for (const s of started) assert.equal(s.status, 202);
  const isOverload = (t: string) => t.startsWith('overload-');
  const deadline = Date.now() + 20_000;
  while (countsOf(isOverload).size < 100) {
    if (Date.now() > deadline)
      throw new Error(`no sends: ${JSON.stringify(started)}\n${a.output.slice(-3000)}`);
    await sleep(50);
  }
  const lowFrom = Date.now();
  channel.throttlePerSecond = RATE / 2;
  await sleep(10_000);
  const lowTo = Date.now();
  channel.throttlePerSecond = RATE;
  const throttledLow = channel.throttled - throttledBefore;
  const outputs = await Promise.all([
    finished(a, (started[0]?.json as { id: string }).id, 60_000),
    finished(b, (started[1]?.json as { id: string }).id, 60_000),
  ]);
  const end = Date.now();
  const accepted = channel.received.filter((r) => isOverload(String(r.activity.text))).map((r) => r.at);
  const low = perSecond(accepted, lowFrom, lowTo).slice(1);
  const high = perSecond(accepted, lowTo, end);
  const lowMean = low.reduce((sum, n) => sum + n, 0) / low.length;
  console.log(
    `# overload: accepted per second at 25/s: ${low.join(' ')} (mean ${lowMean.toFixed(1)}); ` +
      `after the restore: ${high.join(' ')}; 429s: ${throttledLow} during the low phase, ${channel.throttled - throttledBefore} in all`,
  );
  for (const output of outputs) assert.deepEqual(output, { sent: 300, gone: 0, failed: 0, pending: 0 });
  const counts = countsOf(isOverload);
  assert.equal(counts.size, 600, 'every recipient');
  assert.ok(
    [...counts.values()].every((c) => c === 1),
    'each exactly once',
  );
  assert.ok(lowMean >= 15, `the rate follows the channel down, and keeps going: ${lowMean.toFixed(1)}/s`);
  assert.ok(throttledLow <= 12, `${throttledLow} answers 429 in 10 s: the whole budget backs off`);
  assert.ok(Math.max(...high) >= 40, `the rate comes back up: ${high.join(' ')}`);
});
