import { after, before } from 'node:test';
import type { AppOptions, AppServices } from '../../src/app/createApp';
import { NotifyCalls } from './notifyCalls';
import { TestApp } from './testApp';

/** A test file's Azurite, loopback channel and app, started before its tests and stopped after. */
export interface NotifyFixture {
  env: TestApp;
  app: AppServices;
  calls: NotifyCalls;
}

/** Registers the file's before/after hooks; the fields are set once `before` ran. */
export function useNotifyFixture(
  settings: Record<string, string> = {},
  options: AppOptions = {},
): NotifyFixture {
  const fixture: Partial<NotifyFixture> = {};
  before(async () => {
    const env = await TestApp.start();
    const app = env.createApp(settings, options);
    Object.assign(fixture, { env, app, calls: new NotifyCalls(app) });
  });
  after(async () => {
    await fixture.app?.channel.close();
    await fixture.env?.stop();
  });
  return fixture as NotifyFixture;
}
