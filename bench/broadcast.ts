import { performance } from 'node:perf_hooks';
import { BlobServiceClient } from '@azure/storage-blob';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ConversationReference } from 'botbuilder';
import pLimit from 'p-limit';
import { PARALLEL_PAGES } from '../src/notify/NotifyService';
import { ConversationReferenceStore } from '../src/references/ConversationReferenceStore';
import { azuriteConnectionString } from '../src/localHost/AzuriteProcess';
import { LocalBroadcastStarter } from '../src/localHost/durable/LocalBroadcastStarter';
import type { StoredReference } from '../src/references/StoredReference';
import { containerNames } from '../src/storage/containerNames';
import { NotifyCalls } from '../test/support/notifyCalls';
import { TestApp } from '../test/support/testApp';
import { pacedBroadcast } from './pacedBroadcast';
import { printRatio } from './support/stats';

/** Pages in flight times sends in flight per page: the same concurrency for the baseline loop. */
const CONCURRENCY = PARALLEL_PAGES * 16;

function referenceFor(i: number, serviceUrl: string): StoredReference {
  const conversationId = `bcast-${i}`;
  const reference = {
    channelId: 'test',
    serviceUrl,
    conversation: { id: conversationId },
    user: { id: `bcast-user-${i}` },
    bot: { id: 'bot' },
  };
  return { channelId: 'test', conversationId, userId: `bcast-user-${i}`, serviceUrl, reference };
}

/** Runs one `to: "all"` broadcast through notify and the local Durable runtime; samples memory meanwhile. */
async function runBroadcast(env: TestApp, rate: number, recipients: number, memory = false) {
  const local = env.createLocalApp({ NOTIFY_RATE_PER_SECOND: String(rate) });
  const starter = new LocalBroadcastStarter(local.runtime, 'http://localhost:7071');
  const calls = new NotifyCalls(local.services, () => starter);
  const limit = pLimit(32);
  await Promise.all(
    Array.from({ length: recipients }, (_, i) =>
      limit(() => local.services.references.save(referenceFor(i, env.channel.serviceUrl))),
    ),
  );
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => {
    if (memory) global.gc?.();
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 200);
  env.proxy.take();
  const acceptedBefore = env.channel.accepted;
  let firstSendAt: number | undefined;
  env.channel.beforeAnswer = () => {
    firstSendAt ??= performance.now();
    return Promise.resolve();
  };
  const started = performance.now();
  const answer = await calls.notify({ to: 'all', text: 'broadcast bench' });
  if (answer.status !== 202) throw new Error(`notify answered ${answer.status}`);
  await local.runtime.idle();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  env.channel.beforeAnswer = undefined;
  const seen = env.proxy.take();
  const requests = seen.length;
  const sent = env.channel.accepted - acceptedBefore;
  await local.services.channel.close();
  if (sent !== recipients) throw new Error(`the channel accepted ${sent} of ${recipients}`);
  return {
    perSecond: sent / seconds,
    requestsPer1000: (requests * 1000) / recipients,
    heapGrowthMb: (peakHeap - heapBefore) / 2 ** 20,
    firstSendMs: (firstSendAt ?? NaN) - started,
    byContainer: perContainer(
      seen.map((r) => r.path),
      recipients,
    ),
  };
}

/**
 * The baseline's storage cost: botbuilder's pattern reads each recipient's reference from storage
 * (here 200 of them, by conversation id, through a fresh store: no cache), per 1,000 recipients.
 */
async function readEachReferencePer1000(env: TestApp): Promise<number> {
  const blobs = BlobServiceClient.fromConnectionString(azuriteConnectionString(env.proxy.port));
  const store = new ConversationReferenceStore(blobs.getContainerClient(containerNames.references));
  const sample = 200;
  await store.findByConversation('bcast-warm-up', 'test'); // the container check, once per process
  env.proxy.take();
  for (let i = 0; i < sample; i++) await store.findByConversation(`bcast-${i}`, 'test');
  return (env.proxy.take().length * 1000) / sample;
}

/** Storage requests per 1,000 recipients by container (the path's second segment), largest first. */
function perContainer(paths: string[], recipients: number): string {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const container = path.split('?')[0]?.split('/')[2] ?? '?';
    counts.set(container, (counts.get(container) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([container, n]) => `${container} ${((n * 1000) / recipients).toFixed(1)}`)
    .join(', ');
}

/**
 * What the first send waited for when every page was planned first: listing every recipient's name
 * (pages of 1,000), then the first page with the references' copies.
 */
async function listEveryName(env: TestApp, recipients: number): Promise<number> {
  const app = env.createApp();
  const started = performance.now();
  const { pages } = await app.references.pageTokens(1000);
  await app.references.page(undefined, 1000, pages[0]?.last);
  const ms = performance.now() - started;
  await app.channel.close();
  if (pages.reduce((n, p) => n + p.size, 0) !== recipients) throw new Error('the listing missed references');
  return ms;
}

/** The baseline: continueConversationAsync + sendActivity over references in memory, same concurrency. */
async function plainLoop(env: TestApp, recipients: number): Promise<number> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const references = Array.from(
    { length: recipients },
    (_, i) => referenceFor(i, env.channel.serviceUrl).reference,
  );
  const limit = pLimit(CONCURRENCY);
  const started = performance.now();
  await Promise.all(
    references.map((reference) =>
      limit(() =>
        adapter.continueConversationAsync(
          '',
          reference as Partial<ConversationReference>,
          async (context) => {
            await context.sendActivity('broadcast bench');
          },
        ),
      ),
    ),
  );
  return recipients / ((performance.now() - started) / 1000);
}

/** Broadcast throughput, storage cost, memory, and pacing against a throttling channel. */
export async function broadcast(): Promise<void> {
  for (const recipients of [1_000, 3_000, 10_000]) {
    const env = await TestApp.start();
    env.channel.keep = false;
    try {
      const ours = await runBroadcast(env, 10_000, recipients);
      const bare = await plainLoop(env, recipients);
      const memory = global.gc ? await runBroadcast(env, 10_000, recipients, true) : undefined;
      console.log(
        `Broadcast to ${recipients} recipients ("all", no channel limit, NOTIFY_RATE_PER_SECOND=10000):`,
      );
      printRatio(`  ${recipients} recipients, messages per second`, ours.perSecond, bare, 'msg/s');
      printRatio(
        `  ${recipients} recipients, storage requests per 1,000 (report on) vs reading each reference`,
        ours.requestsPer1000,
        await readEachReferencePer1000(env),
        'requests',
      );
      console.log(
        `  by container: ${ours.byContainer}; peak live heap growth during the broadcast ` +
          `${memory ? `${memory.heapGrowthMb.toFixed(1)} MB` : 'not measured (run with --expose-gc)'}`,
      );
    } finally {
      await env.stop();
    }
  }
  await firstSend();
  await pacedBroadcast();
}

/** Time to the first send of an unthrottled broadcast to 2,800, beside listing every name first (planning before sending). */
export async function firstSend(): Promise<void> {
  const recipients = 2_800;
  const env = await TestApp.start();
  env.channel.keep = false;
  try {
    const ours = await runBroadcast(env, 10_000, recipients);
    const planningFirst = await listEveryName(env, recipients);
    printRatio(
      `Broadcast to ${recipients}: first send after notify's call vs planning every page, then listing the first (the old way, without its record and send)`,
      ours.firstSendMs,
      planningFirst,
      'ms',
    );
  } finally {
    await env.stop();
  }
}
