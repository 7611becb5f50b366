import { performance } from 'node:perf_hooks';
import { buffer as readAll } from 'node:stream/consumers';
import { BlobServiceClient } from '@azure/storage-blob';
import pLimit from 'p-limit';
import type { Alert } from '../src/alerts/Alert';
import { isCrossed } from '../src/alerts/Alert';
import { azuriteConnectionString } from '../src/localHost/AzuriteProcess';
import { TwelveDataPriceFeed } from '../src/prices/TwelveDataPriceFeed';
import { FakeTwelveData } from '../test/support/FakeTwelveData';
import { TestApp } from '../test/support/testApp';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 100_000);
/**
 * The naive layout costs one blob read and one quote per alert, about 2 ms each against Azurite here,
 * so it is measured on a 10% sample by default and scaled linearly (BENCH_NAIVE_ALERTS=100000 measures
 * it all: about 7 minutes).
 */
const NAIVE_ALERTS = Number(process.env.BENCH_NAIVE_ALERTS ?? ALERTS / 10);
const SYMBOLS = 1_000;
/** One alert in a hundred is set below its symbol's price: 1% cross. */
const CROSSING_EVERY = 100;

function makeAlerts(serviceUrlOwner: string, count = ALERTS): Alert[] {
  return Array.from({ length: count }, (_, i) => {
    const symbol = `S${i % SYMBOLS}`;
    const price = 100 + (i % SYMBOLS);
    const crossing = i % CROSSING_EVERY === 0;
    return {
      id: `alert-${i}`,
      channelId: 'test',
      userId: `${serviceUrlOwner}-user-${i}`,
      conversationId: `tick-conv-${i}`,
      symbol,
      direction: 'above',
      threshold: crossing ? price - 1 : price + 1 + (i % 50),
      createdAt: 0,
    };
  });
}

/**
 * One alertTimer tick over 100,000 armed alerts on 1,000 symbols, 1% crossing: the product's sharded
 * layout (scan, claim, deliver, settle) beside the naive layout (one blob per alert, each read, a
 * quote asked per alert), same Azurite, same quote provider imitation, same run.
 */
export async function alertTick(): Promise<void> {
  const provider = new FakeTwelveData('bench-key');
  await provider.start();
  provider.prices = new Map(Array.from({ length: SYMBOLS }, (_, i) => [`S${i}`, 100 + i]));
  const env = await TestApp.start();
  const app = env.createApp({
    PRICE_FEED: 'twelvedata',
    QUOTE_API_KEY: 'bench-key',
    QUOTE_API_URL: provider.url,
    // The layout is what is measured: deliveries unpaced (by default they keep NOTIFY_RATE_PER_SECOND).
    NOTIFY_RATE_PER_SECOND: '10000',
  });
  try {
    const alerts = makeAlerts('bench');
    const byShard = new Map<number, Alert[]>();
    for (const a of alerts) {
      const shard = app.alerts.shardOf(a.channelId, a.userId);
      byShard.set(shard, [...(byShard.get(shard) ?? []), a]);
    }
    for (const [shard, list] of byShard) await app.alerts.update(shard, () => list);
    const limit = pLimit(32);
    await Promise.all(
      alerts
        .filter((_, i) => i % CROSSING_EVERY === 0)
        .map((a) =>
          limit(() =>
            app.references.save({
              channelId: a.channelId,
              conversationId: a.conversationId,
              userId: a.userId,
              serviceUrl: env.channel.serviceUrl,
              reference: {
                channelId: a.channelId,
                serviceUrl: env.channel.serviceUrl,
                conversation: { id: a.conversationId },
                user: { id: a.userId },
                bot: { id: 'bot' },
              },
            }),
          ),
        ),
    );

    env.proxy.take();
    provider.requests.length = 0;
    const started = performance.now();
    const report = await app.alertTicker.tick();
    const productMs = performance.now() - started;
    const productSeen = env.proxy.take();
    const productRequests = productSeen.length;
    const shardRequests = productSeen.filter((r) => r.path.includes('/price-alerts')).length;
    const productQuotes = provider.requests.length;
    if (report.sent !== ALERTS / CROSSING_EVERY) throw new Error(`sent ${report.sent}`);

    const naive = env.azurite.blobs().getContainerClient('naive-alerts');
    await naive.createIfNotExists();
    const upload = pLimit(32);
    await Promise.all(
      makeAlerts('naive', NAIVE_ALERTS).map((a) =>
        upload(() =>
          naive.getBlockBlobClient(`alerts/${a.id}`).upload(JSON.stringify(a), JSON.stringify(a).length),
        ),
      ),
    );
    const proxied = BlobServiceClient.fromConnectionString(
      azuriteConnectionString(env.proxy.port),
    ).getContainerClient('naive-alerts');
    env.proxy.take();
    provider.requests.length = 0;
    const feed = new TwelveDataPriceFeed('bench-key', provider.url);
    const naiveStarted = performance.now();
    const read = pLimit(32);
    const names: string[] = [];
    for await (const blob of proxied.listBlobsFlat({ prefix: 'alerts/' })) names.push(blob.name);
    const crossed = await Promise.all(
      names.map((name) =>
        read(async () => {
          const body = (await proxied.getBlobClient(name).download()).readableStreamBody;
          const alert = JSON.parse(body ? (await readAll(body)).toString() : '{}') as Alert;
          const price = (await feed.getPrices([alert.symbol])).get(alert.symbol);
          return price !== undefined && isCrossed(alert, price);
        }),
      ),
    );
    const naiveScanMs = performance.now() - naiveStarted;
    const naiveRequests = env.proxy.take().length;
    const naiveQuotes = provider.requests.length;
    if (crossed.filter(Boolean).length !== NAIVE_ALERTS / CROSSING_EVERY)
      throw new Error('naive scan disagrees');
    const scale = ALERTS / NAIVE_ALERTS;
    const naiveMs = naiveScanMs * scale;
    const naiveAll = naiveRequests * scale;
    const naiveQuotesAll = naiveQuotes * scale;

    console.log(
      `Alert tick over ${ALERTS} alerts on ${SYMBOLS} symbols, ${ALERTS / CROSSING_EVERY} crossing:`,
    );
    console.log(
      `  product, whole tick: ${productMs.toFixed(0)} ms, ${productRequests} storage requests ` +
        `(${shardRequests} on the alert shards, the rest delivering ${report.sent} alerts), ${productQuotes} quote requests`,
    );
    const sample = scale === 1 ? '' : ` (measured on ${NAIVE_ALERTS}, scaled x${scale})`;
    console.log(
      `  naive layout, finding the crossed alerts only${sample}: ${naiveMs.toFixed(0)} ms, ` +
        `${naiveAll.toFixed(0)} storage requests, ${naiveQuotesAll.toFixed(0)} quote requests`,
    );
    console.log(
      `  ratios product/naive: time ${(productMs / naiveMs).toFixed(3)}, storage requests ` +
        `${(productRequests / naiveAll).toFixed(4)} (shards alone ${(shardRequests / naiveAll).toFixed(5)}), ` +
        `quote requests ${(productQuotes / naiveQuotesAll).toFixed(5)}`,
    );
  } finally {
    await app.channel.close();
    await env.stop();
    await provider.stop();
  }
}
