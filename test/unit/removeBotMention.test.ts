import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import type { Activity } from 'botbuilder';
import { prepareMessageText } from '../../src/bot/teams/prepareMessageText';

const BOT = { id: '28:bot', name: 'Proactive Bot' };

function message(text: string, entities: unknown[], value?: unknown): Activity {
  const activity: Record<string, unknown> = { type: 'message', text, recipient: BOT, entities };
  if (value !== undefined) activity.value = value;
  return activity as unknown as Activity;
}

const botMention = (text: string) => ({ type: 'mention', text, mentioned: { id: BOT.id, name: BOT.name } });

const cases: [string, string, unknown[], string][] = [
  ['plain', '<at>Proactive Bot</at> help', [botMention('<at>Proactive Bot</at>')], 'help'],
  ['twice, two spellings', '<at>PB</at> help <at>Proactive Bot</at>', [botMention('<at>PB</at>')], 'help'],
  ['no entity: left alone', '<at>Proactive Bot</at> help', [], '<at>Proactive Bot</at> help'],
  [
    "someone else's mention: left alone",
    '<at>Alice</at> help',
    [{ type: 'mention', text: '<at>Alice</at>', mentioned: { id: '29:alice', name: 'Alice' } }],
    '<at>Alice</at> help',
  ],
];

for (const [name, text, entities, expected] of cases) {
  test(`the bot's mention is taken out of the text: ${name}`, () => {
    const activity = message(text, entities);
    prepareMessageText(activity);
    assert.equal(activity.text, expected);
  });
}

test('a card press sets the text from value.choice, mentions aside', () => {
  const activity = message('<at>Proactive Bot</at> pizza', [botMention('<at>Proactive Bot</at>')], {
    choice: 'Yes',
  });
  prepareMessageText(activity);
  assert.equal(activity.text, 'Yes');
});

test('200 KB of text with 10,000 mention entities (hostile) is handled in under 50 ms', () => {
  const entities: unknown[] = [];
  for (let index = 0; index < 10_000; index += 1) {
    entities.push(index % 2 ? botMention(`<at>Bot ${index}</at>`) : { type: 'mention', mentioned: null });
  }
  const text = `${'<at>Bot 1</at>&nbsp;'.repeat(10_000)} help`;
  assert.ok(text.length >= 200_000);
  const activity = message(text, entities);
  const started = performance.now();
  prepareMessageText(activity);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 50, `${elapsed.toFixed(1)} ms`);
  assert.ok((activity.text ?? '').length < text.length, 'the first mention went');
});
