import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConversationState, MemoryStorage } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { AlertCommands } from '../../src/bot/AlertCommands';
import { botTexts } from '../../src/bot/botTexts';
import { MainDialog } from '../../src/bot/dialogs/MainDialog';
import { FilePriceFeed } from '../../src/prices/FilePriceFeed';

function priceFile(prices: Record<string, number>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'prices-')), 'prices.json');
  writeFileSync(file, JSON.stringify(prices));
  return file;
}

/** Records the alert commands the dialog routes to, and answers with what was asked. */
class RecordingAlertCommands implements AlertCommands {
  readonly calls: string[] = [];
  arm(_context: TurnContext, symbol: string, direction: string, threshold: number): Promise<string> {
    this.calls.push(`arm ${symbol} ${direction} ${threshold}`);
    return Promise.resolve(`armed ${symbol} ${direction} ${threshold}`);
  }
  list(): Promise<string> {
    this.calls.push('list');
    return Promise.resolve('the list');
  }
  cancel(_context: TurnContext, symbol: string): Promise<string> {
    this.calls.push(`cancel ${symbol}`);
    return Promise.resolve(`cancelled ${symbol}`);
  }
}

function client(prices: Record<string, number> = { MSFT: 412.5, GOOG: 151.2 }): DialogTestClient {
  const dialog = new MainDialog(new FilePriceFeed(priceFile(prices)), new RecordingAlertCommands());
  return new DialogTestClient('test', dialog, undefined, [], new ConversationState(new MemoryStorage()));
}

/** Each row: what the user says, then what the bot answers to each line, in order. */
const conversations: { name: string; turns: [string, string][] }[] = [
  { name: 'help', turns: [['help', botTexts.help]] },
  {
    name: 'pizza asks for toppings, then confirms',
    turns: [
      ['pizza', botTexts.askToppings],
      ['ham and pineapple', botTexts.pizzaOrdered('ham and pineapple')],
      ['help', botTexts.help],
    ],
  },
  {
    name: 'quote asks for the symbol',
    turns: [
      ['quote', botTexts.askSymbol],
      ['msft', 'The current price of MSFT is 412.50'],
    ],
  },
  {
    name: 'quote re-asks until it gets a symbol',
    turns: [
      ['quote', botTexts.askSymbol],
      ['no idea!!', botTexts.askSymbolAgain],
      ['quote GOOG', 'The current price of GOOG is 151.20'],
    ],
  },
  {
    name: 'quote with a symbol answers at once',
    turns: [['quote MSFT', 'The current price of MSFT is 412.50']],
  },
  {
    name: 'a question about the price answers at once',
    turns: [["What's the current price of MSFT?", 'The current price of MSFT is 412.50']],
  },
  { name: 'an unknown symbol is a friendly reply', turns: [['quote ZZZZ', botTexts.unknownSymbol('ZZZZ')]] },
  { name: 'a bad symbol is a friendly reply', turns: [['quote 42!', botTexts.badSymbol('42')]] },
  { name: 'anything else', turns: [['sing me a song', botTexts.notUnderstood]] },
  {
    name: 'alert commands reach the alert service',
    turns: [
      ['alert GOOG above 150', 'armed GOOG above 150'],
      ['alert me when msft goes below 90.5', 'armed MSFT below 90.5'],
      ['alerts', 'the list'],
      ['cancel alert GOOG', 'cancelled GOOG'],
    ],
  },
  {
    name: 'bad alert commands get friendly replies',
    turns: [
      ['alert GOOG above lots', botTexts.badPrice('lots')],
      ['alert GOOG above -5', botTexts.badPrice('-5')],
      ['alert 123 above 5', botTexts.badSymbol('123')],
      ['alert GOOG', botTexts.alertUsage],
    ],
  },
];

for (const { name, turns } of conversations) {
  test(`conversation: ${name}`, async () => {
    const bot = client();
    for (const [said, expected] of turns) {
      const reply: unknown = await bot.sendActivity(said);
      assert.equal((reply as { text?: string } | undefined)?.text, expected, `after "${said}"`);
      assert.equal(bot.getNextReply(), undefined, `only one reply to "${said}"`);
    }
  });
}

test('a price feed that fails gets an apology, not an error', async () => {
  const dialog = new MainDialog(
    { getPrices: () => Promise.reject(new Error('provider down')) },
    new RecordingAlertCommands(),
  );
  const bot = new DialogTestClient('test', dialog, undefined, [], new ConversationState(new MemoryStorage()));
  const reply: unknown = await bot.sendActivity('quote MSFT');
  assert.equal((reply as { text?: string }).text, botTexts.priceFeedDown);
});
