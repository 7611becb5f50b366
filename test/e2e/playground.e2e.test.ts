import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { botTexts } from '../../src/bot/botTexts';
import { isPortOpen } from '../../src/cli/isPortOpen';
import { LocalHostProcess } from '../support/LocalHostProcess';
import { TestAzurite } from '../support/testAzurite';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PLAYGROUND_SCRIPT = join(__dirname, '..', '..', 'app', 'playground.js');
/**
 * The walk-through's screenshot. `PLAYGROUND_SCREENSHOT=docs/playground.png` regenerates the
 * README's picture; otherwise it goes to a temporary file, so that a test run changes no tracked file.
 */
const SCREENSHOT =
  process.env.PLAYGROUND_SCREENSHOT ??
  join(mkdtempSync(join(tmpdir(), 'playground-shot-')), 'playground.png');
const KEY = 'playground-e2e-key';
const WAIT_MS = 15_000;
const skip = existsSync(CHROMIUM) ? false : `Chromium cannot run here: ${CHROMIUM} is missing`;
if (skip) console.log(`# skipped: ${skip}`);

let azurite: TestAzurite;
let busy: Server;
let app: LocalHostProcess;
let browser: Browser;
let page: Page;
let playgroundUrl: string;

before(async () => {
  if (skip) return;
  azurite = await TestAzurite.start();
  // PLAYGROUND_PORT names a busy port: the Playground takes another, and npm run playground says which.
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const busyPort = (busy.address() as AddressInfo).port;
  app = await LocalHostProcess.start(
    {
      AzureWebJobsStorage: azurite.connectionString,
      NOTIFY_KEY: KEY,
      PLAYGROUND_PORT: String(busyPort),
    },
    mkdtempSync(join(tmpdir(), 'playground-e2e-')),
    (node, [, ...rest]) => ({ command: node, args: [PLAYGROUND_SCRIPT, ...rest] }),
  );
  const url = /Agents Playground listening on (http:\/\/localhost:(\d+))/.exec(app.output);
  assert.ok(url?.[1] && url[2], app.output);
  assert.notEqual(Number(url[2]), busyPort);
  assert.match(app.output, new RegExp(`Port ${busyPort} is busy: the Agents Playground took port ${url[2]}`));
  playgroundUrl = url[1];
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // Loopback only: the page asks for fonts and scripts on a CDN; none of it is needed.
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    const local = protocol === 'data:' || hostname === 'localhost' || hostname === '127.0.0.1';
    return local ? route.continue() : route.abort();
  });
  page = await context.newPage();
  await page.goto(playgroundUrl);
});

after(async () => {
  if (skip) return;
  await browser?.close();
  const code = await app?.stop('SIGINT');
  busy?.close();
  await azurite?.stop();
  assert.equal(code, 0, app?.output);
  const port = Number(new URL(playgroundUrl).port);
  assert.equal(await isPortOpen(port), false, 'the Playground stops with the app');
});

/** The bot's messages in the open conversation, as the page shows them. */
const botMessages = () => page.locator('.fai-OutputCard');

async function waitForBotMessage(text: string, count = 1): Promise<void> {
  const matching = botMessages().filter({ hasText: text });
  await matching.nth(count - 1).waitFor({ timeout: WAIT_MS });
  assert.equal(await matching.count(), count, `"${text}" shown ${count} time(s)`);
}

async function openChat(name: string): Promise<void> {
  await page.locator(`button[role=treeitem][aria-label="${name}"]`).click();
  await page.locator('[data-lexical-editor=true]').click();
}

async function say(text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test(
  'personal chat in the Agents Playground: pizza, a notify dialog interrupts, done goes back',
  { skip },
  async () => {
    await openChat('Personal Chat');
    await waitForBotMessage(botTexts.welcome);
    await say('pizza');
    await waitForBotMessage(botTexts.askToppings);

    const config = (await (await fetch(`${playgroundUrl}/_internal/v1/config`)).json()) as {
      config: { personalChat: { id: string } };
    };
    const notify = await fetch(`${app.baseUrl}/api/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-functions-key': KEY },
      body: JSON.stringify({ to: { conversationId: config.config.personalChat.id }, mode: 'dialog' }),
    });
    assert.equal(notify.status, 200, await notify.clone().text());
    await waitForBotMessage(botTexts.interruption);

    await say('done');
    await waitForBotMessage(botTexts.askToppings, 2);
    await page.locator('button[title="Hide log panel"]').click(); // it shows local paths
    await page.screenshot({ path: SCREENSHOT });
    assert.ok(statSync(SCREENSHOT).size < 300_000, 'the README screenshot stays small');
  },
);

test('group chat in the Agents Playground: @Proactive Bot help gets the help text', { skip }, async () => {
  await openChat('Group Chat');
  await page.keyboard.type('@Proactive');
  await page.locator('#typeahead-menu [role=menuitem]').filter({ hasText: 'Proactive Bot' }).click();
  await say(' help');
  await page.locator('p', { hasText: 'Proactive Bot' }).last().waitFor({ timeout: WAIT_MS });
  await waitForBotMessage(botTexts.help.split('\n')[0] ?? '');
});
