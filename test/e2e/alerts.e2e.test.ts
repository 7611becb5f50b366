import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { userMessage } from '../support/activities';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { TestChannel } from '../support/TestChannel';
import { TestAzurite } from '../support/testAzurite';

let azurite: TestAzurite;
let channel: TestChannel;
let host: LocalHostProcess;
const folder = mkdtempSync(join(tmpdir(), 'alerts-e2e-'));
const prices = join(folder, 'prices.json');

before(async () => {
  writeFileSync(prices, JSON.stringify({ GOOG: 140, MSFT: 412.5 }));
  azurite = await TestAzurite.start();
  channel = new TestChannel();
  await channel.start();
  host = await LocalHostProcess.start(
    {
      AzureWebJobsStorage: azurite.connectionString,
      PRICE_FEED: `file:${prices}`,
      ALERT_SCHEDULE: '0 0 0 1 1 *',
    },
    folder,
  );
});

after(async () => {
  await host.stop();
  await channel.stop();
  await azurite.stop();
});

test("the seed's transcript: quote, GOOG crosses, the alert interrupts, Yes, then the quote resumes", async () => {
  const where = { serviceUrl: channel.serviceUrl, conversationId: 'seed', userId: 'seed-user' };
  let expected = 0;
  const say = async (text: string, replies = 1): Promise<string[]> => {
    const response = await fetch(`${host.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(userMessage(where, text)),
    });
    assert.equal(response.status, 200);
    expected += replies;
    return (await channel.waitForCount('seed', expected)).slice(-replies);
  };

  assert.deepEqual(await say('alert GOOG above 150'), [
    botTexts.alertArmed('GOOG', 'above', '150', '140.00'),
  ]);
  assert.deepEqual(await say('quote'), ['Which stock symbol?']);

  writeFileSync(prices, JSON.stringify({ GOOG: 151.2, MSFT: 412.5 }));
  const tick = await fetch(`${host.baseUrl}/admin/functions/alertTimer`, {
    method: 'POST',
    body: '{"input": ""}',
  });
  assert.equal(tick.status, 202);
  expected += 1;
  const [alert] = (await channel.waitForCount('seed', expected)).slice(-1);
  assert.equal(
    alert,
    'Sorry to interrupt, but you asked me to warn you when GOOG reached 150. It is now 151.20. Do you want to sell it now?',
  );
  const choices = channel.received.at(-1)?.activity.suggestedActions as
    { actions: { title: string }[] } | undefined;
  assert.deepEqual(
    choices?.actions.map((a) => a.title),
    ['Yes', 'No'],
  );

  assert.deepEqual(await say('Yes', 2), ['Ok, sold.', 'Which stock symbol?']);
  assert.deepEqual(await say('MSFT'), ['The current price of MSFT is 412.50']);
  assert.deepEqual(await say('alerts'), [botTexts.noAlerts]);
});
