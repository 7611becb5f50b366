import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Alert } from '../../src/alerts/Alert';
import { botTexts } from '../../src/bot/botTexts';
import { TestApp } from '../support/testApp';

const ALERTS = 150;

test('a tick that fires many alerts hands them to the Durable orchestration, which delivers each once', async () => {
  const env = await TestApp.start();
  const prices = join(mkdtempSync(join(tmpdir(), 'fan-out-')), 'prices.json');
  writeFileSync(prices, JSON.stringify({ GOOG: 151.2 }));
  const local = env.createLocalApp({ PRICE_FEED: `file:${prices}`, NOTIFY_RATE_PER_SECOND: '1000' });
  try {
    const byShard = new Map<number, Alert[]>();
    for (let i = 0; i < ALERTS; i++) {
      const conversationId = `fan-${i}`;
      const userId = `fan-user-${i}`;
      const reference = {
        channelId: 'test',
        serviceUrl: env.channel.serviceUrl,
        conversation: { id: conversationId },
      };
      await local.services.references.save({
        channelId: 'test',
        conversationId,
        userId,
        serviceUrl: env.channel.serviceUrl,
        reference,
      });
      const alert: Alert = {
        id: `fan-alert-${i}`,
        channelId: 'test',
        userId,
        conversationId,
        symbol: 'GOOG',
        direction: 'above',
        threshold: 150,
        createdAt: 0,
      };
      const shard = local.services.alerts.shardOf('test', userId);
      byShard.set(shard, [...(byShard.get(shard) ?? []), alert]);
    }
    for (const [shard, alerts] of byShard) await local.services.alerts.update(shard, () => alerts);

    const report = await local.services.alertTicker.tick('fan-tick', local.alertFanOut);
    assert.deepEqual([report.fannedOut, report.delivered], [true, ALERTS]);
    await local.runtime.idle();
    const status = await local.runtime.status('alerts-fan-tick');
    assert.equal(status?.runtimeStatus, 'Completed');
    assert.deepEqual(status?.output, { sent: ALERTS, gone: 0, failed: 0, pending: 0 });

    const text = botTexts.stockAlert('GOOG', '150', '151.20');
    const received = env.channel.received
      .filter((r) => r.activity.text === text)
      .map((r) => r.conversationId);
    assert.equal(received.length, ALERTS);
    assert.equal(new Set(received).size, ALERTS, 'each alert once');
    const left = (await local.services.alerts.readAll()).flatMap((s) => s.alerts);
    assert.deepEqual(left, [], 'sent alerts are settled (removed)');
    assert.equal((await local.services.alertTicker.tick('next-tick', local.alertFanOut)).delivered, 0);
  } finally {
    await local.runtime.idle();
    await local.services.channel.close();
    await env.stop();
  }
});
